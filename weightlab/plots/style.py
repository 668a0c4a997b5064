"""Colours, fonts and the small Axes helpers every plot module shares.

Colours mean the same thing everywhere: ``scheme_color(name)`` gives each initializer family one colour (He/Kaiming
share one, Glorot/Xavier another, ...), in the order of ``weightlab.initializers.FAMILIES``, and ``scheme_marker(name)``
tells its distributions apart; ``CLASS_COLORS`` colours class 0 and class 1 in every scatter plot and decision
boundary; per-layer lines go from dark (layer 1) to light (the deepest layer). The palettes are colour-blind safe
(matplotlib's petroff10, Okabe & Ito's blue/orange).
"""
import math

import matplotlib
import numpy as np
from matplotlib import cbook
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.lines import Line2D
from matplotlib.ticker import LogFormatterSciNotation, LogLocator, MaxNLocator

from ..initializers import FAMILIES, INITIALIZERS, get_initializer

__all__ = ["CLASS_CMAP", "CLASS_COLORS", "DIVERGED_COLOR", "OTHER_COLOR", "SCHEME_COLORS", "scheme_color",
           "scheme_marker"]

# ---- colours ----------------------------------------------------------------------------------------------------
_PALETTE = matplotlib.color_sequences["petroff10"]  # colour-blind safe, most distinct colours first (Petroff 2021)
OTHER_COLOR = "#555555"  #: a name that is not in the initializer table

#: initializer name -> colour, for every entry of INITIALIZERS: its family's place in FAMILIES picks the colour
SCHEME_COLORS = {name: _PALETTE[FAMILIES.index(entry.family) % len(_PALETTE)] for name, entry in INITIALIZERS.items()}

#: class label -> colour (Okabe & Ito's blue and orange), shared by scatter plots and decision boundaries
CLASS_COLORS = {0: "#0072B2", 1: "#E69F00"}
_CLASS_MARKERS = {0: "o", 1: "s"}
DIVERGED_COLOR = "#CC0000"
_REFERENCE = dict(color="0.45", lw=1.2, ls=":")  # reference lines: input variance 1, chance level, scale 1

#: how one entry is drawn (Initializer.distribution) -> the marker that tells a family's members apart
_DISTRIBUTION_MARKERS = {"normal": "o", "uniform": "s", "truncated_normal": "^"}

# font sizes (points) for a projected classroom screen: none below 11 pt, so that at a dashboard frame's dpi (80: a
# point is 1.11 px) every text is at least 12 px tall, and 11 px where a narrow page shrinks the frame by a tenth
_TITLE, _LABEL, _TICK, _LEGEND, _NOTE = 14, 12.5, 11, 11, 11


def scheme_color(name):
    """The colour of initializer ``name`` (a key of INITIALIZERS or an alias); grey for names not in the table."""
    try:
        return SCHEME_COLORS[get_initializer(name).name]
    except (ValueError, TypeError):
        return OTHER_COLOR


def scheme_marker(name):
    """A marker that tells apart the members of one colour family: o normal, s uniform, ^ truncated, D others
    (constants and whole matrices), from the entry's distribution with its default options."""
    try:
        init = get_initializer(name)
    except (ValueError, TypeError):
        return "D"
    return _DISTRIBUTION_MARKERS.get(init.distribution(256, 256), "D")


def _depth_colors(n):
    """``n`` colours graded by depth: dark (first layer) to light (last), from viridis without its faint yellow."""
    return [matplotlib.colormaps["viridis"](v) for v in np.linspace(0.0, 0.78, max(n, 1))][:n]


#: P(class 1) backgrounds: class 0's colour -> white (undecided, 0.5) -> class 1's colour
CLASS_CMAP = LinearSegmentedColormap.from_list("weightlab_classes", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])


# ---- styling helpers --------------------------------------------------------------------------------------------
def _get_ax(ax, figsize=(6.4, 4.6)):
    """``ax``, or a new pyplot Axes (pyplot imported only here, so figure-to-bytes code never touches it)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    return plt.subplots(figsize=figsize, layout="constrained")[1]


def _line_style(defaults, line_kw):
    """A plot function's own line style overridden by the caller's ``line_kw`` (aliases such as lw/linewidth or
    ms/markersize merged, so that ``lw=4`` replaces a default ``linewidth``)."""
    return {**cbook.normalize_kwargs(defaults, Line2D), **cbook.normalize_kwargs(line_kw, Line2D)}


def _label(ax, title=None, xlabel=None, ylabel=None):
    """Title, axis labels and tick labels at classroom font sizes."""
    if title is not None:
        ax.set_title(title, fontsize=_TITLE)
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontsize=_LABEL)
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=_LABEL)
    ax.tick_params(which="both", labelsize=_TICK)
    for axis in (ax.xaxis, ax.yaxis):  # the "1e200" written at an axis' end: not set by tick_params
        axis.get_offset_text().set_fontsize(_TICK)


def _legend(ax, **kwargs):
    """A legend with one entry per label (repeated calls on one Axes do not repeat entries); none if no labels."""
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    if unique:
        kwargs.setdefault("ncols", 2 if len(unique) > 7 else 1)
        ax.legend(unique.values(), unique.keys(), fontsize=_LEGEND, framealpha=0.85, **kwargs)


def _legend_below(ax, handles=None, labels=None, ncols=2):
    """A legend under the axes (under its tick labels and x label), where it covers no data; ``handles``/``labels``
    default to the Axes' own, one entry per label."""
    from matplotlib.transforms import offset_copy

    if handles is None:
        found, names = ax.get_legend_handles_labels()
        unique = dict(zip(names, found))
        handles, labels = list(unique.values()), list(unique.keys())
    if not handles:
        return
    # the tick labels and the x label take about 2.6 of the label font's heights under the axes
    below = offset_copy(ax.transAxes, fig=ax.figure, y=-2.9 * _LABEL, units="points")
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below,
              ncols=min(ncols, len(handles)), fontsize=_LEGEND, frameon=False, handlelength=1.8,
              columnspacing=1.2, borderaxespad=0.0)


def _note(ax, text, x=0.02, y=0.97, ha="left", va="top", **kwargs):
    """A short boxed remark inside the axes (axes coordinates)."""
    return ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=_NOTE,
                   bbox=dict(boxstyle="round,pad=0.3", fc="white", ec="0.7", alpha=0.9), **kwargs)


_HUGE = 1e150  # larger numbers are drawn as overflow (losses, gradient norms: by then the run has blown up)

#: float64's smallest normal and largest number: below the first a value has lost its precision (a subnormal) or is
#: stored as 0 (underflow), above the second it is inf (overflow). A log axis is kept inside [_LOG_FLOOR, _LOG_CEIL],
#: where every decade's tick is a normal float and matplotlib's arithmetic on the limits cannot overflow, so the
#: axis can always be drawn and labelled.
FLOAT64_TINY, FLOAT64_MAX = float(np.finfo(float).tiny), float(np.finfo(float).max)
_LOG_FLOOR, _LOG_CEIL = FLOAT64_TINY, 1e307


def _finite(values):
    """``values`` as a float array with inf, NaN and |v| > 1e150 replaced by NaN (matplotlib leaves a gap)."""
    values = np.array(values, dtype=float)
    with np.errstate(invalid="ignore"):
        values[~(np.abs(values) <= _HUGE)] = np.nan
    return values


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class _ReadableLogFormatter(LogFormatterSciNotation):
    """matplotlib's log-axis labels, but plain numbers (0.2, 0.5, 3) when the axis spans less than 3 decades, and
    powers of ten written with unicode superscripts (10⁻³) rather than mathtext, whose parsing made up a third of a
    dashboard frame's drawing time."""

    def __call__(self, x, pos=None):
        if not (_LOG_FLOOR <= x <= FLOAT64_MAX):  # a tick beyond float64's range (0, a subnormal, inf) is never
            return ""  # in view, but the locator proposes one past each end
        label = super().__call__(x, pos)
        if not label:
            return label
        lo, hi = sorted(self.axis.get_view_interval())
        if 0 < lo and hi < 1e3 * lo and 1e-4 <= x < 1e5:
            return f"{x:g}"
        exponent = math.floor(math.log10(x) + 1e-9)
        mantissa = round(x / 10.0**exponent, 3)
        power = "10" + str(exponent).translate(_SUPERSCRIPT)
        return power if mantissa == 1 else f"{mantissa:g}×{power}"


class SafeLogLocator(LogLocator):
    """matplotlib's log-axis tick locator without its overflow: it proposes a tick a stride past each end of the view,
    which near float64's limits is 10^330 (inf) or 10^-330 (0); those are dropped."""

    def tick_values(self, vmin, vmax):
        with np.errstate(over="ignore", under="ignore"):
            locs = super().tick_values(vmin, vmax)
        return locs[(locs >= FLOAT64_TINY) & (locs <= FLOAT64_MAX)]


def _log_y(ax, min_decades=None):
    """Log y axis with readable labels; with ``min_decades`` the view spans at least that many decades, so that
    small wiggles of a nearly flat curve do not look like large changes. The view stays inside float64's normal
    range (2.2e-308 to 1e307): matplotlib's margins would take a curve near 1e-300 or 1e300 past it, to limits
    that are 0 or inf."""
    with np.errstate(over="ignore"):  # matplotlib's margins past 1e308 overflow; the view is mended below
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(SafeLogLocator())
        ax.yaxis.set_minor_locator(SafeLogLocator(subs="auto"))
        ax.yaxis.set_major_formatter(_ReadableLogFormatter())
        ax.yaxis.set_minor_formatter(_ReadableLogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.5)))
        if not min_decades:
            return
        ax.set_autoscaley_on(True)  # take every line of the Axes into account, also those of earlier calls
        ax.autoscale_view(scalex=False)
    lo, hi = (math.log10(v) if 0 < v < math.inf else math.nan for v in ax.get_ylim())
    floor, ceil = math.log10(_LOG_FLOOR), math.log10(_LOG_CEIL)
    ys = [np.asarray(l.get_ydata(), dtype=float) for l in ax.lines
          if l.get_transform().contains_branch_seperately(ax.transData)[1]]  # lines whose y is data
    ys = np.concatenate(ys + [np.zeros(0)])
    with np.errstate(invalid="ignore", divide="ignore"):
        ys = np.clip(np.log10(ys[(ys > 0) & np.isfinite(ys)]), floor, ceil)
    low, high = (float(ys.min()), float(ys.max())) if ys.size else (-1.0, 1.0)
    fits = floor <= lo <= low and high <= hi <= ceil  # (autoscaling past 1e308 fails, and leaves the data out)
    if not fits:  # margins of our own, inside float64's range
        pad = max(0.05 * (high - low), 0.1)
        lo, hi = max(low - pad, floor), min(high + pad, ceil)
    if hi - lo < min_decades:
        middle = min(max((lo + hi) / 2, floor + min_decades / 2), ceil - min_decades / 2)
        lo, hi, fits = middle - min_decades / 2, middle + min_decades / 2, False
    if not fits:  # (else autoscaling stays on, for lines drawn later)
        ax.set_ylim(max(10.0**lo, _LOG_FLOOR), min(10.0**hi, _LOG_CEIL))


def _log_y_if_positive(ax, values, min_decades=None):
    """Log y axis when the finite values are all > 0 (else matplotlib would drop points silently); True if set."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size and np.all(v > 0):
        _log_y(ax, min_decades)
        return True
    return False


def _integer_x(ax):
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
