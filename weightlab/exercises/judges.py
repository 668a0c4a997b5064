"""Small building blocks for exercise checks: each returns a ``judge(answer) -> None | hint``."""
import numbers

import numpy as np


def number(expected, rel=0.02, too_low="Too small: the answer is larger. Check the formula and the numbers you put in.",
           too_high="Too large: the answer is smaller. Check the formula and the numbers you put in.", traps=()):
    """A number within ``rel`` (relative) of ``expected``. ``traps``: (value, hint) pairs for classic mistakes,
    recognized first (within the same tolerance)."""
    def judge(answer):
        if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (numbers.Real, np.floating, np.integer)):
            return f"Expected a number, got {type(answer).__name__} {answer!r}."
        value = float(answer)
        target = expected() if callable(expected) else expected
        if np.isclose(value, target, rtol=rel, atol=1e-12):
            return None
        for trap, hint in traps:
            if np.isclose(value, trap, rtol=rel, atol=1e-12):
                return hint
        return too_low if value < target else too_high
    return judge


def choice(expected, options, hints=None):
    """One of ``options`` (strings, compared case-insensitively); ``hints`` maps a wrong option to its hint."""
    options = [o.lower() for o in options]
    hints = {k.lower(): v for k, v in (hints or {}).items()}

    def judge(answer):
        if not isinstance(answer, str):
            return f"Expected one of {options} as a string, got {answer!r}."
        a = answer.strip().lower()
        if a not in options:
            return f"{answer!r} is not one of the options: {', '.join(options)}."
        if a == expected.lower():
            return None
        return hints.get(a, "Not this one: look again at the figure above.")
    return judge


def array(expected, rtol=1e-6, shape_hint=None):
    """An array equal to ``expected()`` (a callable computing the reference) within ``rtol``."""
    def judge(answer):
        target = np.asarray(expected() if callable(expected) else expected)
        a = np.asarray(answer, dtype=float)
        if a.shape != target.shape:
            return shape_hint or f"Expected shape {target.shape}, got {a.shape}."
        if not np.allclose(a, target, rtol=rtol, atol=1e-12):
            return "The shape is right but some values are off."
        return None
    return judge
