"""Every notebook of weightlab.course.COURSE is built from its source, executed, clean, and has the course's shape."""
import pathlib
import sys

import nbformat
import pytest

from weightlab.course import COURSE, course_table

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from notebooks import SOURCES, build  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"


def test_the_course_table_lists_every_notebook_and_source_in_order():
    assert [nb.number for nb in COURSE] == list(range(len(COURSE)))
    assert all(nb.file.startswith(f"{nb.number:02d}_") and nb.file.endswith(".ipynb") for nb in COURSE)
    assert sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) == [nb.file for nb in COURSE]
    assert sorted(p.stem for p in SOURCES.glob("[0-9][0-9]_*.py")) == [nb.stem for nb in COURSE]


@pytest.fixture(params=COURSE, ids=lambda nb: nb.stem)
def notebook(request):
    path = NOTEBOOKS / request.param.file
    return path, nbformat.read(path, as_version=4)


def test_committed_cells_equal_the_source(notebook):
    path, nb = notebook
    built = build(SOURCES / f"{path.stem}.py")
    assert [c.source for c in nb.cells] == [c.source for c in built.cells], "run: python scripts/notebooks.py"


def test_executed_top_to_bottom_without_errors_and_clean(notebook):
    _, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts and counts == sorted(counts), "not executed top to bottom"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert "widgets" not in nb.metadata and set(nb.metadata) <= {"kernelspec", "language_info"}
    assert not [o for c in code for o in c.outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert all(set(c.metadata) <= {"tags"} for c in nb.cells)


def test_same_shape_everywhere(notebook):
    path, nb = notebook
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
    _, nb = notebook
    assert any(c.source.startswith("# NBVAL_CHECK_OUTPUT") for c in nb.cells if c.cell_type == "code")


def test_notebook_zero_shows_the_course_table_rendered_from_course():
    nb = nbformat.read(NOTEBOOKS / COURSE[0].file, as_version=4)
    shown = [o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code" and "course_table(" in c.source
             for o in c.outputs if "text/markdown" in o.get("data", {})]
    assert shown == [course_table()], "run: python scripts/notebooks.py 00"
