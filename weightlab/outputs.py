"""Output layers and their losses, one table: a sigmoid unit with binary cross-entropy for labels 0/1, or a softmax
over k units with cross-entropy for labels 0..k-1. Both are computed from the logits, so they never overflow.

Logits come in the chain's layout (see ``weightlab.chain``): shape ``(..., k, n)``, one column per sample, any
leading axes for nets. ``OUTPUTS`` maps a name to an ``Output``; an MLP picks one from its last layer size (1:
sigmoid, k >= 2: softmax).
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import sigmoid, softplus


def _sigmoid_loss_and_delta(z, y):
    """Summed binary cross-entropy per net, and its gradient with respect to the logits (the same shape as ``z``).

    log(1 + e^z) - y·z per sample, with softplus written so that it never overflows; its derivative, σ(z) - y,
    comes from the same softplus: σ(z) = exp(z - softplus(z))."""
    sp = softplus(z)
    if z.ndim == 2:  # one net (the training loop's case): plain sums, a microsecond cheaper per step
        loss = sp.sum() - z[0] @ y
    else:
        loss = sp.sum(axis=(-2, -1)) - z[..., 0, :] @ y
    delta = np.exp(z - sp)
    delta -= y
    return loss, delta


def _softmax_loss_and_delta(z, y):
    """Summed cross-entropy per net, and its gradient softmax(z) - onehot(y) (the same shape as ``z``).

    log Σ_j e^(z_j) - z_y per sample, with the largest logit subtracted first (the log-sum-exp trick), so no
    exponential overflows."""
    y = y if y.dtype.kind in "iu" else y.astype(np.intp)  # labels index the logits
    shifted = z - z.max(axis=-2, keepdims=True)
    exp = np.exp(shifted)
    total = exp.sum(axis=-2, keepdims=True)
    columns = np.arange(z.shape[-1])
    loss = (np.log(total[..., 0, :]) - shifted[..., y, columns]).sum(axis=-1)
    delta = exp / total
    delta[..., y, columns] -= 1.0
    return loss, delta


def _sigmoid_proba(z):
    return sigmoid(z[..., 0, :])


def _softmax_proba(z):
    exp = np.exp(z - z.max(axis=-2, keepdims=True))
    return np.moveaxis(exp / exp.sum(axis=-2, keepdims=True), -2, -1)


def _sigmoid_predict(z):
    return (z[..., 0, :] > 0).astype(float)


def _softmax_predict(z):
    return z.argmax(axis=-2).astype(float)


@dataclass(frozen=True)
class Output:
    """An output layer: ``loss_and_delta(z, y)`` -> (summed loss per net, ∂(summed loss)/∂z); ``proba(z)``: the
    predicted probabilities, shape (..., n) for the sigmoid (of class 1) and (..., n, k) for the softmax;
    ``predict(z)``: the predicted labels, shape (..., n); ``chance_loss(k)``: the loss of a net that knows nothing
    (probability 1/k for every class), log 2 or log k: the loss a freshly initialized net should start near."""

    name: str
    loss_and_delta: Callable
    proba: Callable
    predict: Callable
    formula: str

    @staticmethod
    def chance_loss(k):
        return float(np.log(max(k, 2)))


OUTPUTS = {
    "sigmoid": Output("sigmoid", _sigmoid_loss_and_delta, _sigmoid_proba, _sigmoid_predict,
                      "p = σ(z), loss = −y log p − (1 − y) log(1 − p)"),
    "softmax": Output("softmax", _softmax_loss_and_delta, _softmax_proba, _softmax_predict,
                      "p_j = e^(z_j) / Σ e^(z_i), loss = −log p_y"),
}


def output_for(k):
    """The output layer of a net with ``k`` output units: a sigmoid for k = 1, a softmax for k >= 2."""
    return OUTPUTS["sigmoid" if k == 1 else "softmax"]


def mean_loss(output, z, y):
    """The mean loss over the samples of logits ``z`` (shape (k, n)) and labels ``y``, as a float."""
    return float(output.loss_and_delta(z, y)[0]) / len(y)
