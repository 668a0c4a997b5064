"""The Init Lab: train a small MLP live and watch its loss, per-layer statistics and decision boundary.

One table, ``SETTINGS``, lists every setting once with its default and its control; it gives the lab its controls,
its defaults and the keywords ``InitLab(...)`` accepts. ``net_kwargs`` and ``fit_kwargs`` turn settings into the
arguments of ``MLP`` and ``MLP.fit``: the run uses them, and ``InitLab.code()`` prints the very same dicts, so the
line of Python under the plots cannot drift from what was run.
"""
import html
import json
import time

import ipywidgets as widgets

from .. import plots
from .._validate import check_choice
from ..activations import ACTIVATIONS
from ..data import DATASETS, load_dataset
from ..initializers import BIAS_INITS, INITIALIZERS
from ..mlp import MLP
from .base import FRAME, TrainingDashboard, check_control, dropdown, fmt_scale, frame, int_slider, scale_slider


def _lr_slider(value):
    value = value if isinstance(value, (int, float)) and value > 0 else 0.05  # (a bad value: see check_control)
    return widgets.FloatLogSlider(value=value, base=10, min=-3, max=0.5, step=0.1, description="learning rate",
                                  readout_format=".3g", continuous_update=False, style={"description_width": "initial"})


def _seed_box(value):
    value = value if isinstance(value, int) else 0  # (a bad value: see check_control)
    return widgets.BoundedIntText(value=value, min=0, max=10**6, description="seed",
                                  style={"description_width": "initial"}, layout=widgets.Layout(width="160px"))


#: every setting of the lab, in the order of its controls: name -> (default, widget maker taking the start value)
SETTINGS = {
    "dataset": ("circles", lambda value: dropdown(DATASETS, value, "dataset")),
    "depth": (2, lambda value: int_slider(value, 1, 8, "hidden layers")),
    "width": (8, lambda value: int_slider(value, 1, 64, "units per layer")),
    "activation": ("relu", lambda value: dropdown(ACTIVATIONS, value, "activation")),
    "scheme": ("he_normal", lambda value: dropdown(INITIALIZERS, value, "init scheme", css="wl-scheme")),
    "scale": (1.0, scale_slider),
    "bias_init": ("zeros", lambda value: dropdown(BIAS_INITS, value, "bias init")),
    "lr": (0.05, _lr_slider),
    "epochs": (1000, lambda value: dropdown([100, 300, 1000, 3000, 10000], value, "epochs", width="200px")),
    "seed": (0, _seed_box),
}


def net_kwargs(settings):
    """``MLP(**net_kwargs(settings))`` builds the lab's net: the data set's inputs (its table entry's
    ``n_features``), ``depth`` hidden layers of ``width`` units, and one sigmoid output for two classes or a softmax
    over ``n_classes`` (the digits' ten)."""
    data = DATASETS[settings["dataset"]]
    outputs = 1 if data.n_classes == 2 else data.n_classes
    return {"layer_sizes": [data.n_features] + [settings["width"]] * settings["depth"] + [outputs],
            "activation": settings["activation"], "init": settings["scheme"], "scale": settings["scale"],
            "bias_init": settings["bias_init"], "seed": settings["seed"]}


def fit_kwargs(settings, epochs=None):
    """``net.fit(X, y, **fit_kwargs(settings))`` trains it (``epochs`` overrides the setting: a continued run)."""
    return {"epochs": settings["epochs"] if epochs is None else epochs, "lr": settings["lr"]}


def _python(value):
    """``value`` written as Python: strings in double quotes, floats with every digit they need to be exact."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, float):
        return repr(float(value))
    return repr(value)


def _arguments(kwargs):
    return ", ".join(f"{name}={_python(value)}" for name, value in kwargs.items())


class InitLab(TrainingDashboard):
    """Train an MLP live and watch its loss, per-layer statistics and decision boundary.

    ``controls``: which of ``SETTINGS`` to show (the others stay at their defaults); ``compact`` draws three panels
    (loss, per-layer variance, decision boundary) instead of six. Keyword arguments set any setting's start value:
    dataset, depth (hidden layers), width, activation, scheme, scale, bias_init, lr, epochs, seed; each is checked
    against its control (a name it does not know, a value past the slider's end: an error naming it), shown or not.
    The button trains ``epochs`` more epochs from where the net is; any control change starts again from a fresh
    initialization; the stop button (or the kernel's Interrupt) stops where it is, and 'train more' goes on from there.
    """

    title = "Init Lab"

    def __init__(self, controls=tuple(SETTINGS), compact=False, threaded=True, title=None, **settings):
        for name in controls:
            check_choice(name, "InitLab control", SETTINGS)
        for name in settings:
            check_choice(name, "InitLab setting", SETTINGS)
        self.compact = compact
        self.title = title or self.title
        # every setting is checked against its control: a shown one against its options or range, a hidden one
        # that names a table entry against the table (a hidden number need not fit a slider: MLP checks it)
        built = {name: make(default) for name, (default, make) in SETTINGS.items()}
        self.defaults = {}
        for name, (default, _) in SETTINGS.items():
            value, widget = settings.get(name, default), built[name]
            named = isinstance(widget, widgets.Dropdown) and all(isinstance(o, str) for o in widget.options)
            self.defaults[name] = check_control(name, widget, value) if name in controls or named else value
            if name not in controls:
                widget.close()
        self.net = self.history = None
        self._data_key = self._data = None
        shown = {name: built[name] for name in SETTINGS if name in controls}
        super().__init__(shown, threaded=threaded, button_text="train more", width_px=1000,
                         initial={name: self.defaults[name] for name in shown})
        if not compact:  # the full lab draws its second row of panels into a second image, under the first
            self.plot_bottom = self.add_image("wl-plot-more")
        self.set_status("ready: move a control, or press 'train more'")
        self.update()

    @property
    def settings(self):
        """Every setting: the shown controls' values over the defaults."""
        return {**self.defaults, **self.values}

    def data(self):
        key = self.settings["dataset"]
        if key != self._data_key:
            self._data, self._data_key = load_dataset(key), key
        return self._data

    def code(self):
        """One line of Python that reproduces the current run exactly, from the same dicts the run used."""
        s = self.settings
        net = net_kwargs(s)
        sizes = net.pop("layer_sizes")
        # "train more" continues full-batch gradient descent, which is the same as one longer fit
        continued = self.history is not None and not self.history.diverged
        fit = fit_kwargs(s, epochs=self.history.epochs if continued else None)
        return (f"X, y, X_test, y_test = load_dataset({_python(s['dataset'])}); "
                f"net = MLP({sizes}, {_arguments(net)}); "
                f"history = net.fit(X, y, {_arguments(fit)}, X_test=X_test, y_test=y_test)")

    def run(self, cancel):
        self.net = MLP(**net_kwargs(self.settings))
        self.history = None
        self._train(cancel)

    def more(self, cancel):
        if self.net is None or (self.history is not None and self.history.diverged):
            return self.run(cancel)
        self._train(cancel)

    def _train(self, cancel):
        s = self.settings
        X, y, X_test, y_test = self.data()
        before = self.history
        last = [0.0]
        self.set_status("training…")

        def joined(history):  # the whole run so far, without changing ``before``
            return history if before is None else before.copy().extend(history)

        def live(net, history, epoch):  # called every epoch: a cancel stops the run within one epoch
            if cancel.is_set():
                return False
            now = time.perf_counter()
            # a live frame at most every frame_interval s, and never more than a third of the time spent drawing
            interval = max(self.frame_interval, 2 * self.frame_seconds)
            if now - last[0] >= interval or self.frames_since_change == 0:
                self.set_status(f"training… epoch {epoch + 1 if before is None else before.epochs + epoch + 1}")
                self._frame(joined(history), final=False)
                last[0] = time.perf_counter()
                self.frame_seconds = last[0] - now
            return True

        fit = fit_kwargs(s)
        history = self.net.fit(X, y, **fit, X_test=X_test, y_test=y_test, record_every=max(1, fit["epochs"] // 100),
                               callback=live, callback_every=1)
        # the net has trained these epochs, stopped or not: 'train more' goes on from here, and code() counts them
        self.history = joined(history)
        if cancel.reason == "replaced":
            return  # a newer job took over: it draws
        self._frame(self.history, final=True)
        if self.history.diverged:
            self.set_status(f"diverged at epoch {self.history.diverged_epoch}: the loss became infinite; "
                            "lower the init scale or the learning rate", color="#b00")
        elif cancel.is_set():
            by = " by the kernel's Interrupt" if cancel.reason == "interrupted" else ""
            self.set_status(f"stopped{by} after {self.history.epochs} epochs: 'train more' goes on from here",
                            color="#a60")
        else:
            self.set_status(f"done: {self.history.epochs} epochs", color="#060")

    def interrupted(self, exc):
        """A BaseException inside training: the net's weights no longer match a History, so 'train more' starts
        again from a fresh net."""
        self.net = None
        super().interrupted(exc)

    @frame
    def _frame(self, history, final):
        """Draw the first row (loss, per-layer variance, decision boundary, or the accuracy for data of more than two
        inputs), then, in the full lab, the second row (histograms, gradient norms, saturated or dead units) into a
        second image: the row that matters most appears first."""
        s = self.settings
        X, y, X_test, y_test = self.data()
        self.readout.value = self._readout(history)
        fig, axes = plots.new_figure(1, 3, figsize=(12.5, 4.3), **FRAME, left=0.065, right=0.985, wspace=0.42)
        plots.plot_loss(history, ax=axes[0], loss_name=self._loss_name())
        plots.plot_layer_stat(history, "act_var", ax=axes[1])
        if X.shape[1] == 2:
            plots.plot_decision_boundary(self.net, X_test, y_test, ax=axes[2], resolution=60,
                                         title="decision boundary (test)")
        else:  # no plane to draw a boundary in
            plots.plot_accuracy(history, ax=axes[2], chance=1 / DATASETS[s["dataset"]].n_classes)
        self.draw(fig, final=final and self.compact)
        if self.compact:
            return
        fig, axes = plots.new_figure(1, 3, figsize=(12.5, 4.3), **FRAME, left=0.065, right=0.985, wspace=0.42)
        if history.diverged:
            plots.plot_message("diverged: no activations", ax=axes[0])
        else:
            plots.plot_activation_histograms(self.net.forward(X)[1][1:], ax=axes[0], activation=s["activation"])
        plots.plot_layer_stat(history, "grad_norm", ax=axes[1])
        plots.plot_layer_stat(history, "saturated" if s["activation"] in ("tanh", "sigmoid") else "dead", ax=axes[2])
        self.draw(fig, final=final, image=self.plot_bottom)

    def _loss_name(self):
        """The loss's name from the net's output layer: a sigmoid's binary cross-entropy or a softmax's."""
        return "binary cross-entropy" if self.net.output.name == "sigmoid" else "softmax cross-entropy"

    def _readout(self, history):
        s = self.settings
        rows = [f"scale = {fmt_scale(s['scale'])}", f"scheme = {s['scheme']}", f"activation = {s['activation']}",
                f"epoch {history.epochs}"]
        if history.loss:
            rows.append(f"train loss {history.loss[-1]:.4g}")
        if history.test_accuracy:
            rows.append(f"test accuracy {100 * history.test_accuracy[-1]:.0f}%")
        if history.diverged:
            rows.append(f"<b style='color:#b00'>diverged at epoch {history.diverged_epoch}</b>")
        return (" · ".join(rows) + "<br><small>reproduce this run:</small> "
                "<code style='user-select:all; white-space:pre-wrap; word-break:break-word'>"
                f"{html.escape(self.code())}</code>")
