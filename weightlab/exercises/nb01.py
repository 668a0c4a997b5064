"""Exercises of notebook 01 (why random?)."""
from . import Exercise
from .judges import choice, number


def _seed7_loss():
    from ..data import load_moons
    from ..mlp import MLP
    X, y, _, _ = load_moons()
    return MLP([2, 10, 5, 1], seed=7).fit(X, y, epochs=500, lr=0.1).loss[-1]


EXERCISES = [
    Exercise("random.seed7_loss", "final training loss of MLP([2, 10, 5, 1], seed=7) on the moons",
             number(_seed7_loss, rel=0.005,
                    too_low="Lower than this run reaches: check epochs=500 and lr=0.1, and that you used seed=7.",
                    too_high="Higher than this run reaches: check epochs=500 and lr=0.1, and that you used seed=7.",
                    traps=[(0.6931, "That is log 2, the loss of a network that has learned nothing: did you train "
                                    "it?")]),
             _seed7_loss, wrong=[0.6931, 0.0, 1.0], expects="a number (the loss)"),
    Exercise("random.why_spread", "why the network's final loss depends on the seed",
             choice("b", ["a", "b", "c"], hints={
                 "a": "Gradient descent is deterministic from a given start, but the start itself changes with the "
                      "seed: look at the restart histogram.",
                 "c": "These runs are full-batch: nothing is shuffled. The seed only draws the first weights."}),
             lambda: "b", wrong=["a", "c", "d"], expects='"a", "b" or "c"'),
]
