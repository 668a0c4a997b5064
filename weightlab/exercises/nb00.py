"""Exercises of notebook 00 (start here)."""
from functools import cache

from . import Exercise
from .judges import number


def _second_layer_weights():
    from ..mlp import MLP
    return MLP([2, 10, 5, 1], seed=0).weights[1].size


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
             number(_second_layer_weights, rel=0, traps=[(55, "That counts the biases too: 10 x 5 weights only."),
                                                          (20, "That is the first layer: 2 x 10.")],
                    too_low="Too few: the second matrix connects 10 units to 5.",
                    too_high="Too many: the second matrix connects 10 units to 5."),
             _second_layer_weights, wrong=[20, 55, 15, 100, "fifty"], expects="a whole number"),
    Exercise("start.zeros_accuracy", "test accuracy of the zero-initialized network after 500 epochs",
             number(_zeros_accuracy, rel=0.01, traps=[(50, "Give it as a fraction between 0 and 1, not a percentage.")],
                    too_low="Lower than what training gives: did you train it for 500 epochs with lr=0.05?",
                    too_high="Higher than it can get: a zero-initialized network predicts one class for every point."),
             _zeros_accuracy, wrong=[50, 1.0, 0.9, 0.0], expects="a number between 0 and 1"),
]
