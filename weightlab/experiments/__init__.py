"""The course's experiments as pure functions that return arrays (no plotting here), one module per idea:

    depth      variance and gradients through untrained deep chains, the order-to-chaos map, LSUV
    symmetry   identical units, the three zero-init cases step by step, distinct units
    training   restarts, the scale sweep, convex starts, the course's exact weights
    landscape  the loss on 2-D slices of parameter space

Every network here runs on ``weightlab.chain``'s one forward and backward pass; the predictions the measurements are
compared with are in ``weightlab.theory``. Import from here: ``from weightlab.experiments import depth_statistics``.
"""
from .depth import depth_statistics, edge_of_chaos, lsuv_init, variance_by_scale
from .landscape import loss_surface, plane_through, random_directions
from .symmetry import (GRADIENT_TOLERANCE, ZERO_INIT_CASES, count_distinct_units, gradient_flow_cases,
                       symmetry_experiment)
from .training import course_weights, logistic_starts, scale_sweep, train_restarts

__all__ = ["GRADIENT_TOLERANCE", "ZERO_INIT_CASES", "count_distinct_units", "course_weights", "depth_statistics",
           "edge_of_chaos", "gradient_flow_cases", "logistic_starts", "loss_surface", "lsuv_init", "plane_through",
           "random_directions", "scale_sweep", "symmetry_experiment", "train_restarts", "variance_by_scale"]
