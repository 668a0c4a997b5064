"""The data sets: shapes, labels, seeds, the course's exact points, clean geometry, noise and bad input.

Every property is checked for every loader of ``DATASETS``, so a new data set added to the table is tested at once.
"""
import subprocess
import sys

import numpy as np
import pytest
from sklearn import datasets as sk
from sklearn.datasets import make_circles

from weightlab import DATASETS, load_circles, load_dataset, load_gaussian, load_moons, load_spiral, load_xor

NAMES = list(DATASETS)
TOY = [name for name in NAMES if DATASETS[name].n_features == 2]  # the 2-D binary problems


@pytest.mark.parametrize("name", NAMES)
def test_shapes_and_labels(name):
    entry = DATASETS[name]
    X, y, Xt, yt = entry(n_train=120, n_test=40, seed=3)
    d, k = entry.n_features, entry.n_classes
    assert X.shape == (120, d) and y.shape == (120,) and Xt.shape == (40, d) and yt.shape == (40,)
    assert X.dtype == Xt.dtype == y.dtype == yt.dtype == np.float64
    assert np.isfinite(X).all() and np.isfinite(Xt).all()
    assert set(np.unique(y)) == set(range(k)) and set(np.unique(yt)) <= set(range(k))


@pytest.mark.parametrize("name", TOY)
def test_classes_are_balanced_and_both_present_from_two_points(name):
    # n_train must be >= 2 so that a training set can hold both classes: every loader gives half of each
    for seed in range(10):
        _, y, _, yt = DATASETS[name](n_train=2, n_test=2, seed=seed)
        assert sorted(y) == [0.0, 1.0] and sorted(yt) == [0.0, 1.0]
    _, y, _, yt = DATASETS[name](n_train=121, n_test=7, seed=0)
    assert abs((y == 1).sum() - (y == 0).sum()) <= 1 and abs((yt == 1).sum() - (yt == 0).sum()) <= 1


@pytest.mark.parametrize("name", NAMES)
def test_seeds_reproduce_and_differ(name):
    load = DATASETS[name]
    first, again = load(n_train=40, n_test=40, seed=3), load(n_train=40, n_test=40, seed=3)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    other = load(n_train=40, n_test=40, seed=7)
    assert not np.array_equal(first[0], other[0]) and not np.array_equal(first[2], other[2])
    assert not np.array_equal(first[0], first[2])  # the test set is not the training set


@pytest.mark.parametrize("name", NAMES)
def test_numpy_global_random_state_is_neither_read_nor_changed(name):
    saved = np.random.get_state()
    try:
        np.random.seed(123)
        before = np.random.get_state()
        a = DATASETS[name](seed=5)
        after = np.random.get_state()
        np.testing.assert_array_equal(before[1], after[1])
        assert before[2:] == after[2:]
        np.random.seed(999)  # a different global state changes nothing
        for u, v in zip(a, DATASETS[name](seed=5)):
            np.testing.assert_array_equal(u, v)
    finally:
        np.random.set_state(saved)


def test_default_circles_are_the_course_data():
    # the course ran: np.random.seed(1); make_circles(n_samples=300, noise=.05); then seed 2 and 100 test points
    saved = np.random.get_state()
    try:
        np.random.seed(1)
        train = make_circles(n_samples=300, noise=0.05)
        np.random.seed(2)
        test = make_circles(n_samples=100, noise=0.05)
    finally:
        np.random.set_state(saved)
    X, y, Xt, yt = load_circles()
    np.testing.assert_array_equal(X, train[0])
    np.testing.assert_array_equal(y, train[1])
    np.testing.assert_array_equal(Xt, test[0])
    np.testing.assert_array_equal(yt, test[1])
    # and the same through a private RandomState, as the docstring says
    ref = make_circles(300, noise=0.05, random_state=np.random.RandomState(1))
    np.testing.assert_array_equal(X, ref[0])


SKLEARN_TWINS = {  # each weightlab loader and the scikit-learn call it reproduces, number for number
    "circles": (lambda n, noise, seed: load_circles(n, n + 1, noise, seed, factor=0.5),
                lambda n, noise, rs: sk.make_circles(n, noise=noise, factor=0.5, random_state=rs)),
    "moons": (lambda n, noise, seed: load_moons(n, n + 1, noise, seed),
              lambda n, noise, rs: sk.make_moons(n, noise=noise, random_state=rs)),
    "gaussian": (lambda n, noise, seed: load_gaussian(n, n + 1, noise, seed),
                 lambda n, noise, rs: sk.make_blobs(n, centers=[(-1.5, -1.5), (1.5, 1.5)], cluster_std=noise,
                                                    random_state=rs)),
}


@pytest.mark.parametrize("name", SKLEARN_TWINS)
@pytest.mark.parametrize("n, noise, seed", [(2, 0.0, 0), (7, 0.05, 1), (300, 0.3, 5), (301, 1.5, 2**32 - 2)])
def test_toy_sets_are_scikit_learns_draws_exactly(name, n, noise, seed):
    # weightlab draws them in numpy (no scikit-learn import in a kernel); the points must stay scikit-learn's
    ours, theirs = SKLEARN_TWINS[name]
    X, y, Xt, yt = ours(n, noise, seed)
    for (A, labels), (B, ref) in zip(((X, y), (Xt, yt)), (theirs(n, noise, np.random.RandomState(seed)),
                                                          theirs(n + 1, noise, np.random.RandomState(seed + 1)))):
        np.testing.assert_array_equal(A, B)
        np.testing.assert_array_equal(labels, ref.astype(float))


def test_loading_every_data_set_imports_neither_scikit_learn_nor_scipy():
    code = ("import sys\nfrom weightlab import DATASETS\n"
            "for entry in DATASETS.values(): entry()\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("factor", [0.8, 0.3])
def test_clean_circles_have_radii_one_and_factor(factor):
    X, y, Xt, yt = load_circles(noise=0.0, factor=factor)
    for A, labels in ((X, y), (Xt, yt)):
        radius = np.linalg.norm(A, axis=1)
        np.testing.assert_allclose(radius[labels == 0], 1.0, rtol=1e-12)  # class 0: the outer circle
        np.testing.assert_allclose(radius[labels == 1], factor, rtol=1e-12)


def test_clean_moons_lie_on_two_half_circles():
    X, y, _, _ = load_moons(noise=0.0)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.linalg.norm(upper, axis=1), 1.0, rtol=1e-12)  # centred at (0, 0), y >= 0
    assert upper[:, 1].min() >= -1e-12
    np.testing.assert_allclose(np.linalg.norm(lower - [1.0, 0.5], axis=1), 1.0, rtol=1e-12)  # centred (1, 0.5)
    assert lower[:, 1].max() <= 0.5 + 1e-12


def test_clean_xor_follows_the_sign_rule():
    X, y, Xt, yt = load_xor(n_train=500, noise=0.0)
    for A, labels in ((X, y), (Xt, yt)):
        assert np.abs(A).max() <= 1.0
        np.testing.assert_array_equal(labels, (A[:, 0] * A[:, 1] < 0).astype(float))
    # points cover all four quadrants, about equally
    counts = np.histogram2d(X[:, 0], X[:, 1], bins=[[-1, 0, 1], [-1, 0, 1]])[0]
    assert counts.min() > 0.8 * 500 / 4


def test_clean_spiral_has_two_arms_turned_by_half_a_turn():
    X, y, _, _ = load_spiral(n_train=400, noise=0.0)
    r = np.linalg.norm(X, axis=1)
    assert r.min() >= 0.25 - 1e-12 and r.max() <= 1.0 + 1e-12
    # arm k: angle = 3π·r + π·k (the radius is the position along the arm)
    residual = np.angle(np.exp(1j * (np.arctan2(X[:, 1], X[:, 0]) - 3 * np.pi * r - np.pi * y)))
    np.testing.assert_allclose(residual, 0.0, atol=1e-9)


def test_clean_gaussian_blobs_sit_on_their_centres():
    X, y, _, _ = load_gaussian(noise=0.0)
    np.testing.assert_allclose(X[y == 0], np.broadcast_to([-1.5, -1.5], X[y == 0].shape))
    np.testing.assert_allclose(X[y == 1], np.broadcast_to([1.5, 1.5], X[y == 1].shape))


@pytest.mark.parametrize("name", NAMES)
def test_noise_is_gaussian_jitter_with_that_standard_deviation(name):
    # same seed: the points are the clean ones plus noise times the same standard-normal draws
    load = DATASETS[name]
    clean, a, b = (load(n_train=1400, n_test=20, noise=s, seed=5) for s in (0.0, 0.1, 0.3))
    jitter = (a[0] - clean[0]) / 0.1
    np.testing.assert_allclose((b[0] - clean[0]) / 0.3, jitter, atol=1e-10)
    np.testing.assert_array_equal(a[1], clean[1])  # the noise moves points, never labels
    np.testing.assert_allclose(jitter.std(axis=0), 1.0, rtol=0.06)  # 1400 draws: std known to ~1.9%
    np.testing.assert_allclose(jitter.mean(axis=0), 0.0, atol=0.1)


@pytest.mark.parametrize("name", NAMES)
def test_load_dataset_is_the_table(name):
    for a, b in zip(load_dataset(name, n_train=30, n_test=10, seed=4), DATASETS[name](n_train=30, n_test=10, seed=4)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n_train=0), ValueError, "n_train must be >= 2"),
    (dict(n_train=1), ValueError, "n_train must be >= 2"),
    (dict(n_train=10.0), TypeError, "n_train must be an int"),
    (dict(n_train=True), TypeError, "n_train must be an int"),
    (dict(n_test=0), ValueError, "n_test must be >= 1"),
    (dict(noise=-0.1), ValueError, "noise must be >= 0"),
    (dict(noise=float("nan")), ValueError, "noise must be a finite number"),
    (dict(noise=float("inf")), ValueError, "noise must be a finite number"),
    (dict(noise="0.1"), TypeError, "noise must be a finite number"),
    (dict(seed=-1), ValueError, "seed must be >= 0"),
    (dict(seed=1.5), TypeError, "seed must be an int"),
    (dict(seed=None), TypeError, "seed must be an int"),
    (dict(seed=np.random.default_rng(0)), TypeError, "seed must be an int >= 0 here"),
    (dict(seed=2**32 - 1), ValueError, "seed must be <= 4294967294"),  # the test set uses seed + 1, for every loader
])
@pytest.mark.parametrize("name", NAMES)
def test_bad_input(name, kwargs, error, match):
    with pytest.raises(error, match=match):
        DATASETS[name](**kwargs)


def test_unknown_dataset_suggests_the_closest():
    with pytest.raises(ValueError, match="unknown dataset 'circle'. Did you mean 'circles'"):
        load_dataset("circle")
    with pytest.raises(ValueError, match="Valid names: circles, moons, xor, spiral, gaussian"):
        load_dataset("mnist")
    with pytest.raises(TypeError, match="dataset must be a string"):
        load_dataset(3)
    with pytest.raises(TypeError, match="n_samples"):  # a keyword the loaders do not have is named
        load_dataset("moons", n_samples=10)


@pytest.mark.parametrize("factor, match", [(1.0, "factor must be < 1"), (1.5, "factor must be <= 1"),
                                           (-0.1, "factor must be >= 0"), (float("nan"), "factor must be a finite")])
def test_circles_factor_must_be_below_one(factor, match):
    with pytest.raises(ValueError, match=match):
        load_circles(factor=factor)


def test_digits_are_scikit_learns_images_split_and_standardized():
    from sklearn.datasets import load_digits as sklearn_digits
    images, labels = sklearn_digits(return_X_y=True)
    X, y, Xt, yt = load_dataset("digits", preprocessing="raw")  # read from scikit-learn's file, not through it
    assert len(y) + len(yt) == len(labels) == 1797 and X.shape[1] == 64
    # every training and test image is one of scikit-learn's, with its label, and none is in both sets
    index = {row.tobytes(): i for i, row in enumerate(images.astype(float))}
    train = [index[row.tobytes()] for row in X]
    test = [index[row.tobytes()] for row in Xt]
    assert not set(train) & set(test)
    np.testing.assert_array_equal(y, labels[train])
    np.testing.assert_array_equal(yt, labels[test])
    # standardized with the training set's statistics: mean 0, std 1, except the pixels that are always 0
    Xs, _, Xts, _ = load_dataset("digits")
    std = Xs.std(axis=0)
    np.testing.assert_allclose(Xs.mean(axis=0), 0.0, atol=1e-12)
    assert np.allclose(std[std > 0], 1.0) and np.all(Xs[:, std == 0] == 0)
    assert Xts.shape == Xt.shape and not np.allclose(Xts.mean(axis=0), 0.0, atol=1e-12)  # not re-centred on test
    unit = load_dataset("digits", preprocessing="unit")[0]
    assert unit.min() == 0.0 and unit.max() == 1.0
    with pytest.raises(ValueError, match="n_train \\+ n_test must be <= 1797"):
        load_dataset("digits", n_train=1500, n_test=400)
    with pytest.raises(ValueError, match="Did you mean 'standardize'"):
        load_dataset("digits", preprocessing="standardise")
