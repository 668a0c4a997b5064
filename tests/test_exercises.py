"""Every exercise check accepts its reference solution, rejects wrong answers with a hint, and never crashes.

Answer exercises are tested with their ``solution()`` and their ``wrong`` answers; coding exercises with the teacher
edition's own solutions (run from notebooks/src) and with the classic wrong functions below.
"""
import importlib
import math
import pathlib
import random
import re
import signal
import sys
import threading
import time

import numpy as np
import pytest

from weightlab.course import COURSE
from weightlab.exercises import EXERCISES, RESULTS, check, coding, progress
from weightlab.exercises.judges import number, significant

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from notebooks import SOURCES, parse  # noqa: E402

VALUE = sorted(name for name, ex in EXERCISES.items() if not ex.writes_code)
CODE = sorted(name for name, ex in EXERCISES.items() if ex.writes_code)


def teacher_cell(name):
    """The namespace after running, from the teacher edition's source, the setup cell and the cell that checks
    exercise ``name`` (its worked solution, then its own check), and the name the cell checks."""
    for notebook in COURSE:
        cells = [text for kind, text in parse((SOURCES / f"{notebook.stem}.py").read_text()) if kind == "code"]
        cell = next((text for text in cells if f'check("{name}"' in text), None)
        if cell is not None:
            namespace = {}
            exec(compile(cells[0], f"{notebook.stem} setup", "exec"), namespace)
            exec(compile(cell, f"{notebook.stem} {name}", "exec"), namespace)
            return namespace, re.search(rf'check\("{re.escape(name)}", (\w+)\)', cell).group(1)
    raise AssertionError(f"no notebook checks {name}")


def teacher_function(name):
    """The teacher edition's own function for coding exercise ``name``."""
    namespace, checked = teacher_cell(name)
    return namespace[checked]


def reference(name):
    """The reference answer of answer exercise ``name``: its ``solution()``, or for an answer no code computes (a
    sealed choice), the teacher edition's worked answer."""
    ex = EXERCISES[name]
    if ex.solution is not None:
        return ex.solution()
    namespace, checked = teacher_cell(name)
    return namespace[checked]


def test_every_notebook_of_the_course_has_at_least_two_exercises_one_of_them_code():
    modules = {nb.file: importlib.import_module(f"weightlab.exercises.{nb.exercises}") for nb in COURSE}
    assert all(len(module.EXERCISES) >= 2 for module in modules.values()), modules
    assert all(any(ex.writes_code for ex in module.EXERCISES) for module in modules.values())
    assert [ex.name for module in modules.values() for ex in module.EXERCISES] == list(EXERCISES)
    prefixes = [{ex.name.split(".")[0] for ex in module.EXERCISES} for module in modules.values()]
    assert all(len(p) == 1 for p in prefixes) and len(set.union(*prefixes)) == len(COURSE), prefixes


@pytest.mark.parametrize("name", VALUE)
def test_reference_solution_is_accepted(name):
    feedback = check(name, reference(name))
    assert feedback.ok, feedback.message


@pytest.mark.parametrize("name", VALUE)
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
    for name in VALUE:  # first calls: whatever trains, trains now (or has already, in this process)
        check(name, reference(name))

    def no_training(*args, **kwargs):
        raise AssertionError("a check trained again")
    for target in ["weightlab.mlp.MLP.fit", "weightlab.ensemble.MLPEnsemble.fit",
                   "weightlab.experiments.train_restarts", "weightlab.experiments.gradient_flow_cases"]:
        monkeypatch.setattr(target, no_training)
    for name in VALUE:
        assert check(name, reference(name)).ok, name
        assert not check(name, EXERCISES[name].wrong[0]).ok, name

    nb01 = importlib.import_module("weightlab.exercises.nb01")
    hits = nb01._restarts.cache_info().hits
    check("random.best_seed", 3)
    assert nb01._restarts.cache_info().hits > hits and nb01._restarts.cache_info().misses == 1


# ---- answers at the precision the prompt states (issue 12, items 12 to 14) ----

NUMERIC = sorted(name for name, ex in EXERCISES.items() if isinstance(ex.judge, number))
PRECISE = [name for name in NUMERIC if EXERCISES[name].judge.digits is not None]


def _prompt_of(name):
    """The markdown cell just before the code cell that checks exercise ``name``, and that code cell."""
    import pathlib
    import sys
    root = pathlib.Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "scripts"))
    from notebooks import SOURCES, parse
    for notebook in COURSE:
        cells = parse((SOURCES / f"{notebook.stem}.py").read_text())
        for i, (kind, text) in enumerate(cells):
            if kind == "code" and f'check("{name}"' in text:
                return cells[i - 1][1], text
    raise AssertionError(f"no notebook checks {name}")


@pytest.mark.parametrize("name", NUMERIC)
def test_every_numeric_prompt_states_the_precision_it_wants(name):
    judge = EXERCISES[name].judge
    prompt, code = _prompt_of(name)
    if judge.digits is None:
        assert "whole number" in EXERCISES[name].expects and "whole number" in code
    else:
        phrase = f"{judge.digits} significant figures"
        assert phrase in " ".join(prompt.split()) and phrase in code and phrase in EXERCISES[name].expects


@pytest.mark.parametrize("name", PRECISE)
def test_any_answer_rounded_to_the_stated_precision_is_right(name):
    ex, digits = EXERCISES[name], EXERCISES[name].judge.digits
    reference = float(ex.solution())
    assert check(name, significant(reference, digits)).ok
    assert check(name, significant(reference, digits + 2)).ok
    assert check(name, np.float32(significant(reference, digits))).ok


@pytest.mark.parametrize("name", PRECISE)
def test_a_rounding_to_fewer_digits_is_right_but_asks_for_the_stated_precision(name):
    ex, digits = EXERCISES[name], EXERCISES[name].judge.digits
    reference = float(ex.solution())
    traps = [value for value, _ in ex.judge.trap_values()]
    for fewer in range(1, digits):
        rounded = significant(reference, fewer)
        if check(name, rounded).ok or any(np.isclose(rounded, t, rtol=10.0**-fewer) for t in traps):
            continue  # exact at fewer digits (4 = 4.00), or that rounding is itself a classic mistake
        feedback = check(name, rounded)
        assert feedback.answered and feedback.message.startswith(f"Right, but give {digits} significant figures"), \
            feedback.message


@pytest.mark.parametrize("name, answer", [("depth.xavier_forward_factor", 1.3), ("zoo.glorot_uniform_limit", 0.12),
                                          ("random.seed7_loss", 0.20), ("depth.lecun_relu_decay", 2e-6)])
def test_the_roundings_the_qa_pass_found_misjudged(name, answer):
    feedback = check(name, answer)
    assert not feedback.ok and feedback.message.startswith("Right, but give 3 significant figures"), feedback.message


@pytest.mark.parametrize("name", NUMERIC)
def test_zero_d_and_one_element_arrays_are_numbers(name):
    reference = EXERCISES[name].solution()
    for answer in (np.array(reference), np.array([reference]), np.array([[reference]]), np.mean([reference])):
        assert check(name, answer).ok, type(answer)
    feedback = check(name, np.array([reference, reference]))
    assert not feedback.ok and "array of shape (2,)" in feedback.message


@pytest.mark.parametrize("name", NUMERIC)
def test_nan_and_inf_are_called_what_they_are(name):
    feedback = check(name, float("nan"))
    assert not feedback.ok and "NaN" in feedback.message and "large" not in feedback.message.lower()
    for inf in (np.inf, -np.inf, np.array([np.inf])):
        feedback = check(name, inf)
        assert not feedback.ok and "inf" in feedback.message and "overflow" in feedback.message
        assert "too large" not in feedback.message.lower() and "too small" not in feedback.message.lower()


@pytest.mark.parametrize("name", VALUE)
def test_hints_name_the_concept_never_the_answer(name):
    ex = EXERCISES[name]
    # the judge's hints, or the answers it gives to wrong answers (not those saying which answers are allowed)
    messages = ex.judge.hints() if hasattr(ex.judge, "hints") else [check(name, answer).message for answer in ex.wrong]
    right = reference(name)
    if isinstance(ex.judge, number) and ex.judge.digits is not None:
        shown = {f"{significant(float(right), k):g}" for k in (ex.judge.digits, ex.judge.digits + 1)}
    elif isinstance(right, str):
        shown = {right}
    else:
        shown = {f"{float(right):g}"}
    for text in shown - {str(d) for d in range(10)}:  # a lone digit is everywhere ("χ < 1")
        for message in messages:
            assert not re.search(rf"(?<![\w.]){re.escape(text)}(?![\w])", message), (text, message)


def test_the_hints_the_qa_pass_found_give_no_computation():
    assert not re.search(r"100 × 0\.04|× 1\b", check("depth.one_layer_variance", 2.0).message)
    assert "1/100" not in check("beyond.residual_growth", 2.0).message
    assert "(1 + 1/100)" not in " ".join(EXERCISES["beyond.residual_growth"].judge.hints())
    assert "b2" not in check("symmetry.zero_zero_learns", "none").message
    assert "one class" not in " ".join(EXERCISES["start.zeros_accuracy"].judge.hints())


# ---- the Voila app shows the lab, not the exercises (issue 12, item 15) ----

def _outputs_of_a_check(shell):
    from IPython.utils.capture import capture_output
    with capture_output() as captured:
        shell.run_cell('from weightlab.exercises import check\ncheck("initlab.moons_final_loss", None)')
    printed = [captured.stdout] if "Not answered" in captured.stdout else []  # a repr the display hook printed
    return captured.outputs + printed


def test_a_check_displays_its_feedback_in_a_notebook_and_nothing_in_voila(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    for name in ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_PREHEAT", "VOILA_KERNEL_ID"):
        monkeypatch.delenv(name, raising=False)
    [shown] = _outputs_of_a_check(shell)  # in JupyterLab: the reminder, as HTML and text
    assert "Not answered yet" in shown.data["text/html"] and "Not answered yet" in shown.data["text/plain"]
    for name in ("VOILA_KERNEL_ID", "VOILA_BASE_URL"):  # each variable Voila sets in its kernels is enough
        with monkeypatch.context() as env:
            env.setenv(name, "1")
            assert _outputs_of_a_check(shell) == []


# ---- coding exercises (issue 10) ----

@pytest.mark.parametrize("name", CODE)
def test_the_teacher_editions_function_passes_its_check(name):
    feedback = check(name, teacher_function(name))
    assert feedback.ok and feedback.message.startswith("Correct! Checked on"), feedback.message


def _stub(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("name", CODE)
def test_the_student_editions_stub_is_not_answered_yet(name):
    for answer in (_stub, None):
        feedback = check(name, answer)
        assert not feedback.ok and not feedback.answered and feedback.message.startswith("Not answered yet")
        assert EXERCISES[name].judge.signature in feedback.message


@pytest.mark.parametrize("name", CODE)
def test_a_value_instead_of_a_function_is_explained(name):
    feedback = check(name, 0.5)
    assert not feedback.ok and feedback.answered and "pass the function" in feedback.message


def _he_fan_out(fan_in, fan_out, rng):
    return rng.normal(0, np.sqrt(2 / fan_out), (fan_in, fan_out))


def _lsuv_all_at_once(net, X, tol=0.05, max_iter=10):
    zs = net.forward(X)[0]
    for l in range(net.n_layers):
        net.weights[l] = net.weights[l] / zs[l].std()
    return [z.var() for z in net.forward(X)[0]]


def _lsuv_divides_by_zero(net, X, tol=0.05, max_iter=10):
    for l in range(net.n_layers):
        for _ in range(max_iter):
            variance = net.forward(X)[0][l].var()
            if abs(variance - 1) < tol:
                break
            net.weights[l] = net.weights[l] / np.sqrt(variance)
    return [z.var() for z in net.forward(X)[0]]


def _restarts_argmin(seeds, final_loss, good):
    final_loss = np.asarray(final_loss, dtype=float)
    success = np.mean(final_loss < good)  # NaN < good is False: a failure, rightly
    needed = 1 if success == 1 else math.inf if success == 0 else math.ceil(math.log(0.05) / math.log(1 - success))
    return seeds[int(np.argmin(final_loss))], success, needed  # argmin picks a NaN: a diverged run


def _restarts_success_among_finite(seeds, final_loss, good):
    final = np.asarray(final_loss, dtype=float)
    finite = np.isfinite(final)
    best = seeds[int(np.argmin(np.where(finite, final, np.inf)))] if finite.any() else None
    success = float(np.mean(final[finite] < good)) if finite.any() else 0.0
    needed = 1 if success == 1 else math.inf if success == 0 else math.ceil(math.log(0.05) / math.log(1 - success))
    return best, success, needed


def _orthogonal_no_sign_fix(fan_in, fan_out, rng):
    q, _ = np.linalg.qr(rng.standard_normal((max(fan_in, fan_out), min(fan_in, fan_out))))
    return q if fan_in >= fan_out else q.T


# coding exercise -> (a classic wrong function, a phrase its hint must contain)
WRONG_FUNCTIONS = {
    "start.init_weights_code": [
        (lambda sizes, rng, std=0.05: [rng.normal(0, std, (o, i)) for i, o in zip(sizes[:-1], sizes[1:])],
         "transpose"),
        (lambda sizes, rng, std=0.05: [np.random.normal(0, std, (i, o)) for i, o in zip(sizes[:-1], sizes[1:])],
         "global random generator"),
        (lambda sizes, rng, std=0.05: [np.random.default_rng(0).normal(0, std, (i, o))
                                       for i, o in zip(sizes[:-1], sizes[1:])], "ignores its rng"),
        (lambda sizes, rng, std=0.05: [rng.normal(0, 0.05, (i, o)) for i, o in zip(sizes[:-1], sizes[1:])],
         "std argument is ignored"),
        (lambda sizes, rng, std=0.05: [rng.normal(0, std, (i, o)) for i, o in zip(sizes[:-2], sizes[1:-1])],
         "one between each pair")],
    "random.restart_statistics_code": [(_restarts_argmin, "a restart that diverged"),
                                       (_restarts_success_among_finite, "diverged restarts are failures")],
    "symmetry.layer_backward_code": [
        (lambda A, W, dZ: (dZ.T @ A, dZ.sum(axis=0), dZ @ W.T), "shape of what it is the gradient of"),
        (lambda A, W, dZ: (A.T @ dZ, dZ.mean(axis=0), dZ @ W.T), "times too small"),
        (lambda A, W, dZ: (A.T @ dZ, dZ, dZ @ W.T), "one row per sample"),
        (lambda A, W, dZ: (A.T @ dZ, dZ.sum(axis=0), dZ @ W), "raised ValueError"),
        (lambda A, W, dZ: (A.T @ dZ, dZ.sum(axis=0), 2 * dZ @ W.T), "dA passed down from the layer above is wrong")],
    "scale.he_normal_code": [
        (_he_fan_out, "did you use fan_out"),
        (lambda fan_in, fan_out, rng: np.random.randn(fan_in, fan_out) * np.sqrt(2 / fan_in), "global random"),
        (lambda fan_in, fan_out, rng: rng.normal(0, 2 / fan_in, (fan_in, fan_out)), "standard deviation"),
        (lambda fan_in, fan_out, rng: rng.normal(0, np.sqrt(1 / fan_in), (fan_in, fan_out)), "LeCun"),
        (lambda fan_in, fan_out, rng: rng.uniform(-1, 1, (fan_in, fan_out)) * np.sqrt(6 / fan_in), "uniform"),
        (lambda fan_in, fan_out, rng: rng.normal(0, np.sqrt(2 / fan_in), (fan_out, fan_in)), "transpose")],
    "scale.bce_code": [
        (lambda z, y: np.mean(-y * np.log(1 / (1 + np.exp(-z))) - (1 - y) * np.log(1 - 1 / (1 + np.exp(-z)))),
         "Why the course printed inf"),
        (lambda z, y: np.mean(np.log1p(np.exp(z)) - y * z), "without overflow"),
        (lambda z, y: np.mean(-y * np.log(np.clip(1 / (1 + np.exp(-z)), 1e-7, 1 - 1e-7))
                              - (1 - y) * np.log(np.clip(1 - 1 / (1 + np.exp(-z)), 1e-7, 1 - 1e-7))), "clipping"),
        (lambda z, y: np.logaddexp(0, z) - y * z, "one loss per sample"),
        (lambda z, y: np.sum(np.logaddexp(0, z) - y * z), "sum")],
    "depth.predicted_variance_code": [
        (lambda depth, act, v, n: np.array([(n * v) ** (l + 1) for l in range(depth)]), "what relu does"),
        (lambda depth, act, v, n: np.array([(n * v) ** (l + 1) * (0.5 ** (l + 1) if act == "relu" else 1)
                                            for l in range(depth)]), "the first layer sees the input"),
        (lambda depth, act, v, n: (n * v * (0.5 if act == "relu" else 1)) ** (depth - 1) * n * v, "one variance per"),
        (lambda depth, act, v, n: np.array([1.0] + [(n * v) ** (l + 1) for l in range(depth)]), "not at the input")],
    "zoo.orthogonal_code": [
        (_orthogonal_no_sign_fix, "not uniformly random"),
        (lambda fan_in, fan_out, rng: np.linalg.qr(rng.standard_normal((fan_in, fan_out)))[0], "QR of a wide matrix"),
        (lambda fan_in, fan_out, rng: rng.standard_normal((fan_in, fan_out)), "not orthonormal")],
    "initlab.dead_fraction_code": [
        (lambda net, X: np.array([np.mean(a == 0) for a in net.forward(X)[1][1:]]), "share of zero outputs"),
        (lambda net, X: np.array([np.all(a == 0, axis=0).sum() for a in net.forward(X)[1][1:]]), "counts of units"),
        (lambda net, X: np.array([np.all(z <= 0, axis=0).mean() for z in net.forward(X)[0]]), "leave out the output")],
    "beyond.lsuv_code": [(_lsuv_all_at_once, "after the layers below"), (_lsuv_divides_by_zero, "nothing to rescale"),
                         (lambda net, X, tol=0.05, max_iter=10: [1.0] * net.n_layers, "did not change")],
    "practice.initial_loss_check_code": [
        (lambda net, X, y: net.loss(X, y), "the loss itself"),
        (lambda net, X, y: net.loss(X, y) - np.log(10), "chance level of ten classes"),
        (lambda net, X, y: np.log(max(net.layer_sizes[-1], 2)) - net.loss(X, y), "wrong sign"),
        (lambda net, X, y: net.loss(X, y) - np.log2(max(net.layer_sizes[-1], 2)), "another base")],
}


def test_every_coding_exercise_has_classic_wrong_functions():
    assert set(CODE) <= set(WRONG_FUNCTIONS) and all(len(WRONG_FUNCTIONS[name]) >= 2 for name in CODE)


@pytest.mark.parametrize("name, wrong, phrase", [(name, fn, phrase) for name, pairs in WRONG_FUNCTIONS.items()
                                                 if name in CODE for fn, phrase in pairs])
def test_a_classic_wrong_function_gets_a_hint_that_names_the_problem(name, wrong, phrase):
    feedback = check(name, wrong)
    assert not feedback.ok and feedback.answered and phrase in feedback.message, feedback.message


def test_a_function_that_loops_forever_is_stopped_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(coding, "TIME_LIMIT", 0.3)

    def endless(fan_in, fan_out, rng):
        while True:
            pass
    start = time.perf_counter()
    feedback = check("scale.he_normal_code", endless)
    assert time.perf_counter() - start < 2 and not feedback.ok
    assert "was still running after 0.3 s" in feedback.message and "loop" in feedback.message


def test_the_time_limit_outside_the_main_thread_and_an_earlier_alarm_kept(monkeypatch):
    monkeypatch.setattr(coding, "TIME_LIMIT", 0.3)

    def endless(fan_in, fan_out, rng):
        while True:
            fan_in += 1
    found = []
    worker = threading.Thread(target=lambda: found.append(check("scale.he_normal_code", endless)))
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive() and "still running" in found[0].message  # a trace function stopped it
    signal.setitimer(signal.ITIMER_REAL, 100.0)  # someone else's alarm (pytest-timeout, say) outlives the check
    try:
        assert "still running" in check("scale.he_normal_code", endless).message
        assert 98 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_a_function_that_raises_is_named_with_its_call_and_line():
    def broken(fan_in, fan_out, rng):
        scale = 2 / (fan_in - fan_in)
        return rng.normal(0, scale, (fan_in, fan_out))
    feedback = check("scale.he_normal_code", broken)
    assert not feedback.ok and feedback.answered
    assert "he_normal(1, 1, rng) raised ZeroDivisionError: division by zero" in feedback.message
    assert "scale = 2 / (fan_in - fan_in)" in feedback.message  # the line of the learner's code


def test_a_function_that_prints_is_checked_and_its_printing_hidden(capsys):
    def chatty(fan_in, fan_out, rng):
        print("drawing", fan_in, fan_out)
        return rng.normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out))
    feedback = check("scale.he_normal_code", chatty)
    assert capsys.readouterr().out == ""  # nothing reached the notebook
    assert feedback.ok and "printed" in feedback.message and "'drawing 1 1'" in feedback.message


def test_numpys_and_pythons_global_random_state_are_left_as_they_were():
    np.random.seed(5)
    random.seed(5)
    numpy_before, python_before = np.random.get_state(), random.getstate()
    for fn, what in [(lambda fan_in, fan_out, rng: np.random.randn(fan_in, fan_out), "numpy's"),
                     (lambda fan_in, fan_out, rng: np.array([[random.gauss(0, 1)] * fan_out] * fan_in), "Python's")]:
        feedback = check("scale.he_normal_code", fn)
        assert not feedback.ok and what in feedback.message
    numpy_after = np.random.get_state()
    assert numpy_before[0] == numpy_after[0] and np.array_equal(numpy_before[1], numpy_after[1])
    assert python_before == random.getstate()


def test_a_learners_exception_that_is_not_an_error_is_not_caught():
    def interrupted(fan_in, fan_out, rng):
        raise KeyboardInterrupt  # the kernel's Interrupt button must still work
    with pytest.raises(KeyboardInterrupt):
        check("scale.he_normal_code", interrupted)


# ---- progress (issue 10) ----

def test_progress_lists_the_notebooks_exercises_and_where_each_stands(monkeypatch):
    monkeypatch.setattr("weightlab.exercises.RESULTS", {})
    import weightlab.exercises as exercises
    names = [ex.name for ex in importlib.import_module("weightlab.exercises.nb03").EXERCISES]
    rows = progress(3).rows
    assert [row[1].name for row in rows] == names and [row[0] for row in rows] == [1, 2, 3, 4, 5]
    assert {row[2] for row in progress(3).rows} == {"not checked yet"} and progress(3).done == 0
    exercises.check("scale.he_std", EXERCISES["scale.he_std"].solution())
    exercises.check("scale.sigmoid_max_slope", 1.0)
    exercises.check("scale.logit_factor", None)
    exercises.check("scale.he_normal_code", _stub)
    status = {ex.name: state for _, ex, state in progress(3).rows}
    assert status == {"scale.he_std": "done", "scale.sigmoid_max_slope": "not yet right",
                      "scale.logit_factor": "not answered yet", "scale.he_normal_code": "not answered yet",
                      "scale.bce_code": "not checked yet"}
    text = repr(progress(3))
    assert text.startswith("Notebook 3, Scale: 1 of 5 exercises done.") and "nothing is stored or sent" in text
    assert "Exercise 4: write he_normal(fan_in, fan_out, rng) (code): not answered yet" in text
    exercises.check("scale.he_std", 0.2)  # the last check counts: right, then wrong, is not done
    assert progress(3).done == 0


def test_progress_names_a_notebook_that_does_not_exist():
    with pytest.raises(ValueError, match="notebook must be the number of a notebook of the course"):
        progress(99)


def test_progress_shows_nothing_in_voila(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output
    shell = InteractiveShell.instance()
    for present in (False, True):
        with monkeypatch.context() as env:
            if present:
                env.setenv("VOILA_KERNEL_ID", "1")
            with capture_output() as captured:
                shell.run_cell("from weightlab.exercises import progress\nprogress(6)")
            assert (captured.outputs == []) == present
            assert not present or "exercises done" not in captured.stdout
