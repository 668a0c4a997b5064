"""Dashboards on untrained nets, redrawn at once on every control change: variance through depth, the initializer
zoo, and the edge of chaos."""
import html

import ipywidgets as widgets
import numpy as np

from .. import plots
from ..activations import ACTIVATIONS
from ..experiments import depth_statistics
from ..initializers import INITIALIZERS, get_initializer
from ..theory import chaos_chi
from .base import FRAME, Dashboard, check_control, dropdown, fmt_scale, frame, int_slider, scale_slider

FLOAT64_LIMITS = (float(np.finfo(float).tiny), float(np.finfo(float).max))  #: float64's smallest normal, largest


class DepthDashboard(Dashboard):
    """A deep chain of square layers, untrained: activation variance forward, gradient variance backward, and the
    mean-field theory line. Controls: depth, width, activation, scheme, scale, batchnorm."""

    title = "Variance through depth"

    def __init__(self, depth=10, width=100, activation="tanh", scheme="glorot_normal", scale=1.0, batchnorm=False,
                 n_samples=200, seed=0, show_batchnorm=True):
        self.n_samples, self.seed = n_samples, seed
        controls = {"depth": int_slider(depth, 1, 100, "layers"), "width": int_slider(width, 10, 400, "width", 10),
                    "activation": dropdown(ACTIVATIONS, activation, "activation"),
                    "scheme": dropdown(INITIALIZERS, scheme, "init scheme", css="wl-scheme"),
                    "scale": scale_slider(scale)}
        initial = dict(depth=depth, width=width, activation=activation, scheme=scheme, scale=scale)
        batchnorm_box = widgets.Checkbox(value=False, description="batch norm")
        self._batchnorm = check_control("batchnorm", batchnorm_box, batchnorm)
        if show_batchnorm:
            controls["batchnorm"], initial["batchnorm"] = batchnorm_box, batchnorm
        super().__init__(controls, width_px=900, initial=initial)
        self.update()

    @frame
    def update(self):
        v = {"batchnorm": self._batchnorm, **self.values}
        stats = depth_statistics(v["depth"], v["width"], v["scheme"], v["activation"], v["scale"],
                                 n_samples=self.n_samples, seed=self.seed, batchnorm=v["batchnorm"])
        self.stats = stats
        fig, axes = plots.new_figure(1, 2, figsize=(11.25, 5.0), **FRAME, left=0.075, bottom=0.3, top=0.9)
        plots.plot_both_directions(stats, ax=axes[0], theory=not v["batchnorm"])
        plots.plot_activation_histograms(stats["hist_samples"], ax=axes[1], activation=v["activation"],
                                         legend="below")
        last, theory = stats["pre_var"][-1], stats["theory_pre_var"][-1]
        verdict = ("overflowed (inf)" if not last <= FLOAT64_LIMITS[1] else
                   "underflowed to 0" if last < FLOAT64_LIMITS[0] else "exploding" if last > 10 else
                   "vanishing" if last < 0.1 else "steady")
        self.draw(fig)
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · scheme = {v['scheme']} · {v['activation']} · "
                              f"variance of layer {v['depth']}'s pre-activations = {last:.3g} "
                              f"(theory {theory:.3g}) → <b>{verdict}</b>"
                              + (" <small>(float64 holds 2.2e-308 to 1.8e308: the plot marks where a variance left "
                                 "that range)</small>" if verdict.startswith(("over", "under")) else ""))
        self.set_status(f"ready ({verdict})", color="#060" if verdict == "steady" else "#a60")


class ZooDashboard(Dashboard):
    """Pick an initializer, its fans and the scale: the sampled histogram against its theoretical density."""

    title = "The initializer zoo"

    def __init__(self, scheme="glorot_uniform", fan_in=256, fan_out=256, scale=1.0, seed=0):
        self.seed = seed
        controls = {"scheme": dropdown(INITIALIZERS, scheme, "initializer", css="wl-scheme"),
                    "fan_in": int_slider(fan_in, 1, 1024, "fan_in"), "fan_out": int_slider(fan_out, 1, 1024, "fan_out"),
                    "scale": scale_slider(scale)}
        super().__init__(controls, width_px=640,
                         initial=dict(scheme=scheme, fan_in=fan_in, fan_out=fan_out, scale=scale))
        self.update()

    @frame
    def update(self):
        v = self.values
        entry = get_initializer(v["scheme"])
        fig, ax = plots.new_figure(1, 1, figsize=(8, 5.2), **FRAME, left=0.1, bottom=0.3, top=0.9)
        plots.plot_weight_histogram(v["scheme"], v["fan_in"], v["fan_out"], rng=self.seed, ax=ax, scale=v["scale"])
        self.draw(fig)
        mean, std = (f(v["fan_in"], v["fan_out"], scale=v["scale"]) for f in (entry.mean, entry.std))
        # a layer multiplies its input's second moment by fan_in·E[w²] = fan_in·(Var(w) + mean²): the zoo's order
        self.readout.value = (f"scale = {fmt_scale(v['scale'])} · <b>{v['scheme']}</b> ({entry.framework}): "
                              f"{html.escape(entry.summary)}<br>formula: <code>{html.escape(entry.formula)}</code> · "
                              f"theoretical std = {std:.4g}, mean = {mean:.3g} · fan_in·E[w²] = "
                              f"{v['fan_in'] * (std**2 + mean**2):.3g} (the factor by which a layer multiplies its "
                              f"input's second moment)<br><small>source: {html.escape(entry.source)}</small>")
        self.set_status("ready", color="#060")


class ChaosDashboard(Dashboard):
    """Deep tanh nets with weights N(0, σ_w²/width) and biases N(0, σ_b²): where the chosen point sits on the
    order-to-chaos map, and what its signal and gradient do through depth. The σ_w slider carries the ``wl-scale``
    class: it is this dashboard's init scale (the weights' std in units of 1/√width)."""

    title = "Edge of chaos"
    PRESETS = {"ordered": (0.8, 0.0), "edge of chaos": (1.0, 0.0), "chaotic": (2.5, 0.3)}  #: (σ_w, σ_b)

    def __init__(self, chaos_map, sigma_w=1.0, sigma_b=0.0, depth=50, width=100, n_samples=100, seed=0):
        self.map, self.width, self.n_samples, self.seed = chaos_map, width, n_samples, seed
        controls = {"preset": dropdown(["custom"] + list(self.PRESETS), "custom", "preset", css="wl-scheme"),
                    "sigma_w": scale_slider(sigma_w, description="σ_w", log10_range=(-0.7, 0.7)),
                    "sigma_b": widgets.FloatSlider(value=sigma_b, min=0.0, max=float(np.max(chaos_map["sigma_b"])),
                                                   step=0.05, description="σ_b", continuous_update=False),
                    "depth": int_slider(depth, 2, 100, "layers")}
        self._preset = "custom"
        super().__init__(controls, width_px=900, initial=dict(sigma_w=sigma_w, sigma_b=sigma_b, depth=depth))
        self.update()

    def _follow_preset(self):
        """A newly picked preset moves the sliders; moving a slider away from it turns the preset to "custom"."""
        v = self.values
        self._holding = True
        try:
            if v["preset"] != self._preset and v["preset"] in self.PRESETS:
                self.controls["sigma_w"].value, self.controls["sigma_b"].value = self.PRESETS[v["preset"]]
            elif v["preset"] in self.PRESETS and not np.allclose(  # (within the browser's snapping)
                    (v["sigma_w"], v["sigma_b"]), self.PRESETS[v["preset"]], rtol=0.07, atol=0.03):
                self.controls["preset"].value = "custom"
        finally:
            self._holding = False
        self._preset = self.controls["preset"].value

    @frame
    def update(self):
        self._follow_preset()
        v = self.values
        sigma_w, sigma_b = v["sigma_w"], v["sigma_b"]
        stats = depth_statistics(v["depth"], self.width, "random_normal", "tanh", scale=sigma_w,
                                 init_options={"stddev": 1.0 / np.sqrt(self.width)}, n_samples=self.n_samples,
                                 seed=self.seed, bias_std=sigma_b)
        fig, axes = plots.new_figure(1, 2, figsize=(11.25, 5.0), **FRAME, left=0.075, bottom=0.3, top=0.9,
                                     wspace=0.35)
        plots.plot_edge_of_chaos(self.map, ax=axes[0], point=(sigma_w, sigma_b))
        plots.plot_both_directions(stats, ax=axes[1])
        self.draw(fig)
        ratio = stats["grad_var"][0] / stats["grad_var"][-1]
        chi = chaos_chi(sigma_w, sigma_b, "tanh")
        phase = ("ordered: gradients vanish" if chi < 0.98 else "chaotic: gradients explode" if chi > 1.02 else
                 "at the edge of chaos")
        self.readout.value = (f"σ_w = {fmt_scale(sigma_w)} · σ_b = {sigma_b:.2f} · χ = {chi:.3f} → <b>{phase}</b> · "
                              f"measured Var(grad) layer 1 / layer {v['depth']} = {ratio:.3g}")
        self.set_status("ready", color="#060")
