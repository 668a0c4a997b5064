"""The plots: each figure is built from real data of the compute modules and checked for what it must show.

Checks are on content, not pixels: the drawn y data equals the arrays it comes from, theory lines equal the theory,
histograms integrate to 1, divergence and overflow are marked, and PNG bytes come out.
"""
import warnings

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no display needed

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection, QuadMesh  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from weightlab import experiments as E  # noqa: E402
from weightlab import plots as P  # noqa: E402
from weightlab.data import load_circles, load_moons  # noqa: E402
from weightlab.initializers import DISTRIBUTIONS, FAMILIES, INITIALIZERS  # noqa: E402
from weightlab.mlp import MLP, STAT_NAMES, NumericalError  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def circles():
    return load_circles()


@pytest.fixture(scope="module")
def trained(circles):
    X, y, Xt, yt = circles
    net = MLP([2, 10, 5, 1], init="he_normal", seed=1)
    history = net.fit(X, y, epochs=200, lr=0.1, X_test=Xt, y_test=yt, record_every=10)
    return net, history


@pytest.fixture(scope="module")
def diverged(circles):
    # a linear net with a huge step grows its weights geometrically until the loss is inf (relu nets die instead)
    X, y, Xt, yt = circles
    net = MLP([2, 10, 5, 1], activation="linear", init="random_normal", seed=0)
    history = net.fit(X, y, epochs=200, lr=10.0, X_test=Xt, y_test=yt)
    assert history.diverged
    return history


@pytest.fixture(scope="module")
def depth_stats():
    return E.depth_statistics(depth=6, width=32, init="he_normal", activation="relu")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def ax_():
    return P.new_figure()[1]


def lines_labelled(ax, start):
    return [l for l in ax.lines if l.get_label().startswith(start)]


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def all_text(ax):
    return " ".join([t.get_text() for t in ax.texts] + [ax.get_title()])


# ---- colours ----------------------------------------------------------------------------------------------------
def test_every_initializer_has_a_colour_and_families_share_one():
    assert set(P.SCHEME_COLORS) == set(INITIALIZERS)
    assert P.scheme_color("he") == P.scheme_color("he_normal") == P.scheme_color("kaiming_uniform")
    assert P.scheme_color("glorot_uniform") == P.scheme_color("xavier_normal")
    main = ["he_normal", "glorot_normal", "random_normal", "zeros", "lecun_normal", "orthogonal", "identity"]
    assert len({P.scheme_color(n) for n in main}) == len(main)
    assert P.scheme_color("not an initializer") == P.OTHER_COLOR
    assert P.scheme_marker("he_normal") == "^" and P.scheme_marker("he_uniform") == "s"
    assert P.CLASS_COLORS[0] != P.CLASS_COLORS[1]


@pytest.mark.parametrize("name", list(INITIALIZERS))
def test_every_initializer_has_its_familys_palette_colour_and_a_known_distribution(name):
    """The colour comes from the entry's family: a new initializer gets its family's colour, never the grey
    fallback, and families keep their colours in FAMILIES' order."""
    entry = INITIALIZERS[name]
    assert P.scheme_color(name) != P.OTHER_COLOR
    assert P.scheme_color(name) == matplotlib.color_sequences["petroff10"][FAMILIES.index(entry.family)]
    assert entry.distribution(64, 128) in DISTRIBUTIONS
    assert P.scheme_marker(name) == {"normal": "o", "uniform": "s", "truncated_normal": "^"}.get(
        entry.distribution(256, 256), "D")
    ax = P.plot_weight_histogram(name, fan_in=16, fan_out=32, ax=ax_())
    assert ax.patches and ax.get_title().startswith(name)


# ---- training curves --------------------------------------------------------------------------------------------
def test_plot_loss_draws_train_and_test_loss(trained):
    _, history = trained
    ax = P.plot_loss(history, ax_(), label="he")
    train, test = ax.lines
    np.testing.assert_array_equal(train.get_ydata(), history.loss)
    np.testing.assert_array_equal(test.get_xdata(), history.epochs_recorded)
    np.testing.assert_array_equal(test.get_ydata(), history.test_loss)
    assert test.get_linestyle() == "--" and test.get_color() == train.get_color()
    assert ax.get_yscale() == "log" and "log scale" in ax.get_ylabel()
    assert legend_texts(ax) == ["he", "he (test)"]


def test_plot_loss_forwards_line_style(trained):
    ax = P.plot_loss(trained[1], ax_(), label="zeros", ls="--", linewidth=3.5, zorder=3)
    train, test = ax.lines
    assert train.get_linestyle() == "--" and train.get_linewidth() == 3.5 and train.get_zorder() == 3
    assert test.get_color() == train.get_color() and test.get_linewidth() == 1.8


def test_plot_accuracy_train_test_and_chance(trained):
    _, history = trained
    ax = P.plot_accuracy(history, ax_(), chance=0.5)
    train, test, chance = ax.lines
    np.testing.assert_array_equal(train.get_xdata(), history.epochs_recorded)
    np.testing.assert_array_equal(train.get_ydata(), history.train_accuracy)
    np.testing.assert_array_equal(test.get_ydata(), history.test_accuracy)
    assert test.get_linestyle() == "--" and test.get_color() == train.get_color()
    assert list(chance.get_ydata()) == [0.5, 0.5] and legend_texts(ax)[-1] == "chance (0.5)"


def test_plot_loss_of_an_array_and_linear_scale(trained):
    ax = P.plot_loss(np.array(trained[1].loss), ax_(), log=False, test=False)
    assert len(ax.lines) == 1 and ax.get_yscale() == "linear" and "log" not in ax.get_ylabel()


def test_plot_loss_marks_divergence(trained, diverged):
    ax = ax_()
    P.plot_loss(trained[1], ax)
    P.plot_loss(diverged, ax, label="lr 10")
    epoch = diverged.diverged_epoch
    red = [l for l in ax.lines if to_rgba(l.get_color()) == to_rgba(P.DIVERGED_COLOR)]
    assert len(red) == 1 and list(red[0].get_xdata()) == [epoch, epoch]
    assert f"diverged at epoch {epoch}" in all_text(ax)
    # the exploding curve leaves through the top instead of flattening the healthy one
    assert ax.get_ylim()[1] <= 100 * max(trained[1].loss[0], diverged.loss[0], 1.0)
    assert P.figure_to_png(ax.figure).startswith(PNG_SIGNATURE)  # drawable despite losses near 1e300


@pytest.mark.parametrize("name", list(STAT_NAMES))
def test_plot_layer_stat_one_line_per_layer(trained, name):
    _, history = trained
    ax = P.plot_layer_stat(history, name, ax_())
    values = history.stat(name)
    assert len(ax.lines) == values.shape[1]
    for l, line in enumerate(ax.lines):
        np.testing.assert_array_equal(line.get_xdata(), history.epochs_recorded)
        np.testing.assert_allclose(line.get_ydata(), values[:, l])
    assert ax.get_title() and ax.get_xlabel() == "epoch"
    assert len({line.get_color() for line in ax.lines}) == values.shape[1]  # graded by depth


# ---- decision boundary ------------------------------------------------------------------------------------------
def test_decision_boundary_contours_and_points(trained, circles):
    net, _ = trained
    X, y = circles[:2]
    ax = P.plot_decision_boundary(net, X, y, ax_(), resolution=80)
    filled, line = [c for c in ax.collections if isinstance(c, ContourSet)]
    assert filled.filled and filled.levels[0] == 0 and filled.levels[-1] == 1
    assert list(line.levels) == [0.5]
    on_line = np.concatenate([p.vertices for p in line.get_paths()])
    np.testing.assert_allclose(net.predict_proba(on_line), 0.5, atol=0.03)  # the line is where P(class 1) = 0.5
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    for c, pts in enumerate(points):
        np.testing.assert_array_equal(pts.get_offsets(), X[y == c])
        assert tuple(pts.get_facecolor()[0]) == to_rgba(P.CLASS_COLORS[c])
    assert f"accuracy {net.accuracy(X, y):.0%}" in ax.get_title()
    assert legend_texts(ax) == ["class 0", "class 1"]


def test_decision_boundary_survives_an_overflowing_net(circles):
    X, y = circles[:2]
    net = MLP([2, 50, 50, 50, 50, 1], init="random_normal", init_options={"stddev": 1e80}, seed=0)
    with pytest.raises(NumericalError):
        net.predict_proba(X)
    ax = P.plot_decision_boundary(net, X, y, ax_())
    assert "forward pass overflowed" in all_text(ax)
    assert not [c for c in ax.collections if isinstance(c, ContourSet)]
    assert len([c for c in ax.collections if isinstance(c, PathCollection)]) == 2


def test_a_constant_predictor_gets_no_boundary_line(circles):
    X, y = circles[:2]
    flat = MLP([2, 10, 5, 1], init="random_normal", init_options={"stddev": 0.01}, seed=0)  # P(class 1) ~ 0.5 everywhere
    flat.fit(X, y, epochs=50, lr=0.01)
    proba = flat.predict_proba(X)
    assert proba.max() - proba.min() < P.CONSTANT_PREDICTION and proba.min() < 0.5 < proba.max() + 0.01
    ax = P.plot_decision_boundary(flat, X, y, ax_())
    lines = [c for c in ax.collections if isinstance(c, ContourSet) and not c.filled]
    assert not lines and "constant prediction" in all_text(ax) and "No boundary" in ax.get_title()


# ---- statistics through depth -----------------------------------------------------------------------------------
@pytest.mark.parametrize("key,theory_key", [("pre_var", "theory_pre_var"), ("grad_var", "theory_grad_var")])
def test_variance_by_depth_with_theory(depth_stats, key, theory_key):
    ax = P.plot_variance_by_depth(depth_stats, ax_(), key=key, label="he")
    measured, theory = lines_labelled(ax, "he")
    np.testing.assert_array_equal(measured.get_xdata(), np.arange(1, 7))
    np.testing.assert_allclose(measured.get_ydata(), depth_stats[key])
    np.testing.assert_allclose(theory.get_ydata(), depth_stats[theory_key])
    assert theory.get_linestyle() == "--" and theory.get_color() == measured.get_color()
    unit = [l for l in ax.lines if l.get_gid() == "unit"]
    assert len(unit) == 1 and list(unit[0].get_ydata()) == [1, 1]
    assert ax.get_yscale() == "log" and "log scale" in ax.get_ylabel()
    lo, hi = ax.get_ylim()
    assert hi / lo >= 99  # at least two decades: a flat curve looks flat


def test_variance_by_depth_forwards_line_style(depth_stats):
    ax = P.plot_variance_by_depth(depth_stats, ax_(), label="LeCun", color="#009E73", lw=7, ms=0, alpha=0.45,
                                  zorder=1)
    measured, theory = lines_labelled(ax, "LeCun")
    assert (measured.get_linewidth(), measured.get_markersize(), measured.get_alpha(), measured.get_zorder()) == (
        7, 0, 0.45, 1)
    assert measured.get_marker() == "o" and theory.get_linewidth() == 2 and theory.get_alpha() is None


def test_both_directions_on_one_axis(depth_stats):
    ax = P.plot_both_directions(depth_stats, ax_())
    np.testing.assert_allclose(lines_labelled(ax, "forward: Var(z)")[0].get_ydata(), depth_stats["pre_var"])
    np.testing.assert_allclose(lines_labelled(ax, "backward")[0].get_ydata(), depth_stats["grad_var"])
    assert len(lines_labelled(ax, "forward: Var(z): theory")) == 1 and "forward and backward" in ax.get_title()
    ax = P.plot_both_directions(depth_stats, ax_(), theory=False)
    assert not [l for l in ax.lines if "theory" in l.get_label()]


def test_variance_by_depth_two_schemes_share_one_reference(depth_stats):
    ax = ax_()
    glorot = E.depth_statistics(depth=6, width=32, init="glorot_normal", activation="relu")
    P.plot_variance_by_depth(depth_stats, ax, label="he_normal", color=P.scheme_color("he_normal"))
    P.plot_variance_by_depth(glorot, ax, label="glorot_normal", color=P.scheme_color("glorot_normal"))
    assert len(ax.lines) == 5  # two measured, two theory, one reference
    assert to_rgba(lines_labelled(ax, "glorot")[0].get_color()) == to_rgba(P.scheme_color("glorot_normal"))
    lo, hi = ax.get_ylim()
    assert lo <= np.min(glorot["pre_var"]) and hi >= np.max(depth_stats["pre_var"])  # rescaled for both


def test_variance_by_depth_overflow_and_zero_are_marked():
    with np.errstate(over="ignore"):  # the theory recursion overflows too (see the report on experiments.py)
        huge = E.depth_statistics(depth=6, width=32, init="normal", init_options={"std": 1e60})
    assert np.isinf(huge["pre_var"][-1])
    zeros = E.depth_statistics(depth=6, width=32, init="zeros")
    ax = ax_()
    P.plot_variance_by_depth(huge, ax, label="huge")
    P.plot_variance_by_depth(zeros, ax, label="zeros")
    top = [l for l in ax.lines if l.get_marker() == "^"]
    bottom = [l for l in ax.lines if l.get_marker() == "v"]
    np.testing.assert_array_equal(top[0].get_xdata(), np.nonzero(~(huge["pre_var"] <= 1e307))[0] + 1)
    np.testing.assert_array_equal(bottom[0].get_xdata(), np.arange(1, 7))
    assert top[0].get_ydata()[0] > 0.9 and bottom[0].get_ydata()[0] < 0.1  # axes fractions: at the edges
    texts = legend_texts(ax)
    assert any("overflow (inf: past 1.8e+308)" in t for t in texts)
    assert any("underflow (0: below 2.2e-308)" in t for t in texts)
    assert P.figure_to_png(ax.figure).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("end, edge", [(1e-300, None), (1e-320, "v"), (0.0, "v"), (1e300, None), (1.5e308, "^"),
                                       (np.inf, "^")])
def test_variance_by_depth_draws_every_float64_and_marks_where_it_ran_out(end, edge):
    """A variance vanishing to 1e-300 or exploding to 1e300 is drawn, on an axis that stays inside float64's range;
    a subnormal or 0 is an underflow on the bottom edge, inf (or past 1e307) an overflow on the top one: no
    warning, no 'math domain error' from a tick label at 0."""
    values = np.r_[np.logspace(0, -300 if end < 1 else 300, 60), end]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = P.new_figure(1, 1, figsize=(6, 4), dpi=80, layout="fixed")
        P.plot_variance_by_depth({"pre_var": values, "theory_pre_var": values}, ax)
        assert P.frame_to_png(fig).startswith(PNG_SIGNATURE)
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    measured = lines_labelled(ax, "measured")[0].get_ydata()
    fine = (values >= 2.2250738585072014e-308) & (values <= 1e307)
    np.testing.assert_array_equal(measured[fine], values[fine])
    assert np.isnan(measured[~fine]).all() and len(labels) >= 2
    lo, hi = ax.get_ylim()
    assert 2.2250738585072014e-308 <= lo and hi <= 1e307 and lo <= values[fine].min() and hi >= values[fine].max()
    marked = [l for l in ax.lines if l.get_gid() == "float64 edge"]
    assert [(l.get_marker(), list(l.get_xdata())) for l in marked] == ([(edge, [61])] if edge else [])


def test_variance_by_depth_of_a_plain_array():
    ax = P.plot_variance_by_depth(np.array([1.0, 2.0, 4.0]), ax_())
    assert len(ax.lines) == 2 and not lines_labelled(ax, "theory")


def test_gradient_stats_from_dict_and_history(depth_stats, trained):
    ax = P.plot_gradient_stats(depth_stats, ax_())
    np.testing.assert_allclose(lines_labelled(ax, "theory")[0].get_ydata(), depth_stats["theory_grad_var"])
    assert "gradient" in ax.get_title()
    _, history = trained
    ax = P.plot_gradient_stats(history, ax_())
    assert [l.get_label() for l in ax.lines] == ["W1", "W2", "W3"]
    np.testing.assert_allclose(ax.lines[2].get_ydata(), history.stat("grad_norm")[:, 2])


def test_activation_histograms_are_normalized():
    stats = E.depth_statistics(depth=6, width=32, init="glorot_normal", activation="tanh")
    ax = P.plot_activation_histograms(stats["hist_samples"], ax_(), activation="tanh")
    assert [l.get_label() for l in ax.lines] == [f"layer {l}" for l in range(1, 7)]
    for line in ax.lines:
        x, density = line.get_xdata(), line.get_ydata()
        assert np.sum(density) * (x[1] - x[0]) == pytest.approx(1.0)  # bin width times heights: area 1
        assert -1 < x.min() and x.max() < 1
    assert len({l.get_color() for l in ax.lines}) == 6 and "tanh" in ax.get_title()


def test_activation_histograms_of_forward_pass_and_deep_nets(trained, circles):
    net, _ = trained
    acts = net.forward(circles[0])[1][1:]
    ax = P.plot_activation_histograms(acts, ax_(), activation="relu")
    labels = [l.get_label() for l in ax.lines]
    share = np.mean(acts[0] == 0)
    assert len(labels) == 2 and labels[0] == f"layer 1 ({share:.0%} at 0)"
    deep = E.depth_statistics(depth=12, width=16, activation="tanh", init="glorot_normal")["hist_samples"]
    ax = P.plot_activation_histograms(deep, ax_())
    assert [l.get_label() for l in ax.lines] == ["layer 1", "layer 3", "layer 5", "layer 8", "layer 10", "layer 12"]


# ---- restarts and the sweep -------------------------------------------------------------------------------------
def test_restart_histogram(circles):
    X, y, Xt, yt = circles
    res = E.train_restarts(X, y, n_restarts=8, epochs=200, X_test=Xt, y_test=yt)
    ax = P.plot_restart_histogram(res, ax_())
    assert sum(p.get_height() for p in ax.patches) == 8
    star = [l for l in ax.lines if l.get_marker() == "*"][0]
    assert star.get_xdata()[0] == res["final_loss"][res["best"]] == res["final_loss"].min()
    spread = np.ptp(res["final_loss"])
    assert ax.get_title().startswith("8 restarts, spread") and f"{spread:.3g}" in ax.get_title()
    ax = P.plot_restart_histogram(res["test_accuracy"], ax_(), xlabel="test accuracy")
    assert [l for l in ax.lines if l.get_marker() == "*"][0].get_xdata()[0] == res["test_accuracy"].max()


def test_restart_histogram_counts_diverged():
    ax = P.plot_restart_histogram(np.array([0.1, 0.2, np.nan, 0.3]), ax_())
    assert "4 restarts" in ax.get_title() and "1 diverged" in ax.get_title()


def test_accuracy_vs_scale(circles):
    X, y, Xt, yt = circles
    sweep = E.scale_sweep(X, y, Xt, yt, schemes=("he_normal", "glorot_normal"), scales=[0.1, 1, 10], n_seeds=2,
                          epochs=100)
    ax = P.plot_accuracy_vs_scale(sweep, ax_())
    for i, scheme in enumerate(sweep["schemes"]):
        (line,) = lines_labelled(ax, scheme)
        np.testing.assert_allclose(line.get_ydata(), sweep["test_accuracy"][i].mean(axis=-1))
        assert to_rgba(line.get_color()) == to_rgba(P.scheme_color(scheme))
    assert len(ax.collections) == 2  # one min-max band per scheme
    assert ax.get_xscale() == "log" and ax.get_ylim() == (0.4, 1.01)
    with pytest.raises(ValueError, match="train_accuracy"):
        P.plot_accuracy_vs_scale(E.scale_sweep(X, y, scales=[1.0], n_seeds=1, epochs=5), ax_())


def test_accuracy_vs_scale_marks_diverged_points(circles):
    X, y, Xt, yt = circles
    sweep = E.scale_sweep(X, y, Xt, yt, schemes=("random_normal",), scales=[0.1, 10], n_seeds=2, epochs=100, lr=10,
                          activation="linear")
    assert sweep["diverged"].all()
    ax = P.plot_accuracy_vs_scale(sweep, ax_(), which="train_accuracy")
    (marks,) = lines_labelled(ax, "diverged")
    np.testing.assert_array_equal(marks.get_xdata(), [0.1, 10])


# ---- weights ----------------------------------------------------------------------------------------------------

def step_bins(ax):
    """The bins of the axes' one filled histogram outline (``histtype="stepfilled"``): left edges, widths, heights.
    Its outline runs (x0, 0), (x0, h0), (x1, h0), (x1, h1), ... (xn, h(n-1)), then back along the bottom."""
    (outline,) = ax.patches
    top = outline.get_xy()
    bins = (len(top) - 1) // 4  # 4·bins + 1 vertices
    heights, lefts, rights = top[1:2 * bins:2, 1], top[1:2 * bins:2, 0], top[2:2 * bins + 1:2, 0]
    assert len(heights) == bins == 60 and (top[0, 1], top[2 * bins, 0]) == (0, rights[-1])
    return lefts, rights - lefts, heights

@pytest.mark.parametrize("name", list(INITIALIZERS))
def test_weight_histogram_matches_its_theory(name):
    ax = P.plot_weight_histogram(name, fan_in=64, fan_out=128, rng=0, ax=ax_())
    init = INITIALIZERS[name]
    assert ax.get_title().startswith(name) and init.source in " ".join(t.get_text() for t in ax.texts).replace(
        "\n", " ")
    theory = lines_labelled(ax, "theory")
    if ax.get_ylabel() == "share of the entries":  # a few distinct values: bars of their shares
        assert sum(p.get_height() for p in ax.patches) == pytest.approx(1.0) and not theory
        return
    lefts, widths, heights = step_bins(ax)
    nonzero = np.mean(init.sample(64, 128, 0) != 0)  # sparse: the entries exactly 0 are a line, not a bar
    assert np.sum(heights * widths) == pytest.approx(nonzero)  # a density histogram of the nonzero entries
    assert bool(lines_labelled(ax, f"{1 - nonzero:.1%} of the entries exactly 0")) == (nonzero < 1)
    (curve,) = theory
    x, pdf = curve.get_xdata(), curve.get_ydata()
    assert np.trapezoid(pdf, x) == pytest.approx(nonzero, abs=0.02)
    centers = lefts + widths / 2
    expected = np.interp(centers, x, pdf)
    assert np.sum(np.abs(heights - expected) * widths) < 0.12  # the draw follows the drawn density


def test_weight_histogram_options_and_scale():
    ax = P.plot_weight_histogram("random_normal", fan_in=64, fan_out=64, ax=ax_(), scale=2.0, stddev=0.5)
    assert "scale 2" in ax.get_title()
    assert any("theory 1," in t for t in legend_texts(ax))  # std 2 × 0.5
    ax = P.plot_weight_histogram("constant", fan_in=8, fan_out=8, ax=ax_(), value=0.3)
    assert [p.get_x() + p.get_width() / 2 for p in ax.patches] == pytest.approx([0.3])


# ---- the course's small experiments -----------------------------------------------------------------------------
def test_gradient_flow_grid(circles):
    X, y = circles[:2]
    result = E.gradient_flow_cases(X, y, steps=2)
    ax = P.plot_gradient_flow(result, ax_(), step=1)
    (image,) = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    for i, case in enumerate(result.values()):  # the colour: log10 of each parameter's largest |gradient|
        s = case[1]
        grads = [np.abs(g) for pair in zip(s["weight_grads"], s["bias_grads"]) for g in pair]
        expected = [np.log10(g.max()) if g.max() > E.GRADIENT_TOLERANCE else np.nan for g in grads]
        np.testing.assert_allclose(np.ma.filled(image.get_array()[i], np.nan), expected)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["W1", "b1", "W2", "b2"]
    texts = [t.get_text() for t in ax.texts]
    # W=0, b=0 on the balanced circles: a stationary point, b2's gradient only round-off (~1e-18)
    assert texts[:3] == ["no\ngradient"] * 3 and texts[3].startswith("no\ngradient\n(") and texts[7] == "1/1\n1e-01"
    assert (image.norm.vmin, image.norm.vmax) == (-10, 0)  # from the tolerance, 1e-10, to 1
    assert "step 2" in ax.get_title()
    # W=0, b random: four distinct units, two up to a positive factor (the sign of their bias)
    assert "distinct units:\n4 (2 up to scale)" in [t.get_text() for t in ax.get_yticklabels()][1]


def test_gradient_flow_says_round_off_is_no_gradient(circles):
    X, y = circles[:2]
    result = E.gradient_flow_cases(X[:64], y[:64], steps=1, cases={"W=0, b=0": dict(init="zeros")})
    result["W=0, b=0"][0]["weight_grads"][0][0, 0] = 3e-17  # round-off of an exact 0
    ax = P.plot_gradient_flow(result, ax_())
    assert [t.get_text() for t in ax.texts][:2] == ["no\ngradient\n(3e-17)", "no\ngradient"]


def test_unit_parameters_heatmap_writes_every_value():
    W, b = np.array([[0.5, -0.25, 0.0], [1.0, 0.5, -1.0]]), np.array([0.1, 0.0, -0.2])
    ax = P.plot_unit_parameters(W, b, ax_(), title="after step 2")
    (image,) = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    np.testing.assert_array_equal(image.get_array(), np.vstack([W, b]))
    assert image.norm.vmin == -1 and image.norm.vmax == 1  # centred on 0
    assert [t.get_text() for t in ax.texts] == [f"{v:.2g}" for v in np.vstack([W, b]).ravel()]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["w from x1", "w from x2", "bias"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["unit 1", "unit 2", "unit 3"]
    assert ax.get_title() == "after step 2"
    P.plot_unit_parameters(np.zeros((2, 4)), np.zeros(4), ax_())  # all zero: no division by zero


def test_symmetry_lines_and_ceilings(circles):
    X, y = circles[:2]
    result = E.symmetry_experiment(X, y, epochs=200, record_every=50)
    ax = P.plot_symmetry(result, ax_())
    for l, width in enumerate(result["widths"]):
        (line,) = [ln for ln in ax.lines if ln.get_label() == f"layer {l + 1}"]
        np.testing.assert_array_equal(line.get_ydata(), result["distinct"][:, l])
        assert [ln for ln in ax.lines if ln.get_linestyle() == "--" and list(ln.get_ydata()) == [width, width]]
    assert (result["distinct"] == 1).all()  # zero init: one distinct unit per layer
    assert ax.get_ylim()[1] > result["widths"].max()


def test_edge_of_chaos_map():
    result = E.edge_of_chaos(np.linspace(0.5, 2.5, 5), np.array([0.0, 0.3, 0.6]), depth=10, width=32)
    ax = P.plot_edge_of_chaos(result, ax_())
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    np.testing.assert_allclose(mesh.get_array().reshape(3, 5), result["grad_ratio"])
    assert mesh.norm.vmin == -mesh.norm.vmax  # diverging colours centred on 0
    (chi_line,) = [c for c in ax.collections if isinstance(c, ContourSet)]
    assert list(chi_line.levels) == [1.0]
    words = all_text(ax)
    assert "ordered" in words and "chaotic" in words and "edge of chaos" in words
    assert not ax.lines
    ax = P.plot_edge_of_chaos(result, ax_(), point=(1.5, 0.3))
    (star,) = ax.lines
    assert star.get_marker() == "*" and (star.get_xdata()[0], star.get_ydata()[0]) == (1.5, 0.3)


def test_logistic_starts_curves():
    X, y = load_moons()[:2]
    result = E.logistic_starts(X, y, epochs=200)
    ax = P.plot_logistic_starts(result, ax_())
    assert [l.get_label() for l in ax.lines] == result["labels"]
    for line, curve in zip(ax.lines, result["loss"]):
        np.testing.assert_allclose(line.get_ydata(), curve)
    assert ax.get_xscale() == "log" and "every start ends at" in all_text(ax)


# ---- figures without pyplot -------------------------------------------------------------------------------------
def test_new_figure_and_png_bytes(trained, circles):
    fig, axes = P.new_figure(2, 2, dpi=50)
    assert axes.shape == (2, 2) and fig.canvas.manager is None  # no pyplot state
    assert plt.get_fignums() == []
    net, history = trained
    P.plot_decision_boundary(net, *circles[:2], axes[0, 0])
    P.plot_loss(history, axes[0, 1])
    png = P.figure_to_png(fig)
    assert png.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (round(5.6 * 2 * 50), round(4.3 * 2 * 50))
    assert int.from_bytes(P.figure_to_png(fig, dpi=100)[16:20], "big") == 2 * width
    fast, ax = P.new_figure(layout=None)
    assert fast.get_layout_engine() is None and P.figure_to_png(fast).startswith(PNG_SIGNATURE)


def test_fixed_layout_figures_for_dashboard_frames(depth_stats):
    fig, axes = P.new_figure(1, 2, figsize=(12, 4.3), dpi=66, layout="fixed", left=0.2)
    assert fig.get_layout_engine() is None and fig.dpi == 66
    params = fig.subplotpars
    assert (params.left, params.right, params.bottom, params.top) == (0.2, 0.98, 0.13, 0.88)
    P.plot_variance_by_depth(np.array([1e-6, 1.0, 1e6]), axes[0])  # twelve decades: no minor ticks
    P.plot_variance_by_depth(depth_stats, axes[1])
    png = P.frame_to_png(fig)
    assert png.startswith(PNG_SIGNATURE) and int.from_bytes(png[16:20], "big") == 12 * 66
    assert not axes[0].yaxis.get_minorticklocs().size and axes[1].yaxis.get_minorticklocs().size
    with pytest.raises(ValueError, match="layout='fixed'"):
        P.new_figure(left=0.2)


def test_plot_message_says_why_a_panel_is_empty():
    ax = P.plot_message("diverged: no activations", ax_())
    assert all_text(ax) == "diverged: no activations " and not ax.lines and not ax.get_xticks().size


def test_ax_none_opens_a_pyplot_figure(trained):
    ax = P.plot_loss(trained[1])
    assert plt.get_fignums() == [ax.figure.number]


def test_activation_histograms_say_when_every_activation_is_zero():
    ax = P.plot_activation_histograms([np.zeros(200), np.zeros(200)], activation="relu")
    assert not ax.lines and any("exactly 0" in t.get_text() for t in ax.texts)
