"""Checks of a function the learner writes: call it on fresh inputs, safely, and compare with weightlab's own.

A coding exercise's judge (``function``) hands the learner's function to a ``Caller`` and runs the exercise's checks
with it. Every call through the Caller

* is stopped after ``TIME_LIMIT`` seconds (an endless loop becomes a hint, not a frozen kernel);
* turns whatever the function raises into a hint that names the call and the line of the learner's cell;
* hides what the function prints, and says so once, so a debugging ``print`` cannot flood the notebook;
* notices numpy's or Python's global random state being used (draws must come from the ``rng`` argument), and puts
  that state back, so checking never changes the learner's own random numbers;
* silences numpy's warnings: a NaN or inf in the result is judged instead.

The checks raise ``Wrong(hint)`` at the first problem they find; the stub's ``NotImplementedError`` means "not
answered yet". A hint says what is wrong and which idea to revisit, never the code that would fix it.
"""
import contextlib
import io
import linecache
import random
import signal
import sys
import threading
import time
import traceback
import warnings

import numpy as np

__all__ = ["TIME_LIMIT", "Caller", "Wrong", "function"]

#: seconds one call of the learner's function may take; the checks call it with small inputs (well under 0.1 s)
TIME_LIMIT = 3.0


class Wrong(Exception):
    """A problem with the learner's function; its message is the hint shown."""


class _NotAnswered(Exception):
    """The function still raises the stub's NotImplementedError."""


class _TimeUp(BaseException):
    """Raised into the learner's function when its time is up (a BaseException: ``except Exception`` can't eat it)."""


@contextlib.contextmanager
def _time_limit(seconds):
    """Raise _TimeUp in the code of the ``with`` block after ``seconds``.

    In a kernel's main thread (where Jupyter runs cells) an interval timer's SIGALRM interrupts any Python code, and a
    timer someone else set (pytest-timeout) is put back afterwards; elsewhere (Windows, other threads) a trace
    function watches the clock at every line of Python, which cannot stop a long numpy call but stops any loop."""
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        armed = [True]

        def on_alarm(signum, frame):
            if armed[0]:
                raise _TimeUp

        previous_handler = signal.signal(signal.SIGALRM, on_alarm)
        previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
        start = time.monotonic()
        try:
            yield
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
            if previous_delay > 0:
                left = max(previous_delay - (time.monotonic() - start), 1e-3)
                signal.setitimer(signal.ITIMER_REAL, left, previous_interval)
    else:
        deadline, previous = time.monotonic() + seconds, sys.gettrace()

        def tracer(frame, event, arg):
            if time.monotonic() > deadline:
                raise _TimeUp
            return tracer

        sys.settrace(tracer)
        try:
            yield
        finally:
            sys.settrace(previous)


def describe(value):
    """A short description of an argument, for a hint: "rng", "an array of shape (3, 4)", "MLP([2, 8, 1], ...)"."""
    if isinstance(value, np.random.Generator):
        return "rng"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if hasattr(value, "layer_sizes"):  # a weightlab network
        return f"an MLP {list(value.layer_sizes)}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _learner_line(exc, fn):
    """' (line 3 of your cell: `return W.T`)' for the deepest frame of the learner's code in the traceback."""
    filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    if not frames:
        return ""
    frame = frames[-1]
    line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    return f" (line {frame.lineno} of your cell: `{line}`)" if line else f" (line {frame.lineno} of your cell)"


def _same_numpy_state(a, b):
    return a[0] == b[0] and np.array_equal(a[1], b[1]) and a[2:] == b[2:]


class Caller:
    """Calls the learner's function ``fn`` (called ``name`` in hints) safely; see the module's docstring."""

    def __init__(self, fn, name):
        self.fn, self.name, self.printed, self.calls = fn, name, "", 0

    def __call__(self, *args, **kwargs):
        shown = ", ".join([describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()])
        call = f"{self.name}({shown})"
        numpy_state, python_state = np.random.get_state(), random.getstate()
        out = io.StringIO()
        self.calls += 1
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), warnings.catch_warnings(), \
                    np.errstate(all="ignore"), _time_limit(TIME_LIMIT):
                warnings.simplefilter("ignore")
                result = self.fn(*args, **kwargs)
        except _TimeUp:
            raise Wrong(f"{call} was still running after {TIME_LIMIT:g} s, so the check stopped it. Is there a loop "
                        "that never ends?") from None
        except NotImplementedError:
            raise _NotAnswered from None
        except RecursionError:
            raise Wrong(f"{call} called itself without end (RecursionError).") from None
        except Exception as exc:
            raise Wrong(f"{call} raised {type(exc).__name__}: {exc}{_learner_line(exc, self.fn)}") from None
        finally:
            self.printed += out.getvalue()
            used_numpy = not _same_numpy_state(numpy_state, np.random.get_state())
            used_python = python_state != random.getstate()
            np.random.set_state(numpy_state)
            random.setstate(python_state)
        if used_numpy:
            raise Wrong(f"{call} used numpy's global random generator (np.random.randn, np.random.normal, "
                        "np.random.seed, ...): draw every random number from the rng it is given, so that one seed "
                        "reproduces everything.")
        if used_python:
            raise Wrong(f"{call} used Python's random module: draw every random number from the rng it is given.")
        return result

    def note(self):
        """What the function printed, in one sentence ("" when it printed nothing)."""
        if not self.printed:
            return ""
        lines = self.printed.rstrip("\n").splitlines() or [""]
        first = lines[0] if len(lines[0]) <= 60 else lines[0][:57] + "..."
        return (f" (Your function printed {len(lines)} line{'s' * (len(lines) > 1)} while it was checked, hidden "
                f"here; the first: {first!r}. Printing is fine while you debug; the check ignores it.)")


def function(name, signature, run):
    """The judge of an exercise where the learner writes the function ``name`` (``signature`` shows its arguments).

    ``run(call)`` checks it: it calls the learner's function through ``call`` (a Caller) on fresh inputs, raises
    ``Wrong(hint)`` at the first problem, and returns a few words on what it checked, for the "correct" message
    ("Correct! Checked on 11 calls: ...")."""
    from . import Feedback

    def judge(answer):
        if not callable(answer):
            return (f"Expected your function {name} itself, got {describe(answer)}: pass the function, without "
                    f"calling it: check(..., {name}).")
        call = Caller(answer, name)
        try:
            checked = run(call)
        except _NotAnswered:
            return Feedback(False, f"Not answered yet: write the body of {signature} where it says "
                                   "`raise NotImplementedError()`, then run this cell again.", answered=False)
        except Wrong as wrong:
            return str(wrong) + call.note()
        return Feedback(True, f"Correct! Checked on {call.calls} calls: {checked}{call.note()}")

    judge.name, judge.signature = name, signature
    return judge


# ---- helpers the checks share ----

def as_array(result, call_text, what="an array"):
    """``result`` as a float array, or Wrong saying what came back instead."""
    if result is None:
        raise Wrong(f"{call_text} returned None: did it forget to `return` {what}?")
    try:
        array = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Wrong(f"{call_text} returned {describe(result)}, which is not {what} of numbers.") from None
    return array


def expect_shape(array, shape, call_text, why=""):
    if array.shape != tuple(shape):
        raise Wrong(f"{call_text} returned shape {array.shape}; the check expected {tuple(shape)}{why}.")


def expect_finite(array, call_text):
    if not np.all(np.isfinite(array)):
        kind = "NaN" if np.isnan(array).any() else "inf"
        raise Wrong(f"{call_text} returned {kind}: somewhere a number overflowed or was divided by 0.")


def check_rng_discipline(draw, call_text, seed=2024):
    """``draw(rng)`` (which calls the learner's function) twice with one seed and once with another: one seed must
    give the same numbers, another seed other numbers (the global state itself is watched by the Caller)."""
    first, again, other = draw(np.random.default_rng(seed)), draw(np.random.default_rng(seed)), \
        draw(np.random.default_rng(seed + 1))
    if not all(np.array_equal(a, b) for a, b in zip(_as_list(first), _as_list(again))):
        raise Wrong(f"{call_text} gave different numbers for two generators seeded alike: something else is random "
                    "in it (np.random.default_rng() without a seed?). Draw every number from the rng it is given.")
    if all(np.array_equal(a, b) for a, b in zip(_as_list(first), _as_list(other))):
        raise Wrong(f"{call_text} gave the same numbers for two different generators: it ignores its rng argument. "
                    "Draw every number from the rng it is given.")


def _as_list(result):
    return [np.asarray(a, dtype=float) for a in result] if isinstance(result, (list, tuple)) else \
        [np.asarray(result, dtype=float)]


def excess_kurtosis(values):
    """E[(w − mean)⁴] / Var(w)² − 3: 0 for a normal, −1.2 for a uniform, about −0.9 for a normal cut at ±2σ."""
    centred = values - values.mean()
    return float(np.mean(centred**4) / np.mean(centred**2) ** 2 - 3.0)


def judge_weights(W, variance, call_text, rule, mistakes=(), normal=True):
    """The entries of ``W`` against a zero-mean law of the given ``variance`` (normal, or uniform with
    ``normal=False``): mean, variance within 5% (a 40,000-entry draw estimates it to 0.7%), and the law's shape.
    ``mistakes`` are (variance ratio, hint) pairs for the classic wrong variances; ``rule`` names the rule in the
    generic hint."""
    values = W.ravel()
    n, var = values.size, float(values.var())
    if abs(values.mean()) > 6 * np.sqrt(variance / n):
        raise Wrong(f"The weights of {call_text} average {values.mean():.3g}, not 0: the rule draws around 0.")
    ratio = var / variance
    if not 0.95 < ratio < 1.05:
        said = f"The weights of {call_text} have variance {var:.3g} where {rule} gives {variance:.3g}"
        for wrong_ratio, hint in mistakes:
            if abs(ratio / wrong_ratio - 1) < 0.05:
                raise Wrong(f"{said}: {hint}")
        raise Wrong(f"{said}.")
    kurtosis, reach = excess_kurtosis(values), np.abs(values).max() / np.sqrt(var)
    if normal and kurtosis < -1.0:
        raise Wrong(f"The weights of {call_text} look uniform (none beyond {reach:.2f} standard deviations): the rule "
                    "asks for a normal distribution.")
    if normal and (kurtosis < -0.25 or reach < 3.0):
        raise Wrong(f"The weights of {call_text} have no tails beyond {reach:.2f} standard deviations: a truncated "
                    "normal, like Keras' he_normal. This rule asks for the plain, untruncated normal.")
    if not normal and kurtosis > -1.0:
        raise Wrong(f"The weights of {call_text} have tails out to {reach:.2f} standard deviations: a uniform "
                    "distribution has none, it stops at its bound.")
