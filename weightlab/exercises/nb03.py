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
    Exercise("scale.logit_factor", "how much larger the x10 start's logits are than plain randn's",
             number(_logit_factor, rel=0.01,
                    traps=[(10.0, "Each of the three weight matrices multiplies the signal by 10, and relu passes "
                                  "the factor on: the factors multiply."),
                           (30.0, "The factors of the three layers multiply, they do not add."),
                           (100.0, "Count the weight matrices, not the hidden layers: [2, 10, 5, 1] has three.")],
                    too_low="Too small: every weight matrix multiplies the signal by 10.",
                    too_high="Too large: there are three weight matrices, each times 10."),
             _logit_factor, wrong=[10.0, 30.0, 100.0, 10000.0], expects="a number"),
]
