"""Does a dashboard's memory grow as a learner keeps moving its controls? Measured, not asserted.

    python benchmarks/bench_memory.py [--retrains 100]

The Init Lab is driven through ``--retrains`` retrains (the scale control changed each time, as a learner's slider
would, each change training a new network from scratch), and the variance-through-depth dashboard through as many
redraws. After the first 10 and then at intervals the garbage collector runs and two figures are read: the
process's resident memory (VmRSS, what a JupyterHub's per-user limit counts) and the number of live Python objects
the collector tracks (a dashboard that kept a history, a figure or a network per change would add thousands). A
dashboard that keeps nothing from one change to the next shows both flat from change 10 to the last, once the
allocator has its working set. (tracemalloc would say the same in bytes, at several times the run time.)

The kernel's peak memory for each whole notebook is measured by benchmarks/bench_notebooks.py.
"""
import argparse
import gc
import pathlib
import re
import time

import matplotlib

matplotlib.use("Agg")

from weightlab.widgets import DepthDashboard, InitLab  # noqa: E402

TARGET_GROWTH_MB = 5.0  # resident memory, from change 10 to the last
TARGET_GROWTH_OBJECTS = 1000  # live Python objects, from change 10 to the last


def rss_mb():
    status = pathlib.Path("/proc/self/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024


def drive(dash, changes, values):
    """Change the dashboard's controls ``changes`` times, cycling through ``values`` (dicts for ``set``); returns
    [(changes so far, resident MB, live Python objects)] at change 10 and at intervals to the last."""
    marks = sorted({10, changes // 4, changes // 2, 3 * changes // 4, changes} - {0})
    rows = []
    for i in range(1, changes + 1):
        dash.set(**values[i % len(values)]).wait()
        if i in marks:
            gc.collect()
            rows.append((i, rss_mb(), len(gc.get_objects())))
    return rows


def report(name, rows):
    print(f"{name}:")
    for i, rss, objects in rows:
        print(f"  after {i:4d} changes: resident {rss:6.1f} MB   live Python objects {objects:8d}")
    (_, rss0, obj0), (_, rss1, obj1) = rows[0], rows[-1]
    flat = rss1 - rss0 <= TARGET_GROWTH_MB and obj1 - obj0 <= TARGET_GROWTH_OBJECTS
    print(f"  growth from change {rows[0][0]} to {rows[-1][0]}: resident {rss1 - rss0:+.1f} MB, "
          f"{obj1 - obj0:+d} objects ({'flat' if flat else 'GROWS'}; targets <= {TARGET_GROWTH_MB:.0f} MB, "
          f"<= {TARGET_GROWTH_OBJECTS} objects)")


def main(retrains=100):
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
