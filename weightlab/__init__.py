"""WeightLab: learn how neural-network weights are initialized, and why.

Compute modules (numpy and scikit-learn only, they return arrays):
    data         load_circles and friends, the DATASETS table
    initializers INITIALIZERS (the Keras catalogue and PyTorch's names), initialize, BIAS_INITS
    activations  ACTIVATIONS
    mlp          MLP, History: a readable numpy network with exact backprop and per-layer statistics
    ensemble     MLPEnsemble: many seeds trained as one vectorized run
    experiments  the notebooks' experiments as pure functions
Drawing (matplotlib): plots.  Dashboards (ipywidgets): widgets.  Exercise checks: exercises.
"""
from .activations import ACTIVATIONS
from .data import DATASETS, load_circles, load_dataset, load_gaussian, load_moons, load_spiral, load_xor
from .ensemble import MLPEnsemble
from .initializers import (BIAS_INITS, INITIALIZERS, calculate_gain, get_initializer, init_variance, initialize,
                           initialize_bias)
from .mlp import MLP, History, NumericalError

__version__ = "0.1.0"

__all__ = ["ACTIVATIONS", "BIAS_INITS", "DATASETS", "INITIALIZERS", "MLP", "History", "MLPEnsemble",
           "NumericalError", "calculate_gain", "get_initializer", "init_variance", "initialize", "initialize_bias",
           "load_circles", "load_dataset", "load_gaussian", "load_moons", "load_spiral", "load_xor"]
