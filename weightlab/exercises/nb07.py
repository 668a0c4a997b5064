"""Exercises of notebook 07 (beyond)."""
from functools import cache

import numpy as np

from . import Exercise
from .judges import number


@cache
def _critical_sigma_w():
    from ..theory import chaos_chi
    grid = np.linspace(0.5, 2.0, 301)
    chi = np.array([chaos_chi(s, 0.0) for s in grid])
    return float(grid[np.argmin(np.abs(chi - 1.0))])


def _depth_variance(depth, s):
    from ..initializers import init_variance
    from ..theory import theory_variance
    return theory_variance(depth, "relu", init_variance("he_normal", 256, 256, scale=s), 256)[-1]


def _depth_window():
    return float(_depth_variance(50, 1.1) / _depth_variance(50, 1.0))


def _residual_growth(depth=100):
    """Var(x) after ``depth`` residual blocks with α = 1/√depth, each block adding α² times the variance."""
    alpha, q = 1.0 / np.sqrt(depth), 1.0
    for _ in range(depth):
        q = q + alpha**2 * q
    return q


EXERCISES = [
    Exercise("beyond.critical_sigma_w", "σ_w at the edge of chaos for tanh with σ_b = 0",
             number(_critical_sigma_w, digits=2,
                    traps=[(np.sqrt(2), "√2 is He's gain, for relu; for tanh the edge depends on tanh's own slope "
                                        "(revisit χ = σ_w² E[φ′(z)²] in 'The edge of chaos')."),
                           (5 / 3, "5/3 is PyTorch's tanh gain, chosen for finite-variance inputs; the mean-field "
                                   "edge with no bias noise is lower.")],
                    too_low="Too small: there χ < 1 and gradients vanish.",
                    too_high="Too large: there χ > 1, the chaotic phase."),
             _critical_sigma_w, wrong=[np.sqrt(2), 5 / 3, 0.5, 3.0], expects="a number (2 significant figures)"),
    Exercise("beyond.depth_window", "Var(z50) at s = 1.1 over Var(z50) at s = 1, 50 relu layers with He × s",
             number(_depth_window, digits=3,
                    traps=[(1.1**50, "The scale multiplies the weights: what does it do to their variance?"),
                           (lambda: _depth_variance(49, 1.1) / _depth_variance(49, 1.0),
                            "Count again which layers are scaled: all 50, the first one too."),
                           (lambda: 50 * _depth_variance(1, 1.1) / _depth_variance(1, 1.0),
                            "Per-layer factors compound through depth; they do not add."),
                           (lambda: _depth_variance(1, 1.1) / _depth_variance(1, 1.0),
                            "That is one layer's factor: revisit how factors compound through depth.")],
                    too_low="Too small: revisit how a per-layer factor compounds through 50 layers ('Depth: how "
                            "exact must the scale be?').",
                    too_high="Too large: revisit how a per-layer factor compounds through 50 layers ('Depth: how "
                             "exact must the scale be?')."),
             _depth_window, wrong=[1.1**50, 1.1**98, 1.21 * 50, 1.21, 1.0],
             expects="a number (a ratio, 3 significant figures)"),
    Exercise("beyond.residual_growth", "variance growth after 100 residual blocks with α = 1/√L",
             number(_residual_growth, digits=3,
                    traps=[(2.0**100, "That is the unscaled chain (α = 1): revisit what α = 1/√L does to each block."),
                           (2.0, "Per-block factors compound; they do not add."),
                           (101.0, "Per-block factors compound; they do not add."),
                           (np.e, "e is the limit for infinitely many blocks; the question is about L = 100.")],
                    too_low="Too small: revisit how per-block factors compound ('Residual networks').",
                    too_high="Too large: with α = 1/√L each block adds only a little; revisit 'Residual networks'."),
             _residual_growth, wrong=[2.0**100, 2.0, 101.0, 10.0, np.e], expects="a number (3 significant figures)"),
]
