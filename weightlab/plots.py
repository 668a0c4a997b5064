"""Figures for the notebooks: every function takes arrays (or a History / an experiment's dict) and returns the Axes.

Each ``plot_*`` function draws on ``ax`` (a new figure when ``ax`` is None) and returns it, so a notebook can place
several figures side by side and a dashboard can redraw one frame. ``new_figure`` and ``figure_to_png`` build and
render figures without pyplot's global state (thread-safe, for the widgets).

Colours mean the same thing everywhere: ``scheme_color(name)`` gives each initializer scheme one colour (He/Kaiming
share one, Glorot/Xavier another, ...) and ``scheme_marker(name)`` tells its distributions apart; ``CLASS_COLORS``
colours class 0 and class 1 in every scatter plot and decision boundary; per-layer lines go from dark (layer 1) to
light (the deepest layer). The palettes are colour-blind safe (matplotlib's petroff10, Okabe & Ito's blue/orange).
"""
import io
import math
import textwrap

import matplotlib
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatterSciNotation, MaxNLocator

from .initializers import INITIALIZERS, KERAS_TRUNCATED_STD, get_initializer
from .mlp import STAT_NAMES, History, NumericalError

__all__ = ["CLASS_CMAP", "CLASS_COLORS", "DIVERGED_COLOR", "SCHEME_COLORS", "figure_to_png", "new_figure",
           "plot_accuracy_vs_scale", "plot_activation_histograms", "plot_decision_boundary", "plot_edge_of_chaos",
           "plot_gradient_flow", "plot_gradient_stats", "plot_layer_stat", "plot_logistic_starts", "plot_loss",
           "plot_restart_histogram", "plot_symmetry", "plot_variance_by_depth", "plot_weight_histogram",
           "scheme_color", "scheme_marker"]

# ---- colours and fonts ------------------------------------------------------------------------------------------
_PALETTE = matplotlib.color_sequences["petroff10"]  # colour-blind safe, most distinct colours first (Petroff 2021)

#: initializer families (a scheme under Keras' and PyTorch's names) in the order they take the palette's colours
_FAMILIES = {
    "he": ["he_normal", "he_uniform", "kaiming_normal", "kaiming_uniform"],
    "glorot": ["glorot_normal", "glorot_uniform", "xavier_normal", "xavier_uniform"],
    "fixed": ["random_normal", "random_uniform", "truncated_normal", "normal", "uniform", "trunc_normal"],
    "constant": ["zeros", "ones", "constant"],
    "lecun": ["lecun_normal", "lecun_uniform"],
    "orthogonal": ["orthogonal"],
    "identity": ["identity", "eye"],
    "variance_scaling": ["variance_scaling"],
    "pytorch_linear": ["pytorch_linear"],
}
_OTHER_COLOR = "#555555"  # an initializer added to the table after this list was written

#: initializer name -> colour, for every entry of INITIALIZERS: one colour per scheme in every figure
SCHEME_COLORS = {name: _OTHER_COLOR for name in INITIALIZERS}
SCHEME_COLORS.update({name: _PALETTE[i] for i, names in enumerate(_FAMILIES.values()) for name in names})

#: class label -> colour (Okabe & Ito's blue and orange), shared by scatter plots and decision boundaries
CLASS_COLORS = {0: "#0072B2", 1: "#E69F00"}
_CLASS_MARKERS = {0: "o", 1: "s"}
DIVERGED_COLOR = "#CC0000"
_REFERENCE = dict(color="0.45", lw=1.2, ls=":")  # reference lines: input variance 1, chance level, scale 1

# font sizes for a projected classroom screen
_TITLE, _LABEL, _TICK, _LEGEND, _NOTE = 14, 12.5, 11, 10.5, 11


def scheme_color(name):
    """The colour of initializer ``name`` (a key of INITIALIZERS or an alias); grey for names not in the table."""
    try:
        return SCHEME_COLORS[get_initializer(name).name]
    except (ValueError, TypeError):
        return _OTHER_COLOR


def scheme_marker(name):
    """A marker that tells apart the members of one colour family: o normal, s uniform, ^ truncated, D others."""
    try:
        init = get_initializer(name)
    except (ValueError, TypeError):
        return "D"
    kind = _distribution_kind(init, init.defaults)
    return {"normal": "o", "uniform": "s", "truncated": "^"}.get(kind, "D")


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


def _label(ax, title=None, xlabel=None, ylabel=None):
    """Title, axis labels and tick labels at classroom font sizes."""
    if title is not None:
        ax.set_title(title, fontsize=_TITLE)
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontsize=_LABEL)
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=_LABEL)
    ax.tick_params(which="both", labelsize=_TICK)


def _legend(ax, **kwargs):
    """A legend with one entry per label (repeated calls on one Axes do not repeat entries); none if no labels."""
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    if unique:
        kwargs.setdefault("ncols", 2 if len(unique) > 7 else 1)
        ax.legend(unique.values(), unique.keys(), fontsize=_LEGEND, framealpha=0.85, **kwargs)


def _note(ax, text, x=0.02, y=0.97, ha="left", va="top", **kwargs):
    """A short boxed remark inside the axes (axes coordinates)."""
    return ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=_NOTE,
                   bbox=dict(boxstyle="round,pad=0.3", fc="white", ec="0.7", alpha=0.9), **kwargs)


_HUGE = 1e150  # larger numbers are drawn as overflow: a log axis near float's limit (1e308) cannot be ticked


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


def _log_y(ax, min_decades=None):
    """Log y axis with readable labels; with ``min_decades`` the view spans at least that many decades, so that
    small wiggles of a nearly flat curve do not look like large changes."""
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(_ReadableLogFormatter())
    ax.yaxis.set_minor_formatter(_ReadableLogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.5)))
    if min_decades:
        ax.set_autoscaley_on(True)  # take every line of the Axes into account, also those of earlier calls
        ax.autoscale_view(scalex=False)
        lo, hi = ax.get_ylim()
        if 0 < lo and hi < lo * 10 ** min_decades:
            middle = math.sqrt(lo * hi)
            ax.set_ylim(middle / 10 ** (min_decades / 2), middle * 10 ** (min_decades / 2))


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


# ---- training curves --------------------------------------------------------------------------------------------
def plot_loss(history, ax=None, label=None, test=True, log=True, color=None):
    """Training loss per epoch from a History (or a 1-D array of losses), test loss dashed, divergence marked.

    When a run on the Axes diverged, the y axis stops at 100× the largest starting loss (log) or 3× (linear): the
    exploding curve leaves through the top instead of squashing every other curve flat.
    """
    ax = _get_ax(ax)
    is_history = isinstance(history, History)
    diverged = is_history and history.diverged
    loss = _finite(history.loss if is_history else np.ravel(history))
    (line,) = ax.plot(np.arange(len(loss)), loss, lw=2, color=color, label=label or "training loss",
                      gid="diverged loss" if diverged else "loss")
    shown = [loss]
    if is_history and test and history.test_loss:
        test_loss = _finite(history.test_loss)
        ax.plot(history.epochs_recorded[:len(test_loss)], test_loss, ls="--", lw=1.8, color=line.get_color(),
                label=f"{label} (test)" if label else "test loss")
        shown.append(test_loss)
    ax.set_autoscaley_on(True)
    logged = log and _log_y_if_positive(ax, np.concatenate(shown), min_decades=1)  # a flat loss looks flat
    loss_lines = [l for l in ax.lines if l.get_gid() in ("loss", "diverged loss")]
    if any(l.get_gid() == "diverged loss" for l in loss_lines):
        starts = [l.get_ydata()[0] for l in loss_lines if len(l.get_ydata()) and np.isfinite(l.get_ydata()[0])]
        ax.autoscale_view(scalex=False)
        cap = (100.0 if logged else 3.0) * max(starts + [1.0])
        ax.set_ylim(top=min(ax.get_ylim()[1], cap))
    if diverged:
        epoch = history.diverged_epoch
        ax.axvline(epoch, color=DIVERGED_COLOR, lw=2)
        ax.text(epoch, 0.5, f" diverged at epoch {epoch} ", transform=ax.get_xaxis_transform(), rotation=90,
                ha="right", va="center", color=DIVERGED_COLOR, fontsize=_NOTE, fontweight="bold")
        ax.set_xlim(left=min(ax.get_xlim()[0], -0.5), right=max(ax.get_xlim()[1], epoch + 0.5))
    _label(ax, "Loss during training", "epoch",
           "loss (binary cross-entropy" + (", log scale)" if logged else ")"))
    _legend(ax)
    return ax


_LAYER_STATS = {  # History stat -> (title, y label)
    "act_mean": ("Mean activation per layer", "mean of φ(z)"),
    "act_var": ("Activation variance per layer", "Var(φ(z))"),
    "saturated": ("Saturated units per layer (tanh, sigmoid)", "fraction of activations saturated"),
    "dead": ("Dead units per layer (relu)", "fraction of units dead"),
    "grad_norm": ("Weight-gradient norm per layer", "‖∂L/∂W‖"),
    "grad_var": ("Weight-gradient variance per layer", "Var(∂L/∂W)"),
    "update_ratio": ("Update size relative to the weights", "‖lr·∂L/∂W‖ / ‖W‖"),
}


def plot_layer_stat(history, name, ax=None):
    """One of History's STAT_NAMES over the recorded epochs, one line per layer (shape (records, layers))."""
    ax = _get_ax(ax)
    values = history.stat(name)  # checks the name
    per_weight = name in ("grad_norm", "grad_var", "update_ratio")  # one column per weight matrix W1..WL
    epochs = np.asarray(history.epochs_recorded[:len(values)])
    for l, color in enumerate(_depth_colors(values.shape[1] if values.ndim == 2 else 0)):
        ax.plot(epochs, _finite(values[:, l]), lw=2, color=color, label=f"W{l + 1}" if per_weight else f"layer {l + 1}")
    logged = name not in ("act_mean", "saturated", "dead") and _log_y_if_positive(ax, values, min_decades=1)
    if name in ("saturated", "dead"):
        ax.set_ylim(-0.03, 1.03)
    title, ylabel = _LAYER_STATS.get(name, (textwrap.fill(STAT_NAMES[name], 50), name))
    _label(ax, title, "epoch", ylabel + (" (log scale)" if logged else ""))
    _legend(ax)
    return ax


# ---- decision boundary ------------------------------------------------------------------------------------------
def _scatter_classes(ax, X, y):
    for c in (0, 1):
        pts = X[np.asarray(y) == c]
        ax.scatter(pts[:, 0], pts[:, 1], s=22, color=CLASS_COLORS[c], marker=_CLASS_MARKERS[c],
                   edgecolors="black", linewidths=0.5, label=f"class {c}", zorder=3)


def plot_decision_boundary(net, X, y, ax=None, resolution=150, title=None):
    """P(class 1) of ``net`` over the box around ``X`` (n, 2) as filled contours, the 0.5 line, and the points."""
    ax = _get_ax(ax, figsize=(5.6, 5.0))
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum(0.1 * (hi - lo), 0.1)
    gx, gy = np.meshgrid(np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution),
                         np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution))
    try:
        proba = net.predict_proba(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
        accuracy = net.accuracy(X, y)
    except NumericalError:
        proba = None
    if proba is not None:
        ax.contourf(gx, gy, proba, levels=np.linspace(0, 1, 11), cmap=CLASS_CMAP, alpha=0.45, zorder=1)
        if proba.min() < 0.5 < proba.max():
            ax.contour(gx, gy, proba, levels=[0.5], colors="black", linewidths=2, zorder=2)
            default_title = f"Decision boundary (black line), accuracy {accuracy:.0%}"
        else:
            default_title = f"No boundary: all predicted class {int(proba.min() >= 0.5)}, accuracy {accuracy:.0%}"
    else:
        _note(ax, "forward pass overflowed:\nthe weights are too large", 0.5, 0.5, ha="center", va="center",
              color=DIVERGED_COLOR, fontweight="bold", zorder=4)
        default_title = "Decision boundary: none (overflow)"
    _scatter_classes(ax, X, y)
    ax.set_xlim(gx[0, 0], gx[0, -1])
    ax.set_ylim(gy[0, 0], gy[-1, 0])
    ax.set_aspect("equal", adjustable="box")
    _label(ax, title or default_title, "x₁", "x₂")  # plain text: mathtext costs milliseconds per frame
    _legend(ax, loc="upper right")  # a fixed place: a legend that jumps between a widget's frames distracts
    return ax


# ---- statistics through depth -----------------------------------------------------------------------------------
_DEPTH_STATS = {  # depth_statistics key -> (title, y label, theory key, what the reference line at 1 is)
    "pre_var": ("Variance of the pre-activations z by layer", "Var(z)", "theory_pre_var", "input variance 1"),
    "act_var": ("Variance of the activations φ(z) by layer", "Var(φ(z))", None, "input variance 1"),
    "grad_var": ("Variance of the backward gradient by layer", "Var(∂L/∂z)", "theory_grad_var",
                 "variance 1 (gradient at the top)"),
    "weight_grad_var": ("Variance of the weight gradient by layer", "Var(∂L/∂W)", None, "variance 1"),
}


def plot_variance_by_depth(stats, ax=None, key="pre_var", theory=True, label=None, color=None):
    """A per-layer variance (log y) against layer 1..L from depth_statistics' dict (or a 1-D array), theory dashed.

    Overflow (inf, or above 1e150: a log axis cannot be drawn near 1e308) is a ▲ on the top edge, an exact 0 a ▼
    on the bottom edge; the dotted line is variance 1. The y axis spans at least two decades, so that a flat curve
    looks flat.
    """
    ax = _get_ax(ax)
    title, ylabel, theory_key, unit = _DEPTH_STATS.get(key, (f"{key} by layer", key, None, "variance 1"))
    values = np.asarray(stats[key] if isinstance(stats, dict) else stats, dtype=float)
    layers = np.arange(1, len(values) + 1)
    shown = np.where((values > 0) & (values <= _HUGE), values, np.nan)
    (line,) = ax.plot(layers, shown, "o-", lw=2, ms=5, color=color, label=label or "measured")
    color = line.get_color()
    edge = ax.get_xaxis_transform()  # x in data, y in axes fraction: stays on the edge whatever the y range
    for mask, y, marker, text in ((values > _HUGE, 0.97, "^", "off the scale (> 1e150 or inf)"),
                                  (values == 0, 0.03, "v", "exactly 0, off the log scale")):
        if mask.any():
            ax.plot(layers[mask], np.full(mask.sum(), y), marker, ms=11, color=color, mec="black",
                    transform=edge, clip_on=False, label=text)
    if theory and isinstance(stats, dict) and theory_key in stats:  # a dict without its theory: measured only
        expected = _finite(stats[theory_key])
        if np.any(expected > 0):
            ax.plot(layers, expected, "--", lw=2, color=color,
                    label=f"{label}: theory" if label else "theory (mean field)")
    if not any(l.get_gid() == "unit" for l in ax.lines):  # the reference line, once per Axes
        ax.axhline(1.0, gid="unit", label=unit, **_REFERENCE)
    _log_y(ax, min_decades=2)
    _integer_x(ax)
    _label(ax, title, "layer", ylabel + " (log scale)")
    _legend(ax)
    return ax


def plot_gradient_stats(stats, ax=None):
    """Backward gradient variance per layer with its theory (depth_statistics dict), or a History's grad_norm."""
    if isinstance(stats, History):
        return plot_layer_stat(stats, "grad_norm", ax)
    return plot_variance_by_depth(stats, ax, key="grad_var")


def plot_activation_histograms(samples, ax=None, layers=None, bins=60, activation=None):
    """Normalized histograms of each layer's activations (Glorot & Bengio 2010, Fig. 6), one line per layer.

    ``samples``: shape (layers, n) like depth_statistics' ``hist_samples``, or a list of per-layer arrays (e.g.
    ``net.forward(X)[1][1:]``). ``layers``: 1-based layers to show (default: all, or 6 spread out if more than 8).
    ``bins`` is lowered to one per 80 samples, so that the curves show the shape rather than sampling noise.
    ``activation`` ("tanh", "relu", ...) fixes the x range and names the axis. For relu (or any non-negative
    samples with many exact zeros) the zeros are left out of the curves, whose spike would flatten everything
    else, and their share is given in the legend.
    """
    ax = _get_ax(ax)
    per_layer = [np.ravel(np.asarray(s, dtype=float)) for s in samples]
    per_layer = [s[np.isfinite(s)] for s in per_layer]
    n = len(per_layer)
    layers = list(layers if layers is not None else
                  range(1, n + 1) if n <= 8 else np.unique(np.linspace(1, n, 6).round().astype(int)))
    data = [per_layer[l - 1] for l in layers]
    pooled = np.concatenate(data + [np.zeros(0)])
    exact_zeros = activation == "relu" or (activation is None and pooled.size > 0 and pooled.min() >= 0
                                           and np.mean(pooled == 0) > 0.05)
    if exact_zeros:
        pooled = pooled[pooled != 0]
    lo, hi = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}.get(
        activation, (np.percentile(pooled, 0.5), np.percentile(pooled, 99.5)) if pooled.size else (0.0, 1.0))
    lo = 0.0 if exact_zeros else lo
    bins = max(10, min(bins, min(d.size for d in data) // 80)) if data else bins
    edges = np.linspace(lo, hi if hi > lo else lo + 1.0, bins + 1)
    centers = (edges[:-1] + edges[1:]) / 2
    for l, d, color in zip(layers, data, _depth_colors(len(layers))):
        label = f"layer {l}"
        if exact_zeros and d.size:
            label += f" ({np.mean(d == 0):.0%} at 0)"
            d = d[d != 0]
        if d.size:
            density = np.histogram(d, bins=edges)[0] / (d.size * np.diff(edges))
            ax.plot(centers, density, lw=2, color=color, label=label)
    if not ax.lines:  # e.g. zero init: say so instead of leaving an empty panel
        _note(ax, "every activation is exactly 0:\nno signal reaches these layers", x=0.5, y=0.5, ha="center",
              va="center")
    name = f"{activation} activations" if activation else "activations"
    value = f"{activation} value" if activation else "activation value"
    _label(ax, f"Distribution of the {name} by layer", value + (" (exact zeros left out)" if exact_zeros else ""),
           "density (normalized histogram)")
    _legend(ax)
    return ax


# ---- restarts and the scale sweep -------------------------------------------------------------------------------
def plot_restart_histogram(values, ax=None, best=None, xlabel="final training loss"):
    """Histogram of one outcome per restart (1-D, or train_restarts' dict), the best value marked with a star.

    ``best``: the value to mark; by default the lowest, or the highest when ``xlabel`` mentions accuracy.
    """
    ax = _get_ax(ax)
    if isinstance(values, dict):  # train_restarts' result
        if best is None and values["best"] >= 0:
            best = values["final_loss"][values["best"]]
        values = values["final_loss"]
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size:
        if best is None or not np.isfinite(best):
            best = finite.max() if "accuracy" in xlabel.lower() else finite.min()
        edges = np.histogram_bin_edges(finite, bins=min(30, max(5, int(np.sqrt(finite.size)) + 1)))
        ax.hist(finite, bins=edges, color=_PALETTE[0], edgecolor="white", label="restarts")
        ax.axvline(best, color="black", lw=2.2, ls="--")
        ax.plot(best, 0.96, "*", ms=18, color=_PALETTE[1], mec="black", transform=ax.get_xaxis_transform(),
                clip_on=False, label=f"best: {best:.4g}")
        spread = f"spread {np.ptp(finite):.3g} ({finite.min():.3g} to {finite.max():.3g})"
    else:
        spread = "no finite value"
    bad = values.size - finite.size
    title = f"{values.size} restarts, {spread}" + (f", {bad} diverged" if bad else "")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _label(ax, title, xlabel, "number of restarts")
    _legend(ax)
    return ax


def plot_accuracy_vs_scale(sweep, ax=None, which="test_accuracy"):
    """scale_sweep's dict: mean accuracy over seeds per scheme against the init scale (log x), min-max band shaded;
    ✕ marks a scale where at least one seed diverged."""
    ax = _get_ax(ax, figsize=(8.0, 4.6))
    acc = np.asarray(sweep[which], dtype=float)  # (schemes, scales, seeds)
    if not np.any(np.isfinite(acc)):
        raise ValueError(f"the sweep has no {which} (scale_sweep ran without X_test?); use which='train_accuracy'")
    scales = np.asarray(sweep["scales"], dtype=float)
    for i, scheme in enumerate(sweep["schemes"]):
        color = scheme_color(scheme)
        a = np.where(np.isfinite(acc[i]), acc[i], np.nan)
        seen = np.isfinite(a).any(axis=-1)
        filled = np.where(seen[:, None], a, 0.0)  # no all-NaN row (numpy would warn); such rows are masked after
        mean, low, high = (np.where(seen, f(filled, axis=-1), np.nan) for f in (np.nanmean, np.nanmin, np.nanmax))
        ax.fill_between(scales, low, high, color=color, alpha=0.18, lw=0)
        ax.plot(scales, mean, "-", marker=scheme_marker(scheme), ms=7, lw=2, color=color, label=scheme)
        diverged = np.asarray(sweep["diverged"][i]).any(axis=-1)
        if diverged.any():
            y = np.where(np.isfinite(mean), np.clip(mean, 0.42, 1.0), 0.42)[diverged]
            ax.plot(scales[diverged], y, "X", ms=12, color=DIVERGED_COLOR, mec="black", mew=0.8,
                    label="diverged (≥ 1 seed)")
    ax.axhline(0.5, label="chance (0.5)", **_REFERENCE)
    ax.axvline(1.0, color="0.8", lw=1, zorder=0)
    ax.set_xscale("log")
    ax.set_ylim(0.4, 1.01)
    nice = which.replace("_", " ")
    _label(ax, f"{nice[0].upper() + nice[1:]} vs init scale (mean of {acc.shape[-1]} seeds, band: min to max)",
           "init scale, × the scheme's own std (log scale)", nice)
    _legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return ax


# ---- the weights themselves -------------------------------------------------------------------------------------
def _distribution_kind(init, options):
    """'constant', 'identity', 'orthogonal', 'uniform', 'truncated', 'normal' or 'other', from the table's entry."""
    if init.name in ("identity", "eye", "orthogonal"):
        return "orthogonal" if init.name == "orthogonal" else "identity"
    if init.name == "variance_scaling":
        return {"uniform": "uniform", "truncated_normal": "truncated"}.get(options.get("distribution"), "normal")
    formula = init.formula
    if formula.startswith("W ~ U("):
        return "uniform"
    if formula.startswith("W ~ N("):
        return "truncated" if "redrawn outside" in formula else "normal"
    if "Var = 0" in formula:
        return "constant"
    return "other"


def _norm_pdf(x, mean, std):
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * math.sqrt(2 * math.pi))


def _norm_cdf(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _theory_density(init, kind, fan_in, fan_out, scale, options):
    """A function x -> theoretical density of one weight, and a short description, for continuous kinds."""
    mean, std = init.mean(fan_in, fan_out, scale, **options), init.std(fan_in, fan_out, scale, **options)
    if kind == "uniform":
        half = math.sqrt(3.0) * std
        lo, hi = (0.0 if abs(v) < 1e-9 * half else v for v in (mean - half, mean + half))  # no "5.55e-17"
        return lambda x: np.where((x >= lo) & (x <= hi), 1.0 / (hi - lo), 0.0), f"U({lo:.3g}, {hi:.3g})"
    if kind == "truncated":
        opts = {**init.defaults, **options}
        if {"a", "b", "std"} <= set(opts):  # PyTorch's trunc_normal_: N(mean, std²) cut at absolute [a, b]
            mu, sigma, lo, hi = (scale * opts[k] for k in ("mean", "std", "a", "b"))
        else:  # Keras: N(mean, σ²) cut at ±2σ, σ widened so that the std after cutting is the stated one
            mu, sigma = mean, std / KERAS_TRUNCATED_STD
            lo, hi = mu - 2 * sigma, mu + 2 * sigma
        mass = _norm_cdf((hi - mu) / sigma) - _norm_cdf((lo - mu) / sigma)
        return (lambda x: np.where((x >= lo) & (x <= hi), _norm_pdf(x, mu, sigma) / mass, 0.0),
                f"N({mu:.3g}, {sigma:.3g}²) cut to [{lo:.3g}, {hi:.3g}]")
    approx = "≈ " if kind == "orthogonal" else ""  # entries of a random orthogonal matrix are close to normal
    return lambda x: _norm_pdf(x, mean, std), f"{approx}N({mean:.3g}, {std:.3g}²)"


def _share_bars(ax, W, color):
    """One bar per distinct value of ``W`` with its share of the entries, for matrices with a few values."""
    values, counts = np.unique(W, return_counts=True)
    span = np.ptp(values) + max(np.ptp(values), 1.0)
    ax.bar(values, counts / W.size, width=0.03 * span, color=color, edgecolor="black", label="share of entries")
    for v, c in zip(values, counts):
        ax.annotate(f"{c / W.size:.2%}\n(w = {v:g})", (v, c / W.size), ha="center", va="bottom", fontsize=_NOTE,
                    xytext=(0, 3), textcoords="offset points")
    ax.set_ylim(0, 1.3)
    ax.set_xlim(values.min() - (span - np.ptp(values)) / 2, values.max() + (span - np.ptp(values)) / 2)


def plot_weight_histogram(name, fan_in=256, fan_out=256, rng=0, ax=None, scale=1.0, **options):
    """Density histogram of a (fan_in, fan_out) draw of initializer ``name`` with its theoretical density on top.

    Normal, uniform and truncated entries get their exact density, orthogonal its normal approximation; constant
    and identity matrices (a few distinct values) get a bar per value with its share of the entries. The formula
    and source are printed under the axes.
    """
    ax = _get_ax(ax, figsize=(7.0, 5.0))
    init = get_initializer(name)
    W = init.sample(fan_in, fan_out, rng, scale, **options).ravel()
    opts = {**init.defaults, **options}
    kind = _distribution_kind(init, opts)
    theory_std = init.std(fan_in, fan_out, scale, **options)
    color = scheme_color(init.name)
    if np.unique(W).size < 10:  # constant, identity, scale 0: a histogram of a handful of values misleads
        _share_bars(ax, W, color)
        ylabel = "share of the entries"
    else:
        lo, hi = W.min(), W.max()
        ax.hist(W, bins=60, range=(lo, hi), density=True, color=color, alpha=0.55, label=f"{W.size} sampled weights")
        if kind not in ("constant", "identity", "other"):
            pdf, description = _theory_density(init, kind, fan_in, fan_out, scale, opts)
            x = np.linspace(lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo), 400)
            ax.plot(x, pdf(x), color="black", lw=2, label=f"theory: {description}")
        ax.set_ylim(0, 1.45 * ax.get_ylim()[1])  # room for the legend above the curve
        ylabel = "density"
    ax.plot([], [], " ", label=f"std: theory {theory_std:.3g}, sample {W.std():.3g}")  # a legend line, no mark
    ax.text(0.0, -0.16, textwrap.fill(f"{init.formula}.  Source: {init.source}", 95), transform=ax.transAxes,
            ha="left", va="top", fontsize=9.5, color="0.25")
    fans = f"{fan_in}×{fan_out}" + (f", scale {scale:g}" if scale != 1 else "")
    _label(ax, f"{init.name} ({init.framework}): weights of a {fans} layer", "weight value", ylabel)
    _legend(ax, loc="upper right")
    return ax


# ---- the course's small experiments -----------------------------------------------------------------------------
def plot_gradient_flow(cases_result, ax=None, step=0):
    """gradient_flow_cases' dict as a grid: a row per case, a column per W1, b1, W2, b2, ...: share of non-zero
    gradient entries at ``step`` (0 = the first step), with the counts written in each cell."""
    ax = _get_ax(ax, figsize=(7.0, 3.6))
    names = list(cases_result)
    rows, texts = [], []
    for name in names:
        s = cases_result[name][step]
        cells = [m for pair in zip(s["weights"], s["biases"]) for m in pair]
        rows.append([np.mean(m) for m in cells])
        texts.append([f"{int(np.sum(m))}/{m.size}" for m in cells])  # count of non-zero entries / entries
    columns = [f"{p}{l + 1}" for l in range(len(rows[0]) // 2) for p in ("W", "b")]
    grid = np.array(rows)
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (i, j), value in np.ndenumerate(grid):
        ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=_LABEL,
                color="white" if value > 0.6 else "black")
    ax.set_xticks(range(len(columns)), columns)
    labels = [f"{n}\n(distinct hidden units: {', '.join(map(str, cases_result[n][step]['distinct']))})" for n in names]
    ax.set_yticks(range(len(names)), labels)
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(names)), minor=True)
    ax.grid(which="minor", color="white", lw=3)
    ax.tick_params(which="minor", length=0)
    _label(ax, f"Entries with a non-zero gradient at step {step + 1}", "parameter (W = weights, b = biases)")
    return ax


def plot_symmetry(result, ax=None):
    """symmetry_experiment's dict: distinct hidden units per layer over epochs, each layer's width dashed above."""
    ax = _get_ax(ax)
    epochs, distinct = np.asarray(result["epochs"]), np.asarray(result["distinct"])
    widths = np.asarray(result["widths"])
    for l, color in enumerate(_depth_colors(len(widths))):
        # deeper layers get smaller markers on top, so equal counts (all 1 after a zero init) stay visible
        ax.plot(epochs, distinct[:, l], drawstyle="steps-post", marker="os^Dv"[l % 5], ms=max(11 - 4 * l, 4),
                lw=2, color=color, label=f"layer {l + 1}")
        ax.axhline(widths[l], ls="--", lw=1.5, color=color)
        ax.text(1.01, widths[l], f"width {widths[l]}", transform=ax.get_yaxis_transform(), ha="left",
                va="center", color=color, fontsize=_NOTE)
    ax.plot([], [], ls="--", color="0.4", label="layer width (ceiling)")
    ax.set_ylim(0, widths.max() * 1.12 + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _label(ax, "Distinct hidden units during training", "epoch", "distinct units")
    _legend(ax, loc="best")
    return ax


def plot_edge_of_chaos(result, ax=None):
    """edge_of_chaos' dict: measured gradient growth log10 Var(δ_1)/Var(δ_L) over (σ_w, σ_b), the χ = 1 line."""
    ax = _get_ax(ax, figsize=(6.8, 4.8))
    sw, sb = np.asarray(result["sigma_w"]), np.asarray(result["sigma_b"])
    ratio, chi = np.asarray(result["grad_ratio"], dtype=float), np.asarray(result["chi"], dtype=float)
    finite = ratio[np.isfinite(ratio)]
    vmax = max(np.abs(finite).max(), 1e-9) if finite.size else 1.0
    shown = np.ma.masked_invalid(np.clip(ratio, -vmax, vmax))  # ±inf drawn at the ends of the scale, NaN blank
    mesh = ax.pcolormesh(sw, sb, shown, cmap="RdBu_r", vmin=-vmax, vmax=vmax, shading="nearest")
    bar = ax.figure.colorbar(mesh, ax=ax)
    bar.set_label("log₁₀ Var(δ₁) / Var(δ_L)\n< 0 vanishing, > 0 exploding", fontsize=_LABEL - 1)
    bar.ax.tick_params(labelsize=_TICK)
    if chi.shape[0] > 1 and chi.shape[1] > 1 and chi.min() < 1 < chi.max():
        cs = ax.contour(sw, sb, chi, levels=[1.0], colors="black", linewidths=2.5)
        ax.clabel(cs, fmt={1.0: "edge of chaos (χ = 1)"}, fontsize=_NOTE, inline=True)
    for mask, word in ((chi < 1, "ordered\n(χ < 1)"), (chi > 1, "chaotic\n(χ > 1)")):
        if mask.any():
            rows, cols = np.nonzero(mask)
            ax.text(np.median(sw[cols]), np.median(sb[rows]), word, ha="center", va="center", fontsize=_LABEL,
                    fontweight="bold", bbox=dict(boxstyle="round", fc="white", ec="none", alpha=0.8))
    _label(ax, "Order to chaos: gradient growth through depth", "σ_w (weight std × √width)", "σ_b (bias std)")
    return ax


def plot_logistic_starts(result, ax=None):
    """logistic_starts' dict: the loss curve of each start (log x), all ending at the same loss (convexity)."""
    ax = _get_ax(ax)
    loss = np.asarray(result["loss"], dtype=float)  # (starts, epochs)
    epochs = np.arange(1, loss.shape[1] + 1)
    for i, (label, curve) in enumerate(zip(result["labels"], loss)):  # dashes so that overlapping ends stay visible
        ax.plot(epochs, _finite(curve), ls=["-", "--", "-.", ":"][i % 4], lw=3.0 - 0.4 * min(i, 3),
                color=_PALETTE[i % len(_PALETTE)], label=label)
    final = loss[:, -1]
    ax.annotate(f"every start ends at {np.nanmean(final):.4f}\n(they differ by {np.ptp(final):.1g})",
                (epochs[-1], np.nanmean(final)), xytext=(-10, 25), textcoords="offset points", ha="right",
                fontsize=_NOTE, arrowprops=dict(arrowstyle="->", color="0.3"))
    ax.set_xscale("log")
    _label(ax, "Logistic regression is convex: one optimum", "epoch (log scale)", "loss (binary cross-entropy)")
    _legend(ax, loc="upper right")
    return ax


# ---- figures without pyplot -------------------------------------------------------------------------------------
def new_figure(nrows=1, ncols=1, figsize=None, dpi=100, layout="constrained"):
    """A ``matplotlib.figure.Figure`` (no pyplot state, safe in threads) and its axes, like ``plt.subplots``.

    ``figsize`` defaults to 5.6 × 4.3 inches per panel. The constrained layout keeps labels from overlapping; for the
    fastest widget frames pass ``layout=None`` (about 40 ms less per PNG here) and leave room with
    ``fig.subplots_adjust``.
    """
    figsize = figsize or (5.6 * ncols, 4.3 * nrows)
    fig = Figure(figsize=figsize, dpi=dpi, layout=layout)
    return fig, fig.subplots(nrows, ncols)


def figure_to_png(fig, dpi=None, compress_level=6):
    """The figure rendered as PNG bytes (for an ipywidgets Image or a file); ``compress_level`` 1 is 4x faster to
    encode than the default 6, for a slightly larger file (the dashboards' live frames use it)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi, pil_kwargs={"compress_level": compress_level})
    return buffer.getvalue()
