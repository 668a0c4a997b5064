"""Every notebook of weightlab.course.COURSE is built from its source in two editions, executed, clean, and has the
course's shape; the student edition holds no solution, the teacher edition's checks all pass."""
import pathlib
import re
import sys

import nbformat
import pytest

from weightlab.course import COURSE, course_table
from weightlab.exercises import EXERCISES

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from notebooks import BEGIN, END, EDITIONS, SOURCES, build, solution_regions, student_code, target_of  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"


def test_the_course_table_lists_every_notebook_and_source_in_order():
    assert [nb.number for nb in COURSE] == list(range(len(COURSE)))
    assert all(nb.file.startswith(f"{nb.number:02d}_") and nb.file.endswith(".ipynb") for nb in COURSE)
    assert sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) == [nb.file for nb in COURSE]
    assert sorted(p.name for p in (NOTEBOOKS / "solutions").glob("[0-9][0-9]_*.ipynb")) == [nb.file for nb in COURSE]
    assert sorted(p.stem for p in SOURCES.glob("[0-9][0-9]_*.py")) == [nb.stem for nb in COURSE]


@pytest.fixture(params=[(nb, edition) for nb in COURSE for edition in EDITIONS],
                ids=lambda param: f"{param[0].stem}-{param[1]}")
def notebook(request):
    entry, edition = request.param
    path = target_of(SOURCES / f"{entry.stem}.py", edition)
    return path, nbformat.read(path, as_version=4), edition


def test_committed_cells_equal_the_source(notebook):
    path, nb, edition = notebook
    built = build(SOURCES / f"{path.stem}.py", edition)
    assert [c.source for c in nb.cells] == [c.source for c in built.cells], "run: python scripts/notebooks.py"


def test_executed_top_to_bottom_without_errors_and_clean(notebook):
    _, nb, _ = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts and counts == sorted(counts), "not executed top to bottom"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert "widgets" not in nb.metadata and set(nb.metadata) <= {"kernelspec", "language_info"}
    assert not [o for c in code for o in c.outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert all(set(c.metadata) <= {"tags"} for c in nb.cells)


def test_same_shape_everywhere(notebook):
    path, nb, _ = notebook
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    entry = next(e for e in COURSE if e.file == path.name)
    assert nb.cells[0].source.startswith(f"# {entry.number}. {entry.title}"), "title '# N. <COURSE title>' first"
    assert "mybinder.org/badge_logo.svg" in nb.cells[0].source and f"labpath=notebooks%2F{path.name}" in nb.cells[0].source
    for heading in ("## Learning objectives", "## Setup", "## Summary", "## Exercises"):
        assert heading in markdown, heading
    assert markdown.index("## Learning objectives") < markdown.index("## Setup") < markdown.index("## Summary") \
        < markdown.index("## Exercises")
    assert "Predict before you run" in markdown or "Predict first" in markdown
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert sum("check(" in c for c in code) >= 2, "at least two checked exercises"
    for source in code:
        first = [l for l in source.splitlines() if not l.startswith("# NBVAL")][0]
        assert first.startswith("#"), f"a code cell should begin with a comment saying what it does:\n{source}"
        assert "import *" not in source


def test_some_results_are_checked_by_nbval(notebook):
    _, nb, _ = notebook
    assert any(c.source.startswith("# NBVAL_CHECK_OUTPUT") for c in nb.cells if c.cell_type == "code")


def test_notebook_zero_shows_the_course_table_rendered_from_course():
    nb = nbformat.read(NOTEBOOKS / COURSE[0].file, as_version=4)
    shown = [o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code" and "course_table(" in c.source
             for o in c.outputs if "text/markdown" in o.get("data", {})]
    assert shown == [course_table()], "run: python scripts/notebooks.py 00"



# ---- two editions from one source (issue 10) ----

def _check_outputs(nb):
    """(the checked exercise's name, the text its check cell printed) for every check cell, in order."""
    found = []
    for cell in nb.cells:
        match = re.search(r'^check\("([^"]+)"', cell.source, re.M) if cell.cell_type == "code" else None
        if match:
            texts = [o.get("data", {}).get("text/plain", "") for o in cell.outputs if o.output_type == "display_data"]
            found.append((match.group(1), "".join(texts)))
    return found


def test_the_editions_drop_and_keep_the_marked_regions():
    code = "# Exercise\nanswer = None  # replace None\n### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\ncheck(answer)"
    assert student_code(code) == "# Exercise\nanswer = None  # replace None\ncheck(answer)"  # top level: dropped
    code = ("def f(x):\n    \"\"\"Doc.\"\"\"\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n"
            "\n\ncheck(f)")
    assert student_code(code) == ("def f(x):\n    \"\"\"Doc.\"\"\"\n    # YOUR CODE HERE\n    raise NotImplementedError()"
                                  "\n\n\ncheck(f)")  # inside a function: nbgrader's stub
    assert solution_regions(code) == [("    ", ["    return 2 * x"])]
    for broken in (f"{BEGIN}\nx = 1", f"x = 1\n{END}", f"{BEGIN}\n{BEGIN}\n{END}\n{END}", "x = 1  ### END SOLUTION"):
        with pytest.raises(ValueError):
            student_code(broken)


@pytest.mark.parametrize("entry", COURSE, ids=lambda nb: nb.stem)
def test_the_editions_differ_only_in_the_marked_cells_and_the_student_has_no_solution(entry):
    source = SOURCES / f"{entry.stem}.py"
    student, teacher = build(source, "student"), build(source, "teacher")
    assert len(student.cells) == len(teacher.cells)
    marked = 0
    for mine, theirs in zip(student.cells, teacher.cells):
        if BEGIN not in theirs.source:
            assert mine.source == theirs.source
            continue
        marked += 1
        assert mine.source == student_code(theirs.source) != theirs.source
    assert marked >= 3, "every exercise of the notebook has a worked solution"
    regions = [region for cell in teacher.cells if cell.cell_type == "code"
               for _, region in solution_regions(cell.source)]
    student_text = "\n".join(cell.source for cell in student.cells)
    assert BEGIN not in student_text and END not in student_text
    for region in regions:  # no line of a solution reaches the student edition (short ones like `return q` aside)
        for line in region:
            if len(line.strip()) > 20 and line.strip() not in "\n".join(c.source for c in teacher.cells
                                                                        if BEGIN not in c.source):
                assert line.strip() not in student_text, line


@pytest.mark.parametrize("entry", COURSE, ids=lambda nb: nb.stem)
def test_every_exercise_is_asked_in_order_and_the_last_cell_is_the_progress(entry):
    import importlib
    exercises = [ex.name for ex in importlib.import_module(f"weightlab.exercises.{entry.exercises}").EXERCISES]
    nb = build(SOURCES / f"{entry.stem}.py", "teacher")
    assert [name for name, _ in _check_outputs(nb)] == exercises
    prompts = re.findall(r"\*\*Exercise (\d+)( \(code\))?\.\*\*", "\n".join(c.source for c in nb.cells))
    assert [int(k) for k, _ in prompts] == list(range(1, len(exercises) + 1))
    assert [bool(code) for _, code in prompts] == [EXERCISES[name].writes_code for name in exercises]
    assert nb.cells[-1].cell_type == "code" and nb.cells[-1].source.splitlines()[-1] == f"progress({entry.number})"


@pytest.mark.parametrize("entry", COURSE, ids=lambda nb: nb.stem)
def test_every_teacher_edition_check_passes_and_every_student_check_waits(entry):
    teacher = nbformat.read(target_of(SOURCES / f"{entry.stem}.py", "teacher"), as_version=4)
    student = nbformat.read(target_of(SOURCES / f"{entry.stem}.py", "student"), as_version=4)
    for name, shown in _check_outputs(teacher):
        assert shown.startswith("✅ Correct!"), (name, shown)
    for name, shown in _check_outputs(student):
        assert shown.startswith("📝 Not answered yet"), (name, shown)
    n = len(_check_outputs(teacher))
    progress_of = {edition: "".join(o.get("data", {}).get("text/plain", "") for o in nb.cells[-1].outputs)
                   for edition, nb in (("teacher", teacher), ("student", student))}
    assert f"{n} of {n} exercises done" in progress_of["teacher"]
    assert f"0 of {n} exercises done" in progress_of["student"]
