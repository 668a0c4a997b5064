"""Training: loss curves, per-layer statistics over the epochs, decision boundaries, restarts, the scale sweep and
logistic regression's convexity. Each takes a History, a net or an experiment's dict and returns the Axes."""
import textwrap

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..mlp import STAT_NAMES, History, NumericalError
from .style import (_CLASS_MARKERS, _NOTE, _PALETTE, _REFERENCE, CLASS_CMAP, CLASS_COLORS, DIVERGED_COLOR,
                    _depth_colors, _finite, _get_ax, _label, _legend, _line_style, _log_y_if_positive, _note,
                    scheme_color, scheme_marker)

__all__ = ["plot_accuracy", "plot_accuracy_vs_scale", "plot_decision_boundary", "plot_layer_stat",
           "plot_logistic_starts", "plot_loss", "plot_restart_histogram"]


# ---- training curves --------------------------------------------------------------------------------------------
def plot_loss(history, ax=None, label=None, test=True, log=True, color=None, loss_name="cross-entropy", **line_kw):
    """Training loss per epoch from a History (or a 1-D array of losses), test loss dashed, divergence marked.
    ``loss_name`` names the loss on the y axis: "binary cross-entropy" for a net with a sigmoid output, "softmax
    cross-entropy" for a softmax (``net.output.name`` says which); a History does not know.

    ``line_kw`` (``ls``, ``lw``, ``zorder``, ...) style the training-loss line; the test line takes its colour.
    When a run on the Axes diverged, the y axis stops at 100× the largest starting loss (log) or 3× (linear): the
    exploding curve leaves through the top instead of squashing every other curve flat.
    """
    ax = _get_ax(ax)
    is_history = isinstance(history, History)
    diverged = is_history and history.diverged
    loss = _finite(history.loss if is_history else np.ravel(history))
    style = _line_style(dict(lw=2, color=color, label=label or "training loss"), line_kw)
    (line,) = ax.plot(np.arange(len(loss)), loss, gid="diverged loss" if diverged else "loss", **style)
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
    _label(ax, "Loss during training", "epoch", f"loss ({loss_name}" + (", log scale)" if logged else ")"))
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


def plot_accuracy(history, ax=None, chance=None, label=None):
    """Training and test accuracy over the recorded epochs of a History (test dashed, in the same colour), with the
    ``chance`` level (e.g. 1/k for k balanced classes) dotted: the panel for data without a 2-D decision boundary."""
    ax = _get_ax(ax)
    epochs = np.asarray(history.epochs_recorded)
    (line,) = ax.plot(epochs[:len(history.train_accuracy)], history.train_accuracy, lw=2,
                      label=label or "training accuracy")
    if history.test_accuracy:
        ax.plot(epochs[:len(history.test_accuracy)], history.test_accuracy, ls="--", lw=1.8, color=line.get_color(),
                label=f"{label} (test)" if label else "test accuracy")
    if chance is not None:
        ax.axhline(chance, label=f"chance ({chance:.2g})", **_REFERENCE)
    ax.set_ylim(-0.02, 1.02)
    _label(ax, "Accuracy during training", "epoch", "accuracy")
    _legend(ax, loc="lower right")
    return ax


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


#: a net whose P(class 1) spans less than this over the whole plane predicts a constant: it has no boundary to draw
CONSTANT_PREDICTION = 0.01


def plot_decision_boundary(net, X, y, ax=None, resolution=150, title=None):
    """P(class 1) of ``net`` over the box around ``X`` (n, 2) as filled contours, the 0.5 line, and the points.

    A net whose prediction spans less than ``CONSTANT_PREDICTION`` over the plane (a loss stuck at log 2) gets a note
    saying so instead of a 0.5 line, which there would only trace round-off and read as a learned classifier."""
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
        if proba.max() - proba.min() < CONSTANT_PREDICTION:  # a 0.5 line through noise would look like a classifier
            # (four short lines: the note fits a dashboard's narrow square panel)
            _note(ax, f"constant prediction:\np = {proba.mean():.3f} ± {(proba.max() - proba.min()) / 2:.1g}\nover "
                      "the plane,\nno boundary", 0.5, 0.5, ha="center", va="center", fontweight="bold", zorder=4)
            default_title = f"No boundary: the same prediction everywhere, accuracy {accuracy:.0%}"
        elif proba.min() < 0.5 < proba.max():
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


