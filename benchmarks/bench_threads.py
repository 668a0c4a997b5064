"""weightlab's BLAS thread policy, measured: one thread against OpenBLAS's default, quiet and beside a busy process.

    python benchmarks/bench_threads.py [--repeats 7]

weightlab.chain sets numpy's BLAS (and so LAPACK: the orthogonal initializer's QR) to one thread when weightlab is
imported. This measures why, on the shapes the notebooks use, in one process:

1. single products ``(m, k) @ (k, n)`` at one thread and at the default (one per core), medians of interleaved runs;
2. whole experiments as the notebooks call them (depth_statistics through 50 layers of width 256 and of width 128,
   an MLPEnsemble of 100 restarts, 50 orthogonal 128 x 128 draws) with the policy and with it switched off
   (``chain.restore_blas_threads()``, then ``chain.one_blas_thread()`` again).

Each under two conditions: quiet (nothing else started by the benchmark; `uptime` tells what else runs) and beside a
busy process (``python -c "while True: pass"``), as on a shared JupyterHub, Binder or CI runner. A ratio > 1 means
one thread is faster.
"""
import argparse
import contextlib
import os
import subprocess
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from weightlab import MLPEnsemble, chain, initialize, load_circles
from weightlab.experiments import depth_statistics

PRODUCTS = {  # (m, k, n): where the notebooks multiply such shapes
    "256 x 257 @ 257 x 128 (depth, width 256, 128 inputs)": (256, 257, 128),
    "128 x 129 @ 129 x 64 (depth sweeps, width 128)": (128, 129, 64),
    "256 x 128 @ 128 x 128 (residual blocks)": (256, 128, 128),
    "2000 x 256 @ 256 x 500 (Var(y) check)": (2000, 256, 500),
}


@contextlib.contextmanager
def busy(on):
    """A CPU-bound neighbour process for the duration of the block (when ``on``)."""
    if not on:
        yield
        return
    proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def policy(on):
    """weightlab's thread policy on (as shipped: one BLAS thread) or off (OpenBLAS's default threads)."""
    if on:
        yield
        return
    chain.restore_blas_threads()
    try:
        yield
    finally:
        chain.one_blas_thread()


def median_seconds(fns, repeats):
    """{name: median seconds} of each function, run ``repeats`` times, interleaved."""
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: float(np.median(t)) for name, t in times.items()}


def products(repeats):
    rng = np.random.default_rng(0)
    rows = []
    for label, (m, k, n) in PRODUCTS.items():
        a, b = rng.standard_normal((m, k)), rng.standard_normal((k, n))
        reps = max(3, int(3e7 / (m * k * n)))

        def run(threads):
            def fn():
                with threadpool_limits(threads, user_api="blas"):
                    for _ in range(reps):
                        a @ b
            return fn

        t = median_seconds({"one": run(1), "default": run(os.cpu_count())}, repeats)
        rows.append((label, 1e3 * t["one"] / reps, 1e3 * t["default"] / reps))
    return rows


def experiments(repeats):
    X, y, _, _ = load_circles()
    cases = {
        "depth_statistics: 50 layers, width 256, 128 inputs":
            lambda: depth_statistics(depth=50, width=256, init="he_normal", activation="relu", n_samples=128),
        "depth_statistics: 50 layers, width 128, 64 inputs":
            lambda: depth_statistics(depth=50, width=128, init="lecun_normal", activation="tanh", n_samples=64),
        "MLPEnsemble: 100 restarts x 300 epochs of [2, 10, 5, 1]":
            lambda: MLPEnsemble([2, 10, 5, 1], seeds=range(100)).fit(X, y, epochs=300, lr=0.01),
        "50 orthogonal 128 x 128 draws":
            lambda: [initialize("orthogonal", 128, 128, np.random.default_rng(s)) for s in range(50)],
    }
    rows = []
    for label, fn in cases.items():
        times = {"on": [], "off": []}
        for _ in range(repeats):
            for state in times:
                with policy(state == "on"):
                    start = time.perf_counter()
                    fn()
                    times[state].append(time.perf_counter() - start)
        rows.append((label, float(np.median(times["on"])), float(np.median(times["off"]))))
    return rows


def main(repeats=7):
    blas = [f"{i['internal_api']} {i['version']} ({i['num_threads']} threads, {i.get('architecture')})"
            for i in threadpool_info() if i["user_api"] == "blas"]
    print(f"{os.cpu_count()} cores; BLAS: {', '.join(blas)}; load now {os.getloadavg()[0]:.2f}; median of {repeats}")
    for condition in ("quiet", "busy"):
        with busy(condition == "busy"):
            print(f"\n== {condition}" + (" (beside `python -c \"while True: pass\"`)" if condition == "busy" else ""))
            print(f"{'product':58s} {'1 thread':>10s} {'default':>10s} {'default/1':>10s}")
            for label, one, default in products(repeats):
                print(f"{label:58s} {one:8.3f}ms {default:8.3f}ms {default / one:9.1f}x")
            print(f"{'experiment':58s} {'policy':>10s} {'no policy':>10s} {'ratio':>10s}")
            for label, on, off in experiments(max(3, repeats // 2)):
                print(f"{label:58s} {on:9.3f}s {off:9.3f}s {off / on:9.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    main(**vars(parser.parse_args()))
