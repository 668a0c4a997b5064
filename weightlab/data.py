"""Data sets: toy 2-D binary problems, and scikit-learn's 8×8 handwritten digits as a first real one.

Every loader has the signature ``load_<name>(n_train=..., n_test=..., noise=..., seed=...)`` and returns
``X_train, y_train, X_test, y_test`` with ``X`` of shape ``(n, d)`` and ``y`` of shape ``(n,)`` holding the labels
0..k-1 as floats: d = 2 and k = 2 for the toy sets, d = 64 and k = 10 for the digits. ``DATASETS`` maps each name to
a ``Dataset`` entry, called like its loader and carrying d (``n_features``) and k (``n_classes``), so a dropdown, a
test loop and the docs iterate one table.

The circles, moons and blobs are scikit-learn's generators rewritten in numpy, drawing the same numbers (tested), and
the digits are read from scikit-learn's own file: a kernel that loads data never imports scikit-learn or scipy.
"""
import gzip
import importlib.util
import pathlib
from dataclasses import dataclass
from functools import partial
from typing import Callable

import numpy as np
from ._validate import check_choice, check_float, check_int, check_rng


def _train_and_test(draw, n_train, n_test, seed):
    """``X_train, y_train, X_test, y_test`` from ``draw(n, rs)``: the training set from ``RandomState(seed)``, the test
    set from ``RandomState(seed + 1)`` (as the course drew them; numpy's global generator is left alone)."""
    return (*draw(n_train, np.random.RandomState(seed)), *draw(n_test, np.random.RandomState(seed + 1)))


def _shuffled(X, y, rs):
    """The rows of ``X`` and ``y`` in the order scikit-learn's ``utils.shuffle`` gives them with RandomState ``rs``."""
    order = np.arange(len(y))
    rs.shuffle(order)
    return X[order], y[order]


def _two_arcs(n, rs, noise, outer, inner):
    """scikit-learn's ``make_circles``/``make_moons`` in numpy: n // 2 points of class 0 on ``outer(n_out)``, the rest
    of class 1 on ``inner(n_in)`` (each returns x and y coordinates), shuffled, then Gaussian noise, with exactly
    scikit-learn's draws from ``rs`` (tests/test_data.py compares them number for number). Importing scikit-learn's
    datasets (and scipy) would cost a kernel about a second and ~70 MB (benchmarks/bench_notebooks.py)."""
    n_out = n // 2
    n_in = n - n_out
    X = np.column_stack([np.concatenate(parts) for parts in zip(outer(n_out), inner(n_in))])
    y = np.concatenate([np.zeros(n_out), np.ones(n_in)])
    X, y = _shuffled(X, y, rs)
    X += rs.normal(scale=noise, size=X.shape)
    return X, y


def _circle(m, radius=None):
    """x and y of m points evenly spaced on a circle, the first at angle 0 (as make_circles places them)."""
    angle = np.linspace(0, 2 * np.pi, m, endpoint=False)
    x, y = np.cos(angle), np.sin(angle)
    return (x, y) if radius is None else (x * radius, y * radius)


def _half_moon(m, lower=False):
    """x and y of m points evenly spaced on an upper half circle, or on the lower one shifted to (1, 0.5)."""
    angle = np.linspace(0, np.pi, m)
    return (1 - np.cos(angle), 1 - np.sin(angle) - 0.5) if lower else (np.cos(angle), np.sin(angle))


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
    """Two concentric circles: scikit-learn's ``make_circles``, drawn in numpy to the same numbers.

    The defaults give exactly the points of the classic course experiment (deeplearning.ai, Improving Deep Neural
    Networks, week 1 "Initialization"): 300 training points drawn with seed 1 and 100 test points with seed 2,
    ``noise=0.05`` and scikit-learn's default ``factor=0.8``. The course seeded numpy's global generator; a
    ``RandomState`` with the same seed draws the same numbers without touching the global state.
    """
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    factor = check_float(factor, "factor", minimum=0.0, maximum=1.0)
    if factor >= 1.0:
        raise ValueError(f"factor must be < 1 (inner circle radius / outer), got {factor}")
    inner = partial(_circle, radius=factor)
    return _train_and_test(lambda n, rs: _two_arcs(n, rs, noise, _circle, inner), n_train, n_test, seed)


def load_moons(n_train=300, n_test=100, noise=0.15, seed=1):
    """Two interleaving half moons: scikit-learn's ``make_moons``, drawn in numpy to the same numbers."""
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    lower = partial(_half_moon, lower=True)
    return _train_and_test(lambda n, rs: _two_arcs(n, rs, noise, _half_moon, lower), n_train, n_test, seed)


GAUSSIAN_CENTERS = np.array([(-1.5, -1.5), (1.5, 1.5)])


def _blobs(n, noise, rs):
    """scikit-learn's ``make_blobs(n, centers=GAUSSIAN_CENTERS, cluster_std=noise)`` in numpy, with its draws from
    ``rs``: the first (n + 1) // 2 points around the first center, the rest around the second, shuffled."""
    sizes = [n - n // 2, n // 2]
    X = np.concatenate([rs.normal(loc=c, scale=noise, size=(m, 2)) for c, m in zip(GAUSSIAN_CENTERS, sizes)])
    y = np.repeat([0.0, 1.0], sizes)
    return _shuffled(X, y, rs)


def load_gaussian(n_train=300, n_test=100, noise=1.0, seed=1):
    """Two Gaussian blobs centred at (-1.5, -1.5) and (1.5, 1.5) with standard deviation ``noise``."""
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    return _train_and_test(lambda n, rs: _blobs(n, noise, rs), n_train, n_test, seed)


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


def _digits():
    """The 1797 digit images (rows of 64 pixels) and their labels, read from the copy scikit-learn ships
    (``sklearn/datasets/data/digits.csv.gz``, what ``sklearn.datasets.load_digits`` reads) without importing
    scikit-learn and scipy, which would cost a kernel about a second and ~70 MB."""
    spec = importlib.util.find_spec("sklearn")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the digits come with scikit-learn: pip install scikit-learn")
    path = pathlib.Path(spec.submodule_search_locations[0]) / "datasets" / "data" / "digits.csv.gz"
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    return table[:, :-1], table[:, -1]


DIGITS_PREPROCESSING = ("standardize", "unit", "raw")


def load_digits(n_train=1437, n_test=360, noise=0.0, seed=1, preprocessing="standardize"):
    """scikit-learn's handwritten digits: 1797 grey 8×8 images (64 pixels, values 0 to 16) of the digits 0 to 9
    (bundled with scikit-learn: no download), shuffled with ``seed`` and split into ``n_train`` training and ``n_test``
    test images (n_train + n_test <= 1797). ``preprocessing``: "standardize" (each pixel minus its training mean,
    over its training std; the pixels that are 0 in every training image stay 0), "unit" (divided by 16: values in
    [0, 1]) or "raw" (0 to 16). ``noise`` adds Gaussian noise of that std after preprocessing. Labels are 0..9."""
    n_train, n_test, noise, seed = _check_common(n_train, n_test, noise, seed)
    check_choice(preprocessing, "preprocessing", DIGITS_PREPROCESSING)
    X, y = _digits()
    if n_train + n_test > len(y):
        raise ValueError(f"n_train + n_test must be <= {len(y)} (the number of digit images), got "
                         f"{n_train} + {n_test} = {n_train + n_test}")
    order = np.random.RandomState(seed).permutation(len(y))
    train, test = order[:n_train], order[n_train:n_train + n_test]
    X = X.astype(float)
    if preprocessing == "standardize":
        mean, std = X[train].mean(axis=0), X[train].std(axis=0)
        X = (X - mean) / np.where(std > 0, std, 1.0)
    elif preprocessing == "unit":
        X = X / 16.0
    if noise:
        X = X + noise * np.random.RandomState(seed + 1).standard_normal(X.shape)
    return X[train], y[train].astype(float), X[test], y[test].astype(float)


@dataclass(frozen=True)
class Dataset:
    """A table entry: the loader (call the entry as you would call it) and the shape of what it returns."""

    loader: Callable
    n_features: int
    n_classes: int
    description: str

    def __call__(self, **kwargs):
        return self.loader(**kwargs)


DATASETS = {
    "circles": Dataset(load_circles, 2, 2, "two concentric circles (the course's data set)"),
    "moons": Dataset(load_moons, 2, 2, "two interleaving half moons"),
    "xor": Dataset(load_xor, 2, 2, "the four XOR quadrants"),
    "spiral": Dataset(load_spiral, 2, 2, "two spiral arms"),
    "gaussian": Dataset(load_gaussian, 2, 2, "two Gaussian blobs"),
    "digits": Dataset(load_digits, 64, 10, "8×8 images of handwritten digits, 10 classes"),
}


def load_dataset(name, **kwargs):
    """Load a data set of ``DATASETS`` by name; keyword arguments go to its loader."""
    return DATASETS[check_choice(name, "dataset", DATASETS)](**kwargs)
