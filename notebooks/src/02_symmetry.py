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

from weightlab import MLP, load_circles, load_gaussian
from weightlab.exercises import check, progress
from weightlab.experiments import count_distinct_units, gradient_flow_cases, symmetry_experiment
from weightlab.plots import plot_decision_boundary, plot_gradient_flow, plot_unit_parameters
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
# after training: the first hidden layer, one column per unit (top), and the decision boundary it gives (bottom)
fig, axes = plt.subplots(2, 2, figsize=(13, 8.5), height_ratios=(1, 1.7), layout="constrained")
for col, (result, name) in enumerate(((constant, "constant init (0.3)"), (random_init, "Glorot init"))):
    net = result["net"]
    plot_unit_parameters(net.weights[0], net.biases[0], ax=axes[0, col],
                         title=f"{name}: {result['distinct'][-1][0]} distinct of {net.layer_sizes[1]} units")
    plot_decision_boundary(net, X_test, y_test, ax=axes[1, col], title=f"{name} after training")
plt.show()

# %%
# the first layer's weights after training under constant init: six identical columns
print(np.round(constant["net"].weights[0], 3))

# %% [markdown]
# Six columns, one value pattern: six units doing the work of one. The weights did change (they started at 0.3), but
# every column changed in the same way. The decision boundary of the constant-init network is what a network with a
# single unit per layer can draw: one straight line, with almost all of the plane on one side. The Glorot network,
# whose units started different, draws the circle.

# %% [markdown]
# ## Three zero-init cases, step by step
# Now set weights and biases to zero or random separately, in a small relu network `[2, 4, 1]`, and look at which
# parameters receive a gradient in the first two gradient steps. Work it out by hand first, with backpropagation:
# for the output layer, ∂L/∂W₂ = a₁ᵀ δ₂ / n and ∂L/∂b₂ = Σ δ₂ / n, where a₁ are the hidden activations and
# δ₂ = p − y is the output error of each sample; for the hidden layer, δ₁ = (δ₂ W₂ᵀ) ⊙ relu′(z₁).
#
# - **W=0, b=0.** z₁ = 0, so a₁ = relu(0) = 0: ∂L/∂W₂ = 0. And W₂ = 0 makes δ₁ = 0. Only b₂ can move, by the mean
#   output error: every sample gets p = σ(b₂), so ∂L/∂b₂ = σ(b₂) − mean(y). Moving b₂ changes nothing else: the
#   network stays stuck forever, predicting one constant probability.
# - **W=0, b random.** a₁ = relu(b₁) is not zero, so W₂ and b₂ move at step 1; W₂ was still 0, so δ₁ = 0 and the hidden
#   layer waits. At step 2 W₂ ≠ 0 and the hidden layer learns too.
#   One catch: a unit whose random bias is *negative* has relu(b) = 0 and relu′(b) = 0 for every input, so it is dead
#   from the start and never gets a gradient.
# - **W random, b=0.** Everything gets a gradient at step 1: the usual case.
#
# An entry counts as moving when its gradient is larger than 10⁻¹⁰ in magnitude: a gradient that is zero in exact
# arithmetic can come out of float64 as round-off of 10⁻¹⁷, which moves nothing.
#
# > **Predict before you run.** Fill in, for each case, which of W1, b1, W2, b2 have a gradient at steps 1 and 2.

# %%
# NBVAL_CHECK_OUTPUT
# which parameters get a gradient (|g| > 1e-10) at steps 1 and 2, for the three cases, on the first 64 points
flow = gradient_flow_cases(X[:64], y[:64], layer_sizes=(2, 4, 1), activation="relu", steps=2, lr=0.5)
for case, steps in flow.items():
    for k, step in enumerate(steps):
        moving = [f"{kind}{l + 1}" for l in range(2) for kind, masks in (("W", step["weights"]), ("b", step["biases"]))
                  if masks[l].any()]
        print(f"{case:14s} step {k + 1}: gradient for {', '.join(moving) or 'nothing'}")
print(f"class-1 share of these 64 points: {y[:64].mean():.4f}, so ∂L/∂b2 at step 1 = 0.5 − {y[:64].mean():.4f} = "
      f"{flow['W=0, b=0'][0]['bias_grads'][1][0]:+.4f}")

# %%
# the same as pictures: each parameter's largest |gradient| (colour, log scale) and its entries above 1e-10, steps 1, 2
fig, axes = plt.subplots(1, 2, figsize=(15, 4.2), layout="constrained")
plot_gradient_flow(flow, ax=axes[0], step=0)
plot_gradient_flow(flow, ax=axes[1], step=1)
plt.show()

# %% [markdown]
# The middle row shows the dead unit: with seed 0 one of the four random biases is negative, so at step 1 only 3 of
# the 4 entries of W2 move, and at step 2 only 3 of the 4 hidden units (6 of 8 weights, 3 of 4 biases) learn.
#
# Back to W=0, b=0: b2 moved only because these 64 points are not half and half. On a batch with exactly as many
# points of each class, σ(0) − mean(y) = 0.5 − 0.5 = 0.
#
# > **Predict before you run.** On a class-balanced batch, which parameters of the W=0, b=0 network get a gradient?

# %%
# NBVAL_CHECK_OUTPUT
# W=0, b=0 on a class-balanced batch (the first 32 points of each class): the largest |gradient| of each parameter
balanced = np.r_[np.flatnonzero(y == 0)[:32], np.flatnonzero(y == 1)[:32]]
zeros_case = {"W=0, b=0": dict(init="zeros")}
step = gradient_flow_cases(X[balanced], y[balanced], (2, 4, 1), activation="relu", steps=1, cases=zeros_case)
grads = step["W=0, b=0"][0]
print("W1, b1, W2, b2:", [float(np.abs(g).max()) for g in grads["weight_grads"][:1] + grads["bias_grads"][:1]
                          + grads["weight_grads"][1:] + grads["bias_grads"][1:]])

# %% [markdown]
# Every gradient is exactly 0: on a balanced batch, all-zero weights and biases are a *stationary point*, and gradient
# descent does not move at all. Training does not feed one batch forever, though: minibatch training walks through the
# data, one batch after another, and each batch has its own class balance.

# %%
# NBVAL_CHECK_OUTPUT
# W=0, b=0 over four successive batches of 64 points: b2 follows each batch's class balance, nothing else moves
walk = gradient_flow_cases(X, y, (2, 4, 1), activation="relu", steps=4, lr=0.5, batch_size=64, cases=zeros_case)
for k, step in enumerate(walk["W=0, b=0"]):
    others = max(float(np.abs(g).max()) for g in step["weight_grads"] + step["bias_grads"][:1])
    print(f"batch {k + 1} (rows {step['rows'][0]:3d} to {step['rows'][-1]:3d}): class-1 share "
          f"{y[step['rows']].mean():.4f}, ∂L/∂b2 = {step['bias_grads'][1][0]:+.4f}, largest other |gradient| {others}")

# %% [markdown]
# Batch after batch, b2 is nudged towards the class balance of the batch it just saw (batch 4 is balanced, yet b2's
# gradient is not 0: b2 has moved, so σ(b2) is no longer 0.5), and every other gradient stays exactly 0. Whatever the data order, the hidden layer never wakes up: the symmetry of W=0, b=0 is not broken by
# random batches either.

# %% [markdown]
# ## After training: how many units are left?
# Training each case for longer shows where the symmetry ends up. The same three cases, with a wider hidden layer of
# 8 units, trained for 1000 epochs (briefly, to keep the notebook fast).
#
# > **Predict before you run.** In the case W=0, b random, the 8 units have 8 different biases. Will the trained
# > network use 8 different units?

# %%
# NBVAL_CHECK_OUTPUT
# distinct hidden units after 1000 epochs in each case (a wider layer of 8 units)
cases = {"W=0, b=0": dict(init="zeros"),
         "W=0, b random": dict(init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0}),
         "W random, b=0": dict(init="random_normal", init_options={"stddev": 1.0})}
trained = {}
for case, kwargs in cases.items():
    net = MLP([2, 8, 1], activation="relu", seed=SEED, **kwargs)
    loss = net.fit(X, y, epochs=1000, lr=0.5).loss[-1]
    trained[case] = net
    print(f"{case:14s} distinct hidden units {count_distinct_units(net).tolist()} of [8], "
          f"final loss {loss:.3f}, test accuracy {net.accuracy(X_test, y_test):.2f}")

# %% [markdown]
# W=0, b=0 keeps a single unit and learns nothing: loss log 2 = 0.693, a coin flip on the test set. W random learns the
# circles. But W=0, b random is a surprise: 8 distinct units, and yet it learned no more than the all-zero network.
# Look at its units: each column below is one unit's incoming weights and bias and its outgoing weight, divided by
# its bias.

# %%
# NBVAL_CHECK_OUTPUT
# W=0, b random after training: every unit's parameters divided by its own bias
net = trained["W=0, b random"]
params = np.vstack([net.weights[0], net.biases[0], net.weights[1].T])  # rows: w from x1, w from x2, bias, w out
live = net.biases[0] > 0
print("bias of each unit:", np.round(net.biases[0], 2))
print("live units (bias > 0), parameters / bias:")
print(np.round(params[:, live] / net.biases[0][live], 4))

# %% [markdown]
# Every live column is the same after the division: unit j is bⱼ times one common unit. This is relu's positive
# homogeneity, relu(β z) = β relu(z) for β > 0. After step 1 every live unit has parameters proportional to its own
# bias (w = 0, b = bⱼ, outgoing weight ∝ relu(bⱼ) = bⱼ); such scaled copies get gradients proportional to the same
# factor, so they stay scaled copies forever. The layer computes Σⱼ bⱼ² · (one unit): it is still *one* unit, only
# dressed up in 6 different sizes, plus 2 dead units. The symmetry was hidden, not broken, and one relu unit cannot
# draw a circle. `count_distinct_units(net, up_to_scale=True)` counts units this way, a unit and its positive
# multiples once (for relu, leaky relu and linear units, which are positively homogeneous):

# %%
# NBVAL_CHECK_OUTPUT
# distinct hidden units counted up to a positive factor, in the three trained networks
for case, net in trained.items():
    print(f"{case:14s} {count_distinct_units(net).tolist()} exactly, "
          f"{count_distinct_units(net, up_to_scale=True).tolist()} up to a positive factor")

# %% [markdown]
# Two for W=0, b random: the one live unit in six sizes, and the dead units (w = 0 and a negative bias: one more
# direction, computing 0). W random keeps all 8.
#
# With tanh or sigmoid, which are not homogeneous, the scaled copies do drift apart, but slowly, from a start that
# gives them almost nothing to work with. The lesson every framework follows: draw the *weights* at random; the
# biases can then be 0.
#
# And logistic regression? It has no hidden units, so there is no symmetry to break: that is why zeros were fine in
# notebook 1. The next section works it out.

# %% [markdown]
# ## Logistic regression from zeros, worked through
# Logistic regression predicts a = σ(w₁x₁ + w₂x₂ + b). From w = 0, b = 0 every prediction is σ(0) = 0.5, and the
# gradients of the mean cross-entropy are
#
# dw₁ = mean((a − y)·x₁),  dw₂ = mean((a − y)·x₂),  db = mean(a − y).
#
# The same error a − y reaches every weight, but each weight multiplies it by *its own input*: x₁ for w₁, x₂ for w₂.
# The two weights get different gradients at the first step, so nothing is tied together and nothing needs breaking.
# In a hidden layer, by contrast, every unit sees the *same* inputs, so units that start equal get equal gradients.
#
# > **Predict before you run.** On the two blobs of notebook 1, are dw₁ and dw₂ equal at the first step?

# %%
# NBVAL_CHECK_OUTPUT
# logistic regression from w = 0, b = 0 on the blobs: the first gradients by the formulas above, and by backprop
X_b, y_b, _, _ = load_gaussian(noise=1.5)
a = np.full(len(y_b), 0.5)  # σ(0) for every sample
by_hand = [np.mean((a - y_b) * X_b[:, 0]), np.mean((a - y_b) * X_b[:, 1]), np.mean(a - y_b)]
logistic = MLP([2, 1], init="zeros")
gW, gb = logistic.gradients(X_b, y_b)
for label, grads in (("by hand: ", by_hand), ("backprop:", [gW[0][0, 0], gW[0][1, 0], gb[0][0]])):
    dw1, dw2, db = (round(float(g), 4) + 0.0 for g in grads)  # + 0.0: round-off's -0.0 prints as 0.0
    print(f"{label} dw1 = {dw1:+.4f}, dw2 = {dw2:+.4f}, db = {db:+.4f}")
print(f"class-1 share of the blobs: {y_b.mean():.4f}")

# %% [markdown]
# dw₁ and dw₂ differ, because x₁ and x₂ differ; db is 0 because the blobs are exactly half and half, the same
# balance that stopped the output bias above. After one step w₁ ≠ w₂, and gradient descent goes
# on to the one optimum of a convex loss (notebook 1).
#
# Linear regression makes the point without any iteration: its squared-error loss is a convex bowl whose bottom has a
# closed form, the least-squares solution w* = (XᵀX)⁻¹Xᵀy (with a column of ones in X for the bias). Gradient descent
# from zeros walks down to exactly that point.

# %%
# NBVAL_CHECK_OUTPUT
# linear regression on the blobs' first coordinate: the closed-form optimum, and gradient descent from zeros
target = X_b[:, 1]  # predict x2 from x1
design = np.column_stack([X_b[:, 0], np.ones(len(target))])
closed_form = np.linalg.solve(design.T @ design, design.T @ target)
w = np.zeros(2)  # slope and intercept, from zeros
for _ in range(2000):
    w -= 0.05 * design.T @ (design @ w - target) / len(target)  # the gradient of half the mean squared error
print("closed form:      slope {:+.4f}, intercept {:+.4f}".format(*closed_form))
print("descent from 0:   slope {:+.4f}, intercept {:+.4f}".format(*w))
print("equal to 12 decimals:", bool(np.allclose(w, closed_form, rtol=0, atol=1e-12)))

# %% [markdown]
# The same optimum: for a convex loss the start does not matter, zeros included. What
# breaks zeros is a *hidden layer*, whose units all see the same inputs.

# %% [markdown]
# ## Dashboard: the gradient inspector
# Pick a case and an activation, then press **next batch** to take one gradient step at a time, each on the next
# batch of 32 training points, as minibatch training walks the data (the readout says which rows and their class-1
# share). The left panel shows each parameter's largest |gradient| on a log colour scale, with how many of its entries
# have a gradient above 10⁻¹⁰ ("no gradient" in grey when none has); the right one shows the hidden layer's
# parameters after the step, one column per unit: identical columns are identical units. The slider scales the
# random part; any control starts again from step 1.
#
# What to try:
# - `W=0, b=0` with relu: press **next batch** several times. Only b2 ever gets a gradient, larger or smaller with
#   each batch's class balance; the hidden layer stays all zeros. Same with tanh (tanh(0) = 0).
# - `W=0, b=0` with sigmoid: sigmoid(0) = 0.5 is not zero, so W2 moves at step 1 and the hidden layer at step 2. But
#   look at the right panel: all four columns stay identical (distinct hidden units: 1). Learning is not the same as
#   breaking the symmetry.
# - `W=0, b random` with relu: from step 2 on, divide each live column's weights by its bias: the same ratio in every
#   column, as in the cell above. Which unit never moves, and why?
# - `W random, b=0`, then move the scale slider to a tiny value (0.01): everything still gets a gradient, but how big
#   are the numbers? (Notebook 3 is about that.)

# %%
# the gradient inspector
inspector = GradientInspector()
inspector

# %%
# the inspector's first picture, for readers without a running kernel
inspector.snapshot()

# %% [markdown]
# ## Summary
# - Units that start identical get identical gradients and stay identical: a constant init turns a layer into one unit.
# - With relu and W=0, b=0 only the output bias ever learns; with W=0 and random biases the hidden layer starts
#   learning at the second step.
# - Units that differ only by a positive factor are still one unit: with relu, random biases alone leave the layer
#   acting as a single unit. Counting distinct columns is not enough; look at what the units compute.
# - Random weights break the symmetry from the first step; logistic regression has no symmetry to break.

# %% [markdown]
# ## Exercises
# **Exercise 1.** Train `MLP([2, 5, 3, 1], activation="tanh", init="constant", init_options={"value": 0.5})` on `X, y`
# for 500 epochs with `lr=0.5`. How many distinct units does its *first* hidden layer have? (Use
# `count_distinct_units`.)

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a whole number
### BEGIN SOLUTION
constant_net = MLP([2, 5, 3, 1], activation="tanh", init="constant", init_options={"value": 0.5})
constant_net.fit(X, y, epochs=500, lr=0.5)
answer_1 = int(count_distinct_units(constant_net)[0])  # identical units stay identical: one
### END SOLUTION
check("symmetry.distinct_units", answer_1)

# %% [markdown]
# **Exercise 2.** In the relu case W=0, b=0, trained on successive batches of 64 points as above, which parameters
# ever receive a non-zero gradient? Answer with one of `"none"`, `"b2"`, `"W2 and b2"`, `"all"`.

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with "none", "b2", "W2 and b2" or "all"
### BEGIN SOLUTION
answer_2 = "b2"  # a1 = relu(0) = 0 starves W2, W2 = 0 blocks the error: only the output bias follows the batch
### END SOLUTION
check("symmetry.zero_zero_learns", answer_2)

# %% [markdown]
# **Exercise 3.** Train `MLP([2, 8, 1], activation="relu", init="zeros", bias_init="random_normal",
# bias_options={"stddev": 1.0}, seed=3)` on `X, y` for 1000 epochs with `lr=0.5`. `count_distinct_units` counts 8.
# How many *different functions* do its hidden units compute, if a unit that is a positive multiple of another counts
# as the same function, and dead units (which output 0 for every input) are left out?

# %%
# Exercise 3: your answer
answer_3 = None  # replace None with a whole number
### BEGIN SOLUTION
w0_net = MLP([2, 8, 1], activation="relu", init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0},
             seed=3)
w0_net.fit(X, y, epochs=1000, lr=0.5)
live = (w0_net.forward(X)[1][1] > 0).any(axis=0)  # a live unit is not 0 for every input
incoming = np.vstack([w0_net.weights[0], w0_net.biases[0]])[:, live]  # one column per live unit
directions = incoming / np.linalg.norm(incoming, axis=0)  # a positive multiple has the same direction
answer_3 = len(np.unique(np.round(directions.T, 6), axis=0))
### END SOLUTION
check("symmetry.effective_units", answer_3)

# %% [markdown]
# **Exercise 4 (code).** Write the backward pass of one dense layer, `layer_backward(A, W, dZ)`. The layer computed
# Z = A W + b from its input A, of shape (n, fan_in), with W of shape (fan_in, fan_out); dZ, of shape (n, fan_out), is
# the gradient of the mean loss with respect to Z. Return `dW` (W's shape), `db` (shape (fan_out,)) and `dA` (A's
# shape): the gradients with respect to W, b and the layer's input. The formulas at the start of "Three zero-init
# cases" are the output layer's case. The check chains your function through whole networks (relu and tanh, one
# sample, the W=0, b random start) and compares every gradient with weightlab's `MLP.gradients`. Then ask yourself what
# your `dA` is when W = 0.

# %%
# Exercise 4: write layer_backward, then run this cell to check it
def layer_backward(A, W, dZ):
    """dW, db, dA: the gradients of the loss with respect to W, b and A, for a layer Z = A @ W + b."""
    ### BEGIN SOLUTION
    dW = A.T @ dZ  # each weight pairs the input it reads with the error of the unit it feeds, summed over samples
    db = dZ.sum(axis=0)
    dA = dZ @ W.T  # with W = 0 this is 0: no error reaches the layers below
    return dW, db, dA
    ### END SOLUTION


check("symmetry.layer_backward_code", layer_backward)


# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(2)
