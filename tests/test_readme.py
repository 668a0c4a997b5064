"""The README's example prints what the README says it prints, its commands are the ones CI runs, and its course
table is weightlab.course.COURSE's."""
import contextlib
import io
import pathlib
import re
import sys

from weightlab.course import COURSE

ROOT = pathlib.Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
sys.path.insert(0, str(ROOT / "scripts"))
from notebooks import readme_with_course_table  # noqa: E402


def test_readme_example_output():
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    code = "\n".join(line for line in block.splitlines() if not line.startswith("# "))
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == expected


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_readme_course_table_is_the_course():
    assert README == readme_with_course_table(README), "run: python scripts/notebooks.py --readme"
    links = re.findall(r"^\| \[(\d+)\. [^]]+\]\(notebooks/([^)]+)\)", README, re.M)
    assert links == [(str(nb.number), nb.file) for nb in COURSE]
    assert all((ROOT / "notebooks" / nb.file).exists() for nb in COURSE)
