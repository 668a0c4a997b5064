"""Exercises of the notebooks, their checks, and the learner's progress.

Each notebook's exercises live in one module here (``nb00``, ``nb01``, ...) as ``Exercise`` entries, in the order the
notebook asks them; ``EXERCISES`` collects them all, one module per notebook of ``weightlab.course.COURSE``. Two kinds:

* an answer (a number, a choice), judged by ``weightlab.exercises.judges``::

      answer_1 = None  # replace None with a number (3 significant figures)
      check("scale.he_std", answer_1)

* a function the learner writes, judged by ``weightlab.exercises.coding``: the check calls it on fresh inputs
  (several shapes, seeds and edge cases), safely (time limit, hidden prints, no crash), and compares it with
  weightlab's own implementation::

      def he_normal(fan_in, fan_out, rng):
          # YOUR CODE HERE
          raise NotImplementedError()

      check("scale.he_normal_code", he_normal)

``check`` never raises and always answers in words: a missing answer gets a reminder, a wrong one a hint naming the
idea to revisit (never the solution), an answer of the wrong type what is expected. Reference answers are computed by
weightlab (``functools.cache`` keeps what trains to one run per process), never written next to the hints; the
worked solutions are in the teacher edition, ``notebooks/solutions/``. ``progress(n)`` shows which exercises of
notebook n are done, from the checks run in this kernel. In the Voila app, which shows outputs but no cells to answer
in, checks and progress display nothing (``running_in_voila``).
"""
import html
import importlib
import os
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional

MISSING = (None, Ellipsis)

#: environment variables Voila sets in the kernels it starts (voila/handler.py and voila_kernel_manager.py set the
#: first three, notebook_renderer.py sets VOILA_KERNEL_ID before the first cell runs); a Jupyter kernel has none
VOILA_VARIABLES = ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_PREHEAT", "VOILA_KERNEL_ID")


def running_in_voila():
    """True in a kernel that Voila started, where a notebook is an app: outputs without cells."""
    return any(name in os.environ for name in VOILA_VARIABLES)


class _Shown:
    """Displays itself as HTML and text in a notebook, and not at all in the Voila app."""

    def _ipython_display_(self):
        if running_in_voila():
            return
        from IPython.display import display
        display({"text/html": self._repr_html_(), "text/plain": repr(self)}, raw=True)


@dataclass(frozen=True)
class Feedback(_Shown):
    """The outcome of a check: ``ok`` and a message for the learner; ``answered`` is False for a reminder."""

    ok: bool
    message: str
    answered: bool = True

    def __bool__(self):
        return self.ok

    @property
    def icon(self):
        return "✅" if self.ok else "📝" if not self.answered else "💡"

    def _repr_html_(self):
        color = "#060" if self.ok else "#555" if not self.answered else "#a40"
        return f"<div style='color:{color}'>{self.icon} {html.escape(self.message)}</div>"

    def __repr__(self):
        return f"{self.icon} {self.message}"


@dataclass(frozen=True)
class Exercise:
    """One exercise: ``judge(answer)`` returns None when right, a hint (str) when wrong, or a whole ``Feedback``;
    ``solution()`` computes the reference answer (None for a function the learner writes: the tests take the teacher
    edition's); ``wrong`` lists answers the tests expect to be rejected."""

    name: str
    prompt: str
    judge: Callable[[Any], Any]
    solution: Optional[Callable[[], Any]]
    wrong: List[Any] = field(default_factory=list)
    expects: str = "a value"

    @property
    def writes_code(self):
        """True when the learner writes a function (the judge knows its signature)."""
        return hasattr(self.judge, "signature")


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


#: name -> the last Feedback its check gave in this kernel (what ``progress`` reads)
RESULTS = {}


def check(name, answer=None):
    """Check ``answer`` to exercise ``name`` (for a coding exercise: the learner's function); returns a ``Feedback``
    that displays itself, and remembers it for ``progress``."""
    if name not in EXERCISES:
        return Feedback(False, f"There is no exercise called {name!r}; the names are {', '.join(EXERCISES)}")
    ex = EXERCISES[name]
    if any(answer is m for m in MISSING):
        what = f"{ex.expects}" if not ex.writes_code else f"your function, {ex.judge.signature}"
        feedback = Feedback(False, f"Not answered yet: replace None with {what}, then run this cell again.",
                            answered=False)
    else:
        try:
            verdict = ex.judge(answer)
        except Exception as exc:  # a learner's odd answer must never crash the notebook
            verdict = (f"This answer could not be checked ({type(exc).__name__}: {exc}). "
                       f"The exercise expects {ex.expects}.")
        if isinstance(verdict, Feedback):
            feedback = verdict
        else:
            feedback = Feedback(True, "Correct!") if verdict is None else Feedback(False, str(verdict))
    RESULTS[name] = feedback
    return feedback


@dataclass(frozen=True)
class Progress(_Shown):
    """Which exercises of one notebook are done: ``rows`` of (number, exercise, status), status one of "done",
    "not yet right", "not answered yet" and "not checked yet"."""

    title: str
    rows: tuple

    @property
    def done(self):
        return sum(status == "done" for _, _, status in self.rows)

    _ICONS = {"done": "✅", "not yet right": "💡", "not answered yet": "📝", "not checked yet": "·"}

    def _summary(self):
        return (f"{self.title}: {self.done} of {len(self.rows)} exercises done. From the checks run since this "
                "kernel started; nothing is stored or sent anywhere.")

    def _repr_html_(self):
        cells = "".join(
            f"<tr><td>{self._ICONS[status]}</td><td>Exercise {number}</td><td>{html.escape(ex.prompt)}"
            f"{' <i>(code)</i>' if ex.writes_code else ''}</td><td>{status}</td></tr>"
            for number, ex, status in self.rows)
        return f"<p>{html.escape(self._summary())}</p><table>{cells}</table>"

    def __repr__(self):
        lines = [f"{self._ICONS[status]} Exercise {number}: {ex.prompt}{' (code)' if ex.writes_code else ''}: "
                 f"{status}" for number, ex, status in self.rows]
        return "\n".join([self._summary()] + lines)


def progress(notebook):
    """A table of the exercises of notebook number ``notebook`` (0, 1, ...) and where each stands, from the checks run
    in this kernel: done, not yet right, not answered yet, or not checked yet. No network, no account: restart the
    kernel and it starts from nothing."""
    from ..course import COURSE

    numbers = [nb.number for nb in COURSE]
    if notebook not in numbers:
        raise ValueError(f"notebook must be the number of a notebook of the course, one of {numbers}; got {notebook!r}")
    entry = COURSE[numbers.index(notebook)]
    exercises = importlib.import_module(f"{__name__}.{entry.exercises}").EXERCISES

    def status(ex):
        result = RESULTS.get(ex.name)
        if result is None:
            return "not checked yet"
        return "done" if result.ok else "not answered yet" if not result.answered else "not yet right"

    return Progress(f"Notebook {entry.number}, {entry.title}",
                    tuple((k, ex, status(ex)) for k, ex in enumerate(exercises, start=1)))


EXERCISES = {}
EXERCISES.update(_collect())

__all__ = ["EXERCISES", "RESULTS", "Exercise", "Feedback", "Progress", "check", "progress", "running_in_voila"]
