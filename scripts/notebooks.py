"""Build the course notebooks from their sources, in two editions, execute them top to bottom, and save them clean.

    python scripts/notebooks.py                 # every notebook, both editions (and the README's course table)
    python scripts/notebooks.py 03 04           # only those whose name starts with 03 or 04
    python scripts/notebooks.py --edition student   # only the student edition (or teacher)
    python scripts/notebooks.py 03 --out /tmp/nb    # write to /tmp/nb/ and /tmp/nb/solutions/, not notebooks/
    python scripts/notebooks.py --readme        # only rewrite the README's course table from weightlab.course.COURSE
    python scripts/notebooks.py --plan          # only rewrite TEACHING.md's class-time table, from the sources
    python scripts/notebooks.py --check         # fail if a committed notebook differs from its source (cells)
                                                # or the README's course table from COURSE

The notebooks are those of ``weightlab.course.COURSE``, in its order; README.md's course table, between the two
``course table`` marker comments, is rendered from the same table by ``weightlab.course.course_table``.

Sources live in notebooks/src/NN_name.py in the "percent" format: a line ``# %% [markdown]`` starts a markdown cell
(its lines lose their leading ``# ``), a line ``# %%`` starts a code cell. The built notebook is written to
notebooks/NN_name.ipynb, executed with the working directory notebooks/, and saved with clean metadata: no widget
state, no execution timestamps, a plain python3 kernelspec. Reading a diff of a source beats reading one of JSON.

Two editions come from one source. An exercise's worked solution sits between the lines ``### BEGIN SOLUTION`` and
``### END SOLUTION``, the markers nbgrader and otter-grader recognise:

* the **teacher edition**, notebooks/solutions/NN_name.ipynb, is the source as written, markers included (a teacher
  who uses nbgrader can start from it), so every check prints that it is correct;
* the **student edition**, notebooks/NN_name.ipynb, drops each marked region. Inside a function (an indented
  region) the body becomes nbgrader's stub, ``# YOUR CODE HERE`` and ``raise NotImplementedError()``, which the
  check reads as "not answered yet"; at the top level of a cell the region just goes, so the line above it,
  ``answer_1 = None  # replace None with ...``, stands. Nothing raises when a learner runs all cells.

The two editions differ in the marked cells only (tests/test_notebooks_shape.py checks it, and that no solution
reaches the student edition).
"""
import argparse
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from weightlab.course import COURSE, course_table

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = NOTEBOOKS / "src"
SOLUTIONS = NOTEBOOKS / "solutions"
EDITIONS = ("student", "teacher")
README = ROOT / "README.md"
TEACHING = ROOT / "TEACHING.md"
README_TABLE = ("<!-- course table: written by scripts/notebooks.py from weightlab/course.py -->\n\n",
                "\n\n<!-- end of course table -->")  # blank lines: the table is a markdown block of its own
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def parse(source):
    """Cells of a percent-format source: a list of (kind, text)."""
    cells, kind, lines = [], None, []

    def flush():
        text = "\n".join(lines).strip("\n")
        if kind is not None and text.strip():
            cells.append((kind, text))

    for line in source.splitlines():
        if line.startswith("# %%"):
            flush()
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
        elif kind == "markdown":
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        else:
            lines.append(line)
    flush()
    return cells


BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")  # nbgrader's stub for a solution region in Python


def solution_regions(code):
    """The marked solution regions of a code cell: a list of (indent, lines between the markers)."""
    regions, current, indent = [], None, ""
    for number, line in enumerate(code.splitlines(), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if current is not None:
                raise ValueError(f"line {number}: {BEGIN} inside another solution region")
            current, indent = [], line[:len(line) - len(line.lstrip())]
        elif marker == END:
            if current is None:
                raise ValueError(f"line {number}: {END} without a {BEGIN}")
            regions.append((indent, current))
            current = None
        elif current is not None:
            current.append(line)
        elif re.search(r"#+ *(BEGIN|END) SOLUTION", line):
            raise ValueError(f"line {number}: a solution marker must be alone on its line, exactly {BEGIN!r} or "
                             f"{END!r}")
    if current is not None:
        raise ValueError(f"a {BEGIN} is never closed")
    return regions


def student_code(code):
    """``code`` with every solution region dropped: inside a function replaced by nbgrader's stub, at the top level
    of the cell removed."""
    solution_regions(code)  # the markers must pair up
    lines, inside = [], False
    for line in code.splitlines():
        if line.strip() == BEGIN:
            inside, indent = True, line[:len(line) - len(line.lstrip())]
            lines += [indent + stub for stub in STUB] if indent else []
        elif line.strip() == END:
            inside = False
        elif not inside:
            lines.append(line)
    return "\n".join(lines)


def build(path, edition="student"):
    """A new notebook object from a source file, in ``edition`` "student" (solutions dropped) or "teacher"."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, got {edition!r}")
    nb = nbformat.v4.new_notebook()
    for kind, text in parse(path.read_text()):
        if kind == "markdown":
            if BEGIN in text or END in text:
                raise ValueError(f"{path.name}: solution markers belong in code cells, not in markdown")
            nb.cells.append(nbformat.v4.new_markdown_cell(text))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(student_code(text) if edition == "student" else text))
    return nb


def target_of(src, edition, out=None):
    """Where ``edition`` of the notebook built from ``src`` is written: notebooks/ (or ``out``), solutions/ inside
    it for the teacher edition."""
    folder = pathlib.Path(out) if out else NOTEBOOKS
    return (folder / "solutions" if edition == "teacher" else folder) / (src.stem + ".ipynb")


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_PLACEHOLDER = "Interactive dashboard: run the notebook (Run > Run All Cells) to use it. Its first picture is below."


def clean(nb):
    """Strip what a code host should not show and a diff should not carry.

    A saved widget view points to a model that only lives in a running kernel: opened before running, JupyterLab
    would show "model not found" in its place. It becomes a one-line note instead (and the random model ids leave
    the diffs)."""
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:03d}"
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k == "tags"})
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output.data = nbformat.from_dict({"text/plain": WIDGET_PLACEHOLDER})
    # consecutive printed outputs as one: how the kernel cut a cell's printing into messages depends on timing, and
    # would change the saved file from one run to the next
    CoalesceStreamsPreprocessor().preprocess(nb, {})
    return nb


def execute(nb, timeout=600):
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


#: the pace behind TEACHING.md's class-time estimate: reading speed for the prose, and minutes per "Predict before
#: you run" pause, per answer exercise, per coding exercise and per dashboard explored live
PACE = {"words per minute": 120, "prediction": 2, "answer": 4, "code": 12, "dashboard": 5}
DASHBOARD = re.compile(r"^\w+ = \w*(Lab|Dashboard|Inspector)\(", re.M)  # a cell that builds a dashboard


def plan(entry):
    """What a class meets in notebook ``entry`` of COURSE, counted from its source, and the minutes it takes at PACE:
    a dict with words, predictions, answers, code (coding exercises), dashboards and minutes."""
    import importlib
    cells = parse((SOURCES / f"{entry.stem}.py").read_text())
    prose = "\n".join(text for kind, text in cells if kind == "markdown")
    exercises = importlib.import_module(f"weightlab.exercises.{entry.exercises}").EXERCISES
    counts = {"words": len(prose.split()), "predictions": len(re.findall(r"Predict (before you run|first)", prose)),
              "answers": sum(not ex.writes_code for ex in exercises), "code": sum(ex.writes_code for ex in exercises),
              "dashboards": sum(bool(DASHBOARD.search(text)) for kind, text in cells if kind == "code")}
    minutes = (counts["words"] / PACE["words per minute"] + PACE["prediction"] * counts["predictions"]
               + PACE["answer"] * counts["answers"] + PACE["code"] * counts["code"]
               + PACE["dashboard"] * counts["dashboards"])
    return {**counts, "minutes": 5 * round(minutes / 5)}


def plan_table():
    """The class-time estimate of every notebook as a markdown table, for TEACHING.md: prose in hundreds of words,
    the minutes rounded to 5."""
    rows = ["| notebook | prose (words) | predictions | exercises (code) | dashboards | about |",
            "|---|---|---|---|---|---|"]
    for entry in COURSE:
        p = plan(entry)
        rows.append(f"| {entry.number}. {entry.title} | {100 * round(p['words'] / 100):,} | {p['predictions']} | "
                    f"{p['answers'] + p['code']} ({p['code']}) | {p['dashboards']} | {p['minutes']} min |")
    return "\n".join(rows)


TEACHING_TABLE = ("<!-- class-time table: written by scripts/notebooks.py from the sources (--plan) -->\n\n",
                  "\n\n<!-- end of class-time table -->")


def with_table(text, markers, table, name):
    """``text`` with the part between the two ``markers`` replaced by ``table``."""
    start, end = markers
    if text.count(start) != 1 or text.count(end) != 1:
        raise ValueError(f"{name} must hold the table markers once each: {start.strip()} ... {end.strip()}")
    before, rest = text.split(start)
    return before + start + table + end + rest.split(end)[1]


def teaching_with_plan_table(text):
    """TEACHING.md's ``text`` with its class-time table rendered from the sources (``plan_table``)."""
    return with_table(text, TEACHING_TABLE, plan_table(), "TEACHING.md")


def update_teaching(check=False):
    """Rewrite TEACHING.md's class-time table; with ``check``, only report. True when it is up to date."""
    text = TEACHING.read_text()
    fresh = teaching_with_plan_table(text)
    if fresh == text:
        print("TEACHING.md: class-time table up to date")
    elif check:
        print("TEACHING.md: class-time table DIFFERS from the sources: run scripts/notebooks.py --plan")
        return False
    else:
        TEACHING.write_text(fresh)
        print("TEACHING.md: class-time table rewritten from the sources")
    return True


def readme_with_course_table(text):
    """README.md's ``text`` with the part between the course-table markers replaced by COURSE's table."""
    start, end = README_TABLE
    if text.count(start) != 1 or text.count(end) != 1:
        raise ValueError(f"README.md must hold the course-table markers once each: {start.strip()} ... {end.strip()}")
    before, rest = text.split(start)
    return before + start + course_table("notebooks/") + end + rest.split(end)[1]


def update_readme(check=False):
    """Rewrite README.md's course table from COURSE; with ``check``, only report. True when it is up to date."""
    text = README.read_text()
    fresh = readme_with_course_table(text)
    if fresh == text:
        print("README.md: course table up to date")
    elif check:
        print("README.md: course table DIFFERS from COURSE: run scripts/notebooks.py --readme")
        return False
    else:
        README.write_text(fresh)
        print("README.md: course table rewritten from COURSE")
    return True


def main(prefixes=(), check=False, readme=False, edition="both", out=None, plan=False):
    if plan:
        sys.exit(0 if update_teaching(check) else 1)
    failed = []
    if not out:  # the tables derived from COURSE and the sources: README's course table, TEACHING.md's class time
        failed += [] if update_readme(check) else [README.name]
        failed += [] if update_teaching(check) else [TEACHING.name]
    sources = [SOURCES / f"{nb.stem}.py" for nb in COURSE if not prefixes or nb.file.startswith(tuple(prefixes))]
    if not sources:
        sys.exit(f"no notebook of COURSE matches {prefixes}")
    editions = EDITIONS if edition == "both" else (edition,)
    for src in [] if readme else sources:
        for kind in editions:
            target = target_of(src, kind, out)
            built = build(src, kind)
            shown = target.relative_to(target.parents[1] if kind == "teacher" else target.parent)
            if check:
                committed = nbformat.read(target, as_version=4) if target.exists() else None
                same = committed is not None and [c.source for c in committed.cells] == [c.source for c in built.cells]
                print(f"{shown}: {'up to date' if same else 'DIFFERS from its source: run scripts/notebooks.py'}")
                failed += [] if same else [str(shown)]
                continue
            start = time.perf_counter()
            execute(built)
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(clean(built), target)
            print(f"{shown} ({kind} edition): executed in {time.perf_counter() - start:.1f} s")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prefixes", nargs="*", help="only notebooks whose name starts with one of these")
    parser.add_argument("--check", action="store_true",
                        help="only compare committed cells with the sources, and README's course table with COURSE")
    parser.add_argument("--readme", action="store_true", help="only rewrite README's course table from COURSE")
    parser.add_argument("--edition", choices=EDITIONS + ("both",), default="both",
                        help="build the student edition (notebooks/), the teacher edition (notebooks/solutions/) or "
                             "both")
    parser.add_argument("--out", help="write the notebooks into this folder (and its solutions/) instead of notebooks/")
    parser.add_argument("--plan", action="store_true",
                        help="only rewrite TEACHING.md's class-time table (with --check: only compare it)")
    main(**vars(parser.parse_args()))
