"""Small building blocks for exercise checks: each is a ``judge(answer) -> None | hint`` (None when right).

A numeric answer is judged at the precision its prompt states (``number(..., digits=3)``: "give 3 significant
figures"): any answer that rounds to the reference at that precision is right, an answer that is the reference
rounded to fewer digits gets "right, but give 3 significant figures" (never a hint about the method), and a classic
mistake (a trap) gets its own hint. Plain numbers, numpy scalars and 0-d or 1-element arrays (what ``np.mean`` and
friends return) all count as numbers; NaN and inf are called what they are.
"""
import hashlib
import math
import numbers

import numpy as np

__all__ = ["Sealed", "array", "as_number", "choice", "digest", "number", "one_of", "significant"]


def significant(value, digits):
    """``value`` rounded to ``digits`` significant figures (a float)."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    return float(round(value, digits - 1 - math.floor(math.log10(abs(value)))))


def _agrees(value, target, digits):
    """True when ``value`` is ``target`` to ``digits`` significant figures: within half a unit of the last one."""
    if target == 0:
        return value == 0
    unit = 10.0 ** (math.floor(math.log10(abs(target))) - digits + 1)
    return abs(value - target) <= 0.5 * unit * (1 + 1e-9)


def _digits_given(value):
    """How many significant figures the shortest form of ``value`` has: 2 for 0.12, 1 for 2e-06, 17 at most."""
    mantissa = repr(float(value)).split("e")[0].replace("-", "").replace(".", "").lstrip("0")
    return max(1, len(mantissa.rstrip("0")))


def as_number(answer):
    """``answer`` as a float, or a str saying why it is not one number (bool, text, several numbers, NaN, inf)."""
    if isinstance(answer, np.ndarray) and answer.size == 1 and answer.dtype.kind in "iuf":
        answer = answer.reshape(-1)[0]  # a 0-d or 1-element array: what np.mean and friends return
    if isinstance(answer, np.ndarray):
        return f"Expected one number, got an array of shape {answer.shape}: which of its values is your answer?"
    if isinstance(answer, (bool, np.bool_)):
        return f"Expected a number, got the truth value {answer!r}."
    if isinstance(answer, str):
        return f"Expected a number, got the text {answer!r}: write the number without quotes."
    if not isinstance(answer, (numbers.Real, np.floating, np.integer)):
        return f"Expected a number, got {type(answer).__name__} {answer!r}."
    value = float(answer)
    if math.isnan(value):
        return ("That is NaN ('not a number'): the computation that produced it went wrong (0/0, inf − inf, the "
                "log of a negative number, or a NaN input). Look for the step where it first appears.")
    if math.isinf(value):
        return (f"That is {value}: the computation overflowed float64 (past about 1.8e308) or divided by zero. "
                "Look for the step where the numbers blow up.")
    return value


class number:
    """A number judged at ``digits`` significant figures (``digits=None``: a whole number, exactly).

    ``expected`` is the reference or a function computing it. ``traps`` are (value, hint) pairs for classic mistakes
    (a value may be a function computing it), recognised at the precision the answer was given in; ``too_low`` and
    ``too_high`` answer the rest. Hints name the
    idea to revisit, never the computation that gives the answer.
    """

    def __init__(self, expected, digits=3, traps=(), too_low="Too small.", too_high="Too large."):
        self.expected, self.digits, self.traps = expected, digits, tuple(traps)
        self.too_low, self.too_high = too_low, too_high

    @property
    def precision(self):
        """What the prompt asks for: "3 significant figures" or "a whole number"."""
        return "a whole number" if self.digits is None else f"{self.digits} significant figures"

    def reference(self):
        return float(self.expected() if callable(self.expected) else self.expected)

    def hints(self):
        """Every hint this judge can give for a wrong answer (for the tests)."""
        return [hint for _, hint in self.traps] + [self.too_low, self.too_high]

    def trap_values(self):
        """(value, hint) for every trap, each value computed."""
        return [(float(trap() if callable(trap) else trap), hint) for trap, hint in self.traps]

    def __call__(self, answer):
        value = as_number(answer)
        if isinstance(value, str):
            return value
        target = self.reference()
        if self.digits is None:
            return self._whole(value, target)
        if _agrees(value, target, self.digits):
            return None
        traps = self.trap_values()
        for trap, hint in traps:  # the classic mistake itself, to the stated precision
            if _agrees(value, trap, self.digits):
                return hint
        given = min(_digits_given(value), self.digits)
        if given < self.digits and _agrees(value, target, given):  # the reference, rounded to fewer digits
            return (f"Right, but give {self.precision}: your {value:g} has only {given}, and the check wants "
                    f"{self.digits}.")
        for trap, hint in traps:  # a classic mistake, rounded
            if _agrees(value, trap, given):
                return hint
        return self.too_low if value < target else self.too_high

    def _whole(self, value, target):
        if value != round(value):
            return f"Expected a whole number, got {value:g}."
        if value == target:
            return None
        for trap, hint in self.trap_values():
            if value == trap:
                return hint
        return self.too_low if value < target else self.too_high


def digest(text):
    """The SHA-256 of ``text``, stripped and lower-cased: how a choice whose answer no code can compute (a concept)
    stores it, so that reading the exercise module does not give it away."""
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()


class Sealed(str):
    """An expected choice given by its ``digest``, not in clear."""


class choice:
    """One of ``options`` (strings, compared case-insensitively); ``hints`` maps a wrong option to its hint.

    ``expected`` is the right option, a function computing it, or a ``Sealed`` digest of it."""

    def __init__(self, expected, options, hints=None):
        self.expected, self.options = expected, [o.lower() for o in options]
        self.hint_for = {k.lower(): v for k, v in (hints or {}).items()}

    def is_right(self, option):
        if isinstance(self.expected, Sealed):
            return digest(option) == self.expected
        expected = self.expected() if callable(self.expected) else self.expected
        return option == expected.lower()

    def hints(self):
        return list(self.hint_for.values())

    def __call__(self, answer):
        if not isinstance(answer, str):
            return f"Expected one of {self.options} as a string, got {answer!r}."
        a = answer.strip().lower()
        if a not in self.options:
            return f"{answer!r} is not one of the options: {', '.join(self.options)}."
        if self.is_right(a):
            return None
        return self.hint_for.get(a, "Not this one: look again at the figure above.")


class one_of:
    """One of a few numbers ``options`` (the scales tried, ...); ``expected`` is the right one or a function
    computing it, ``hint`` the answer to any other option."""

    def __init__(self, expected, options, hint):
        self.expected, self.options, self.hint = expected, tuple(options), hint

    def hints(self):
        return [self.hint]

    def __call__(self, answer):
        value = as_number(answer)
        if isinstance(value, str):
            return value
        if value not in self.options:
            return f"Answer with one of {', '.join(f'{o:g}' for o in self.options)}."
        return None if value == (self.expected() if callable(self.expected) else self.expected) else self.hint


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
