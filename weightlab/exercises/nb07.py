"""Exercises of notebook 07 (beyond)."""
from functools import cache

import numpy as np

from . import Exercise
from .judges import number


@cache
def _critical_sigma_w():
    from ..experiments import chaos_chi
    grid = np.linspace(0.5, 2.0, 301)
    chi = np.array([chaos_chi(s, 0.0) for s in grid])
    return float(grid[np.argmin(np.abs(chi - 1.0))])


def _depth_window():
    from ..experiments import theory_variance
    from ..initializers import init_variance
    he = init_variance("he_normal", 256, 256)
    return float(theory_variance(50, "relu", 1.1**2 * he, 256)[-1] / theory_variance(50, "relu", he, 256)[-1])


def _residual_growth():
    depth = 100
    return (1.0 + 1.0 / depth) ** depth


EXERCISES = [
    Exercise("beyond.critical_sigma_w", "σ_w at the edge of chaos for tanh with σ_b = 0",
             number(1.0, rel=0.03, traps=[(np.sqrt(2), "√2 is He's gain, for relu; tanh′(0) = 1 puts the edge "
                                                       "elsewhere."),
                                          (5 / 3, "5/3 is PyTorch's tanh gain, chosen for finite-variance inputs; the "
                                                  "mean-field edge with no bias noise is lower.")],
                    too_low="Too small: there χ < 1 and gradients vanish.",
                    too_high="Too large: there χ > 1, the chaotic phase."),
             _critical_sigma_w, wrong=[np.sqrt(2), 5 / 3, 0.5, 3.0], expects="a number"),
    Exercise("beyond.depth_window", "Var(z50) at s = 1.1 over Var(z50) at s = 1, 50 relu layers with He × s",
             number(_depth_window, rel=0.03,
                    traps=[(1.1**50, "The scale multiplies the weights, so it multiplies the variance by s² = 1.21 "
                                     "per layer, not by s."),
                           (1.1**98, "Count again: all 50 layers are scaled, the first one included (s^(2·50))."),
                           (1.21 * 50, "The factors multiply, they don't add: 1.21 × 1.21 × … fifty times."),
                           (1.21, "That is one layer's factor; there are 50 of them.")],
                    too_low="Too small: each of the 50 layers multiplies the variance by 1.1² = 1.21.",
                    too_high="Too large: each of the 50 layers multiplies the variance by 1.1² = 1.21, no more."),
             _depth_window, wrong=[1.1**50, 1.1**98, 1.21 * 50, 1.21, 1.0], expects="a number (a ratio)"),
    Exercise("beyond.residual_growth", "variance growth after 100 residual blocks with α = 1/√L",
             number(_residual_growth, rel=0.05,
                    traps=[(2.0**100, "That is α = 1 (a factor 2 per block); with α = 1/√L each block multiplies by "
                                      "1 + 1/100."),
                           (2.0, "The factors multiply, they don't add up to 1 + 100 × (1/100): (1 + 1/100)^100."),
                           (101.0, "The factors multiply: (1 + 1/100) to the power 100.")],
                    too_low="Too small: the factors 1.01 multiply, a hundred times.",
                    too_high="Too large: each block multiplies by only 1 + 1/100 = 1.01."),
             _residual_growth, wrong=[2.0**100, 2.0, 101.0, 10.0], expects="a number"),
]
