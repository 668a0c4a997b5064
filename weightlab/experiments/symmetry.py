"""Symmetry: identical units, the three zero-init cases step by step, and distinct units counted."""
from collections.abc import Mapping

import numpy as np

from .._validate import check_data, check_float, check_int
from ..activations import ACTIVATIONS
from ..mlp import MLP

def count_distinct_units(net, decimals=8, up_to_scale=False):
    """Number of distinct hidden units per hidden layer, shape (hidden layers,): units whose incoming weights and
    bias are equal (to ``decimals`` places) compute the same function and count once.

    With ``up_to_scale``, in a layer whose activation is positively homogeneous (relu, leaky_relu, linear:
    φ(βz) = β·φ(z) for β > 0) units whose incoming parameters are positive multiples of each other count once too:
    such a unit outputs β times the other's output, a factor the next layer's weight absorbs, so the layer computes
    one function with it, not two. (tanh and sigmoid are not homogeneous: there only equality counts.)
    """
    _check_net(net)
    decimals = check_int(decimals, "decimals")
    counts = []
    for W, b, name in zip(net.weights[:-1], net.biases[:-1], net.activations):
        params = np.vstack([W, b[None, :]]).T  # one row per unit: its incoming weights, then its bias
        if up_to_scale and ACTIVATIONS[name].homogeneous:
            norms = np.linalg.norm(params, axis=1, keepdims=True)
            params = params / np.where(norms > 0, norms, 1.0)  # the direction; an all-zero unit stays zero
        counts.append(len(np.unique(np.round(params, decimals), axis=0)))
    return np.array(counts)


def _check_net(net):
    if not isinstance(net, MLP):
        raise TypeError(f"net must be a weightlab MLP, got {type(net).__name__}")


def symmetry_experiment(X, y, layer_sizes=(2, 10, 5, 1), init="zeros", scale=1.0, bias_init="zeros",
                        activation="tanh", epochs=1000, lr=0.1, record_every=50, seed=0, init_options=None,
                        bias_options=None):
    """Train from ``init`` and count distinct hidden units per layer every ``record_every`` epochs.

    Returns ``epochs`` (shape (k,)), ``distinct`` (shape (k, hidden layers)), ``widths`` and the ``history``.
    """
    X, y = check_data(X, y)
    record_every = check_int(record_every, "record_every", minimum=1)
    net = MLP(layer_sizes, activation=activation, init=init, scale=scale, bias_init=bias_init, seed=seed,
              init_options=init_options, bias_options=bias_options)
    rec_epochs, rec_counts = [], []

    def record(net_, history, epoch):
        rec_epochs.append(epoch)
        rec_counts.append(count_distinct_units(net_))

    history = net.fit(X, y, epochs=epochs, lr=lr, callback=record, callback_every=record_every)
    return {"epochs": np.array(rec_epochs), "distinct": np.array(rec_counts),
            "widths": np.array(net.layer_sizes[1:-1]), "history": history, "net": net}


ZERO_INIT_CASES = {
    "W=0, b=0": dict(init="zeros", bias_init="zeros"),
    "W=0, b random": dict(init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0}),
    "W random, b=0": dict(init="random_normal", init_options={"stddev": 1.0}, bias_init="zeros"),
}


#: a gradient entry counts as moving when its magnitude exceeds this: an entry that is 0 in exact arithmetic comes out
#: of float64 as round-off far below it (~1e-17 on the course's data), a real gradient far above
GRADIENT_TOLERANCE = 1e-10


def gradient_flow_cases(X, y, layer_sizes=(2, 4, 1), activation="relu", steps=2, lr=0.5, seed=0, cases=None,
                        batch_size=None):
    """Which weights and biases receive a gradient at each of the first ``steps`` gradient steps.

    Each step takes one batch: all of ``X`` every time, or, with ``batch_size``, successive batches of that many rows
    (rows 0 to batch_size - 1 first, then the next, wrapping around), as minibatch training would. For each case of
    ``cases`` (default ``ZERO_INIT_CASES``: W=0/b=0, W=0/b random, W random/b=0) returns a list over steps of dicts:
    ``weight_grads`` and ``bias_grads`` (the gradients, one (fan_in, fan_out) or (fan_out,) array per layer),
    boolean masks ``weights`` and ``biases`` (|gradient| > ``GRADIENT_TOLERANCE``, so round-off does not count as
    moving), ``rows`` (the batch's row indices), ``distinct`` and ``distinct_up_to_scale`` (``count_distinct_units``
    before the step, exactly and up to a positive factor), and ``weights_after`` and ``biases_after``: copies of the
    parameters after the step's update.
    """
    X, y = check_data(X, y)
    steps = check_int(steps, "steps", minimum=1)
    lr = check_float(lr, "lr", minimum=0.0, strict_min=True)
    n = len(y)
    batch = n if batch_size is None else check_int(batch_size, "batch_size", minimum=1, maximum=n)
    if cases is not None and not isinstance(cases, Mapping):
        raise TypeError(f"cases must be a dict mapping a name to MLP keyword arguments, got {type(cases).__name__}")
    results = {}
    for name, kwargs in (cases or ZERO_INIT_CASES).items():
        net = MLP(layer_sizes, activation=activation, seed=seed, **kwargs)
        per_step = []
        for step in range(steps):
            rows = np.arange(step * batch, (step + 1) * batch) % n
            gW, gb = net.gradients(X[rows], y[rows])
            per_step.append({"weight_grads": gW, "bias_grads": gb, "rows": rows,
                             "weights": [np.abs(g) > GRADIENT_TOLERANCE for g in gW],
                             "biases": [np.abs(g) > GRADIENT_TOLERANCE for g in gb],
                             "distinct": count_distinct_units(net),
                             "distinct_up_to_scale": count_distinct_units(net, up_to_scale=True)})
            for W, b, dW, db in zip(net.weights, net.biases, gW, gb):
                W -= lr * dW
                b -= lr * db
            per_step[-1]["weights_after"] = [W.copy() for W in net.weights]
            per_step[-1]["biases_after"] = [b.copy() for b in net.biases]
        results[name] = per_step
    return results
