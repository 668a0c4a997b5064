# %% [markdown]
# # 4. Variance through depth: LeCun, Xavier and He
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F04_variance_through_depth.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Notebook 3 found a good range of scales for a small network by trial and error. Where does that range come from,
# and what happens in a network of 50 layers, where a bad scale is raised to the 50th power? One line of algebra
# answers both: the variance of a unit's output is its fan-in times the weights' variance times the input's
# variance. Keep that product at 1 in every layer and the signal survives any depth. That is the whole idea behind
# the rules of LeCun, of Glorot & Bengio (Xavier) and of He.

# %% [markdown]
# ## Learning objectives
# By the end of this notebook you can
# - derive Var(y) = n Var(w) Var(x) for one unit and check it numerically;
# - predict how the variance grows or vanishes through 10 and 50 layers with standard-normal, LeCun, Xavier/Glorot
#   and He weights, under linear, tanh and relu units;
# - explain He's factor 2 for relu, and why Xavier averages fan-in and fan-out (the backward pass);
# - read per-layer activation histograms the way Glorot & Bengio (2010) did.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import json
import pathlib

import matplotlib.pyplot as plt
import numpy as np

from weightlab import get_initializer, initialize
from weightlab.exercises import check, progress
from weightlab.experiments import depth_statistics
from weightlab.plots import plot_activation_histograms, plot_gradient_stats, plot_variance_by_depth
from weightlab.theory import chaos_chi, theory_variance, variance_fixed_point
from weightlab.widgets import DepthDashboard

SEED = 0
# the runs too long for a notebook, saved by scripts/long_runs.py (one folder up from the teacher edition)
SAVED = pathlib.Path("data") if pathlib.Path("data").is_dir() else pathlib.Path("../data")
plt.rcParams["figure.dpi"] = 80
rng = np.random.default_rng(SEED)

# %% [markdown]
# ## One unit: Var(y) = n Var(w) Var(x)
# A unit computes $y = w_1 x_1 + \dots + w_n x_n$. Take all the $w_i$ and $x_i$ independent, the weights with mean 0.
# For one product, independence lets the expectation split:
#
# $$\mathrm{Var}(w_i x_i) = E[w_i^2 x_i^2] - \big(E[w_i]\,E[x_i]\big)^2
#   = E[w_i^2]\,E[x_i^2] = \mathrm{Var}(w_i)\,E[x_i^2].$$
#
# The variance of a sum of independent terms is the sum of their variances, so with $n$ identically distributed
# terms
#
# $$\mathrm{Var}(y) = n\,\mathrm{Var}(w)\,E[x^2] \;=\; n\,\mathrm{Var}(w)\,\mathrm{Var}(x) \quad\text{when } E[x] = 0.$$
#
# A layer multiplies the variance by $n\,\mathrm{Var}(w)$, so $L$ linear layers multiply it by
# $(n\,\mathrm{Var}(w))^L$: anything but 1 explodes or vanishes exponentially with depth. The first form,
# with $E[x^2]$, is the one we need after a relu, whose outputs are not centred (He et al. 2015 make this point).
#
# > **Predict before you run.** With n = 256 inputs of variance 1, what is Var(y) for weights of variance 1/256?
# > For He's 2/256? For standard-normal weights?

# %%
# NBVAL_CHECK_OUTPUT
# check Var(y) = n Var(w) Var(x): 2000 inputs of width 256 through 500 units with freshly drawn weights
n = 256
x = rng.standard_normal((2000, n))
for name, weight_var in (("Var(w) = 1/n (LeCun)", 1 / n), ("Var(w) = 2/n (He)", 2 / n), ("Var(w) = 1 (N(0, 1))", 1.0)):
    w = rng.standard_normal((n, 500)) * np.sqrt(weight_var)
    y = x @ w
    print(f"{name:22s} measured Var(y) = {y.var():6.2g}    n·Var(w)·Var(x) = {n * weight_var * x.var():6.2g}")

# %% [markdown]
# ## The three rules
# Each rule picks Var(w) so that one factor of the chain is 1. Their entries in WeightLab's `INITIALIZERS` table state
# the variance, and where it comes from:

# %%
# LeCun, Xavier/Glorot and He from the initializer table: the variance, n·Var(w) for a 256 x 256 layer, the source
for name in ("lecun_normal", "glorot_normal", "he_normal"):
    init = get_initializer(name)
    variance = init.variance_formula  # "Var = ...", as the table states it
    print(f"{name:14s} {variance:28s} fan_in·Var(w) = {256 * init.variance(256, 256):.3g}")
    print(f"{'':14s} {init.source.split(';')[0]}")

# %% [markdown]
# - **LeCun** (LeCun et al. 1998): Var(w) = 1/fan_in, so n·Var(w) = 1: exact for linear units, and for tanh near 0.
# - **He** (He et al. 2015): Var(w) = 2/fan_in. A relu sets half of its inputs to 0, so
#   $E[\mathrm{relu}(z)^2] = \mathrm{Var}(z)/2$; the factor 2 gives the half back.
# - **Xavier/Glorot** (Glorot & Bengio 2010): Var(w) = 2/(fan_in + fan_out), a compromise between the forward pass,
#   which wants 1/fan_in, and the backward pass, which wants 1/fan_out (below). In a square layer it equals LeCun's.

# %% [markdown]
# ## Ten layers and fifty layers
# `depth_statistics` pushes 128 standard-normal inputs through a chain of 50 square layers of width 256, without any
# training (few inputs, to keep the notebook fast: each variance is still an average over 128 × 256 numbers), and
# measures each layer's pre-activation variance Var(z), its activations, and the variance of a gradient
# sent backwards from the top. `theory_variance` runs the recursion of the algebra above, layer after layer, with
# $E[\varphi(z)^2]$ for the activation φ: that is the dashed *theory* line in the figures.
#
# > **Predict before you run.** For 50 relu layers: which scheme keeps the variance steady, which one halves it at
# > every layer, and which one blows it up? And for 50 linear layers?

# %%
# NBVAL_CHECK_OUTPUT
# the variance of the pre-activations of layer 10 and layer 50, for four schemes under three activations
schemes = {"standard normal": ("random_normal", {"stddev": 1.0}), "LeCun": ("lecun_normal", {}),
           "Xavier/Glorot": ("glorot_normal", {}), "He": ("he_normal", {})}
activations = ("linear", "tanh", "relu")
results = {}
lines = [f"{'Var(z) at layer':16s}" + "".join(f"{act + ' 10':>12s}{act + ' 50':>12s}" for act in activations)]
for label, (scheme, options) in schemes.items():
    row = f"{label:16s}"
    # one draw of the 50 weight matrices serves all three activations (the weights do not depend on them)
    by_activation = depth_statistics(depth=50, width=256, init=scheme, activation=activations, init_options=options,
                                     n_samples=128, seed=SEED)
    for act, stats in by_activation.items():
        results[label, act] = stats
        row += f"{stats['pre_var'][9]:12.2g}{stats['pre_var'][49]:12.2g}"
    lines.append(row)
print("\n".join(lines))

# %%
# the same table from the theory alone: theory_variance runs the mean-field recursion for 50 layers of width 256
lines = [f"{'theory':16s}" + "".join(f"{act + ' 10':>12s}{act + ' 50':>12s}" for act in activations)]
for label, (scheme, options) in schemes.items():
    weight_var = get_initializer(scheme).variance(256, 256, **options)
    row = f"{label:16s}"
    for act in activations:
        q = theory_variance(50, act, weight_var, fan_in=256)
        row += f"{q[9]:12.2g}{q[49]:12.2g}"
    lines.append(row)
print("\n".join(lines))

# %%
# forward variance through 50 layers: measured (solid, dots) and theory (dashed)
colors = {"standard normal": "#888888", "LeCun": "#009E73", "Xavier/Glorot": "#E69F00", "He": "#0072B2"}
fig, axes = plt.subplots(1, 3, figsize=(17, 4.8), layout="constrained")
for ax, act in zip(axes, activations):
    for label, color in colors.items():  # LeCun lies under Xavier (equal in square layers): drawn wide underneath
        wide_underneath = dict(lw=7, ms=10, alpha=0.45, zorder=1) if label == "LeCun" else {}
        plot_variance_by_depth(results[label, act], ax=ax, label=label, color=color, **wide_underneath)
    ax.set_title(f"{act}: Var(z) through 50 layers", fontsize=14)
    ax.get_legend().remove()
    if act != "tanh":  # zoom in: the standard-normal line leaves through the top
        ax.set_ylim(1e-18, 1e18)
        top = results["standard normal", act]["pre_var"][49]
        ax.text(0.97, 0.06 if act == "linear" else 0.94, f"standard normal: off the top\n({top:.1e} at layer 50)",
                transform=ax.transAxes, ha="right", va="bottom" if act == "linear" else "top", fontsize=11,
                color="#555555")
handles, labels = axes[0].get_legend_handles_labels()
keep = [i for i, text in enumerate(labels) if text in colors]
fig.legend([handles[i] for i in keep], [labels[i] for i in keep], loc="outside upper center", ncols=4,
           fontsize=12, title="solid: measured, dashed: theory (LeCun = Xavier in square layers)", title_fontsize=12)
plt.show()

# %% [markdown]
# What the table and the figure say:
# - **Standard-normal weights** multiply the variance by n = 256 in every linear layer, 10¹²⁰ after 50, and by
#   n/2 = 128 in every relu layer after the first, since a relu keeps half of the second moment: 256 · 128⁹ ≈ 2.4·10²¹
#   at layer 10 in theory. Under tanh the outputs cannot grow past ±1, so Var(z) stays near 256 · E[tanh²] ≈ 240: every unit
#   is saturated (the histograms below).
# - **Linear**: LeCun (and Xavier, equal here) keeps Var(z) at 1 through 50 layers; He doubles it in every layer,
#   10¹⁵ at layer 50.
# - **Relu**: the other way round. A relu zeroes half its inputs, so LeCun halves the variance in every layer
#   (0.5⁴⁹ ≈ 2·10⁻¹⁵ at layer 50 in theory, 2·10⁻¹⁶ in this network) and He's factor 2 holds it steady. It holds
#   at 2, not 1: layer 1 sees the raw standard-normal input, which no relu has halved yet. One network of finite width
#   wanders around the theory line by a factor of a few (0.22 at layer 50 here): the theory describes the average
#   over many networks (next cell).
# - **Tanh** is almost linear near 0 and flatter further out, so each layer loses a little. With LeCun/Xavier the
#   loss is slow, the variance falls roughly like 1/(2l) at layer l instead of exponentially (0.059 at layer 10,
#   0.011 at layer 50); He's larger weights settle at a fixed level (0.64). The histograms below show what PyTorch's *gain*
#   for tanh, 5/3, does about it.

# %%
# He under relu: Var(z) at layer 50 for eight more networks (seeds 1 to 8; 32 inputs each, to keep this cell fast)
layer_50 = [depth_statistics(depth=50, width=256, init="he_normal", activation="relu", n_samples=32,
                             seed=seed)["pre_var"][49] for seed in range(1, 9)]
print("Var(z) at layer 50:", ", ".join(f"{v:.2g}" for v in layer_50))
print(f"mean over the nine networks (with seed 0): {np.mean(layer_50 + [results['He', 'relu']['pre_var'][49]]):.2g}"
      f"   theory: {results['He', 'relu']['theory_pre_var'][49]:.2g}")

# %% [markdown]
# ## Histograms, layer by layer
# Glorot & Bengio (2010, Fig. 6) looked at the distribution of the activations in each layer of a tanh network. Here
# are ten tanh layers of width 256 with the two initializations they compared and two more, and two relu chains:
# - standard-normal weights;
# - the "standard" initialization of the time, uniform on ±1/√fan_in (Var = 1/(3·fan_in)), which is also PyTorch's
#   default for `nn.Linear` (`pytorch_linear` in the table);
# - Xavier/Glorot, the normalized initialization they proposed;
# - Xavier times 5/3, PyTorch's recommended gain for tanh (`xavier_normal` with `gain=5/3`);
# - and for relu, LeCun against He.
#
# > **Predict before you run.** Which of the four tanh chains has almost all of layer 10's activations at ±1, and
# > which one has them all squeezed near 0?

# %%
# activation histograms of layers 1 to 10, Glorot & Bengio style (layer 1 dark, layer 10 light)
panels = {"tanh, standard normal N(0, 1)": ("tanh", "random_normal", {"stddev": 1.0}),
          "tanh, uniform ±1/√fan_in": ("tanh", "pytorch_linear", {}),
          "tanh, Xavier/Glorot": ("tanh", "glorot_normal", {}),
          "tanh, Xavier × gain 5/3": ("tanh", "xavier_normal", {"gain": 5 / 3}),
          "relu, LeCun": ("relu", "lecun_normal", {}),
          "relu, He": ("relu", "he_normal", {})}
fig, axes = plt.subplots(2, 3, figsize=(17, 9), layout="constrained")
histograms = {}
for ax, (title, (act, scheme, options)) in zip(axes.flat, panels.items()):
    stats = depth_statistics(depth=10, width=256, init=scheme, activation=act, init_options=options,
                             n_samples=128, seed=SEED)
    histograms[title] = stats
    plot_activation_histograms(stats["hist_samples"], ax=ax, activation=act, layers=[1, 2, 4, 6, 8, 10])
    ax.set_title(title, fontsize=14)
    if act == "relu":
        ax.set_xlim(0, 3)  # the same x range in both relu panels, so that LeCun's shrinking shows
plt.show()

# %%
# the variance of the activations φ(z) in layers 1 and 10 of each panel
for title, stats in histograms.items():
    print(f"{title:30s} Var(φ(z)): layer 1 {stats['act_var'][0]:6.2g}   layer 10 {stats['act_var'][9]:8.2g}")

# %% [markdown]
# - **Standard normal**: tanh is saturated from the first layer on; every histogram is two spikes at ±1, where the
#   slope is about 0 (notebook 3's picture, in every layer).
# - **Uniform ±1/√fan_in** does the opposite. Its variance is 1/(3·fan_in), so each layer multiplies the variance by
#   about 1/3, and by layer 10 every activation is squeezed against 0 (Glorot & Bengio saw the gradients shrink layer
#   after layer too).
# - **Xavier** keeps the activations spread much longer, though under tanh they still narrow slowly, as in the table
#   above. Multiplying it by PyTorch's tanh *gain* 5/3 (`calculate_gain("tanh")`) holds the distribution steady from
#   layer 2 on: the slightly larger weights make up for what tanh's flattening takes away, at the price of a few
#   saturated units, and of something the histograms cannot show (next cell).
# - **Relu**: He keeps the same distribution in every layer, while LeCun's loses half its variance in each one.

# %%
# NBVAL_CHECK_OUTPUT
# where a deep tanh chain settles (q*, the fixed point of the variance map) and how much each layer multiplies the
# gradient's variance going backwards there (χ, notebook 7): Xavier times 5/3, and He's 2/fan_in, on tanh
for label, sigma_w in (("Xavier × 5/3 (σ_w = 5/3)", 5 / 3), ("He on tanh (σ_w = √2)", np.sqrt(2))):
    chi = chaos_chi(sigma_w, 0.0, "tanh")
    print(f"{label:25s} q* = {variance_fixed_point(sigma_w, 0.0, 'tanh'):.3g}, χ = {chi:.3g}, "
          f"χ¹⁰ = {chi**10:.3g}")

# %% [markdown]
# Both gains hold the forward signal at a steady, non-zero variance (q* = 1.18 and 0.618), and both pay for it
# backwards: at that variance each layer multiplies the gradient's variance by χ = 1.21 (1.11 for He), so ten layers
# multiply it by 6.7 (2.7). Notebook 7 calls this side of χ = 1 the *chaotic* phase. The gain trades a steady forward
# signal for slowly growing gradients, which a deep enough tanh net notices; Xavier alone (σ_w = 1) sits exactly at
# the edge, where the forward variance creeps towards 0 instead.

# %% [markdown]
# ## The mean, too: relu's shift, and all-positive weights
# A relu outputs only positive numbers, so its outputs have a positive *mean*: for z ~ N(0, q), E[relu(z)] = √(q/2π),
# and the variance of the output is q/2 − q/2π, not q/2. He et al. derive their rule from the second moment
# E[relu(z)²] = q/2, which counts the mean and the variance together: the next layer's weights, of mean 0, turn both
# into variance, so the mean does no harm. That changes if the weights have a mean of their own. One of the articles
# this course builds on suggests "small random numbers in [0, 0.1]": all positive, mean 0.05. Compare it with the
# zero-mean draw of the same width, U(−0.05, 0.05), through 10 relu layers of width 256.
#
# > **Predict before you run.** Both draws are "small". Which one vanishes through 10 relu layers, and which one
# > explodes?

# %%
# NBVAL_CHECK_OUTPUT
# per-layer mean and variance of the activations: He (with relu's theory), and the two small uniform draws
chains = {"He": ("he_normal", {}), "U(0, 0.1)": ("random_uniform", {"minval": 0.0, "maxval": 0.1}),
          "U(−0.05, 0.05)": ("random_uniform", {"minval": -0.05, "maxval": 0.05})}
shift = {name: depth_statistics(depth=10, width=256, init=scheme, activation="relu", init_options=options,
                                n_samples=256, seed=SEED) for name, (scheme, options) in chains.items()}
q = shift["He"]["pre_var"]
print("He, layers 1 to 4:  mean", np.round(shift["He"]["act_mean"][:4], 2), " theory √(q/2π)",
      np.round(np.sqrt(q / (2 * np.pi))[:4], 2))
print("                    var ", np.round(shift["He"]["act_var"][:4], 2), " theory q/2 − q/2π",
      np.round((q / 2 - q / (2 * np.pi))[:4], 2))
for name in ("U(0, 0.1)", "U(−0.05, 0.05)"):
    print(f"{name:15s} mean of layers 1, 5, 10: " + ", ".join(f"{m:.3g}" for m in shift[name]["act_mean"][[0, 4, 9]]))

# %%
# the mean next to the variance, layer by layer (log scale)
fig, axes = plt.subplots(1, 2, figsize=(15, 4.6), layout="constrained")
colors = {"He": "#0072B2", "U(0, 0.1)": "#D55E00", "U(−0.05, 0.05)": "#009E73"}
for ax, key, title in zip(axes, ("act_mean", "act_var"), ("mean of the activations", "variance of the activations")):
    for name, stats in shift.items():
        ax.plot(np.arange(1, 11), stats[key], "o-", lw=2.2, color=colors[name], label=name)
    ax.set_yscale("log")
    ax.set_xlabel("layer", fontsize=12.5)
    ax.set_title(f"10 relu layers of width 256: {title}", fontsize=14)
    ax.legend(fontsize=11)
plt.show()

# %% [markdown]
# He's chain keeps both the mean (about 0.55) and the variance (about 0.6) steady, and both match relu's formulas.
# The all-positive U(0, 0.1) explodes through its mean: every unit sums 256 positive inputs with weights of mean 0.05,
# so each layer multiplies the mean by about 256 × 0.05 = 12.8 (0.356, then 9.5·10³ at layer 5 and 3.3·10⁹ at layer
# 10). The zero-mean draw of the same width vanishes instead: fan_in·E[w²]/2 = 256 × 0.1²/12 / 2 ≈ 0.11 per layer.
# "Small and positive" is two mistakes at once; zero mean and the right variance is what every rule of notebook 5
# does.

# %% [markdown]
# ## Backwards: the gradient's variance
# Backpropagation sends the gradient δ = ∂L/∂z back through the same weights, in code
# `delta_prev = (delta @ W.T) * phi_prime(z_prev)`. Each unit of layer l − 1 now sums over the **fan_out** units it
# feeds, so the same algebra gives
#
# $$\mathrm{Var}(\delta_{l-1}) = \text{fan\_out}\cdot\mathrm{Var}(w)\cdot E[\varphi'(z)^2]\cdot\mathrm{Var}(\delta_l).$$
#
# For relu, $E[\varphi'(z)^2] = 1/2$ (the slope is 1 for half the units, 0 for the others): He's factor 2 works
# backwards too, LeCun's rule loses half the gradient's variance in every layer.

# %%
# NBVAL_CHECK_OUTPUT
# the gradient's variance at layer 1, for a gradient of variance 1 arriving at layer 50 (relu)
for label in schemes:
    stats = results[label, "relu"]
    print(f"{label:16s} Var(∂L/∂z) at layer 1 = {stats['grad_var'][0]:8.2g}   "
          f"(theory {stats['theory_grad_var'][0]:.2g})")

# %%
# gradient variance backwards through 50 relu layers: He vs LeCun (the gradient enters at layer 50, on the right)
fig, axes = plt.subplots(1, 2, figsize=(14, 4.4), layout="constrained")
plot_gradient_stats(results["He", "relu"], ax=axes[0])
axes[0].set_title("relu, He: the gradient reaches layer 1", fontsize=14)
plot_gradient_stats(results["LeCun", "relu"], ax=axes[1])
axes[1].set_title("relu, LeCun: the gradient vanishes", fontsize=14)
plt.show()

# %% [markdown]
# With He the gradient arrives at layer 1 with a variance of the same order as at the top (0.38 here: the same
# finite-width wandering as forward). With LeCun it arrives with 10⁻¹⁵ of it: the first layers would not learn at all.
# Under relu, the rule that keeps the forward signal steady also keeps the backward gradient steady, in square layers.

# %% [markdown]
# ## Xavier's compromise: when fan_in ≠ fan_out
# In the square layers above, forward and backward want the same variance. Real networks change width, often
# narrowing towards the output. Take six **linear** layers that halve the width each time, 512 → 256 → … → 8. Per
# layer the forward pass multiplies the variance by fan_in·Var(w), the backward pass by fan_out·Var(w) = half of
# that. No single Var(w) makes both 1:
# - fan_in (LeCun): forward exactly 1, backward 1/2 per layer, (1/2)⁶ = 1/64 in all;
# - fan_out: backward exactly 1, forward 2 per layer, 64 in all;
# - fan_avg (Xavier, 2/(fan_in + fan_out)): forward 4/3 and backward 2/3 per layer, about 5.6 and 1/11.4 in all.
#
# Xavier gives up exactness in both directions to keep the worst drift small. Let us measure it. Keras'
# `variance_scaling` initializer has a `mode` for each choice:

# %%
# NBVAL_CHECK_OUTPUT
# forward Var(z_6)/Var(x) and backward Var(∂L/∂x)/Var(∂L/∂z_6) through six linear layers 512 -> 256 -> ... -> 8
widths = [512, 256, 128, 64, 32, 16, 8]


def funnel_variances(mode):
    """Forward Var(z_l) and backward Var(∂L/∂(input of layer l)) of a linear chain of ``widths`` (2000 samples)."""
    stats = depth_statistics(depth=None, width=widths, init="variance_scaling", activation="linear",
                             n_samples=2000, seed=SEED, init_options={"mode": mode, "distribution": "untruncated_normal"})
    # the input of layer 1 is x; the input of layer l + 1 is layer l's output, whose gradient is ∂L/∂z_l (linear)
    return stats["pre_var"], np.r_[stats["input_grad_var"], stats["grad_var"][:-1]]


funnel, funnel_theory = {}, {}
lines = [f"{'mode':9s} {'forward':>9s} {'theory':>8s} {'backward':>10s} {'theory':>8s}"]
for mode in ("fan_in", "fan_out", "fan_avg"):
    funnel[mode] = funnel_variances(mode)
    var = [get_initializer("variance_scaling").variance(i, o, mode=mode) for i, o in zip(widths[:-1], widths[1:])]
    forward_factors = [n_in * v for n_in, v in zip(widths[:-1], var)]  # fan_in·Var(w), per layer
    backward_factors = [n_out * v for n_out, v in zip(widths[1:], var)]  # fan_out·Var(w), per layer
    funnel_theory[mode] = (np.cumprod(forward_factors), np.cumprod(backward_factors[::-1])[::-1])
    (fwd, bwd), (theory_fwd, theory_bwd) = funnel[mode], funnel_theory[mode]
    lines.append(f"{mode:9s} {fwd[-1]:9.2g} {theory_fwd[-1]:8.2g} {bwd[0]:10.2g} {theory_bwd[0]:8.2g}")
print("\n".join(lines))

# %%
# forward and backward variance through the narrowing chain, measured (dots) and theory (dashed)
fig, axes = plt.subplots(1, 2, figsize=(14, 4.6), layout="constrained")
for mode, color in zip(funnel, ("#009E73", "#CC79A7", "#E69F00")):
    label = {"fan_in": "fan_in (LeCun)", "fan_out": "fan_out", "fan_avg": "fan_avg (Xavier)"}[mode]
    forward_theory, backward_theory = funnel_theory[mode]
    plot_variance_by_depth({"pre_var": funnel[mode][0], "theory_pre_var": forward_theory}, ax=axes[0],
                           label=label, color=color)
    plot_variance_by_depth({"grad_var": funnel[mode][1], "theory_grad_var": backward_theory}, key="grad_var",
                           ax=axes[1], label=label, color=color)
axes[0].set_title("Forward: Var(z) after layer l", fontsize=14)
axes[1].set_title("Backward: Var(∂L/∂input) of layer l", fontsize=14)
axes[1].set_ylabel("Var(∂L/∂input) (log scale)", fontsize=12.5)
for ax in axes:
    ax.set_xlabel("layer l (widths 512 → 256 → … → 8)", fontsize=12.5)
    ax.get_legend().remove()
handles, labels = axes[0].get_legend_handles_labels()
keep = [i for i, text in enumerate(labels) if "theory" not in text and "variance 1" not in text]
fig.legend([handles[i] for i in keep], [labels[i] for i in keep], loc="outside upper center", ncols=3, fontsize=12,
           title="mode of variance_scaling (dots: measured, dashed: theory)", title_fontsize=12)
plt.show()

# %% [markdown]
# Each mode is exact in the direction it was built for and off by the product of the width ratios in the other. The
# average sits in between: its worst drift, about 11 backwards, is far smaller than the 64 of either pure choice.
# That is what Glorot & Bengio proposed, and why Keras' default initializer for dense layers is `glorot_uniform`.

# %% [markdown]
# ## A short history of the first weights
# - **1998**: LeCun, Bottou, Orr & Müller (*Efficient BackProp*): standardize the inputs and draw weights with
#   variance 1/fan_in, so that a tanh-like unit starts in its linear range.
# - **2010**: Glorot & Bengio measure the activations and gradients of deep tanh nets layer by layer (the histograms
#   above) and propose 2/(fan_in + fan_out).
# - **2012**: AlexNet (Krizhevsky, Sutskever & Hinton) draws every weight from N(0, 0.01²), one fixed size for every
#   layer, and trains 8 layers.
# - **2014**: VGG (Simonyan & Zisserman) cannot start its 16- and 19-layer nets from N(0, 0.01²): it trains an
#   11-layer net first and copies its layers into the deeper ones (and notes afterwards that Glorot's rule works
#   without the detour).
# - **2015**: He, Zhang, Ren & Sun derive 2/fan_in for relu and train a 30-layer plain relu net that Xavier's rule
#   leaves stuck (their Figure 3); ResNets (He et al. 2016) start from the same rule.
# - **2016 on**: LSUV, the edge of chaos, and initializations that depend on the depth (notebook 7).
#
# The 30-layer result at our scale: a relu MLP of 30 layers of width 64 on the digits (notebook 8's real data), from
# std 0.01 (AlexNet's), Xavier and He, each at two learning rates, 8 epochs of minibatches. Those runs take about 20
# seconds, so `scripts/long_runs.py` ran them once and saved them in `data/deep30_digits.json` (a test re-trains
# their first epoch); the signal at the start is computed here.
#
# > **Predict before you run.** After 30 relu layers, how large is the signal from each start?

# %%
# NBVAL_CHECK_OUTPUT
# 30 relu layers of width 64: the signal at the start, and the saved training runs on the digits
deep30 = json.loads((SAVED / "deep30_digits.json").read_text())["runs"]
for name, scheme, options in (("std 0.01", "random_normal", {"stddev": 0.01}), ("Xavier", "glorot_normal", {}),
                              ("He", "he_normal", {})):
    start = depth_statistics(depth=30, width=64, init=scheme, activation="relu", init_options=options, n_samples=256,
                             seed=SEED)
    runs = deep30[name]
    best_lr = min(runs, key=lambda lr: runs[lr]["loss"][-1])
    print(f"{name:9s} Var(z) at layer 30 at the start: {start['pre_var'][-1]:8.2g}   after 8 epochs (lr {best_lr}): "
          f"loss {runs[best_lr]['loss'][0]:.2f} -> {runs[best_lr]['loss'][-1]:.2f}, best test accuracy "
          f"{max(runs[best_lr]['test_accuracy']):.2f}")
print(f"chance level: loss log 10 = {np.log(10):.2f}")

# %%
# the saved runs: loss per epoch, each start at both learning rates
fig, ax = plt.subplots(figsize=(9, 4.6), layout="constrained")
for (name, runs), color in zip(deep30.items(), ("#888888", "#E69F00", "#0072B2")):
    for lr, style in zip(runs, ("--", "-")):
        ax.plot(np.arange(1, 9), runs[lr]["loss"], style, lw=2.4, marker="o", color=color, label=f"{name}, lr {lr}")
ax.axhline(np.log(10), color="0.45", lw=1.2, ls=":", label="log 10: chance")
ax.set_xlabel("epoch", fontsize=12.5)
ax.set_ylabel("training loss", fontsize=12.5)
ax.set_title("30 relu layers on the digits: only He's start learns", fontsize=14)
ax.legend(fontsize=10.5, ncols=2)
plt.show()

# %% [markdown]
# From std 0.01 the signal is gone after a few layers, and from Xavier's 1/fan_in it halves in every relu layer,
# 2⁻³⁰ ≈ 10⁻⁹ after 30: both nets output the same near-uniform probabilities for every image and sit at log 10, at
# either learning rate. He's start keeps the signal, and its loss falls from 2.29 to 1.39 in 8 epochs. This is the
# very beginning of training (the test accuracy is still jumping around), but the difference is the one He et al.
# reported: not a slower start, no start at all.

# %% [markdown]
# ## Dashboard: variance through depth
# Choose the depth (up to 100 layers), the width, the activation, the scheme and the scale. The left panel shows the
# forward variance and the backward gradient variance with their theory lines; the right one the histograms. The
# readout says whether layer L's variance is steady, exploding or vanishing, and when it has left float64's range
# altogether (below 2.2 · 10⁻³⁰⁸ it is stored as 0, above 1.8 · 10³⁰⁸ as inf: the plot marks those layers on its
# bottom and top edges). Try:
# - relu with `he_normal`, then `lecun_normal`, at 100 layers;
# - tanh with `glorot_normal`, then with the scale at 5/3 ≈ 1.67 (PyTorch's tanh gain);
# - a width of 10 instead of 100 with He: the theory still holds on average, one narrow network wanders far from it;
# - tick *batch norm* (notebook 7) and set a terrible scale like 0.01 or 30;
# - 100 relu layers at scale 0.03: at which layer does the signal underflow to exactly 0?

# %%
# the depth dashboard
depth_lab = DepthDashboard(depth=30, width=100, activation="relu", scheme="he_normal")
depth_lab

# %% [markdown]
# *Reading without a running kernel?* Here is the dashboard's first picture (30 relu layers with He's weights).

# %%
# the dashboard's first picture, for readers without a running kernel
depth_lab.snapshot()

# %% [markdown]
# ## Summary
# - One unit: Var(y) = n · Var(w) · E[x²]. A layer multiplies the variance by that factor; L layers raise it to the
#   power L, so anything but 1 explodes or vanishes exponentially.
# - LeCun, Var(w) = 1/fan_in, keeps linear layers steady; under tanh the variance decays slowly, about like 1/(2l)
#   (0.059 at layer 10, 0.011 at layer 50), and the 5/3 gain steadies it at the cost of gradients growing 1.21× per
#   layer. He, 2/fan_in, keeps relu layers steady, because relu zeroes half its inputs. Standard-normal weights
#   explode (or saturate tanh) at once.
# - The backward pass obeys the same rule with fan_out. Xavier/Glorot's 2/(fan_in + fan_out) splits the difference
#   when the two differ.
# - The mean-field theory line predicts the measured curves; a single finite network wanders around it.

# %% [markdown]
# ## Exercises
# **Exercise 1.** A linear layer has 100 inputs of variance 1 and weights of standard deviation 0.2. What is the
# variance of its outputs? Give 2 significant figures.

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number (2 significant figures)
### BEGIN SOLUTION
answer_1 = 100 * 0.2**2 * 1  # n · Var(w) · Var(x)
### END SOLUTION
check("depth.one_layer_variance", answer_1)

# %% [markdown]
# **Exercise 2.** Twenty relu layers of width 256 use LeCun's rule, Var(w) = 1/fan_in. By what factor has the
# pre-activation variance shrunk from layer 1 to layer 20 (in theory)? Give Var(z₂₀) / Var(z₁) to 3 significant
# figures. You may use `theory_variance(depth, activation, weight_var, fan_in)` to check.

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
q = theory_variance(20, "relu", 1 / 256, 256)
answer_2 = q[-1] / q[0]  # relu halves E[z²] at each of the 19 steps from z₁ to z₂₀: 0.5 ** 19
### END SOLUTION
check("depth.lecun_relu_decay", answer_2)

# %% [markdown]
# **Exercise 3.** A linear layer has fan_in = 512 and fan_out = 256 and Xavier/Glorot weights. By what factor does it
# multiply the variance of the signal going *forward*? Give 3 significant figures.

# %%
# Exercise 3: your answer
answer_3 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
answer_3 = 512 * 2 / (512 + 256)  # fan_in · Var(w), with Var(w) = 2 / (fan_in + fan_out)
### END SOLUTION
check("depth.xavier_forward_factor", answer_3)

# %% [markdown]
# **Exercise 4 (code).** Write the recursion of this notebook yourself: `predicted_variance(depth, activation,
# weight_var, fan_in)` returns the array (q₁, …, q_depth) of the pre-activation variances of a chain of `depth` layers
# of width `fan_in`, with weights of variance `weight_var`, inputs of variance 1 and zero biases, for `activation`
# `"linear"` or `"relu"`. q₁ comes from the inputs themselves; every later layer multiplies fan_in · weight_var by
# E[φ(z)²] of the layer below. The check compares with weightlab's `theory_variance` on chains of 1 to 50 layers.

# %%
# Exercise 4: write predicted_variance, then run this cell to check it
def predicted_variance(depth, activation, weight_var, fan_in):
    """(q₁, ..., q_depth): Var(z) of each layer of a linear or relu chain, inputs of variance 1, shape (depth,)."""
    ### BEGIN SOLUTION
    q = np.empty(depth)
    q[0] = fan_in * weight_var * 1.0  # the first layer sees the inputs, variance 1
    for l in range(1, depth):
        second_moment = q[l - 1] / 2 if activation == "relu" else q[l - 1]  # E[φ(z)²] for z ~ N(0, q)
        q[l] = fan_in * weight_var * second_moment
    return q
    ### END SOLUTION


check("depth.predicted_variance_code", predicted_variance)


# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(4)
