"""Exercises of notebook 03 (scale)."""
import numpy as np

from . import Exercise
from .judges import number


def _he_std():
    from ..initializers import get_initializer
    return get_initializer("kaiming_normal").std(10, 5)


def _sigmoid_max_slope():
    from ..activations import ACTIVATIONS
    act = ACTIVATIONS["sigmoid"]
    z = np.linspace(-10, 10, 20001)
    return float(np.max(act.grad(z, act.f(z))))


EXERCISES = [
    Exercise("scale.he_std", "He's standard deviation for fan_in = 10",
             number(_he_std, rel=0.01, traps=[(np.sqrt(2 / 5), "That uses fan_out = 5: He's rule divides by fan_in."),
                                              (0.2, "0.2 is the variance 2/10: the standard deviation is its root."),
                                              (np.sqrt(1 / 10), "That is LeCun's rule, √(1/fan_in): He doubles the "
                                                                "variance for relu.")]),
             _he_std, wrong=[np.sqrt(2 / 5), 0.2, np.sqrt(0.1), 1.0], expects="a number"),
    Exercise("scale.sigmoid_max_slope", "the largest slope of the sigmoid",
             number(_sigmoid_max_slope, rel=0.01, traps=[(1.0, "1 is tanh's largest slope; sigmoid's is smaller: "
                                                              "σ′(z) = σ(z)(1 − σ(z)) at z = 0."),
                                                         (0.5, "0.5 is σ(0), the value, not the slope.")]),
             _sigmoid_max_slope, wrong=[1.0, 0.5, 0.1], expects="a number"),
]
