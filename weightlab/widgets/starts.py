"""Dashboards on where training starts: many random restarts of one net (why random), and the zero-init cases
stepped batch by batch (why not symmetric)."""
import html
import time

import numpy as np

from .. import plots
from .._validate import check_int
from ..activations import ACTIVATIONS
from ..data import load_dataset
from ..experiments import GRADIENT_TOLERANCE, ZERO_INIT_CASES, count_distinct_units, train_restarts
from ..initializers import INITIALIZERS
from ..mlp import MLP
from .base import FRAME, TrainingDashboard, dropdown, fmt_scale, frame, int_slider, scale_slider


def _joined(parts):
    """train_restarts' results for consecutive groups of seeds as one result (its ``best`` over all of them)."""
    out = {key: np.concatenate([part[key] for part in parts])
           for key in ("seeds", "final_loss", "train_accuracy", "loss", "diverged")}
    out["test_accuracy"] = (None if parts[0]["test_accuracy"] is None else
                            np.concatenate([part["test_accuracy"] for part in parts]))
    ok = ~out["diverged"] & np.isfinite(out["final_loss"])
    out["best"] = int(np.nanargmin(np.where(ok, out["final_loss"], np.nan))) if ok.any() else -1
    return out


class RestartDashboard(TrainingDashboard):
    """Train many seeds of one net at once and look at where they end: the restart histogram, best one marked.

    The seeds are trained ``group`` at a time (one vectorized ``train_restarts`` each): between groups a live frame
    shows the restarts so far, and inside a group ``train_restarts`` looks at the job's flag every epoch, so a new
    control value or the stop button ends even a 300 x 3000 run at once."""

    title = "Restarts"
    group = 60  #: restarts per vectorized run (building 60 members takes ~20-50 ms: the longest a stop waits)

    def __init__(self, n_restarts=100, scheme="he_normal", scale=1.0, epochs=1000, lr=0.1, layer_sizes=(2, 10, 5, 1),
                 dataset="circles", threaded=True):
        self.layer_sizes, self.dataset = tuple(layer_sizes), dataset
        controls = {"n_restarts": int_slider(n_restarts, 10, 300, "restarts", 10),
                    "scheme": dropdown(INITIALIZERS, scheme, "init scheme", css="wl-scheme"),
                    "scale": scale_slider(scale),
                    "epochs": dropdown([100, 300, 1000, 3000], epochs, "epochs", width="200px")}
        self.lr, self.first_seed = lr, 0
        self.result = None
        super().__init__(controls, threaded=threaded, button_text="new seeds", width_px=900,
                         initial=dict(n_restarts=n_restarts, scheme=scheme, scale=scale, epochs=epochs))
        self.update()

    def more(self, cancel):
        self.first_seed += self.values["n_restarts"]
        self.run(cancel)

    def run(self, cancel):
        v = self.values
        n, first = v["n_restarts"], self.first_seed
        X, y, X_test, y_test = load_dataset(self.dataset)
        parts, last = [], time.perf_counter()
        for start in range(first, first + n, self.group):
            count = min(self.group, first + n - start)
            self.set_status(f"training restarts {start - first + 1}–{start - first + count} of {n}…")
            part = train_restarts(X, y, self.layer_sizes, count, first_seed=start, epochs=v["epochs"], lr=self.lr,
                                  X_test=X_test, y_test=y_test, init=v["scheme"], scale=v["scale"],
                                  should_stop=cancel.is_set)
            if cancel.is_set():
                if cancel.reason != "replaced":  # (else a newer job takes over)
                    by = " by the kernel's Interrupt" if cancel.reason == "interrupted" else ""
                    self.set_status(f"stopped{by}: the plots show the last run that finished; move a control or "
                                    f"press '{self.button.description}' to train again", color="#a60")
                return
            parts.append(part)
            if start + count < first + n and time.perf_counter() - last >= self.frame_interval:
                self._show(_joined(parts), final=False)
                last = time.perf_counter()
        self.result = _joined(parts)
        self._show(self.result)
        self.set_status(f"done: {n} restarts", color="#060")

    @frame
    def _show(self, result, final=True):
        v = self.values
        fig, axes = plots.new_figure(1, 2, figsize=(11.25, 4.4), **FRAME, left=0.07)
        ok, best = ~result["diverged"], result["best"]
        # the best run is the one with the lowest *training* loss: never chosen by its test score
        plots.plot_restart_histogram(result["final_loss"][ok], ax=axes[0],
                                     best=result["final_loss"][best] if best >= 0 else None)
        plots.plot_restart_histogram(result["test_accuracy"][ok], ax=axes[1], xlabel="test accuracy",
                                     best=result["test_accuracy"][best] if best >= 0 else None)
        self.draw(fig, final=final)
        seeds = result["seeds"]
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · scheme = {v['scheme']} · seeds "
                              f"{seeds[0]}–{seeds[-1]}" + ("" if final else " so far") + " · "
                              + (f"best: seed {seeds[best]} with loss {result['final_loss'][best]:.4g} and "
                                 f"test accuracy {100 * result['test_accuracy'][best]:.0f}% · " if best >= 0 else "")
                              + f"diverged: {int(result['diverged'].sum())}")


class GradientInspector(TrainingDashboard):
    """The three zero-init cases (W=0/b=0, W=0/b random, W random/b=0) stepped batch by batch: how large each
    parameter's gradient is at each step (log scale; below ``GRADIENT_TOLERANCE``: no gradient), and the hidden
    layer's parameters unit by unit after the step.

    Each click of "next batch" takes one gradient step on the next ``batch_size`` rows of the training set (wrapping
    around), as minibatch training walks the data, from the state the last click left: exactly the steps of
    ``gradient_flow_cases(..., batch_size=batch_size)``, one per click. A control change starts again from step 1.
    """

    title = "Gradient inspector"

    def __init__(self, case="W=0, b random", activation="relu", scale=1.0, layer_sizes=(2, 4, 1), lr=0.5,
                 batch_size=32, threaded=False):
        self.layer_sizes, self.lr = tuple(layer_sizes), lr
        X, y, _, _ = load_dataset("circles")
        self.X, self.y = X, y
        self.batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=len(y))
        self.net, self.result = None, {}
        controls = {"case": dropdown(ZERO_INIT_CASES, case, "case", css="wl-scheme"),
                    "activation": dropdown(ACTIVATIONS, activation, "activation"),
                    "scale": scale_slider(scale, description="scale of the random part")}
        super().__init__(controls, threaded=threaded, button_text="next batch", width_px=900,
                         initial=dict(case=case, activation=activation, scale=scale))
        self.update()

    @property
    def step(self):
        """The number of steps taken, less one: 0 after the first."""
        return len(self.steps) - 1

    @property
    def steps(self):
        return self.result.get(self.values["case"], [])

    def run(self, cancel):
        v = self.values
        self.net = MLP(self.layer_sizes, activation=v["activation"], seed=0, **self._case()[v["case"]])
        self.result = {v["case"]: []}
        self._take_step()
        self._show()

    def more(self, cancel):
        if self.net is None:
            return self.run(cancel)
        self._take_step()
        self._show()

    def _case(self):
        """The chosen case's MLP keywords, with the scale slider applied to its random part."""
        v = self.values
        kwargs = dict(ZERO_INIT_CASES[v["case"]])
        if kwargs["init"] != "zeros":
            kwargs["scale"] = v["scale"]
        if kwargs.get("bias_init") != "zeros":
            kwargs["bias_options"] = {"stddev": v["scale"]}
        return {v["case"]: kwargs}

    def _take_step(self):
        """One step of ``gradient_flow_cases`` from the net's current state, recorded as it records a step (a test
        holds the two equal): the next batch's gradients, which entries exceed the tolerance, the distinct units
        before the step, and the parameters after it."""
        net, steps, n = self.net, self.steps, len(self.y)
        rows = np.arange(len(steps) * self.batch_size, (len(steps) + 1) * self.batch_size) % n
        gW, gb = net.gradients(self.X[rows], self.y[rows])
        record = {"weight_grads": gW, "bias_grads": gb, "rows": rows,
                  "weights": [np.abs(g) > GRADIENT_TOLERANCE for g in gW],
                  "biases": [np.abs(g) > GRADIENT_TOLERANCE for g in gb],
                  "distinct": count_distinct_units(net),
                  "distinct_up_to_scale": count_distinct_units(net, up_to_scale=True)}
        for W, b, dW, db in zip(net.weights, net.biases, gW, gb):
            W -= self.lr * dW
            b -= self.lr * db
        record["weights_after"] = [W.copy() for W in net.weights]
        record["biases_after"] = [b.copy() for b in net.biases]
        steps.append(record)

    @frame
    def _show(self):
        v, k = self.values, self.step
        now = self.steps[k]
        fig, axes = plots.new_figure(1, 2, figsize=(11.25, 4.2), **FRAME, width_ratios=(1.35, 1), left=0.15,
                                     wspace=0.5)
        plots.plot_gradient_flow(self.result, ax=axes[0], step=k)
        # the hidden layer after this step's update: each column of [W1; b1] is one hidden unit's parameters
        plots.plot_unit_parameters(now["weights_after"][0], now["biases_after"][0], ax=axes[1],
                                   title=f"hidden layer after step {k + 1}")
        self.draw(fig)
        parts = [f"{kind}{l + 1}: {int(m.sum())}/{m.size}" for l in range(len(now["weights"]))
                 for kind, m in (("W", now["weights"][l]), ("b", now["biases"][l]))]
        rows, exact, scaled = now["rows"], now["distinct"].tolist(), now["distinct_up_to_scale"].tolist()
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · case {html.escape(v['case'])} · "
                              f"step {k + 1}, batch of rows {rows[0]}–{rows[-1]} (class-1 share "
                              f"{self.y[rows].mean():.2f}): entries with |gradient| > {GRADIENT_TOLERANCE:g} "
                              f"{', '.join(parts)} · distinct hidden units {exact}"
                              + (f" ({scaled} up to a positive factor)" if scaled != exact else "")
                              + f" of {list(self.layer_sizes[1:-1])}"
                              + (" · (nothing is random in this case: the scale has no effect)"
                                 if v["case"] == "W=0, b=0" else ""))
        self.set_status(f"done: step {k + 1}", color="#060")
