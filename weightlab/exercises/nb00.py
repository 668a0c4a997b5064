"""Exercises of notebook 00 (start here)."""
from functools import cache

from . import Exercise
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
