"""Symmetry: which parameters a zero or constant start lets learn (gradient flow), how many distinct hidden units
survive training, and one layer's parameters unit by unit. Each takes an experiment's dict or arrays and returns the
Axes."""
import matplotlib
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..experiments import GRADIENT_TOLERANCE
from .style import _LABEL, _NOTE, _TICK, _depth_colors, _get_ax, _label, _legend

__all__ = ["plot_gradient_flow", "plot_symmetry", "plot_unit_parameters"]


def plot_gradient_flow(cases_result, ax=None, step=0):
    """gradient_flow_cases' dict as a grid: a row per case, a column per W1, b1, W2, b2, ...: the largest |gradient|
    of the parameter's entries at ``step`` (0 = the first step) on a log colour scale, with the count of entries
    whose |gradient| exceeds ``GRADIENT_TOLERANCE`` (1e-10) and that largest |gradient| written in the cell. A
    parameter with none above it is grey and says "no gradient" (with its largest |gradient| if not exactly 0):
    what float64 leaves of an exact 0 is round-off (~1e-17), which moves nothing. Each
    row names its distinct hidden units, and, where relu's positive scaling makes fewer of them different, how many
    are distinct up to a positive factor."""
    ax = _get_ax(ax, figsize=(7.0, 3.6))
    names = list(cases_result)
    low = np.log10(GRADIENT_TOLERANCE)  # the colour scale: from the tolerance (10⁻¹⁰) to 1
    rows, texts = [], []
    for name in names:
        s = cases_result[name][step]
        grads = [np.abs(np.asarray(g, dtype=float)) for pair in zip(s["weight_grads"], s["bias_grads"]) for g in pair]
        row, text = [], []
        for g in grads:
            largest, moving = float(g.max()), int(np.sum(g > GRADIENT_TOLERANCE))
            row.append(np.log10(largest) if moving else np.nan)
            text.append(f"{moving}/{g.size}\n{largest:.0e}" if moving else  # entries moving, the largest |g|
                        "no\ngradient" + (f"\n({largest:.0e})" if largest > 0 else ""))
        rows.append(row)
        texts.append(text)
    columns = [f"{p}{l + 1}" for l in range(len(rows[0]) // 2) for p in ("W", "b")]
    grid = np.array(rows)
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="0.88")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=low, vmax=0.0, aspect="auto")
    for (i, j), value in np.ndenumerate(grid):
        dark = np.isfinite(value) and (value - low) / -low > 0.6
        ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=_NOTE, color="white" if dark else "black")
    bar = ax.figure.colorbar(image, ax=ax, pad=0.02)
    bar.set_label("log₁₀ largest |gradient|\n(grey: none above 10⁻¹⁰)", fontsize=_NOTE)
    bar.ax.tick_params(labelsize=_TICK)
    ax.set_xticks(range(len(columns)), columns)

    def units(record):
        exact, scaled = record["distinct"], record.get("distinct_up_to_scale", record["distinct"])
        text = ", ".join(map(str, exact))
        return text if np.array_equal(exact, scaled) else f"{text} ({', '.join(map(str, scaled))} up to scale)"

    ax.set_yticks(range(len(names)), [f"{n}\ndistinct units:\n{units(cases_result[n][step])}" for n in names])
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(names)), minor=True)
    ax.grid(which="minor", color="white", lw=3)
    ax.tick_params(which="minor", length=0)
    _label(ax, f"Largest |gradient| per parameter, step {step + 1}", "parameter (W = weights, b = biases)")
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




def plot_unit_parameters(weights, biases, ax=None, title=None):
    """One hidden layer's parameters as a heatmap with the values written in the cells: a column per unit (its
    incoming weights ``weights`` (fan_in, units), then its bias ``biases`` (units,)), so identical columns are units
    that compute the same function. Blue negative, red positive, white 0."""
    ax = _get_ax(ax, figsize=(6.4, 3.6))
    params = np.vstack([np.asarray(weights, dtype=float), np.asarray(biases, dtype=float)[None, :]])
    limit = max(np.abs(params).max(), 1e-12)
    ax.imshow(params, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
    for (i, j), value in np.ndenumerate(params):  # white on the dark cells, black on the light ones
        ax.text(j, i, f"{value:.2g}", ha="center", va="center", fontsize=_NOTE,
                color="white" if abs(value) > 0.6 * limit else "black")
    ax.set_yticks(range(params.shape[0]), [f"w from x{i + 1}" for i in range(params.shape[0] - 1)] + ["bias"])
    ax.set_xticks(range(params.shape[1]), [f"unit {j + 1}" for j in range(params.shape[1])])
    _label(ax, title or "a hidden layer: one column per unit")
    return ax
