"""Exercises of notebook 06 (Init Lab)."""
from functools import cache

from . import Exercise
from .coding import function
from .judges import number, one_of

SCALES = (0.1, 1, 10, 100)


def _saturated_at_start(scale):
    from ..data import load_dataset
    from ..mlp import MLP
    X, y, _, _ = load_dataset("circles")
    net = MLP([2, 8, 8, 1], activation="tanh", init="random_normal", scale=scale, seed=0)
    return net.fit(X, y, epochs=1, lr=0.05).stat("saturated")[0, 0]


@cache
def _most_saturated_scale():
    return max(SCALES, key=_saturated_at_start)


@cache
def _moons_final_loss():
    from ..data import load_dataset
    from ..mlp import MLP
    X, y, _, _ = load_dataset("moons")
    net = MLP([2, 8, 8, 1], activation="tanh", init="glorot_uniform", scale=1, bias_init="zeros", seed=0)
    return net.fit(X, y, epochs=1000, lr=0.05).loss[-1]


EXERCISES = [
    Exercise("initlab.most_saturated_scale", "the scale with the most saturated tanh units at the start",
             one_of(_most_saturated_scale, SCALES, "Not this one: read the saturated-units panel at epoch 0 for "
                                                   "each of the four scales."),
             _most_saturated_scale, wrong=[0.1, 1, 10, 3], expects="0.1, 1, 10 or 100"),
    Exercise("initlab.moons_final_loss", "final training loss of the moons setting",
             number(_moons_final_loss, digits=3,
                    too_low="Lower than this setting reaches: check the learning rate (0.05) and the epochs (1000).",
                    too_high="Higher than this setting reaches: check the activation (tanh), the scheme "
                             "(glorot_uniform) and the seed (0)."),
             _moons_final_loss, wrong=[0.0, 0.693, 1.0], expects="a number (the loss, 3 significant figures)"),
]


# ---- coding exercise ----

def _reference_dead(net, X):
    """The fraction of dead units of each hidden layer, as weightlab's own training records it: History.stat("dead")
    at epoch 0, before any update (on a copy, so ``net`` is not trained)."""
    import numpy as np

    from ..mlp import MLP
    twin = MLP(net.layer_sizes, activation=list(net.activations), init="zeros")
    twin.weights, twin.biases = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    labels = (np.arange(len(X)) % 2).astype(float)
    return twin.fit(X, labels, epochs=1, lr=1e-9, record_every=1).stat("dead")[0]


def _check_dead_fraction(call):
    import numpy as np

    from ..data import load_dataset
    from ..mlp import MLP
    from .coding import Wrong, as_array

    X = load_dataset("circles")[0]
    nets = [(MLP([2, 8, 8, 1], seed=0), X, "relu [2, 8, 8, 1], He, seed 0"),
            (MLP([2, 16, 1], init="he_normal", bias_init="constant", bias_options={"value": -0.5}, seed=1), X,
             "relu [2, 16, 1], biases −0.5"),
            (MLP([2, 6, 6, 6, 1], init="zeros", seed=0), X, "relu [2, 6, 6, 6, 1], all weights 0"),
            (MLP([2, 32, 32, 1], scale=10.0, seed=4), X[:5], "relu [2, 32, 32, 1], scale 10, five inputs"),
            (MLP([2, 10, 1], seed=6), X[:1], "relu [2, 10, 1], one input")]
    for net, inputs, what in nets:
        text = f"dead_fraction(net, X) for {what}"
        weights = [W.copy() for W in net.weights]
        fractions = as_array(call(net, inputs.copy()), text, "one fraction per hidden layer")
        if any(not np.array_equal(W, V) for W, V in zip(weights, net.weights)):
            raise Wrong(f"{text} changed the network's weights: only measure.")
        reference = _reference_dead(net, inputs)
        hidden = net.n_layers - 1
        if fractions.shape == (hidden + 1,):
            raise Wrong(f"{text} returned {hidden + 1} values: only the {hidden} hidden layer(s) have relu units; "
                        "leave out the output.")
        if fractions.shape != (hidden,):
            raise Wrong(f"{text} returned shape {fractions.shape}: one fraction per hidden layer, shape ({hidden},).")
        if np.allclose(fractions, reference, atol=1e-12):
            continue
        widths = np.array(net.layer_sizes[1:-1], dtype=float)
        if np.allclose(fractions, reference * widths, atol=1e-9):
            raise Wrong(f"{text} returned {fractions.tolist()}: counts of units; give fractions of each layer's "
                        "width.")
        _, activations = net.forward(inputs)
        zero_share = np.array([np.mean(a == 0) for a in activations[1:]])
        if np.allclose(fractions, zero_share, atol=1e-12):
            raise Wrong(f"{text} returned {np.round(fractions, 3).tolist()}: the share of zero outputs. A dead unit "
                        "is one that outputs 0 for every input, a whole column of the layer's activations.")
        raise Wrong(f"{text} returned {np.round(fractions, 3).tolist()}: revisit the dead units of the lab's last "
                    "panel (a unit that outputs 0 for every input).")
    return ("five relu networks, one input to 300, a dead start and a healthy one; the same fractions as the lab's "
            "dead-units panel (History.stat('dead')).")


EXERCISES.append(
    Exercise("initlab.dead_fraction_code", "write dead_fraction(net, X), the share of dead relu units per layer",
             function("dead_fraction", "dead_fraction(net, X)", _check_dead_fraction), None,
             expects="your function dead_fraction"))
