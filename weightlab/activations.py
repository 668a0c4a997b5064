"""Hidden-layer activation functions, one table.

Each entry gives the function, its derivative (from the pre-activation ``z`` and the output ``a``, whichever is
cheaper), the gain PyTorch's ``calculate_gain`` uses for it, and how to tell a unit is saturated or dead.
``ACTIVATIONS`` drives the dropdowns, the tests and the MLP alike.
"""
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

LEAKY_SLOPE = 0.01  #: negative-side slope of leaky_relu (PyTorch's and Keras' default)

#: a tanh/sigmoid unit counts as saturated when its derivative is below 5% of its maximum:
#: |tanh(z)| > 0.975, or sigmoid(z) outside [0.025, 0.975] (the criterion of Glorot & Bengio 2010, Fig. 2, made exact)
SATURATION_LEVEL = 0.975


def sigmoid(z, out=None):
    """Logistic function 1 / (1 + e^-z), computed as (1 + tanh(z/2)) / 2: no overflow for any finite z."""
    t = np.tanh(0.5 * z)
    t += 1.0
    return np.multiply(t, 0.5, out=out)


def softplus(z):
    """log(1 + e^z) = max(z, 0) + log(1 + e^-|z|): exact and overflow-free for any z (and 5x faster than logaddexp)."""
    out = np.exp(-np.abs(z))
    np.log1p(out, out=out)
    out += np.maximum(z, 0.0)
    return out


def _relu(z, out=None):
    return np.maximum(z, 0.0, out=out)


def _linear(z, out=None):
    if out is None:
        return z
    np.copyto(out, z)
    return out


def _relu_grad(z, a):
    return z > 0


def _leaky(z, out=None):
    return np.maximum(z, LEAKY_SLOPE * z, out=out)  # the larger of z and 0.01 z is the leaky relu


def _leaky_grad(z, a):
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def _tanh_grad(z, a):
    return 1.0 - a * a


def _sigmoid_grad(z, a):
    return a * (1.0 - a)


def _tanh_saturated(a):
    return np.abs(a) > SATURATION_LEVEL


def _sigmoid_saturated(a):
    return np.abs(2.0 * a - 1.0) > 2.0 * SATURATION_LEVEL - 1.0


@dataclass(frozen=True)
class Activation:
    """A hidden-layer nonlinearity: ``f(z)``, ``grad(z, a) = f'(z)``, and its diagnostics."""

    name: str
    f: Callable  #: f(z, out=None): writes into ``out`` when given
    grad: Callable
    gain: float  #: PyTorch's calculate_gain value: the factor that keeps Var(a) steady with Var(w) = gain² / fan_in
    formula: str
    saturated: Optional[Callable] = None  #: a -> bool array, for saturating functions (tanh, sigmoid)
    can_die: bool = False  #: a unit that outputs 0 for every input is dead (relu)
    homogeneous: bool = False  #: f(βz) = β f(z) for β > 0: a unit and a positive multiple of it compute one function


ACTIVATIONS = {
    "relu": Activation("relu", _relu, _relu_grad, np.sqrt(2.0), "max(0, z)", can_die=True, homogeneous=True),
    "leaky_relu": Activation("leaky_relu", _leaky, _leaky_grad, np.sqrt(2.0 / (1 + LEAKY_SLOPE**2)),
                             f"z if z > 0 else {LEAKY_SLOPE}·z", homogeneous=True),
    "tanh": Activation("tanh", np.tanh, _tanh_grad, 5.0 / 3.0, "tanh(z)", saturated=_tanh_saturated),
    "sigmoid": Activation("sigmoid", sigmoid, _sigmoid_grad, 1.0, "1 / (1 + e^-z)", saturated=_sigmoid_saturated),
    "linear": Activation("linear", _linear, lambda z, a: 1.0, 1.0, "z", homogeneous=True),
}
