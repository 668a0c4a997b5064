"""Does a dashboard's memory grow as a learner keeps moving its controls? Measured, not asserted.

    python benchmarks/bench_memory.py [--retrains 100]

The Init Lab is driven through ``--retrains`` retrains (the scale control changed each time, as a learner's slider
would, each change training a new network from scratch), and the variance-through-depth dashboard through as many
redraws. After the first 10 and then at intervals the garbage collector runs and two figures are read: the
process's resident memory (VmRSS, what a JupyterHub's per-user limit counts) and the memory Python's allocator holds
for live objects (tracemalloc, which ignores freed pages that the C allocator keeps for reuse). A dashboard that
keeps nothing from one change to the next shows a flat Python heap from change 10 to the last, and a resident size
that stops moving once the allocator has its working set.

The kernel's peak memory for each whole notebook is measured by benchmarks/bench_notebooks.py.
"""
import argparse
import gc
import pathlib
import re
import time
import tracemalloc

import matplotlib

matplotlib.use("Agg")

from weightlab.widgets import DepthDashboard, InitLab  # noqa: E402

TARGET_GROWTH_MB = 5.0  # from change 10 to the last: resident and Python heap alike


def rss_mb():
    status = pathlib.Path("/proc/self/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024


def drive(dash, changes, values):
    """Change the dashboard's controls ``changes`` times, cycling through ``values`` (dicts for ``set``); returns
    [(changes so far, resident MB, Python heap MB)] at change 10 and at intervals to the last."""
    marks = sorted({10, changes // 4, changes // 2, 3 * changes // 4, changes} - {0})
    rows = []
    for i in range(1, changes + 1):
        dash.set(**values[i % len(values)]).wait()
        if i in marks:
            gc.collect()
            rows.append((i, rss_mb(), tracemalloc.get_traced_memory()[0] / 2**20))
    return rows


def report(name, rows):
    print(f"{name}:")
    for i, rss, heap in rows:
        print(f"  after {i:4d} changes: resident {rss:6.1f} MB   Python heap {heap:6.2f} MB")
    (_, rss0, heap0), (_, rss1, heap1) = rows[0], rows[-1]
    verdict = "flat" if max(rss1 - rss0, heap1 - heap0) <= TARGET_GROWTH_MB else "GROWS"
    print(f"  growth from change {rows[0][0]} to {rows[-1][0]}: resident {rss1 - rss0:+.1f} MB, "
          f"Python heap {heap1 - heap0:+.2f} MB ({verdict}; target <= {TARGET_GROWTH_MB:.0f} MB)")


def main(retrains=100):
    tracemalloc.start()
    start = time.perf_counter()
    lab = InitLab()
    lab.wait()
    report(f"Init Lab, {retrains} retrains",
           drive(lab, retrains, [{"scale": 0.5}, {"scale": 1.0}, {"scale": 2.0}]))
    depth = DepthDashboard()
    report(f"variance through depth, {retrains} redraws",
           drive(depth, retrains, [{"scale": 0.5}, {"scale": 1.0}, {"scale": 2.0}]))
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--retrains", type=int, default=100)
    main(**vars(parser.parse_args()))
