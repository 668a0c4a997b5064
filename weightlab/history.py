"""What training records: the loss of every epoch and, every few epochs, per-layer statistics (``History``)."""
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from ._validate import check_choice

#: a cross-entropy above this means logits in the thousands: the network's numbers have blown up
OVERFLOW_LOSS = 1e3

STAT_NAMES = {
    "act_mean": "mean of the layer's activations",
    "act_var": "variance of the layer's activations",
    "saturated": "fraction of activations in the flat tails (tanh, sigmoid)",
    "dead": "fraction of units that output 0 for every training sample (relu)",
    "grad_norm": "norm of the loss gradient with respect to the layer's weights",
    "grad_var": "variance of the entries of that gradient",
    "update_ratio": "norm of the weight update / norm of the weights",
}


@dataclass
class History:
    """What ``MLP.fit`` recorded.

    ``loss[i]`` is the training loss of epoch ``i``'s forward pass, before that epoch's update (for minibatches: the
    size-weighted mean of the batch losses). Every ``record_every`` epochs (and at the last epoch) the epoch number is
    appended to ``epochs_recorded``, per-layer statistics to ``stats[name]`` (one row per record, one column per layer:
    hidden layers for the activation statistics, every weight matrix for the gradient statistics), and the train and
    (if given) test loss and accuracy to the matching lists. Like ``loss``, a record describes the network at the
    start of its epoch, before that epoch's update.
    """

    loss: list = field(default_factory=list)
    epochs_recorded: list = field(default_factory=list)
    train_accuracy: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    test_accuracy: list = field(default_factory=list)
    stats: dict = field(default_factory=lambda: {name: [] for name in STAT_NAMES})
    diverged: bool = False
    diverged_epoch: Optional[int] = None
    stopped_early: bool = False

    @property
    def epochs(self):
        """Number of epochs whose loss was recorded."""
        return len(self.loss)

    def stat(self, name):
        """``stats[name]`` as an array of shape (records, layers)."""
        check_choice(name, "stat name", STAT_NAMES)
        return np.array(self.stats[name], dtype=float)

    def copy(self):
        """An independent copy (lists copied, so extending one leaves the other as it was)."""
        return History(loss=list(self.loss), epochs_recorded=list(self.epochs_recorded),
                       train_accuracy=list(self.train_accuracy), test_loss=list(self.test_loss),
                       test_accuracy=list(self.test_accuracy), stats={k: list(v) for k, v in self.stats.items()},
                       diverged=self.diverged, diverged_epoch=self.diverged_epoch, stopped_early=self.stopped_early)

    def extend(self, later):
        """Append the records of ``later``, a History of training that continued this one, in place: its epoch
        numbers are shifted to come after this history's epochs, and its end state (diverged, stopped) becomes this
        one's. Returns ``self``, so ``before.copy().extend(history)`` joins without changing ``before``."""
        if not isinstance(later, History):
            raise TypeError(f"later must be a History, got {type(later).__name__}")
        offset = self.epochs
        self.loss += later.loss
        self.epochs_recorded += [epoch + offset for epoch in later.epochs_recorded]
        self.train_accuracy += later.train_accuracy
        self.test_loss += later.test_loss
        self.test_accuracy += later.test_accuracy
        for name in self.stats:
            self.stats[name] += later.stats[name]
        self.diverged, self.stopped_early = later.diverged, later.stopped_early
        self.diverged_epoch = None if later.diverged_epoch is None else later.diverged_epoch + offset
        return self

    @property
    def status(self):
        """One sentence for a readout: finished, diverged (and when) or stopped, and whether units died after an
        overflow."""
        if self.diverged:
            return (f"diverged at epoch {self.diverged_epoch}: the loss or its gradient became infinite or NaN, "
                    "training stopped (the net keeps the weights that epoch started from)")
        last = f"final loss {self.loss[-1]:.4g}" if self.loss else "no epoch run"
        text = f"{'stopped' if self.stopped_early else 'done'} after {self.epochs} epochs, {last}"
        died = self.units_died_after_overflow()
        if died:
            layer, fraction, peak, epoch = died
            text += (f"; units died after an overflow: the loss peaked at {peak:.2g} (epoch {epoch}), and the huge "
                     f"updates left {fraction:.0%} of hidden layer {layer}'s units dead (0 for every sample): lower "
                     "the init scale or the learning rate")
        return text

    def units_died_after_overflow(self):
        """``(layer, dead fraction, peak loss, its epoch)`` when the loss went past ``OVERFLOW_LOSS`` and at the last
        record at least half the units of some hidden layer were dead (relu); else None. Such a net can look
        "done", its loss back near log 2, while it has stopped learning for good."""
        if not self.loss or not self.stats["dead"]:
            return None
        peak_epoch = int(np.nanargmax(self.loss))
        dead = self.stats["dead"][-1]
        layer = int(np.argmax(dead))
        if self.loss[peak_epoch] > OVERFLOW_LOSS and dead[layer] >= 0.5:
            return layer + 1, float(dead[layer]), float(self.loss[peak_epoch]), peak_epoch
        return None
