# %% [markdown]
# # 1. Why random?
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F01_why_random.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# A deterministic algorithm gives the same output every time it gets the same input. Training a neural network is
# not like that: it starts from random weights, so it is a *stochastic search* for good weights. This notebook shows
# what that means in practice: different seeds end in different places, a fixed seed makes a run repeatable, and
# trying several starts and keeping the best is a search strategy of its own.

# %% [markdown]
# ## Learning objectives
# - Tell a deterministic from a stochastic algorithm, and say where the randomness of training comes from.
# - Read a restart histogram: how far apart runs from different seeds end up.
# - Reproduce a run exactly with a fixed seed.
# - Explain why logistic regression reaches the same answer from any start and a hidden-layer network does not.

# %% [markdown]
# ## Setup

# %%
# imports and one seed for the whole notebook
import matplotlib.pyplot as plt
import numpy as np

from weightlab import MLP, load_gaussian, load_moons
from weightlab.exercises import check
from weightlab.experiments import logistic_starts, train_restarts
from weightlab.plots import plot_decision_boundary, plot_logistic_starts, plot_restart_histogram
from weightlab.widgets import RestartDashboard

SEED = 0
plt.rcParams["figure.dpi"] = 80

# %% [markdown]
# ## Same network, different seeds
# The data: two interleaving half moons. The network: `MLP([2, 10, 5, 1])`, relu, He initialization. The only thing
# that changes from run to run is the seed that draws the first weights.
#
# > **Predict before you run.** Five seeds, the same data, the same 1000 epochs of gradient descent. Will the five
# > final losses be equal? Will the five decision boundaries look the same?

# %%
# NBVAL_CHECK_OUTPUT
# five runs that differ only in their seed
X, y, X_test, y_test = load_moons()
nets = {}
for seed in range(5):
    net = MLP([2, 10, 5, 1], init="he_normal", seed=seed)
    history = net.fit(X, y, epochs=1000, lr=0.1)
    nets[seed] = net
    print(f"seed {seed}: final loss {history.loss[-1]:.3f}, test accuracy {net.accuracy(X_test, y_test):.2f}")

# %%
# three of the five decision boundaries
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
for ax, seed in zip(axes, (0, 1, 2)):
    plot_decision_boundary(nets[seed], X_test, y_test, ax=ax, title=f"seed {seed}")
plt.show()

# %% [markdown]
# Gradient descent itself is deterministic: from the same start it takes exactly the same steps. The randomness is
# all in the start. Different starts roll down into different valleys of the loss surface, so the runs end with
# different losses and boundaries.

# %% [markdown]
# ## A fixed seed reproduces a run exactly
# Every random call in weightlab takes an explicit seed or generator (numpy's global random state is never touched).
# The same seed gives the same weights, and so the same run, number for number.

# %%
# NBVAL_CHECK_OUTPUT
# the same seed twice: identical weights and identical loss curves
run_a = MLP([2, 10, 5, 1], seed=42)
run_b = MLP([2, 10, 5, 1], seed=42)
print("same first weights:", np.array_equal(run_a.weights[0], run_b.weights[0]))
loss_a = run_a.fit(X, y, epochs=300, lr=0.1).loss
loss_b = run_b.fit(X, y, epochs=300, lr=0.1).loss
print("same 300 losses:   ", loss_a == loss_b)
print("different seed, same weights?", np.array_equal(run_a.weights[0], MLP([2, 10, 5, 1], seed=43).weights[0]))

# %% [markdown]
# ## Restarts: many seeds at once
# How much do the runs differ? `train_restarts` trains 100 copies of the network, seeds 0 to 99, as one vectorized
# computation (the copies are stacked into 3-D arrays, so numpy trains all of them in about the time of a few).
#
# > **Predict before you run.** Will the 100 final losses form one tight peak, or spread out?

# %%
# 100 restarts of the same network, trained together
restarts = train_restarts(X, y, (2, 10, 5, 1), n_restarts=100, epochs=1000, lr=0.1, X_test=X_test, y_test=y_test)
fig, axes = plt.subplots(1, 2, figsize=(13, 4.2))
plot_restart_histogram(restarts["final_loss"], ax=axes[0])
plot_restart_histogram(restarts["test_accuracy"], ax=axes[1], xlabel="test accuracy")
plt.show()

# %% [markdown]
# ## Multiple-restart search: keep the best
# Since the outcome depends on the start, one simple strategy is to train several starts and keep the one with the
# lowest *training* loss (choosing by test accuracy would be cheating: the test set must stay unseen).

# %%
# NBVAL_CHECK_OUTPUT
# the best restart by training loss, against the typical one
best = restarts["best"]
print(f"best restart: seed {restarts['seeds'][best]}, training loss {restarts['final_loss'][best]:.3f}, "
      f"test accuracy {restarts['test_accuracy'][best]:.2f}")
print(f"median restart: training loss {np.median(restarts['final_loss']):.3f}, "
      f"test accuracy {np.median(restarts['test_accuracy']):.2f}")

# %% [markdown]
# ## Convex vs non-convex: logistic regression does not care where it starts
# Logistic regression is a network with no hidden layer: `MLP([2, 1])`. Its loss is *convex* in the weights, a
# single bowl with one bottom, so gradient descent reaches the same optimum from any start, even all zeros.
# The data here are two overlapping Gaussian blobs, so that the optimum is finite.
#
# > **Predict before you run.** Four starts: zeros and three random ones. Will their final weights agree?

# %%
# NBVAL_CHECK_OUTPUT
# logistic regression from four starts
blobs = load_gaussian(noise=1.5)
starts = logistic_starts(blobs[0], blobs[1], epochs=3000, lr=0.5)
for label, w in zip(starts["labels"], starts["weights"]):
    print(f"{label:16s} w1 = {w[0]:+.3f}, w2 = {w[1]:+.3f}, b = {w[2]:+.3f}")

# %%
# the four loss curves meet
plot_logistic_starts(starts)
plt.show()

# %% [markdown]
# The network with hidden layers has a non-convex loss: many valleys, and symmetries (swap two hidden units and the
# function is unchanged). Where it ends depends on where it starts, which is what the restart histogram showed.
# Zeros are a fine start for logistic regression; notebook 2 shows why they are a disaster for the network.

# %% [markdown]
# ## Dashboard: restarts
# Choose the number of restarts, the scheme and the init scale; **new seeds** trains the next batch of seeds. Try a
# tiny scale (0.01) and a large one (10): how do the spread and the best run change?

# %%
# the restart dashboard
restart_lab = RestartDashboard(dataset="moons", epochs=300)
restart_lab

# %%
# the dashboard's first picture, for readers without a running kernel
from IPython.display import Image  # noqa: E402

restart_lab.wait()
Image(restart_lab.plot.value)

# %% [markdown]
# ## Summary
# - Training starts from random weights, so it is a stochastic search: different seeds end in different places.
# - Gradient descent from a given start is deterministic; a fixed seed reproduces a run exactly.
# - Training several starts and keeping the lowest training loss is a simple, effective search.
# - A convex loss (logistic regression) has one optimum reached from any start; a network's loss is not convex.

# %% [markdown]
# ## Exercises
# **Exercise 1.** Train `MLP([2, 10, 5, 1], seed=7)` on the moons (`X, y`) for 500 epochs with `lr=0.1`. What is its
# final training loss (`history.loss[-1]`)? Run it twice to convince yourself it does not change.

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number
check("random.seed7_loss", answer_1)

# %% [markdown]
# **Exercise 2.** Logistic regression on the blobs ends at the same weights from every start. Which of these is true
# of the hidden-layer network on the moons? Answer `"a"`, `"b"` or `"c"`.
# - a) its final loss is the same for every seed, because gradient descent is deterministic;
# - b) its final loss depends on the seed, because its loss surface is not convex;
# - c) its final loss depends on the seed only because the data are shuffled.

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with "a", "b" or "c"
check("random.why_spread", answer_2)
