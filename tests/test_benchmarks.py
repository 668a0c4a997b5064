"""The README's notebook speed table is benchmarks/bench_notebooks.py's output: its markers, its header and one row
per notebook of COURSE, in order (the figures themselves come from a run of that script, not from a test)."""
import pathlib
import re
import sys

from weightlab.course import COURSE

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_notebooks  # noqa: E402


def readme_speed_table():
    start, end = bench_notebooks.README_MARKERS
    text = (ROOT / "README.md").read_text()
    assert text.count(start) == 1 and text.count(end) == 1, "README.md lost the notebook speed markers"
    return text.split(start)[1].split(end)[0]


def test_readme_notebook_speed_table_is_the_benchmarks_output():
    body = readme_speed_table()
    stems = [nb.stem for nb in COURSE]
    fake = {("now", c, s): [(1.0, 100.0)] for c in ("quiet", "busy") for s in stems}
    header = bench_notebooks.table(fake, ["now"], ["quiet", "busy"], stems).splitlines()[:2]
    lines = body.strip().splitlines()
    assert lines[:2] == header, "run: python benchmarks/bench_notebooks.py --write-readme"
    titles = [re.match(r"\| ([^|]+?) \|", line).group(1) for line in lines[2:2 + len(COURSE)]]
    assert titles == [f"{nb.number}. {nb.title}" for nb in COURSE], (
        "the README's speed table has other notebooks than COURSE: run python benchmarks/bench_notebooks.py "
        "--write-readme")
    assert lines[2 + len(COURSE)].startswith("| **all** |")
