"""Every notebook's "Run All", quiet and beside a busy process, and its kernel's peak memory, in one run.

    python benchmarks/bench_notebooks.py                      # the working tree, quiet and busy, one round
    python benchmarks/bench_notebooks.py --rev main~3         # ... and that revision, alternating, same run
    python benchmarks/bench_notebooks.py --write-readme       # ... and rewrite README.md's notebook speed table
    python benchmarks/bench_notebooks.py 04 07 --cells        # only those notebooks, with their slowest cells

Each notebook is built from its source (notebooks/src/NN_name.py, as scripts/notebooks.py builds it) and run top to
bottom by nbclient in a fresh kernel of this Python, with the working directory notebooks/ of its tree. "Run All" is
the time from the first cell's start to the last cell's end (the kernel already started, as when a learner presses
Run All in an open notebook). The kernel's peak resident memory is its VmHWM, read from /proc before it shuts down.

Conditions:
  quiet  nothing else started by the benchmark (check `uptime`: other work on the machine still counts);
  busy   beside one CPU-bound process (``python -c "while True: pass"``), as on a shared JupyterHub or CI runner;
  numpy  beside a numpy process multiplying matrices with its default BLAS threads (one per core).

With --rev, REV is checked out into a temporary git worktree and its kernel imports weightlab from there
(PYTHONPATH); each notebook runs in both trees back to back, under one condition at a time, so a change in what
else the machine does hits both alike. The median over --rounds is printed.

Targets (issue 11): each notebook <= 15 s and all of them together <= 60 s, quiet and busy; each kernel's peak
<= 250 MB.
--write-readme writes the working tree's figures between the ``notebook speed`` markers of README.md, so the
README's table is always this script's output.
"""
import argparse
import contextlib
import os
import pathlib
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from notebooks import build  # noqa: E402  (the same percent-format parser that builds the committed notebooks)

from weightlab.course import COURSE  # noqa: E402

TARGET_EACH_S, TARGET_ALL_S, TARGET_PEAK_MB = 15.0, 60.0, 250.0
CONDITIONS = {
    "quiet": None,
    "busy": "while True: pass",
    "numpy": "import numpy as np\na = np.random.default_rng(0).random((400, 400))\nwhile True: a @ a",
}
README = ROOT / "README.md"
README_MARKERS = ("<!-- notebook speed: written by benchmarks/bench_notebooks.py --write-readme -->\n\n",
                  "\n\n<!-- end of notebook speed -->")


@contextlib.contextmanager
def neighbour(condition):
    """Run the condition's neighbour process (if any) for the duration of the block."""
    code = CONDITIONS[condition]
    if code is None:
        yield
        return
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.DEVNULL)
    try:
        time.sleep(0.5)  # let it get going
        yield
    finally:
        proc.kill()
        proc.wait()


def peak_rss_mb(pid):
    """VmHWM, the peak resident set size of a running process, in MB (None where /proc has no such field)."""
    try:
        status = pathlib.Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) / 1024 if match else None


def cpu_seconds(pid):
    """User + system CPU time a process (and its reaped children) used so far, from /proc/PID/stat."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def run_notebook(tree, stem, env):
    """Execute one notebook of ``tree`` in a fresh kernel. Returns (run-all seconds, peak MB, kernel CPU seconds,
    per-cell (seconds, index, first line))."""
    nb = build(tree / "notebooks" / "src" / f"{stem}.py")
    # allow_errors: a cell that fails is reported (and the figure marked), the run goes on to the end
    client = NotebookClient(nb, timeout=900, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(tree / "notebooks")}})
    cells = []
    with _environ(env), client.setup_kernel():
        pid = client.km.provisioner.process.pid
        cpu, start = cpu_seconds(pid), time.perf_counter()
        for index, cell in enumerate(nb.cells):
            began = time.perf_counter()
            client.execute_cell(cell, index)
            if cell.cell_type == "code":
                first = next((line for line in cell.source.splitlines() if not line.startswith("# NBVAL")), "")
                cells.append((time.perf_counter() - began, index, first[:60], peak_rss_mb(pid)))
        seconds, cpu = time.perf_counter() - start, cpu_seconds(pid) - cpu
        peak = peak_rss_mb(pid)
    errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue', '')[:120]}" for i, c in enumerate(nb.cells)
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    for error in errors:
        print(f"  ERROR in {stem}: {error}", flush=True)
    return seconds, peak, cpu, cells


@contextlib.contextmanager
def _environ(changes):
    old = {key: os.environ.get(key) for key in changes}
    os.environ.update({k: v for k, v in changes.items() if v is not None})
    for key in (k for k, v in changes.items() if v is None):
        os.environ.pop(key, None)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


EXTRA_ENV = {}  # --kernel-env KEY=VALUE, e.g. OPENBLAS_NUM_THREADS=1 to compare thread policies


def kernel_env(tree):
    """The kernel's environment: weightlab imported from ``tree`` (PYTHONPATH beats the editable install)."""
    return {"PYTHONPATH": str(tree), "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": None, **EXTRA_ENV}


@contextlib.contextmanager
def trees(rev, now=ROOT):
    """{name: path}: the working tree (or ``now``) as "now", and REV in a temporary worktree."""
    if rev is None:
        yield {"now": now}
        return
    with tempfile.TemporaryDirectory() as tmp:
        old = pathlib.Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), rev], check=True)
        try:
            yield {rev: old, "now": now}
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=True)


def measure(stems, conditions, rev, rounds, show_cells, now=ROOT):
    """{(tree, condition, stem): [(seconds, peak), ...]} over rounds, printing each run as it ends."""
    results = {}
    with trees(rev, now) as named:
        for name, tree in named.items():  # each kernel must import its own tree's weightlab
            env = kernel_env(tree)
            with _environ(env):
                where = subprocess.run([sys.executable, "-c", "import weightlab; print(weightlab.__file__)"],
                                       capture_output=True, text=True, check=True,
                                       cwd=tree / "notebooks").stdout.strip()  # where its kernels run
            assert pathlib.Path(where).is_relative_to(tree), f"{name}: weightlab came from {where}, not {tree}"
        for round_ in range(rounds):
            for condition in conditions:
                with neighbour(condition):
                    for stem in stems:
                        for name, tree in named.items():
                            if not (tree / "notebooks" / "src" / f"{stem}.py").exists():
                                continue
                            seconds, peak, cpu, cells = run_notebook(tree, stem, kernel_env(tree))
                            results.setdefault((name, condition, stem), []).append((seconds, peak))
                            print(f"round {round_ + 1} {condition:5s} {name[:12]:>12s} {stem:32s} {seconds:6.1f} s"
                                  f"  kernel CPU {cpu:5.1f} s  peak {peak:4.0f} MB  (load {os.getloadavg()[0]:.2f})",
                                  flush=True)
                            if show_cells:
                                peaks = {index: peak - before for (*_, before), (_, index, _, peak)
                                         in zip([(0, 0, "", 0)] + cells[:-1], cells)}
                                for sec, index, first, peak in sorted(cells, reverse=True)[:6]:
                                    print(f"      {sec:6.2f} s  peak {peak:4.0f} MB (+{peaks[index]:3.0f})  "
                                          f"cell {index:3d}  {first}")
    return results


def table(results, names, conditions, stems):
    """The before/after table as markdown: a row per notebook, a column per (tree, condition), peak memory."""
    def med(key, i):
        runs = results.get(key)
        values = [r[i] for r in runs if r[i] is not None] if runs else []
        return statistics.median(values) if values else None

    head = ["notebook"] + [f"{c} ({n})" if len(names) > 1 else c for c in conditions for n in names]
    head += [f"peak MB ({n})" if len(names) > 1 else "kernel peak" for n in names]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    totals = {(n, c): 0.0 for n in names for c in conditions}
    for stem in stems:
        title = next((f"{nb.number}. {nb.title}" for nb in COURSE if nb.stem == stem), stem)
        cells = [title]
        for c in conditions:
            for n in names:
                s = med((n, c, stem), 0)
                totals[n, c] += s or 0.0
                cells.append("-" if s is None else f"{s:.1f} s")
        for n in names:
            peaks = [med((n, c, stem), 1) for c in conditions]
            peak = max((p for p in peaks if p is not None), default=None)
            cells.append("-" if peak is None else f"{peak:.0f} MB")
        rows.append("| " + " | ".join(cells) + " |")
    rows.append("| **all** | " + " | ".join(f"**{totals[n, c]:.0f} s**" for c in conditions for n in names)
                + " | " + " | ".join("" for _ in names) + " |")
    return "\n".join(rows)


def verdict(results, name, conditions, stems):
    """Lines saying whether ``name``'s figures meet the targets."""
    lines = []
    for c in conditions:
        times = {s: statistics.median(r[0] for r in results[(name, c, s)]) for s in stems if (name, c, s) in results}
        slow = [f"{s} {t:.1f} s" for s, t in times.items() if t > TARGET_EACH_S]
        total = sum(times.values())
        lines.append(f"{name} {c}: all {total:.0f} s (target <= {TARGET_ALL_S:.0f} s), "
                     + (f"over {TARGET_EACH_S:.0f} s: {', '.join(slow)}" if slow else
                        f"each <= {TARGET_EACH_S:.0f} s"))
    peaks = {s: max(p for c in conditions for _, p in results.get((name, c, s), []) if p is not None)
             for s in stems if any((name, c, s) in results for c in conditions)}
    over = [f"{s} {p:.0f} MB" for s, p in peaks.items() if p > TARGET_PEAK_MB]
    lines.append(f"{name} kernel peak: max {max(peaks.values()):.0f} MB (target <= {TARGET_PEAK_MB:.0f} MB)"
                 + (f", over: {', '.join(over)}" if over else ""))
    return lines


def write_readme(results, conditions, stems, tree=ROOT):
    """Rewrite README.md's notebook speed table (between its markers) with the figures of ``tree`` ("now")."""
    revision = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
    changed = subprocess.run(["git", "-C", str(tree), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout.strip()
    machine = (f"{os.cpu_count()} cores, Python {platform.python_version()}, at {revision}"
               f"{' with uncommitted changes' if changed else ''} on {time.strftime('%Y-%m-%d')}, load average "
               f"{LOAD_AT_START[0]:.1f} when it started")
    note = (f"Run All of each notebook in a fresh kernel (nbclient), median of the rounds; {machine}; conditions: "
            + ", ".join(f"{c} = {_describe(c)}" for c in conditions)
            + f". Targets: each notebook <= {TARGET_EACH_S:.0f} s, all together <= {TARGET_ALL_S:.0f} s, "
              f"kernel peak <= {TARGET_PEAK_MB:.0f} MB.")
    body = table(results, ["now"], conditions, stems) + "\n\n" + textwrap.fill(note, 118, break_on_hyphens=False)
    text = README.read_text()
    start, end = README_MARKERS
    if text.count(start) != 1 or text.count(end) != 1:
        sys.exit(f"README.md must hold the markers once each: {start.strip()} ... {end.strip()}")
    before, rest = text.split(start)
    README.write_text(before + start + body + end + rest.split(end)[1])
    print("README.md: notebook speed table rewritten")


def _describe(condition):
    return {"quiet": "nothing else started", "busy": "beside one `python -c \"while True: pass\"`",
            "numpy": "beside a numpy process multiplying 400x400 matrices"}[condition]


LOAD_AT_START = os.getloadavg()


def main(prefixes=(), rev=None, rounds=1, conditions=("quiet", "busy"), cells=False, readme=False, kernel_env=(),
         tree=None):
    EXTRA_ENV.update(item.split("=", 1) for item in kernel_env)
    now = pathlib.Path(tree).resolve() if tree else ROOT
    stems = [nb.stem for nb in COURSE if not prefixes or nb.stem.startswith(tuple(prefixes))]
    print(f"{len(stems)} notebooks, conditions {', '.join(conditions)}, {rounds} round(s); load now "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    results = measure(stems, conditions, rev, rounds, cells, now)
    names = [rev, "now"] if rev else ["now"]
    print()
    print(table(results, names, conditions, stems))
    print()
    for name in names:
        print("\n".join(verdict(results, name, conditions, stems)))
    if readme:
        if prefixes:
            sys.exit("--write-readme needs every notebook: give no prefixes")
        write_readme(results, conditions, stems, now)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prefixes", nargs="*", help="only notebooks whose name starts with one of these")
    parser.add_argument("--rev", help="also measure this git revision, alternating with the working tree")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--conditions", nargs="+", choices=list(CONDITIONS), default=["quiet", "busy"])
    parser.add_argument("--cells", action="store_true", help="print each run's six slowest cells")
    parser.add_argument("--write-readme", dest="readme", action="store_true",
                        help="rewrite README.md's notebook speed table with the working tree's figures")
    parser.add_argument("--tree", help="measure this checkout as \"now\" instead of the working tree")
    parser.add_argument("--kernel-env", nargs="+", default=[], metavar="KEY=VALUE",
                        help="set these in every kernel's environment (to compare thread policies)")
    main(**vars(parser.parse_args()))
