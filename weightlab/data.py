"""Toy 2-D binary classification data sets.

Every loader has the signature ``load_<name>(n_train=..., n_test=..., noise=..., seed=...)`` and returns
``X_train, y_train, X_test, y_test`` with ``X`` of shape ``(n, 2)`` and ``y`` of shape ``(n,)`` holding 0/1.
``DATASETS`` maps each name to its loader, so a dropdown, a test loop and the docs iterate one table.
"""
import numpy as np
from sklearn.datasets import make_blobs, make_circles, make_moons

from ._validate import check_choice, check_float, check_int, check_rng


#: the largest seed a loader takes: the test set is drawn with seed + 1, and numpy's RandomState takes seeds < 2**32
MAX_SEED = 2**32 - 2


def _check_common(n_train, n_test, noise, seed):
    n_train = check_int(n_train, "n_train", minimum=2)
    n_test = check_int(n_test, "n_test", minimum=1)
    noise = check_float(noise, "noise", minimum=0.0)
    if isinstance(seed, np.random.Generator):
        raise TypeError("seed must be an int >= 0 here: the train and test sets are drawn from seed and seed + 1")
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    return n_train, n_test, noise, seed


def load_circles(n_train=300, n_test=100, noise=0.05, seed=1, factor=0.8):
    """Two concentric circles (scikit-learn's ``make_circles``).

    The defaults give exactly the points of the classic course experiment (deeplearning.ai, Improving Deep Neural
    Networks, week 1 "Initialization"): 300 training points drawn with seed 1 and 100 test points with seed 2,
    ``noise=0.05`` and scikit-learn's default ``factor=0.8``. The course seeded numpy's global generator; a
    ``RandomState`` with the same seed draws the same numbers without touching the global state.
    """
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    factor = check_float(factor, "factor", minimum=0.0, maximum=1.0)
    if factor >= 1.0:
        raise ValueError(f"factor must be < 1 (inner circle radius / outer), got {factor}")
    X_tr, y_tr = make_circles(n_train, noise=noise, factor=factor, random_state=np.random.RandomState(seed))
    X_te, y_te = make_circles(n_test, noise=noise, factor=factor, random_state=np.random.RandomState(seed + 1))
    return X_tr, y_tr.astype(float), X_te, y_te.astype(float)


def load_moons(n_train=300, n_test=100, noise=0.15, seed=1):
    """Two interleaving half moons (scikit-learn's ``make_moons``)."""
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    X_tr, y_tr = make_moons(n_samples=n_train, noise=noise, random_state=np.random.RandomState(seed))
    X_te, y_te = make_moons(n_samples=n_test, noise=noise, random_state=np.random.RandomState(seed + 1))
    return X_tr, y_tr.astype(float), X_te, y_te.astype(float)


def load_gaussian(n_train=300, n_test=100, noise=1.0, seed=1):
    """Two Gaussian blobs centred at (-1.5, -1.5) and (1.5, 1.5) with standard deviation ``noise``."""
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    centers = [(-1.5, -1.5), (1.5, 1.5)]
    out = []
    for n, s in ((n_train, seed), (n_test, seed + 1)):
        X, y = make_blobs(n_samples=n, centers=centers, cluster_std=noise, random_state=np.random.RandomState(s))
        out += [X, y.astype(float)]
    return tuple(out)


def _xor(n, noise, rng):
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = (np.arange(n) % 2).astype(float)  # half of each class, like the other loaders (both present from n = 2)
    X[(X[:, 0] * X[:, 1] < 0) != (y == 1), 1] *= -1  # mirror into a quadrant of the point's class: still uniform
    return X + noise * rng.standard_normal((n, 2)), y


def load_xor(n_train=300, n_test=100, noise=0.05, seed=1):
    """Points uniform on [-1, 1]²; label 1 where the two coordinates have opposite signs (the XOR quadrants).

    Half the points (every second one) have label 1, drawn uniformly in their two quadrants."""
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    X_tr, y_tr = _xor(n_train, noise, check_rng(seed))
    X_te, y_te = _xor(n_test, noise, check_rng(seed + 1))
    return X_tr, y_tr, X_te, y_te


def _spiral(n, noise, rng):
    y = np.arange(n) % 2
    t = rng.uniform(0.25, 1.0, size=n)  # position along the arm
    angle = 3.0 * np.pi * t + np.pi * y  # the second arm is the first turned by 180 degrees
    X = np.column_stack([t * np.cos(angle), t * np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y.astype(float)


def load_spiral(n_train=300, n_test=100, noise=0.05, seed=1):
    """Two interleaved spiral arms, one per class (as in TensorFlow Playground)."""
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    X_tr, y_tr = _spiral(n_train, noise, check_rng(seed))
    X_te, y_te = _spiral(n_test, noise, check_rng(seed + 1))
    return X_tr, y_tr, X_te, y_te


DATASETS = {
    "circles": load_circles,
    "moons": load_moons,
    "xor": load_xor,
    "spiral": load_spiral,
    "gaussian": load_gaussian,
}


def load_dataset(name, **kwargs):
    """Load a data set of ``DATASETS`` by name; keyword arguments go to its loader."""
    return DATASETS[check_choice(name, "dataset", DATASETS)](**kwargs)
