"""Dashboards: thin ipywidgets layers over the plot functions and the experiments.

Every dashboard is built from the lookup tables (``INITIALIZERS``, ``ACTIVATIONS``, ``DATASETS``, ``BIAS_INITS``),
draws each frame with ``weightlab.plots`` into a ``matplotlib.figure.Figure`` and shows it as PNG bytes in an
``ipywidgets.Image``: replacing an image's bytes never flickers, in JupyterLab and in Voila alike. Controls can be set
from Python (``dash.set(scale=10)``) and every dashboard can run without a browser, which is how the tests and the
latency benchmark drive them; ``dash.snapshot()`` is its current picture as a static image, for a saved notebook.

Training dashboards train in a background thread so the kernel keeps answering the controls: a new control value
stops the running job (at its next epoch) and starts a fresh one; the stop button and the kernel's Interrupt button
stop it where it is; live frames are drawn at most every ``frame_interval`` seconds. Any exception in a callback is
shown in the dashboard's status line (the picture and readout of the settings before give way), never only in the
browser log; a KeyboardInterrupt stops the job and says so. Every value given to a constructor or ``set()`` is checked
against its control: a misspelt name gets the closest one suggested, a value past a slider's end is refused, never
clamped. Frames are drawn at 80 dpi and shown at their own pixel size, so the plots' 11 pt text is 12 px tall.

Modules: ``base`` (controls, frames, ``Dashboard`` and ``TrainingDashboard``), ``lab`` (the Init Lab and its
``SETTINGS`` table), ``untrained`` (variance through depth, the initializer zoo, the edge of chaos: redrawn at once),
``starts`` (restarts, the gradient inspector). A new dashboard is a subclass of one of the two bases whose
``update``/``run`` computes with ``weightlab.experiments`` and draws with ``weightlab.plots``.

The DOM contract the browser tests rely on (CSS classes): ``wl-dashboard`` (root), ``wl-scale`` (init-scale slider),
``wl-scheme`` (scheme/case dropdown), ``wl-train`` (the button, where there is one), ``wl-stop`` (a training
dashboard's stop button, disabled while nothing runs), ``wl-plot`` (the Image),
``wl-plot-more`` (the Init Lab's second row), ``wl-readout`` (current settings and results), ``wl-status`` (ready /
training / done / diverged, ``wl-error``).
"""
from .base import Dashboard, TrainingDashboard, scale_slider
from .lab import InitLab
from .starts import GradientInspector, RestartDashboard
from .untrained import ChaosDashboard, DepthDashboard, ZooDashboard

__all__ = ["ChaosDashboard", "Dashboard", "DepthDashboard", "GradientInspector", "InitLab",
           "RestartDashboard", "TrainingDashboard", "ZooDashboard", "scale_slider"]
