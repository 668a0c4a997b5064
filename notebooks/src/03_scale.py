# %% [markdown]
# # 3. Scale: how big should the first weights be?
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F03_scale.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Notebook 2 showed that the first weights must be random. Random, yes, but how big? This notebook reproduces the
# initialization experiment of deeplearning.ai's *Improving Deep Neural Networks* course (week 1) number for number,
# then looks inside: large weights give absurdly confident wrong answers and push sigmoid and tanh units into their
# flat tails, where gradients vanish; small weights starve the network of signal. In between lies a range of scales
# that trains, and a sweep over four orders of magnitude draws the whole picture.

# %% [markdown]
# ## Learning objectives
# By the end of this notebook you can
# - reproduce the course's accuracy table: zeros 50%, randn ×10 83%/86%, He 99.3%/96% (train/test);
# - explain why the course printed a cost of `inf`, and why WeightLab's loss stays finite;
# - explain why large weights saturate sigmoid and tanh units and slow learning down;
# - read an accuracy-vs-scale curve and find the range of scales that trains, for several schemes.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import json
import pathlib

import matplotlib.pyplot as plt
import numpy as np

from weightlab import ACTIVATIONS, MLP, History, MLPEnsemble, load_circles
from weightlab.activations import SATURATION_LEVEL, sigmoid
from weightlab.exercises import check, progress
from weightlab.experiments import course_weights, scale_sweep
from weightlab.plots import plot_accuracy_vs_scale, plot_decision_boundary, plot_loss
from weightlab.widgets import InitLab

SEED = 0
# the runs too long for a notebook, saved by scripts/long_runs.py (one folder up from the teacher edition)
SAVED = pathlib.Path("data") if pathlib.Path("data").is_dir() else pathlib.Path("../data")
plt.rcParams["figure.dpi"] = 80
X, y, X_test, y_test = load_circles()  # the course's 300 training and 100 test points

# %% [markdown]
# ## The course experiment
# The course trains a `[2, 10, 5, 1]` network (relu hidden layers, one sigmoid output) on the circles by full-batch
# gradient descent, learning rate 0.01, for 15000 iterations, from three starts. Both random starts use the same
# numbers: numpy's legacy generator seeded with 3, one `randn(fan_out, fan_in)` matrix per layer, then
#
# | start | weights of layer l | std of the three layers |
# |---|---|---|
# | zeros | 0 | 0, 0, 0 |
# | randn ×10 ("large") | randn · 10 | 10, 10, 10 |
# | He | randn · √(2 / fan_in) | 1, 0.45, 0.63 |
#
# `course_weights` draws exactly the same numbers (in a private generator, numpy's global seed is left alone), so
# we can load them into WeightLab's `MLP` and compare with the published accuracies. We add two starts of our own
# from the same draws: randn ×0.1 (too small) and randn ×1/3 (a single guess close to He's three factors).
#
# > **Predict before you run.** Rank the five starts by final test accuracy. Which one do you expect to be stuck?

# %%
# train the course's network from five starts, 15000 epochs each, as one MLPEnsemble (notebook 1) in float64: its
# members make the same runs as MLP.fit calls one after the other (to rounding error), in a fraction of the time.
# Two more starts ride along for the last section: randn x1, and the folk rule x0.01.
starts = {"zeros": ("zeros", 1.0), "randn x10": ("large", 1.0), "randn x0.1": ("randn", 0.1),
          "randn /3": ("randn", 1 / 3), "He": ("he", 1.0)}
later = {"randn x1": ("randn", 1.0), "randn x0.01": ("randn", 0.01)}
names = [*starts, *later]
course_runs = MLPEnsemble([2, 10, 5, 1], seeds=range(len(names)), activation="relu", dtype="float64")
for member, (kind, factor) in enumerate([*starts.values(), *later.values()]):  # overwrites MLPEnsemble's He init
    for W_all, W in zip(course_runs.weights, course_weights(course_runs.layer_sizes, kind, factor=factor)):
        W_all[member] = W
losses = course_runs.fit(X, y, epochs=15000, lr=0.01).loss  # shape (7 starts, 15000 epochs)
all_runs = {name: (course_runs.member(r), History(loss=list(losses[r]))) for r, name in enumerate(names)}
runs = {name: all_runs[name] for name in starts}

# %% [markdown]
# The course published train / test accuracies for its three starts. Ours are printed next to them, in percent:

# %%
# NBVAL_CHECK_OUTPUT
# the accuracy table, next to the course's published numbers
published = {"zeros": (50.0, 50.0), "randn x10": (83.0, 86.0), "He": (99.33, 96.0)}
print(f"{'start':11s} {'train':>7s} {'test':>7s}    published train / test")
for name, (net, history) in runs.items():
    ref = "    {:.1f}% / {:.1f}%".format(*published[name]) if name in published else "    (not in the course)"
    print(f"{name:11s} {100 * net.accuracy(X, y):6.1f}% {100 * net.accuracy(X_test, y_test):6.1f}%{ref}")

# %%
# cost curves (log scale on both axes, so that the first epochs are visible) and the five decision boundaries
fig, axes = plt.subplots(2, 3, figsize=(16, 9.6), layout="constrained")
dashed_on_top = dict(ls="--", zorder=3)  # zeros and randn x0.1 overlap at log 2: zeros dashed, on top
for name, (net, history) in runs.items():
    plot_loss(history, ax=axes[0, 0], label=name, test=False, **(dashed_on_top if name == "zeros" else {}))
axes[0, 0].set_xscale("symlog", linthresh=10)
axes[0, 0].set_xlim(0, 15000)
axes[0, 0].set_xlabel("epoch (log scale after 10)")
for ax, name in zip(axes.flat[1:], runs):
    net = runs[name][0]
    title = f"{name}: test accuracy {net.accuracy(X_test, y_test):.0%}"
    plot_decision_boundary(net, X_test, y_test, ax=ax, title=title)
plt.show()

# %% [markdown]
# Read the figure:
# - **zeros** (dashed) never leaves the starting loss log 2 ≈ 0.693 and predicts 0.5 everywhere: the symmetry of
#   notebook 2.
# - **randn ×10** starts with a loss of almost 1800 (next section), comes down over the first few hundred epochs in
#   wild oscillations, then crawls; its boundary is a jagged polygon that cuts through both classes.
# - **randn ×0.1** is stuck on the plateau at log 2 for the whole run: its output barely depends on the input, so its
#   gradients are tiny.
# - **randn /3** and **He** learn the circles. One third is close to He's factors (1, 0.45, 0.63) for this small
#   network; He's rule finds such factors for any layer size without guessing.

# %% [markdown]
# ## Why the course printed `inf`
# In the course's notebook the first cost of the ×10 run was `inf`. Look at the network's output before training:

# %%
# NBVAL_CHECK_OUTPUT
# the x10 network before any training: its logits, its probabilities, and the course's cost formula
net10 = MLP([2, 10, 5, 1], activation="relu", init="zeros")
net10.weights = course_weights(net10.layer_sizes, "large")
logits = net10.forward(X)[0][-1][:, 0]
p = 1 / (1 + np.exp(-logits))  # the sigmoid as the course computed it
print(f"logits from {logits.min():.0f} to {logits.max():.0f}: every point is predicted class 1")
print(f"points whose probability rounds to exactly 1.0: {np.mean(p == 1.0):.0%}, "
      f"of which {np.mean(y[p == 1.0] == 0):.0%} are class 0")
with np.errstate(divide="ignore", invalid="ignore"):
    course_cost = np.nansum(-y * np.log(p) - (1 - y) * np.log(1 - p)) / len(y)  # the course's compute_loss
print(f"the course's cost: {course_cost}")
print(f"WeightLab's cost from the logits: {net10.loss(X, y):.1f}")

# %% [markdown]
# Each weight matrix multiplies the signal by about 10 (and relu keeps positive values as they are), so the logits
# are about 1000 times those of plain randn: thousands. The sigmoid of such a number is 1.0 in floating point, and for
# a class-0 point the course's cost takes log(1 − 1.0) = log 0 = −∞. WeightLab computes the loss from the logit z
# instead, as log(1 + e^z) − y·z, which is exact and finite: a class-0 point with z = 6929 costs 6929, and the mean
# over all points is the 1773.6 printed above. The numbers are absurd either way: the network is
# *confidently wrong* about half the data, and the first gradient steps are enormous.
#
# The first and last loss of each run:

# %%
# NBVAL_CHECK_OUTPUT
# the first-epoch and last-epoch loss of each start
for name, (net, history) in runs.items():
    print(f"{name:11s} first loss {history.loss[0]:8.4g}   last loss {history.loss[-1]:.3f}")

# %% [markdown]
# ## Why large weights hurt: saturation
# The course's hidden units are relus, which never flatten out for positive inputs; only its output sigmoid
# saturated. In a network of sigmoid or tanh units the same large weights do more damage. A sigmoid's slope is at most
# 0.25 (at z = 0), tanh's at most 1, and both slopes are almost 0 once |z| is a few units. Backpropagation multiplies
# every gradient by the slope of each unit it passes through. Large weights make large pre-activations z, the units
# sit in their flat tails, and the gradients that pass through them are multiplied by nearly zero: learning slows to
# a crawl (Glorot & Bengio 2010). The grey bands below mark where WeightLab calls a unit *saturated*: where its slope
# is below 5% of the maximum.

# %%
# sigmoid and tanh with their derivatives; grey: the saturated tails (slope < 5% of its maximum)
z = np.linspace(-8, 8, 1601)
fig, axes = plt.subplots(1, 2, figsize=(14, 4.2), layout="constrained")
for ax, name, max_slope in ((axes[0], "sigmoid", 0.25), (axes[1], "tanh", 1.0)):
    act = ACTIVATIONS[name]
    a = act.f(z)
    edge = z[np.argmax(act.saturated(a) == 0)]  # the first z (from the left) that is not saturated
    ax.axvspan(-8, edge, color="0.88")
    ax.axvspan(-edge, 8, color="0.88", label=f"saturated: |z| > {-edge:.2f}")
    ax.plot(z, a, lw=2.5, label=f"{name}(z)")
    ax.plot(z, act.grad(z, a), "--", lw=2.5, label=f"{name}′(z), at most {max_slope:g}")
    ax.set_xlabel("pre-activation z", fontsize=12)
    ax.set_title(f"{name}: the slope vanishes in the tails", fontsize=14)
    ax.legend(loc="upper left", fontsize=10.5)
plt.show()

# %% [markdown]
# > **Predict before you run.** A tanh layer of 50 units gets the circles as input, with Glorot's weights times 1,
# > 10 and 100. What fraction of its units' outputs is saturated at each scale, and what is the average slope that
# > every gradient passing through the layer gets multiplied by?

# %%
# NBVAL_CHECK_OUTPUT
# a tanh layer under growing init scale: saturated fraction and average slope tanh'(z) over the 300 points
tanh = ACTIVATIONS["tanh"]
layers = {}
for scale in (1, 10, 100):
    net = MLP([2, 50, 1], activation="tanh", init="glorot_normal", scale=scale, seed=SEED)
    zs, activations = net.forward(X)
    layers[scale] = zs[0]  # pre-activations of the hidden layer, shape (300, 50)
    a = activations[1]
    print(f"scale {scale:>3}: std of z {zs[0].std():6.2f}   saturated {tanh.saturated(a).mean():4.0%}   "
          f"mean slope tanh'(z) = {np.mean(tanh.grad(zs[0], a)):.2f}")

# %%
# the layer's outputs tanh(z) and the slopes tanh'(z) that gradients get multiplied by, for the three scales
fig, axes = plt.subplots(1, 2, figsize=(14, 4.2), layout="constrained")
colors = {1: "#0072B2", 10: "#E69F00", 100: "#CC0000"}
for scale, z_layer in layers.items():
    a = np.tanh(z_layer).ravel()
    share = np.full(a.size, 100 / a.size)  # each bar: the percentage of the 300 x 50 outputs that fall in it
    axes[0].hist(a, bins=40, range=(-1, 1), weights=share, histtype="step", lw=2.5, color=colors[scale],
                 label=f"Glorot × {scale}")
    axes[1].hist(1 - a**2, bins=40, range=(0, 1), weights=share, histtype="step", lw=2.5, color=colors[scale],
                 label=f"Glorot × {scale}: mean slope {np.mean(1 - a**2):.2f}")
for ax in axes:
    ax.set_ylabel("% of the layer's outputs", fontsize=12)
axes[0].axvspan(-1, -SATURATION_LEVEL, color="0.85")
axes[0].axvspan(SATURATION_LEVEL, 1, color="0.85", label="saturated")
axes[0].set(xlim=(-1.02, 1.02), xlabel="output tanh(z)")
axes[0].set_title("The outputs pile up at ±1", fontsize=14)
axes[1].set(xlim=(0, 1.02), xlabel="slope tanh′(z) = 1 − tanh(z)²")
axes[1].set_title("The slopes that gradients pass through", fontsize=14)
axes[0].legend(loc="upper center", fontsize=10.5)
axes[1].legend(loc="upper center", fontsize=10.5)
plt.show()

# %% [markdown]
# At scale 1 the outputs stay near 0, where tanh is almost the identity, and nearly every slope is close to 1. At
# scale 10 a quarter of the outputs are saturated and the average slope is down to 0.37; at scale 100 almost every
# output is pinned at ±1 and a gradient passing through the layer is multiplied by 0.04 on average. Stack a few such
# layers and the gradient that reaches the first one is multiplied by such a factor once per layer: the first layers
# barely move, and learning slows to a crawl.

# %% [markdown]
# ## The inverted U: accuracy against scale
# Now sweep the scale over four orders of magnitude for three schemes and look at the test accuracy after training.
# `scale` multiplies whatever the scheme draws: He's std √(2/fan_in), Glorot's √(2/(fan_in + fan_out)), or Keras'
# fixed `random_normal` std of 0.05. To keep this cell fast each network is trained briefly (600 epochs at learning
# rate 0.5), three seeds per point, trained together as one vectorized ensemble.
#
# > **Predict before you run.** Where will each scheme's curve peak? Will `random_normal` peak at scale 1 too?

# %%
# test accuracy against the init scale for three schemes (3 seeds each, 600 epochs: about 2 s)
sweep = scale_sweep(X, y, X_test, y_test, layer_sizes=(2, 10, 5, 1),
                    schemes=("he_normal", "glorot_normal", "random_normal"), scales=np.logspace(-2, 2, 9),
                    n_seeds=3, epochs=600, lr=0.5)
ax = plot_accuracy_vs_scale(sweep)
ax.figure.set_size_inches(10, 4.6)
plt.show()

# %%
# the scale at which each scheme does best (mean over the seeds)
mean_accuracy = sweep["test_accuracy"].mean(axis=-1)
for scheme, row in zip(sweep["schemes"], mean_accuracy):
    print(f"{scheme:14s} best at scale {sweep['scales'][row.argmax()]:5.3g}: test accuracy {row.max():.2f}")

# %% [markdown]
# Both sides of the curve fall to chance (0.5). What goes wrong at each end? Train one He network per scale the same
# way and look at its first loss and at its *dead* relu units (units that output 0 for every training point, so they
# never get a gradient again):

# %%
# NBVAL_CHECK_OUTPUT
# one He network per scale, trained like the sweep: first loss, dead relu units at the end, test accuracy
for scale in (0.01, 1, 10, 100):
    net = MLP([2, 10, 5, 1], init="he_normal", scale=scale, seed=SEED)
    history = net.fit(X, y, epochs=600, lr=0.5)
    dead = history.stat("dead")[-1]
    print(f"scale {scale:>5}: first loss {history.loss[0]:8.3g}   last loss {history.loss[-1]:.3f}   dead units: "
          f"layer 1 {dead[0]:4.0%}, layer 2 {dead[1]:4.0%}   test accuracy {net.accuracy(X_test, y_test):.2f}")

# %% [markdown]
# - **Too small** (0.01): the signal shrinks in every layer, the output hardly depends on the input and the gradients
#   are tiny. The loss sits on the plateau at log 2, like randn ×0.1 above.
# - **Too large** (10, 100): three weight matrices multiply the logits by the scale cubed, so the first loss is in the
#   hundreds or hundreds of thousands. The first gradient steps are just as huge and push most relus into their dead
#   zone (at scale 100 every unit of layer 2 is dead): what is left cannot learn the circles.
# - **He and Glorot** peak around scale 1 to 3, because they choose the std from the layer's size. `random_normal`'s
#   fixed 0.05 is far too small for these narrow layers: it only works once the slider multiplies it by 10 to 30.
# - At their best, the three schemes reach the same test accuracy (0.94): on a network this small one good std suits
#   every layer, and a sweep finds it for any scheme. What He's rule saves is the sweep: its top sits near scale 1
#   whatever the layers' sizes, where a fixed std's top moves with them (the last section shows a fixed std as the
#   network grows).

# %% [markdown]
# ## The course's table in full, and its explanations checked
# The course's table has more to say than its three rows. Four more measurements:
#
# 1. **randn ×1**, the plain standard normal, which the course does not try.
# 2. **randn ×10 trained longer**: the course says the large start "slows down the optimization" and that training
#    longer gives better results. We trained it for 60 000 and 160 000 epochs (about 20 s, so `scripts/long_runs.py`
#    ran it once and saved every 1000th epoch in `data/course_long_runs.json`; a test re-trains the first epochs).
# 3. **randn ×0.01**, the folk rule "multiply by 0.01" of many tutorials.
# 4. One name: what the course's article calls "Xavier", √(1/n), is **LeCun's** rule (1998); Glorot & Bengio's
#    (2010) is √(2/(fan_in + fan_out)) (notebook 4).
#
# > **Predict before you run.** Does randn ×10 reach He's 96% if you give it ten times the training?

# %%
# NBVAL_CHECK_OUTPUT
# randn x1 and the folk rule x0.01 on the course's network (trained with the five starts at the top: the same seed-3
# draws, times 1 and times 0.01); randn x10 over 160 000 epochs, from the saved run
for name in later:
    net, history = all_runs[name]
    print(f"{name:12s} 15000 epochs: train {100 * net.accuracy(X, y):5.1f}%, test {100 * net.accuracy(X_test, y_test):5.1f}%, "
          f"final loss {history.loss[-1]:.3f}")
long_run = json.loads((SAVED / "course_long_runs.json").read_text())
print(f"randn x10    loss at epoch 0: {long_run['loss'][0]:.0f}, at epoch 1000: {long_run['loss'][1]:.2f}")
for epochs in (15000, 60000, 160000):
    row = min(len(long_run["epoch"]) - 1, epochs // long_run["every"])
    print(f"randn x10    {epochs:6d} epochs: train {100 * long_run['train_accuracy'][row]:5.1f}%, test "
          f"{100 * long_run['test_accuracy'][row]:5.1f}%, loss {long_run['loss'][row]:.3f}, dead units in layer 2: "
          f"{long_run['dead'][row][1]:.0%}")

# %%
# the x10 run over 160 000 epochs: the loss (log scale) and the dead units of layer 2
fig, axes = plt.subplots(1, 2, figsize=(15, 4.2), layout="constrained")
epochs = np.array(long_run["epoch"])
axes[0].plot(epochs[1:], long_run["loss"][1:], lw=2.2, color="#D55E00")
axes[0].set_yscale("log")
axes[0].set_title("randn ×10: training loss, every 1000th epoch", fontsize=14)
axes[1].plot(epochs, 100 * np.array(long_run["dead"])[:, 1], lw=2.2, color="#D55E00", label="dead units, layer 2")
axes[1].plot(epochs, 100 * np.array(long_run["test_accuracy"]), lw=2.2, color="#0072B2", label="test accuracy")
axes[1].set_ylim(0, 100)
axes[1].set_ylabel("percent", fontsize=12.5)
axes[1].set_title("randn ×10: dead units and test accuracy", fontsize=14)
axes[1].legend(fontsize=11, loc="center right")
for ax in axes:
    ax.set_xlabel("epoch", fontsize=12.5)
plt.show()

# %% [markdown]
# - **randn ×1 matches He** on this network, 99.7% / 96%: the three He factors for fans of 2, 10 and 5 are 1, 0.45
#   and 0.63, close enough to 1. He's rule matters as the layers widen and deepen (next cell).
# - **randn ×10 stays stuck.** After 60 000 and 160 000 epochs it has 85.3% / 84%, no better than at 15 000. The
#   right panel says why: by epoch 1000, 60% of layer 2's units (3 of its 5) are dead, and a dead relu unit never
#   gets a gradient again. The network left to learn is a smaller one, and no amount of training brings the units
#   back. The course blames *saturation*; but these hidden units are relus, which do not saturate. What saturates is
#   the output sigmoid at the start (the `inf` above), and that is over within the first thousand epochs (the loss
#   falls from 1774 to 0.62). The plateau is the dead units', and "a slower optimization" undersells it: it is a
#   worse network.
# - **The folk rule ×0.01 fails here**: the loss stays at log 2 and the accuracy at chance. Each relu layer scales the
#   variance by about fan_in × 0.01² / 2, and two hidden layers of 10 and 5 units are enough to leave no signal.
#   The rule comes from networks with one hidden layer, where it can work.
#
# Why He's rule matters only as the network grows: the standard deviation of the logits at the start, and the first
# loss, for randn ×1 and He on three networks.

# %%
# NBVAL_CHECK_OUTPUT
# the logits' spread and the loss at the start: randn x1 against He, as the network widens and deepens
for sizes in ([2, 10, 5, 1], [2] + [64] * 4 + [1], [2] + [256] * 8 + [1]):
    plain = MLP(sizes, init="random_normal", init_options={"stddev": 1.0}, seed=3)
    he = MLP(sizes, init="he_normal", seed=3)
    label = f"{len(sizes) - 2} hidden layers of {sizes[1]}"
    print(f"{label:22s} randn x1: logit std {plain.forward(X)[0][-1].std():9.3g}, first loss {plain.loss(X, y):9.3g}   "
          f"He: logit std {he.forward(X)[0][-1].std():5.2f}, first loss {he.loss(X, y):.2f}")

# %% [markdown]
# With fans of a few units, N(0, 1) is about right; with 64 units per layer every relu layer multiplies the variance
# by 32 and the first loss is in the hundreds, with 256 units and 8 layers the logits reach 10⁸ and the first loss
# 5·10⁷. He's rule keeps the logits near 0.5 in all three, because it divides by the fan instead of guessing.

# %% [markdown]
# ## Dashboard: scale and scheme, live
# Slide the init scale (log scale, 0.001 to 100) and pick a scheme: the network `[2, 8, 8, 1]` retrains on the circles
# at once (3000 epochs at learning rate 0.05). Watch the loss, the variance of each layer's activations and the
# decision boundary. Try `random_normal` at scale 1 and at 20, `he_normal` at 0.01 and at 30, and `zeros`.

# %%
# the scale dashboard
lab = InitLab(controls=("scheme", "scale"), compact=True, epochs=3000, lr=0.05, title="Scale and scheme")
lab

# %% [markdown]
# *Reading without a running kernel?* Here is the dashboard's first picture (He, scale 1) as a plain image.

# %%
# the dashboard's first picture, for readers without a running kernel
lab.snapshot()

# %% [markdown]
# ## Summary
# - The course's table reproduces exactly: zeros 50% / 50%, randn ×10 83% / 86%, He 99.3% / 96%.
# - Too large: logits in the thousands, confidently wrong predictions (the course's `inf`), and saturated sigmoid and
#   tanh units whose near-zero slopes make gradients vanish.
# - Too small: the signal and the gradients shrink layer after layer, and training sits on a plateau.
# - Accuracy against scale is an upside-down U. He and Glorot put its top near scale 1 for any layer size; a fixed
#   std like 0.05 does not. Notebook 4 derives the right scale.

# %% [markdown]
# ## Exercises
# **Exercise 1.** He's rule draws a layer's weights with standard deviation √(2 / fan_in). What is that standard
# deviation for the course network's second weight matrix (10 inputs, 5 outputs)? Give 3 significant figures.

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
answer_1 = np.sqrt(2 / 10)  # √(2 / fan_in)
### END SOLUTION
check("scale.he_std", answer_1)

# %% [markdown]
# **Exercise 2.** What is the largest slope the sigmoid function has, anywhere? Give 2 significant figures.

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number (2 significant figures)
### BEGIN SOLUTION
z = np.linspace(-10, 10, 20001)
answer_2 = float(np.max(sigmoid(z) * (1 - sigmoid(z))))  # σ′(z) = σ(z)(1 − σ(z)), largest at z = 0: 1/4
### END SOLUTION
check("scale.sigmoid_max_slope", answer_2)

# %% [markdown]
# **Exercise 3.** The course's ×10 start uses the same random numbers as a plain randn start, times 10 in each of the
# three weight matrices (the biases are zero). By what factor are its output logits larger than those of the plain
# randn start? Give 3 significant figures, and check your answer with `course_weights(..., "randn", factor=1.0)` and
# `net.forward(X)`.

# %%
# Exercise 3: your answer
answer_3 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
large_net, randn_net = (MLP([2, 10, 5, 1], activation="relu", init="zeros") for _ in range(2))
large_net.weights = course_weights(large_net.layer_sizes, "large")
randn_net.weights = course_weights(randn_net.layer_sizes, "randn", factor=1.0)
answer_3 = float(np.median(large_net.forward(X)[0][-1] / randn_net.forward(X)[0][-1]))  # 10 × 10 × 10
### END SOLUTION
check("scale.logit_factor", answer_3)

# %% [markdown]
# **Exercise 4 (code).** Write He's initializer yourself: `he_normal(fan_in, fan_out, rng)` returns W of shape
# (fan_in, fan_out) with entries drawn from He et al.'s normal distribution N(0, 2 / fan_in): the plain, untruncated
# normal, like PyTorch's `kaiming_normal_` (Keras' `he_normal` cuts its tails). Draw from `rng` only. The check draws
# large matrices with your function and compares their mean, variance and shape of distribution with weightlab's
# `kaiming_normal` for relu, on other shapes and seeds, 1 × 1 included.

# %%
# Exercise 4: write he_normal, then run this cell to check it
def he_normal(fan_in, fan_out, rng):
    """W of shape (fan_in, fan_out), entries from N(0, 2 / fan_in) drawn from rng (He et al. 2015)."""
    ### BEGIN SOLUTION
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))  # normal() takes the std, not the variance
    ### END SOLUTION


check("scale.he_normal_code", he_normal)

# %% [markdown]
# **Exercise 5 (code).** Write the loss the course should have computed: `bce_from_logits(z, y)`, the mean binary
# cross-entropy −y log p − (1 − y) log(1 − p) with p = σ(z), computed from the logits `z` so that it is exact and
# finite for every finite z: try z = 40, z = 800 and z = 1e300 before you check. `z` and `y` have shape (n,), `y` holds
# 0s and 1s; return one number. The check compares with the loss of weightlab's own network, on logits up to ±1e300.

# %%
# Exercise 5: write bce_from_logits, then run this cell to check it
def bce_from_logits(z, y):
    """The mean binary cross-entropy of labels y for logits z (both of shape (n,)), exact and finite for any z."""
    ### BEGIN SOLUTION
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))  # log(1 + e^z): e^(−|z|) never overflows
    return float(np.mean(softplus - y * z))  # −log σ(z) = softplus(−z), and softplus(−z) = softplus(z) − z
    ### END SOLUTION


check("scale.bce_code", bce_from_logits)


# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(3)
