# %% [markdown]
# # 3. Scale: how big should the first weights be?
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F03_scale.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Random, yes, but how random? This notebook reproduces the initialization experiment of deeplearning.ai's
# *Improving Deep Neural Networks* course (week 1) number for number, then looks inside: large weights push sigmoid
# and tanh units into their flat tails where gradients vanish, small weights starve the output of signal, and in
# between lies a range where training works. A sweep over the scale draws the whole U-shaped picture.

# %% [markdown]
# ## Learning objectives
# - Reproduce the course's accuracy table: zeros 50%, randn ×10 83%/86%, He 99%/96% (train/test).
# - Explain why large weights saturate sigmoid and tanh units and slow learning.
# - Read an accuracy-vs-scale curve and find the range of scales that train.
# - Compute He's standard deviation for a layer.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import matplotlib.pyplot as plt
import numpy as np

from weightlab import MLP, load_circles
from weightlab.activations import sigmoid
from weightlab.exercises import check
from weightlab.experiments import course_weights, scale_sweep
from weightlab.plots import plot_accuracy_vs_scale, plot_decision_boundary, plot_loss
from weightlab.widgets import InitLab

SEED = 0
plt.rcParams["figure.dpi"] = 80
X, y, X_test, y_test = load_circles()  # the course's 300 training and 100 test points

# %% [markdown]
# ## The course experiment
# The course's network is `[2, 10, 5, 1]` with relu hidden layers and a sigmoid output, trained by full-batch
# gradient descent with learning rate 0.01 for 15000 iterations. Its weights were drawn with numpy's legacy generator
# seeded with 3: `randn(fan_out, fan_in)` times 10 ("large"), times √(2/fan_in) (He), or zeros. `course_weights`
# draws exactly the same numbers (without touching numpy's global state), so we can load them into our `MLP` and
# compare with the published results. We add two scales in between: ×0.1 and ×1/3.
#
# > **Predict before you run.** Rank the five starts by final test accuracy.

# %%
# train the course's network from five starts (15000 epochs each, about a second per run)
starts = {"zeros": ("zeros", 1.0), "randn x10": ("large", 1.0), "randn x0.1": ("randn", 0.1),
          "randn /3": ("randn", 1 / 3), "He": ("he", 1.0)}
runs = {}
for name, (kind, factor) in starts.items():
    net = MLP([2, 10, 5, 1], activation="relu", init="zeros")
    net.weights = course_weights(net.layer_sizes, kind, factor=factor)
    runs[name] = (net, net.fit(X, y, epochs=15000, lr=0.01))

# %%
# NBVAL_CHECK_OUTPUT
# the accuracy table, next to the course's published numbers
published = {"zeros": (0.50, 0.50), "randn x10": (0.83, 0.86), "He": (0.9933, 0.96)}
print(f"{'init':12s} {'train':>6s} {'test':>6s}   published train/test")
for name, (net, history) in runs.items():
    ref = "   {:.2f} / {:.2f}".format(*published[name]) if name in published else ""
    print(f"{name:12s} {net.accuracy(X, y):6.2f} {net.accuracy(X_test, y_test):6.2f}{ref}")

# %%
# cost curves and three decision boundaries
fig, axes = plt.subplots(1, 4, figsize=(20, 4.3))
for name, (net, history) in runs.items():
    plot_loss(history, ax=axes[0], label=name, test=False)
for ax, name in zip(axes[1:], ("zeros", "randn x10", "He")):
    plot_decision_boundary(runs[name][0], X_test, y_test, ax=ax, title=name)
plt.show()

# %% [markdown]
# Zeros never leave the starting loss log 2 ≈ 0.693: notebook 2 showed why. The ×10 start begins with an enormous
# loss and crawls; He's start learns the circles. In the course's own code the first printed cost of the ×10 run was
# `inf`: it computed log(sigmoid(z)) and sigmoid(z) rounded to exactly 1. We compute the loss from the logits,
# log(1 + e^z) − y·z, which stays finite:

# %%
# NBVAL_CHECK_OUTPUT
# the first-epoch loss of each start
for name, (net, history) in runs.items():
    print(f"{name:12s} first loss {history.loss[0]:10.3f}   last loss {history.loss[-1]:.3f}")

# %% [markdown]
# ## Why large weights hurt: saturation
# A sigmoid's slope is at most 0.25 (at z = 0) and almost 0 once |z| > 5; tanh's slope is at most 1 and almost 0 once
# |z| > 3. Large weights make large pre-activations z, the units sit in their flat tails, and the gradients that
# pass through them are multiplied by nearly zero: learning slows to a crawl (Glorot & Bengio 2010).

# %%
# sigmoid, tanh and their derivatives
z = np.linspace(-8, 8, 400)
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(z, sigmoid(z), label="sigmoid(z)", lw=2)
ax.plot(z, sigmoid(z) * (1 - sigmoid(z)), "--", label="sigmoid′(z), at most 0.25", lw=2)
ax.plot(z, np.tanh(z), label="tanh(z)", lw=2)
ax.plot(z, 1 - np.tanh(z) ** 2, "--", label="tanh′(z), at most 1", lw=2)
ax.axvspan(-8, -3, color="0.9")
ax.axvspan(3, 8, color="0.9")
ax.text(-5.5, 0.5, "flat tails:\nslope ≈ 0", ha="center")
ax.set(xlabel="pre-activation z", title="Saturation: where the slope vanishes")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# > **Predict before you run.** A tanh layer of 50 units gets the circles as input. What fraction of its units is
# > saturated (|tanh| > 0.975) at scale 1, 10 and 100 times Glorot's rule, and what is the average slope that every
# > gradient passing through the layer gets multiplied by?

# %%
# NBVAL_CHECK_OUTPUT
# saturated fraction of a tanh layer against the init scale, and the average slope gradients are multiplied by
for scale in (1, 10, 100):
    net = MLP([2, 50, 1], activation="tanh", init="glorot_normal", scale=scale, seed=SEED)
    history = net.fit(X, y, epochs=1, lr=0.01)
    a = net.forward(X)[1][1]  # the layer's activations tanh(z), shape (300, 50)
    print(f"scale {scale:>3}: saturated {history.stat('saturated')[0, 0]:4.0%}, "
          f"mean slope tanh'(z) = {np.mean(1 - a**2):.2f}")

# %% [markdown]
# ## The U-shaped curve
# Sweep the scale over five orders of magnitude for three schemes and look at the test accuracy after a short
# training (1500 epochs at learning rate 0.1; three seeds per point, trained together as an ensemble to keep this
# cell fast). Too small: the signal dies on its way through the layers. Too large: the units saturate or the loss
# explodes. In between: it trains.

# %%
# accuracy against the init scale for three schemes
sweep = scale_sweep(X, y, X_test, y_test, layer_sizes=(2, 10, 5, 1),
                    schemes=("he_normal", "glorot_normal", "random_normal"), scales=np.logspace(-2, 2, 9),
                    n_seeds=3, epochs=1500, lr=0.1)
plot_accuracy_vs_scale(sweep)
plt.show()

# %% [markdown]
# `random_normal` (Keras' fixed default std 0.05) needs a scale of 10 or more to reach the range where He and Glorot
# already are around scale 1: the schemes exist so that scale 1 is a good start for any layer size.

# %% [markdown]
# ## Dashboard: scale and scheme, live
# Slide the init scale and pick a scheme; the network `[2, 8, 8, 1]` retrains on the circles at once. Watch the loss,
# the variance of each layer's activations and the decision boundary. Try `random_normal` at scale 1 and at 20, and
# `he_normal` at 0.01 and 30.

# %%
# the scale dashboard
lab = InitLab(controls=("scheme", "scale"), compact=True, title="Scale and scheme")
lab

# %%
# the dashboard's first picture, for readers without a running kernel
from IPython.display import Image  # noqa: E402

lab.wait()
Image(lab.plot.value)

# %% [markdown]
# ## Summary
# - The course's table reproduces exactly: zeros 50%, randn ×10 83%/86%, He 99.3%/96%.
# - Large weights saturate sigmoid and tanh (slopes near 0), so gradients vanish and learning crawls.
# - Too-small weights shrink the signal layer after layer; the accuracy-vs-scale curve is U-shaped.
# - He and Glorot choose the scale from the layer's size, so that 1 is a good value of the slider.

# %% [markdown]
# ## Exercises
# **Exercise 1.** He's rule draws a layer's weights with standard deviation √(2 / fan_in). What is that standard
# deviation for the course network's second weight matrix (10 inputs, 5 outputs)?

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number
check("scale.he_std", answer_1)

# %% [markdown]
# **Exercise 2.** What is the largest slope the sigmoid function has, anywhere?

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number
check("scale.sigmoid_max_slope", answer_2)
