"""Exercises of notebook 04 (variance through depth)."""
from . import Exercise
from .judges import number


def _one_layer_variance():
    return 100 * 0.2**2 * 1.0


def _lecun_relu_decay():
    from ..experiments import theory_variance
    q = theory_variance(20, "relu", 1 / 256, 256)
    return q[-1] / q[0]


def _xavier_forward_factor():
    from ..initializers import get_initializer
    return 512 * get_initializer("glorot_normal").variance(512, 256)


EXERCISES = [
    Exercise("depth.one_layer_variance", "Var(y) for 100 inputs and weight std 0.2",
             number(_one_layer_variance, rel=0.01, traps=[(20.0, "Use the variance of the weights, 0.2² = 0.04, "
                                                                  "not their standard deviation."),
                                                          (0.04, "That is Var(w): multiply by the number of inputs."),
                                                          (2.0, "Var(y) is n·Var(w)·Var(x) = 100 × 0.04 × 1.")]),
             _one_layer_variance, wrong=[20.0, 0.04, 2.0, 1.0], expects="a number"),
    Exercise("depth.lecun_relu_decay", "Var(z20)/Var(z1) for relu with LeCun's rule",
             number(_lecun_relu_decay, rel=0.02, traps=[(1.0, "That would be He's rule; LeCun's has no factor 2, and "
                                                             "relu halves E[φ(z)²]."),
                                                        (0.5**20, "Count the steps: from layer 1 to layer 20 there are "
                                                                  "19 layers in between, not 20.")],
                    too_low="Too small: each layer halves the variance; count the halvings from layer 1 to 20.",
                    too_high="Too large: under relu, LeCun's rule loses half the variance at every layer."),
             _lecun_relu_decay, wrong=[1.0, 0.5**20, 0.5, 0.1], expects="a number (a ratio)"),
    Exercise("depth.xavier_forward_factor", "forward variance factor of a 512 -> 256 linear layer with Xavier",
             number(_xavier_forward_factor, rel=0.01,
                    traps=[(2 / 3, "2/3 = fan_out·Var(w) is the backward factor: forward sums over the 512 inputs."),
                           (1.0, "1 would be LeCun's rule (1/fan_in); Xavier divides by the average of both fans."),
                           (2.0, "2 = fan_in·(2/fan_in) would be He's rule; Xavier uses 2/(fan_in + fan_out)."),
                           (0.0026, "That is Var(w) itself, 2/768: multiply by fan_in.")]),
             _xavier_forward_factor, wrong=[2 / 3, 1.0, 2.0, 0.0026, 0.5], expects="a number"),
]
