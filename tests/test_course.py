"""The published numbers of the course's initialization exercise, reproduced through the public API.

deeplearning.ai, Improving Deep Neural Networks, week 1 "Initialization": a [2, 10, 5, 1] relu net on make_circles,
full-batch gradient descent, lr 0.01, 15000 iterations. Published accuracies (train / test):
zeros 0.50 / 0.50, randn x10 0.83 / 0.86, He 0.9933 / 0.96.
"""
import numpy as np
import pytest

from weightlab import MLP, load_circles
from weightlab.experiments import course_weights

PUBLISHED = {"zeros": (0.50, 0.50), "large": (0.83, 0.86), "he": (0.9933, 0.96)}


@pytest.fixture(scope="module")
def circles():
    return load_circles()


def test_default_circles_are_the_course_points(circles):
    X, y, Xt, yt = circles
    assert X.shape == (300, 2) and Xt.shape == (100, 2) and y.mean() == 0.5 and yt.mean() == 0.5
    from sklearn.datasets import make_circles  # the course's own call, with its global seed, in a private generator
    ref = make_circles(n_samples=300, noise=0.05, random_state=np.random.RandomState(1))
    np.testing.assert_array_equal(X, ref[0])
    # first training point as printed by the course's dataset (seed 1): not all zero, inside the outer circle
    assert 0.3 < np.linalg.norm(X[0]) < 1.3


@pytest.mark.parametrize("kind", list(PUBLISHED))
def test_course_accuracy_table(circles, kind):
    X, y, Xt, yt = circles
    net = MLP([2, 10, 5, 1], activation="relu", init="zeros")
    net.weights = course_weights(net.layer_sizes, kind)
    hist = net.fit(X, y, epochs=15000, lr=0.01)
    train, test = PUBLISHED[kind]
    assert not hist.diverged
    assert net.accuracy(X, y) == pytest.approx(train, abs=0.004)
    assert net.accuracy(Xt, yt) == pytest.approx(test, abs=0.004)


def test_course_zero_init_loss_never_moves(circles):
    X, y = circles[:2]
    net = MLP([2, 10, 5, 1], init="zeros")
    hist = net.fit(X, y, epochs=1000, lr=0.01)
    np.testing.assert_allclose(hist.loss, np.log(2), rtol=1e-12)  # stuck at log 2: p = 0.5 for every point


def test_he_normal_from_our_own_generator_also_learns_circles(circles):
    X, y, Xt, yt = circles
    accs = []
    for seed in range(3):
        net = MLP([2, 10, 5, 1], init="he_normal", seed=seed)
        net.fit(X, y, epochs=15000, lr=0.01)
        accs.append(net.accuracy(Xt, yt))
    assert min(accs) > 0.9
