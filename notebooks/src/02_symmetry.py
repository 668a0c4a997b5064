# %% [markdown]
# # 2. Symmetry: why not start from zeros?
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F02_symmetry.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Notebook 1 ended with logistic regression happily learning from all-zero weights. Try the same with a hidden layer
# and nothing happens, or worse, something happens that looks like learning but uses one neuron where you paid for
# ten. This notebook follows the gradients batch by batch to see exactly why.

# %% [markdown]
# ## Learning objectives
# - Explain why hidden units that start identical stay identical under gradient descent (the symmetry problem).
# - Predict which weights and biases get a non-zero gradient in the first two steps for W=0/b=0, W=0/b random and
#   W random/b=0, from backpropagation by hand.
# - Count the distinct hidden units of a trained network and relate it to the initialization.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import matplotlib.pyplot as plt
import numpy as np

from weightlab import MLP, load_circles
from weightlab.exercises import check
from weightlab.experiments import count_distinct_units, gradient_flow_cases, symmetry_experiment
from weightlab.plots import plot_decision_boundary, plot_gradient_flow, plot_symmetry
from weightlab.widgets import GradientInspector

SEED = 0
plt.rcParams["figure.dpi"] = 80
X, y, X_test, y_test = load_circles()

# %% [markdown]
# ## Identical units stay identical
# Take a hidden layer whose units all start with the same incoming weights (a constant, say 0.3). Every unit computes
# the same function of the input, so every unit gets the same error signal from the layer above, so every unit's
# weights change by the same amount. After the update they are still equal, and so on forever: the layer behaves like
# a single unit, however wide it is.
#
# > **Predict before you run.** A tanh network `[2, 6, 4, 1]` starts with every weight equal to 0.3 and trains for
# > 2000 epochs. How many *different* units will its first hidden layer have at the end?

# %%
# NBVAL_CHECK_OUTPUT
# constant init vs random init: distinct hidden units during training
constant = symmetry_experiment(X, y, (2, 6, 4, 1), init="constant", init_options={"value": 0.3}, epochs=2000,
                               lr=0.5, record_every=100)
random_init = symmetry_experiment(X, y, (2, 6, 4, 1), init="glorot_normal", epochs=2000, lr=0.5, record_every=100)
print("distinct units per hidden layer at the end, constant init:", constant["distinct"][-1].tolist())
print("distinct units per hidden layer at the end, random init:  ", random_init["distinct"][-1].tolist())

# %%
# the count over the epochs, and the decision boundaries they give
fig, axes = plt.subplots(1, 3, figsize=(16, 4.3))
plot_symmetry(constant, ax=axes[0])
axes[0].set_title("constant init (0.3): distinct units")
plot_decision_boundary(constant["net"], X_test, y_test, ax=axes[1], title="constant init after training")
plot_decision_boundary(random_init["net"], X_test, y_test, ax=axes[2], title="Glorot init after training")
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
# the first layer's weights after training under constant init: six identical columns
print(np.round(constant["net"].weights[0], 3))

# %% [markdown]
# Six columns, one value pattern: six units doing the work of one. The decision boundary of the constant-init network
# is what a network with a single unit per layer can draw.

# %% [markdown]
# ## Three zero-init cases, step by step
# Now set weights and biases to zero or random separately, in a small relu network `[2, 4, 1]`, and look at which
# parameters receive a non-zero gradient in the first two gradient steps. Work it out by hand first, with
# backpropagation: for the output layer, ∂L/∂W₂ = a₁ᵀ δ₂ and ∂L/∂b₂ = Σ δ₂, where a₁ are the hidden activations and
# δ₂ = p − y is never zero; for the hidden layer, δ₁ = (δ₂ W₂ᵀ) ⊙ relu′(z₁).
#
# - **W=0, b=0.** z₁ = 0, so a₁ = relu(0) = 0: ∂L/∂W₂ = 0. And W₂ = 0 makes δ₁ = 0. Only b₂ moves. At step 2 nothing
#   has changed for the other parameters: the network stays stuck forever, predicting one constant probability.
# - **W=0, b random.** a₁ = relu(b₁) is not zero, so W₂ and b₂ move at step 1; W₂ was still 0, so δ₁ = 0 and the hidden
#   layer waits. At step 2 W₂ ≠ 0 and the hidden layer learns too, and its units differ because their biases differ.
# - **W random, b=0.** Everything gets a gradient at step 1: the usual case.
#
# > **Predict before you run.** Fill in, for each case, which of W1, b1, W2, b2 have a non-zero gradient at steps 1 and 2.

# %%
# NBVAL_CHECK_OUTPUT
# which parameters get a non-zero gradient at steps 1 and 2, for the three cases
flow = gradient_flow_cases(X[:64], y[:64], layer_sizes=(2, 4, 1), activation="relu", steps=2, lr=0.5)
for case, steps in flow.items():
    for k, step in enumerate(steps):
        moving = [f"{kind}{l + 1}" for l in range(2) for kind, masks in (("W", step["weights"]), ("b", step["biases"]))
                  if masks[l].any()]
        print(f"{case:14s} step {k + 1}: non-zero gradient for {', '.join(moving)}")

# %%
# the same as pictures: the fraction of entries with a non-zero gradient, step 1 and step 2
fig, axes = plt.subplots(1, 2, figsize=(14, 4))
plot_gradient_flow(flow, ax=axes[0], step=0)
plot_gradient_flow(flow, ax=axes[1], step=1)
plt.show()

# %% [markdown]
# ## After training: how many units are left?
# Training each case for longer shows where the symmetry ends up.

# %%
# NBVAL_CHECK_OUTPUT
# distinct hidden units after 1000 epochs in each case (a wider layer of 8 units)
cases = {"W=0, b=0": dict(init="zeros"),
         "W=0, b random": dict(init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0}),
         "W random, b=0": dict(init="random_normal", init_options={"stddev": 1.0})}
for case, kwargs in cases.items():
    net = MLP([2, 8, 1], activation="relu", seed=SEED, **kwargs)
    net.fit(X, y, epochs=1000, lr=0.5)
    print(f"{case:14s} distinct hidden units {count_distinct_units(net).tolist()} of [8], "
          f"test accuracy {net.accuracy(X_test, y_test):.2f}")

# %% [markdown]
# Random biases are enough to break the symmetry in principle, but a zero *weight* start is still a poor one: random
# weights are what every framework does. And logistic regression? It has no hidden units, so there is no symmetry to
# break: that is why zeros were fine in notebook 1.

# %% [markdown]
# ## Dashboard: the gradient inspector
# Pick a case and an activation, then press **next batch** to take one gradient step at a time. The left panel shows
# the fraction of entries of each parameter with a non-zero gradient at this step; the right one shows the hidden
# layer's parameters, one column per unit: identical columns are identical units. The slider scales the random part.
#
# Try: `W=0, b=0` with relu, then with sigmoid (sigmoid(0) = 0.5 is not zero: what changes?); `W=0, b random` for a few
# steps.

# %%
# the gradient inspector
inspector = GradientInspector()
inspector

# %%
# the inspector's first picture, for readers without a running kernel
from IPython.display import Image  # noqa: E402

Image(inspector.plot.value)

# %% [markdown]
# ## Summary
# - Units that start identical get identical gradients and stay identical: a constant init turns a layer into one unit.
# - With relu and W=0, b=0 only the output bias ever learns; with W=0 and random biases the hidden layer starts
#   learning at the second step.
# - Random weights break the symmetry from the first step; logistic regression has no symmetry to break.

# %% [markdown]
# ## Exercises
# **Exercise 1.** Train `MLP([2, 5, 3, 1], activation="tanh", init="constant", init_options={"value": 0.5})` on `X, y`
# for 500 epochs with `lr=0.5`. How many distinct units does its *first* hidden layer have? (Use
# `count_distinct_units`.)

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a whole number
check("symmetry.distinct_units", answer_1)

# %% [markdown]
# **Exercise 2.** In the relu case W=0, b=0, which parameters ever receive a non-zero gradient? Answer with one of
# `"none"`, `"b2"`, `"W2 and b2"`, `"all"`.

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with "none", "b2", "W2 and b2" or "all"
check("symmetry.zero_zero_learns", answer_2)
