"""Exercises of notebook 02 (symmetry)."""
from functools import cache

from . import Exercise
from .judges import choice, number


@cache
def _distinct_units():
    from ..data import load_circles
    from ..experiments import count_distinct_units
    from ..mlp import MLP
    X, y, _, _ = load_circles()
    net = MLP([2, 5, 3, 1], activation="tanh", init="constant", init_options={"value": 0.5})
    net.fit(X, y, epochs=500, lr=0.5)
    return int(count_distinct_units(net)[0])


@cache
def _zero_zero_learns():
    """Which parameters of the relu W=0, b=0 net ever get a gradient over the notebook's successive batches."""
    from ..data import load_circles
    from ..experiments import gradient_flow_cases
    X, y, _, _ = load_circles()
    steps = gradient_flow_cases(X, y, (2, 4, 1), activation="relu", steps=4, lr=0.5, batch_size=64,
                                cases={"W=0, b=0": dict(init="zeros")})["W=0, b=0"]
    moving = {f"{k}{l + 1}" for s in steps for l in range(2) for k, m in (("W", s["weights"]), ("b", s["biases"]))
              if m[l].any()}
    return {frozenset(): "none", frozenset({"b2"}): "b2", frozenset({"W2", "b2"}): "W2 and b2"}.get(
        frozenset(moving), "all")


@cache
def _units_after_w0_brandom():
    """The relu [2, 8, 1] of exercise 3 after training: (number of live units, number of different functions)."""
    import numpy as np

    from ..data import load_circles
    from ..mlp import MLP
    X, y, _, _ = load_circles()
    net = MLP([2, 8, 1], activation="relu", init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0},
              seed=3)
    net.fit(X, y, epochs=1000, lr=0.5)
    params = np.vstack([net.weights[0], net.biases[0], net.weights[1].T])  # one column per hidden unit
    live = (np.maximum(X @ net.weights[0] + net.biases[0], 0) > 0).any(axis=0)  # dead: 0 for every input
    directions = params[:, live] / np.linalg.norm(params[:, live], axis=0)  # a positive multiple: same direction
    return int(live.sum()), len(np.unique(np.round(directions.T, 6), axis=0))


def _effective_units():
    return _units_after_w0_brandom()[1]


EXERCISES = [
    Exercise("symmetry.distinct_units", "distinct units in the first hidden layer after constant-init training",
             number(_distinct_units, digits=None,
                    traps=[(5, "5 is the layer's width: but are its units different from each other? Look at the "
                               "columns of net.weights[0].")],
                    too_low="There is at least one unit.",
                    too_high="More than the symmetry allows: revisit 'Identical units stay identical'."),
             _distinct_units, wrong=[5, 3, 0, 2], expects="a whole number"),
    Exercise("symmetry.zero_zero_learns", "which parameters learn with relu, W=0 and b=0, over successive batches",
             choice(_zero_zero_learns, ["none", "b2", "W2 and b2", "all"], hints={
                 "none": "On a class-balanced batch, yes; but look at the successive batches above: is every "
                         "gradient 0 on every batch?",
                 "W2 and b2": "What does W2's gradient multiply the output error by? Revisit the backward pass at the "
                              "start of 'Three zero-init cases'.",
                 "all": "How would the error reach the hidden layer? Revisit the backward pass at the start of 'Three "
                        "zero-init cases'."}),
             _zero_zero_learns, wrong=["none", "all", "W2 and b2", "W1"], expects='"none", "b2", "W2 and b2" or "all"'),
    Exercise("symmetry.effective_units", "different functions computed by the live relu units after W=0, b random",
             number(_effective_units, digits=None, traps=[
                 (8, "8 is what count_distinct_units says: the columns are not equal. But relu(βz) = β·relu(z): is a "
                     "unit that is a positive multiple of another a different function?"),
                 (lambda: _units_after_w0_brandom()[0], "That is the number of live units. Are they different "
                                                        "functions? Compare their parameters up to a positive factor."),
                 (0, "Some units are alive (those with a positive bias): they compute something.")],
                    too_low="At least one unit is alive.",
                    too_high="Fewer: compare the live units' parameters up to a positive factor, and leave out the "
                             "dead ones."),
             _effective_units, wrong=[8, 0, 5, 2], expects="a whole number"),
]
