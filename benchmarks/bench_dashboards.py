"""Dashboard latency, driven from Python as a learner's clicks would drive it.

    python benchmarks/bench_dashboards.py [--changes 30]

Each dashboard goes through ``--changes`` control changes (the scale slider across its range, and the scheme
dropdown); for each change we time how long until its outputs are redrawn (for training dashboards: until the first
live frame and until the final frame). Targets: forward-only panels (variance through depth, the zoo) p95 < 150 ms;
a retrain of the default Init Lab setting p95 < 1 s with the first live frame in < 200 ms. Each row also counts the
full garbage collections that started during a change: the dashboards postpone the collector while a frame is drawn
(``weightlab.widgets.base.collection_after_frame``), without which one lands in about one change in ten and costs
100-300 ms. The notebooks' Run All times are benchmarks/bench_notebooks.py's; the browser's slider-to-plot
latencies, tests/browser's (artifacts/browser-latency.txt).
"""
import argparse
import gc
import time

import numpy as np

from weightlab.widgets import DepthDashboard, InitLab, ZooDashboard


class FullCollections:
    """Counts the full (generation 2) garbage collections that start while ``inside`` is set."""

    def __init__(self):
        self.inside, self.count = False, 0
        gc.callbacks.append(self)

    def __call__(self, phase, info):
        if phase == "start" and info["generation"] == 2 and self.inside:
            self.count += 1


FULL = FullCollections()


def drive(dash, changes, schemes):
    """Move the scale slider across its range, switching scheme every fifth change; wait for each redraw."""
    slider = dash.controls["scale"]
    scales = 10 ** np.linspace(slider.min, slider.max, changes)
    dash.timings.clear()
    dash.first_frame_timings.clear()
    FULL.count = 0
    for i, scale in enumerate(np.random.default_rng(0).permutation(scales)):
        values = {"scale": float(scale)}
        if i % 5 == 4:
            values["scheme"] = schemes[(i // 5) % len(schemes)]
        FULL.inside = True
        dash.set(**values).wait()
        FULL.inside = False
    return np.array(dash.timings), np.array(dash.first_frame_timings)


def row(name, times, target):
    p50, p95 = np.percentile(times, [50, 95]) * 1000
    verdict = "ok" if p95 < target * 1000 else "OVER"
    print(f"  {name:40s} p50 {p50:6.0f} ms   p95 {p95:6.0f} ms   (target p95 < {target * 1000:.0f} ms: {verdict})"
          f"   full gc during the changes: {FULL.count}")


def main(changes=30):
    print(f"dashboards: {changes} control changes each")
    depth = DepthDashboard()
    row("variance through depth (forward only)", drive(depth, changes, ["he_normal", "glorot_normal"])[0], 0.150)
    zoo = ZooDashboard()
    row("initializer zoo (forward only)", drive(zoo, changes, ["he_uniform", "orthogonal", "lecun_normal"])[0], 0.150)
    lab = InitLab()
    lab.wait()
    final, first = drive(lab, changes, ["he_normal", "glorot_uniform"])
    row("Init Lab retrain, first live frame", first, 0.200)
    row("Init Lab retrain, final frame", final, 1.0)

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=30)
    main(**{k.replace("-", "_"): v for k, v in vars(parser.parse_args()).items()})
