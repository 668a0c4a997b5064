"""Figures for the notebooks: every function takes arrays (or a History / an experiment's dict) and returns the Axes.

Each ``plot_*`` function draws on ``ax`` (a new figure when ``ax`` is None) and returns it, so a notebook can place
several figures side by side and a dashboard can redraw one frame. Functions that draw one main line per call take
``**line_kw`` (``lw``, ``ls``, ``ms``, ``alpha``, ``zorder``, ...) for it, so a notebook styles a line by passing the
style rather than by finding the line afterwards. ``new_figure`` and ``figure_to_png`` build and render figures
without pyplot's global state (thread-safe, for the widgets).

One module per idea, every public name re-exported here (``from weightlab.plots import plot_loss``):
    style     colours (one per initializer family, one per class), fonts, the shared Axes helpers
    figure    new_figure, figure_to_png, frame_to_png (a dashboard's frame), plot_message (an empty panel's why)
    training  loss and accuracy curves, per-layer statistics over the epochs, decision boundaries, restarts, the
              scale sweep
    depth     variance through depth (forward, backward, both), activation histograms, the order-to-chaos map
    weights   an initializer's draw against its density
    symmetry  gradient flow from symmetric starts, distinct units, a layer's parameters unit by unit
"""
from .depth import (plot_activation_histograms, plot_both_directions, plot_edge_of_chaos, plot_gradient_stats,
                    plot_variance_by_depth)
from .figure import figure_to_png, frame_to_png, new_figure, plot_message
from .style import (CLASS_CMAP, CLASS_COLORS, DIVERGED_COLOR, OTHER_COLOR, SCHEME_COLORS, scheme_color,
                    scheme_marker)
from .symmetry import plot_gradient_flow, plot_symmetry, plot_unit_parameters
from .training import (CONSTANT_PREDICTION, plot_accuracy, plot_accuracy_vs_scale, plot_decision_boundary,
                       plot_layer_stat, plot_logistic_starts, plot_loss, plot_restart_histogram)
from .weights import plot_weight_histogram

__all__ = ["CLASS_CMAP", "CLASS_COLORS", "CONSTANT_PREDICTION", "DIVERGED_COLOR", "OTHER_COLOR", "SCHEME_COLORS",
           "figure_to_png", "frame_to_png", "new_figure", "plot_accuracy", "plot_accuracy_vs_scale",
           "plot_activation_histograms", "plot_both_directions", "plot_decision_boundary", "plot_edge_of_chaos",
           "plot_gradient_flow", "plot_gradient_stats", "plot_layer_stat", "plot_logistic_starts", "plot_loss",
           "plot_message", "plot_restart_histogram", "plot_symmetry", "plot_unit_parameters", "plot_variance_by_depth",
           "plot_weight_histogram", "scheme_color", "scheme_marker"]
