"""Exercises of notebook 01 (why random?)."""
from functools import cache

from . import Exercise
from .judges import as_number, choice, number


@cache
def _seed7_loss():
    from ..data import load_moons
    from ..mlp import MLP
    X, y, _, _ = load_moons()
    return MLP([2, 10, 5, 1], seed=7).fit(X, y, epochs=500, lr=0.1).loss[-1]


@cache
def _restarts():
    from ..data import load_moons
    from ..experiments import train_restarts
    X, y, _, _ = load_moons()
    return train_restarts(X, y, (2, 10, 5, 1), n_restarts=20, first_seed=100, epochs=300, lr=0.1)


def _best_seed():
    res = _restarts()
    return int(res["seeds"][res["best"]])


_best_seed_number = number(_best_seed, digits=None, traps=[
    (lambda: _restarts()["best"], "That is a position in the arrays (counted from 0), not a seed: every position has "
                                  "its own seed."),
    (lambda: _restarts()["seeds"][_restarts()["final_loss"].argmax()], "That restart ended with the *highest* "
                                                                       "training loss."),
    (lambda: _restarts()["seeds"][0], "That is only the first seed tried: compare the final training losses of all "
                                      "20.")],
    too_low="Not this seed: keep the restart whose training loss ended lowest.",
    too_high="Not this seed: keep the restart whose training loss ended lowest.")


def _best_seed_judge(answer):
    value = as_number(answer)
    seeds = _restarts()["seeds"]
    if isinstance(value, float) and value not in seeds and value != _restarts()["best"]:
        return f"The seeds tried are {seeds.min()} to {seeds.max()}: the answer is one of them."
    return _best_seed_number(answer)


EXERCISES = [
    Exercise("random.seed7_loss", "final training loss of MLP([2, 10, 5, 1], seed=7) on the moons",
             number(_seed7_loss, digits=3,
                    too_low="Lower than this run reaches: check epochs=500 and lr=0.1, and that you used seed=7.",
                    too_high="Higher than this run reaches: check epochs=500 and lr=0.1, and that you used seed=7.",
                    traps=[(0.6931, "That is log 2, the loss of a network that has learned nothing: did you train "
                                    "it?")]),
             _seed7_loss, wrong=[0.6931, 0.0, 1.0], expects="a number (the loss, 3 significant figures)"),
    Exercise("random.why_spread", "why the network's final loss depends on the seed",
             choice("b", ["a", "b", "c"], hints={
                 "a": "Gradient descent is deterministic from a given start, but the start itself changes with the "
                      "seed: look at the restart histogram.",
                 "c": "These runs are full-batch: nothing is shuffled. The seed only draws the first weights."}),
             lambda: "b", wrong=["a", "c", "d"], expects='"a", "b" or "c"'),
    Exercise("random.best_seed", "the seed to keep among 20 restarts (seeds 100 to 119) on the moons",
             _best_seed_judge, _best_seed, wrong=[15, 100, 0, 119, 7], expects="a seed (a whole number)"),
]
