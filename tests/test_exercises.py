"""Every exercise check accepts its reference solution, rejects wrong answers with a hint, and never crashes."""
import importlib

import numpy as np
import pytest

from weightlab.course import COURSE
from weightlab.exercises import EXERCISES, check


def test_every_notebook_of_the_course_has_at_least_two_exercises():
    modules = {nb.file: importlib.import_module(f"weightlab.exercises.{nb.exercises}") for nb in COURSE}
    assert all(len(module.EXERCISES) >= 2 for module in modules.values()), modules
    assert [ex.name for module in modules.values() for ex in module.EXERCISES] == list(EXERCISES)
    prefixes = [{ex.name.split(".")[0] for ex in module.EXERCISES} for module in modules.values()]
    assert all(len(p) == 1 for p in prefixes) and len(set.union(*prefixes)) == len(COURSE), prefixes


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_reference_solution_is_accepted(name):
    feedback = check(name, EXERCISES[name].solution())
    assert feedback.ok, feedback.message


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_wrong_answers_get_a_hint(name):
    ex = EXERCISES[name]
    assert len(ex.wrong) >= 2, "each exercise lists wrong answers to test against"
    for answer in ex.wrong:
        feedback = check(name, answer)
        assert not feedback.ok, f"{answer!r} was accepted"
        assert feedback.answered and len(feedback.message) > 10


@pytest.mark.parametrize("name", sorted(EXERCISES))
@pytest.mark.parametrize("missing", [None, ...])
def test_unanswered_is_a_reminder_not_an_error(name, missing):
    feedback = check(name, missing)
    assert not feedback.ok and not feedback.answered and "Not answered yet" in feedback.message


@pytest.mark.parametrize("odd", [object(), np.array([np.nan]), "", [1, 2, 3], {"a": 1}])
def test_odd_answers_never_raise(odd):
    for name in EXERCISES:
        feedback = check(name, odd)
        assert not feedback.ok


def test_unknown_exercise_name_lists_the_names():
    feedback = check("no.such.exercise", 1)
    assert not feedback.ok and "start.zeros_accuracy" in feedback.message


def test_a_reference_solution_that_trains_is_computed_once_per_process(monkeypatch):
    for name, ex in EXERCISES.items():  # first calls: whatever trains, trains now (or has already, in this process)
        check(name, ex.solution())

    def no_training(*args, **kwargs):
        raise AssertionError("a check trained again")
    for target in ["weightlab.mlp.MLP.fit", "weightlab.ensemble.MLPEnsemble.fit",
                   "weightlab.experiments.train_restarts", "weightlab.experiments.gradient_flow_cases"]:
        monkeypatch.setattr(target, no_training)
    for name, ex in EXERCISES.items():
        assert check(name, ex.solution()).ok, name
        assert not check(name, ex.wrong[0]).ok, name

    nb01 = importlib.import_module("weightlab.exercises.nb01")
    hits = nb01._restarts.cache_info().hits
    check("random.best_seed", 3)
    assert nb01._restarts.cache_info().hits > hits and nb01._restarts.cache_info().misses == 1
