"""Symmetry: which parameters a zero or constant start lets learn (gradient flow), how many distinct hidden units
survive training, and one layer's parameters unit by unit. Each takes an experiment's dict or arrays and returns the
Axes."""
import numpy as np
from matplotlib.ticker import MaxNLocator

from .style import _LABEL, _NOTE, _depth_colors, _get_ax, _label, _legend

__all__ = ["plot_gradient_flow", "plot_symmetry", "plot_unit_parameters"]


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
