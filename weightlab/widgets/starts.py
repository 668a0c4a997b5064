"""Dashboards on where training starts: many random restarts of one net (why random), and the zero-init cases
stepped batch by batch (why not symmetric)."""
import html

from .. import plots
from ..activations import ACTIVATIONS
from ..data import load_dataset
from ..experiments import ZERO_INIT_CASES, gradient_flow_cases, train_restarts
from ..initializers import INITIALIZERS
from .base import FRAME, TrainingDashboard, dropdown, fmt_scale, frame, int_slider, scale_slider


class RestartDashboard(TrainingDashboard):
    """Train many seeds of one net at once and look at where they end: the restart histogram, best one marked."""

    title = "Restarts"

    def __init__(self, n_restarts=100, scheme="he_normal", scale=1.0, epochs=1000, lr=0.1, layer_sizes=(2, 10, 5, 1),
                 dataset="circles", threaded=True):
        self.layer_sizes, self.dataset = tuple(layer_sizes), dataset
        controls = {"n_restarts": int_slider(n_restarts, 10, 300, "restarts", 10),
                    "scheme": dropdown(INITIALIZERS, scheme, "init scheme", css="wl-scheme"),
                    "scale": scale_slider(scale),
                    "epochs": dropdown([100, 300, 1000, 3000], epochs, "epochs", width="200px")}
        self.lr, self.first_seed = lr, 0
        super().__init__(controls, threaded=threaded, button_text="new seeds")
        self.update()

    def more(self, cancel):
        self.first_seed += self.values["n_restarts"]
        self.run(cancel)

    def run(self, cancel):
        v = self.values
        self.set_status(f"training {v['n_restarts']} restarts…")
        X, y, X_test, y_test = load_dataset(self.dataset)
        result = train_restarts(X, y, self.layer_sizes, v["n_restarts"], first_seed=self.first_seed,
                                epochs=v["epochs"], lr=self.lr, X_test=X_test, y_test=y_test, init=v["scheme"],
                                scale=v["scale"])
        if cancel.is_set():
            return
        self.result = result
        self._show(result)

    @frame
    def _show(self, result):
        v = self.values
        fig, axes = plots.new_figure(1, 2, figsize=(12, 4.2), **FRAME)
        ok, best = ~result["diverged"], result["best"]
        # the best run is the one with the lowest *training* loss: never chosen by its test score
        plots.plot_restart_histogram(result["final_loss"][ok], ax=axes[0],
                                     best=result["final_loss"][best] if best >= 0 else None)
        plots.plot_restart_histogram(result["test_accuracy"][ok], ax=axes[1], xlabel="test accuracy",
                                     best=result["test_accuracy"][best] if best >= 0 else None)
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · scheme = {v['scheme']} · seeds "
                              f"{self.first_seed}–{self.first_seed + v['n_restarts'] - 1} · "
                              + (f"best: seed {result['seeds'][best]} with loss {result['final_loss'][best]:.4g} and "
                                 f"test accuracy {100 * result['test_accuracy'][best]:.0f}% · " if best >= 0 else "")
                              + f"diverged: {int(result['diverged'].sum())}")
        self.set_status(f"done: {v['n_restarts']} restarts", color="#060")
        self.draw(fig)


class GradientInspector(TrainingDashboard):
    """The three zero-init cases (W=0/b=0, W=0/b random, W random/b=0) stepped batch by batch: which weights and
    biases get a non-zero gradient at each step, and how many distinct hidden units there are."""

    title = "Gradient inspector"

    def __init__(self, case="W=0, b random", activation="relu", scale=1.0, layer_sizes=(2, 4, 1), lr=0.5,
                 threaded=False):
        self.layer_sizes, self.lr, self.step = tuple(layer_sizes), lr, 0
        controls = {"case": dropdown(ZERO_INIT_CASES, case, "case", css="wl-scheme"),
                    "activation": dropdown(ACTIVATIONS, activation, "activation"),
                    "scale": scale_slider(scale, description="scale of the random part")}
        super().__init__(controls, threaded=threaded, button_text="next batch")
        X, y, _, _ = load_dataset("circles")
        self.X, self.y = X[:32], y[:32]  # one batch
        self.update()

    def run(self, cancel):
        self.step = 0
        self._show()

    def more(self, cancel):
        self.step += 1
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

    @frame
    def _show(self):
        v = self.values
        result = gradient_flow_cases(self.X, self.y, self.layer_sizes, activation=v["activation"],
                                     steps=self.step + 1, lr=self.lr, cases=self._case())
        self.result = result
        now = result[v["case"]][self.step]
        fig, axes = plots.new_figure(1, 2, figsize=(12.5, 3.8), **FRAME, left=0.2)
        plots.plot_gradient_flow(result, ax=axes[0], step=self.step)
        # the hidden layer after this step's update: each column of [W1; b1] is one hidden unit's parameters
        plots.plot_unit_parameters(now["weights_after"][0], now["biases_after"][0], ax=axes[1],
                                   title=f"hidden layer after step {self.step + 1}: one column per unit")
        parts = [f"{kind}{l + 1}: {int(m.sum())}/{m.size}" for l in range(len(now["weights"]))
                 for kind, m in (("W", now["weights"][l]), ("b", now["biases"][l]))]
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · case {html.escape(v['case'])} · "
                              f"step {self.step + 1}: non-zero gradient entries {', '.join(parts)} · "
                              f"distinct hidden units {now['distinct'].tolist()} of {list(self.layer_sizes[1:-1])}"
                              + (" · (nothing is random in this case: the scale has no effect)"
                                 if v["case"] == "W=0, b=0" else ""))
        self.set_status(f"done: step {self.step + 1}", color="#060")
        self.draw(fig)
