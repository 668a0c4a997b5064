# %% [markdown]
# # 0. Start here: how do neural networks begin?
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F00_start_here.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Before a network learns anything, every weight must be given a first value. That choice looks like a detail, and it
# decides whether the network learns at all, how fast, and where it ends up. This course shows why, with an experiment
# behind every claim: you will break networks on purpose and watch them fail, then fix them with the rules that
# LeCun, Glorot & Bengio and He et al. worked out.

# %% [markdown]
# ## Learning objectives
# By the end of this notebook you can
# - say what "weight initialization" means and where it happens in `MLP`;
# - run a network from two different initializations and compare the outcome;
# - use a WeightLab dashboard: move the init-scale slider, pick a scheme, read the plots;
# - find your way through the eight notebooks of the course.

# %% [markdown]
# ## Setup
# Run this cell first (Shift+Enter). It imports the few named things this notebook uses from `weightlab` and fixes
# one seed, so that your numbers are the same as the ones printed here.

# %%
# imports and one seed for the whole notebook
import matplotlib.pyplot as plt
import numpy as np

from weightlab import MLP, load_circles
from weightlab.exercises import check, progress
from weightlab.plots import plot_decision_boundary, plot_loss
from weightlab.widgets import InitLab

SEED = 0
plt.rcParams["figure.dpi"] = 80
print("numpy", np.__version__)

# %% [markdown]
# ## A first network
# The data: 300 points on two noisy circles, the classic data set of the deeplearning.ai course experiment we will
# reproduce in notebook 3. Class 1 is the inner circle. A straight line cannot separate them; a small network can.

# %%
# NBVAL_CHECK_OUTPUT
# the course's data set: 300 training points and 100 test points
X, y, X_test, y_test = load_circles()
print(X.shape, y.shape, X_test.shape, "class balance:", y.mean())

# %% [markdown]
# The network has 2 inputs, two hidden layers of 10 and 5 ReLU units, and one sigmoid output: `MLP([2, 10, 5, 1])`.
# Its weights are drawn when it is created. `init` names the rule (here He's, the right one for ReLU) and `scale`
# multiplies every weight: the knob this whole course is about.

# %%
# create a network: this is where the weights are initialized
net = MLP([2, 10, 5, 1], activation="relu", init="he_normal", scale=1.0, seed=SEED)
print(net)
print("first layer weights, shape", net.weights[0].shape)
print(np.round(net.weights[0], 2))

# %% [markdown]
# > **Predict before you run.** The next cell trains two copies of this network for 2000 epochs. One starts from the
# > He weights above, the other from weights 100 times smaller (`scale=0.01`). Which one learns the circles? Will the
# > other one learn anything at all?

# %%
# NBVAL_CHECK_OUTPUT
# train two initializations of the same network and compare
runs = {}
for scale in (1.0, 0.01):
    model = MLP([2, 10, 5, 1], init="he_normal", scale=scale, seed=SEED)
    runs[scale] = (model, model.fit(X, y, epochs=2000, lr=0.05))
    print(f"scale {scale:>5}: final loss {runs[scale][1].loss[-1]:.3f}, test accuracy {model.accuracy(X_test, y_test):.2f}")

# %%
# loss curves and decision boundaries of the two runs
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
for scale, (model, history) in runs.items():
    plot_loss(history, ax=axes[0], label=f"scale {scale}", test=False)
plot_decision_boundary(runs[1.0][0], X_test, y_test, ax=axes[1], title="He init, scale 1")
plot_decision_boundary(runs[0.01][0], X_test, y_test, ax=axes[2], title="He init, scale 0.01")
plt.show()

# %% [markdown]
# Same data, same network, same training: only the starting weights differ, and the small start is stuck on a flat
# loss for a long time, predicting one class everywhere. Notebooks 3 and 4 explain exactly why.

# %% [markdown]
# ## The Init Lab, a first taste
# Each notebook has a dashboard. This one trains the network above live. **Move the init-scale slider** (it is on a
# log scale, from 0.001 to 100) and **pick another scheme**, and watch the loss curve, the variance of each layer's
# activations, and the decision boundary redraw while the network trains. The "train more" button continues training
# from where the network is. The last line shows one line of Python that reproduces what you see.
#
# Try: `scale` 0.01 and 100; the schemes `zeros`, `random_normal` and `he_normal`.

# %%
# the Init Lab teaser: scheme and scale only
lab = InitLab(controls=("scheme", "scale"), compact=True, title="Init Lab (teaser)")
lab

# %% [markdown]
# *Reading the dashboard without running it?* Here is the same picture the dashboard starts with, drawn as a plain
# figure.

# %%
# the dashboard's first frame as a static picture (the widget above needs a running kernel)
lab.snapshot()

# %% [markdown]
# ## How the course is organized
# Each notebook answers one question. The list of notebooks is a table in the library, `weightlab.course.COURSE`; this
# cell shows it:

# %%
# the course's notebooks, rendered as a table from weightlab.course.COURSE
from IPython.display import Markdown  # noqa: E402

from weightlab.course import course_table  # noqa: E402

Markdown(course_table())

# %% [markdown]
# Each notebook has the same shape: objectives, setup, short experiments with "predict before you run" prompts, a
# dashboard, a summary and exercises whose answers you can check.

# %% [markdown]
# ## Summary
# - A network's weights get their first values when it is created; `init` is the rule and `scale` multiplies them.
# - With everything else fixed, the initialization alone decided whether this network learned the circles.
# - A fixed `seed` makes a run repeatable: the numbers above are the ones you get.

# %% [markdown]
# ## Exercises
# **Exercise 1.** Create `MLP([2, 10, 5, 1], seed=SEED)` and give the number of weights in its *second* weight matrix
# (`net.weights[1]`), biases not included.

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a whole number
### BEGIN SOLUTION
answer_1 = MLP([2, 10, 5, 1], seed=SEED).weights[1].size  # 10 inputs × 5 units
### END SOLUTION
check("start.second_layer_weights", answer_1)

# %% [markdown]
# **Exercise 2.** Train `MLP([2, 10, 5, 1], init="zeros", seed=SEED)` for 500 epochs with `lr=0.05` on `X, y`.
# What is its test accuracy, as a number between 0 and 1? Give 2 significant figures.

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number between 0 and 1 (2 significant figures)
### BEGIN SOLUTION
zero_net = MLP([2, 10, 5, 1], init="zeros", seed=SEED)
zero_net.fit(X, y, epochs=500, lr=0.05)
answer_2 = zero_net.accuracy(X_test, y_test)  # one class for every point: the share of that class, 0.5
### END SOLUTION
check("start.zeros_accuracy", answer_2)

# %% [markdown]
# **Exercise 3 (code).** Write the first step of every network yourself: `init_weights(layer_sizes, rng, std=0.05)`
# returns one weight matrix per layer, the l-th of shape (`layer_sizes[l]`, `layer_sizes[l + 1]`), one row per input
# and one column per unit, with entries drawn from N(0, std²). Draw every number from `rng`, a
# `np.random.Generator` (`rng.normal(mean, std, size)`), never from `np.random.*`, so that one seed reproduces the
# whole network. The check calls your function on other architectures and seeds and compares what it draws with
# weightlab's `random_normal`.

# %%
# Exercise 3: write init_weights, then run this cell to check it
def init_weights(layer_sizes, rng, std=0.05):
    """One weight matrix per layer, of shape (layer_sizes[l], layer_sizes[l + 1]), entries N(0, std²) from rng."""
    ### BEGIN SOLUTION
    return [rng.normal(0.0, std, size=(fan_in, fan_out)) for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:])]
    ### END SOLUTION


check("start.init_weights_code", init_weights)


# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(0)
