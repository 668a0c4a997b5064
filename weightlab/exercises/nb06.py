"""Exercises of notebook 06 (Init Lab)."""
from functools import cache

from . import Exercise
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
                                                   "each of the four scales."), _most_saturated_scale, wrong=[0.1, 1, 10, 3], expects="0.1, 1, 10 or 100"),
    Exercise("initlab.moons_final_loss", "final training loss of the moons setting",
             number(_moons_final_loss, digits=3,
                    too_low="Lower than this setting reaches: check the learning rate (0.05) and the epochs (1000).",
                    too_high="Higher than this setting reaches: check the activation (tanh), the scheme "
                             "(glorot_uniform) and the seed (0)."),
             _moons_final_loss, wrong=[0.0, 0.693, 1.0], expects="a number (the loss, 3 significant figures)"),
]
