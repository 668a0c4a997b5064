"""The data sets: shapes, labels, seeds, the course's exact points, clean geometry and bad input."""
import numpy as np
import pytest
from sklearn.datasets import make_circles

from weightlab import DATASETS, load_circles, load_dataset, load_moons, load_spiral, load_xor


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_loader_returns_train_and_test_sets(name):
    state = np.random.get_state()[1].copy()
    X, y, Xt, yt = DATASETS[name](n_train=120, n_test=40, seed=3)
    assert X.shape == (120, 2) and y.shape == (120,) and Xt.shape == (40, 2) and yt.shape == (40,)
    assert set(np.unique(y)) == {0.0, 1.0} and set(np.unique(yt)) == {0.0, 1.0}
    assert not np.array_equal(X[:40], Xt)
    again = DATASETS[name](n_train=120, n_test=40, seed=3)
    np.testing.assert_array_equal(X, again[0])
    assert not np.array_equal(X, DATASETS[name](n_train=120, n_test=40, seed=4)[0])
    np.testing.assert_array_equal(np.random.get_state()[1], state)


def test_default_circles_are_the_course_data():
    X, y, Xt, yt = load_circles()
    ref_train = make_circles(n_samples=300, noise=0.05, random_state=np.random.RandomState(1))
    ref_test = make_circles(n_samples=100, noise=0.05, random_state=np.random.RandomState(2))
    np.testing.assert_array_equal(X, ref_train[0])
    np.testing.assert_array_equal(yt, ref_test[1])


def test_noise_free_geometry():
    X, y, _, _ = load_circles(noise=0.0, factor=0.5)
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.5)
    X, y, _, _ = load_xor(noise=0.0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(float))
    X, y, _, _ = load_spiral(noise=0.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 0], axis=1).max(), 1.0, atol=0.01)
    X, y, _, _ = load_moons(noise=0.0)
    assert X[y == 0, 1].min() >= -1e-12  # the upper moon


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n_train=1), ValueError, "n_train must be >= 2"),
    (dict(n_test=0), ValueError, "n_test must be >= 1"),
    (dict(noise=-0.1), ValueError, "noise must be >= 0"),
    (dict(noise=float("nan")), ValueError, "noise must be a finite number"),
    (dict(seed=-1), ValueError, "seed must be >= 0"),
    (dict(seed=1.5), TypeError, "seed must be an int"),
    (dict(seed=np.random.default_rng(0)), TypeError, "seed must be an int >= 0 here"),
])
def test_bad_input(kwargs, error, match):
    for loader in DATASETS.values():
        with pytest.raises(error, match=match):
            loader(**kwargs)


def test_unknown_dataset_suggests_the_closest():
    with pytest.raises(ValueError, match="Did you mean 'circles'"):
        load_dataset("circle")
    with pytest.raises(ValueError, match="factor must be < 1"):
        load_circles(factor=1.0)
