# %% [markdown]
# # 7. Beyond: batch norm, depth, the edge of chaos and LSUV
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F07_beyond.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# The rules of notebooks 4 and 5 fix the variance once, before training, from the layer sizes and the activation.
# This last notebook looks at four ideas that go further:
# **batch normalization** re-normalizes every layer on every batch, so the start matters much less;
# **depth-aware scales** account for how sharply a deep network punishes a scale that is slightly off, and shrink
# residual branches as the network grows deeper;
# the **edge of chaos** maps which weight and bias scales let both the signal and the gradient cross a deep tanh
# network;
# and **LSUV** measures each layer's variance on real data instead of predicting it from a formula.

# %% [markdown]
# ## Learning objectives
# By the end of this notebook you can
# - show that batch normalization holds every layer's variance at 1 whatever the init scale, and say what it does
#   not fix;
# - explain why the range of good init scales narrows as a network gets deeper, and why the critical scale depends
#   on the activation;
# - say why residual branches are scaled down with depth (1/√L; Fixup);
# - read the order-to-chaos phase diagram of a deep tanh network and find its edge, χ = 1;
# - run LSUV, a data-dependent init, and compare it with a badly scaled start.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import json
import pathlib

import matplotlib.pyplot as plt
import numpy as np

from weightlab import MLP, initialize, load_circles
from weightlab.exercises import check, progress
from weightlab.experiments import depth_statistics, edge_of_chaos, lsuv_init, variance_by_scale
from weightlab.plots import plot_edge_of_chaos, plot_variance_by_depth
from weightlab.theory import chaos_chi
from weightlab.widgets import ChaosDashboard

SEED = 0
# the runs too long for a notebook, saved by scripts/long_runs.py (one folder up from the teacher edition)
SAVED = pathlib.Path("data") if pathlib.Path("data").is_dir() else pathlib.Path("../data")
plt.rcParams["figure.dpi"] = 80

# %% [markdown]
# ## Batch normalization: the start matters less
# Batch normalization (Ioffe & Szegedy 2015) adds one step to every layer. **During training, on each batch**, it
# standardizes every unit's pre-activation over the examples of that batch,
# z ← (z − mean over the batch) / (std over the batch), before the activation, then rescales it by two learned
# numbers per unit, γ and β (which start at 1 and 0; we leave them there). At test time the batch statistics are
# replaced by running averages collected during training. Whatever the weights' scale, each unit's pre-activation
# has mean 0 and variance 1 over the batch; what the layer passes on is the activation of that: for relu of a
# Gaussian z, a mean of 1/√(2π) ≈ 0.40 and a variance of 1/2 − 1/(2π) ≈ 0.34 (deep in a chain, where z is
# standardized but no longer Gaussian, the two drift: below).
#
# `depth_statistics(..., batchnorm=True)` runs one batch of 256 inputs through a chain with that step.
#
# > **Predict before you run.** Thirty relu layers with He's weights times 0.1, 1 and 10. Without batch norm,
# > where does the variance of layer 30 end for each scale? And with it?

# %%
# NBVAL_CHECK_OUTPUT
# 30 relu layers of width 128 at three scales, without and with batch normalization
scale_colors = {0.1: "#0072B2", 1.0: "#009E73", 10.0: "#D55E00"}
bn_runs = {(scale, batchnorm): depth_statistics(depth=30, width=128, init="he_normal", activation="relu",
                                                scale=scale, batchnorm=batchnorm, n_samples=256, seed=SEED)
           for scale in scale_colors for batchnorm in (False, True)}
print(f"{'He × scale':11s} {'Var(z) at layer 30, plain':>26s} {'with batch norm':>16s}")
for scale in scale_colors:
    plain, normed = bn_runs[scale, False]["pre_var"][-1], bn_runs[scale, True]["pre_var"][-1]
    print(f"{scale:<11g} {plain:26.2g} {normed:16.3f}")
same = all(np.allclose(bn_runs[s, True]["pre_var"], bn_runs[1.0, True]["pre_var"], rtol=1e-8, atol=0)
           for s in scale_colors)
print("the three batch-norm runs agree to 8 digits in all 30 layers:", same)
passed = bn_runs[1.0, True]
for layer in (1, 30):
    print(f"with batch norm, layer {layer:2d} passes on relu outputs of mean {passed['act_mean'][layer - 1]:.2f} and "
          f"variance {passed['act_var'][layer - 1]:.2f}")

# %%
# the same runs, layer by layer: plain (left) and with batch norm (right)
fig, axes = plt.subplots(1, 2, figsize=(15, 4.8), sharey=True, layout="constrained")
widths = {0.1: 9, 1.0: 5.5, 10.0: 2}  # on the right the three lines coincide: drawn wide to narrow, all visible
for (scale, batchnorm), stats in bn_runs.items():
    ax = axes[int(batchnorm)]
    wide = dict(lw=widths[scale], ms=0) if batchnorm else {}
    plot_variance_by_depth(stats, ax=ax, label=f"He × {scale:g}", color=scale_colors[scale], theory=False, **wide)
axes[1].legend(fontsize=11, loc="upper right")
axes[0].set_title("30 relu layers, plain", fontsize=14)
axes[1].set_title("30 relu layers, with batch norm", fontsize=14)
axes[1].set_ylabel("")
plt.show()

# %% [markdown]
# Without batch norm, a scale s multiplies the variance by s² in each of the 30 layers: 0.1 ends near 10⁻⁶⁰ and 10
# near 10⁶⁰, and only He's own scale stays near 1. With batch norm the three runs coincide (the right panel's three
# lines lie on top of each other): each layer divides by its own standard deviation, so multiplying the weights by
# any s changes nothing at all in the forward pass.
#
# Batch norm does not make the init irrelevant, though. A loss that does not change when W is multiplied by s has a
# gradient with respect to W that is **s times smaller** at sW (differentiate L(sW) = L(W)): large initial weights
# learn slowly, as if the learning rate were divided by s². Layers without normalization (the first and the last,
# residual branches) and the start of γ and β still matter too. And it needs batches: on one example, or on small
# batches, the batch statistics are meaningless or noisy.

# %%
# NBVAL_CHECK_OUTPUT
# a trainable net with batch norm on its two hidden layers: the hidden weights times s change nothing in the loss,
# and divide the gradient by s
X_c, y_c = load_circles()[:2]
base = MLP([2, 16, 16, 1], batchnorm=True, seed=SEED)
for s in (0.1, 1.0, 10.0):
    net = MLP([2, 16, 16, 1], batchnorm=True, seed=SEED)
    net.weights = [W * (s if l < 2 else 1.0) for l, W in enumerate(base.weights)]  # the two normalized layers
    gradient = np.linalg.norm(net.gradients(X_c, y_c)[0][1])  # ∂L/∂W of the second hidden layer
    print(f"hidden weights x {s:<4g}: loss {net.loss(X_c, y_c, training=True):.4f}, |∂L/∂W2| = {gradient:.4g}, "
          f"times s: {s * gradient:.4g}")

# %% [markdown]
# The loss is the same at all three scales and the gradient shrinks exactly as 1/s: with batch norm, the weights'
# scale sets the effective learning rate of those layers (a step of size lr·g moves weights of size s by a relative
# amount ∝ lr/s²), not the signal. Notebook 8 trains such nets.

# %% [markdown]
# ## Depth: how exact must the scale be?
# Multiply every layer's weights by the same factor s. A linear layer then multiplies the variance by s² times its
# rule's factor, so layer L sees s^(2L): **the deeper the network, the narrower the range of scales that keeps the
# variance readable**, and the exact place of that range, the *critical* scale, depends on the activation. Below:
# LeCun's rule times s, for 17 scales from 0.5 to 2, one network of 50 layers of width 128 per scale, read at layer 10
# and at layer 50 (a batch of 64 inputs each, to keep the sweep fast).
#
# > **Predict before you run.** For which s does layer 50 keep a variance near 1: with linear units, with relu, with
# > tanh? What happens to tanh for s > 1: does its variance explode?

# %%
# the variance of layer 10 and layer 50 against a scale factor on every layer (LeCun's rule × s)
scales = np.logspace(np.log10(0.5), np.log10(2.0), 17)
activation_names = ("linear", "tanh", "relu")
# per activation, Var(z) of every layer for every scale, shape (17 scales, 50 layers): one net (seed SEED), its
# weights times each s (variance_by_scale: depth_statistics' pre_var at each scale, forward only)
sweep = {act: variance_by_scale(scales, depth=50, width=128, init="lecun_normal", activation=act, n_samples=64,
                                seed=SEED)
         for act in activation_names}
fig, axes = plt.subplots(1, 3, figsize=(17, 4.8), sharey=True, layout="constrained")
for ax, act in zip(axes, activation_names):
    for depth, color in ((10, "#56B4E9"), (50, "#0072B2")):
        ax.plot(scales, sweep[act][:, depth - 1], "o-", color=color, lw=2, ms=5, label=f"layer {depth}")
    critical = np.sqrt(2) if act == "relu" else 1.0
    ax.axvline(critical, color="0.3", lw=1.5, ls="--", label=f"s = {'√2' if act == 'relu' else '1'}")
    ax.axhline(1.0, color="0.5", lw=1, ls=":")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(1e-12, 1e12)
    ax.set_xticks([0.5, 0.7, 1, 1.41, 2], ["0.5", "0.7", "1", "1.41", "2"])
    ax.set_xticks([], minor=True)
    ax.set_title(f"{act}: LeCun × s", fontsize=14)
    ax.set_xlabel("scale factor s on every layer (log scale)", fontsize=12.5)
    ax.legend(fontsize=11, loc="upper left")
axes[0].set_ylabel("Var(z) at that layer (log scale)", fontsize=12.5)
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# 10% off the critical scale s*: Var(z) at layer 50 (linear and tanh: s* = 1, relu: s* = √2)
for act, critical in (("linear", 1.0), ("relu", np.sqrt(2)), ("tanh", 1.0)):
    values = variance_by_scale(critical * np.array([0.9, 1.0, 1.1]), depth=50, width=128, init="lecun_normal",
                               activation=act, n_samples=64, seed=SEED)[:, -1]
    print(f"{act:6s}  s = 0.9·s*: {values[0]:8.2g}   s = s*: {values[1]:8.2g}   s = 1.1·s*: {values[2]:8.2g}")

# %% [markdown]
# - The **critical scale depends on the activation**: s = 1 (LeCun's rule itself) for linear units, s = √2 (He's
#   rule) for relu. For tanh, s = 1 is where the variance stops vanishing; above it, tanh's bounded outputs cannot
#   explode, and the variance settles at a level that grows with s. Whether *that* is harmless is decided by the
#   gradients: the edge of chaos below.
# - The curves for layer 50 are five times steeper than for layer 10. A scale 10% off costs a factor
#   1.1¹⁰⁰ ≈ 1.4·10⁴ too much, or 0.9¹⁰⁰ ≈ 1/(3.8·10⁴) too little, at layer 50 of a linear or relu chain (the
#   printed ratios: the same random matrices, scaled): the deeper the network, the more exact the init must be.
# - Even at s*, this one network of width 128 ends at 0.57 (linear) and 0.34 (relu) rather than the theory's 1 and
#   2: a finite network drifts around the theory by a factor of a few over 50 layers (notebook 4). That is small
#   next to what a 10% error in the scale does.

# %% [markdown]
# ### Residual networks: scale the branches with the depth
# A residual block adds a branch to its input, x ← x + α·F(x). Even if each branch keeps the variance (He's rule inside
# F), the *sum* grows: each block multiplies Var(x) by about 1 + α², so L blocks give (1 + α²)^L, which explodes with
# depth for α = 1. Choosing α ∝ 1/√L makes it (1 + 1/L)^L ≤ e ≈ 2.7 at any depth. Yang & Schoenholz (2017) worked
# out the mean-field theory of residual networks and showed that their initialization variances must shrink with the
# depth in this way; GPT-2 (Radford et al. 2019) scales its residual projections by 1/√(number of residual layers).
# **Fixup** (Zhang, Dauphin & Ma 2019), which trains deep residual nets without batch norm, goes further on both
# counts: it starts each branch's last layer at 0, so every block starts as the identity and the forward variance is
# kept exactly, and it scales the other weights of a branch of m layers by L^(−1/(2m−2)) (1/√L for two-layer
# branches), an argument about the size of each training *update* (which it bounds independently of the depth), not
# about the variance at the start. One relu layer per branch, He's weights, width 128:

# %%
# Var(x) after L residual blocks x <- x + alpha * relu(x) @ W, with alpha = 1 and alpha = 1/sqrt(L)
def residual_variance(depth, alpha, width=128, n=256, seed=SEED):
    """Var(x) after `depth` blocks x <- x + alpha * relu(x) @ W, W from he_normal."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width))
    for _ in range(depth):
        x = x + alpha * np.maximum(x, 0) @ initialize("he_normal", width, width, rng)
    return x.var()


for depth in (10, 50, 100):
    print(f"{depth:3d} blocks:  alpha = 1: Var {residual_variance(depth, 1.0):9.3g}    "
          f"alpha = 1/sqrt(L): Var {residual_variance(depth, 1 / np.sqrt(depth)):5.2f}   (e = 2.72)")

# %% [markdown]
# With α = 1 the variance doubles with every block, 2¹⁰⁰ ≈ 10³⁰ after 100 of them; with α = 1/√L it stays below
# e at every depth tried.

# %% [markdown]
# ## The edge of chaos
# The tanh panel above left a question open. Take a deep tanh network with weights N(0, σ_w²/width), so σ_w is the
# scale factor s on LeCun's rule, and biases N(0, σ_b²). Mean-field theory (Poole et al. 2016; Schoenholz et al.
# 2017) follows the variance q of the pre-activations to the value q* it settles at after many layers, and computes
# one number there:
#
# $$\chi = \sigma_w^2\, E\big[\tanh'(z)^2\big], \qquad z \sim N(0, q^*),$$
#
# the factor by which the gradient's variance changes per layer, going backwards. With **χ < 1** (the *ordered*
# phase) gradients vanish exponentially with depth, and all inputs end up mapped to nearly the same output; with
# **χ > 1** (*chaotic*) gradients explode, and two nearby inputs end up unrelated; at **χ = 1**, the *edge of chaos*,
# both signal and gradient travel deepest. `chaos_chi(σ_w, σ_b)` computes χ; `edge_of_chaos` computes it over a grid
# and also measures, in one random network per point, log₁₀ of how much a gradient's variance changes between the top
# and the bottom.
#
# A modest grid keeps this fast: 12 values of σ_w × 6 of σ_b, 30 layers of width 64, a batch of 32.
#
# > **Predict before you run.** With σ_b = 0, at which σ_w is the edge? (tanh′(0) = 1, and with small weights the
# > variance q* shrinks to 0.) Does adding bias noise move the edge to smaller or larger σ_w?

# %%
# the phase diagram: measured gradient growth over 30 layers (colour) and the chi = 1 line
sigma_w = np.linspace(0.5, 3.25, 12)
sigma_b = np.linspace(0.0, 1.0, 6)
chaos_map = edge_of_chaos(sigma_w, sigma_b, activation="tanh", depth=30, width=64, n_samples=32, seed=SEED)
fig, ax = plt.subplots(figsize=(8.5, 5.2), layout="constrained")
plot_edge_of_chaos(chaos_map, ax=ax)
gains = {"Xavier × 5/3 (notebook 4)": (5 / 3, "s"), "He on tanh (σ_w = √2)": (np.sqrt(2), "D")}
for label, (point, marker) in gains.items():  # where notebook 4's tanh gains sit on the map
    ax.plot([point], [0.0], marker=marker, ms=13, color="k", mec="w", ls="none", clip_on=False, label=label)
ax.legend(loc="upper right", fontsize=11)
plt.show()

# %% [markdown]
# Each cell of the map is one random network: blue cells lost gradient variance on the way down, red ones gained it.
# The theory predicts the measured colour: over 29 steps back, log₁₀ of the change should be about 29·log₁₀ χ.

# %%
# NBVAL_CHECK_OUTPUT
# chi at a few points of the map, the gradient change it predicts over 29 layers, and the measured one
print(f"{'σ_w':>5s} {'σ_b':>5s} {'χ':>7s} {'29·log10 χ':>11s} {'measured':>9s}")
for w, b in ((0.5, 0.0), (0.75, 0.0), (1.0, 0.0), (1.5, 0.0), (2.5, 0.0), (1.5, 1.0), (2.5, 1.0)):
    chi = chaos_chi(w, b)
    i, j = np.argmin(np.abs(sigma_b - b)), np.argmin(np.abs(sigma_w - w))
    print(f"{w:5.2f} {b:5.1f} {chi:7.3f} {29 * np.log10(chi):11.1f} {chaos_map['grad_ratio'][i, j]:9.1f}")
for label, (point, _) in gains.items():
    chi = chaos_chi(point, 0.0)
    print(f"{label}: σ_w = {point:.3f}, χ = {chi:.3f}, gradient growth over 29 layers χ^29 = {chi**29:.3g}")

# %% [markdown]
# - With σ_b = 0 the edge is at **σ_w = 1**: LeCun's rule, the critical scale of the tanh panel above. There q*
#   shrinks towards 0 (slowly, about like 1/depth; `chaos_chi` follows it for 200 layers, hence 0.995 rather than
#   1), and the gradient loses a factor of about 60 over 30 layers, a slow, polynomial loss instead of an
#   exponential one.
# - Away from the edge, χ predicts the measurement: 10⁻¹⁷·⁵ at σ_w = 0.5, predicted and measured; elsewhere the two
#   differ by 0.7 or less in log₁₀ (one random network of width 64 is noisy).
# - **The tanh gains of notebook 4 are chaotic.** Xavier × 5/3 sits at χ = 1.210 and He's rule on tanh at χ = 1.106,
#   both right of the edge (the square and the diamond on the map). The gain buys a forward signal that settles at a
#   non-zero variance instead of creeping to 0, and pays with gradients that grow by χ per layer going back: 250-fold
#   over 29 layers for the 5/3 gain, 18-fold for He's. For a few tens of layers that trade is mild; for hundreds,
#   the edge itself (σ_w = 1, or an orthogonal init) is the safer place.
# - **Bias noise moves the edge to larger σ_w**: the χ = 1 line bends to the right. σ_w = 1.5 is chaotic without
#   bias and ordered with σ_b = 1 (χ = 0.75): the biases keep q* away from 0 and push the units towards tanh's flat
#   tails, where tanh′ is small.

# %% [markdown]
# ### Dashboard: explore the map
# The star marks your (σ_w, σ_b) on the map computed above; the right panel shows, at that point, the forward
# variance of the pre-activations and the backward variance of the gradient through the layers, with their theory
# lines. The **σ_w** slider is the dashboard's init-scale slider (log scale, 0.2 to 5); σ_b and the number of layers
# have their own; the *preset* menu jumps to an ordered, an edge-of-chaos and a chaotic point. The readout gives χ.
#
# Try: σ_w = 1 and σ_b = 0, then 100 layers (the slow loss at the edge); σ_w = 2.5 (chaotic: the gradient grows
# towards layer 1); then raise σ_b to 1 and move σ_w until χ reads 1.000.

# %%
# the edge-of-chaos dashboard on the map above: σ_w (the scale slider), σ_b and depth
chaos = ChaosDashboard(chaos_map, sigma_w=1.0, sigma_b=0.0, depth=30, seed=SEED)
chaos

# %% [markdown]
# *Reading without a running kernel?* This is the dashboard's first picture.

# %%
# the dashboard's first frame as a static picture (the widget above needs a running kernel)
chaos.snapshot()

# %% [markdown]
# ## A data-dependent init: LSUV
# Every rule so far predicts the variance from a formula for an idealized input. **LSUV**, layer-sequential
# unit-variance (Mishkin & Matas 2016), measures it instead: start from orthogonal weights, then, one layer at a time
# from the first, run a batch of real training data through the network, and divide that layer's weights by the
# standard deviation of its pre-activations, until their variance is 1 (within 5%). No formula for the activation is
# needed; the data say what the variance is. `lsuv_init(net, X)` does this in place and returns the variance it
# reached in each layer (the hidden layers, then the output's logit).
#
# The test: 8 hidden tanh layers of 16 units on the circles, started three ways: Keras' `random_normal` with its
# default std 0.05, far too small for such a net; LSUV; and, as the formula-based reference, Glorot's rule. A fair
# comparison puts each start at its *own* best learning rate, so each one is trained at four (0.005, 0.02, 0.05 and
# 0.2) for 2000 full-batch epochs, once with the circles' raw inputs and once with the inputs standardized (mean 0,
# variance 1, as LeCun et al. 1998 advise). Those 24 runs take about half a minute, so `scripts/long_runs.py` ran them
# once and saved them in `data/lsuv_sweep.json` (a test re-trains their first epochs); the variances are computed here.
#
# > **Predict before you run.** What is Var(z) of the last hidden layer with std 0.05 weights? Which of the three
# > starts learns the circles, and does the answer depend on the learning rate?

# %%
# NBVAL_CHECK_OUTPUT
# per-layer variance of the pre-activations on the training data, for four starts (the last entry is the logit)
X, y, X_test, y_test = load_circles()
sizes = [2] + [16] * 8 + [1]
starts = {"random_normal (std 0.05)": MLP(sizes, activation="tanh", init="random_normal", seed=SEED),
          "glorot_normal": MLP(sizes, activation="tanh", init="glorot_normal", seed=SEED),
          "orthogonal (LSUV's start)": MLP(sizes, activation="tanh", init="orthogonal", seed=SEED)}


def layer_variances(net, inputs=X):
    """Var(z) of each layer of `net` on the training inputs."""
    return np.array([z.var() for z in net.forward(inputs)[0]])


layer_var = {label: layer_variances(net) for label, net in starts.items()}
layer_var["LSUV"] = lsuv_init(MLP(sizes, activation="tanh", init="random_normal", seed=SEED), X)  # rescaled per layer
print(f"{'layer':26s}" + "".join(f"{l:>8d}" for l in range(1, 10)))
for label, v in layer_var.items():
    print(f"{label:26s}" + "".join(f"{x:8.2g}" for x in v))
standardized = (X - X.mean(axis=0)) / X.std(axis=0)
print(f"E[x²] of the raw inputs {np.mean(X**2):.2f}, standardized {np.mean(standardized**2):.2f}; glorot_normal's "
      f"logit variance with standardized inputs: {layer_variances(starts['glorot_normal'], standardized)[-1]:.2g}")

# %%
# NBVAL_CHECK_OUTPUT
# the saved sweep: each start's final training loss and test accuracy at each learning rate, raw and standardized
sweep = json.loads((SAVED / "lsuv_sweep.json").read_text())["runs"]
names = {"std 0.05": "random_normal (std 0.05)", "glorot_normal": "glorot_normal", "LSUV": "LSUV"}
best_lr = {}
for inputs, runs in sweep.items():
    print(f"{inputs} inputs{'':9s}" + "".join(f"{'lr ' + lr:>14s}" for lr in next(iter(runs.values()))))
    for start, by_lr in runs.items():
        cells = "".join(f"{r['loss'][-1]:8.3f} {r['test_accuracy']:.2f}" + " " * 1 for r in by_lr.values())
        best_lr[inputs, start] = min(by_lr, key=lambda lr: by_lr[lr]["loss"][-1])
        print(f"  {names[start]:25s}{cells}")
print("(each cell: final training loss, test accuracy)")

# %%
# left: each layer's variance before and after LSUV; right: each start's training curve at its own best learning rate
colors = {"random_normal (std 0.05)": "#CC79A7", "glorot_normal": "#E69F00", "orthogonal (LSUV's start)": "#999999",
          "LSUV": "#0072B2"}
# raw inputs wide, light and solid; standardized ones a darker shade, dashed on top (so both show where they overlap)
darker = {"random_normal (std 0.05)": "#7A3D64", "glorot_normal": "#8A5F00", "LSUV": "#003F63"}
fig, axes = plt.subplots(1, 2, figsize=(16, 4.8), layout="constrained")
for label, v in layer_var.items():
    plot_variance_by_depth(v, ax=axes[0], label=label, color=colors[label])
axes[0].set_title("Var(z) per layer on the training data (layer 9 = output logit)", fontsize=14)
for start, label in names.items():
    for inputs, style, width, color in (("raw", "-", 3.5, colors[label]), ("standardized", "--", 1.8, darker[label])):
        lr = best_lr[inputs, start]
        loss = sweep[inputs][start][lr]["loss"]
        axes[1].plot(np.arange(len(loss)) * 20, loss, style, lw=width, color=color,
                     label=f"{label}, {inputs} (best lr {lr})")
axes[1].set_yscale("log")
axes[1].set_xlabel("epoch", fontsize=12.5)
axes[1].set_ylabel("training loss (log scale)", fontsize=12.5)
axes[1].set_title("Each start at its own best learning rate", fontsize=14)
axes[1].legend(fontsize=11, loc="lower left")
plt.show()

# %% [markdown]
# - **std 0.05** stays at log 2 = 0.693 at every learning rate, raw or standardized: each layer multiplies the
#   variance by 16 × 0.05² = 0.04, the logit's variance is 6.5·10⁻¹⁵, every point gets the same output, and no step size
#   rescues a signal that is not there.
# - **At lr 0.005 only LSUV learns** (0.160 against Glorot's 0.689). That was this notebook's old comparison, and it
#   was unfair: at its own best learning rate Glorot's start reaches a training loss of 0.046 with raw inputs and
#   0.039 with standardized ones, and at lr 0.2 a test accuracy of 0.95 and 0.93. Glorot's rule needs the larger step
#   because its signals are small in this net (0.059 in the first layer, 0.011 at the logit): a 2-input first layer
#   fed inputs with E[x²] = 0.42, then narrow tanh layers that each lose a little. Standardizing the inputs is the
#   first fix (E[x²] = 1; at lr 0.02 the loss drops from 0.338 to 0.191), though the narrow layers still shrink the
#   signal (0.018 at the logit).
# - **What LSUV buys** is a start whose every layer has variance 1 on the real data, whatever the inputs, the widths
#   or the activation: it trains at every learning rate tried and reaches the lowest training loss (0.004 raw, 0.001
#   standardized, at lr 0.2). It does not buy a better test accuracy here: at their best settings LSUV and Glorot end
#   between 0.92 and 0.95. A scale measured on the data guards against a formula's assumptions that do not hold; it
#   does not replace choosing the learning rate.

# %% [markdown]
# ## Summary
# - **Batch normalization** standardizes each unit over the batch during training, so every layer's variance is 1
#   for any init scale (0.1, 1 and 10 give identical forward passes). The scale still sets the effective learning
#   rate (the gradient shrinks as 1/s), and unnormalized layers still need a good init.
# - **Depth** narrows the window of good scales: a factor s on every layer becomes s^(2L) at layer L. The critical
#   scale depends on the activation: 1 × LeCun for linear and tanh, √2 × LeCun (He) for relu.
# - **Residual branches** add variance at every block, (1 + α²)^L; scaling them by α ∝ 1/√L (Fixup, GPT-2) keeps
#   deep residual nets stable.
# - **Edge of chaos**: for deep tanh nets, χ = σ_w²·E[tanh′(z)²] separates vanishing (χ < 1) from exploding (χ > 1)
#   gradients; with σ_b = 0 the edge is σ_w = 1, and bias noise moves it to larger σ_w.
# - **LSUV** measures each layer's variance on a batch of data and rescales it to 1. On an 8-layer tanh net it trains at
#   every learning rate tried, where a std-0.05 start stays flat at log 2 and Glorot's rule needs a larger learning
#   rate (and standardized inputs) to catch up; at each start's own best learning rate the test accuracies end within
#   a few points of each other. Compare starts at their own best settings, never at one that suits one of them.

# %% [markdown]
# ## Exercises
# **Exercise 1.** For a deep tanh network with no bias noise (σ_b = 0), at which σ_w is the edge of chaos (χ = 1)?
# Give 2 significant figures, and check with `chaos_chi` on a few values.

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number (2 significant figures)
### BEGIN SOLUTION
answer_1 = 1.0  # with σ_b = 0 the fixed point is q* = 0 for σ_w ≤ 1, where χ = σ_w² tanh′(0)² = σ_w²
print(f"χ at σ_w = 0.9: {chaos_chi(0.9, 0.0):.3f}, at σ_w = 1.1: {chaos_chi(1.1, 0.0):.3f}")  # below 1, above 1
### END SOLUTION
check("beyond.critical_sigma_w", answer_1)

# %% [markdown]
# **Exercise 2.** A relu chain of 50 layers with He's weights times s. By what factor does the variance of layer 50
# change when s goes from 1 to 1.1, i.e. Var(z₅₀) at s = 1.1 divided by Var(z₅₀) at s = 1? Give 3 significant
# figures. (The theory is enough; `theory_variance` from `weightlab.theory`, or `variance_by_scale` from
# `weightlab.experiments`, can check it.)

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
answer_2 = 1.1 ** (2 * 50)  # each of the 50 layers multiplies the variance by s² = 1.21
### END SOLUTION
check("beyond.depth_window", answer_2)

# %% [markdown]
# **Exercise 3.** In a residual chain with branch scale α = 1/√L, each of the L blocks multiplies the variance by
# about 1 + α² = 1 + 1/L. By what factor has the variance grown after L = 100 blocks? Give 3 significant figures.

# %%
# Exercise 3: your answer
answer_3 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
answer_3 = (1 + 1 / 100) ** 100  # 100 blocks, each multiplying the variance by 1 + α² = 1 + 1/L
### END SOLUTION
check("beyond.residual_growth", answer_3)

# %% [markdown]
# **Exercise 4 (code).** Write the LSUV loop yourself: `lsuv(net, X, tol=0.05, max_iter=10)` takes a weightlab `MLP`
# whose weights are already orthogonal and, layer by layer from the first to the output, divides the layer's weight
# matrix by the standard deviation of its pre-activations on the batch `X` (`net.forward(X)[0][l]`), until their
# variance is within `tol` of 1 or `max_iter` rounds are done. A layer whose pre-activations are all 0 (variance 0)
# has nothing to rescale: leave it as it is. Change the weights in place (`net.weights[l] = ...`) and return the
# variance each layer reached. The check runs it on relu and tanh networks, with and without biases, and compares
# with weightlab's `lsuv_init`.

# %%
# Exercise 4: write lsuv, then run this cell to check it
def lsuv(net, X, tol=0.05, max_iter=10):
    """Rescale net's weight matrices in place, first layer first, until each layer's Var(z) on X is within tol of 1;
    returns the variance each layer reached."""
    ### BEGIN SOLUTION
    reached = []
    for l in range(net.n_layers):
        for _ in range(max_iter):
            variance = net.forward(X)[0][l].var()  # measured after the layers below were rescaled
            if abs(variance - 1) < tol or variance == 0:
                break
            net.weights[l] = net.weights[l] / np.sqrt(variance)
        reached.append(net.forward(X)[0][l].var())
    return reached
    ### END SOLUTION


check("beyond.lsuv_code", lsuv)

# %% [markdown]
# ## Where to go next
# Take what you learned to the [Init Lab](06_init_lab.ipynb) (notebook 6), where the networks train live:
# - 8 hidden tanh layers with `lecun_normal`: slide the scale around 1 (the edge of chaos) and watch the gradient
#   norms; then try `orthogonal`.
# - 8 hidden relu layers with `pytorch_linear` (PyTorch's default), then `he_uniform`: the per-layer variance panel
#   shows notebook 5's factor 1/6 per layer.
# - A bad scale with each scheme, and whether the loss recovers with more epochs.
#
# And the papers behind this notebook: Ioffe & Szegedy (2015) for batch norm; Poole et al. (2016) and Schoenholz
# et al. (2017) for the edge of chaos; Zhang, Dauphin & Ma (2019) for Fixup; Mishkin & Matas (2016) for LSUV.


# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(7)
