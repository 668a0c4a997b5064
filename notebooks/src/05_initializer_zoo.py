# %% [markdown]
# # 5. The initializer zoo
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F05_initializer_zoo.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Keras offers fifteen initializers, PyTorch's `torch.nn.init` a dozen more under other names. Most are the three
# rules of notebook 4 (LeCun, Glorot, He) in a normal, a truncated normal or a uniform flavour; a few are different
# ideas (orthogonal, identity); two are the frameworks' defaults, which you use every time you don't choose. This
# notebook lays them all out, with formula, source and a sampled histogram against the theory.

# %% [markdown]
# ## Learning objectives
# - Find any Keras or PyTorch initializer's formula, source and variance, and sample it with `initialize`.
# - Tell apart the distributions: normal, truncated normal (and Keras' 0.8796 correction), uniform with the same
#   variance.
# - Know the defaults: Keras `Dense` uses glorot_uniform, PyTorch `nn.Linear` uses kaiming_uniform with a = √5.
# - Explain why orthogonal weights suit deep linear networks.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Markdown, display

from weightlab import INITIALIZERS, calculate_gain, initialize
from weightlab.exercises import check
from weightlab.experiments import depth_statistics
from weightlab.plots import plot_variance_by_depth, plot_weight_histogram
from weightlab.widgets import ZooDashboard

SEED = 0
plt.rcParams["figure.dpi"] = 80

# %% [markdown]
# ## The catalogue
# One table, `weightlab.INITIALIZERS`, drives everything: this table, the dashboard's dropdown and the tests. The
# standard deviation is for a 256 × 256 layer with default options.

# %%
# every initializer: name, framework, formula, source, std for a 256 x 256 layer
rows = ["| name | framework | formula | std (256×256) | source |", "|---|---|---|---|---|"]
for name, entry in INITIALIZERS.items():
    formula = entry.formula.replace("|", "or")
    rows.append(f"| `{name}` | {entry.framework} | {formula} | {entry.std(256, 256):.4g} | {entry.source} |")
display(Markdown("\n".join(rows)))

# %%
# NBVAL_CHECK_OUTPUT
# the theoretical standard deviations, for fan_in = 256 and fan_out = 128
for name, entry in INITIALIZERS.items():
    print(f"{name:18s} {entry.std(256, 128):.4f}")

# %% [markdown]
# ## Sampled against the theory
# `plot_weight_histogram` draws a 256 × 256 matrix and overlays the theoretical density.
#
# > **Predict before you run.** glorot_normal and glorot_uniform have the same variance. How different will their
# > histograms look, and what is the largest weight each can produce?

# %%
# six initializers, sampled (short titles here; the table above has the formulas)
fig, axes = plt.subplots(2, 3, figsize=(17, 9), layout="constrained")
for ax, name in zip(axes.ravel(), ["glorot_uniform", "glorot_normal", "he_normal", "kaiming_normal",
                                   "truncated_normal", "pytorch_linear"]):
    plot_weight_histogram(name, 256, 256, rng=SEED, ax=ax)
    ax.set_title(f"{name} ({INITIALIZERS[name].framework})")
    for text in list(ax.texts):  # the formula box under each panel would overlap its neighbours
        if text.get_position()[1] < 0:
            text.remove()
plt.show()

# %% [markdown]
# A uniform distribution on [−l, l] has variance l²/3, so the uniform flavour with the same variance as a normal of
# standard deviation σ uses l = √3·σ: glorot_uniform's l = √(6/(fan_in + fan_out)). Keras' *_normal rules redraw any
# value beyond 2σ (no extreme weights) and divide σ by 0.8796, the standard deviation of a standard normal truncated
# at ±2, so that the variance is still the rule's. PyTorch's xavier_normal and kaiming_normal are not truncated.

# %%
# NBVAL_CHECK_OUTPUT
# uniform vs normal with the same variance, and Keras' truncation correction, measured
for name in ("glorot_uniform", "glorot_normal", "xavier_normal"):
    W = initialize(name, 256, 256, SEED)
    print(f"{name:15s} std {W.std():.4f} (theory {INITIALIZERS[name].std(256, 256):.4f}), "
          f"largest |w| = {np.abs(W).max():.3f}")

# %% [markdown]
# ## PyTorch's names and gains
# `kaiming_normal(mode, nonlinearity, a)` is He's rule with a *gain* chosen for the activation:
# Var(w) = gain²/fan. `calculate_gain` gives PyTorch's table.

# %%
# NBVAL_CHECK_OUTPUT
# PyTorch's gains
for nonlinearity, param in (("linear", None), ("sigmoid", None), ("tanh", None), ("relu", None),
                            ("leaky_relu", 0.01), ("leaky_relu", np.sqrt(5)), ("selu", None)):
    suffix = f"(a = {param:.3g})" if param is not None else ""
    print(f"{nonlinearity:10s} {suffix:12s} gain {calculate_gain(nonlinearity, param):.4f}")

# %% [markdown]
# ## The frameworks' defaults
# Keras `Dense` layers start from **glorot_uniform**. PyTorch's `nn.Linear` calls `kaiming_uniform_(a=√5)`: the gain
# for leaky relu with slope √5 is √(2/(1+5)) = √(1/3), so the bound is √3·gain/√fan_in = 1/√fan_in and the
# variance 1/(3·fan_in): a third of LeCun's. Stack twenty relu layers with that default and see.
#
# > **Predict before you run.** By what factor per layer does the variance shrink with PyTorch's default under relu?

# %%
# NBVAL_CHECK_OUTPUT
# twenty relu layers: PyTorch's Linear default vs He
fig, ax = plt.subplots(figsize=(8, 4.4))
for name, color in (("pytorch_linear", "#D55E00"), ("he_uniform", "#0072B2")):
    stats = depth_statistics(depth=20, width=256, init=name, activation="relu", seed=SEED)
    plot_variance_by_depth(stats, ax=ax, label=name, color=color)
    print(f"{name:15s} Var(z) at layer 20 = {stats['pre_var'][-1]:.2g} (theory {stats['theory_pre_var'][-1]:.2g})")
plt.show()

# %% [markdown]
# Each layer multiplies the variance by 256 × 1/(3·256) × 1/2 = 1/6. In practice PyTorch models are rarely plain deep
# relu stacks of `Linear` layers without normalization, and the default is kept for backward compatibility; for such
# a stack, `kaiming_uniform_(nonlinearity="relu")` is the fix.

# %% [markdown]
# ## Orthogonal and identity: for deep linear networks
# A product of 50 Gaussian matrices stretches some directions and squashes others: its singular values spread over
# many orders of magnitude, even when the variance is right on average. Orthogonal matrices keep every length, so
# their product is orthogonal too: all singular values stay exactly 1 (Saxe, McClelland & Ganguli 2014).
# `identity` is the extreme case: the layer passes its input unchanged (Le, Jaitly & Hinton 2015, for recurrent nets).

# %%
# NBVAL_CHECK_OUTPUT
# singular values of the product of 50 weight matrices (64 x 64)
rng = np.random.default_rng(SEED)
for name in ("glorot_normal", "orthogonal"):
    product = np.eye(64)
    for _ in range(50):
        product = product @ initialize(name, 64, 64, rng)
    s = np.linalg.svd(product, compute_uv=False)
    print(f"{name:14s} largest singular value {s.max():.3g}, smallest {s.min():.3g}")

# %% [markdown]
# ## Dashboard: the zoo
# Pick any initializer and its fans, and slide the scale: the histogram, the formula, the source and the
# theoretical standard deviation update. Try: `he_uniform` vs `he_normal`; `identity` with fan_in ≠ fan_out;
# `trunc_normal` (PyTorch cuts at ±2 *absolute*, not ±2σ) with scale 3.

# %%
# the zoo dashboard
zoo = ZooDashboard()
zoo

# %%
# the dashboard's first picture, for readers without a running kernel
from IPython.display import Image  # noqa: E402

Image(zoo.plot.value)

# %% [markdown]
# ## Summary
# - Most initializers are LeCun (1/fan_in), Glorot (2/(fan_in + fan_out)) or He (2/fan_in), in normal, truncated
#   normal or uniform form; PyTorch writes them as gain²/fan with `calculate_gain`.
# - A uniform with bound √3·σ has the variance of a normal with std σ; Keras truncates at 2σ and corrects by 0.8796.
# - Keras defaults to glorot_uniform; PyTorch's `nn.Linear` to U(±1/√fan_in), a third of LeCun's variance.
# - Orthogonal (and identity) weights keep every singular value of a deep linear product at 1.

# %% [markdown]
# ## Exercises
# **Exercise 1.** What is the bound l of glorot_uniform, U(−l, l), for a layer with fan_in = 300 and fan_out = 100?

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number
check("zoo.glorot_uniform_limit", answer_1)

# %% [markdown]
# **Exercise 2.** PyTorch's `nn.Linear(400, 100)` draws its weights from U(−l, l). What is l?

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number
check("zoo.pytorch_linear_bound", answer_2)
