"""Every exercise check accepts its reference solution, rejects wrong answers with a hint, and never crashes."""
import numpy as np
import pytest

from weightlab.exercises import EXERCISES, check


def test_every_notebook_has_at_least_two_exercises():
    per_notebook = {}
    for name in EXERCISES:
        per_notebook.setdefault(name.split(".")[0], []).append(name)
    assert len(per_notebook) == 8, sorted(per_notebook)
    assert all(len(names) >= 2 for names in per_notebook.values()), per_notebook


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
