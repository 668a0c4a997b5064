# %% [markdown]
# # 6. Init Lab
#
# [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F06_init_lab.ipynb)
# [![Init Lab app](https://img.shields.io/badge/launch-Init%20Lab%20app-579ACA)](https://mybinder.org/v2/gh/weightlab/weightlab/HEAD?urlpath=voila%2Frender%2Fnotebooks%2F06_init_lab.ipynb)
#
# Everything from the course in one playground: choose a data set, a network, an activation, an initializer and its
# scale, and watch the network train. This notebook also runs as a stand-alone app:
# `voila notebooks/06_init_lab.ipynb` (or the "Init Lab app" badge above).

# %% [markdown]
# ## Learning objectives
# - Predict, then check, how scheme, scale, activation and depth change training.
# - Read the six panels: loss, per-layer activation variance, decision boundary, activation histograms, gradient
#   norms, and saturated or dead units.
# - Reproduce any setting exactly with the one line of Python the lab prints.

# %% [markdown]
# ## Setup

# %%
# imports and one seed
import numpy as np

from weightlab import MLP, load_dataset
from weightlab.exercises import check, progress
from weightlab.widgets import InitLab

SEED = 0

# %% [markdown]
# ## The lab
# Any control change starts a fresh network and trains it live; **train more** continues from where it is; **stop**
# (or the kernel's Interrupt button) stops training where it is, and **train more** goes on from there. The first
# row shows the loss (training, and test dashed), the variance of each hidden layer's activations over the epochs, and
# the decision boundary on the test points (for the 64-pixel digits, which have no plane to draw it in, the accuracy
# during training). The second row shows the distribution of each layer's activations now,
# the norm of each weight matrix's gradient, and the fraction of saturated (tanh, sigmoid) or dead (relu) units.

# %%
# the full Init Lab: every control
lab = InitLab(seed=SEED)
lab

# %% [markdown]
# ## Things to try
# Predict first, then move the controls.
# 1. **Zeros.** `init scheme = zeros`: what happens to the loss and the decision boundary? Which panel shows why?
# 2. **Too large.** `activation = tanh`, `scale = 30`: watch the saturated fraction and the gradient norms.
# 3. **Too small, too deep.** `hidden layers = 6`, `scale = 0.1`: the activation variance of the last layer, and the
#    loss that stays flat.
# 4. **The right rule for the activation.** Six relu layers with `he_normal`, then with `lecun_normal`, then with
#    `glorot_uniform`: which keeps the per-layer variance level?
# 5. **Hard data.** `dataset = spiral`: how wide and deep must the net be, and does the init matter more or less?
# 6. **Reproduce it.** Copy the line under the plots into a new cell and run it: you get the same numbers.

# %%
# the lab's current picture (both rows of panels), for readers without a running kernel
lab.snapshot()

# %% [markdown]
# ## Reproducing a setting
# The readout's last line is plain weightlab code. Here it is for the lab's starting setting, run as a cell:

# %%
# NBVAL_CHECK_OUTPUT
# the starting setting, reproduced outside the lab
X, y, X_test, y_test = load_dataset("circles")
net = MLP([2, 8, 8, 1], activation="relu", init="he_normal", scale=1, bias_init="zeros", seed=SEED)
history = net.fit(X, y, epochs=1000, lr=0.05, X_test=X_test, y_test=y_test)
print(f"final training loss {history.loss[-1]:.4f}, test accuracy {net.accuracy(X_test, y_test):.2f}")

# %% [markdown]
# ## Summary
# - The scheme sets the *variance* of the first weights; the right one depends on the activation (He for relu,
#   LeCun/Glorot for tanh) and keeps every layer's activations in a useful range.
# - Too small a scale starves deep layers of signal; too large a scale saturates tanh/sigmoid or overflows.
# - Constant schemes (zeros, ones, constant) never break symmetry: the boundary stays trivial whatever you train.
# - A seed fixes everything random, so a setting can be shared as one line of code.

# %% [markdown]
# ## Exercises
# **Exercise 1.** Set the lab to `activation = tanh`, `init scheme = random_normal` and try the scales 0.1, 1, 10
# and 100. At which of these four scales is the fraction of saturated units in the first layer largest at the start of
# training? Answer with the scale as a number.

# %%
# Exercise 1: your answer
answer_1 = None  # replace None with 0.1, 1, 10 or 100
### BEGIN SOLUTION
saturated = {scale: MLP([2, 8, 8, 1], activation="tanh", init="random_normal", scale=scale, seed=SEED)
             .fit(X, y, epochs=1, lr=0.05).stat("saturated")[0, 0] for scale in (0.1, 1, 10, 100)}
answer_1 = max(saturated, key=saturated.get)  # the first layer's saturated fraction at epoch 0, per scale
### END SOLUTION
check("initlab.most_saturated_scale", answer_1)

# %% [markdown]
# **Exercise 2.** Reproduce this setting with the one-line call: `dataset = moons`, 2 hidden layers of 8 tanh units,
# `glorot_uniform`, scale 1, zero biases, seed 0, 1000 epochs at learning rate 0.05. What is its final training loss
# (`history.loss[-1]`)? Give 3 significant figures.

# %%
# Exercise 2: your answer
answer_2 = None  # replace None with a number (3 significant figures)
### BEGIN SOLUTION
X_moons, y_moons, _, _ = load_dataset("moons")
moons_net = MLP([2, 8, 8, 1], activation="tanh", init="glorot_uniform", scale=1, bias_init="zeros", seed=0)
answer_2 = moons_net.fit(X_moons, y_moons, epochs=1000, lr=0.05).loss[-1]
### END SOLUTION
check("initlab.moons_final_loss", answer_2)

# %% [markdown]
# **Exercise 3 (code).** The lab's last panel counts dead relu units: units that output 0 for every input, so that
# no gradient ever reaches their weights again. Write `dead_fraction(net, X)`: for each hidden layer of a weightlab
# `MLP`, the fraction of its units that are dead on the inputs `X`, as an array with one number per hidden layer.
# `net.forward(X)` returns the pre-activations and the activations of every layer. The check compares with the lab's
# panel (weightlab's training record) on healthy and dead networks, from one input to 300.

# %%
# Exercise 3: write dead_fraction, then run this cell to check it
def dead_fraction(net, X):
    """For each hidden layer of net, the fraction of its units that output 0 for every row of X."""
    ### BEGIN SOLUTION
    _, activations = net.forward(X)  # activations[0] is X, then one (n, width) array per hidden layer
    return np.array([np.all(a == 0, axis=0).mean() for a in activations[1:]])
    ### END SOLUTION


check("initlab.dead_fraction_code", dead_fraction)


# %%
# your progress: which exercises of this notebook are done, from the checks run since the kernel started
progress(6)
