# %% [markdown]
# # 8. Into practice: from toy circles to real data and the frameworks
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F08_into_practice.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# The course so far trained on two-dimensional toy data with one output unit. This notebook is the day after: real
# images with ten classes, and the checks a practitioner runs before and during training. Normalize the inputs first;
# check that the initial loss is what chance predicts; compare initializations fairly, each at its own best learning
# rate; watch the size of the updates; and know what batch normalization does and does not fix. It ends with the
# same initializers written in PyTorch and Keras, one line each, next to the weightlab call that draws the same
# distribution.

# %% [markdown]
# ## Learning objectives
# By the end of this notebook you can
# - train a softmax network on real data (8×8 digits, ten classes) and say what its initial loss should be;
# - explain why every variance rule assumes inputs with E[x²] ≈ 1, and standardize the inputs first;
# - run the initial-loss check and repair a last layer that starts confident and wrong;
# - compare zeros, std 0.01, Xavier, He and LSUV on a deep net fairly, and read the update:data ratio;
# - say what batch normalization does to the init scale (forward, gradient, test time);
# - write any scheme of the course as one line of PyTorch or Keras, convolutions and LSTMs included.

# %% [markdown]
# ## Setup

# %%
# imports, the data, and the settings shared by every training run below
import matplotlib.pyplot as plt
import numpy as np

from weightlab import DATASETS, MLP, get_initializer, initialize, load_dataset
from weightlab.data import load_digits
from weightlab.exercises import check, progress
from weightlab.experiments import lsuv_init
from weightlab.plots import plot_layer_stat, plot_loss, plot_variance_by_depth
from weightlab.widgets import InitLab

SEED = 0
plt.rcParams["figure.dpi"] = 80
X, y, X_test, y_test = load_dataset("digits")  # standardized pixels: see "Normalize the inputs first"
SIZES = [64] + [32] * 10 + [10]  # ten relu layers of 32 units, a softmax over the ten digits
EPOCHS, BATCH = 15, 128  # short minibatch runs, to keep the notebook fast; the data order is fixed by SEED
LRS, SEEDS = (0.03, 0.1, 0.3), (0, 1, 2)  # every start is tried at these learning rates, from three seeds

# %% [markdown]
# ## Real data: handwritten digits, ten classes
# scikit-learn ships 1797 grey images of 8×8 pixels of the digits 0 to 9 (no download). `load_dataset("digits")`
# shuffles them and splits them into 1437 training and 360 test images, each flattened to 64 numbers, with labels
# 0 to 9.

# %%
# NBVAL_CHECK_OUTPUT
# the data's shapes and classes
digits = DATASETS["digits"]
print(f"training {X.shape}, test {X_test.shape}: {digits.n_features} inputs, {digits.n_classes} classes")
print("training images per class:", np.bincount(y.astype(int)))

# %%
# the first twelve training images, as pixels (0 to 16), side by side with their labels
raw_train = load_digits(preprocessing="raw")[0]
strip = np.full((8, 12 * 10 - 2), np.nan)  # twelve 8 × 8 images with a 2-pixel gap between them
for i, image in enumerate(raw_train[:12]):
    strip[:, 10 * i:10 * i + 8] = image.reshape(8, 8)
fig, ax = plt.subplots(figsize=(14, 1.9), layout="constrained")
ax.imshow(strip, cmap="gray_r", vmin=0, vmax=16)
ax.set_xticks(10 * np.arange(12) + 3.5, [f"{label:.0f}" for label in y[:12]], fontsize=14)
ax.set_yticks([])
ax.tick_params(length=0)
ax.set_frame_on(False)
ax.set_title("the first twelve training images and their labels", fontsize=14)
plt.show()

# %% [markdown]
# With more than two classes the output layer has one unit per class, k = 10 here, and a **softmax** turns its k
# outputs (the *logits* z) into probabilities, $p_j = e^{z_j} / \sum_i e^{z_i}$. The loss is the cross-entropy
# −log p_y of the true class y, computed straight from the logits (log-sum-exp, so it never overflows).
# `MLP([64, ..., 10])` builds such a network whenever its last size is k ≥ 2.
#
# A network that knows nothing gives every class the same probability 1/k, and so a loss of **log k**: 2.303 for ten
# classes (log 2 = 0.693 for the sigmoid of the earlier notebooks). That number is the yardstick of the whole
# notebook.

# %% [markdown]
# ## Normalize the inputs first
# Notebook 4's rule for one unit is Var(z) = n · Var(w) · E[x²]. LeCun, Xavier and He choose Var(w) so that
# n · Var(w) is the right factor per layer, and they all take the inputs to have **E[x²] ≈ 1**. The rules never see
# the data: if the pixels come in at E[x²] = 60, the first layer's variance is 60 times what the rule promised. And
# since relu(c·z) = c·relu(z) for c > 0, a relu network whose biases start at 0 passes a larger signal on as a larger
# signal, layer after layer, up to the logits. Three ways to feed the same pixels:
# - **raw**: 0 to 16, as stored;
# - **unit**: divided by 16, in [0, 1];
# - **standardize**: each pixel minus its training mean, over its training standard deviation (the default).
#
# > **Predict before you run.** The raw pixels have E[x²] ≈ 60. With He's weights, what is Var(z) in layer 1 and in
# > layer 10 of our ten-layer net? And its initial loss: near log 10 = 2.3, or far above?

# %%
# NBVAL_CHECK_OUTPUT
# E[x²] of the inputs, and what He's rule makes of them: Var(z) in layers 1 and 10, and the initial loss
preprocessings = ("raw", "unit", "standardize")
inputs = {p: load_digits(preprocessing=p) for p in preprocessings}  # (X, y, X_test, y_test) each
print(f"{'inputs':12s} {'E[x²]':>7s} {'Var(z₁)':>8s} {'Var(z₁₀)':>9s} {'initial loss':>13s}")
for p, (Xp, _, _, _) in inputs.items():
    net = MLP(SIZES, init="he_normal", seed=SEED)
    zs = net.forward(Xp)[0]
    print(f"{p:12s} {np.mean(Xp**2):7.3g} {zs[0].var():8.3g} {zs[9].var():9.3g} {net.loss(Xp, y):13.3g}")

# %% [markdown]
# Now train the same net on raw and on standardized pixels. A fair comparison gives each its own best learning
# rate: the raw net's inputs are √60 ≈ 7.7 times larger, so it needs a smaller one. The helper below trains a start
# at every learning rate of a list, from each seed of a list (the data order stays the same), picks the learning rate
# with the lowest mean final *training* loss (the test set plays no part in the choice), and reports the test
# accuracy there.

# %%
# a learning-rate sweep: train a start at every learning rate and seed, keep the learning rate that trains best
def sweep(make_net, X_train, X_eval, lrs=LRS, seeds=SEEDS):
    """Train ``make_net(seed)`` on ``X_train`` at every lr and seed: a dict with ``runs[lr]`` (a list of
    (History, test accuracy on ``X_eval``)), the mean final training loss per lr, and the best lr by it."""
    runs = {}
    for lr in lrs:
        runs[lr] = []
        for seed in seeds:
            net = make_net(seed)
            history = net.fit(X_train, y, epochs=EPOCHS, lr=lr, batch_size=BATCH, data_seed=SEED,
                              record_every=EPOCHS)
            runs[lr].append((history, np.nan if history.diverged else net.accuracy(X_eval, y_test)))
    final = {lr: np.mean([np.inf if h.diverged else h.loss[-1] for h, _ in runs[lr]]) for lr in lrs}
    best = min(lrs, key=final.get)
    return {"runs": runs, "final": final, "best": best, "accuracy": [acc for _, acc in runs[best]]}


def report(label, result):
    """One line: the mean final training loss at each lr, the best lr, and the test accuracy there per seed."""
    losses = "  ".join(f"{result['final'][lr]:5.3f}" for lr in result["final"])
    accuracy = np.array(result["accuracy"])
    print(f"{label:15s} {losses}   best lr {result['best']:<5g} test accuracy {np.nanmean(accuracy):.0%} "
          f"(seeds: {', '.join(f'{a:.0%}' for a in accuracy)})")


def he_net(seed):
    return MLP(SIZES, init="he_normal", seed=seed)


raw_lrs = tuple(lr / 10 for lr in LRS)  # ten times smaller: the raw net's logits start √60 ≈ 7.7 times larger
results = {"He, raw pixels": sweep(he_net, inputs["raw"][0], inputs["raw"][2], lrs=raw_lrs, seeds=(SEED,)),
           "He": sweep(he_net, X, X_test)}
print(f"{'':15s} mean final training loss at lr = {', '.join(map(str, raw_lrs))} (raw) or "
      f"{', '.join(map(str, LRS))}")
for label, result in results.items():
    report(label, result)

# %% [markdown]
# - **Standardized** pixels have E[x²] = 0.953 rather than 1: 3 of the 64 pixels are 0 in every training image and
#   stay 0 (61/64 = 0.953). He's rule then promises Var(z₁) = 2 · 0.953 ≈ 1.9, and the net measures 1.87.
# - **Raw** pixels have E[x²] = 60, so Var(z₁) = 112 (the rule's 2 · 60 = 120, up to sampling). He's rule keeps
#   whatever variance it is handed, so the factor 60 is still there at layer 10 (59.5) and reaches the logits: the
#   initial loss is 19.9, more than eight times log 10, before a single step.
# - **Divided by 16**, E[x²] = 0.234: four times too small, and carried through every layer the same way (0.232 at
#   layer 10). The logits are small, so the initial loss of 2.5 looks harmless, but every layer's signal is half the
#   size the rule was written for.
#
# Trained, each at its own best learning rate, the raw net reaches 69% test accuracy after 15 epochs, the
# standardized one 86% (85% to 87% over three seeds): the same net, the same init rule, the same images, only the
# scale of the inputs differs. The raw net's best learning rate is also ten times smaller (0.01 against 0.1). Every
# variance rule is written for E[x²] ≈ 1; standardizing the inputs is what makes it true. Compute the mean and the
# standard deviation on the training set, and apply the same numbers to the test set.

# %% [markdown]
# ## The initial-loss check
# Before training anything, print the loss of the untrained network. It should be close to the chance level, log k:
# a net that starts far above it is **confident and wrong**, it puts most of its probability on one class for
# reasons that have nothing to do with the data, and the first epochs are spent unlearning that. The usual culprit
# is the last layer: its weights set the size of the logits, and the logits of a random net should be small. The
# cell below takes He's net on the standardized digits and multiplies its last weight matrix by 10, keeps it, shrinks
# it by 10, and sets it to 0.
#
# > **Predict before you run.** Which of the four starts prints exactly log 10 = 2.303? Is a zero last layer a
# > problem, after notebook 2's lesson on zeros?

# %%
# NBVAL_CHECK_OUTPUT
# the initial loss, the mean probability of the top class, and the accuracy, for four sizes of the last layer
def he_net_last_layer(factor, seed=SEED):
    """He's digits net with its last weight matrix multiplied by ``factor``."""
    net = MLP(SIZES, init="he_normal", seed=seed)
    net.weights[-1] = factor * net.weights[-1]
    return net


print(f"chance level: log 10 = {np.log(10):.3f}")
for factor in (10, 1, 0.1, 0):
    net = he_net_last_layer(factor)
    top = net.predict_proba(X).max(axis=1).mean()
    print(f"last layer × {factor:<3g}  initial loss {net.loss(X, y):6.3f}   mean top probability {top:.2f}   "
          f"training accuracy {net.accuracy(X, y):.2f}")

# %% [markdown]
# - **As drawn**, He's net starts at 3.075, 0.77 above log 10: it already leans towards one class for each image
#   (a mean top probability of 0.47, at 10% accuracy). He's rule keeps every layer's variance between 1 and 2.5, the
#   logits' included (1.4, in the next section's table), and logits of that size are not small.
# - **Last layer × 10**: 22.3, almost ten times log 10. The top class gets 0.99 on average and is right 10% of the
#   time: **confident and wrong**, and the true class is mostly left with a share of the last 1%, whose −log is
#   large.
# - **× 0.1**: 2.314, 0.011 above log 10. **× 0**: exactly log 10 = 2.303: every logit is 0, every class gets 1/10.
#
# A zero last layer is not notebook 2's symmetry problem. The hidden units below it are random and all different;
# the last layer's first gradient, (softmax − one-hot) times those hidden activations, differs from one output unit
# to the next, and the first step breaks the tie. What does each start cost once training begins?

# %%
# train from these starts at He's best learning rate (and the × 10 start also at a third of it), seed 0
lr = results["He"]["best"]
print(f"{'':24s} {'mean loss in epoch 1':>21s} {f'after {EPOCHS} epochs':>16s} {'test accuracy':>14s}")
for factor, rate in ((1, lr), (10, lr), (10, lr / 3), (0.1, lr), (0, lr)):
    if factor == 1:  # seed 0 as drawn: already trained in the sweep
        history, accuracy = results["He"]["runs"][lr][0]
    else:
        net = he_net_last_layer(factor)
        history = net.fit(X, y, epochs=EPOCHS, lr=rate, batch_size=BATCH, data_seed=SEED, record_every=EPOCHS)
        accuracy = np.nan if history.diverged else net.accuracy(X_test, y_test)
    name = f"last layer × {factor:<3g} lr {rate:.2g}"
    if history.diverged:
        print(f"{name:24s} diverged in epoch {history.diverged_epoch + 1}")
    else:
        print(f"{name:24s} {history.loss[0]:21.3f} {history.loss[-1]:16.3f} {accuracy:14.0%}")

# %% [markdown]
# - The **× 10** start diverged in its first epoch at the learning rate that suits the net as drawn. At a third of
#   it, it survives, but it spends its first epoch unlearning its confidence (a mean loss of 6.96 in epoch 1) and ends
#   at 75% against 86%.
# - The fixes cost something too, in this deep net: the **× 0.1** start ends at 82% and the **zero** start at 43%
#   (one seed each, and single runs are noisy here: see the next section). The backward pass reaches the hidden
#   layers through the last layer's weights, so shrinking them shrinks every hidden gradient at the start, and a zero
#   last layer gives the hidden layers no gradient at all in the first step.
#
# So: print the initial loss. Far above log k means a confident and wrong start, fix it before anything else. A
# little above, as He's 3.08 here, is the price of a last layer whose weights are large enough for the gradient to
# flow; a smaller last layer trades one for the other.

# %% [markdown]
# ## Five starts on the digits
# The course's comparison, now on real data and a deep net: ten relu layers of 32 units, trained for 15 epochs of
# minibatches of 128, from five starts:
# - **zeros**; **std 0.01**, N(0, 0.01²), the folk rule of the AlexNet era;
# - **Xavier** (Glorot normal, 2/(fan_in + fan_out)) and **He** (2/fan_in);
# - **LSUV** (notebook 7): orthogonal weights, each layer rescaled on a batch of training images until its output
#   has variance 1.
#
# Each start runs at the three learning rates 0.03, 0.1 and 0.3, from three seeds, and is judged at its own best.
#
# > **Predict before you run.** Which starts leave the loss at log 10 whatever the learning rate? Which layer's
# > variance does Xavier's rule get wrong for relu, and by how much after ten layers?

# %%
# NBVAL_CHECK_OUTPUT
# the five starts, and the variance of each layer's pre-activations on the training images at the start
STARTS = {"zeros": ("zeros", {}), "std 0.01": ("random_normal", {"stddev": 0.01}),
          "Xavier": ("glorot_normal", {}), "He": ("he_normal", {}), "LSUV": ("orthogonal", {})}


def start_net(label, seed=SEED):
    """The digits net from one of the five starts (LSUV: orthogonal, then rescaled on the training images)."""
    init, options = STARTS[label]
    net = MLP(SIZES, init=init, init_options=options, seed=seed)
    if label == "LSUV":
        lsuv_init(net, X[:256])  # a batch of 256 training images is enough to measure each layer's variance
    return net


depth_var = {label: np.array([z.var() for z in start_net(label).forward(X)[0]]) for label in STARTS}
print(f"{'Var(z) at layer':16s}" + "".join(f"{l:>9d}" for l in (1, 2, 5, 10, 11)) + f"{'smallest':>10s}{'largest':>9s}")
for label, v in depth_var.items():
    print(f"{label:16s}" + "".join(f"{v[l - 1]:9.2g}" for l in (1, 2, 5, 10, 11)) + f"{v.min():10.2g}{v.max():9.2g}")
print("(layer 11: the logits)")

# %%
# train every start at every learning rate (zeros and std 0.01: one seed, they do not depend on it; see below)
for label in STARTS:
    if label not in results:
        seeds = SEEDS if label in ("Xavier", "LSUV") else (SEED,)
        results[label] = sweep(lambda seed, label=label: start_net(label, seed), X, X_test, seeds=seeds)
print(f"{'':13s} mean final training loss at lr = {', '.join(map(str, LRS))}")
for label in STARTS:
    report(label, results[label])

# %%
# left: Var(z) per layer at the start; right: the training loss of each start at its best learning rate
start_colors = {"zeros": "#888888", "std 0.01": "#CC79A7", "Xavier": "#E69F00", "He": "#0072B2", "LSUV": "#009E73"}
fig, axes = plt.subplots(1, 2, figsize=(15, 4.8), layout="constrained")
for label, v in depth_var.items():
    plot_variance_by_depth(v, ax=axes[0], label=label, color=start_colors[label])
axes[0].set_title("Var(z) per layer at the start (11 = logits)", fontsize=14)
axes[0].legend(fontsize=11, loc="lower left", bbox_to_anchor=(0, 0.1))
for label in STARTS:
    result = results[label]
    for i, (history, _) in enumerate(result["runs"][result["best"]]):
        plot_loss(history, ax=axes[1], color=start_colors[label], lw=7 if label == "zeros" else 1.8,
                  alpha=0.5 if label == "zeros" else 1, label=f"{label} (lr {result['best']:g})" if i == 0 else "_")
axes[1].axhline(np.log(10), color="0.45", lw=1.2, ls=":", label="log 10 (chance)")
axes[1].set_ylabel("training loss (cross-entropy, log scale)", fontsize=12.5)
axes[1].set_title("Training loss at each start's best lr (every seed)", fontsize=14)
axes[1].legend(fontsize=11, loc="lower left")
plt.show()

# %% [markdown]
# - **Zeros**: every pre-activation is exactly 0 (▼ on the bottom edge), every hidden gradient is 0, and only the
#   output layer's biases learn: the frequency of each class. The loss stays at 2.302 at every learning rate, and the
#   test accuracy at 8%: one class for every image.
# - **std 0.01**: the first layer gets 64 × 0.01² × 0.953 ≈ 0.006, and every further layer multiplies the variance by
#   32 × 0.01² / 2 = 0.0016: 5·10⁻²⁸ at layer 10. The signal vanishes on the way up and the gradient on the way down:
#   the same flat loss and 8% as zeros. The folk rule "multiply by 0.01" is fine for a shallow net, hopeless at depth
#   ten.
# - **Xavier** gives these 32 → 32 layers Var(w) = 2/64 = 1/32, LeCun's value, half of what relu needs: the variance
#   halves from layer to layer, 0.0016 at layer 10. It trains, slowly and unevenly: 56% at its best learning rate,
#   from 35% to 73% over three seeds.
# - **He** keeps every layer between 1.2 and 2.5: 86% (85% to 87%).
# - **LSUV** sets each layer to variance 1 on the 256 images it measures (0.89 to 0.97 on all 1437): 93%, the best
#   start here.
#
# The curves of He and LSUV jump up and down: with ten layers of only 32 units, a learning rate of 0.1 is already
# near the edge of stability, and at 0.3 He's mean final loss is 0.982 instead of 0.147. This is why the comparison
# puts every start at its own best learning rate and averages three seeds: one run at one learning rate could rank
# these starts in almost any order. The ranking is the course's, on real data: zeros and tiny weights do not train
# a deep net at all, Xavier's rule is off by a factor of 2 per relu layer, He's rule and LSUV work.

# %% [markdown]
# ## The update:data ratio
# A loss curve says *that* a net is stuck, not *where*. One number per layer says more: the size of a gradient
# step relative to the weights it changes, ‖lr · ∂L/∂W‖ / ‖W‖. `fit` records it for every weight matrix
# (`History.stat("update_ratio")`). Karpathy's rule of thumb from Stanford's CS231n is that it should be
# **around 10⁻³**: much smaller and the layer is not learning (the learning rate is too low, or the gradient vanished
# on its way down); much larger and the learning rate is probably too high. Here it is, layer by layer, for He's
# start and for the std 0.01 start, both at He's best learning rate, recorded at every epoch.

# %%
# the update:data ratio of every weight matrix at every epoch, for a good start and a bad one
ratio_runs = {}
for label in ("He", "std 0.01"):
    net = start_net(label)
    ratio_runs[label] = net.fit(X, y, epochs=EPOCHS, lr=results["He"]["best"], batch_size=BATCH, data_seed=SEED,
                                record_every=1)
fig, axes = plt.subplots(1, 2, figsize=(16, 4.8), layout="constrained")
for ax, (label, history) in zip(axes, ratio_runs.items()):
    plot_layer_stat(history, "update_ratio", ax=ax)
    ax.axhspan(3e-4, 3e-3, color="#009E73", alpha=0.15, lw=0, label="10⁻³ ± half a decade\n(rule of thumb)")
    ax.set_title(f"{label}: ‖lr·∂L/∂W‖ / ‖W‖ per layer", fontsize=14)
    ax.get_legend().remove()
handles, labels = axes[0].get_legend_handles_labels()
fig.legend(handles, [label.replace("W11", "W11 (output)") for label in labels], loc="outside right upper",
           fontsize=11)
plt.show()
for label, history in ratio_runs.items():
    ratio = history.stat("update_ratio")
    print(f"{label:9s} first epoch -> last: median over the 11 layers {np.median(ratio[0]):.1e} -> "
          f"{np.median(ratio[-1]):.1e};  W₁ {ratio[0, 0]:.1e} -> {ratio[-1, 0]:.1e};  "
          f"W₁₁ (output) {ratio[0, -1]:.1e} -> {ratio[-1, -1]:.1e}")

# %% [markdown]
# - **He**: every layer's ratio starts between 1.7·10⁻² (W₁) and 5.1·10⁻² (W₁₁), and the median over the layers
#   ends at 2.8·10⁻³. That is above the rule of thumb for most of the run, at the learning rate that trained best:
#   the rule comes from long runs of large networks, and on 15 short epochs larger steps pay. What the panel shows is
#   health: all eleven layers move at the same relative pace.
# - **std 0.01**: only the output layer gets going, its ratio climbing from 5.8·10⁻¹⁵ to 6.2·10⁻⁵; each layer below
#   it moves orders of magnitude less, and W₁'s ratio is 3.2·10⁻¹⁵ at the start and 6.9·10⁻¹⁷ at the end, the size of
#   float64's rounding error. Those layers do not move at all, and no learning rate spreads a factor of 10¹² evenly.
#
# Read the ratio layer by layer: far below 10⁻³, a layer is not learning (its gradient vanished, or the learning rate
# is too small); far above 10⁻², each step rewrites a large part of the weights (batch norm below shows one at 3.4,
# 340% of the weights in one step); all layers within an order of magnitude of each other, training is balanced.

# %% [markdown]
# ## Batch normalization, trained
# Notebook 7 showed that batch norm makes the *forward* pass independent of the weights' scale. Here it trains. We
# multiply the **hidden** weights of He's net by s = 0.1, 1 and 10 and train with and without batch norm on every
# hidden layer. The output layer is not normalized, so it keeps He's scale: multiplied too, it would make the logits
# ten times larger and the net confident and wrong (the initial-loss check above).
#
# Batch norm divides each pre-activation by its standard deviation over the batch, so the loss does not change when
# a normalized layer's weights are multiplied by s: L(sW) = L(W). Differentiating, s · ∂L/∂W at sW equals ∂L/∂W at W:
# **the gradient scales as 1/s**, and a gradient step changes the weights by a relative amount 1/s² times as large.
#
# > **Predict before you run.** Without batch norm, which of the three scales trains? With it, is the initial loss
# > the same at every s? Does each scale then learn equally fast?

# %%
# NBVAL_CHECK_OUTPUT
# the initial loss (with the batch's statistics, as training sees it) and the gradient norms, relative to s = 1
def scaled_net(s, batchnorm, seed=SEED):
    """He's digits net with every hidden weight matrix multiplied by ``s`` (not the output layer)."""
    net = MLP(SIZES, init="he_normal", seed=seed, batchnorm=batchnorm)
    for l in range(net.n_layers - 1):
        net.weights[l] = s * net.weights[l]
    return net


scales = (0.1, 1.0, 10.0)
grad_norms = {(s, bn): np.array([np.linalg.norm(g) for g in scaled_net(s, bn).gradients(X, y)[0]])
              for s in scales for bn in (False, True)}
print(f"{'':15s} {'initial loss':>13s} {'‖∂L/∂W₁‖ / (s = 1)':>20s} {'‖∂L/∂W₁₀‖ / (s = 1)':>21s} "
      f"{'output layer':>13s}")
for bn in (False, True):
    for s in scales:
        ratio = grad_norms[s, bn] / grad_norms[1.0, bn]
        loss = scaled_net(s, bn).loss(X, y, training=True)
        print(f"{'batch norm' if bn else 'plain':10s} s={s:<4g} {loss:13.4g} {ratio[0]:20.3g} {ratio[9]:21.3g} "
              f"{ratio[-1]:13.3g}")
everything = MLP(SIZES, init="he_normal", seed=SEED, batchnorm=True, scale=10.0)  # the output layer × 10 as well
print(f"batch norm, every layer × 10, the output layer too: initial loss {everything.loss(X, y, training=True):.4g}")

# %%
# train the six nets at He's best learning rate (plain s = 1 is He's run of the sweep); plain left, batch norm right
lr = results["He"]["best"]
bn_runs = {(1.0, False): results["He"]["runs"][lr][0][0]}  # plain, s = 1: He's seed-0 run of the sweep
bn_nets = {}
print(f"{'':16s} {'final loss':>10s} {'test accuracy':>14s} {'W₁ update ratio: first epoch':>29s} {'last':>8s} "
      f"{'‖W₁‖ grew ×':>12s}")
for bn in (False, True):
    for s in scales:
        if (s, bn) not in bn_runs:
            net = bn_nets[s, bn] = scaled_net(s, bn)
            bn_runs[s, bn] = net.fit(X, y, epochs=EPOCHS, lr=lr, batch_size=BATCH, data_seed=SEED,
                                     record_every=EPOCHS)
        history, name = bn_runs[s, bn], f"{'batch norm' if bn else 'plain':10s} s={s:<4g}"
        if history.diverged:
            print(f"{name} diverged in epoch {history.diverged_epoch + 1}")
            continue
        net = bn_nets.get((s, bn))
        accuracy = results["He"]["runs"][lr][0][1] if net is None else net.accuracy(X_test, y_test)
        start_norm = np.linalg.norm(scaled_net(s, bn).weights[0])
        growth = "" if net is None else f"{np.linalg.norm(net.weights[0]) / start_norm:12.2f}"
        ratio = history.stat("update_ratio")[:, 0]
        print(f"{name} {history.loss[-1]:10.3f} {accuracy:14.0%} {ratio[0]:29.1e} {ratio[-1]:8.1e} {growth}")
scale_colors = {0.1: "#0072B2", 1.0: "#009E73", 10.0: "#D55E00"}
fig, axes = plt.subplots(1, 2, figsize=(15, 4.9), sharey=True, layout="constrained")
for (s, bn), history in sorted(bn_runs.items()):
    plot_loss(history, ax=axes[int(bn)], color=scale_colors[s], label=f"hidden weights × {s:g}")
for ax, title in zip(axes, ("plain", "with batch norm")):
    ax.axhline(np.log(10), color="0.45", lw=1.2, ls=":", label="log 10 (chance)")
    ax.set_title(f"He's net, hidden weights × s, {title}", fontsize=14)
    ax.get_legend().remove()
axes[0].set_ylabel("training loss (cross-entropy, log scale)", fontsize=12.5)
axes[1].set_ylabel("")
handles, labels = axes[1].get_legend_handles_labels()
fig.legend(handles, labels, loc="outside upper center", ncols=4, fontsize=11)
plt.show()

# %% [markdown]
# - **Plain**: s = 0.1 multiplies each of ten layers' variance by 0.01; the gradient at W₁ is 6.6·10⁻¹⁰ of s = 1's
#   and the loss stays at log 10. s = 10 starts at a loss of 2.2·10¹⁰ and diverged in its first epoch. Only He's own
#   scale trains (86%).
# - **With batch norm** the initial loss is 2.811 at all three scales: the forward pass does not see s. The hidden
#   gradients are 10, 1 and 0.1 times those at s = 1, exactly 1/s, while the output layer's gradient does not change.
#   Every scale trains.
# - **But the curves do not coincide.** A gradient step changes W by ‖lr·∂L/∂W‖/‖W‖, the update ratio of the last
#   section, and that is proportional to 1/s²: at s = 0.1, W₁'s first step is 3.4 times W₁ itself; at s = 10 it is
#   3.4·10⁻⁴. The s = 10 net learns as if its learning rate were a hundred times smaller, and after 15 epochs it is
#   still near log 10 (29%). The s = 0.1 net corrects itself: those huge steps make its weights grow (‖W₁‖ × 4.35),
#   and by the last epoch its ratio, 1.7·10⁻², equals that of s = 1.
#
# So batch norm makes every scale trainable and the start identical, and what is left of the init scale in the
# normalized layers is a learning-rate factor, 1/s². (You may read that batch norm makes the loss curves coincide
# whatever the scale: with plain SGD at one learning rate, as here, they do not.) And the layers it does not
# normalize keep their sensitivity: multiplying the output layer by 10 as well starts the batch-norm net at a loss of
# 14.52 instead of 2.811, confident and wrong.

# %% [markdown]
# ### At test time: the running statistics
# During training each batch is normalized by its own mean and standard deviation. A prediction must not depend on
# which other images happen to share its batch, so training also keeps a running average of each unit's mean and
# standard deviation (the momentum 0.1 of PyTorch's `BatchNorm1d`), and `predict`, `accuracy` and `loss` use those.

# %%
# the trained batch-norm net (s = 1): one image alone, the same image among the others, and batch statistics
bn_net = bn_nets[1.0, True]
alone, among = bn_net.predict_proba(X_test[:1])[0], bn_net.predict_proba(X_test)[0]
print(f"image 0 alone: class {alone.argmax()} with p = {alone.max():.3f};  among the 360: class {among.argmax()} "
      f"with p = {among.max():.3f}")
pairs = [bn_net.loss(X_test[i:i + 2], y_test[i:i + 2], training=True) for i in range(0, 360, 2)]
print(f"test loss with the running statistics {bn_net.loss(X_test, y_test):.3f}; with each test batch's own: "
      f"all 360 at once {bn_net.loss(X_test, y_test, training=True):.3f}, in batches of 2 {np.mean(pairs):.3f}")

# %% [markdown]
# Test image 0 gets class 2 with probability 0.857 alone and among the 360 alike. With the running statistics the
# test loss is 0.402. Normalizing with the test images' own statistics gives nearly the same, 0.410, for all 360 at
# once, whose statistics are close to the running ones, but 2.610 in batches of 2, where each image is normalized
# against one partner. That is why inference uses the running statistics (and a batch of one image could not be
# normalized at all: its standard deviation is 0).

# %% [markdown]
# ## The same initializers in PyTorch and Keras
# Every framework initializes each layer for you, and rarely the way this course would choose: PyTorch's `nn.Linear`
# draws U(±1/√fan_in), a sixth of He's variance; Keras' `Dense` uses `glorot_uniform`. Changing it is one line.
# weightlab does not depend on either framework, so their code is shown here as text; the cells run the weightlab call
# that draws from the same distribution and print its standard deviation.
#
# **PyTorch** initializes a tensor in place with a function of `torch.nn.init` (the trailing `_` means "in place"),
# and `model.apply(f)` calls `f` on every submodule:
#
# ```python
# import torch.nn as nn
#
# def init_weights(module):
#     if isinstance(module, nn.Linear):
#         nn.init.kaiming_normal_(module.weight, nonlinearity="relu")  # He: N(0, 2/fan_in)
#         nn.init.zeros_(module.bias)
#
# model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 10))
# model.apply(init_weights)
# ```
#
# **Keras** takes the initializer as an argument of the layer, by name or as an object:
#
# ```python
# import keras
# from keras import layers
#
# model = keras.Sequential([keras.Input((64,)),
#                           layers.Dense(32, activation="relu", kernel_initializer="he_normal"),
#                           layers.Dense(32, activation="relu", kernel_initializer="he_normal"),
#                           layers.Dense(10, kernel_initializer=keras.initializers.RandomNormal(stddev=0.01))])
# ```
#
# Every scheme of the course, in both (`w` is a PyTorch weight tensor; Keras biases start at zero by default):
#
# | scheme | PyTorch | Keras `kernel_initializer=` | weightlab |
# |---|---|---|---|
# | zeros | `nn.init.zeros_(w)` | `"zeros"` | `"zeros"` |
# | N(0, 0.01²) | `nn.init.normal_(w, std=0.01)` | `RandomNormal(stddev=0.01)` | `"random_normal", stddev=0.01` |
# | LeCun, 1/fan_in | `nn.init.kaiming_normal_(w, nonlinearity="linear")` | `"lecun_normal"` (truncated) | `"lecun_normal"` |
# | Xavier uniform | `nn.init.xavier_uniform_(w)` | `"glorot_uniform"` (the default) | `"glorot_uniform"` |
# | Xavier normal | `nn.init.xavier_normal_(w)` | `"glorot_normal"` (truncated) | `"xavier_normal"`, `"glorot_normal"` |
# | He normal | `nn.init.kaiming_normal_(w, nonlinearity="relu")` | `"he_normal"` (truncated) | `"kaiming_normal"`, `"he_normal"` |
# | He uniform | `nn.init.kaiming_uniform_(w, nonlinearity="relu")` | `"he_uniform"` | `"he_uniform"` |
# | orthogonal | `nn.init.orthogonal_(w)` | `"orthogonal"` | `"orthogonal"` |
# | PyTorch's default | (what `nn.Linear` does) | `VarianceScaling(1/3, "fan_in", "uniform")` | `"pytorch_linear"` |
# | LSUV | no built-in: a loop over the layers | no built-in | `lsuv_init(net, X)` |
# | batch norm (no γ, β) | `nn.BatchNorm1d(32, affine=False)` | `BatchNormalization(center=False, scale=False)` | `MLP(..., batchnorm=True)` |
#
# The "normal" rules differ in one detail: Keras' `lecun_normal`, `glorot_normal` and `he_normal` draw a normal
# truncated at two standard deviations and widened by 1/0.8796 so that the variance is still the rule's, while
# PyTorch's `xavier_normal_` and `kaiming_normal_` do not truncate. Same variance, different tails:

# %%
# NBVAL_CHECK_OUTPUT
# each scheme drawn by weightlab for a 512 -> 256 layer: its std (measured, and the formula's) and its widest weight
layer_schemes = [("zeros", {}), ("random_normal", {"stddev": 0.01}), ("lecun_normal", {}),
                 ("kaiming_normal", {"nonlinearity": "linear"}), ("glorot_uniform", {}), ("xavier_normal", {}),
                 ("glorot_normal", {}), ("kaiming_normal", {"nonlinearity": "relu"}), ("he_normal", {}),
                 ("he_uniform", {}), ("orthogonal", {}), ("pytorch_linear", {})]
print(f"{'weightlab call':42s} {'std':>8s} {'formula':>8s} {'max |w| / std':>14s}")
for name, options in layer_schemes:
    W = initialize(name, 512, 256, SEED, **options)
    call = name + "".join(f", {k}={v!r}" for k, v in options.items())
    std = get_initializer(name).std(512, 256, **options)
    widest = f"{np.abs(W).max() / W.std():14.2f}" if W.std() > 0 else f"{'-':>14s}"
    print(f"{call:42s} {W.std():8.4f} {std:8.4f} {widest}")

# %% [markdown]
# Every draw's standard deviation agrees with its formula in the printed digits, or the last one. The widest weight
# tells the distributions apart: the untruncated normals reach 4.73 standard deviations in these draws (one seed for
# all), Keras' truncated ones stop at 2.27 (the cut at 2σ, widened by 1/0.8796), the uniforms at √3 = 1.73. PyTorch
# writes LeCun's normal as `kaiming_normal_` with the gain of a linear layer, and Keras writes PyTorch's default as a
# `VarianceScaling` with a third of LeCun's variance (0.0255 here, against He's 0.0625).

# %% [markdown]
# ### Convolutions: the fans count the kernel's pixels
# A convolution's unit sees a k × k patch of every input channel, so its fan_in is **k · k · C_in**, and the fan_out
# PyTorch and Keras use for Xavier is k · k · C_out. Both frameworks compute them from the kernel's shape (PyTorch's
# `Conv2d` weight is (C_out, C_in, k, k), Keras' `Conv2D` kernel (k, k, C_in, C_out)):
#
# ```python
# conv = nn.Conv2d(64, 128, kernel_size=3)
# nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")      # fan_in = 3·3·64 = 576
#
# layers.Conv2D(128, 3, activation="relu", kernel_initializer="he_normal")
# ```
#
# A weightlab matrix of shape (k·k·C_in, C_out) has exactly these fans for He's rule, and reshaped it is Keras' kernel:

# %%
# NBVAL_CHECK_OUTPUT
# He's rule for a 3×3 convolution from 64 to 128 channels: the fans count the kernel's 9 pixels
k, c_in, c_out = 3, 64, 128
W = initialize("kaiming_normal", k * k * c_in, c_out, SEED, nonlinearity="relu").reshape(k, k, c_in, c_out)
print(f"kernel {W.shape} (Keras' layout; PyTorch's is W.transpose(3, 2, 0, 1), shape {W.transpose(3, 2, 0, 1).shape})")
print(f"std {W.std():.4f};  √(2 / (k·k·C_in)) = {np.sqrt(2 / (k * k * c_in)):.4f};  "
      f"with fan_in = C_in alone it would be √(2 / C_in) = {np.sqrt(2 / c_in):.4f}, {k}× too large")
print(f"Xavier for this kernel: std {get_initializer('glorot_uniform').std(k * k * c_in, k * k * c_out):.4f} "
      f"(fans {k * k * c_in} and {k * k * c_out})")

# %% [markdown]
# The kernel's standard deviation is √(2/576) = 0.0589; counting the input channels alone would give 0.1768, three
# times too large (√9 = 3), and a deep convolutional net would see notebook 4's explosion. For Xavier the two fans
# are 576 and 1152.

# %% [markdown]
# ### Recurrent layers: an orthogonal recurrent kernel
# An LSTM multiplies its hidden state by the same recurrent matrix at every time step, so a bad scale is raised to
# the power of the sequence's length, exactly like depth in notebook 4. Keras' `LSTM` therefore draws its recurrent
# kernel, the four gates' matrices side by side, shape (units, 4·units), from `orthogonal`, and its input kernel from
# `glorot_uniform` (it also starts the forget gate's bias at 1, `unit_forget_bias=True`). PyTorch draws every LSTM
# weight from U(±1/√hidden_size); to get Keras' start:
#
# ```python
# lstm = nn.LSTM(input_size=64, hidden_size=32)
# nn.init.xavier_uniform_(lstm.weight_ih_l0)   # (4·32, 64), as Keras' kernel (64, 4·32)
# nn.init.orthogonal_(lstm.weight_hh_l0)       # (4·32, 32), as Keras' recurrent kernel (32, 4·32)
#
# layers.LSTM(32)   # kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal" are the defaults
# ```

# %%
# NBVAL_CHECK_OUTPUT
# an LSTM's recurrent kernel, 32 units: one orthogonal (32, 128) matrix for the four gates
units = 32
U = initialize("orthogonal", units, 4 * units, SEED)
print(f"shape {U.shape}: U Uᵀ = I (orthonormal rows): {np.allclose(U @ U.T, np.eye(units))};  "
      f"mean square {np.mean(U**2):.6f} = 1/(4·units) = {1 / (4 * units):.6f}")
gate = U[:, :units]  # the first gate's 32 × 32 block
print(f"one gate's block alone is not orthogonal: the diagonal of its U Uᵀ averages "
      f"{np.diag(gate @ gate.T).mean():.2f}")

# %% [markdown]
# The four gates share one orthogonal (32, 128) matrix: its 32 rows are orthonormal, U Uᵀ = I, and each entry has the
# mean square 1/128. Each gate's own 32 × 32 block is not orthogonal (the diagonal of its U Uᵀ averages 0.24, about a
# quarter): the orthogonality belongs to the whole matrix, exactly as Keras and PyTorch draw it.

# %% [markdown]
# ## Dashboard: the Init Lab on the digits
# The Init Lab of notebook 6 with the digits: 64 inputs and ten classes, so the accuracy during training (chance is
# 0.1) takes the decision boundary's panel, and full-batch training as in notebook 6 (not the minibatches above). Try
# the five starts of this notebook, the scale slider at 0.1 and 10, and a learning rate ten times too large, and watch
# the per-layer variance panel.

# %%
# the Init Lab on the digits
lab = InitLab(dataset="digits", depth=6, width=32, scheme="he_normal", lr=0.1, epochs=100, seed=SEED)
lab

# %% [markdown]
# *Reading without a running kernel?* Here is the lab's first picture.

# %%
# the lab's first picture, for readers without a running kernel
lab.snapshot()

# %% [markdown]
# ## Summary
# - **Normalize the inputs first.** Every variance rule assumes E[x²] ≈ 1. Raw pixels (E[x²] = 60) carry a factor
#   60 through He's net to the logits: an initial loss of 19.9 and 69% after training, against 86% standardized.
# - **Check the initial loss**: about log k (2.303 for ten classes). A last layer × 10 starts at 22.3, confident and
#   wrong, and diverged at the learning rate that suits the net; a small or zero last layer gives exactly the chance
#   level, at the price of smaller hidden gradients at the start.
# - **Compare starts fairly**: each at its own best learning rate, over several seeds. On the digits, ten relu layers
#   deep: zeros and std 0.01 stay at log 10 (8%), Xavier reaches 56%, He 86%, LSUV 93%.
# - **Watch the update:data ratio** per layer: even across the layers, from a few 10⁻² down to a few 10⁻³ over He's
#   run here, is healthy; 10⁻¹⁶ is a dead layer.
# - **Batch norm** makes the start independent of the hidden weights' scale (initial loss 2.811 at s = 0.1, 1, 10) and
#   every scale trainable, but the scale stays in the learning speed: the gradient scales as 1/s, the update ratio as
#   1/s². At test time it uses running statistics, so a prediction does not depend on its batch.
# - **In the frameworks** each scheme is one line: `nn.init.kaiming_normal_(w, nonlinearity="relu")`,
#   `Dense(..., kernel_initializer="he_normal")`; a convolution's fan_in is k·k·C_in; an LSTM's recurrent kernel is
#   orthogonal by default in Keras.
#
# And where the course closes: there is no single best initialization. The rules of notebooks 4 and 7 are derived
# from idealized assumptions (independent weights, inputs of variance 1, infinitely wide layers) that a real network
# meets only roughly, and what they guarantee, a well-behaved start, may not last once learning begins. Goodfellow,
# Bengio and Courville's textbook (*Deep Learning*, 2016, section 8.4, p. 301) says it plainly: our understanding of
# how the starting point affects optimization and generalization is still young, and in practice the scale of the
# initial weights is best treated as a hyperparameter, searched near the theory's prediction rather than taken from
# it. This notebook did exactly that with the learning rate, and the Init Lab is there to do it with the scale.

# %% [markdown]
# ## Exercises
# **Exercise 1.** A PyTorch `nn.Conv2d(48, 64, kernel_size=3)` is initialized with
# `nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")`. What is the standard deviation of its weights? Give 3
# significant figures. (`get_initializer("kaiming_normal").std(fan_in, fan_out, nonlinearity="relu")` computes it once
# you know the fans.)

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
answer_1 = get_initializer("kaiming_normal").std(3 * 3 * 48, 64, nonlinearity="relu")  # fan_in = k·k·C_in = 432
### END SOLUTION
check("practice.conv_he_std", answer_1)

# %% [markdown]
# **Exercise 2.** Multiply the hidden weights of the batch-norm net by s = 4 instead of 10. At the start, by what
# factor does the first layer's update:data ratio ‖lr·∂L/∂W₁‖ / ‖W₁‖ change relative to s = 1, at the same learning
# rate? Give 3 significant figures. (`scaled_net(4, True).gradients(X, y)[0][0]` is ∂L/∂W₁ on the whole training
# set.)

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
ratios = []
for s in (1, 4):
    net = scaled_net(s, True)
    ratios.append(np.linalg.norm(net.gradients(X, y)[0][0]) / np.linalg.norm(net.weights[0]))  # the lr cancels
answer_2 = ratios[1] / ratios[0]  # the gradient × 1/4, the weights × 4: 1/16
### END SOLUTION
check("practice.bn_update_ratio", answer_2)

# %% [markdown]
# **Exercise 3 (code).** Write the initial-loss check as a function: `initial_loss_check(net, X, y)` returns how far
# the untrained net's mean loss on (X, y) lies above the chance level log k, where k is the net's number of classes (a
# net with one sigmoid output unit, like those of notebooks 0 to 7, has two). It must only look, never train. The
# check runs it on nets of ten, three and two classes, with large, usual and zero last layers, and compares with
# weightlab's own loss.

# %%
# Exercise 3: write initial_loss_check, then run this cell to check it
def initial_loss_check(net, X, y):
    """The untrained net's mean loss on (X, y) minus the chance level log k (k classes; 2 for one sigmoid unit)."""
    ### BEGIN SOLUTION
    k = max(net.layer_sizes[-1], 2)  # one sigmoid unit still tells two classes apart
    return net.loss(X, y) - np.log(k)
    ### END SOLUTION


check("practice.initial_loss_check_code", initial_loss_check)


# %% [markdown]
# ## Where to go next
# - PyTorch's and Keras' documentation of `torch.nn.init` and `keras.initializers`, with notebook 5's table of what
#   each one draws.
# - Karpathy, *A Recipe for Training Neural Networks* (2019), for the initial-loss check and more habits of the kind;
#   CS231n's notes on *Neural Networks Part 3* for the update:data ratio.
# - Ioffe & Szegedy (2015) for batch norm; Mishkin & Matas (2016) for LSUV; He et al. (2015) and Glorot & Bengio
#   (2010) for the rules themselves.

# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(8)
