"""Trained networks compared: restarts, the scale sweep, convex starts, and the course's exact weights."""
from collections.abc import Mapping

import numpy as np

from .._validate import check_choice, check_data, check_float, check_int, check_test_data
from ..activations import ACTIVATIONS
from ..ensemble import MLPEnsemble
from ..initializers import get_initializer
from ..mlp import MLP, _check_layer_sizes

def train_restarts(X, y, layer_sizes=(2, 10, 5, 1), n_restarts=100, first_seed=0, epochs=2000, lr=0.1,
                   X_test=None, y_test=None, should_stop=None, **net_kwargs):
    """Train ``n_restarts`` copies of one network from seeds ``first_seed, first_seed+1, ...`` in one vectorized run.

    Returns a dict: ``seeds``, ``final_loss``, ``train_accuracy``, ``test_accuracy`` (or None), ``loss`` curves
    (n_restarts, epochs), ``diverged`` mask and ``best``: the index of the lowest final training loss.
    ``should_stop`` goes to ``MLPEnsemble.fit``: when it returns True the run ends early and ``stopped_early`` is
    True (the numbers then describe an unfinished run).
    """
    n_restarts = check_int(n_restarts, "n_restarts", minimum=1)
    first_seed = check_int(first_seed, "first_seed", minimum=0)
    check_test_data(X_test, y_test)
    ens = MLPEnsemble(layer_sizes, range(first_seed, first_seed + n_restarts), **net_kwargs)
    history = ens.fit(X, y, epochs=epochs, lr=lr, X_test=X_test, y_test=y_test, should_stop=should_stop)
    final = history.final_loss
    ok = ~history.diverged & np.isfinite(final)  # (a stopped run can leave members without any loss)
    return {"seeds": history.seeds, "final_loss": final, "train_accuracy": history.train_accuracy,
            "test_accuracy": history.test_accuracy, "loss": history.loss, "diverged": history.diverged,
            "best": int(np.nanargmin(np.where(ok, final, np.nan))) if ok.any() else -1,
            "stopped_early": history.stopped_early, "ensemble": ens}


def scale_sweep(X, y, X_test=None, y_test=None, layer_sizes=(2, 10, 5, 1), schemes=("he_normal", "glorot_normal"),
                scales=None, n_seeds=3, epochs=1000, lr=0.05, activation="relu"):
    """Final accuracy over a log-spaced range of init scales for several schemes (the U-shaped curve).

    Returns ``scales``, ``schemes`` and arrays of shape (schemes, scales, seeds): ``train_accuracy``,
    ``test_accuracy`` (if test data is given), ``final_loss`` and ``diverged``.
    """
    X, y = check_data(X, y)
    check_test_data(X_test, y_test)
    if isinstance(schemes, str):
        raise TypeError(f"schemes must be a list of initializer names, like [{schemes!r}]; got the string {schemes!r}")
    schemes = list(schemes)
    for scheme in schemes:
        get_initializer(scheme)  # an unknown name fails now, not after the other schemes have trained
    check_choice(activation, "activation", ACTIVATIONS)
    scales = np.logspace(-3, 2, 11) if scales is None else np.asarray(scales, dtype=float)
    if scales.ndim != 1:
        raise ValueError(f"scales must be a 1-D list of numbers >= 0, got shape {scales.shape}")
    for s in scales:
        check_float(s, "scales", minimum=0.0)
    n_seeds = check_int(n_seeds, "n_seeds", minimum=1)
    shape = (len(schemes), len(scales), n_seeds)
    out = {"scales": scales, "schemes": list(schemes), "train_accuracy": np.empty(shape),
           "test_accuracy": np.full(shape, np.nan), "final_loss": np.empty(shape), "diverged": np.empty(shape, bool)}
    # every (scheme, scale, seed) is one member of one ensemble, trained in one vectorized run: each member starts
    # from the weights of the small ensemble of its scheme and scale (MLP(..., seed=seed)'s), and members are
    # independent, so this is the same as training the small ensembles one after the other
    settings = [(scheme, s) for scheme in schemes for s in scales]
    everything = MLPEnsemble(layer_sizes, list(range(n_seeds)) * len(settings), activation=activation,
                             init="zeros")  # a placeholder: every member's weights are set below
    for k, (scheme, s) in enumerate(settings):
        small = MLPEnsemble(layer_sizes, range(n_seeds), activation=activation, init=scheme, scale=s)
        for W_all, b_all, W, b in zip(everything.weights, everything.biases, small.weights, small.biases):
            W_all[k * n_seeds:(k + 1) * n_seeds] = W
            b_all[k * n_seeds:(k + 1) * n_seeds] = b
    history = everything.fit(X, y, epochs=epochs, lr=lr, X_test=X_test, y_test=y_test)
    out["train_accuracy"][...] = history.train_accuracy.reshape(shape)
    out["final_loss"][...] = history.final_loss.reshape(shape)
    out["diverged"][...] = history.diverged.reshape(shape)
    if X_test is not None:
        out["test_accuracy"][...] = history.test_accuracy.reshape(shape)
    return out


def logistic_starts(X, y, starts=None, epochs=3000, lr=0.5):
    """Logistic regression (an MLP with no hidden layer) trained from several starts: it is convex, so every start
    reaches the same optimum. ``starts`` maps a label to MLP keyword arguments (default: zeros and three random
    normal starts with stddev 1). Returns ``labels``, ``weights`` (starts, d+1: weights then bias) and ``loss``
    curves (starts, epochs)."""
    X, y = check_data(X, y)
    if starts is not None and not isinstance(starts, Mapping):
        raise TypeError(f"starts must be a dict mapping a label to MLP keyword arguments, got {type(starts).__name__}")
    if starts is not None and not starts:
        raise ValueError("starts is empty: give at least one start, or None for the default four")
    starts = starts or {"zeros": dict(init="zeros"),
                        **{f"random (seed {s})": dict(init="random_normal", init_options={"stddev": 1.0},
                                                      bias_init="random_normal", bias_options={"stddev": 1.0}, seed=s)
                           for s in (1, 2, 3)}}
    labels, weights, losses = [], [], []
    for label, kwargs in starts.items():
        net = MLP([X.shape[1], 1], **kwargs)
        history = net.fit(X, y, epochs=epochs, lr=lr)
        labels.append(label)
        weights.append(np.concatenate([net.weights[0][:, 0], net.biases[0]]))
        losses.append(history.loss)
    return {"labels": labels, "weights": np.array(weights), "loss": np.array(losses)}


def course_weights(layer_sizes, kind, seed=3, factor=1.0):
    """The weights of the course's initialization exercise, drawn exactly as the course drew them.

    The course (deeplearning.ai, Improving Deep Neural Networks, week 1) seeded numpy's legacy generator with 3 and
    drew each layer as ``randn(fan_out, fan_in)`` times 10 (``kind="large"``) or times sqrt(2 / fan_in) (``"he"``);
    ``"zeros"`` is all zeros, and ``"randn"`` the same draws times any ``factor`` (0.1, 1/3, ...). A private
    ``RandomState(seed)`` gives the same numbers without the global state; the matrices are transposed to
    weightlab's (fan_in, fan_out). Biases were zeros in every case.
    """
    layer_sizes = _check_layer_sizes(layer_sizes)
    check_choice(kind, "kind", ["zeros", "large", "he", "randn"])
    factor = check_float(factor, "factor", minimum=0.0)
    rs = np.random.RandomState(check_int(seed, "seed", minimum=0))
    out = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if kind == "zeros":
            out.append(np.zeros((fan_in, fan_out)))
        else:
            multiplier = {"large": 10.0, "he": np.sqrt(2.0 / fan_in), "randn": factor}[kind]
            out.append(rs.randn(fan_out, fan_in).T * multiplier)
    return out
