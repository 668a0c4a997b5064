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
    from ..data import load_circles
    from ..experiments import gradient_flow_cases
    X, y, _, _ = load_circles()
    steps = gradient_flow_cases(X[:64], y[:64], (2, 4, 1), activation="relu", steps=3)["W=0, b=0"]
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


def _effective_units_judge(answer):
    n_live, n_functions = _units_after_w0_brandom()
    return number(n_functions, rel=0, traps=[
        (8, "8 is what count_distinct_units says: the columns are not equal. But divide each live column by its bias: "
            "relu(βz) = β·relu(z), so a positive multiple of a unit computes the same function."),
        (n_live, f"{n_live} is the number of live units (positive bias). Are they different functions? Divide each "
                 "one's parameters by its bias and compare."),
        (0, "Some units are alive (those with a positive bias): they compute something, and it is the same something "
            "for all of them.")],
        too_low="At least one unit is alive.",
        too_high="Fewer: divide each live unit's parameters by its bias and compare the columns; leave out the units "
                 "with a negative bias, which are dead.")(answer)


EXERCISES = [
    Exercise("symmetry.distinct_units", "distinct units in the first hidden layer after constant-init training",
             number(_distinct_units, rel=0, traps=[(5, "5 is the layer's width: but are its units different from "
                                                      "each other? Look at the columns of net.weights[0].")],
                    too_low="There is at least one unit.", too_high="More than the symmetry allows: every unit "
                    "started the same and got the same gradients."),
             _distinct_units, wrong=[5, 3, 0, 2], expects="a whole number"),
    Exercise("symmetry.zero_zero_learns", "which parameters learn with relu, W=0 and b=0",
             choice("b2", ["none", "b2", "W2 and b2", "all"], hints={
                 "none": "The output error p − y is not zero, so the output bias's gradient Σ(p − y) is not zero.",
                 "W2 and b2": "∂L/∂W2 = a1ᵀ δ2, and a1 = relu(0) = 0: W2 gets nothing.",
                 "all": "With W2 = 0 the error never reaches the hidden layer: δ1 = (δ2 W2ᵀ) ⊙ relu′(z1) = 0."}),
             _zero_zero_learns, wrong=["none", "all", "W2 and b2", "W1"], expects='"none", "b2", "W2 and b2" or "all"'),
    Exercise("symmetry.effective_units", "different functions computed by the live relu units after W=0, b random",
             _effective_units_judge, _effective_units, wrong=[8, 0, 5, 2], expects="a whole number"),
]
