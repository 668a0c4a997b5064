"""A small numpy multilayer perceptron for classification, written to be read.

Samples are rows: ``X`` has shape ``(n, d)``; layer ``l`` computes ``Z = A @ W[l] + b[l]`` with ``W[l]`` of shape
``(fan_in, fan_out)``. Hidden layers use an activation of ``ACTIVATIONS``, optionally batch-normalized; the output is
one sigmoid unit for labels 0/1 or a softmax over k units for labels 0..k-1 (``weightlab.outputs``), its loss computed
from the logits so it never overflows. The forward and backward passes are ``weightlab.chain``'s.
"""
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

import numpy as np

from . import chain
from ._validate import check_choice, check_data, check_float, check_int, check_rng, check_test_data, check_X
from .activations import ACTIVATIONS
from .history import STAT_NAMES, History  # noqa: F401  (History and STAT_NAMES are part of this module's API)
from .initializers import MAX_PARAMETERS, initialize, initialize_bias
from .outputs import mean_loss, output_for


class NumericalError(ArithmeticError):
    """Raised when a computation overflows: the network's numbers reached inf or NaN."""


#: the largest run ``MLP`` accepts (and, from the initializers, the largest network: MAX_PARAMETERS): past these a typo
#: (an extra zero) would allocate until the kernel dies or train for hours, so it is refused at once
MAX_EPOCHS = 1_000_000  # about an hour for the course's small net; the History keeps one loss per epoch


def _check_layer_sizes(layer_sizes):
    if isinstance(layer_sizes, (str, bytes, Mapping, set, frozenset)) or not hasattr(layer_sizes, "__len__"):
        raise TypeError(f"layer_sizes must be a list of ints like [2, 10, 5, 1], got {type(layer_sizes).__name__} "
                        f"{layer_sizes!r}")
    sizes = [check_int(s, f"layer_sizes[{i}]", minimum=1) for i, s in enumerate(layer_sizes)]
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least an input and an output size, like [2, 1]; got {sizes}")
    count = sum((i + 1) * o for i, o in zip(sizes[:-1], sizes[1:]))
    if count > MAX_PARAMETERS:
        raise ValueError(f"layer_sizes {sizes} make {count:,} parameters, more than this library's limit of "
                         f"{MAX_PARAMETERS:,} (weightlab.initializers.MAX_PARAMETERS): use narrower layers")
    return sizes


def _check_activation_names(activation, n_hidden):
    if isinstance(activation, str):
        return [activation] * n_hidden
    if activation is None or not hasattr(activation, "__iter__"):
        raise TypeError(f"activation must be a name like 'relu' (one of {', '.join(ACTIVATIONS)}) or a list of "
                        f"{n_hidden} names, one per hidden layer; got {activation!r}")
    names = list(activation)
    if len(names) != n_hidden:
        raise ValueError(f"activation must be one name or a list of {n_hidden} names (one per hidden layer), "
                         f"got {len(names)}")
    return names


class _ParamList(list):
    """A list of parameter arrays (views into the net's one flat parameter vector), one per layer, that copies
    anything assigned to an item into place after checking its shape. Its length is the network's: adding or
    removing an item would detach the list from the network, so those methods refuse."""

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            raise TypeError("assign the parameters one layer at a time, or the whole list at once")
        target = self[i]
        target[...] = _as_param(value, target.shape, f"{self.name}[{i}]")

    def _refuse(self, *args, **kwargs):
        raise TypeError(f"net.{self.name} holds one array per layer and cannot grow or shrink: assign an array to "
                        f"net.{self.name}[l], or a list of {len(self)} arrays to net.{self.name}")

    append = extend = insert = pop = remove = clear = sort = reverse = __delitem__ = __iadd__ = __imul__ = _refuse


def _as_param(value, shape, name):
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a numeric array of shape {tuple(shape)}, got {type(value).__name__} "
                        f"{value!r:.60}") from None
    if arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


@dataclass(frozen=True)
class _FitArguments:
    """``fit``'s arguments, checked."""
    X: np.ndarray
    y: np.ndarray
    epochs: int
    lr: float
    batch: int
    momentum: float
    test: Optional[tuple]
    record_every: int
    callback: Optional[object]
    callback_every: int
    shuffler: np.random.Generator  #: draws the minibatches' order


def _mean_and_var(a):
    """``(float(a.mean()), float(a.var()))`` with numpy's own reductions in numpy's own order (so the same numbers),
    without its wrappers' Python overhead, which a record of per-layer statistics pays a dozen times."""
    total = np.add.reduce(a, axis=None)
    mean = total / a.size
    deviations = a - mean
    np.multiply(deviations, deviations, out=deviations)
    return float(mean), float(np.add.reduce(deviations, axis=None) / a.size)


class MLP:
    """A fully connected network ``layer_sizes[0] -> ... -> layer_sizes[-1]``: a sigmoid output unit for labels 0/1
    when the last size is 1, a softmax over k units for labels 0..k-1 when it is k >= 2.

    ``activation``: a name of ``ACTIVATIONS`` for every hidden layer, or a list with one name per hidden layer.
    ``init``: a name of ``INITIALIZERS`` (or an alias), ``scale`` multiplies every weight matrix, ``init_options`` go to
    the initializer; ``bias_init`` / ``bias_options`` likewise from ``BIAS_INITS``. ``seed`` (int or Generator) feeds
    the initialization and then the minibatch shuffling, so the same seed gives the same run. ``batchnorm``
    standardizes every hidden pre-activation over the batch before its activation (Ioffe & Szegedy 2015, without the
    learned scale and shift: PyTorch's ``affine=False``); training keeps running averages of each unit's mean and
    variance (momentum ``BN_MOMENTUM``, as PyTorch), which ``forward``, ``predict`` and ``loss`` use, so a prediction
    never depends on the other samples of its batch. Every option after ``layer_sizes`` is keyword-only.

    The parameters live in one flat vector, a block per layer (see ``weightlab.chain``); ``weights`` and ``biases``
    are views of it with the usual shapes (fan_in, fan_out) and (fan_out,).
    """

    BN_MOMENTUM = 0.1  #: weight of each batch in the running statistics of batch norm

    def __init__(self, layer_sizes, *, activation="relu", init="he_normal", scale=1.0, bias_init="zeros", seed=0,
                 init_options=None, bias_options=None, batchnorm=False):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        names = _check_activation_names(activation, len(self.layer_sizes) - 2)
        self.activations = [check_choice(a, "activation", ACTIVATIONS) for a in names]
        self._acts = [ACTIVATIONS[a] for a in self.activations]
        self.output = output_for(self.layer_sizes[-1])
        self.n_classes = max(2, self.layer_sizes[-1])
        self.init, self.scale, self.bias_init = init, check_float(scale, "scale", minimum=0.0), bias_init
        self.init_options, self.bias_options = dict(init_options or {}), dict(bias_options or {})
        if not isinstance(batchnorm, (bool, np.bool_)):
            raise TypeError(f"batchnorm must be True or False, got {batchnorm!r}")
        self.batchnorm = bool(batchnorm)
        #: batch norm's running (mean, std) per hidden layer, shape (width, 1) each: what inference uses
        self.running = [(np.zeros((w, 1)), np.ones((w, 1))) for w in self.layer_sizes[1:-1]] if batchnorm else None
        self.rng = check_rng(seed, "seed")
        # all parameters live in one flat vector (weights and biases are views into it), so an update is one operation
        self._theta, self._blocks = chain.parameter_blocks(self.layer_sizes)
        self._grad, self._grad_blocks = chain.parameter_blocks(self.layer_sizes)
        self._weights = _ParamList(chain.weight_view(B) for B in self._blocks)
        self._biases = _ParamList(chain.bias_view(B) for B in self._blocks)
        self._weights.name, self._biases.name = "weights", "biases"
        fans = list(zip(self.layer_sizes[:-1], self.layer_sizes[1:]))
        self.weights = [initialize(init, i, o, self.rng, scale=self.scale, **self.init_options) for i, o in fans]
        self.biases = [initialize_bias(bias_init, i, o, self.rng, **self.bias_options) for i, o in fans]

    # parameters -------------------------------------------------------------------------------------------------
    @property
    def weights(self):
        """List of weight matrices, ``weights[l]`` of shape (fan_in, fan_out); assignable whole or per layer."""
        return self._weights

    @weights.setter
    def weights(self, arrays):
        self._assign(self._weights, arrays)

    @property
    def biases(self):
        """List of bias vectors, ``biases[l]`` of shape (fan_out,); assignable whole or per layer."""
        return self._biases

    @biases.setter
    def biases(self, arrays):
        self._assign(self._biases, arrays)

    @staticmethod
    def _assign(params, arrays):
        if isinstance(arrays, (str, bytes, np.ndarray)) or not hasattr(arrays, "__iter__"):
            raise TypeError(f"{params.name} must be a list of {len(params)} arrays (one per layer), got "
                            f"{type(arrays).__name__} {arrays!r:.60}")
        arrays = list(arrays)
        if len(arrays) != len(params):
            raise ValueError(f"{params.name} needs {len(params)} arrays (one per layer), got {len(arrays)}")
        checked = [_as_param(a, p.shape, f"{params.name}[{i}]") for i, (a, p) in enumerate(zip(arrays, params))]
        for p, a in zip(params, checked):  # check all before writing any
            p[...] = a

    def flat_parameters(self):
        """Every weight and bias in one vector (a copy), layer by layer: each layer's Wᵀ row by row, each row followed
        by its unit's bias (the chain's block layout). ``set_flat_parameters`` takes such a vector back."""
        return self._theta.copy()

    def set_flat_parameters(self, theta):
        """Set every weight and bias from one vector shaped like ``flat_parameters()``."""
        self._theta[...] = _as_param(theta, self._theta.shape, "theta")

    @property
    def n_layers(self):
        """Number of weight matrices (hidden layers + output)."""
        return len(self.layer_sizes) - 1

    def __repr__(self):
        activation = self.activations[0] if len(set(self.activations)) == 1 else self.activations
        return (f"MLP({self.layer_sizes}, activation={activation!r}, init={self.init!r}, scale={self.scale:g}, "
                f"bias_init={self.bias_init!r}" + (", batchnorm=True)" if self.batchnorm else ")"))

    # forward and backward -------------------------------------------------------------------------------------
    def _check_input(self, X, name="X"):
        """``X`` checked for this network, which must itself hold finite weights."""
        self._check_finite()
        return check_X(X, name, n_features=self.layer_sizes[0])

    def _check_finite(self):
        if not np.isfinite(self._theta).all():
            raise NumericalError("the network's weights or biases contain inf or NaN, so every output would be NaN: "
                                 "assign finite ones (net.weights = ...) or create the network again")

    def _check_labels(self, X, y, xname="X", yname="y"):
        X, y = check_data(X, y, xname, yname, self.n_classes)
        return self._check_input(X, xname), y

    def _forward(self, X, training=False):
        """Forward pass in the chain's layout: returns ``(zs, bufs, norms)``, ``zs[l]`` of shape (fan_out, n),
        ``bufs[l]`` layer l's input with its row of ones, ``norms`` batch norm's (mean, std) per hidden layer (the
        batch's when ``training``, else the running ones). Callers wrap it in ``np.errstate`` and check inf/NaN."""
        bufs = chain.input_buffers(self.layer_sizes[:-1], X.shape[0], X=X)
        zs, norms = chain.forward(self._blocks, self._acts, bufs, self._normalization(training))
        return zs, bufs, norms

    def _normalization(self, training):
        """What ``chain.forward`` normalizes with: nothing, the batch's statistics, or the running ones."""
        return False if not self.batchnorm else True if training else self.running

    def forward(self, X):
        """Run the network: returns ``(zs, activations)``.

        ``zs[l]`` is layer l's pre-activation, shape (n, fan_out) (batch-normalized where the net normalizes; the last
        one is the output logits, shape (n, k)); ``activations[0]`` is ``X`` and ``activations[l]`` the output of
        hidden layer l, shape (n, width).
        """
        with np.errstate(over="ignore", invalid="ignore"):
            zs, bufs, _ = self._forward(self._check_input(X))
        return [z.T for z in zs], [buf[:-1].T for buf in bufs]

    def _logits(self, X, training=False):
        with np.errstate(over="ignore", invalid="ignore"):
            z = self._forward(X, training)[0][-1]
        if not np.all(np.isfinite(z)):
            raise NumericalError("the forward pass overflowed (the output is inf or NaN): the weights are too large "
                                 "for this depth; lower the init scale")
        return z

    def predict_proba(self, X):
        """Predicted probabilities: of class 1, shape (n,), for a sigmoid output; of each class, shape (n, k), for a
        softmax."""
        return self.output.proba(self._logits(self._check_input(X)))

    def predict(self, X):
        """Predicted labels, shape (n,) (floats: 0/1, or 0..k-1)."""
        return self.output.predict(self._logits(self._check_input(X)))

    def accuracy(self, X, y):
        """Fraction of rows of ``X`` whose predicted label equals ``y``."""
        X, y = self._check_labels(X, y)
        return float(np.mean(self.output.predict(self._logits(X)) == y))

    def loss(self, X, y, training=False):
        """Mean cross-entropy over the samples (``training``: with the batch's own batch-norm statistics, the loss
        that ``fit`` and ``gradients`` see, instead of the running ones)."""
        X, y = self._check_labels(X, y)
        return mean_loss(self.output, self._logits(X, training), y)

    def gradients(self, X, y):
        """Exact gradients of ``loss(X, y, training=True)``: two lists shaped like ``weights`` and ``biases``."""
        X, y = self._check_labels(X, y)
        with np.errstate(over="ignore", invalid="ignore"):
            zs, bufs, norms = self._forward(X, training=True)
            grads = [np.empty_like(B) for B in self._blocks]
            _, dz = self.output.loss_and_delta(zs[-1], y)
            chain.backward(dz / len(y), self._blocks, self._acts, zs, bufs, grads, norms)
        return [chain.weight_view(G) for G in grads], [chain.bias_view(G) for G in grads]

    # training -------------------------------------------------------------------------------------------------
    def fit(self, X, y, epochs=1000, lr=0.01, batch_size=None, momentum=0.0, X_test=None, y_test=None,
            record_every=None, callback=None, callback_every=None, data_seed=None):
        """Train by gradient descent and return a ``History``.

        Full-batch by default; with ``batch_size`` the rows are shuffled every epoch, by the net's own generator, or
        by a generator of its own from ``data_seed`` (so the data order can change while the initialization stays,
        and the other way round). ``momentum`` in [0, 1) adds heavy-ball momentum. Statistics are recorded every
        ``record_every`` epochs (default: about 100 records per run). ``callback(net, history, epoch)`` runs every
        ``callback_every`` epochs (default ``record_every``) and at the end; returning ``False`` stops training. A
        loss or gradient that becomes inf or NaN stops the run before its update and marks the history diverged,
        with the epoch: the net keeps the last finite weights, those the diverging epoch started from.
        """
        args = self._fit_arguments(X, y, epochs, lr, batch_size, momentum, X_test, y_test, record_every, callback,
                                   callback_every, data_seed)
        history = History()
        velocity = np.zeros_like(self._theta) if args.momentum else None
        n, batches = len(args.y), self._batches(args)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in range(args.epochs):
                record = epoch % args.record_every == 0 or epoch == args.epochs - 1
                total = 0.0
                for first, (bufs, yb) in enumerate(batches(), start=1):
                    norms, batch_loss = self._loss_and_gradient(bufs, yb)
                    total += batch_loss
                    if record and first == 1:
                        self._record(history, epoch, args, bufs if args.batch == n else None)
                    # |gradient|² is inf or NaN when an entry is, or when the gradient is beyond float64 anyway
                    # (an entry past 1e154); einsum's own loop, not BLAS's dot, which threads and stalls when busy
                    if not (math.isfinite(batch_loss) and math.isfinite(np.einsum("i,i->", self._grad, self._grad))):
                        history.diverged, history.diverged_epoch = True, epoch
                        break
                    self._update(args.lr, args.momentum, velocity)
                    if norms:
                        self._update_running(norms, len(yb))
                history.loss.append(float(total) / n if args.batch == n or not history.diverged else math.nan)
                if history.diverged:
                    break
                if args.callback is not None and (epoch % args.callback_every == 0 or epoch == args.epochs - 1):
                    if args.callback(self, history, epoch) is False:
                        history.stopped_early = epoch < args.epochs - 1
                        break
        if history.diverged and args.callback is not None:
            args.callback(self, history, history.diverged_epoch)
        return history

    def _fit_arguments(self, X, y, epochs, lr, batch_size, momentum, X_test, y_test, record_every, callback,
                       callback_every, data_seed):
        """Check ``fit``'s arguments, all of them before any work."""
        X, y = self._check_labels(X, y)
        epochs = check_int(epochs, "epochs", minimum=1, maximum=MAX_EPOCHS)
        lr = check_float(lr, "lr", minimum=0.0, strict_min=True)
        momentum = check_float(momentum, "momentum", minimum=0.0)
        if momentum >= 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        n = X.shape[0]
        batch = n if batch_size is None else check_int(batch_size, "batch_size", minimum=1, maximum=n)
        if self.batchnorm and batch < 2:
            raise ValueError("batch_size must be >= 2 with batchnorm: one sample has no spread to normalize by")
        record_every = max(1, epochs // 100) if record_every is None else check_int(record_every, "record_every", 1)
        callback_every = record_every if callback_every is None else check_int(callback_every, "callback_every", 1)
        if callback is not None and not callable(callback):
            raise TypeError(f"callback must be a function callback(net, history, epoch), got {callback!r}")
        test = check_test_data(X_test, y_test, self.layer_sizes[0], self.n_classes)
        shuffler = self.rng if data_seed is None else check_rng(data_seed, "data_seed")
        if self.layer_sizes[-1] > 1:  # the softmax indexes its logits by label
            y = y.astype(np.intp)
            test = None if test is None else (test[0], test[1].astype(np.intp))
        return _FitArguments(X, y, epochs, lr, batch, momentum, test, record_every, callback, callback_every,
                             shuffler)

    def _batches(self, args):
        """A function returning one epoch's batches as ``(bufs, y_batch)`` pairs: the whole set, in buffers filled
        once (full batch), or the rows shuffled by ``args.shuffler`` and cut into batches of ``args.batch``, in
        buffers allocated once per batch size and refilled. (A last batch of 1 is dropped with batch norm.)"""
        n = len(args.y)
        if args.batch == n:
            full = [(chain.input_buffers(self.layer_sizes[:-1], n, X=args.X), args.y)]
            return lambda: full
        buffers = {}

        def epoch():
            order = args.shuffler.permutation(n)
            for start in range(0, n, args.batch):
                rows = order[start:start + args.batch]
                if self.batchnorm and len(rows) < 2:
                    continue
                if len(rows) not in buffers:
                    buffers[len(rows)] = chain.input_buffers(self.layer_sizes[:-1], len(rows))
                bufs = buffers[len(rows)]
                bufs[0][:-1] = args.X[rows].T
                yield bufs, args.y[rows]
        return epoch

    def _loss_and_gradient(self, bufs, y):
        """Forward and backward on one batch: fills the gradient, returns ``(batch-norm statistics, summed loss)``."""
        zs, norms = chain.forward(self._blocks, self._acts, bufs, self.batchnorm)
        loss, dz = self.output.loss_and_delta(zs[-1], y)
        dz *= 1.0 / len(y)
        chain.backward(dz, self._blocks, self._acts, zs, bufs, self._grad_blocks, norms)
        return norms, loss

    def _update(self, lr, momentum, velocity):
        """One gradient-descent step on every parameter at once (heavy-ball momentum if ``momentum``)."""
        if momentum:
            velocity *= momentum
            velocity -= lr * self._grad
            self._theta += velocity
        else:
            self._theta -= lr * self._grad

    def _update_running(self, norms, m):
        """Move batch norm's running mean and std towards this batch's (PyTorch's rule: the unbiased variance)."""
        unbiased = m / (m - 1)
        for (mean, std), (batch_mean, batch_std) in zip(self.running, norms):
            mean += self.BN_MOMENTUM * (batch_mean - mean)
            variance = std**2 + self.BN_MOMENTUM * ((batch_std**2 - chain.BN_EPSILON) * unbiased - std**2)
            std[...] = np.sqrt(variance + chain.BN_EPSILON)

    def _record(self, history, epoch, args, bufs=None):
        """Append one row of per-layer statistics (on the whole training set) to ``history``."""
        if bufs is None:
            bufs = self._forward(args.X, training=True)[1]
        hidden = [buf[:-1] for buf in bufs[1:]]  # (width, n): one row per unit
        grads_W = [B[:, :-1] for B in self._grad_blocks]
        s = history.stats
        moments = [_mean_and_var(a) for a in hidden]
        s["act_mean"].append([m for m, _ in moments])
        s["act_var"].append([v for _, v in moments])
        s["saturated"].append([float(act.saturated(a).mean()) if act.saturated else 0.0
                               for a, act in zip(hidden, self._acts)])
        s["dead"].append([float(np.all(a == 0, axis=1).mean()) if act.can_die else 0.0
                          for a, act in zip(hidden, self._acts)])
        grad_norms = [float(np.linalg.norm(g)) for g in grads_W]
        s["grad_norm"].append(grad_norms)
        s["grad_var"].append([_mean_and_var(g)[1] for g in grads_W])
        s["update_ratio"].append([float(args.lr * norm / max(np.linalg.norm(W), 1e-300))
                                  for norm, W in zip(grad_norms, self._weights)])
        history.epochs_recorded.append(epoch)
        logits = self._blocks[-1] @ bufs[-1]
        history.train_accuracy.append(float(np.mean(self.output.predict(logits) == args.y)))
        if args.test is not None:
            zt = self._forward(args.test[0])[0][-1]
            history.test_loss.append(mean_loss(self.output, zt, args.test[1]))
            history.test_accuracy.append(float(np.mean(self.output.predict(zt) == args.test[1])))
