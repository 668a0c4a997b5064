"""Exercises of notebook 07 (beyond)."""
import numpy as np

from . import Exercise
from .judges import number


def _critical_sigma_w():
    from ..experiments import chaos_chi
    grid = np.linspace(0.5, 2.0, 301)
    chi = np.array([chaos_chi(s, 0.0) for s in grid])
    return float(grid[np.argmin(np.abs(chi - 1.0))])


EXERCISES = [
    Exercise("beyond.critical_sigma_w", "σ_w at the edge of chaos for tanh with σ_b = 0",
             number(1.0, rel=0.03, traps=[(np.sqrt(2), "√2 is He's gain, for relu; tanh′(0) = 1 puts the edge "
                                                       "elsewhere."),
                                          (5 / 3, "5/3 is PyTorch's tanh gain, chosen for finite-variance inputs; the "
                                                  "mean-field edge with no bias noise is lower.")],
                    too_low="Too small: there χ < 1 and gradients vanish.",
                    too_high="Too large: there χ > 1, the chaotic phase."),
             _critical_sigma_w, wrong=[np.sqrt(2), 5 / 3, 0.5, 3.0], expects="a number"),
    Exercise("beyond.residual_growth", "variance growth after 10 blocks doubling it",
             number(2.0**10, rel=0.01, traps=[(20.0, "The factors multiply, they don't add: 2 × 2 × … ten times."),
                                              (11.0, "The factors multiply: 2 to the power 10.")]),
             lambda: 2.0**10, wrong=[20.0, 11.0, 100.0], expects="a number"),
]
