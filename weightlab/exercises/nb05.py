"""Exercises of notebook 05 (the initializer zoo)."""
import numpy as np

from . import Exercise
from .judges import number


def _glorot_limit():
    from ..initializers import get_initializer
    return float(np.sqrt(3) * get_initializer("glorot_uniform").std(300, 100))


def _pytorch_bound():
    from ..initializers import get_initializer
    return float(np.sqrt(3) * get_initializer("pytorch_linear").std(400, 100))


def _truncated_std():
    from ..initializers import get_initializer
    return get_initializer("truncated_normal").std(256, 256, stddev=0.1)


EXERCISES = [
    Exercise("zoo.glorot_uniform_limit", "glorot_uniform's bound for fan_in 300, fan_out 100",
             number(_glorot_limit, rel=0.01, traps=[(np.sqrt(2 / 400), "That is the standard deviation; a uniform's "
                                                                      "bound is √3 times it: √(6/(fan_in+fan_out))."),
                                                    (np.sqrt(6 / 300), "Glorot uses fan_in + fan_out, not fan_in "
                                                                       "alone."),
                                                    (np.sqrt(6 / 200), "Glorot divides by fan_in + fan_out = 400, not "
                                                                       "by their average, inside √(6/…).")]),
             _glorot_limit, wrong=[np.sqrt(2 / 400), np.sqrt(6 / 300), np.sqrt(6 / 200), 0.5], expects="a number"),
    Exercise("zoo.pytorch_linear_bound", "nn.Linear(400, 100)'s bound",
             number(_pytorch_bound, rel=0.01, traps=[(0.1, "1/√fan_out: nn.Linear's default uses fan_in (400)."),
                                                     (np.sqrt(6 / 400), "That is He's uniform bound √(6/fan_in); "
                                                                        "PyTorch's default has a = √5, gain √(1/3)."),
                                                     (np.sqrt(3 / 400), "That is LeCun's uniform bound √(3/fan_in); "
                                                                        "PyTorch's default is √3 times smaller."),
                                                     (1 / 400, "The bound is 1/√fan_in: take the square root.")]),
             _pytorch_bound, wrong=[0.1, np.sqrt(6 / 400), np.sqrt(3 / 400), 1 / 400], expects="a number"),
    Exercise("zoo.truncated_std", "the real std of Keras' TruncatedNormal(stddev=0.1)",
             number(_truncated_std, rel=0.01,
                    traps=[(0.1, "0.1 is the nominal stddev; cutting the tails at ±2·stddev removes spread, and Keras' "
                                 "plain truncated_normal does not correct for it."),
                           (0.1 / 0.8796, "Dividing by 0.8796 is the correction the variance-scaling rules apply "
                                          "before cutting; the plain truncated_normal does not apply it, so its std "
                                          "shrinks instead."),
                           (0.8796**2 * 0.01, "That is a variance: give the standard deviation.")]),
             _truncated_std, wrong=[0.1, 0.1 / 0.8796, 0.8796**2 * 0.01, 0.05], expects="a number"),
]
