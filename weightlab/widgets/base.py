"""The shared machinery of every dashboard: the control makers, the frame's figure and PNG, the garbage collector's
pause during a frame, and the two base classes (``Dashboard`` redraws at once, ``TrainingDashboard`` trains in the
background). Drawing itself is done by ``weightlab.plots``; nothing here calls matplotlib's Axes."""
import contextlib
import functools
import gc
import html
import io
import threading
import time

import ipywidgets as widgets

from .. import plots

SCALE_LOG10_RANGE = (-3.0, 2.0)  #: the init-scale slider runs from 0.001 to 100 (log scale)
#: how a dashboard's frame is made: ``plots.new_figure(..., **FRAME)``. Fixed margins, not the constrained layout
#: (which costs as much as the drawing), at a dpi whose PNG is drawn well within the 150 ms a slider move may take
FRAME = dict(dpi=66, layout="fixed")


# ---- controls ---------------------------------------------------------------------------------------------------
def scale_slider(value=1.0, description="init scale", log10_range=SCALE_LOG10_RANGE):
    """A log-scale slider for the init scale, with the ``wl-scale`` class."""
    slider = widgets.FloatLogSlider(value=value, base=10, min=log10_range[0], max=log10_range[1], step=0.05,
                                    description=description, readout_format=".3g", continuous_update=False,
                                    style={"description_width": "initial"}, layout=widgets.Layout(width="340px"))
    slider.add_class("wl-scale")
    return slider


def dropdown(options, value, description, css=None, width="260px"):
    """A dropdown over a table's keys (or a list of values)."""
    box = widgets.Dropdown(options=list(options), value=value, description=description,
                           style={"description_width": "initial"}, layout=widgets.Layout(width=width))
    if css:
        box.add_class(css)
    return box


def int_slider(value, low, high, description, step=1):
    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=False, style={"description_width": "initial"},
                             layout=widgets.Layout(width="300px"))


def fmt_scale(value):
    """The scale as the slider's readout shows it (format .3g), so a readout can be matched against the slider."""
    return f"{value:.3g}"


# ---- frames -----------------------------------------------------------------------------------------------------
_gc_lock = threading.Lock()
_gc_pause = {"frames": 0, "was_enabled": False}  # frames being drawn now (any thread); gc's state before the first


@contextlib.contextmanager
def collection_after_frame():
    """Postpone Python's cyclic garbage collector while one frame is built and shown, and only then.

    A figure makes tens of thousands of small reference cycles; collected mid-frame they are first promoted to the
    old generation, and a full collection landing in one frame in ten added ~100 ms to it. Postponed, they are
    freed by the next young collection right after the frame. The collector is process-wide, so the pause is kept
    as short as a frame (never around training) and leaves the collector as it found it: if the kernel's own code
    had disabled it, it stays disabled.
    """
    with _gc_lock:
        if _gc_pause["frames"] == 0:
            _gc_pause["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_pause["frames"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pause["frames"] -= 1
            if _gc_pause["frames"] == 0 and _gc_pause["was_enabled"]:
                gc.enable()


def frame(method):
    """Decorator for a dashboard method that builds and shows one frame: the collector waits until it returns."""
    @functools.wraps(method)
    def framed(*args, **kwargs):
        with collection_after_frame():
            return method(*args, **kwargs)
    return framed


def _stacked_png(pngs):
    """One PNG of several PNG images one under the other (the Init Lab's two rows of panels)."""
    from PIL import Image  # matplotlib's own dependency

    images = [Image.open(io.BytesIO(png)) for png in pngs]
    sheet = Image.new("RGBA", (max(im.width for im in images), sum(im.height for im in images)), "white")
    top = 0
    for im in images:
        sheet.paste(im, (0, top))
        top += im.height
    buffer = io.BytesIO()
    sheet.save(buffer, format="png")
    return buffer.getvalue()


# ---- the base classes -------------------------------------------------------------------------------------------
class Dashboard:
    """Base: controls, an Image for the frames, a readout and a status line, and error handling.

    Subclasses set ``self.controls`` (name -> widget) and implement ``update()``; ``kind`` is "forward" (redraws at
    once) or "train" (trains in the background). ``snapshot()`` is the current picture for a saved notebook.
    """

    kind = "forward"
    title = ""

    def __init__(self, controls, buttons=(), width_px=1100):
        self.controls = dict(controls)
        self.plot = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width=f"{width_px}px"))
        self.plot.add_class("wl-plot")
        self.images = [self.plot]  #: every Image a frame is drawn into, top to bottom
        self.readout = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.readout.add_class("wl-readout")
        self.status = widgets.HTML()
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
                rows.append(widgets.HBox(row))
                row = []
        if row:
            rows.append(widgets.HBox(row))
        header = [widgets.HTML(f"<b>{html.escape(self.title)}</b>")] if self.title else []
        self.widget = widgets.VBox(header + rows + [self.status, self.plot, self.readout])
        self.widget.add_class("wl-dashboard")

    # display in a notebook: the dashboard object shows its widget
    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def add_image(self, css):
        """A second Image for frames, under the ones there are (e.g. the Init Lab's second row of panels)."""
        image = widgets.Image(format="png", layout=self.plot.layout)
        image.add_class(css)
        children = list(self.widget.children)
        children.insert(children.index(self.images[-1]) + 1, image)
        self.widget.children = children
        self.images.append(image)
        return image

    def snapshot(self):
        """The dashboard's current picture as a static image for a notebook (an ``IPython.display.Image``; all of
        its rows in one), after any background training has finished: what a reader sees without a running kernel.
        With no picture yet (a callback failed before drawing), the status line instead, which says why."""
        from IPython.display import HTML, Image

        self.wait()
        pngs = [bytes(image.value) for image in self.images if image.value]
        if not pngs:
            return HTML(self.status.value)
        return Image(data=pngs[0] if len(pngs) == 1 else _stacked_png(pngs), format="png")

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
        (image or self.plot).value = plots.frame_to_png(fig)
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
        self.button = widgets.Button(description=button_text, button_style="success", icon="play",
                                     layout=widgets.Layout(width="180px"))
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
