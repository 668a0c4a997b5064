"""Build the course notebooks from their sources, execute them top to bottom, and save them clean.

    python scripts/notebooks.py                 # every notebook
    python scripts/notebooks.py 03 04           # only those whose name starts with 03 or 04
    python scripts/notebooks.py --check         # fail if a committed notebook differs from its source (cells)

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

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = NOTEBOOKS / "src"
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


def main(prefixes=(), check=False):
    sources = sorted(p for p in SOURCES.glob("[0-9][0-9]_*.py") if not prefixes or p.name.startswith(tuple(prefixes)))
    if not sources:
        sys.exit(f"no notebook sources match {prefixes} in {SOURCES}")
    failed = []
    for src in sources:
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
    parser.add_argument("--check", action="store_true", help="only compare committed cells with the sources")
    main(**vars(parser.parse_args()))
