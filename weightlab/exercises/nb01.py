"""Exercises of notebook 01 (why random?)."""
import math
from functools import cache

import numpy as np

from . import Exercise
from .coding import Wrong, function
from .judges import Sealed, as_number, choice, number


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
             choice(Sealed("3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"), ["a", "b", "c"], hints={
                 "a": "Gradient descent is deterministic from a given start, but the start itself changes with the "
                      "seed: look at the restart histogram.",
                 "b": "Compare with the logistic regression of 'Convex vs non-convex': what does its loss surface have "
                      "that the network's lacks?",
                 "c": "These runs are full-batch: nothing is shuffled. The seed only draws the first weights."}),
             None, wrong=["a", "c", "d"], expects='"a", "b" or "c"'),
    Exercise("random.best_seed", "the seed to keep among 20 restarts (seeds 100 to 119) on the moons",
             _best_seed_judge, _best_seed, wrong=[15, 100, 0, 119, 7], expects="a seed (a whole number)"),
]


# ---- coding exercise ----

def _reference_statistics(seeds, final_loss, good):
    """best seed, success rate and restarts for a 95% chance, the way train_restarts picks its best run: the lowest
    final loss among the runs that did not diverge (NaN or inf), the first one on a tie."""
    final = np.asarray(final_loss, dtype=float)
    finite = np.isfinite(final)
    best = None if not finite.any() else int(np.asarray(seeds)[np.nanargmin(np.where(finite, final, np.nan))])
    success = float(np.mean(finite & (final < good)))
    needed, missed = 1, 1.0 - success
    if success == 0.0:
        return best, success, math.inf
    while 1.0 - missed**needed < 0.95:  # P(at least one good run among k) = 1 − (1 − p)^k
        needed += 1
    return best, success, needed


def _restart_cases():
    rng = np.random.default_rng(11)
    losses = rng.uniform(0.02, 0.6, 12)
    with_nan = losses.copy()
    with_nan[[0, 5]] = np.nan  # diverged runs, one of them first
    all_good = np.full(4, 0.01)
    tie = np.array([0.3, 0.05, 0.2, 0.05])
    res = _restarts()
    return [(list(range(100, 112)), losses, 0.2, "12 restarts, seeds 100 to 111"),
            (np.arange(7, 19), with_nan, 0.2, "12 restarts, two diverged (NaN), one of them the first"),
            (np.array([3, 1, 4, 1]) * 10, tie, 0.1, "two restarts tied for the lowest loss"),
            (np.array([5]), np.array([0.5]), 0.1, "a single restart, not good enough"),
            (np.arange(4), all_good, 0.1, "four restarts, all good"),
            (np.arange(3), np.array([np.nan, np.inf, np.nan]), 0.1, "three restarts, all diverged"),
            (res["seeds"], res["final_loss"], float(np.median(res["final_loss"])), "exercise 3's 20 restarts")]


def _check_restart_statistics(call):
    for seeds, final_loss, good, what in _restart_cases():
        text = f"restart_statistics(seeds, final_loss, good={good:.3g}) for {what}"
        result = call(seeds, np.array(final_loss, copy=True), good)
        if result is None:
            raise Wrong(f"{text} returned None: did it forget to `return` best_seed, success, needed?")
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            raise Wrong(f"{text} returned {type(result).__name__} {result!r:.60}: return three values, "
                        "best_seed, success, needed.")
        best, success, needed = result
        ref_best, ref_success, ref_needed = _reference_statistics(seeds, final_loss, good)
        finite = np.isfinite(np.asarray(final_loss, dtype=float))
        if ref_best is None and best is not None:
            raise Wrong(f"{text} returned best_seed {best!r}: every restart diverged, so there is no best seed: "
                        "return None.")
        if ref_best is not None and best != ref_best:
            positions = list(np.asarray(seeds))
            index = positions.index(ref_best)
            if best == index and best not in positions:
                raise Wrong(f"{text} returned best_seed {best}: that is the best run's position, not its seed.")
            if best in positions and not finite[positions.index(best)]:
                raise Wrong(f"{text} returned best_seed {best}, a restart that diverged (its final loss is NaN or "
                            "inf): a diverged run is never the best. Revisit how np.argmin treats NaN.")
            raise Wrong(f"{text} returned best_seed {best!r}: keep the seed of the restart with the lowest final "
                        "loss (the first of them, on a tie).")
        try:
            success = float(success)
        except (TypeError, ValueError):
            raise Wrong(f"{text} returned success {success!r}: a fraction between 0 and 1.") from None
        if not np.isclose(success, ref_success, rtol=1e-9, atol=1e-12):
            among_finite = np.mean(np.asarray(final_loss)[finite] < good) if finite.any() else None
            if among_finite is not None and np.isclose(success, among_finite) and not finite.all():
                raise Wrong(f"{text} returned success {success:.4g}: the diverged restarts are failures, and they "
                            "count among all the restarts tried.")
            if np.isclose(success, ref_success * len(finite)):
                raise Wrong(f"{text} returned success {success:.4g}: a fraction of the restarts, not a count.")
            raise Wrong(f"{text} returned success {success:.4g}: the fraction of all restarts whose final loss is "
                        "below good.")
        if needed != ref_needed and not (math.isinf(ref_needed) and isinstance(needed, float) and math.isinf(needed)):
            if math.isinf(ref_needed):
                raise Wrong(f"{text} returned needed {needed!r}: with no good restart at all, no number of restarts "
                            "is enough; return math.inf.")
            raise Wrong(f"{text} returned needed {needed!r}: the smallest number k of restarts for which the chance "
                        "that at least one is good, 1 − (1 − success)^k, reaches 0.95.")
    return ("seven sets of restarts, from a single one to exercise 3's twenty, with ties and diverged runs; best "
            "seed, success rate and restarts needed all right.")


EXERCISES.append(
    Exercise("random.restart_statistics_code", "write restart_statistics(seeds, final_loss, good)",
             function("restart_statistics", "restart_statistics(seeds, final_loss, good)", _check_restart_statistics),
             None, expects="your function restart_statistics"))
