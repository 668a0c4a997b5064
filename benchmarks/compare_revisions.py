"""The core's speed at another git revision and now, measured side by side in one run (for a refactoring's note).

    python benchmarks/compare_revisions.py REV [--rounds 5]

REV is checked out into a temporary git worktree; each round runs one fresh process per tree, alternating, and each
process times, on the course setup ([2, 10, 5, 1], 300 circles points, full batch): MLP.fit (15000 epochs), the
hand-written numpy loop of bench_core.py (the same work, so a busy neighbour shows in both), and an MLPEnsemble of
100 restarts (2000 epochs). Medians over rounds are printed, with fit / hand for each tree.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]

SNIPPET = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + "/benchmarks")
from weightlab import MLP, MLPEnsemble, load_circles
from bench_core import hand_loop
X, y, _, _ = load_circles()
init = MLP([2, 10, 5, 1], seed=0).weights
def timed(fn):
    start = time.perf_counter(); fn(); return time.perf_counter() - start
out = {
    "fit": timed(lambda: MLP([2, 10, 5, 1], seed=0).fit(X, y, epochs=15000, lr=0.01)),
    "hand": timed(lambda: hand_loop(X, y, init, 15000, 0.01)),
    "ensemble": timed(lambda: MLPEnsemble([2, 10, 5, 1], seeds=range(100)).fit(X, y, epochs=2000, lr=0.01)),
}
print(json.dumps(out))
"""


def measure(tree):
    result = subprocess.run([sys.executable, "-c", SNIPPET, str(tree)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(rev, rounds):
    with tempfile.TemporaryDirectory() as tmp:
        old = pathlib.Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), rev], check=True)
        try:
            runs = {rev: [], "now": []}
            for _ in range(rounds):
                for name, tree in ((rev, old), ("now", ROOT)):
                    runs[name].append(measure(tree))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=True)
    print(f"median of {rounds} alternating rounds, one fresh process each")
    print(f"{'tree':>10s} {'MLP.fit':>9s} {'hand loop':>10s} {'fit/hand':>9s} {'ensemble':>9s}")
    for name, rows in runs.items():
        med = {k: float(np.median([r[k] for r in rows])) for k in rows[0]}
        ratio = float(np.median([r["fit"] / r["hand"] for r in rows]))
        print(f"{name[:10]:>10s} {med['fit']:8.3f}s {med['hand']:9.3f}s {ratio:8.2f}x {med['ensemble']:8.3f}s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", help="the git revision to compare with the working tree")
    parser.add_argument("--rounds", type=int, default=5)
    main(**vars(parser.parse_args()))
