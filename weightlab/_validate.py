"""Argument checks shared by every public function.

Each check raises a ``ValueError`` or ``TypeError`` whose message names the parameter and says what is allowed,
so a learner who mistypes something in a notebook reads a sentence, not a stack of numpy internals.
"""
import difflib
import numbers

import numpy as np


def check_rng(rng, name="seed"):
    """Return a ``np.random.Generator`` from a seed (int), a Generator, or None (fresh entropy).

    Never touches numpy's global random state.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, (bool, np.bool_)) or not isinstance(rng, numbers.Integral):
        raise TypeError(f"{name} must be an int >= 0 or a numpy.random.Generator, got {type(rng).__name__} {rng!r}")
    if rng < 0:
        raise ValueError(f"{name} must be an int >= 0 or a numpy.random.Generator, got {rng}")
    return np.random.default_rng(int(rng))


def check_int(value, name, minimum=None, maximum=None):
    """Return ``value`` as an int, checking its type and range."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return value


def check_float(value, name, minimum=None, maximum=None, strict_min=False, allow_none=False):
    """Return ``value`` as a finite float, checking its type and range."""
    if value is None and allow_none:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a finite number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if minimum is not None:
        if strict_min and value <= minimum:
            raise ValueError(f"{name} must be > {minimum}, got {value}")
        if not strict_min and value < minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return value


def check_choice(value, name, choices):
    """Return ``value`` if it is one of ``choices`` (a table's keys); otherwise list them and suggest the closest."""
    choices = list(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {choices}; got {type(value).__name__} {value!r}")
    if value in choices:
        return value
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown {name} {value!r}.{hint} Valid names: {', '.join(choices)}")


def check_X(X, name="X", n_features=None):
    """Return ``X`` as a finite float array of shape (n, d) with n >= 1 (and d == ``n_features`` when given: the
    input width of the network it is for)."""
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a numeric array of shape (n_samples, n_features): {exc}") from None
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D with shape (n_samples, n_features), got shape {X.shape}")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {X.shape}); it needs at least one sample and one feature")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if n_features is not None and X.shape[1] != n_features:
        hint = (f" It looks transposed: its {X.shape[0]} rows match the features; pass {name}.T (samples are rows)."
                if X.shape[0] == n_features else "")
        raise ValueError(f"{name} has {X.shape[1]} features (columns) but the network's first layer expects "
                         f"layer_sizes[0] = {n_features}.{hint}")
    return X


def check_y(y, n, name="y", xname="X", n_classes=2):
    """Return ``y`` as a float array of shape (n,) holding only the labels 0 .. n_classes - 1 (0 and 1 by default)."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D with shape (n_samples,), got shape {y.shape}")
    if y.shape[0] != n:
        raise ValueError(f"{name} has {y.shape[0]} labels but {xname} has {n} samples; they must match")
    labels = "the labels 0 and 1" if n_classes == 2 else f"the labels 0 to {n_classes - 1}"
    try:
        yf = y.astype(float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold {labels}, got dtype {y.dtype}") from None
    bad = ~((yf == np.round(yf)) & (yf >= 0) & (yf < n_classes))
    if np.any(bad):
        others = np.unique(y[bad])[:5]
        what = ("(binary classification)" if n_classes == 2 else
                f"({n_classes} classes: the network has {n_classes} output units)")
        raise ValueError(f"{name} must hold only {labels} {what}, found {others.tolist()}")
    return yf


def check_data(X, y, xname="X", yname="y", n_classes=2):
    """Check a feature matrix and its labels together."""
    X = check_X(X, xname)
    return X, check_y(y, X.shape[0], yname, xname, n_classes)


def check_test_data(X_test, y_test, n_features=None, n_classes=2):
    """Optional held-out data: ``None`` when both are None, else ``(X_test, y_test)`` checked like X and y and, with
    ``n_features``, against the network's input width. One given without the other is an error."""
    if X_test is None and y_test is None:
        return None
    if X_test is None or y_test is None:
        raise ValueError("give both X_test and y_test, or neither")
    X_test, y_test = check_data(X_test, y_test, "X_test", "y_test", n_classes)
    return check_X(X_test, "X_test", n_features), y_test
