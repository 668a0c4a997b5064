"""Many copies of one MLP, each from its own seed, trained together as one vectorized computation.

Restarts are the classic answer to "training ended somewhere different": run several seeds, keep the best. Stacking
the R networks' weight matrices into arrays of shape ``(R, fan_in, fan_out)`` lets numpy train all of them with the
same number of Python steps as one network. Each member starts from exactly the weights ``MLP(..., seed=s)`` would
draw, and follows the same full-batch gradient descent, so a member's run equals the sequential one.
"""
from dataclasses import dataclass

import numpy as np

from ._validate import check_data, check_float, check_int
from .activations import sigmoid
from .mlp import MLP


@dataclass
class EnsembleHistory:
    """``loss`` has shape (R, epochs run), NaN after a member diverged; ``diverged_epoch[r]`` is -1 if it did not."""

    seeds: np.ndarray
    loss: np.ndarray
    diverged_epoch: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray = None

    @property
    def diverged(self):
        """Boolean mask of the members whose loss became inf or NaN."""
        return self.diverged_epoch >= 0

    @property
    def final_loss(self):
        """Each member's last finite training loss (NaN for a member that diverged at epoch 0)."""
        out = np.full(len(self.seeds), np.nan)
        for r, row in enumerate(self.loss):
            finite = row[np.isfinite(row)]
            if finite.size:
                out[r] = finite[-1]
        return out


class MLPEnsemble:
    """R networks of the same architecture, one per seed in ``seeds``; arguments as for ``MLP``."""

    def __init__(self, layer_sizes, seeds, activation="relu", init="he_normal", scale=1.0, bias_init="zeros",
                 init_options=None, bias_options=None):
        seeds = list(seeds)
        if not seeds:
            raise ValueError("seeds must hold at least one seed")
        nets = [MLP(layer_sizes, activation, init, scale, bias_init, seed, init_options, bias_options) for seed in seeds]
        self.template, self.seeds = nets[0], np.array(seeds)
        self.weights = [np.stack(ws) for ws in zip(*(net.weights for net in nets))]  # (R, fan_in, fan_out)
        self.biases = [np.stack(bs)[:, None, :] for bs in zip(*(net.biases for net in nets))]  # (R, 1, fan_out)

    def __len__(self):
        return len(self.seeds)

    def member(self, r):
        """Member ``r`` as an ordinary ``MLP`` (a copy of its current weights)."""
        t = self.template
        net = MLP(t.layer_sizes, t.activations, t.init, t.scale, t.bias_init, seed=int(self.seeds[r]))
        net.weights = [W[r] for W in self.weights]
        net.biases = [b[r, 0] for b in self.biases]
        return net

    def _forward(self, X):
        zs, acts = [], [X]
        a = X
        for W, b, act in zip(self.weights, self.biases, self.template._acts):
            z = a @ W + b
            a = act.f(z)
            zs.append(z)
            acts.append(a)
        zs.append((a @ self.weights[-1] + self.biases[-1])[..., 0])  # (R, n)
        return zs, acts

    def logits(self, X):
        """Output logits of every member, shape (R, n)."""
        X = self.template._check_input(X)
        with np.errstate(over="ignore", invalid="ignore"):
            return self._forward(X)[0][-1]

    def accuracy(self, X, y):
        """Accuracy of every member on ``(X, y)``, shape (R,)."""
        X, y = check_data(X, y)
        return np.mean((self.logits(X) > 0) == (y == 1), axis=1)

    def fit(self, X, y, epochs=1000, lr=0.01, X_test=None, y_test=None):
        """Full-batch gradient descent of every member at once; returns an ``EnsembleHistory``."""
        X, y = check_data(X, y)
        X = self.template._check_input(X)
        epochs = check_int(epochs, "epochs", minimum=1)
        lr = check_float(lr, "lr", minimum=0.0, strict_min=True)
        R, n, L = len(self), X.shape[0], len(self.weights)
        loss = np.full((R, epochs), np.nan)
        diverged_epoch = np.full(R, -1)
        alive = np.ones((R, 1, 1))
        acts_table = self.template._acts
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in range(epochs):
                zs, acts = self._forward(X)
                z = zs[-1]
                loss[:, epoch] = np.mean(np.logaddexp(0.0, z) - y * z, axis=1)
                bad = ~np.isfinite(loss[:, epoch]) & (diverged_epoch < 0)
                if bad.any():
                    diverged_epoch[bad] = epoch
                    alive[bad] = 0.0
                    for W, b in zip(self.weights, self.biases):  # freeze the diverged members at finite values
                        W[bad] = np.nan_to_num(W[bad])
                        b[bad] = np.nan_to_num(b[bad])
                    if not alive.any():
                        break
                dz = ((sigmoid(z) - y) / n)[..., None] * alive  # (R, n, 1)
                dz = np.nan_to_num(dz)
                for l in range(L - 1, -1, -1):
                    a_prev = acts[l]
                    gW = (a_prev.transpose(0, 2, 1) if a_prev.ndim == 3 else a_prev.T) @ dz
                    gb = dz.sum(axis=1, keepdims=True)
                    if l:
                        dz = (dz @ self.weights[l].transpose(0, 2, 1)) * acts_table[l - 1].grad(zs[l - 1], acts[l])
                    self.weights[l] -= lr * gW
                    self.biases[l] -= lr * gb
        loss[diverged_epoch >= 0] = np.where(np.arange(epochs) < diverged_epoch[diverged_epoch >= 0, None],
                                             loss[diverged_epoch >= 0], np.nan)
        hist = EnsembleHistory(self.seeds, loss[:, :epoch + 1], diverged_epoch, self.accuracy(X, y))
        if X_test is not None:
            hist.test_accuracy = self.accuracy(X_test, y_test)
        return hist
