"""The README's example prints what the README says it prints, its commands are the ones CI runs, and its course
table is weightlab.course.COURSE's."""
import contextlib
import io
import pathlib
import re
import sys

import pytest

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


# torch.nn.init's initializers, from its documentation (https://pytorch.org/docs/stable/nn.init.html), and Keras 3's
# keras.initializers classes (https://keras.io/api/layers/initializers/)
TORCH_NN_INIT = ["uniform_", "normal_", "constant_", "ones_", "zeros_", "eye_", "dirac_", "xavier_uniform_",
                 "xavier_normal_", "kaiming_uniform_", "kaiming_normal_", "trunc_normal_", "orthogonal_", "sparse_"]
KERAS_INITIALIZERS = ["Zeros", "Ones", "Constant", "RandomNormal", "RandomUniform", "TruncatedNormal",
                      "VarianceScaling", "LecunUniform", "LecunNormal", "GlorotUniform", "GlorotNormal", "HeUniform",
                      "HeNormal", "Orthogonal", "Identity", "STFT"]
CONVOLUTIONS_ONLY = {"dirac_", "STFT"}


def test_readme_every_initializer_for_dense_layers_is_true():
    from weightlab.initializers import get_initializer
    assert "every Keras and PyTorch initializer for dense layers" in README
    snake = {name: re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).lower() for name in KERAS_INITIALIZERS}
    for name in [n for n in TORCH_NN_INIT + KERAS_INITIALIZERS if n not in CONVOLUTIONS_ONLY]:
        assert get_initializer(snake.get(name, name)).framework in ("keras", "pytorch"), name
    zoo = (ROOT / "notebooks" / "src" / "05_initializer_zoo.py").read_text()
    for name in CONVOLUTIONS_ONLY:  # the README points to notebook 5 for why they are not in the table
        assert f"`{name}`" in README and f"`{name}`" in zoo and "convolution" in zoo
        with pytest.raises(ValueError):
            get_initializer(name)


# ---- TEACHING.md (issue 10) ----

TEACHING = (ROOT / "TEACHING.md").read_text()


def test_teaching_class_time_table_is_the_sources_estimate():
    from notebooks import teaching_with_plan_table
    assert TEACHING == teaching_with_plan_table(TEACHING), "run: python scripts/notebooks.py --plan"
    rows = re.findall(r"^\| (\d+)\. ", TEACHING, re.M)
    assert rows == [str(nb.number) for nb in COURSE]


def test_teaching_covers_every_notebook_and_every_way_to_run_the_course():
    for nb in COURSE:
        section = TEACHING.split(f"### {nb.number}. {nb.title}")[1].split("\n### ")[0]
        for part in ("**Objectives.**", "**Misconceptions.**", "**Discuss.**", "**Project.**", "**Homework.**"):
            assert part in section, (nb.title, part)
        assert section.count("?") >= 2, f"two discussion questions for {nb.title}"
    nbgitpuller = ("/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fweightlab%2Fweightlab&branch=main"
                   "&urlpath=lab%2Ftree%2Fweightlab%2Fnotebooks%2F00_start_here.ipynb")
    assert nbgitpuller in TEACHING
    assert "100 concurrent users per repository" in TEACHING and "cold starts of minutes" in TEACHING
    assert "mybinder.org/v2/gh/weightlab/weightlab/HEAD?labpath=notebooks%2F00_start_here.ipynb" in TEACHING
    assert "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt" in TEACHING  # the README's command
    assert "notebooks/solutions/" in TEACHING and "### BEGIN SOLUTION" in TEACHING
