"""Through depth: per-layer variances of an untrained deep net (forward and backward, with their mean-field theory),
each layer's activation histogram, and the order-to-chaos map. Each takes depth_statistics' or edge_of_chaos' dict
(or arrays) and returns the Axes."""
import numpy as np
from matplotlib.lines import Line2D

from ..mlp import History
from .style import (_LABEL, _NOTE, _REFERENCE, _TICK, CLASS_COLORS, FLOAT64_MAX, FLOAT64_TINY, _LOG_CEIL, _depth_colors,
                    _get_ax, _integer_x, _label, _legend, _legend_below, _line_style, _log_y, _note)
from .training import plot_layer_stat

__all__ = ["plot_activation_histograms", "plot_both_directions", "plot_edge_of_chaos", "plot_gradient_stats",
           "plot_variance_by_depth"]


_DEPTH_STATS = {  # depth_statistics key -> (title, y label, theory key, what the reference line at 1 is)
    "pre_var": ("Variance of the pre-activations z by layer", "Var(z)", "theory_pre_var", "input variance 1"),
    "act_var": ("Variance of the activations φ(z) by layer", "Var(φ(z))", None, "input variance 1"),
    "grad_var": ("Variance of the backward gradient by layer", "Var(∂L/∂z)", "theory_grad_var",
                 "variance 1 (gradient at the top)"),
    "weight_grad_var": ("Variance of the weight gradient by layer", "Var(∂L/∂W)", None, "variance 1"),
}


def _float64_range(values):
    """Masks of the values a log axis draws (float64's normal numbers up to 1e307), of those that underflowed
    (below float64's smallest normal number 2.2e-308: 0 or a subnormal that has lost its digits) and of those that
    overflowed (inf or NaN; or past 1e307, within a factor 18 of float64's largest number, where it is one
    layer from inf)."""
    with np.errstate(invalid="ignore"):
        drawable = (values >= FLOAT64_TINY) & (values <= _LOG_CEIL)
        return drawable, (values >= 0) & (values < FLOAT64_TINY), ~(values <= _LOG_CEIL)


def plot_variance_by_depth(stats, ax=None, key="pre_var", theory=True, label=None, color=None, legend=True,
                           **line_kw):
    """A per-layer variance (log y) against layer 1..L from depth_statistics' dict (or a 1-D array), theory dashed.

    ``line_kw`` (``lw``, ``ms``, ``alpha``, ``zorder``, ...) style the measured line; its theory line takes its
    colour. Every variance float64 can hold draws, however tiny or huge; where it left float64's range the axis says
    so: a ▼ on the bottom edge for a layer whose variance fell below float64's smallest normal number (2.2e-308:
    stored as 0, an underflow), a ▲ on the top edge for inf or NaN (an overflow past 1.8e308), each named in the
    legend. The dotted line is variance 1. The y axis spans at least two decades, so that a flat curve looks flat.
    ``legend=False`` leaves the legend to the caller (``plot_both_directions`` puts it under the axes).
    """
    ax = _get_ax(ax)
    title, ylabel, theory_key, unit = _DEPTH_STATS.get(key, (f"{key} by layer", key, None, "variance 1"))
    values = np.asarray(stats[key] if isinstance(stats, dict) else stats, dtype=float)
    layers = np.arange(1, len(values) + 1)
    drawable, under, over = _float64_range(values)
    style = _line_style(dict(marker="o", lw=2, ms=5, color=color, label=label or "measured"), line_kw)
    (line,) = ax.plot(layers, np.where(drawable, values, np.nan), **style)
    color = line.get_color()
    edge = ax.get_xaxis_transform()  # x in data, y in axes fraction: stays on the edge whatever the y range
    for mask, y, marker, text in ((over, 0.97, "^", f"overflow (inf: past {FLOAT64_MAX:.1e})"),
                                  (under, 0.03, "v", f"underflow (0: below {FLOAT64_TINY:.1e})")):
        if mask.any():
            ax.plot(layers[mask], np.full(mask.sum(), y), marker, ms=11, color=color, mec="black",
                    transform=edge, clip_on=False, label=text, gid="float64 edge")
    if theory and isinstance(stats, dict) and theory_key in stats:  # a dict without its theory: measured only
        expected = np.asarray(stats[theory_key], dtype=float)
        expected = np.where(_float64_range(expected)[0], expected, np.nan)
        if np.any(expected > 0):
            ax.plot(layers, expected, "--", lw=2, color=color,
                    label=f"{label}: theory" if label else "theory (mean field)")
    if not any(l.get_gid() == "unit" for l in ax.lines):  # the reference line, once per Axes
        ax.axhline(1.0, gid="unit", label=unit, **_REFERENCE)
    _log_y(ax, min_decades=2)
    _integer_x(ax)
    _label(ax, title, "layer", ylabel + " (log scale)")
    if legend:
        _legend(ax)
    return ax


def plot_both_directions(stats, ax=None, theory=True):
    """Forward pre-activation variance and backward gradient variance per layer on one log axis, each with its
    theory line (depth_statistics' dict): Glorot & Bengio's (2010) point is that an init should keep both steady.
    The legend sits under the axes, where it covers no layer."""
    ax = _get_ax(ax, figsize=(7.0, 5.2))
    plot_variance_by_depth(stats, ax=ax, key="pre_var", theory=theory, label="forward: Var(z)", color=CLASS_COLORS[0],
                           legend=False)
    plot_variance_by_depth(stats, ax=ax, key="grad_var", theory=theory, label="backward: Var(∂L/∂z)",
                           color=CLASS_COLORS[1], legend=False)
    _label(ax, "Variance forward and backward", ylabel="variance (log scale)")
    # one legend entry for both theory lines (the colour says which): a shorter legend, under the axes
    entries = {l.get_label(): l for l in ax.lines if not l.get_label().endswith(": theory")}
    if theory and any(l.get_label().endswith(": theory") for l in ax.lines):
        entries["theory (mean field)"] = Line2D([], [], ls="--", lw=2, color="0.35")
    _legend_below(ax, list(entries.values()), list(entries), ncols=2)
    return ax


def plot_gradient_stats(stats, ax=None):
    """Backward gradient variance per layer with its theory (depth_statistics dict), or a History's grad_norm."""
    if isinstance(stats, History):
        return plot_layer_stat(stats, "grad_norm", ax)
    return plot_variance_by_depth(stats, ax, key="grad_var")


def plot_activation_histograms(samples, ax=None, layers=None, bins=60, activation=None, legend="inside"):
    """Normalized histograms of each layer's activations (Glorot & Bengio 2010, Fig. 6), one line per layer.

    ``samples``: shape (layers, n) like depth_statistics' ``hist_samples``, or a list of per-layer arrays (e.g.
    ``net.forward(X)[1][1:]``). ``layers``: 1-based layers to show (default: all, or 6 spread out if more than 8).
    ``bins`` is lowered to one per 80 samples, so that the curves show the shape rather than sampling noise.
    ``activation`` ("tanh", "relu", ...) fixes the x range and names the axis. For relu (or any non-negative
    samples with many exact zeros) the zeros are left out of the curves, whose spike would flatten everything
    else, and their share is given in the legend. ``legend="below"`` puts the legend under the axes (a dashboard's
    frame), where it covers no curve.
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
    if legend == "below":  # three short entries a row, or two long ones ("layer 21 (51% at 0)")
        _legend_below(ax, ncols=2 if exact_zeros else 3)
    else:
        _legend(ax)
    return ax


def plot_edge_of_chaos(result, ax=None, point=None):
    """edge_of_chaos' dict: measured gradient growth log10 Var(δ_1)/Var(δ_L) over (σ_w, σ_b), the χ = 1 line, and
    ``point`` = (σ_w, σ_b), when given, as a star (e.g. the net a dashboard shows)."""
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
    if point is not None:
        ax.plot(*np.reshape(point, (2, 1)), marker="*", ms=18, color="black", mec="white", ls="none", gid="point")
    _label(ax, "Order to chaos: gradient growth through depth", "σ_w (weight std × √width)", "σ_b (bias std)")
    return ax


