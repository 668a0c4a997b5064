"""Build the course notebooks from their sources, execute them top to bottom, and save them clean.

    python scripts/notebooks.py                 # every notebook (and the README's course table)
    python scripts/notebooks.py 03 04           # only those whose name starts with 03 or 04
    python scripts/notebooks.py --readme        # only rewrite the README's course table from weightlab.course.COURSE
    python scripts/notebooks.py --check         # fail if a committed notebook differs from its source (cells)
                                                # or the README's course table from COURSE

The notebooks are those of ``weightlab.course.COURSE``, in its order; README.md's course table, between the two
``course table`` marker comments, is rendered from the same table by ``weightlab.course.course_table``.

Sources live in notebooks/src/NN_name.py in the "percent" format: a line ``# %% [markdown]`` starts a markdown cell
(its lines lose their leading ``# ``), a line ``# %%`` starts a code cell. The built notebook is written to
notebooks/NN_name.ipynb, executed with the working directory notebooks/, and saved with clean metadata: no widget
state, no execution timestamps, a plain python3 kernelspec. Reading a diff of a source beats reading one of JSON.
"""
import argparse
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

from weightlab.course import COURSE, course_table

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = NOTEBOOKS / "src"
README = ROOT / "README.md"
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


def build(path):
    """A new notebook object from a source file."""
    nb = nbformat.v4.new_notebook()
    for kind, text in parse(path.read_text()):
        nb.cells.append(nbformat.v4.new_markdown_cell(text) if kind == "markdown" else nbformat.v4.new_code_cell(text))
    return nb


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
    return nb


def execute(nb, timeout=600):
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


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


def main(prefixes=(), check=False, readme=False):
    failed = [] if update_readme(check) else [README.name]
    sources = [SOURCES / f"{nb.stem}.py" for nb in COURSE if not prefixes or nb.file.startswith(tuple(prefixes))]
    if not sources:
        sys.exit(f"no notebook of COURSE matches {prefixes}")
    for src in [] if readme else sources:
        target = NOTEBOOKS / (src.stem + ".ipynb")
        built = build(src)
        if check:
            committed = nbformat.read(target, as_version=4) if target.exists() else None
            same = committed is not None and [c.source for c in committed.cells] == [c.source for c in built.cells]
            print(f"{target.name}: {'up to date' if same else 'DIFFERS from its source: run scripts/notebooks.py'}")
            failed += [] if same else [target.name]
            continue
        start = time.perf_counter()
        execute(built)
        nbformat.write(clean(built), target)
        print(f"{target.name}: executed in {time.perf_counter() - start:.1f} s")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prefixes", nargs="*", help="only notebooks whose name starts with one of these")
    parser.add_argument("--check", action="store_true",
                        help="only compare committed cells with the sources, and README's course table with COURSE")
    parser.add_argument("--readme", action="store_true", help="only rewrite README's course table from COURSE")
    main(**vars(parser.parse_args()))
