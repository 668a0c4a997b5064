"""Exercises of notebook 02 (symmetry)."""
from . import Exercise
from .judges import choice, number


def _distinct_units():
    from ..data import load_circles
    from ..experiments import count_distinct_units
    from ..mlp import MLP
    X, y, _, _ = load_circles()
    net = MLP([2, 5, 3, 1], activation="tanh", init="constant", init_options={"value": 0.5})
    net.fit(X, y, epochs=500, lr=0.5)
    return int(count_distinct_units(net)[0])


def _zero_zero_learns():
    from ..data import load_circles
    from ..experiments import gradient_flow_cases
    X, y, _, _ = load_circles()
    steps = gradient_flow_cases(X[:64], y[:64], (2, 4, 1), activation="relu", steps=3)["W=0, b=0"]
    moving = {f"{k}{l + 1}" for s in steps for l in range(2) for k, m in (("W", s["weights"]), ("b", s["biases"]))
              if m[l].any()}
    return {frozenset(): "none", frozenset({"b2"}): "b2", frozenset({"W2", "b2"}): "W2 and b2"}.get(
        frozenset(moving), "all")


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
]
