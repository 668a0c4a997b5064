"""Regenerate the runs too long for a notebook, shipped as data in notebooks/data/.

    python scripts/long_runs.py

- course_long_runs.json (notebook 3): does the course's large start ("randn x10") get better with longer training, as
  the course says? 160 000 epochs of full-batch gradient descent (about 20 s), recorded every 1000 epochs: the
  training loss, the train and test accuracy and the fraction of dead relu units per hidden layer.
- deep30_digits.json (notebook 4): He et al. 2015 trained a 30-layer relu network that Xavier's rule could not. At
  our scale: a 30-layer relu MLP of width 64 on the digits from std 0.01, Xavier and He, each at two learning rates,
  8 epochs of minibatches (about 20 s in all): the loss of every epoch and the test accuracy every 2 epochs.

- lsuv_sweep.json (notebook 7): an 8-layer tanh net of width 16 on the circles from std 0.05, Glorot and LSUV, with
  raw and with standardized inputs, each at four learning rates, 2000 full-batch epochs (about 30 s): so that each
  start is judged at its own best learning rate. The loss every 20 epochs and the final test accuracy.

tests/test_long_runs.py re-trains the first epochs of each and checks that they match the files, so the data cannot
drift from what the code computes.
"""
import json
import pathlib

import numpy as np

from weightlab import MLP, load_circles
from weightlab.experiments import course_weights

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = ROOT / "notebooks" / "data" / "course_long_runs.json"
EPOCHS, EVERY, LR = 160_000, 1000, 0.01
DEEP_TARGET = ROOT / "notebooks" / "data" / "deep30_digits.json"
DEEP_INITS = {"std 0.01": dict(init="random_normal", init_options={"stddev": 0.01}),
              "Xavier": dict(init="glorot_normal"), "He": dict(init="he_normal")}
DEEP_SIZES, DEEP_LRS = [64] + [64] * 30 + [10], (0.01, 0.03)


def course_net(kind="large", factor=1.0):
    """The course's [2, 10, 5, 1] relu network with its exact starting weights (zero biases)."""
    net = MLP([2, 10, 5, 1], activation="relu", init="zeros")
    net.weights = course_weights(net.layer_sizes, kind, factor=factor)
    return net


def record(epochs=EPOCHS, every=EVERY, kind="large", factor=1.0):
    """Train the course's net and return a dict of lists, one entry per ``every`` epochs (the state at the start of
    that epoch, as History records it) and at the last epoch."""
    X, y, X_test, y_test = load_circles()
    net = course_net(kind, factor)
    rows = {"epoch": [], "loss": [], "train_accuracy": [], "test_accuracy": [], "dead": []}

    def snapshot(net_, history, epoch):
        if epoch % every == 0 or epoch == epochs - 1:
            hidden = net_.forward(X)[1][1:]
            rows["epoch"].append(epoch)
            rows["loss"].append(history.loss[-1])
            rows["train_accuracy"].append(net_.accuracy(X, y))
            rows["test_accuracy"].append(net_.accuracy(X_test, y_test))
            rows["dead"].append([float(np.all(a == 0, axis=0).mean()) for a in hidden])

    net.fit(X, y, epochs=epochs, lr=LR, callback=snapshot, callback_every=1, record_every=epochs)
    return rows


def deep30(epochs=8, inits=DEEP_INITS, lrs=DEEP_LRS):
    """The 30-layer relu MLP on the digits from each init and learning rate: {init: {lr: {"loss", "test_accuracy"}}}."""
    from weightlab import load_dataset
    X, y, X_test, y_test = load_dataset("digits")
    runs = {}
    for name, kwargs in inits.items():
        for lr in lrs:
            history = MLP(DEEP_SIZES, seed=0, **kwargs).fit(X, y, epochs=epochs, lr=lr, batch_size=64, X_test=X_test,
                                                            y_test=y_test, record_every=2)
            runs.setdefault(name, {})[str(lr)] = {"loss": history.loss, "test_accuracy": history.test_accuracy,
                                                  "epochs_recorded": history.epochs_recorded}
    return runs


LSUV_SIZES, LSUV_LRS, LSUV_EPOCHS = [2] + [16] * 8 + [1], (0.005, 0.02, 0.05, 0.2), 2000
LSUV_TARGET = ROOT / "notebooks" / "data" / "lsuv_sweep.json"
LSUV_STARTS = ("std 0.05", "glorot_normal", "LSUV")


def lsuv_net(start, X):
    """The 8-layer tanh net from one of LSUV_STARTS (LSUV: rescaled on the training inputs ``X``)."""
    from weightlab.experiments import lsuv_init
    net = MLP(LSUV_SIZES, activation="tanh", init="glorot_normal" if start == "glorot_normal" else "random_normal")
    if start == "LSUV":
        lsuv_init(net, X)
    return net


def standardized_circles():
    """The circles with each input standardized by the training set's mean and std (E[x²] = 1)."""
    X, y, X_test, y_test = load_circles()
    mean, std = X.mean(axis=0), X.std(axis=0)
    return (X - mean) / std, y, (X_test - mean) / std, y_test


def lsuv_sweep(epochs=LSUV_EPOCHS, starts=LSUV_STARTS, lrs=LSUV_LRS, inputs=("raw", "standardized")):
    """{inputs: {start: {lr: {"loss": every 20th epoch's loss, "test_accuracy": at the end}}}}."""
    data = {"raw": load_circles, "standardized": standardized_circles}
    out = {}
    for kind in inputs:
        X, y, X_test, y_test = data[kind]()
        for start in starts:
            for lr in lrs:
                net = lsuv_net(start, X)
                history = net.fit(X, y, epochs=epochs, lr=lr, record_every=epochs)
                out.setdefault(kind, {}).setdefault(start, {})[str(lr)] = {
                    "loss": history.loss[::20], "test_accuracy": net.accuracy(X_test, y_test)}
    return out


def main():
    sweep = {"description": "MLP([2] + [16] * 8 + [1], activation='tanh'), seed 0, on load_circles() (raw) or with "
                            "inputs standardized by the training set, full-batch gradient descent for 2000 epochs: "
                            "every 20th epoch's loss and the final test accuracy, per start and learning rate",
             "regenerate": "python scripts/long_runs.py", "runs": lsuv_sweep()}
    LSUV_TARGET.write_text(json.dumps(sweep, indent=1) + "\n")
    print(f"wrote {LSUV_TARGET.relative_to(ROOT)}")
    deep = {"description": f"MLP({DEEP_SIZES[:2]} + ... + {DEEP_SIZES[-1:]}: 30 relu layers of 64) on load_dataset("
                           "'digits'), seed 0, minibatches of 64, 8 epochs, per init and learning rate: the loss of "
                           "every epoch, the test accuracy at the start of epochs 0, 2, 4, 6 and 7",
            "regenerate": "python scripts/long_runs.py", "runs": deep30()}
    DEEP_TARGET.parent.mkdir(parents=True, exist_ok=True)
    DEEP_TARGET.write_text(json.dumps(deep, indent=1) + "\n")
    print(f"wrote {DEEP_TARGET.relative_to(ROOT)}")
    rows = record()
    data = {"description": "the course's [2, 10, 5, 1] relu net from randn x10 (course_weights(kind='large')), "
                           f"full-batch gradient descent, lr {LR}, on load_circles(); one row every {EVERY} epochs "
                           "(loss of that epoch, accuracies and dead-unit fractions after its update)",
            "regenerate": "python scripts/long_runs.py", "every": EVERY, **rows}
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(rows['epoch'])} rows, last epoch {rows['epoch'][-1]}")


if __name__ == "__main__":
    main()
