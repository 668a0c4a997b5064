# %% [markdown]
# # 7. Beyond: BatchNorm, depth, the edge of chaos and LSUV
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F07_beyond.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# The rules of notebook 4 set the variance once, at the start, from the layer sizes. Four ideas go further: batch
# normalization re-normalizes every layer during training, so the start matters much less; depth-dependent inits
# shrink each layer's contribution as the network gets deeper; the edge of chaos maps which (weight, bias) scales let
# signals *and* gradients survive great depth; and data-dependent inits such as LSUV measure the variance on real
# data instead of predicting it.

# %% [markdown]
# ## Learning objectives
# - Show that batch normalization keeps every layer's variance at 1 whatever the init scale.
# - Explain why a residual network needs a depth-dependent scale, and compute the growth without it.
# - Read the order-to-chaos phase diagram of a deep tanh network and locate its edge (χ = 1).
# - Run LSUV and compare its training with a badly scaled start.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import matplotlib.pyplot as plt
import numpy as np

from weightlab import MLP, initialize, load_circles
from weightlab.exercises import check
from weightlab.experiments import chaos_chi, depth_statistics, edge_of_chaos, lsuv_init
from weightlab.plots import plot_edge_of_chaos, plot_loss, plot_variance_by_depth
from weightlab.widgets import ChaosDashboard

SEED = 0
plt.rcParams["figure.dpi"] = 80

# %% [markdown]
# ## Batch normalization makes the start matter less
# Batch normalization (Ioffe & Szegedy 2015) standardizes each unit's pre-activation over the batch, z ← (z − mean) /
# std, before the activation (then rescales it with two learned parameters, left at 1 and 0 here). Whatever the
# weights' scale, every layer sees inputs of variance 1.
#
# > **Predict before you run.** A 30-layer relu chain with He weights times 0.1, 1 and 10: what does the last
# > layer's variance look like without and with batch norm?

# %%
# NBVAL_CHECK_OUTPUT
# 30 relu layers at three scales, without and with batch normalization
fig, axes = plt.subplots(1, 2, figsize=(14, 4.4))
for scale, color in ((0.1, "#0072B2"), (1.0, "#009E73"), (10.0, "#D55E00")):
    for ax, batchnorm in zip(axes, (False, True)):
        stats = depth_statistics(depth=30, width=128, init="he_normal", activation="relu", scale=scale,
                                 batchnorm=batchnorm, n_samples=256, seed=SEED)
        plot_variance_by_depth(stats, ax=ax, label=f"scale {scale}", color=color, theory=False)
        print(f"batchnorm={batchnorm!s:5s} scale {scale:>4}: Var(z) at layer 30 = {stats['pre_var'][-1]:.2g}")
axes[0].set_title("30 relu layers, plain")
axes[1].set_title("30 relu layers, with batch norm")
plt.show()

# %% [markdown]
# Without batch norm the scale is raised to the 60th power over 30 layers (10⁻⁶⁰ or 10⁶⁰); with it, every layer
# is back at 1. Initialization still matters with batch norm (the very first layers, the residual branches, the
# learned scale parameters), but far less.

# %% [markdown]
# ## Depth-dependent init: residual branches
# A residual block adds its branch to its input: x ← x + α·W·relu(x). If the branch has variance comparable to x,
# each block multiplies the variance by about (1 + α²·c), so L blocks give (1 + α²·c)^L: exponential growth even with
# He weights. Scaling the branch by α ∝ 1/√L keeps the total bounded at any depth; Fixup (Zhang, Dauphin & Ma 2019)
# and related schemes scale residual branches with the depth in this spirit.

# %%
# NBVAL_CHECK_OUTPUT
# variance of a residual chain after L blocks, branch scale 1 vs 1/sqrt(L)
def residual_variance(depth, alpha, width=128, n=256, seed=SEED):
    """Var(x) after `depth` blocks x <- x + alpha * relu(x) @ W, He weights."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width))
    for _ in range(depth):
        x = x + alpha * np.maximum(x, 0) @ initialize("he_normal", width, width, rng)
    return x.var()


for depth in (10, 50, 100):
    print(f"{depth:3d} blocks: alpha = 1 -> Var {residual_variance(depth, 1.0):9.3g}   "
          f"alpha = 1/sqrt(L) -> Var {residual_variance(depth, 1 / np.sqrt(depth)):6.3g}")

# %% [markdown]
# ## The edge of chaos
# For a deep tanh network with weights N(0, σ_w²/width) and biases N(0, σ_b²), mean-field theory (Poole et al. 2016;
# Schoenholz et al. 2017) predicts a number χ = σ_w²·E[tanh′(z)²] at the variance's fixed point. With χ < 1
# (*ordered*) gradients shrink by χ per layer and vanish; with χ > 1 (*chaotic*) they grow and nearby inputs become
# unrelated; at χ = 1, the *edge of chaos*, signals and gradients travel deepest. `edge_of_chaos` computes χ on a grid
# and measures log₁₀ of how much a random gradient's variance changes over 30 layers.
#
# > **Predict before you run.** With σ_b = 0, where is the edge for tanh? (Hint: tanh′(0) = 1.)

# %%
# the phase diagram: measured gradient growth (colour) and the chi = 1 line
chaos_map = edge_of_chaos(np.linspace(0.5, 3.0, 12), np.linspace(0.0, 1.0, 6), activation="tanh", depth=30,
                          width=64, n_samples=32, seed=SEED)
plot_edge_of_chaos(chaos_map)
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# chi at a few points of the map
for sigma_w, sigma_b in ((0.8, 0.0), (1.0, 0.0), (1.5, 0.0), (1.5, 0.5), (2.5, 1.0)):
    print(f"sigma_w {sigma_w:.1f}, sigma_b {sigma_b:.1f}: chi = {chaos_chi(sigma_w, sigma_b):.3f}")

# %% [markdown]
# With σ_b = 0 the edge is at σ_w = 1: LeCun's rule for tanh. Bias noise moves the edge to larger σ_w: the χ = 1
# line bends to the right as σ_b grows.

# %% [markdown]
# ### Dashboard: explore the map
# The star marks your (σ_w, σ_b); the right panel shows the forward variance and the backward gradient variance
# through the layers at that point. The σ_w slider is the dashboard's scale slider.

# %%
# the edge-of-chaos dashboard
chaos = ChaosDashboard(chaos_map, depth=30)
chaos

# %%
# the dashboard's first picture, for readers without a running kernel
from IPython.display import Image  # noqa: E402

Image(chaos.plot.value)

# %% [markdown]
# ## A data-dependent init: LSUV
# Layer-sequential unit-variance (Mishkin & Matas 2016) starts from orthogonal weights and then, layer by layer,
# measures the pre-activations' variance *on a batch of real data* and divides the weights by its square root until
# it is 1. No formula for the activation is needed: the data tell.
#
# > **Predict before you run.** A 6-layer tanh net starting from Keras' `random_normal` (std 0.05) vs the same net
# > after LSUV: which one learns the circles in 2000 epochs?

# %%
# NBVAL_CHECK_OUTPUT
# LSUV on a 6-layer tanh network, against a badly scaled start
X, y, X_test, y_test = load_circles()
sizes = [2] + [16] * 6 + [1]
small = MLP(sizes, activation="tanh", init="random_normal", seed=SEED)
lsuv = MLP(sizes, activation="tanh", init="random_normal", seed=SEED)
before = [float(z.var()) for z in lsuv.forward(X)[0]]
after = lsuv_init(lsuv, X)
print("Var(z) per layer before LSUV:", np.array2string(np.array(before), precision=2))
print("Var(z) per layer after LSUV: ", np.array2string(after, precision=2))
runs = {"random_normal (std 0.05)": small.fit(X, y, epochs=2000, lr=0.1),
        "after LSUV": lsuv.fit(X, y, epochs=2000, lr=0.1)}
print(f"test accuracy: random_normal {small.accuracy(X_test, y_test):.2f}, LSUV {lsuv.accuracy(X_test, y_test):.2f}")

# %%
# the two training curves
fig, ax = plt.subplots(figsize=(8, 4.2))
for label, history in runs.items():
    plot_loss(history, ax=ax, label=label, test=False)
plt.show()

# %% [markdown]
# ## Where to go next
# Open the [Init Lab](06_init_lab.ipynb) and test what you learned: deep tanh nets at the edge of chaos, relu nets
# with He vs LeCun, and what a bad scale does to each panel.

# %% [markdown]
# ## Summary
# - Batch normalization re-standardizes every layer, so the variance stays at 1 whatever the init scale.
# - Residual branches add variance at every block; scaling them by about 1/√depth keeps deep residual nets stable.
# - For deep tanh nets, χ = σ_w²E[tanh′(z)²] separates vanishing (χ < 1) from exploding (χ > 1) gradients; the edge
#   χ = 1 is σ_w = 1 when σ_b = 0.
# - LSUV measures each layer's variance on data and rescales it to 1, with no formula needed.

# %% [markdown]
# ## Exercises
# **Exercise 1.** For a deep tanh network with no bias noise (σ_b = 0), at which σ_w is the edge of chaos (χ = 1)?

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number
check("beyond.critical_sigma_w", answer_1)

# %% [markdown]
# **Exercise 2.** In a residual chain each block multiplies the variance by 2 (α = 1 in the cell above, roughly).
# By what factor has the variance grown after 10 blocks?

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number
check("beyond.residual_growth", answer_2)
