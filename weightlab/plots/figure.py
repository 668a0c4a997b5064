"""Figures without pyplot (thread-safe, for the dashboards), their PNG bytes, and a panel that only says something."""
import io

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from .style import SafeLogLocator, _get_ax, _label, _note

__all__ = ["figure_to_png", "frame_to_png", "new_figure", "plot_message"]

#: the margins of a ``layout="fixed"`` figure (fractions of the figure; top and bottom depend on the rows)
FIXED_MARGINS = dict(left=0.06, right=0.98, wspace=0.3, hspace=0.42)


def new_figure(nrows=1, ncols=1, figsize=None, dpi=100, layout="constrained", width_ratios=None, **margins):
    """A ``matplotlib.figure.Figure`` (no pyplot state, safe in threads) and its axes, like ``plt.subplots``.

    ``figsize`` defaults to 5.6 × 4.3 inches per panel. The constrained layout keeps labels from overlapping, but
    costs as much as a dashboard frame's drawing: ``layout="fixed"`` uses fixed margins instead (``FIXED_MARGINS``,
    with room for a title on one row), and keywords ``left``, ``right``, ``bottom``, ``top``, ``wspace`` and
    ``hspace`` override them. ``layout=None`` is matplotlib's plain default. ``width_ratios`` sizes the columns
    (e.g. (1.4, 1): the first panel 1.4 times as wide).
    """
    if margins and layout != "fixed":
        raise ValueError(f"margins {sorted(margins)} need layout='fixed', got layout={layout!r}")
    figsize = figsize or (5.6 * ncols, 4.3 * nrows)
    fig = Figure(figsize=figsize, dpi=dpi, layout=None if layout == "fixed" else layout)
    axes = fig.subplots(nrows, ncols, width_ratios=width_ratios)
    if layout == "fixed":
        rows = dict(bottom=0.13, top=0.88) if nrows == 1 else dict(bottom=0.08, top=0.93)
        fig.subplots_adjust(**{**FIXED_MARGINS, **rows, **margins})
    return fig, axes


def figure_to_png(fig, dpi=None, compress_level=6):
    """The figure rendered as PNG bytes (for an ipywidgets Image or a file); ``compress_level`` 1 is 4x faster to
    encode than the default 6, for a slightly larger file."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi, pil_kwargs={"compress_level": compress_level})
    return buffer.getvalue()


def frame_to_png(fig):
    """PNG bytes of a dashboard's live frame, made fast: log axes keep minor ticks only at 2, 3 and 6, which
    matplotlib labels (none beyond two decades, where they are unlabeled), since every tick is a handful of artists
    costing more than the data's drawing; and the PNG is encoded with ``compress_level=1``."""
    for ax in fig.axes:
        for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            if axis.get_scale() == "log" and low > 0 and high > 0:
                wide = abs(np.log10(high) - np.log10(low)) > 2  # (high / low can overflow)
                axis.set_minor_locator(NullLocator() if wide else SafeLogLocator(subs=(2.0, 3.0, 6.0)))
    return figure_to_png(fig, compress_level=1)


def plot_message(text, ax=None, title=None, color="0.25"):
    """A panel with nothing to plot saying why, e.g. "diverged: no activations", in a box at its centre."""
    ax = _get_ax(ax)
    _note(ax, text, x=0.5, y=0.5, ha="center", va="center", color=color)
    ax.set_xticks([])
    ax.set_yticks([])
    _label(ax, title)
    return ax
