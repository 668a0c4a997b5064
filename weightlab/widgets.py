"""Dashboards: thin ipywidgets layers over the plot functions and the experiments.

Every dashboard is built from the lookup tables (``INITIALIZERS``, ``ACTIVATIONS``, ``DATASETS``, ``BIAS_INITS``),
draws each frame with ``weightlab.plots`` into a ``matplotlib.figure.Figure`` and shows it as PNG bytes in an
``ipywidgets.Image``: replacing an image's bytes never flickers, in JupyterLab and in Voila alike. Controls can be set
from Python (``dash.set(scale=10)``) and every dashboard can run without a browser, which is how the tests and the
latency benchmark drive them.

Training dashboards train in a background thread so the kernel keeps answering the controls: a new control value
stops the running job (at its next callback) and starts a fresh one; live frames are drawn at most every
``frame_interval`` seconds. Any exception in a callback is shown in the dashboard's status line, never only in the
browser log.

The DOM contract the browser tests rely on (CSS classes): ``wl-dashboard`` (root), ``wl-scale`` (init-scale slider),
``wl-scheme`` (scheme/case dropdown), ``wl-train`` (the button, where there is one), ``wl-plot`` (the Image),
``wl-readout`` (current settings and results), ``wl-status`` (ready / training / done / diverged, ``wl-error``).
"""
import contextlib
import gc
import html
import threading
import time

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from . import plots
from .activations import ACTIVATIONS
from .data import DATASETS, load_dataset
from .experiments import ZERO_INIT_CASES, chaos_chi, depth_statistics, gradient_flow_cases, train_restarts
from .initializers import BIAS_INITS, INITIALIZERS, get_initializer
from .mlp import MLP, History

SCALE_LOG10_RANGE = (-3.0, 2.0)  #: the init-scale slider runs from 0.001 to 100 (log scale)


# ---- controls ---------------------------------------------------------------------------------------------------
def scale_slider(value=1.0, description="init scale", log10_range=SCALE_LOG10_RANGE):
    """A log-scale slider for the init scale, with the ``wl-scale`` class."""
    slider = W.FloatLogSlider(value=value, base=10, min=log10_range[0], max=log10_range[1], step=0.05,
                              description=description, readout_format=".3g", continuous_update=False,
                              style={"description_width": "initial"}, layout=W.Layout(width="340px"))
    slider.add_class("wl-scale")
    return slider


def dropdown(options, value, description, css=None):
    """A dropdown over a table's keys."""
    box = W.Dropdown(options=list(options), value=value, description=description,
                     style={"description_width": "initial"}, layout=W.Layout(width="260px"))
    if css:
        box.add_class(css)
    return box


def int_slider(value, low, high, description, step=1):
    return W.IntSlider(value=value, min=low, max=high, step=step, description=description, continuous_update=False,
                       style={"description_width": "initial"}, layout=W.Layout(width="300px"))


def frame_figure(nrows, ncols, figsize, left=0.06):
    """A figure for one dashboard frame: fixed margins instead of constrained layout (which costs as much as the
    drawing itself), low dpi; ``render`` turns it into PNG bytes."""
    fig = Figure(figsize=figsize, dpi=66)
    axes = fig.subplots(nrows, ncols)
    fig.subplots_adjust(left=left, right=0.98, bottom=0.13 if nrows == 1 else 0.08, top=0.88 if nrows == 1 else 0.93,
                        wspace=0.3, hspace=0.42)
    return fig, axes


def render(fig):
    """PNG bytes of a frame. Log axes keep minor ticks only at 2, 3 and 6, which matplotlib labels (none beyond two
    decades, where they are unlabeled): every tick is a handful of artists, costing more than the data's drawing."""
    for ax in fig.axes:
        for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            if axis.get_scale() == "log" and low > 0 and high > 0:
                wide = abs(np.log10(high / low)) > 2
                axis.set_minor_locator(NullLocator() if wide else LogLocator(subs=(2.0, 3.0, 6.0)))
    return plots.figure_to_png(fig, compress_level=1)


def plot_both_directions(stats, ax, theory=True):
    """Forward pre-activation variance and backward gradient variance per layer on one log axis (Glorot & Bengio's
    point: an init should keep both steady), each with its theory line."""
    plots.plot_variance_by_depth(stats, ax=ax, key="pre_var", theory=theory, label="forward: Var(z)",
                                 color=plots.CLASS_COLORS[0])
    plots.plot_variance_by_depth(stats, ax=ax, key="grad_var", theory=theory, label="backward: Var(∂L/∂z)",
                                 color=plots.CLASS_COLORS[1])
    ax.set_title("Variance through depth, forward and backward", fontsize=14)
    ax.set_ylabel("variance (log scale)")
    return ax


_gc_lock, _gc_holders = threading.Lock(), [0]


@contextlib.contextmanager
def garbage_collection_after():
    """Postpone Python's cyclic garbage collector while a frame is built and shown: matplotlib makes many small
    reference cycles, and a full collection landing mid-frame added ~100 ms to one frame in ten. It runs after."""
    with _gc_lock:
        _gc_holders[0] += 1
        gc.disable()
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders[0] -= 1
            if _gc_holders[0] == 0:
                gc.enable()


def fmt_scale(value):
    """The scale as the slider's readout shows it (format .3g), so a readout can be matched against the slider."""
    return f"{value:.3g}"


# ---- the shared machinery ---------------------------------------------------------------------------------------
class Dashboard:
    """Base: controls, an Image for the frames, a readout and a status line, and error handling.

    Subclasses set ``self.controls`` (name -> widget) and implement ``update()``; ``kind`` is "forward" (redraws at
    once) or "train" (trains in the background).
    """

    kind = "forward"
    title = ""

    def __init__(self, controls, buttons=(), width_px=1100):
        self.controls = dict(controls)
        self.plot = W.Image(format="png", layout=W.Layout(width="100%", max_width=f"{width_px}px"))
        self.plot.add_class("wl-plot")
        self.readout = W.HTML(layout=W.Layout(width="100%"))
        self.readout.add_class("wl-readout")
        self.status = W.HTML()
        self.status.add_class("wl-status")
        self.frames = 0  #: frames drawn so far
        self.timings = []  #: seconds from a control change to its final frame
        self.first_frame_timings = []  #: seconds from a control change to its first frame
        self._changed_at = None
        self._holding = False
        for widget in self.controls.values():
            widget.observe(self._on_change, names="value")
        rows, row = [], []
        for widget in list(self.controls.values()) + list(buttons):
            row.append(widget)
            if len(row) == 3:
                rows.append(W.HBox(row))
                row = []
        if row:
            rows.append(W.HBox(row))
        header = [W.HTML(f"<b>{html.escape(self.title)}</b>")] if self.title else []
        self.widget = W.VBox(header + rows + [self.status, self.plot, self.readout])
        self.widget.add_class("wl-dashboard")

    # display in a notebook: the dashboard object shows its widget
    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def values(self):
        """The current control values, name -> value."""
        return {name: w.value for name, w in self.controls.items()}

    def set(self, **values):
        """Set several controls from Python, then update once."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; this dashboard has {sorted(self.controls)}")
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self._on_change(None)
        return self

    def _on_change(self, change):
        if self._holding:
            return
        self._changed_at = time.perf_counter()
        self.frames_since_change = 0
        with garbage_collection_after():
            self._safely(self.update)

    def _safely(self, fn, *args):
        try:
            return fn(*args)
        except Exception as exc:  # a dashboard never dies: the learner reads what went wrong
            self.show_error(exc)

    def show_error(self, exc):
        self.status.add_class("wl-error")
        self.status.value = (f"<span style='color:#b00'><b>error</b>: {html.escape(type(exc).__name__)}: "
                             f"{html.escape(str(exc))}</span>")

    def set_status(self, text, color="#333"):
        self.status.remove_class("wl-error")
        self.status.value = f"<span style='color:{color}'>{html.escape(text)}</span>"

    def draw(self, fig, final=True, image=None):
        """Show a finished figure (in ``self.plot`` or another Image) and record how long it took since the control
        change: the first frame after a change, and the final one."""
        start = time.perf_counter()
        (image or self.plot).value = render(fig)
        self.render_seconds = time.perf_counter() - start
        self.frames += 1
        self.frames_since_change += 1
        if self._changed_at is not None:
            elapsed = time.perf_counter() - self._changed_at
            if self.frames_since_change == 1:
                self.first_frame_timings.append(elapsed)
            if final:
                self.timings.append(elapsed)
                self._changed_at = None

    frames_since_change = 0
    render_seconds = 0.0

    def update(self):
        raise NotImplementedError

    def wait(self, timeout=60):
        """Block until background work is finished (no-op for forward dashboards)."""
        return self


class TrainingDashboard(Dashboard):
    """A dashboard whose update trains something; runs it in a thread unless ``threaded=False``."""

    kind = "train"
    frame_interval = 0.25  #: seconds between live frames
    frame_seconds = 0.0  #: how long the last live frame took to draw

    def __init__(self, controls, threaded=True, button_text="train", **kwargs):
        self.threaded = threaded
        self.button = W.Button(description=button_text, button_style="success", icon="play",
                               layout=W.Layout(width="180px"))
        self.button.add_class("wl-train")
        self.button.on_click(lambda _: self._on_button())
        self._thread, self._cancel = None, threading.Event()
        super().__init__(controls, buttons=[self.button], **kwargs)

    def _on_button(self):
        self._changed_at = time.perf_counter()
        self._start(self.more)

    def update(self):
        self._start(self.run)

    def more(self, cancel):
        """What the button does; by default the same as a control change."""
        return self.run(cancel)

    def _start(self, job):
        self.stop()
        self.frames_since_change = 0
        self._cancel = threading.Event()
        if not self.threaded:
            self._safely(job, self._cancel)
            return
        self._thread = threading.Thread(target=self._safely, args=(job, self._cancel), daemon=True)
        self._thread.start()

    def stop(self):
        """Ask the running job to stop and wait for it."""
        self._cancel.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=30)
        self._thread = None

    def wait(self, timeout=60):
        if self._thread is not None:
            self._thread.join(timeout)
        return self

    def run(self, cancel):
        raise NotImplementedError


# ---- Init Lab: train a net live ---------------------------------------------------------------------------------
def merge_histories(first, second):
    """One History continuing ``first`` with ``second`` (epochs of ``second`` shifted after ``first``'s)."""
    if first is None:
        return second
    merged = History(loss=first.loss + second.loss,
                     epochs_recorded=first.epochs_recorded + [e + first.epochs for e in second.epochs_recorded],
                     train_accuracy=first.train_accuracy + second.train_accuracy,
                     test_loss=first.test_loss + second.test_loss,
                     test_accuracy=first.test_accuracy + second.test_accuracy,
                     stats={k: first.stats[k] + second.stats[k] for k in first.stats},
                     diverged=second.diverged, stopped_early=second.stopped_early,
                     diverged_epoch=None if second.diverged_epoch is None else second.diverged_epoch + first.epochs)
    return merged


INIT_LAB_CONTROLS = ("dataset", "depth", "width", "activation", "scheme", "scale", "bias_init", "lr", "epochs", "seed")


class InitLab(TrainingDashboard):
    """Train an MLP live and watch its loss, per-layer statistics and decision boundary.

    ``controls``: which of ``INIT_LAB_CONTROLS`` to show (the others stay at their defaults); ``compact`` draws three
    panels (loss, per-layer variance, decision boundary) instead of six. Keyword arguments set the defaults:
    dataset, depth (hidden layers), width, activation, scheme, scale, bias_init, lr, epochs, seed. The button trains
    ``epochs`` more epochs from where the net is; any control change starts again from a fresh initialization.
    """

    title = "Init Lab"

    def __init__(self, controls=INIT_LAB_CONTROLS, compact=False, threaded=True, dataset="circles", depth=2,
                 width=8, activation="relu", scheme="he_normal", scale=1.0, bias_init="zeros", lr=0.05,
                 epochs=1000, seed=0, title=None):
        unknown = set(controls) - set(INIT_LAB_CONTROLS)
        if unknown:
            raise ValueError(f"unknown InitLab control(s) {sorted(unknown)}; choose from {INIT_LAB_CONTROLS}")
        self.compact = compact
        self.title = title or self.title
        self.defaults = dict(dataset=dataset, depth=depth, width=width, activation=activation, scheme=scheme,
                             scale=scale, bias_init=bias_init, lr=lr, epochs=epochs, seed=seed)
        makers = {
            "dataset": lambda: dropdown(DATASETS, dataset, "dataset"),
            "depth": lambda: int_slider(depth, 1, 8, "hidden layers"),
            "width": lambda: int_slider(width, 1, 64, "units per layer"),
            "activation": lambda: dropdown(ACTIVATIONS, activation, "activation"),
            "scheme": lambda: dropdown(INITIALIZERS, scheme, "init scheme", css="wl-scheme"),
            "scale": lambda: scale_slider(scale),
            "bias_init": lambda: dropdown(BIAS_INITS, bias_init, "bias init"),
            "lr": lambda: W.FloatLogSlider(value=lr, base=10, min=-3, max=0.5, step=0.1, description="learning rate",
                                           readout_format=".3g", continuous_update=False,
                                           style={"description_width": "initial"}),
            "epochs": lambda: W.Dropdown(options=[100, 300, 1000, 3000, 10000], value=epochs, description="epochs",
                                         style={"description_width": "initial"}, layout=W.Layout(width="200px")),
            "seed": lambda: W.BoundedIntText(value=seed, min=0, max=10**6, description="seed",
                                             style={"description_width": "initial"}, layout=W.Layout(width="160px")),
        }
        self.net = self.history = None
        self._data_key = self._data = None
        super().__init__({name: makers[name]() for name in INIT_LAB_CONTROLS if name in controls}, threaded=threaded,
                         button_text="train more", width_px=1000 if compact else 1200)
        if not compact:  # the full lab draws its second row of panels into a second image, under the first
            self.plot_bottom = W.Image(format="png", layout=self.plot.layout)
            self.plot_bottom.add_class("wl-plot-more")
            children = list(self.widget.children)
            children.insert(children.index(self.plot) + 1, self.plot_bottom)
            self.widget.children = children
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
        """One line of Python that reproduces the current run exactly."""
        s = self.settings
        sizes = [2] + [s["width"]] * s["depth"] + [1]
        # "train more" continues full-batch gradient descent, which is the same as one longer fit
        epochs = self.history.epochs if self.history is not None and not self.history.diverged else s["epochs"]
        return (f'X, y, X_test, y_test = load_dataset("{s["dataset"]}"); '
                f'net = MLP({sizes}, activation="{s["activation"]}", init="{s["scheme"]}", scale={s["scale"]:.6g}, '
                f'bias_init="{s["bias_init"]}", seed={s["seed"]}); '
                f'history = net.fit(X, y, epochs={epochs}, lr={s["lr"]:.6g}, X_test=X_test, y_test=y_test)')

    def run(self, cancel):
        s = self.settings
        self.net = MLP([2] + [s["width"]] * s["depth"] + [1], activation=s["activation"], init=s["scheme"],
                       scale=s["scale"], bias_init=s["bias_init"], seed=s["seed"])
        self.history = None
        self._train(cancel)

    def more(self, cancel):
        if self.net is None or (self.history is not None and self.history.diverged):
            return self.run(cancel)
        self._train(cancel)

    def _train(self, cancel):
        s = self.settings
        X, y, Xt, yt = self.data()
        before = self.history
        last = [0.0]
        self.set_status("training…")

        def live(net, hist, epoch):
            if cancel.is_set():
                return False
            now = time.perf_counter()
            # a live frame at most every frame_interval s, and never more than a third of the time spent drawing
            interval = max(self.frame_interval, 2 * self.frame_seconds)
            if now - last[0] >= interval or self.frames_since_change == 0:
                self.set_status(f"training… epoch {epoch + 1 if before is None else before.epochs + epoch + 1}")
                with garbage_collection_after():
                    self._frame(merge_histories(before, hist), final=False)
                last[0] = time.perf_counter()
                self.frame_seconds = last[0] - now
            return True

        hist = self.net.fit(X, y, epochs=s["epochs"], lr=s["lr"], X_test=Xt, y_test=yt,
                            record_every=max(1, s["epochs"] // 100), callback=live,
                            callback_every=max(1, s["epochs"] // 50))
        if cancel.is_set() and hist.stopped_early:
            return  # a newer job took over
        self.history = merge_histories(before, hist)
        with garbage_collection_after():
            self._frame(self.history, final=True)
        if self.history.diverged:
            self.set_status(f"diverged at epoch {self.history.diverged_epoch}: the loss became infinite; "
                            "lower the init scale or the learning rate", color="#b00")
        else:
            self.set_status(f"done: {self.history.epochs} epochs", color="#060")

    def _frame(self, hist, final):
        """Draw the first row (loss, per-layer variance, decision boundary), then, in the full lab, the second row
        (histograms, gradient norms, saturated or dead units) into a second image: the row that matters most
        appears first."""
        s = self.settings
        X, y, Xt, yt = self.data()
        net = self.net
        self.readout.value = self._readout(hist)
        fig, axes = frame_figure(1, 3, figsize=(15, 4.2) if self.compact else (16, 4.3))
        plots.plot_loss(hist, ax=axes[0])
        plots.plot_layer_stat(hist, "act_var", ax=axes[1])
        plots.plot_decision_boundary(net, Xt, yt, ax=axes[2], resolution=60, title="decision boundary (test)")
        self.draw(fig, final=final and self.compact)
        if self.compact:
            return
        fig, axes = frame_figure(1, 3, figsize=(16, 4.3))
        if not hist.diverged:
            plots.plot_activation_histograms(net.forward(X)[1][1:], ax=axes[0], activation=s["activation"])
        else:
            axes[0].text(0.5, 0.5, "diverged: no activations", ha="center", transform=axes[0].transAxes)
        plots.plot_layer_stat(hist, "grad_norm", ax=axes[1])
        plots.plot_layer_stat(hist, "saturated" if s["activation"] in ("tanh", "sigmoid") else "dead", ax=axes[2])
        self.draw(fig, final=final, image=self.plot_bottom)

    def _readout(self, hist):
        s = self.settings
        rows = [f"scale = {fmt_scale(s['scale'])}", f"scheme = {s['scheme']}", f"activation = {s['activation']}",
                f"epoch {hist.epochs}"]
        if hist.loss:
            rows.append(f"train loss {hist.loss[-1]:.4g}")
        if hist.test_accuracy:
            rows.append(f"test accuracy {100 * hist.test_accuracy[-1]:.0f}%")
        if hist.diverged:
            rows.append(f"<b style='color:#b00'>diverged at epoch {hist.diverged_epoch}</b>")
        return (" · ".join(rows) + "<br><small>reproduce this run:</small> "
                "<code style='user-select:all; white-space:pre-wrap; word-break:break-word'>"
                f"{html.escape(self.code())}</code>")


# ---- variance through depth: forward only -----------------------------------------------------------------------
class DepthDashboard(Dashboard):
    """A deep chain of square layers, untrained: activation variance forward, gradient variance backward, and the
    mean-field theory line. Controls: depth, width, activation, scheme, scale, batchnorm."""

    title = "Variance through depth"

    def __init__(self, depth=10, width=100, activation="tanh", scheme="glorot_normal", scale=1.0, batchnorm=False,
                 n_samples=200, seed=0, show_batchnorm=True):
        self.n_samples, self.seed = n_samples, seed
        controls = {"depth": int_slider(depth, 1, 100, "layers"), "width": int_slider(width, 10, 400, "width", 10),
                    "activation": dropdown(ACTIVATIONS, activation, "activation"),
                    "scheme": dropdown(INITIALIZERS, scheme, "init scheme", css="wl-scheme"),
                    "scale": scale_slider(scale)}
        if show_batchnorm:
            controls["batchnorm"] = W.Checkbox(value=batchnorm, description="batch norm")
        self._batchnorm = batchnorm
        super().__init__(controls)
        self.update()

    def update(self):
        v = {"batchnorm": self._batchnorm, **self.values}
        stats = depth_statistics(v["depth"], v["width"], v["scheme"], v["activation"], v["scale"],
                                 n_samples=self.n_samples, seed=self.seed, batchnorm=v["batchnorm"])
        self.stats = stats
        fig, axes = frame_figure(1, 2, figsize=(12, 4.3))
        plot_both_directions(stats, axes[0], theory=not v["batchnorm"])
        plots.plot_activation_histograms(stats["hist_samples"], ax=axes[1], activation=v["activation"])
        last = stats["pre_var"][-1]
        verdict = ("overflowed" if not np.isfinite(last) else "exploding" if last > 10 else
                   "vanishing" if last < 0.1 else "steady")
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · scheme = {v['scheme']} · {v['activation']} · "
                              f"variance of layer {v['depth']}'s pre-activations = {last:.3g} "
                              f"(theory {stats['theory_pre_var'][-1]:.3g}) → <b>{verdict}</b>")
        self.set_status(f"ready ({verdict})", color="#060" if verdict == "steady" else "#a60")
        self.draw(fig)


# ---- the initializer zoo: forward only --------------------------------------------------------------------------
class ZooDashboard(Dashboard):
    """Pick an initializer, its fans and the scale: the sampled histogram against its theoretical density."""

    title = "The initializer zoo"

    def __init__(self, scheme="glorot_uniform", fan_in=256, fan_out=256, scale=1.0, seed=0):
        self.seed = seed
        controls = {"scheme": dropdown(INITIALIZERS, scheme, "initializer", css="wl-scheme"),
                    "fan_in": int_slider(fan_in, 1, 1024, "fan_in"), "fan_out": int_slider(fan_out, 1, 1024, "fan_out"),
                    "scale": scale_slider(scale)}
        super().__init__(controls, width_px=700)
        self.update()

    def update(self):
        v = self.values
        entry = get_initializer(v["scheme"])
        fig, ax = frame_figure(1, 1, figsize=(8, 4.6))
        plots.plot_weight_histogram(v["scheme"], v["fan_in"], v["fan_out"], rng=self.seed, ax=ax, scale=v["scale"])
        std = entry.std(v["fan_in"], v["fan_out"], scale=v["scale"])
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · <b>{v['scheme']}</b> ({entry.framework}): "
                              f"{html.escape(entry.summary)}<br>formula: <code>{html.escape(entry.formula)}</code> · "
                              f"theoretical std = {std:.4g} · Var(w)·fan_in = {std**2 * v['fan_in']:.3g}<br>"
                              f"<small>source: {html.escape(entry.source)}</small>")
        self.set_status("ready", color="#060")
        self.draw(fig)


# ---- the gradient inspector: zero init, batch by batch ----------------------------------------------------------
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
        v = self.values
        kwargs = dict(ZERO_INIT_CASES[v["case"]])
        if kwargs["init"] != "zeros":
            kwargs["scale"] = v["scale"]
        if kwargs.get("bias_init") != "zeros":
            kwargs["bias_options"] = {"stddev": v["scale"]}
        return {v["case"]: kwargs}

    def _show(self):
        v = self.values
        cases = self._case()
        result = gradient_flow_cases(self.X, self.y, self.layer_sizes, activation=v["activation"],
                                     steps=self.step + 1, lr=self.lr, cases=cases)
        self.result = result
        # the same net after this step's update: each column of [W1; b1] is one hidden unit's incoming parameters
        net = MLP(self.layer_sizes, activation=v["activation"], seed=0, **cases[v["case"]])
        for _ in range(self.step + 1):
            gW, gb = net.gradients(self.X, self.y)
            for P, G in zip(net.weights + net.biases, gW + gb):
                P -= self.lr * G
        fig, axes = frame_figure(1, 2, figsize=(12.5, 3.8), left=0.2)
        plots.plot_gradient_flow(result, ax=axes[0], step=self.step)
        params = np.vstack([net.weights[0], net.biases[0][None, :]])
        limit = max(np.abs(params).max(), 1e-12)
        axes[1].imshow(params, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
        for (i, j), value in np.ndenumerate(params):  # white on the dark cells, black on the light ones
            axes[1].text(j, i, f"{value:.2g}", ha="center", va="center", fontsize=11,
                         color="white" if abs(value) > 0.6 * limit else "black")
        axes[1].set_yticks(range(params.shape[0]), [f"w from x{i + 1}" for i in range(params.shape[0] - 1)] + ["bias"])
        axes[1].set_xticks(range(params.shape[1]), [f"unit {j + 1}" for j in range(params.shape[1])])
        axes[1].set_title(f"hidden layer after step {self.step + 1}: one column per unit")
        now = result[v["case"]][self.step]
        parts = [f"{kind}{l + 1}: {int(m.sum())}/{m.size}" for l in range(len(now["weights"]))
                 for kind, m in (("W", now["weights"][l]), ("b", now["biases"][l]))]
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · case {html.escape(v['case'])} · step {self.step + 1}: "
                              f"non-zero gradient entries {', '.join(parts)} · distinct hidden units "
                              f"{now['distinct'].tolist()} of {list(self.layer_sizes[1:-1])}"
                              + (" · (nothing is random in this case: the scale has no effect)"
                                 if v["case"] == "W=0, b=0" else ""))
        self.set_status(f"done: step {self.step + 1}", color="#060")
        self.draw(fig)


# ---- restarts: a vectorized ensemble ----------------------------------------------------------------------------
class RestartDashboard(TrainingDashboard):
    """Train many seeds of one net at once and look at where they end: the restart histogram, best one marked."""

    title = "Restarts"

    def __init__(self, n_restarts=100, scheme="he_normal", scale=1.0, epochs=1000, lr=0.1, layer_sizes=(2, 10, 5, 1),
                 dataset="circles", threaded=True):
        self.layer_sizes, self.dataset = tuple(layer_sizes), dataset
        controls = {"n_restarts": int_slider(n_restarts, 10, 300, "restarts", 10),
                    "scheme": dropdown(INITIALIZERS, scheme, "init scheme", css="wl-scheme"),
                    "scale": scale_slider(scale),
                    "epochs": W.Dropdown(options=[100, 300, 1000, 3000], value=epochs, description="epochs",
                                         layout=W.Layout(width="200px"))}
        self.lr, self.first_seed = lr, 0
        super().__init__(controls, threaded=threaded, button_text="new seeds")
        self.update()

    def more(self, cancel):
        self.first_seed += self.values["n_restarts"]
        self.run(cancel)

    def run(self, cancel):
        v = self.values
        self.set_status(f"training {v['n_restarts']} restarts…")
        X, y, Xt, yt = load_dataset(self.dataset)
        res = train_restarts(X, y, self.layer_sizes, v["n_restarts"], first_seed=self.first_seed,
                             epochs=v["epochs"], lr=self.lr, X_test=Xt, y_test=yt, init=v["scheme"], scale=v["scale"])
        if cancel.is_set():
            return
        self.result = res
        fig, axes = frame_figure(1, 2, figsize=(12, 4.2))
        ok = ~res["diverged"]
        plots.plot_restart_histogram(res["final_loss"][ok], ax=axes[0], best=res["final_loss"][res["best"]]
                                     if res["best"] >= 0 else None)
        # the best run is the one with the lowest *training* loss: never chosen by its test score
        plots.plot_restart_histogram(res["test_accuracy"][ok], ax=axes[1], xlabel="test accuracy",
                                     best=res["test_accuracy"][res["best"]] if res["best"] >= 0 else None)
        best = res["best"]
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · scheme = {v['scheme']} · seeds "
                              f"{self.first_seed}–{self.first_seed + v['n_restarts'] - 1} · "
                              + (f"best: seed {res['seeds'][best]} with loss {res['final_loss'][best]:.4g} and test "
                                 f"accuracy {100 * res['test_accuracy'][best]:.0f}% · " if best >= 0 else "")
                              + f"diverged: {int(res['diverged'].sum())}")
        self.set_status(f"done: {v['n_restarts']} restarts", color="#060")
        self.draw(fig)


# ---- edge of chaos: forward only --------------------------------------------------------------------------------
class ChaosDashboard(Dashboard):
    """Deep tanh nets with weights N(0, σ_w²/width) and biases N(0, σ_b²): where the chosen point sits on the
    order-to-chaos map, and what its signal and gradient do through depth."""

    title = "Edge of chaos"

    def __init__(self, chaos_map, sigma_w=1.0, sigma_b=0.0, depth=50, width=100, n_samples=100, seed=0):
        self.map, self.width, self.n_samples, self.seed = chaos_map, width, n_samples, seed
        controls = {"preset": dropdown(["custom"] + list(self.PRESETS), "custom", "preset", css="wl-scheme"),
                    "scale": scale_slider(sigma_w, description="σ_w", log10_range=(-0.7, 0.7)),
                    "sigma_b": W.FloatSlider(value=sigma_b, min=0.0, max=float(np.max(chaos_map["sigma_b"])),
                                             step=0.05, description="σ_b", continuous_update=False),
                    "depth": int_slider(depth, 2, 100, "layers")}
        self._preset = "custom"
        super().__init__(controls)
        self.update()

    PRESETS = {"ordered": (0.8, 0.0), "edge of chaos": (1.0, 0.0), "chaotic": (2.5, 0.3)}  #: (σ_w, σ_b)

    def _follow_preset(self):
        """A newly picked preset moves the sliders; moving a slider away from it turns the preset to "custom"."""
        v = self.values
        self._holding = True
        try:
            if v["preset"] != self._preset and v["preset"] in self.PRESETS:
                self.controls["scale"].value, self.controls["sigma_b"].value = self.PRESETS[v["preset"]]
            elif v["preset"] in self.PRESETS and not np.allclose((v["scale"], v["sigma_b"]),  # (within the
                                                                 self.PRESETS[v["preset"]], rtol=0.07, atol=0.03):  # browser's snapping)
                self.controls["preset"].value = "custom"
        finally:
            self._holding = False
        self._preset = self.controls["preset"].value

    def update(self):
        self._follow_preset()
        v = self.values
        sw, sb = v["scale"], v["sigma_b"]
        stats = depth_statistics(v["depth"], self.width, "random_normal", "tanh", scale=sw,
                                 init_options={"stddev": 1.0 / np.sqrt(self.width)}, n_samples=self.n_samples,
                                 seed=self.seed, bias_std=sb)
        fig, axes = frame_figure(1, 2, figsize=(12.5, 4.4))
        plots.plot_edge_of_chaos(self.map, ax=axes[0])
        axes[0].plot([sw], [sb], marker="*", ms=18, color="k", mec="w")
        plot_both_directions(stats, axes[1])
        ratio = stats["grad_var"][0] / stats["grad_var"][-1]
        chi = chaos_chi(sw, sb, "tanh")
        phase = ("ordered: gradients vanish" if chi < 0.98 else "chaotic: gradients explode" if chi > 1.02 else
                 "at the edge of chaos")
        self.readout.value = (f"σ_w = scale = {fmt_scale(sw)} · σ_b = {sb:.2f} · χ = {chi:.3f} → <b>{phase}</b> · "
                              f"measured Var(grad) layer 1 / layer {v['depth']} = {ratio:.3g}")
        self.set_status("ready", color="#060")
        self.draw(fig)


__all__ = ["ChaosDashboard", "DepthDashboard", "GradientInspector", "InitLab", "RestartDashboard", "ZooDashboard",
           "merge_histories", "scale_slider"]
