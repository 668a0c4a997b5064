# %% [markdown]
# # 4. Variance through depth: LeCun, Xavier and He
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F04_variance_through_depth.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Notebook 3 found a good range of scales for a small network. Why does it sit where it sits, and what happens in a
# network of 50 layers? One line of algebra answers both: the variance of a layer's output is the fan-in times the
# weights' variance times the input's variance. Keep that product at 1 and the signal survives any depth; that is
# the whole idea behind LeCun's, Glorot & Bengio's and He's rules.

# %% [markdown]
# ## Learning objectives
# - Derive Var(y) = n Var(w) Var(x) and check it numerically.
# - Predict how the activation variance grows or vanishes through 10 and 50 layers for standard-normal, LeCun,
#   Xavier/Glorot and He weights under linear, tanh and relu.
# - Explain He's factor 2 for relu, and why Xavier averages fan-in and fan-out (the backward pass).

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import matplotlib.pyplot as plt
import numpy as np

from weightlab import initialize
from weightlab.exercises import check
from weightlab.experiments import depth_statistics
from weightlab.plots import plot_activation_histograms, plot_gradient_stats, plot_variance_by_depth
from weightlab.widgets import DepthDashboard

SEED = 0
plt.rcParams["figure.dpi"] = 80
rng = np.random.default_rng(SEED)

# %% [markdown]
# ## One unit: Var(y) = n Var(w) Var(x)
# A unit computes y = w₁x₁ + … + wₙxₙ. Take the wᵢ and xᵢ independent, with mean 0. For one product,
#
# $$\mathrm{Var}(w_i x_i) = E[w_i^2 x_i^2] - (E[w_i x_i])^2 = E[w_i^2]\,E[x_i^2] - 0 = \mathrm{Var}(w_i)\,\mathrm{Var}(x_i),$$
#
# and the variance of a sum of independent terms is the sum of their variances, so
#
# $$\mathrm{Var}(y) = n\,\mathrm{Var}(w)\,\mathrm{Var}(x).$$
#
# A layer multiplies the variance by n·Var(w); L layers multiply it by (n·Var(w))^L. Anything but 1 explodes or
# vanishes exponentially with depth. **LeCun** (1998): Var(w) = 1/fan_in, so n·Var(w) = 1.
#
# > **Predict before you run.** With n = 256 inputs of variance 1 and weights of variance 1/256, what is Var(y)? And with
# > standard-normal weights?

# %%
# NBVAL_CHECK_OUTPUT
# check Var(y) = n Var(w) Var(x) on 20000 samples of a layer with 256 inputs
n = 256
x = rng.standard_normal((20000, n))
for name, weight_std in (("LeCun, Var(w) = 1/n", np.sqrt(1 / n)), ("standard normal, Var(w) = 1", 1.0)):
    w = rng.standard_normal(n) * weight_std
    print(f"{name:30s} measured Var(y) = {np.var(x @ w):7.3g}   n Var(w) Var(x) = {n * weight_std**2:7.3g}")

# %% [markdown]
# ## Ten layers and fifty layers
# `depth_statistics` pushes 512 standard-normal inputs through a chain of square layers of width 256 (no training)
# and measures each layer's pre-activation variance, its activations, and the variance of a gradient sent backwards
# from the top. The dashed lines are the theory: the recursion above, with E[φ(z)²] for the activation φ
# (for relu E[relu(z)²] = Var(z)/2, which is where He's factor 2 comes from).
#
# > **Predict before you run.** For 50 relu layers: which scheme keeps the variance at 1, which one halves it at every
# > layer, and which one blows it up?

# %%
# NBVAL_CHECK_OUTPUT
# the variance of layer 10 and layer 50's pre-activations, for four schemes under three activations
schemes = {"standard normal": ("random_normal", {"stddev": 1.0}), "LeCun": ("lecun_normal", {}),
           "Xavier/Glorot": ("glorot_normal", {}), "He": ("he_normal", {})}
print(f"{'scheme':16s}" + "".join(f"{act + ' L10':>14s}{act + ' L50':>14s}" for act in ("linear", "tanh", "relu")))
results = {}
for label, (scheme, options) in schemes.items():
    row = f"{label:16s}"
    for act in ("linear", "tanh", "relu"):
        stats = depth_statistics(depth=50, width=256, init=scheme, activation=act, init_options=options, seed=SEED)
        results[label, act] = stats
        row += f"{stats['pre_var'][9]:14.2g}{stats['pre_var'][49]:14.2g}"
    print(row)

# %%
# forward variance through 50 layers, measured (solid) and theory (dashed); one legend for the three panels
fig, axes = plt.subplots(1, 3, figsize=(17, 4.6))
for ax, act in zip(axes, ("linear", "tanh", "relu")):
    for label, color in zip(schemes, ("#888888", "#009E73", "#E69F00", "#0072B2")):
        plot_variance_by_depth(results[label, act], ax=ax, label=label, color=color)
    ax.set_title(f"{act}: Var(z) through 50 layers")
    ax.get_legend().remove()
handles, labels = axes[0].get_legend_handles_labels()
keep = [i for i, text in enumerate(labels) if "theory" not in text and "variance 1" not in text]
fig.legend([handles[i] for i in keep], [labels[i] + " (dashed: theory)" * (i == keep[-1]) for i in keep],
           loc="upper center", ncol=4, bbox_to_anchor=(0.5, 1.08), fontsize=12)
plt.show()

# %% [markdown]
# (LeCun's 1/fan_in and Xavier's 2/(fan_in + fan_out) are the same number in these square layers, so their curves lie
# on top of each other.) Standard-normal weights explode at once (n·Var(w) = 256 per layer). Under linear units LeCun and He differ by a
# factor 2 per layer: LeCun is exact, He doubles the variance 50 times. Under relu it is the other way round: relu
# zeroes half of its inputs, E[relu(z)²] = Var(z)/2, so LeCun halves the variance at every layer (10⁻¹⁶ after 50)
# and He's 2/fan_in keeps it at 1 in theory; one network of finite width wanders around that line by a factor of a
# few. Under tanh, LeCun and Xavier lose variance slowly, roughly like 1/depth rather than exponentially, because tanh
# is a little flatter than the identity; standard-normal weights saturate every tanh unit (the variance of z is huge
# while the activations are stuck at ±1).

# %% [markdown]
# ## Histograms, layer by layer
# Glorot & Bengio (2010, Fig. 6) looked at the activations' distribution in each layer. With standard-normal
# weights tanh saturates at ±1 from the first layer; with Xavier the distributions stay spread over the useful range.

# %%
# tanh activations per layer: standard normal vs Xavier, and relu with He
fig, axes = plt.subplots(1, 3, figsize=(17, 4.4))
plot_activation_histograms(results["standard normal", "tanh"]["hist_samples"], ax=axes[0], activation="tanh")
axes[0].set_title("tanh, standard normal weights")
plot_activation_histograms(results["Xavier/Glorot", "tanh"]["hist_samples"], ax=axes[1], activation="tanh")
axes[1].set_title("tanh, Xavier weights")
plot_activation_histograms(results["He", "relu"]["hist_samples"], ax=axes[2], activation="relu")
axes[2].set_title("relu, He weights")
plt.show()

# %% [markdown]
# ## Backwards: the gradient's variance
# Backpropagation multiplies the gradient by Wᵀ at every layer, so the same argument runs backwards with fan_out in
# place of fan_in: Var(δ_in) = fan_out · Var(w) · E[φ′(z)²] · Var(δ_out). Keeping both directions steady would need
# Var(w) = 1/fan_in *and* 1/fan_out; Glorot & Bengio compromise with 2/(fan_in + fan_out). In these square layers
# both agree, and the gradient's variance follows the same curves as the signal's.

# %%
# NBVAL_CHECK_OUTPUT
# the gradient's variance at layer 1, for a gradient of variance 1 arriving at layer 50 (relu)
for label in schemes:
    g = results[label, "relu"]["grad_var"]
    print(f"{label:16s} Var(dL/dz) at layer 1 = {g[0]:.2g}   (theory {results[label, 'relu']['theory_grad_var'][0]:.2g})")

# %%
# gradient variance backwards through 50 relu layers: He vs LeCun
fig, axes = plt.subplots(1, 2, figsize=(13, 4.4))
plot_gradient_stats(results["He", "relu"], ax=axes[0])
axes[0].set_title("relu, He: gradient variance by layer")
plot_gradient_stats(results["LeCun", "relu"], ax=axes[1])
axes[1].set_title("relu, LeCun: gradient variance by layer")
plt.show()

# %% [markdown]
# ## Dashboard: variance through depth
# Choose the depth (up to 100 layers), the width, the activation, the scheme and the scale. The left panel shows the
# forward variance and the backward gradient variance with their theory lines; the right one the histograms. Try: relu
# with `he_normal` then `lecun_normal` at depth 100; tanh with `glorot_normal` at scale 1.5; and tick *batch norm*
# (notebook 7) with a bad scale.

# %%
# the depth dashboard
depth_lab = DepthDashboard(depth=30, activation="relu", scheme="he_normal")
depth_lab

# %%
# the dashboard's first picture, for readers without a running kernel
from IPython.display import Image  # noqa: E402

Image(depth_lab.plot.value)

# %% [markdown]
# ## Summary
# - A layer multiplies the variance by fan_in · Var(w) · E[φ(z)²]/Var(z); through L layers that factor is raised to
#   the power L.
# - LeCun: Var(w) = 1/fan_in keeps linear (and tanh near 0) steady. He: 2/fan_in for relu, which zeroes half.
#   Xavier/Glorot: 2/(fan_in + fan_out), a compromise between the forward and the backward pass.
# - Standard-normal weights explode exponentially; the theory lines predict the measured curves.

# %% [markdown]
# ## Exercises
# **Exercise 1.** A linear layer has 100 inputs of variance 1 and weights of standard deviation 0.2. What is the
# variance of its outputs?

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number
check("depth.one_layer_variance", answer_1)

# %% [markdown]
# **Exercise 2.** Twenty relu layers of width 256 use LeCun's rule, Var(w) = 1/fan_in. By what factor has the
# pre-activation variance shrunk from layer 1 to layer 20 (in theory)? Give Var(z₂₀) / Var(z₁).

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number
check("depth.lecun_relu_decay", answer_2)
