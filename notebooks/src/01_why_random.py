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
# The five losses differ (from 0.045 to 0.068) and so do the boundaries, most visibly where there are no training
# points to pin them down: the left and right edges, and the dip between the moons. Yet nothing random happens
# *during* these runs: every epoch uses the whole training set, so gradient descent from a given start is a
# deterministic algorithm and takes exactly the same steps every time. All the randomness is in the start, and
# different starts roll down into different places of the loss surface.

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
# 100 restarts of the same network, trained together; the star marks the restart with the lowest training loss
restarts = train_restarts(X, y, (2, 10, 5, 1), n_restarts=100, epochs=1000, lr=0.1, X_test=X_test, y_test=y_test)
best = restarts["best"]
fig, axes = plt.subplots(1, 2, figsize=(13, 4.2), layout="constrained")
plot_restart_histogram(restarts["final_loss"], ax=axes[0], best=restarts["final_loss"][best])
plot_restart_histogram(restarts["test_accuracy"], ax=axes[1], best=restarts["test_accuracy"][best],
                       xlabel="test accuracy")
fig.suptitle("star: the restart with the lowest training loss, on both panels", fontsize=12)
plt.show()

# %% [markdown]
# Most runs end with a loss between 0.04 and 0.1 and a test accuracy of 96 to 100%, but the tail is long: a few seeds
# end with three to four times the median loss and drop to 85-90% on the test set. Nothing distinguishes those
# seeds except the first weights they drew.

# %% [markdown]
# ## Multiple-restart search: keep the best
# Since the outcome depends on the start, one simple strategy is to train several starts and keep the one with the
# lowest *training* loss (choosing by test accuracy would be cheating: the test set must stay unseen).

# %%
# NBVAL_CHECK_OUTPUT
# the best restart by training loss, against the typical and the worst one
worst = int(np.argmax(restarts["final_loss"]))
print(f"best restart:   seed {restarts['seeds'][best]:2d}, training loss {restarts['final_loss'][best]:.3f}, "
      f"test accuracy {restarts['test_accuracy'][best]:.2f}")
print(f"median restart:          training loss {np.median(restarts['final_loss']):.3f}, "
      f"test accuracy {np.median(restarts['test_accuracy']):.2f}")
print(f"worst restart:  seed {restarts['seeds'][worst]:2d}, training loss {restarts['final_loss'][worst]:.3f}, "
      f"test accuracy {restarts['test_accuracy'][worst]:.2f}")

# %% [markdown]
# On the moons the typical run is already good, so keeping the best of 100 gains only a point of test accuracy over
# the median. What restarts really buy is protection from the unlucky tail: with one run you might have drawn the
# worst seed. The price is the compute of 100 trainings (here cheap, because the network is tiny and the ensemble is
# vectorized).
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
# The same experiment, live: choose the number of restarts, the scheme, the init scale and the epochs; **new seeds**
# trains the next batch of seeds (100 to 199, then 200 to 299, ...). It starts at 300 epochs, shorter than above, so
# the spread is wider. Things to try:
# - **new seeds** a few times: the histogram's shape stays, the individual seeds change.
# - scale 0.01: every restart ends at the same loss, 0.693 = log 2. Is that because the problem became convex? (No:
#   nothing learned at all. Notebook 3 explains why tiny weights stall.)
# - scale 10: the best run gets much better (a loss near 0.03 instead of 0.15) but the median run gets worse: the
#   histogram stretches out.
# - epochs 3000 (a few seconds): the runs bunch up near the bottom. On an easy problem, long enough training brings
#   most starts to equally good (not identical) solutions; the spread matters most when training is short or the
#   problem is hard.

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
# - Training several starts and keeping the lowest training loss (never the best test score) is a simple search
#   that protects against unlucky seeds.
# - A convex loss (logistic regression) has one optimum reached from any start; a network's loss is not convex.

# %% [markdown]
# ## Exercises
# **Exercise 1.** Train `MLP([2, 10, 5, 1], seed=7)` on the moons (`X, y`) for 500 epochs with `lr=0.1`. What is its
# final training loss (`history.loss[-1]`)? Give 3 significant figures. Run it twice to convince yourself it does not
# change.

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number (3 significant figures)
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

# %% [markdown]
# **Exercise 3.** A multiple-restart search: train 20 restarts of `(2, 10, 5, 1)` on the moons with seeds 100 to 119
# (`train_restarts(X, y, (2, 10, 5, 1), n_restarts=20, first_seed=100, epochs=300, lr=0.1)`). Which *seed* would you
# keep?

# %%
# Exercise 3: your answer
answer_3 = None  # replace None with a seed (a whole number)
check("random.best_seed", answer_3)
