"""Regenerate notebooks/data/course_long_runs.json: the course's randn x10 start trained for 160 000 epochs.

    python scripts/long_runs.py

Notebook 3 asks whether the course's large start ("randn x10") gets better with longer training, as the course says.
Answering takes 160 000 epochs of full-batch gradient descent (about 20 s), too long for a notebook that should run
in seconds, so the run is recorded here once and shipped as data: every 1000 epochs, the training loss, the train and
test accuracy and the fraction of dead relu units per hidden layer. tests/test_long_runs.py re-trains the first
epochs and checks that they match the file, so the data cannot drift from what the code computes.
"""
import json
import pathlib

import numpy as np

from weightlab import MLP, load_circles
from weightlab.experiments import course_weights

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = ROOT / "notebooks" / "data" / "course_long_runs.json"
EPOCHS, EVERY, LR = 160_000, 1000, 0.01


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


def main():
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
