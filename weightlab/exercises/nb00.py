"""Exercises of notebook 00 (start here)."""
from functools import cache

import numpy as np

from . import Exercise
from .coding import Wrong, as_array, check_rng_discipline, expect_finite, function, judge_weights
from .judges import number


def _course_net():
    from ..mlp import MLP
    return MLP([2, 10, 5, 1], seed=0)


def _second_layer_weights():
    return _course_net().weights[1].size


@cache
def _zeros_accuracy():
    from ..data import load_circles
    from ..mlp import MLP
    X, y, Xt, yt = load_circles()
    net = MLP([2, 10, 5, 1], init="zeros", seed=0)
    net.fit(X, y, epochs=500, lr=0.05)
    return net.accuracy(Xt, yt)


EXERCISES = [
    Exercise("start.second_layer_weights", "number of weights in net.weights[1] of MLP([2, 10, 5, 1])",
             number(_second_layer_weights, digits=None, traps=[
                 (lambda: _course_net().weights[1].size + _course_net().biases[1].size,
                  "That counts the biases too: the question is about net.weights[1] alone."),
                 (lambda: _course_net().weights[0].size,
                  "That is the first weight matrix, net.weights[0]: Python counts from 0.")],
                    too_low="Too few: a weight matrix holds one weight for every (input, unit) pair; its .shape "
                            "shows both sizes.",
                    too_high="Too many: a weight matrix holds one weight for every (input, unit) pair; its .shape "
                             "shows both sizes."),
             _second_layer_weights, wrong=[20, 55, 15, 100, "fifty"], expects="a whole number"),
    Exercise("start.zeros_accuracy", "test accuracy of the zero-initialized network after 500 epochs",
             number(_zeros_accuracy, digits=2,
                    traps=[(lambda: 100 * _zeros_accuracy(), "Give it as a fraction between 0 and 1, not as a "
                                                             "percentage.")],
                    too_low="Lower than this network gets: train it for 500 epochs with lr=0.05 on X, y, then "
                            "measure on the test points.",
                    too_high="Higher than a network that starts at zero can reach: compare with the small start in "
                             "'A first network', stuck on a flat loss."),
             _zeros_accuracy, wrong=[50, 1.0, 0.9, 0.0], expects="a number between 0 and 1 (2 significant figures)"),
]


# ---- coding exercise ----

def _weights_of(call, layer_sizes, rng, std=None):
    """The learner's init_weights(layer_sizes, rng[, std]) as float arrays, each with the shape of the matching
    weight matrix of weightlab's own MLP; Wrong otherwise."""
    from ..mlp import MLP
    text = f"init_weights({layer_sizes}, rng{'' if std is None else f', std={std}'})"
    result = call(list(layer_sizes), rng) if std is None else call(list(layer_sizes), rng, std=std)
    if result is None:
        raise Wrong(f"{text} returned None: did it forget to `return` the list of weight matrices?")
    if isinstance(result, np.ndarray) or not hasattr(result, "__len__"):
        raise Wrong(f"{text} returned {type(result).__name__}: return a list with one weight matrix per layer.")
    shapes = [W.shape for W in MLP(layer_sizes).weights]
    if len(result) != len(shapes):
        raise Wrong(f"{text} returned {len(result)} matrices; a network {layer_sizes} has {len(shapes)}, one between "
                    "each pair of consecutive layers.")
    matrices = [as_array(W, text, "a weight matrix") for W in result]
    for l, (W, shape) in enumerate(zip(matrices, shapes)):
        if W.shape != shape:
            why = " (that is the transpose: W has one row per input)" if W.shape == shape[::-1] else ""
            raise Wrong(f"{text}: matrix {l} has shape {W.shape}; that layer needs {shape}, one row per input and one "
                        f"column per unit{why}.")
        expect_finite(W, text)
    return text, matrices


def _check_init_weights(call):
    from ..initializers import init_variance
    for sizes in ([2, 10, 5, 1], [3, 1], [1, 1], [1, 4, 4, 4, 1]):
        _weights_of(call, sizes, np.random.default_rng(len(sizes)))
    check_rng_discipline(lambda rng: call([2, 10, 5, 1], rng), "init_weights([2, 10, 5, 1], rng)")
    text, matrices = _weights_of(call, [3, 40, 40, 40, 1], np.random.default_rng(5))
    if np.array_equal(matrices[1], matrices[2]):
        raise Wrong(f"{text}: the 40 × 40 matrices of layers 1 and 2 hold the same numbers. Every layer needs its own "
                    "draws: keep drawing from the one rng you were given, don't start it again.")
    default = init_variance("random_normal", 400, 100)  # Keras' RandomNormal: std 0.05, the default asked for
    text, matrices = _weights_of(call, [400, 100, 1], np.random.default_rng(7))
    judge_weights(matrices[0], default, text, "N(0, 0.05²)", mistakes=[
        (default, "rng.normal's second argument is a standard deviation, and it got a variance.")])
    text, matrices = _weights_of(call, [400, 100, 1], np.random.default_rng(8), std=1.0)
    judge_weights(matrices[0], 1.0, text, "N(0, std²)", mistakes=[
        (default, "the std argument is ignored: the weights must have the standard deviation they are given.")])
    return ("five architectures, several seeds; one (fan_in, fan_out) matrix per layer, each layer its own draws "
            "from the rng, N(0, std²) for the default std = 0.05 and for std = 1.")


EXERCISES.append(
    Exercise("start.init_weights_code", "write init_weights(layer_sizes, rng, std=0.05)",
             function("init_weights", "init_weights(layer_sizes, rng, std=0.05)", _check_init_weights), None,
             expects="your function init_weights"))
