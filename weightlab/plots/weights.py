"""The weights themselves: a draw of one initializer against the density its table entry states."""
import textwrap

import numpy as np
from matplotlib.transforms import offset_copy

from ..initializers import get_initializer
from .style import _LABEL, _NOTE, _get_ax, _label, _legend, scheme_color

__all__ = ["plot_weight_histogram"]


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


def _area(pdf, x):
    """The trapezoid rule's integral of ``pdf`` over ``x``."""
    return float(np.sum((pdf[1:] + pdf[:-1]) * np.diff(x)) / 2)


def _theory(init, x, fan_in, fan_out, scale, options):
    """The theoretical density of one entry at ``x`` and a short description of it, from the table's entry: its
    ``density``, or for a whole random matrix (orthogonal), whose entries have none of their own, the normal with
    the entry's mean and std (close for large matrices); None for entries with a few values (constants, identity).
    A sparse draw's density is that of its nonzero entries: its area is their share."""
    mean, std = init.mean(fan_in, fan_out, scale, **options), init.std(fan_in, fan_out, scale, **options)
    kind = init.distribution(fan_in, fan_out, **options)
    lo, hi = (0.0 if abs(v) < 1e-9 * std else v for v in init.bounds(fan_in, fan_out, scale, **options))  # no 5e-17
    pdf = init.density(x, fan_in, fan_out, scale, **options)
    if pdf is not None:
        return pdf, {"uniform": f"U({lo:.3g}, {hi:.3g})",
                     "truncated_normal": f"normal cut to [{lo:.3g}, {hi:.3g}], std {std:.3g}",
                     "sparse_normal": f"normal, the nonzero entries (area {_area(pdf, x):.2f})"}.get(
                         kind, f"N({mean:.3g}, {std:.3g}²)")
    if kind == "matrix" and std > 0:
        return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi)), f"≈ N({mean:.3g}, {std:.3g}²)"
    return None, None


def plot_weight_histogram(name, fan_in=256, fan_out=256, rng=0, ax=None, scale=1.0, **options):
    """Density histogram of a (fan_in, fan_out) draw of initializer ``name`` with its theoretical density on top.

    Normal, uniform and truncated entries get their exact density (``Initializer.density``), orthogonal its normal
    approximation; constant and identity matrices (a few distinct values) get a bar per value with its share of the
    entries; sparse draws, whose entries are exactly 0 with a fixed share, a dashed line at 0 stating that share and
    a histogram of the others with their share as its area. The formula and source are printed under the axes.
    """
    ax = _get_ax(ax, figsize=(7.0, 5.0))
    init = get_initializer(name)
    W = init.sample(fan_in, fan_out, rng, scale, **options).ravel()
    theory_std = init.std(fan_in, fan_out, scale, **options)
    color = scheme_color(init.name)
    if np.unique(W).size < 10:  # constant, identity, scale 0: a histogram of a handful of values misleads
        _share_bars(ax, W, color)
        ylabel = "share of the entries"
    else:
        lo, hi = W.min(), W.max()
        # entries exactly 0 in a continuous draw (sparse) are an atom: a line at 0, the histogram shows the rest, its
        # area their share, as the theory's density of the nonzero entries does
        zeros = W == 0
        atom = zeros.mean() > 0.001
        rest = W[~zeros] if atom else W
        edges = np.linspace(lo, hi, 61)
        # one filled outline, not 60 bar patches: the same picture at a fraction of the drawing time
        ax.hist(rest, bins=edges, weights=np.full(rest.size, 1.0 / (W.size * (edges[1] - edges[0]))), color=color,
                histtype="stepfilled", alpha=0.55,
                label=f"{W.size} sampled weights" + (", the nonzero ones" if atom else ""))
        if atom:
            ax.axvline(0.0, color="black", lw=2.5, ls="--", label=f"{zeros.mean():.1%} of the entries exactly 0")
        x = np.linspace(lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo), 400)
        pdf, description = _theory(init, x, fan_in, fan_out, scale, options)
        if pdf is not None:
            ax.plot(x, pdf, color="black", lw=2, label=f"theory: {description}")
        ax.set_ylim(0, 1.45 * ax.get_ylim()[1])  # room for the legend above the curve
        ylabel = "density"
    ax.plot([], [], " ", label=f"std: theory {theory_std:.3g}, sample {W.std():.3g}")  # a legend line, no mark
    # the caption under the x label, wrapped to the axes' width (about 0.52 font sizes a character)
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
    below = offset_copy(ax.transAxes, fig=ax.figure, y=-2.9 * _LABEL, units="points")  # under the x label
    ax.text(0.0, 0.0, textwrap.fill(f"{init.formula}.  Source: {init.source}", max(40, int(width_pt / (0.52 * _NOTE)))),
            transform=below, ha="left", va="top", fontsize=_NOTE, color="0.25")
    fans = f"{fan_in}×{fan_out}" + (f", scale {scale:g}" if scale != 1 else "")
    _label(ax, f"{init.name} ({init.framework}): weights of a {fans} layer", "weight value", ylabel)
    _legend(ax, loc="upper right")
    return ax
