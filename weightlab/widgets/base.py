"""The shared machinery of every dashboard: the control makers and the check of a value against its control, the
frame's figure and PNG, the garbage collector's pause during a frame, the kernel's Interrupt button, and the two base
classes (``Dashboard`` redraws at once, ``TrainingDashboard`` trains in the background and can be stopped). Drawing
itself is done by ``weightlab.plots``; nothing here calls matplotlib's Axes."""
import contextlib
import functools
import gc
import html
import io
import numbers
import threading
import time
import weakref

import ipywidgets as widgets

from .. import plots
from .._validate import check_choice, check_float, check_int

SCALE_LOG10_RANGE = (-3.0, 2.0)  #: the init-scale slider runs from 0.001 to 100 (log scale)
#: how a dashboard's frame is made: ``plots.new_figure(..., **FRAME)``. Fixed margins, not the constrained layout
#: (which costs as much as the drawing). At 80 dpi a point is 1.11 px, so the plots' smallest text (11 pt) is 12 px
#: tall on screen: a frame is shown at its own pixel size (never stretched, see ``Dashboard.draw``), and each
#: dashboard picks a figure size whose PNG fits a notebook at 100% zoom (900 to 1000 px wide, 640 for the zoo)
FRAME = dict(dpi=80, layout="fixed")


# ---- controls ---------------------------------------------------------------------------------------------------
def scale_slider(value=1.0, description="init scale", log10_range=SCALE_LOG10_RANGE):
    """A log-scale slider for the init scale, with the ``wl-scale`` class."""
    value = value if _is_number(value) and value > 0 else 1.0  # (a bad value is refused by check_control)
    slider = widgets.FloatLogSlider(value=value, base=10, min=log10_range[0], max=log10_range[1], step=0.05,
                                    description=description, readout_format=".3g", continuous_update=False,
                                    style={"description_width": "initial"}, layout=widgets.Layout(width="340px"))
    slider.add_class("wl-scale")
    return slider


def dropdown(options, value, description, css=None, width="260px"):
    """A dropdown over a table's keys (or a list of values)."""
    options = list(options)
    value = value if value in options else options[0]  # (a bad value is refused by check_control)
    box = widgets.Dropdown(options=options, value=value, description=description,
                           style={"description_width": "initial"}, layout=widgets.Layout(width=width))
    if css:
        box.add_class(css)
    return box


def int_slider(value, low, high, description, step=1):
    value = value if isinstance(value, numbers.Integral) else low  # (a bad value is refused by check_control)
    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=False, style={"description_width": "initial"},
                             layout=widgets.Layout(width="300px"))


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_control(name, widget, value):
    """``value`` checked against control ``name``'s widget and returned (as its type), or a ``ValueError`` or
    ``TypeError`` naming the control and what it takes: a dropdown's options (suggesting the closest, as for
    ``scheme="he_norml"``), a slider's range. Nothing is clamped: ``depth=100`` on a slider that ends at 8 is
    refused, never silently turned into 8."""
    what = f"{name} (the {widget.description!r} control)"
    if isinstance(widget, widgets.Dropdown):
        options = list(widget.options)
        if all(isinstance(option, str) for option in options):
            return check_choice(value, what, options)
        if value in options and not isinstance(value, bool):
            return options[options.index(value)]
        raise ValueError(f"{what} must be one of {options}, got {value!r}")
    if isinstance(widget, widgets.Checkbox):
        if not isinstance(value, bool):
            raise TypeError(f"{what} must be True or False, got {value!r}")
        return value
    if isinstance(widget, (widgets.IntSlider, widgets.BoundedIntText)):
        return check_int(value, f"{what}, from {widget.min} to {widget.max},", widget.min, widget.max)
    if isinstance(widget, widgets.FloatLogSlider):
        low, high = widget.base ** widget.min, widget.base ** widget.max
        value = check_float(value, what)
        if not low * (1 - 1e-9) <= value <= high * (1 + 1e-9):  # (10 ** -3 is not exactly 0.001)
            raise ValueError(f"{what} must be between {low:.3g} and {high:.3g} (its slider's ends), got {value!r}")
        return value
    if isinstance(widget, widgets.FloatSlider):
        return check_float(value, f"{what}, from {widget.min:g} to {widget.max:g},", widget.min, widget.max)
    return value


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

    def __init__(self, controls, buttons=(), width_px=1000, initial=None):
        """``controls``: name -> widget; ``initial``: name -> the value asked for, checked against its widget
        (``check_control``) before the widget takes it; ``width_px``: the frame's width until the first frame
        sets it to the PNG's own."""
        self.controls = dict(controls)
        checked = {name: check_control(name, self.controls[name], value) for name, value in (initial or {}).items()}
        for name, value in checked.items():
            self.controls[name].value = value
        # shown at most at the PNG's own width (1 px per px, set by draw): stretched, its text would be neither the
        # size the plots chose nor sharp
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
        pngs = [bytes(image.value) for image in self.images if image.value]  # (none after an error: see show_error)
        if not pngs:
            return HTML(self.status.value)
        return Image(data=pngs[0] if len(pngs) == 1 else _stacked_png(pngs), format="png")

    @property
    def values(self):
        """The current control values, name -> value."""
        return {name: w.value for name, w in self.controls.items()}

    def set(self, **values):
        """Set several controls from Python, then update once. Every value is checked against its control first
        (``check_control``): one that does not fit raises, naming the control, and none is set."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; this dashboard has {sorted(self.controls)}")
        values = {name: check_control(name, self.controls[name], value) for name, value in values.items()}
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
        """The error in the status line; the picture and the readout, which no longer match the controls, give way
        to a note (the next frame brings them back)."""
        self.status.add_class("wl-error")
        self.status.value = (f"<span style='color:#b00'><b>error</b>: {html.escape(type(exc).__name__)}: "
                             f"{html.escape(str(exc))}</span>")
        for image in self.images:
            image.value = b""
        self.plot.layout.display = "none"  # (the images share one layout)
        self.readout.value = "<i>no picture for these settings: the status line above says why</i>"

    def set_status(self, text, color="#333"):
        self.status.remove_class("wl-error")
        self.status.value = f"<span style='color:{color}'>{html.escape(text)}</span>"

    def draw(self, fig, final=True, image=None):
        """Show a finished figure (in ``self.plot`` or another Image) and record how long it took since the control
        change: the first frame after a change, and the final one."""
        start = time.perf_counter()
        png = plots.frame_to_png(fig)
        (image or self.plot).value = png
        self.render_seconds = time.perf_counter() - start
        width = f"{int.from_bytes(png[16:20], 'big')}px"  # the PNG's own width (its IHDR header)
        if self.plot.layout.max_width != width:
            self.plot.layout.max_width = width
        if self.plot.layout.display == "none":  # (after an error)
            self.plot.layout.display = None
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


class Cancel(threading.Event):
    """A job's stop flag, and why it was raised: "replaced" (a newer job takes over: the job leaves quietly),
    "stopped" (the stop button) or "interrupted" (the kernel's Interrupt): the job shows where it stopped."""

    reason = None

    def stop(self, reason):
        if not self.is_set():
            self.reason = reason
        self.set()


#: the dashboards whose job runs now, which the kernel's Interrupt button stops
_running = weakref.WeakSet()
_replaced_handler = {"handler": None}


def _on_interrupt(signum, frame):
    """SIGINT while the kernel is idle, that is its Interrupt button: stop every dashboard's running job, then do
    what the handler this one replaced did (ipykernel's ignores SIGINT while idle)."""
    for dash in list(_running):
        dash._cancel.stop("interrupted")
    previous = _replaced_handler["handler"]
    if callable(previous):
        previous(signum, frame)


def _arm_kernel_interrupt():
    """Make the kernel's Interrupt button stop background training.

    ipykernel ignores SIGINT while idle: before each message it saves the handler in place and installs one that
    raises KeyboardInterrupt, and after it puts the saved one back (``Kernel.pre_handler_hook`` and
    ``post_handler_hook``). Training in a thread runs while the kernel is idle, so Interrupt did nothing to it.
    Called while a message is handled (a control change, a click, a cell), this puts ``_on_interrupt`` in the saved
    handler's place, so that it is the handler between messages. Outside ipykernel it does nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None or not hasattr(kernel, "saved_sigint_handler") or kernel.saved_sigint_handler is _on_interrupt:
        return
    _replaced_handler["handler"] = kernel.saved_sigint_handler
    kernel.saved_sigint_handler = _on_interrupt


class TrainingDashboard(Dashboard):
    """A dashboard whose update trains something; runs it in a thread unless ``threaded=False``.

    A job (``run`` for a control change, ``more`` for the button) gets a ``Cancel`` flag and must look at it at least
    once per frame interval (every epoch, in practice): a new control value, the stop button (class ``wl-stop``) or
    the kernel's Interrupt button sets it, and the job stops there. A KeyboardInterrupt or any other BaseException
    inside a job stops it too, saying so in the status line, never leaving "training…" behind.
    """

    kind = "train"
    frame_interval = 0.25  #: seconds between live frames
    frame_seconds = 0.0  #: how long the last live frame took to draw

    def __init__(self, controls, threaded=True, button_text="train", **kwargs):
        self.threaded = threaded
        self.button = widgets.Button(description=button_text, button_style="success", icon="play",
                                     layout=widgets.Layout(width="180px"))
        self.button.add_class("wl-train")
        self.button.on_click(lambda _: self._on_button())
        self.stop_button = widgets.Button(description="stop", icon="stop", disabled=True,
                                          tooltip="stop training here (the kernel's Interrupt button does too)",
                                          layout=widgets.Layout(width="110px"))
        self.stop_button.add_class("wl-stop")
        self.stop_button.on_click(lambda _: self.stop("stopped"))
        self._thread, self._cancel = None, Cancel()
        super().__init__(controls, buttons=[self.button, self.stop_button], **kwargs)

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
        self._cancel = cancel = Cancel()
        if not self.threaded:
            self._run(job, cancel)
            return
        _arm_kernel_interrupt()
        self._thread = threading.Thread(target=self._run, args=(job, cancel), daemon=True)
        self._thread.start()

    def _run(self, job, cancel):
        """Run one job: its errors go to the status line; a BaseException (KeyboardInterrupt, SystemExit) stops it
        and is said there too (and raised on, when the job runs in the kernel's own thread)."""
        _running.add(self)
        self.stop_button.disabled = False
        try:
            job(cancel)
        except Exception as exc:  # a dashboard never dies: the learner reads what went wrong
            self.show_error(exc)
        except BaseException as exc:
            cancel.stop("interrupted")
            self.interrupted(exc)
            if threading.current_thread() is threading.main_thread():
                raise
        finally:
            if self._cancel is cancel:  # (else a newer job runs, and owns the stop button)
                _running.discard(self)
                self.stop_button.disabled = True

    def interrupted(self, exc):
        """What the dashboard says (and forgets) when a BaseException ended its job halfway."""
        self.set_status(f"stopped by {type(exc).__name__}: move a control or press '{self.button.description}' to "
                        "train again", color="#a60")

    def stop(self, reason="replaced"):
        """Ask the running job to stop and wait for it (it stops within a frame interval). ``reason``: "replaced"
        (a new job follows), "stopped" (the stop button) or "interrupted"; the last two show where it stopped."""
        self._cancel.stop(reason)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=30)
        self._thread = None

    def wait(self, timeout=60):
        """Block until the running job is done; the kernel's Interrupt while waiting stops the job too."""
        thread = self._thread
        if thread is not None:
            try:
                thread.join(timeout)
            except KeyboardInterrupt:
                self.stop("interrupted")
                raise
        return self

    def run(self, cancel):
        raise NotImplementedError
