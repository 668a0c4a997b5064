"""Exercises of notebook 05 (the initializer zoo)."""
import numpy as np

from . import Exercise
from .judges import number


def _entry(name):
    from ..initializers import get_initializer
    return get_initializer(name)


def _glorot_limit():
    return float(_entry("glorot_uniform").bounds(300, 100)[1])


def _pytorch_bound():
    return float(_entry("pytorch_linear").bounds(400, 100)[1])


def _truncated_std():
    return _entry("truncated_normal").std(256, 256, stddev=0.1)


EXERCISES = [
    Exercise("zoo.glorot_uniform_limit", "glorot_uniform's bound for fan_in 300, fan_out 100",
             number(_glorot_limit, digits=3,
                    traps=[(lambda: _entry("glorot_uniform").std(300, 100),
                            "That is the standard deviation; a uniform's bound lies further out (revisit 'Uniform or "
                            "normal, with the same variance')."),
                           (np.sqrt(6 / 300), "Glorot's bound uses both fans, not fan_in alone: check the "
                                              "catalogue's formula."),
                           (np.sqrt(6 / 200), "Check which combination of the two fans Glorot's uniform bound uses "
                                              "(the catalogue's formula).")],
                    too_low="Too small: check glorot_uniform's formula in the catalogue.",
                    too_high="Too large: check glorot_uniform's formula in the catalogue."),
             _glorot_limit, wrong=[np.sqrt(2 / 400), np.sqrt(6 / 300), np.sqrt(6 / 200), 0.5],
             expects="a number (3 significant figures)"),
    Exercise("zoo.pytorch_linear_bound", "nn.Linear(400, 100)'s bound",
             number(_pytorch_bound, digits=3,
                    traps=[(lambda: _entry("pytorch_linear").bounds(100, 400)[1],
                            "That uses fan_out: nn.Linear's default uses fan_in."),
                           (lambda: _entry("he_uniform").bounds(400, 100)[1],
                            "That is He's uniform bound; revisit PyTorch's default gain, with a = √5 ('PyTorch's "
                            "names and gains')."),
                           (lambda: _entry("lecun_uniform").bounds(400, 100)[1],
                            "That is LeCun's uniform bound; revisit PyTorch's default gain, with a = √5 ('PyTorch's "
                            "names and gains')."),
                           (lambda: _pytorch_bound() ** 2, "That is a squared quantity: a bound is in the weights' "
                                                           "own units.")],
                    too_low="Too small: revisit nn.Linear's default in 'PyTorch's names and gains'.",
                    too_high="Too large: revisit nn.Linear's default in 'PyTorch's names and gains'."),
             _pytorch_bound, wrong=[0.1, np.sqrt(6 / 400), np.sqrt(3 / 400), 1 / 400],
             expects="a number (3 significant figures)"),
    Exercise("zoo.truncated_std", "the real std of Keras' TruncatedNormal(stddev=0.1)",
             number(_truncated_std, digits=3,
                    traps=[(0.1, "0.1 is the nominal stddev: cutting the tails removes spread, and Keras' plain "
                                 "truncated_normal does not correct for it."),
                           (lambda: 0.1 / (_truncated_std() / 0.1),
                            "That applies the correction of the variance-scaling rules; the plain truncated_normal "
                            "has none (revisit 'Truncated normals and Keras' 0.8796')."),
                           (lambda: _truncated_std() ** 2, "That is a variance: give the standard deviation.")],
                    too_low="Too small: revisit 'Truncated normals and Keras' 0.8796', then measure a draw.",
                    too_high="Too large: cutting the tails makes the spread smaller than the nominal stddev; revisit "
                             "'Truncated normals and Keras' 0.8796'."),
             _truncated_std, wrong=[0.1, 0.1 / 0.8796, 0.8796**2 * 0.01, 0.05],
             expects="a number (3 significant figures)"),
]
