"""Speed of the weightlab core, measured side by side in one run (ratios, not absolute seconds).

    python benchmarks/bench_core.py [--quick]

1. MLP.fit on the course setup ([2, 10, 5, 1], 300 circles points, full batch, 15000 epochs) against a minimal
   hand-written numpy loop of the same net (target: at most 1.25x) and against scikit-learn's MLPClassifier trained
   the same way (full-batch SGD, no momentum, no L2, no early stopping; target: at least 3x faster).
2. A vectorized MLPEnsemble of 100 restarts (float32, its default) against 100 sequential MLP.fit calls as a learner
   would write them (target: at least 3x the per-model throughput).
3. Statistics recording at the default interval against recording only at the first and last epoch (target: <= 10%).

Each contender runs several times, interleaved, and the median is kept, so a noisy neighbour slows all of them alike.
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from weightlab import MLP, MLPEnsemble, load_circles


def hand_loop(X, y, weights, epochs, lr):
    """The course's loop, written out for exactly this net: relu, relu, sigmoid, cross-entropy from logits."""
    W1, W2, W3 = (W.copy() for W in weights)
    b1, b2, b3 = np.zeros(10), np.zeros(5), np.zeros(1)
    n = len(y)
    Y = y[:, None]
    losses = np.empty(epochs)
    for i in range(epochs):
        z1 = X @ W1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ W2 + b2
        a2 = np.maximum(z2, 0)
        z3 = a2 @ W3 + b3
        losses[i] = np.mean(np.logaddexp(0, z3) - Y * z3)
        dz3 = (0.5 * (1 + np.tanh(0.5 * z3)) - Y) / n
        dW3, db3 = a2.T @ dz3, dz3.sum(0)
        dz2 = (dz3 @ W3.T) * (z2 > 0)
        dW2, db2 = a1.T @ dz2, dz2.sum(0)
        dz1 = (dz2 @ W2.T) * (z1 > 0)
        dW1, db1 = X.T @ dz1, dz1.sum(0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
        W3 -= lr * dW3
        b3 -= lr * db3
    return losses


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def median_times(contenders, repeats):
    """Run each contender ``repeats`` times, interleaved; return the median seconds of each."""
    times = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, fn in contenders.items():
            times[name].append(timed(fn)[0])
    return {name: float(np.median(t)) for name, t in times.items()}


def main(quick=False):
    X, y, _, _ = load_circles()
    epochs = 3000 if quick else 15000
    repeats = 3 if quick else 5
    print(f"course setup: [2, 10, 5, 1], {len(y)} points, full batch, {epochs} epochs, median of {repeats} runs")

    init = MLP([2, 10, 5, 1], seed=0).weights

    def fit():
        net = MLP([2, 10, 5, 1], seed=0)
        return net.fit(X, y, epochs=epochs, lr=0.01)

    def sklearn_fit():
        clf = MLPClassifier(hidden_layer_sizes=(10, 5), activation="relu", solver="sgd", learning_rate_init=0.01,
                            momentum=0.0, alpha=0.0, batch_size=len(y), max_iter=epochs, shuffle=False,
                            tol=0.0, n_iter_no_change=epochs + 1, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return clf.fit(X, y)

    # same numbers, so the comparison is of the same work
    np.testing.assert_allclose(fit().loss, hand_loop(X, y, init, epochs, 0.01), rtol=1e-9)
    t = median_times({"fit": fit, "hand": lambda: hand_loop(X, y, init, epochs, 0.01), "sklearn": sklearn_fit},
                     repeats)
    print(f"  MLP.fit            {t['fit']:7.3f} s")
    print(f"  hand-written loop  {t['hand']:7.3f} s   fit / hand    = {t['fit'] / t['hand']:.2f}x  (target <= 1.25x)")
    print(f"  sklearn MLPClassifier {t['sklearn']:4.3f} s   sklearn / fit = {t['sklearn'] / t['fit']:.2f}x  "
          "(target >= 3x)")

    n_models, ens_epochs = (20, 1000) if quick else (100, 2000)

    def sequential():
        for seed in range(n_models):
            MLP([2, 10, 5, 1], seed=seed).fit(X, y, epochs=ens_epochs, lr=0.01)

    def ensemble():
        MLPEnsemble([2, 10, 5, 1], seeds=range(n_models)).fit(X, y, epochs=ens_epochs, lr=0.01)

    t = median_times({"sequential": sequential, "ensemble": ensemble}, 3 if not quick else 2)
    print(f"restarts: {n_models} models x {ens_epochs} epochs")
    print(f"  {n_models} sequential fits {t['sequential']:7.3f} s")
    print(f"  one MLPEnsemble      {t['ensemble']:7.3f} s   per-model throughput = "
          f"{t['sequential'] / t['ensemble']:.2f}x  (target >= 3x)")

    # the ensemble's default chunk (members trained together; see MLPEnsemble.fit) against the 256 kB it used to be,
    # on notebook 1's setup: 100 restarts of [2, 10, 5, 1] on the circles
    chunk_epochs = 200 if quick else 1000
    old_chunk = max(1, 2**16 // (10 * len(y)))
    t = median_times({"default": lambda: MLPEnsemble([2, 10, 5, 1], seeds=range(100)).fit(X, y, epochs=chunk_epochs),
                      "256 kB": lambda: MLPEnsemble([2, 10, 5, 1], seeds=range(100)).fit(X, y, epochs=chunk_epochs,
                                                                                          chunk=old_chunk)},
                     repeats)
    print(f"ensemble chunk: 100 restarts x {chunk_epochs} epochs, default chunk vs {old_chunk} members (256 kB)")
    print(f"  default {t['default']:.3f} s, 256 kB {t['256 kB']:.3f} s: {t['256 kB'] / t['default']:.2f}x "
          "faster by default")

    def with_stats():
        return MLP([2, 10, 5, 1], seed=0).fit(X, y, epochs=epochs, lr=0.01)

    def without_stats():
        return MLP([2, 10, 5, 1], seed=0).fit(X, y, epochs=epochs, lr=0.01, record_every=epochs)

    t = median_times({"with": with_stats, "without": without_stats}, repeats)
    records = len(with_stats().epochs_recorded)
    print(f"statistics: default interval ({records} records) vs first and last epoch only")
    print(f"  overhead = {100 * (t['with'] / t['without'] - 1):+.1f}%  (target <= 10%)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer epochs and repeats, for a smoke run")
    main(**vars(parser.parse_args()))
