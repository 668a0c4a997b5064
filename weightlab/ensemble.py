"""Many copies of one MLP, each from its own seed, trained together as one vectorized computation.

Restarts are the classic answer to "training ended somewhere different": run several seeds, keep the best. Stacking
the R networks' weight matrices into arrays of shape ``(R, fan_in, fan_out)`` lets numpy train all of them with the
same number of Python steps as one network. Each member starts from exactly the weights ``MLP(..., seed=s)`` would
draw, and follows the same full-batch gradient descent, so a member's run equals the sequential one.
"""
from dataclasses import dataclass

import numpy as np

from . import chain
from ._validate import check_data, check_float, check_int, check_test_data, check_X
from .activations import ACTIVATIONS
from .outputs import output_for
from .mlp import MLP


@dataclass
class EnsembleHistory:
    """``loss`` has shape (R, epochs run), NaN after a member diverged; ``diverged_epoch[r]`` is -1 if it did not.
    ``stopped_early``: ``fit``'s ``should_stop`` ended the run (the epochs not run are NaN)."""

    seeds: np.ndarray
    loss: np.ndarray
    diverged_epoch: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray = None
    stopped_early: bool = False

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
    """R networks of the same architecture, one per seed in ``seeds``; the other (keyword-only) arguments as for
    ``MLP``.

    Parameters are stored as in ``MLP`` (see ``weightlab.chain``), stacked over members: ``_blocks[l]`` has shape
    (R, fan_out, fan_in + 1). ``weights`` and ``biases`` are views of shape (R, fan_in, fan_out) and (R, fan_out).

    ``dtype`` is float32 by default: restarts compare where runs end up, for which float32's seven digits are plenty,
    and it halves the memory traffic of the training loop (the benchmark measures it). With ``dtype="float64"``
    every member reproduces its sequential ``MLP`` run to rounding error (tested).
    """

    def __init__(self, layer_sizes, seeds, *, activation="relu", init="he_normal", scale=1.0, bias_init="zeros",
                 init_options=None, bias_options=None, dtype="float32"):
        if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
            raise TypeError(f"seeds must be a list of ints, one per member, like range(5); got "
                            f"{type(seeds).__name__} {seeds!r} (for {seeds!r} restarts write seeds=range({seeds!r}))"
                            if isinstance(seeds, int) else f"seeds must be a list of ints like range(5), got {seeds!r}")
        seeds = [check_int(s, f"seeds[{i}]", minimum=0) for i, s in enumerate(seeds)]
        if not seeds:
            raise ValueError("seeds must hold at least one seed")
        if dtype not in ("float32", "float64", np.float32, np.float64):
            raise ValueError(f"dtype must be 'float32' or 'float64', got {dtype!r}")
        self.dtype = np.dtype(dtype)
        self.net_kwargs = dict(activation=activation, init=init, scale=scale, bias_init=bias_init,
                               init_options=init_options, bias_options=bias_options)
        nets = [MLP(layer_sizes, seed=s, **self.net_kwargs) for s in seeds]  # each member's own first weights
        self.seeds, self.layer_sizes, self.activations = np.array(seeds), nets[0].layer_sizes, nets[0].activations
        self._acts = [ACTIVATIONS[name] for name in self.activations]
        self.output, self.n_classes = nets[0].output, nets[0].n_classes
        _, self._blocks = chain.parameter_blocks(self.layer_sizes, lead=(len(seeds),), dtype=self.dtype)
        for r, net in enumerate(nets):
            for block, W, b in zip(self._blocks, net.weights, net.biases):
                chain.weight_view(block)[r] = W
                chain.bias_view(block)[r] = b

    @property
    def weights(self):
        """Per layer the members' weight matrices, shape (R, fan_in, fan_out) (views: writing changes the members)."""
        return [chain.weight_view(B) for B in self._blocks]

    @property
    def biases(self):
        """Per layer the members' bias vectors, shape (R, fan_out) (views)."""
        return [chain.bias_view(B) for B in self._blocks]

    def __len__(self):
        return len(self.seeds)

    def member(self, r):
        """Member ``r`` as an ordinary ``MLP`` (a copy of its current weights)."""
        r = check_int(r, "r", minimum=0, maximum=len(self) - 1)
        net = MLP(self.layer_sizes, seed=int(self.seeds[r]), **self.net_kwargs)
        net.weights = [W[r].astype(float) for W in self.weights]
        net.biases = [b[r].astype(float) for b in self.biases]
        return net

    def _buffers(self, X, members):
        return chain.input_buffers(self.layer_sizes[:-1], len(X), lead=(members,), dtype=self.dtype, X=X)

    def logits(self, X):
        """Output logits of every member: shape (R, n) for a sigmoid output, (R, n, k) for a softmax."""
        X = check_X(X, "X", self.layer_sizes[0])
        with np.errstate(over="ignore", invalid="ignore"):
            zs, _ = chain.forward(self._blocks, self._acts, self._buffers(X, len(self)))
        return zs[-1][:, 0, :] if self.layer_sizes[-1] == 1 else np.moveaxis(zs[-1], -2, -1)

    def predict(self, X):
        """Predicted labels of every member, shape (R, n)."""
        X = check_X(X, "X", self.layer_sizes[0])
        with np.errstate(over="ignore", invalid="ignore"):
            zs, _ = chain.forward(self._blocks, self._acts, self._buffers(X, len(self)))
        return self.output.predict(zs[-1])

    def accuracy(self, X, y):
        """Accuracy of every member on ``(X, y)``, shape (R,)."""
        X, y = check_data(X, y, n_classes=self.n_classes)
        return np.mean(self.predict(X) == y, axis=1)

    def fit(self, X, y, epochs=1000, lr=0.01, X_test=None, y_test=None, chunk=None, should_stop=None):
        """Full-batch gradient descent of every member at once; returns an ``EnsembleHistory``.

        Members are trained ``chunk`` at a time (default: as many as keep one layer's activations near 2^18 numbers,
        1 MB in float32, so they stay in the CPU's cache; benchmarks/bench_core.py compares it with 256 kB);
        members are independent, so this changes nothing but the speed.
        ``should_stop``, a function of no arguments (e.g. a ``threading.Event``'s ``is_set``), is called before every
        epoch of every chunk: when it returns True training stops there (a dashboard cancels a long run within
        milliseconds), the history says ``stopped_early``, and members of chunks not reached keep their first
        weights. It never changes a run it does not stop.
        """
        X, y = check_data(X, y, n_classes=self.n_classes)
        X = check_X(X, "X", self.layer_sizes[0])
        epochs = check_int(epochs, "epochs", minimum=1)
        lr = check_float(lr, "lr", minimum=0.0, strict_min=True)
        test = check_test_data(X_test, y_test, self.layer_sizes[0], self.n_classes)  # checked before the work, not after
        if should_stop is not None and not callable(should_stop):
            raise TypeError(f"should_stop must be a function of no arguments (True: stop), got {should_stop!r}")
        stop = should_stop or (lambda: False)
        stopped = False
        R, n = len(self), X.shape[0]
        width = max(self.layer_sizes)
        chunk = max(1, 2**18 // (width * n)) if chunk is None else check_int(chunk, "chunk", minimum=1)
        loss = np.full((R, epochs), np.nan)
        diverged_epoch = np.full(R, -1)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for start in range(0, R, chunk):
                members = slice(start, min(start + chunk, R))
                blocks = [B[members].copy() for B in self._blocks]
                labels = y.astype(self.dtype) if self.layer_sizes[-1] == 1 else y.astype(np.intp)  # softmax: indices
                stopped = self._fit_chunk(blocks, X, labels, epochs, lr, loss[members], diverged_epoch[members],
                                          stop)
                for B, b in zip(self._blocks, blocks):
                    B[members] = b
                if stopped:
                    break
        ran = epochs if (diverged_epoch < 0).any() else diverged_epoch.max() + 1
        history = EnsembleHistory(self.seeds, loss[:, :ran], diverged_epoch, self.accuracy(X, y),
                                  stopped_early=stopped)
        if test is not None:
            history.test_accuracy = self.accuracy(*test)
        return history

    def _fit_chunk(self, blocks, X, y, epochs, lr, loss, diverged_epoch, should_stop):
        """Train the members of ``blocks`` in place, writing their losses and divergence epochs into the views;
        True if ``should_stop()`` ended it."""
        members, n = len(blocks[0]), len(y)
        bufs = self._buffers(X, members)
        grads = [np.empty_like(B) for B in blocks]
        alive = np.ones((members, 1, 1), dtype=self.dtype)
        stopped = False
        for epoch in range(epochs):
            if should_stop():
                stopped = True
                break
            zs, _ = chain.forward(blocks, self._acts, bufs)
            z = zs[-1]
            summed, dz = self.output.loss_and_delta(z, y)
            loss[:, epoch] = summed / n
            bad = ~np.isfinite(loss[:, epoch]) & (diverged_epoch < 0)
            if bad.any():  # stop the members that diverged: keep them frozen at finite values
                diverged_epoch[bad] = epoch
                alive[bad] = 0.0
                for B in blocks:
                    B[bad] = np.nan_to_num(B[bad])
                if not alive.any():
                    break
            dz *= alive / n
            if not alive.all():
                dz = np.nan_to_num(dz)
            chain.backward(dz, blocks, self._acts, zs, bufs, grads)
            for B, G in zip(blocks, grads):
                B -= lr * G
        for r in np.flatnonzero(diverged_epoch >= 0):
            loss[r, diverged_epoch[r]:] = np.nan
        return stopped
