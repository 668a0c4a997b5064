"""Exercises of notebook 01 (why random?)."""
from functools import cache

from . import Exercise
from .judges import choice, number


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


def _best_seed_judge(answer):
    res = _restarts()
    judge = number(int(res["seeds"][res["best"]]), rel=0, traps=[
        (res["best"], "That is the best restart's position in the arrays (restarts['best']); the seed is "
                      "restarts['seeds'][restarts['best']]."),
        (int(res["seeds"][res["final_loss"].argmax()]), "That seed has the *highest* training loss: keep the lowest."),
        (100, "Seed 100 is only the first one tried: compare the final training losses of all 20.")],
        too_low="Not this seed: look for the lowest restarts['final_loss'], then read its seed.",
        too_high="Not this seed: look for the lowest restarts['final_loss'], then read its seed.")
    if isinstance(answer, (int, float)) and not isinstance(answer, bool) and not 100 <= answer <= 119 \
            and answer != res["best"]:
        return "The seeds tried are 100 to 119: the answer is one of them."
    return judge(answer)


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
    Exercise("random.best_seed", "the seed to keep among 20 restarts (seeds 100 to 119) on the moons",
             _best_seed_judge, _best_seed, wrong=[15, 100, 0, 119, 7], expects="a seed (a whole number)"),
]
