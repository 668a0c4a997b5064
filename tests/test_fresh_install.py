"""Fresh installs: the way Binder builds the repository, the way the README sets it up, and repo2docker's plan.

Each test copies the working tree (tracked and new files, as git sees them) to a temporary folder, makes a new virtual
environment there and installs only from the repository's own files, then executes every notebook with that
environment's Python. Slow (a few minutes: pip downloads, or its cache): marked ``slow``.
"""
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

EXECUTE_ALL = textwrap.dedent("""
    import pathlib, sys, nbformat
    from nbclient import NotebookClient
    folder = pathlib.Path(sys.argv[1])
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
        print("executed", path.name, flush=True)
""")


def run(cmd, cwd, timeout=1800):
    """Run a command, and on failure show its command line and the tail of its output."""
    print("$", cmd if isinstance(cmd, str) else " ".join(map(str, cmd)), flush=True)
    done = subprocess.run(cmd, cwd=cwd, shell=isinstance(cmd, str), capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-4000:]}"
    return done.stdout


def copy_of_the_repository(target):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split("\n")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_binder_install_runs_every_notebook(tmp_path):
    repo = copy_of_the_repository(tmp_path / "repo")
    # repo2docker runs `pip install -r binder/requirements.txt` from the repository's root (see the next test)
    run([sys.executable, "-m", "venv", "venv"], cwd=tmp_path)
    python = tmp_path / "venv" / "bin" / "python"
    run([python, "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"], cwd=repo)
    location = run([python, "-c", "import weightlab; print(weightlab.__file__)"], cwd=tmp_path)
    assert str(tmp_path / "venv") in location, f"weightlab should be installed into the environment: {location}"
    out = run([python, "-c", EXECUTE_ALL, repo / "notebooks"], cwd=tmp_path)
    assert out.count("executed") == 8


def test_readme_setup_runs_every_notebook(tmp_path):
    repo = copy_of_the_repository(tmp_path / "repo")
    readme = (repo / "README.md").read_text()
    open_command = next(c for c in re.findall(r"```bash\n(.*?)\n```", readme, re.S) if "jupyter lab" in c)
    setup = open_command.split(" && .venv/bin/jupyter lab")[0]
    run(setup, cwd=repo)
    assert run([".venv/bin/jupyter", "lab", "--version"], cwd=repo).strip()
    assert run([".venv/bin/voila", "--version"], cwd=repo).strip()
    out = run([".venv/bin/python", "-c", EXECUTE_ALL, "notebooks"], cwd=repo)
    assert out.count("executed") == 8


def test_repo2docker_plans_the_binder_install(tmp_path):
    repo = copy_of_the_repository(tmp_path / "repo")
    run([sys.executable, "-m", "venv", "r2d"], cwd=tmp_path)
    run([tmp_path / "r2d" / "bin" / "pip", "install", "-q", "jupyter-repo2docker"], cwd=tmp_path)
    # --no-build prints the generated Dockerfile without needing a Docker daemon
    done = subprocess.run([tmp_path / "r2d" / "bin" / "repo2docker", "--no-build", "--debug", str(repo)],
                          capture_output=True, text=True, timeout=600)
    plan = done.stdout + done.stderr
    assert done.returncode == 0, plan[-4000:]
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in plan
    assert "python=3.11" in plan or "python3-2e11" in plan, "binder/runtime.txt asks for Python 3.11"
    assert "environment-2epy-2d3-2e11" in plan  # the Python 3.11 environment lock repo2docker picked
