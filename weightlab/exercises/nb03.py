"""Exercises of notebook 03 (scale)."""
import numpy as np

from . import Exercise
from .judges import number


def _he(fan_in, fan_out, **options):
    from ..initializers import get_initializer
    return get_initializer("kaiming_normal").std(fan_in, fan_out, nonlinearity="relu", **options)


def _he_std():
    return _he(10, 5)


def _sigmoid_max_slope():
    from ..activations import ACTIVATIONS
    act = ACTIVATIONS["sigmoid"]
    z = np.linspace(-10, 10, 20001)
    return float(np.max(act.grad(z, act.f(z))))


def _logit_factor():
    """Ratio of the x10 start's logits to the plain randn start's (the same draws): relu is positively homogeneous,
    so each of the three weight matrices contributes its factor 10."""
    from ..data import load_circles
    from ..experiments import course_weights
    from ..mlp import MLP
    X = load_circles()[0]
    logits = []
    for kind in ("large", "randn"):
        net = MLP([2, 10, 5, 1], activation="relu", init="zeros")
        net.weights = course_weights(net.layer_sizes, kind, factor=1.0)
        logits.append(net.forward(X)[0][-1])
    return float(np.median(logits[0] / logits[1]))


def _lecun_std():
    from ..initializers import get_initializer
    return get_initializer("lecun_normal").std(10, 5)


EXERCISES = [
    Exercise("scale.he_std", "He's standard deviation for fan_in = 10",
             number(_he_std, digits=3,
                    traps=[(lambda: _he(10, 5, mode="fan_out"), "That uses fan_out: He's rule divides by fan_in."),
                           (lambda: _he_std() ** 2, "That is a variance; the question asks for a standard deviation."),
                           (_lecun_std, "That is LeCun's rule: revisit why relu needs He's factor.")],
                    too_low="Too small: revisit He's rule in the table of 'The course experiment'.",
                    too_high="Too large: revisit He's rule in the table of 'The course experiment'."),
             _he_std, wrong=[np.sqrt(2 / 5), 0.2, np.sqrt(0.1), 1.0], expects="a number (3 significant figures)"),
    Exercise("scale.sigmoid_max_slope", "the largest slope of the sigmoid",
             number(_sigmoid_max_slope, digits=2,
                    traps=[(1.0, "1 is tanh's largest slope; the sigmoid is flatter. Revisit the slope curves of "
                                 "'Why large weights hurt: saturation'."),
                           (0.5, "0.5 is σ(0), the value, not the slope.")],
                    too_low="Too small: look for the steepest point of the sigmoid, and its slope there.",
                    too_high="Too large: look for the steepest point of the sigmoid, and its slope there."),
             _sigmoid_max_slope, wrong=[1.0, 0.5, 0.1], expects="a number (2 significant figures)"),
    Exercise("scale.logit_factor", "how much larger the x10 start's logits are than plain randn's",
             number(_logit_factor, digits=3,
                    traps=[(10.0, "That is one layer's factor: what happens to it in the layers after? relu is "
                                  "positively homogeneous, relu(c·z) = c·relu(z) for c > 0."),
                           (30.0, "Scaling factors compound from layer to layer; they do not add."),
                           (100.0, "Count the weight matrices the signal crosses, not the hidden layers.")],
                    too_low="Too small: revisit how a factor on every weight matrix passes through relu layers.",
                    too_high="Too large: revisit how a factor on every weight matrix passes through relu layers, "
                             "and count the matrices."),
             _logit_factor, wrong=[10.0, 30.0, 100.0, 10000.0], expects="a number (3 significant figures)"),
]
