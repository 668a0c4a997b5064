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

from weightlab import MLP, load_circles, load_gaussian, load_moons
from weightlab.exercises import check, progress
from weightlab.experiments import logistic_starts, loss_surface, plane_through, random_directions, train_restarts
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
# deterministic algorithm and takes exactly the same steps every time (minibatches, below, add randomness during
# training too). All the randomness is in the start, and
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
# ## Judge an architecture by its average, not by one run
# Restarts also change how you should compare two designs. Take two small networks: `[2, 3, 3, 1]`, two hidden
# layers of 3 units, and `[2, 3, 1]`, one. Train each from 30 seeds, 300 epochs, and compare them run by run and on
# average.
#
# > **Predict before you run.** The deeper one has more weights. Will it win on every seed?

# %%
# two architectures, 30 seeds each: single runs against the average over restarts
designs = {"[2, 3, 3, 1]": (2, 3, 3, 1), "[2, 3, 1]": (2, 3, 1)}
runs = {name: train_restarts(X, y, sizes, n_restarts=30, epochs=300, lr=0.1, X_test=X_test, y_test=y_test)
        for name, sizes in designs.items()}
deep, shallow = (runs[name]["final_loss"] for name in designs)
print("seed 1 alone:   ", ", ".join(f"{name} loss {runs[name]['final_loss'][1]:.2f}" for name in designs))
print("over 30 seeds:  ", ", ".join(f"{name} mean {runs[name]['final_loss'].mean():.2f} ± "
                                      f"{runs[name]['final_loss'].std():.2f}" for name in designs))
print(f"the deeper net wins on {int((deep < shallow).sum())} of 30 seeds; its worst loss {deep.max():.2f}, "
      f"the shallow net's worst {shallow.max():.2f}")

# %%
# every seed's final loss (dots), with each design's mean ± one standard deviation
fig, ax = plt.subplots(figsize=(9, 4.2), layout="constrained")
for k, name in enumerate(designs):
    losses = runs[name]["final_loss"]
    jitter = np.random.default_rng(SEED).uniform(-0.12, 0.12, len(losses))
    ax.plot(k + jitter, losses, "o", ms=6, alpha=0.55, color=("#D55E00", "#0072B2")[k])
    ax.errorbar(k + 0.3, losses.mean(), yerr=losses.std(), fmt="s", ms=10, capsize=8, lw=2.5, color="k")
    ax.plot(k, losses[1], "*", ms=18, color="k", mec="w", label="seed 1" if k == 0 else None)
ax.set_xticks([0, 1], list(designs), fontsize=12)
ax.set_ylabel("final training loss (30 seeds)", fontsize=12.5)
ax.set_title("One seed says one thing, 30 seeds another (square: mean ± std)", fontsize=14)
ax.legend(fontsize=11)
plt.show()

# %% [markdown]
# Seed 1 alone ranks the deeper net first, and it wins on half of the seeds. Averaged over 30 restarts it is the worse
# design: most of its runs match the shallow net, but a few end far higher, two of them at 0.69 = log 2, having
# learned nothing (two narrow relu layers in a row can lose all their units), and a design is as good as the runs you
# can expect from it, not as its luckiest one. Report a mean and a spread over
# several seeds, and compare designs on that.

# %% [markdown]
# ## Randomness during training: minibatches
# So far every epoch used the whole training set, so a run was deterministic once its first weights were drawn.
# Usual training is *stochastic* gradient descent: each step uses a small batch of shuffled points, and the order of
# the batches is random too. `fit(batch_size=32)` shuffles with the net's own generator; `data_seed` gives the data
# order a seed of its own, so the two sources of randomness can be varied one at a time.
#
# > **Predict before you run.** Which spreads the final losses more: eight different initializations with the data
# > order fixed, or eight different data orders from one fixed initialization?

# %%
# eight init seeds with one data order, then one init with eight data orders (minibatches of 32, 40 epochs)
spreads = {}
for varied in ("init seed", "data order"):
    losses, accuracies = [], []
    for seed in range(8):
        net = MLP([2, 10, 5, 1], seed=seed if varied == "init seed" else SEED)
        history = net.fit(X, y, epochs=40, lr=0.1, batch_size=32, data_seed=SEED if varied == "init seed" else seed)
        losses.append(history.loss[-1])
        accuracies.append(net.accuracy(X_test, y_test))
    spreads[varied] = (np.array(losses), np.array(accuracies))
    print(f"{varied:10s} varies: final loss {np.mean(losses):.3f} ± {np.std(losses):.3f} "
          f"(from {np.min(losses):.3f} to {np.max(losses):.3f}), test accuracy {np.mean(accuracies):.3f} ± "
          f"{np.std(accuracies):.3f}")
ratio = spreads["init seed"][0].std() / spreads["data order"][0].std()
print(f"the initialization spreads the final loss {ratio:.0f} times more than the data order")

# %% [markdown]
# The data order matters (its eight runs are not identical), but far less than the first weights: here the init seed
# spreads the final losses tens of times more, as the articles this course builds on claim. The minibatch noise
# jiggles a run around inside the valley its start led it to; the start picks the valley.

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
# ## The landscape, seen on a plane
# A network's loss is a function of all its weights at once, far too many dimensions to draw. A 2-D slice can be
# drawn: pick a point in weight space and two directions, and compute the loss at every point of the plane they span.
# Left, the plane through three solutions of a tiny tanh network `[2, 4, 1]` on the circles, trained from seeds 1, 2
# and 3 (the plane of Garipov et al. 2018). Right, logistic regression on the blobs, around its optimum, along two
# random directions scaled to the size of its weights (Li et al. 2018).
#
# > **Predict before you run.** The three solutions end with similar losses. Is the straight path from one to another
# > downhill all the way?

# %%
# the plane through three trained solutions of [2, 4, 1], and logistic regression's loss around its optimum
X_c, y_c, _, _ = load_circles()
solutions = []
for seed in (1, 2, 3):
    net = MLP([2, 4, 1], activation="tanh", init="glorot_normal", seed=seed)
    print(f"solution {seed}: loss {net.fit(X_c, y_c, epochs=3000, lr=0.3).loss[-1]:.2f}")
    solutions.append(net)
plane = plane_through(solutions)
grid = np.linspace(-0.5, 1.5, 41)
surface = loss_surface(solutions[0], X_c, y_c, plane["center"], plane["u"], plane["v"], grid, grid)
path = loss_surface(solutions[0], X_c, y_c, plane["center"], plane["u"], plane["v"], np.linspace(0, 1, 21), [0.0])
print(f"highest loss on the straight path from solution 1 to solution 2: {path.max():.2f}")
logistic = MLP([2, 1], init="zeros")
logistic.fit(blobs[0], blobs[1], epochs=3000, lr=0.5)
u, v = random_directions(logistic, seed=SEED)
around = np.linspace(-1, 1, 41)
bowl = loss_surface(logistic, blobs[0], blobs[1], logistic.flat_parameters(), u, v, around, around)
lowest = np.unravel_index(bowl.argmin(), bowl.shape)
print(f"logistic regression: lowest loss of the slice {bowl.min():.3f}, at grid point "
      f"({around[lowest[1]]:.0f}, {around[lowest[0]]:.0f}): the optimum itself")

# %%
# the two slices: many valleys (log10 of the loss) and one bowl
fig, axes = plt.subplots(1, 2, figsize=(15, 5.6), layout="constrained")
shown = axes[0].contourf(grid, grid, np.log10(surface), levels=30, cmap="viridis")
fig.colorbar(shown, ax=axes[0], label="log10 of the training loss")
axes[0].plot(*plane["coords"].T, "*", ms=20, color="#D55E00", mec="w", label="the three trained solutions")
axes[0].plot([0, 1], [0, 0], "--", color="w", lw=1.5, label="the straight path from 1 to 2")
axes[0].set_title("Network [2, 4, 1]: the plane through three solutions", fontsize=14)
axes[0].legend(loc="upper right", fontsize=11)
shown = axes[1].contourf(around, around, bowl, levels=30, cmap="viridis")
fig.colorbar(shown, ax=axes[1], label="training loss")
axes[1].plot([0], [0], "*", ms=20, color="#D55E00", mec="w", label="the optimum")
axes[1].set_title("Logistic regression: around its optimum", fontsize=14)
axes[1].legend(loc="upper right", fontsize=11)
for ax in axes:
    ax.set_xlabel("first direction", fontsize=12.5)
    ax.set_ylabel("second direction", fontsize=12.5)
plt.show()

# %% [markdown]
# Left: each solution sits in a valley of its own, and the straight path between two of them climbs over a ridge
# (to a loss of 1.8, six times the solutions' 0.3). Gradient descent cannot cross it: it only goes downhill, so the valley
# it ends in is the one its start led it to. Between the valleys are saddles, passes that are a minimum along one
# direction and a maximum along another. Right: one bowl, one bottom; from anywhere on it, downhill leads to the same
# place, which is why logistic regression does not care where it starts.

# %% [markdown]
# ## Stochastic search, one of a family
# A *deterministic* algorithm takes the same steps on the same input every time. A *randomized* algorithm flips coins
# along the way. For hard search problems, and finding the best weights of even a 3-unit network is NP-hard (Blum &
# Rivest 1992), randomized algorithms are how one finds *good enough* answers in reasonable time: they give up the
# guarantee of the best answer for a good one fast, and their randomness keeps them from being trapped the same way
# every time. Neural-network training is one of them, with two coins: the random start and the random minibatches.
# Its relatives:
# - **random restarts**: run a local search (here gradient descent) from many random starts, keep the best;
# - **simulated annealing** (Kirkpatrick, Gelatt & Vecchi 1983): take random steps, and accept an uphill one with
#   probability e^(−Δ/T), with a temperature T that decreases, so that early on the search can climb out of valleys;
# - **genetic algorithms** (Holland 1975): keep a population of candidates, combine and mutate the best ones.
#
# How many restarts does a search need? If one restart lands in the best valley with probability p, at least one of
# k restarts does with probability 1 − (1 − p)^k. Measured on the smallest circles network, `[2, 3, 1]` with relu:

# %%
# 40 restarts of [2, 3, 1] on the circles: how often does one land in the best valley, and how many it takes
search = train_restarts(X_c, y_c, (2, 3, 1), n_restarts=40, epochs=1000, lr=0.5, init="glorot_normal")
final = search["final_loss"]
in_best = final < final.min() + 0.05  # within 0.05 of the lowest loss found
p = in_best.mean()
print(f"final losses: lowest {final.min():.2f}, median {np.median(final):.2f}, highest {final.max():.2f}")
print(f"restarts in the best valley (within 0.05 of the lowest): {int(in_best.sum())} of 40, p = {p:.2f}")
for k in (1, 3, 10):
    print(f"chance that at least one of {k:2d} restarts finds it: {1 - (1 - p) ** k:.2f}")

# %% [markdown]
# One run alone finds the good valley about one time in four; ten restarts find it more than nine times in ten.
# That is the whole argument for restarts, and for averaging over seeds when comparing designs: the first weights are
# a roll of the dice, and a few more rolls are cheap next to a wrong conclusion.

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
restart_lab.snapshot()

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
### BEGIN SOLUTION
answer_1 = MLP([2, 10, 5, 1], seed=7).fit(X, y, epochs=500, lr=0.1).loss[-1]
### END SOLUTION
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
### BEGIN SOLUTION
answer_2 = "b"  # one start, one end; other starts, other valleys of a non-convex surface
### END SOLUTION
check("random.why_spread", answer_2)

# %% [markdown]
# **Exercise 3.** A multiple-restart search: train 20 restarts of `(2, 10, 5, 1)` on the moons with seeds 100 to 119
# (`train_restarts(X, y, (2, 10, 5, 1), n_restarts=20, first_seed=100, epochs=300, lr=0.1)`). Which *seed* would you
# keep?

# %%
# Exercise 3: your answer
answer_3 = None  # replace None with a seed (a whole number)
### BEGIN SOLUTION
search = train_restarts(X, y, (2, 10, 5, 1), n_restarts=20, first_seed=100, epochs=300, lr=0.1)
answer_3 = int(search["seeds"][search["best"]])  # the seed of the lowest final training loss
### END SOLUTION
check("random.best_seed", answer_3)

# %% [markdown]
# **Exercise 4 (code).** Sum up a multiple-restart search. Write `restart_statistics(seeds, final_loss, good)`, which
# returns three values:
# - `best_seed`: the seed of the restart with the lowest final loss (the first of them on a tie), or `None` when every
#   restart diverged;
# - `success`: the fraction of *all* the restarts whose final loss is below `good`; a restart that diverged (final
#   loss NaN or inf) counts as a failure;
# - `needed`: the smallest number k of restarts for which the chance that at least one is good,
#   1 − (1 − success)^k, reaches 0.95 (`float("inf")` when success is 0).
#
# The check compares with the way `train_restarts` picks its best run, on new sets of restarts (ties, diverged runs,
# a single restart) and on exercise 3's twenty.

# %%
# Exercise 4: write restart_statistics, then run this cell to check it
def restart_statistics(seeds, final_loss, good):
    """best_seed, success, needed of a multiple-restart search (see the exercise)."""
    ### BEGIN SOLUTION
    final_loss = np.asarray(final_loss, dtype=float)
    finite = np.isfinite(final_loss)  # NaN and inf: the runs that diverged
    best_seed = seeds[int(np.argmin(np.where(finite, final_loss, np.inf)))] if finite.any() else None
    success = float(np.mean(finite & (final_loss < good)))
    if success == 0:
        return best_seed, success, float("inf")
    needed = 1
    while 1 - (1 - success) ** needed < 0.95:
        needed += 1
    return best_seed, success, needed
    ### END SOLUTION


check("random.restart_statistics_code", restart_statistics)


# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(1)
