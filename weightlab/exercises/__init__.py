"""Exercises of the notebooks and their checks.

Each notebook's exercises live in one module here (``nb01``, ``nb02``, ...) as ``Exercise`` entries; ``EXERCISES``
collects them all, one module per notebook of ``weightlab.course.COURSE``, so the tests can prove that every check
accepts its reference solution and rejects wrong answers. A reference solution that trains a network is computed once
per process (``functools.cache``), not on every ``check``.

In a notebook::

    answer = None  # replace None with your answer
    check("scale.he_std", answer)

``check`` never raises: a missing answer (``None`` or ``...``) gets a reminder, a wrong one a specific hint, an answer
of the wrong type an explanation of what is expected. In the Voila app (``voila notebooks/06_init_lab.ipynb``), which
shows outputs but no cells to answer in, a check displays nothing (``running_in_voila``).
"""
import html
import importlib
import os
from dataclasses import dataclass, field
from typing import Any, Callable, List

MISSING = (None, Ellipsis)

#: environment variables Voila sets in the kernels it starts (voila/handler.py and voila_kernel_manager.py set the
#: first three, notebook_renderer.py sets VOILA_KERNEL_ID before the first cell runs); a Jupyter kernel has none
VOILA_VARIABLES = ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_PREHEAT", "VOILA_KERNEL_ID")


def running_in_voila():
    """True in a kernel that Voila started, where a notebook is an app: outputs without cells."""
    return any(name in os.environ for name in VOILA_VARIABLES)


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: ``ok`` and a message for the learner (shown as HTML in a notebook)."""

    ok: bool
    message: str
    answered: bool = True

    def __bool__(self):
        return self.ok

    def _repr_html_(self):
        color, icon = ("#060", "✅") if self.ok else ("#555", "📝") if not self.answered else ("#a40", "💡")
        return f"<div style='color:{color}'>{icon} {html.escape(self.message)}</div>"

    def _ipython_display_(self):
        """Shown as HTML (and text) in a notebook; nothing at all in the Voila app, which has no cells to answer
        in."""
        if running_in_voila():
            return
        from IPython.display import display
        display({"text/html": self._repr_html_(), "text/plain": repr(self)}, raw=True)

    def __repr__(self):
        return ("✅ " if self.ok else "💡 ") + self.message


@dataclass(frozen=True)
class Exercise:
    """One exercise: ``judge(answer)`` returns None when right or a hint (str) when wrong; ``solution()`` returns the
    reference answer; ``wrong`` lists answers the tests expect to be rejected."""

    name: str
    prompt: str
    judge: Callable[[Any], Any]
    solution: Callable[[], Any]
    wrong: List[Any] = field(default_factory=list)
    expects: str = "a value"


def _collect():
    """name -> Exercise, from the module ``nbNN`` of every notebook in COURSE, in the course's order."""
    from ..course import COURSE

    table = {}
    for notebook in COURSE:
        for ex in importlib.import_module(f"{__name__}.{notebook.exercises}").EXERCISES:
            if ex.name in table:
                raise RuntimeError(f"duplicate exercise name {ex.name!r}")
            table[ex.name] = ex
    return table


def check(name, answer=None):
    """Check ``answer`` to exercise ``name``; returns a ``Feedback`` that displays itself."""
    if name not in EXERCISES:
        return Feedback(False, f"There is no exercise called {name!r}; the names are {', '.join(EXERCISES)}")
    ex = EXERCISES[name]
    if any(answer is m for m in MISSING):
        return Feedback(False, f"Not answered yet: replace None with {ex.expects}, then run this cell again.",
                        answered=False)
    try:
        hint = ex.judge(answer)
    except Exception as exc:  # a learner's odd answer must never crash the notebook
        return Feedback(False, f"This answer could not be checked ({type(exc).__name__}: {exc}). "
                               f"The exercise expects {ex.expects}.")
    if hint is None:
        return Feedback(True, "Correct!")
    return Feedback(False, str(hint))


EXERCISES = {}
EXERCISES.update(_collect())

__all__ = ["EXERCISES", "Exercise", "Feedback", "check", "running_in_voila"]
