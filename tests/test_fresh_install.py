"""Fresh installs: the way Binder builds the repository, the way the README sets it up, and repo2docker's plan.

Each environment starts from a copy of the working tree as git sees it (tracked and new, not ignored files, so
uncommitted work is tested too) in a temporary folder, gets a new virtual environment, and installs only from the
repository's own files. In Binder's, every notebook (the teacher edition) is then executed top to bottom by a kernel
of *that* environment (its own kernelspec, and a probe cell that checks which Python and which weightlab the kernel
really uses); in the README's, everything the notebooks import is imported.

1. Binder: repo2docker runs ``${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"``
   from the repository's root, after copying the whole repository (the file names ``.``), with the Python of
   binder/runtime.txt, over its base environment. Here: a venv of that Python outside the copy, the base
   environment's top-level packages at the versions of repo2docker's lock, then the same command from the copy's
   root; and the pins must not break that base environment (``pip check``).
2. The README: its "open the course" command up to ``jupyter lab``, run as written in the copy's root.
3. repo2docker itself: ``repo2docker --no-build`` renders the Dockerfile it would build without a Docker daemon;
   it must install binder/requirements.txt from the root of the full copy, with binder/runtime.txt's Python.

Slow (pip downloads or its cache, then every notebook (the teacher editions) in Binder's environment, and what they
import in the README's, ``ENVIRONMENTS``): marked
``slow``. To keep the test command short (issue 11), the environments' installs start in the background as soon as
the session has collected these tests (``start_builds``, called from tests/conftest.py, which also runs this module
after the unit tests and the notebooks, so the installs use the core those leave free), and each environment starts
executing its notebooks as soon as it is installed, in the background too (one kernel each; weightlab's products
run on one BLAS thread). Each environment is built once per session and runs the notebooks once. Every command is printed with its duration; a failing one
shows the tail of its output.
"""
import ast
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from types import SimpleNamespace

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
NOTEBOOK_TIMEOUT_S = 600  # per cell, as scripts/notebooks.py
INSTALL_TIMEOUT_S = 1500
EXECUTE_ALL_TIMEOUT_S = 1800  # every notebook of one environment
TAIL_CHARS = 5000
# repo2docker creates the image's user with the uid mybinder.org passes; its default (ours) would be root here
BINDER_UID, BINDER_USER = "1000", "jovyan"

# Run by an environment's own Python: executes notebooks with a given kernelspec, reports one JSON line each.
EXECUTE = textwrap.dedent(r'''
    import json, pathlib, re, sys, time
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    kernel, out_dir, paths = sys.argv[1], pathlib.Path(sys.argv[2]), [pathlib.Path(p) for p in sys.argv[3:]]
    PROBE = ("import json as _j, sys as _s, weightlab as _w\n"
             "print('WEIGHTLAB_PROBE', _j.dumps({'executable': _s.executable, 'prefix': _s.prefix,"
             " 'weightlab': _w.__file__}))")
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE))
        start, failure = time.perf_counter(), None
        try:
            NotebookClient(nb, timeout=%d, kernel_name=kernel,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        except CellExecutionError as error:
            failure = re.sub(r"\x1b\[[0-9;]*m", "", str(error))[-3000:]
        except Exception as error:  # a dead kernel, a timeout: report it as this notebook's failure
            failure = f"{type(error).__name__}: {error}"[-3000:]
        errors, stderr, probe = [], [], None
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    errors.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
                elif output.get("name") == "stderr":
                    stderr.append(f"cell {index}: {output.get('text', '')[:300]}")
                elif index == 0 and output.get("name") == "stdout" and "WEIGHTLAB_PROBE" in output.get("text", ""):
                    probe = json.loads(output["text"].split("WEIGHTLAB_PROBE", 1)[1])
        nbformat.write(nb, out_dir / path.name)
        print(json.dumps({"notebook": path.name, "seconds": round(time.perf_counter() - start, 1),
                          "failure": failure, "errors": errors, "stderr": stderr, "probe": probe}), flush=True)
''' % NOTEBOOK_TIMEOUT_S)


def _show(cmd):
    return cmd if isinstance(cmd, str) else shlex.join(str(part) for part in cmd)


def run(cmd, cwd, env, timeout=INSTALL_TIMEOUT_S, check=True):
    """Run a command (a list, or a string for the shell), print it and its duration; on failure, fail with its tail."""
    print(f"\n$ {_show(cmd)}    # in {cwd}", flush=True)
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env, shell=isinstance(cmd, str), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        output = error.output.decode(errors="replace") if isinstance(error.output, bytes) else (error.output or "")
        pytest.fail(f"timed out after {timeout} s: {_show(cmd)} (in {cwd})\n--- last output:\n{output[-TAIL_CHARS:]}")
    print(f"  ({time.perf_counter() - start:.1f} s, exit {done.returncode})", flush=True)
    if check:
        assert done.returncode == 0, (f"exit {done.returncode}: {_show(cmd)} (in {cwd})\n"
                                      f"--- last output:\n{done.stdout[-TAIL_CHARS:]}")
    return done


def isolated_env(root, venv=None, compile_bytecode=True):
    """The environment for every command: this process's, less what would leak another Python or Jupyter setup
    into the fresh one (PYTHONPATH, an active venv, Jupyter's search paths), with Jupyter's and IPython's own
    folders under `root`. pip's configuration and cache are kept: the cache is what makes a second run fast. With
    ``compile_bytecode=False`` pip does not byte-compile what it installs (``PIP_COMPILE=false``): ~20 s of CPU an
    environment saves where few processes start (the README's, repo2docker's); Binder's keeps it, since its nine
    kernels would otherwise compile every module they import, each time where PYTHONDONTWRITEBYTECODE is set."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH", "VIRTUAL_ENV",
                          "CONDA_PREFIX", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "PIP_REQUIRE_VIRTUALENV",
                          "PIP_USER", "PIP_TARGET", "PIP_PREFIX", "PIP_NO_CACHE_DIR"}}
    for name, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
        env[name] = str(root / "jupyter-home" / sub)
    if not compile_bytecode:
        env["PIP_COMPILE"] = "false"
    if venv is not None:
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def copy_working_tree(target):
    """Copy the files git would commit now (tracked and untracked, not ignored; deleted ones skipped)."""
    names = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    copied = 0
    for name in sorted(set(filter(None, names))):
        source = ROOT / name
        if source.is_file() or source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
            copied += 1
    assert copied and (target / "pyproject.toml").is_file(), f"copied {copied} files from {ROOT}"
    print(f"\ncopied {copied} files of the working tree to {target}", flush=True)
    return target


def runtime_python_version():
    """The major.minor of binder/runtime.txt (``python-3.11`` -> ``3.11``)."""
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+\.\d+)(\.\d+)?", runtime)
    assert match, f"binder/runtime.txt should read python-X.Y, not {runtime!r}"
    return match.group(1)


def site_packages(python, cwd, env):
    return pathlib.Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            cwd, env).stdout.strip().splitlines()[-1])


def prepare_kernel(venv, cwd, env, name):
    """Give the environment what it takes to execute notebooks with its own Python: nbclient (only if its install
    did not bring it) and a kernelspec of its own, written into the environment (``--sys-prefix``)."""
    python = venv / "bin" / "python"
    if run([python, "-c", "import nbclient, nbformat"], cwd, env, check=False).returncode != 0:
        run([venv / "bin" / "pip", "install", "nbclient"], cwd, env)  # an executor, after the install under test
    run([python, "-m", "ipykernel", "install", "--sys-prefix", "--name", name, "--display-name", name], cwd, env)
    spec = json.loads((venv / "share" / "jupyter" / "kernels" / name / "kernel.json").read_text())
    assert pathlib.Path(spec["argv"][0]) == python, f"the kernelspec {name} should start {python}: {spec['argv']}"
    return name


def start_notebooks(venv, repo, env, kernel, out_dir, folder="notebooks"):
    """Start executing every notebook of ``folder`` of the copy with the environment's Python and kernel, in the
    background."""
    notebooks = sorted((repo / folder).glob(NOTEBOOK_GLOB))
    assert notebooks, f"no notebooks in {repo / folder}"
    script = out_dir.parent / "execute_notebooks.py"
    script.write_text(EXECUTE)
    cmd = [str(part) for part in (venv / "bin" / "python", script, kernel, out_dir, *notebooks)]
    started = Build(f"notebooks of {venv}", out_dir.parent, shlex.join(cmd), repo, env)
    started.count = len(notebooks)
    return started


def execute_notebooks(started):
    """Wait for a ``start_notebooks`` run; the per-notebook reports."""
    try:
        output = started.wait(EXECUTE_ALL_TIMEOUT_S)
        code = 0
    except AssertionError:
        output, code = started.log_path.read_text(errors="replace"), started.proc.returncode
    reports = [json.loads(line) for line in output.splitlines() if line.startswith('{"notebook"')]
    assert code == 0 and len(reports) == started.count, (
        f"the executor failed (exit {code}, {len(reports)} of {started.count} notebooks reported)\n"
        f"--- last output:\n{output[-TAIL_CHARS:]}")
    print(f"  the kernel's probe: {reports[0]['probe']}", flush=True)
    for report in reports:
        print(f"  {report['notebook']}: {report['seconds']} s"
              f"{', FAILED' if report['failure'] or report['errors'] else ''}"
              f"{', stderr: ' + ' | '.join(report['stderr'])[:500] if report['stderr'] else ''}", flush=True)
    return reports


def assert_every_notebook_ran(reports, venv, installed_weightlab_dir, where):
    failed = {r["notebook"]: (r["failure"] or "") + "\n".join(r["errors"]) for r in reports
              if r["failure"] or r["errors"]}
    assert not failed, f"notebooks failed in {where}:\n" + "\n\n".join(f"== {k}\n{v}" for k, v in failed.items())
    for report in reports:
        probe = report["probe"]
        assert probe, f"{report['notebook']}: the probe cell printed nothing"
        assert pathlib.Path(probe["prefix"]).resolve() == venv.resolve(), (
            f"{report['notebook']} ran on {probe['executable']} (prefix {probe['prefix']}), not on {venv}")
        assert pathlib.Path(probe["weightlab"]).resolve().is_relative_to(installed_weightlab_dir.resolve()), (
            f"{report['notebook']} imported weightlab from {probe['weightlab']}, not from {installed_weightlab_dir}")


def weightlab_location(python, cwd, env):
    out = run([python, "-c", "import weightlab; print(weightlab.__file__)"], cwd, env).stdout
    return pathlib.Path(out.strip().splitlines()[-1]).parent


# --------------------------------------------------------------------------------------- background builds


class Build:
    """A shell script started in the background (an environment's install), logging to ``root/build.log``."""

    def __init__(self, name, root, script, cwd, env):
        if _STOPPED.is_set():
            raise RuntimeError(f"{name}: not started, the session is over")
        self.name, self.root, self.script, self.cwd = name, root, script, cwd
        self.log_path = root / "build.log"
        self.start = time.perf_counter()
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(["bash", "-c", script], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT)

    def wait(self, timeout=INSTALL_TIMEOUT_S):
        """Wait for the script, print it and its duration; fail with the tail of its output if it failed."""
        while True:  # in steps of a second: the end of the session (stop_builds) ends the wait too
            try:
                code = self.proc.wait(timeout=1.0)
                break
            except subprocess.TimeoutExpired:
                if _STOPPED.is_set() or time.perf_counter() - self.start > timeout:
                    self.proc.kill()
                    code = None
                    break
        print(f"\n$ {self.script}    # in {self.cwd}, in the background\n  ({time.perf_counter() - self.start:.1f} s "
              f"since it started, exit {code})", flush=True)
        output = self.log_path.read_text(errors="replace")
        assert code == 0, f"{self.name}: exit {code}: {self.script} (in {self.cwd})\n--- last output:\n" \
                          f"{output[-TAIL_CHARS:]}"
        return output


BUILDS = {}  # name -> Build, or a str: why that environment cannot be built here (a skip)
_STARTING = {name: threading.Lock() for name in ("binder", "readme", "repo2docker")}


def _new_root(name):
    root = pathlib.Path(tempfile.mkdtemp(prefix=f"weightlab-fresh-{name}-"))
    (root / "jupyter-home").mkdir()  # isolated_env's Jupyter and IPython folders go under it
    return root


def _start_binder():
    """Binder's environment as repo2docker builds it: its base environment (JupyterLab, Notebook,
    jupyterhub-singleuser... at the versions of its lock for binder/runtime.txt's Python), then
    ``pip install -r binder/requirements.txt`` from the root of the repository over it. Needs repo2docker's package
    for the lock: started once that install is done."""
    tool = build("repo2docker")
    if isinstance(tool, str):
        return tool
    tool.wait()
    where = "import pathlib, repo2docker; print(pathlib.Path(repo2docker.__file__).parent)"
    package = pathlib.Path(subprocess.run([tool.venv / "bin" / "python", "-c", where], capture_output=True, text=True,
                                          check=True).stdout.strip().splitlines()[-1])
    version = runtime_python_version()
    python = _python_or_reason(version)
    if not os.path.exists(python):
        return python
    pins = base_environment(package, version)
    root = _new_root("binder")
    repo = copy_working_tree(root / "repo")
    # Binder's environment lives outside the repository (/srv/conda/envs/notebook); so does this one. repo2docker:
    # WORKDIR ${REPO_DIR}; RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"
    # (the same command, with pip's cache, which does not change what gets installed)
    venv = root / "venv"
    pip = shlex.quote(str(venv / "bin" / "pip"))
    script = (f"{shlex.quote(python)} -m venv {shlex.quote(str(venv))} && "
              f"{pip} install {' '.join(f'{name}=={pinned}' for name, pinned in sorted(pins.items()))} && "
              f"{pip} install -r binder/requirements.txt")
    build_ = Build("binder", root, script, repo, isolated_env(root, venv))
    build_.repo, build_.venv, build_.version, build_.pins = repo, venv, version, pins
    return build_


def _start_readme():
    root = _new_root("readme")
    repo = copy_working_tree(root / "repo")
    setup = readme_setup_command((repo / "README.md").read_text())
    build = Build("readme", root, setup, repo, isolated_env(root, compile_bytecode=False))  # the learner's PATH
    build.repo, build.venv = repo, repo / ".venv"
    return build


def _start_repo2docker():
    root = _new_root("repo2docker")
    venv = root / "venv"
    # unpinned, as mybinder.org follows repo2docker's releases
    script = (f"{shlex.quote(sys.executable)} -m venv {shlex.quote(str(venv))} && "
              f"{shlex.quote(str(venv / 'bin' / 'pip'))} install jupyter-repo2docker")
    build = Build("repo2docker", root, script, root, isolated_env(root, compile_bytecode=False))
    build.venv = venv
    return build


STARTERS = {"binder": _start_binder, "readme": _start_readme, "repo2docker": _start_repo2docker}


def build(name):
    """The Build of that environment, started now if it was not yet (or a str: why it cannot be built here)."""
    with _STARTING[name]:  # one start per name, whichever thread asks first
        if name not in BUILDS:
            try:
                BUILDS[name] = STARTERS[name]()
            except BaseException as error:  # reported by the test that waits for it
                BUILDS[name] = f"could not start: {type(error).__name__}: {error}"
                raise
    return BUILDS[name]


def start_builds():
    """Start every environment's install in the background (tests/conftest.py calls this once the session has
    collected tests of this module); Binder's waits for repo2docker's in a thread of its own. As soon as Binder's and
    the README's environments are installed, a thread each starts executing their notebooks, while the unit tests
    and nbval run (they keep one core busy; the installs, then these kernels, get the other)."""
    for name in ("readme", "repo2docker"):
        build(name)
    for name in ENVIRONMENTS:
        threading.Thread(target=_start_quietly, args=(name,), daemon=True).start()


def _start_quietly(name):
    try:
        notebooks_started(name)
    except BaseException:  # the test that needs it tries again and reports why
        pass


#: the environments that execute notebooks, and which edition: Binder's executes the teacher editions (they differ
#: from the student editions, which learners open there, only in the exercise cells: the solutions run too, in
#: Binder's packages). nbval runs the student editions with their pinned outputs (pyproject.toml) in the test
#: environment, the browser tests run them in JupyterLab; the README's environment imports what every notebook
#: imports (test_readme_environment_imports_what_the_notebooks_import). Each notebook runs once per environment at most.
ENVIRONMENTS = {"binder": "notebooks/solutions"}
_PREPARED, _STARTED = {}, {}  # name -> the environment with its kernel; name -> its notebooks' background run
_PREPARING = {name: threading.Lock() for name in ("binder", "readme")}
_STARTING_NOTEBOOKS = {name: threading.Lock() for name in ENVIRONMENTS}


def environment(name, kernel=True):
    """Environment ``name`` installed (waiting for its install; a skip or failure as ``ready`` says) and, with
    ``kernel``, given a kernelspec of its own; prepared once, by whichever thread asks first."""
    with _PREPARING[name]:
        if name not in _PREPARED:
            done = ready(name)
            env = isolated_env(done.root, done.venv)
            kernel = prepare_kernel(done.venv, done.root, env, f"weightlab-{name}") if kernel else None
            _PREPARED[name] = SimpleNamespace(root=done.root, repo=done.repo, venv=done.venv,
                                              python=done.venv / "bin" / "python", env=env, kernel=kernel,
                                              version=getattr(done, "version", None), pins=getattr(done, "pins", None))
    return _PREPARED[name]


def notebooks_started(name):
    """The background run of environment ``name``'s notebooks (``ENVIRONMENTS``), started once."""
    with _STARTING_NOTEBOOKS[name]:
        if name not in _STARTED:
            e = environment(name)
            if _STOPPED.is_set():
                raise RuntimeError("the session is over")
            _STARTED[name] = BUILDS[f"{name} notebooks"] = start_notebooks(  # stop_builds ends it with the rest
                e.venv, e.repo, e.env, e.kernel, e.root / "executed", ENVIRONMENTS[name])
    return _STARTED[name]


_STOPPED = threading.Event()


def stop_builds():
    """End what still runs and remove the environments (tests/conftest.py, at the end of the session)."""
    _STOPPED.set()  # no Build starts from now on, and every wait on one ends within a second
    for name in ENVIRONMENTS:  # a thread starting notebooks has finished (or given up) once its lock is free
        with _STARTING_NOTEBOOKS[name]:
            pass
    for started in list(BUILDS.values()):
        if isinstance(started, Build):
            if started.proc.poll() is None:
                started.proc.kill()
                started.proc.wait()
            if not os.environ.get("WEIGHTLAB_KEEP_FRESH_INSTALLS"):
                shutil.rmtree(started.root, ignore_errors=True)


def _python_or_reason(version):
    """An interpreter of that major.minor (a path), or a str saying why there is none."""
    if "%d.%d" % sys.version_info[:2] == version:
        return sys.executable
    found = shutil.which(f"python{version}")
    return found or (f"binder/runtime.txt asks for Python {version}; neither this Python "
                     f"({sys.version.split()[0]}) nor python{version} on PATH is that version")


def ready(name):
    """Wait for that environment's install; skip (with the reason) when it cannot be built here."""
    started = build(name)
    if isinstance(started, str) and started.startswith("could not start"):
        pytest.fail(f"{name}: {started}")
    if isinstance(started, str):
        pytest.skip(started)
    started.wait()
    return started


# --------------------------------------------------------------------------------------------------- 1. Binder


@pytest.fixture(scope="module")
def binder():
    start = time.perf_counter()
    prepared = environment("binder")
    print(f"\n[binder] environment ready after {time.perf_counter() - start:.1f} s of waiting", flush=True)
    return prepared


def test_binder_uses_the_runtime_python(binder):
    out = run([binder.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], binder.root, binder.env)
    assert out.stdout.strip() == binder.version


def test_binder_installs_a_copy_of_weightlab(binder):
    """Binder's pip install of ``.`` is not editable: the environment must get a complete copy of the package."""
    installed = weightlab_location(binder.python, binder.root, binder.env)
    site = site_packages(binder.python, binder.root, binder.env)
    assert installed.resolve().is_relative_to(site.resolve()), (
        f"import weightlab should find the installed copy in {site}, found {installed}")
    assert not installed.resolve().is_relative_to(binder.repo.resolve()), f"{installed} is the source checkout"
    source_modules = {p.relative_to(binder.repo).as_posix() for p in (binder.repo / "weightlab").rglob("*.py")}
    installed_modules = {"weightlab/" + p.relative_to(installed).as_posix() for p in installed.rglob("*.py")}
    assert source_modules <= installed_modules, (
        f"modules missing from the installed package (check [tool.setuptools.packages.find] in pyproject.toml): "
        f"{sorted(source_modules - installed_modules)}")


def test_binder_serves_lab_and_the_voila_app(binder):
    """The README's badges open /lab/... and /voila/render/notebooks/06_init_lab.ipynb: both server extensions."""
    out = run([binder.venv / "bin" / "jupyter", "server", "extension", "list"], binder.root, binder.env).stdout
    out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    for extension in ["jupyterlab", "voila.server_extension"]:
        assert re.search(rf"^\s*{re.escape(extension)} enabled", out, re.M), f"{extension} is not enabled:\n{out}"


@pytest.fixture(scope="module")
def notebook_runs(binder):
    """The notebook runs (``ENVIRONMENTS``), started in the background as soon as their environment was installed."""
    return {name: notebooks_started(name) for name in ENVIRONMENTS}


def test_binder_runs_every_teacher_edition(binder, notebook_runs):
    reports = execute_notebooks(notebook_runs["binder"])
    site = site_packages(binder.python, binder.root, binder.env)
    assert_every_notebook_ran(reports, binder.venv, site / "weightlab", "the Binder environment")


# --------------------------------------------------------------------------------------------------- 2. README


def readme_setup_command(readme):
    """The README's "open the course" command up to, not including, ``&& .venv/bin/jupyter lab``."""
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert blocks, "README.md has no ```bash block"
    open_command = blocks[0]
    assert " && .venv/bin/jupyter lab" in open_command, f"the README's first command does not open JupyterLab: " \
                                                        f"{open_command!r}"
    return open_command.split(" && .venv/bin/jupyter lab")[0]


@pytest.fixture(scope="module")
def readme():
    start = time.perf_counter()
    prepared = environment("readme", kernel=False)
    print(f"\n[readme] environment ready after {time.perf_counter() - start:.1f} s of waiting", flush=True)
    return prepared


def test_readme_jupyterlab_and_voila_start(readme):
    # run from the copy, as the README's commands are
    assert re.match(r"\d+\.\d+", run([".venv/bin/jupyter", "lab", "--version"], readme.repo, readme.env).stdout)
    assert re.match(r"\d+\.\d+", run([".venv/bin/voila", "--version"], readme.repo, readme.env).stdout)


def test_readme_installs_weightlab_editable_from_the_folder(readme):
    """requirements.txt says ``-e .``: edits in the learner's folder show up at once."""
    assert weightlab_location(readme.python, readme.root, readme.env).resolve() == (readme.repo / "weightlab").resolve()


def notebook_imports(repo):
    """Every import statement of the notebooks' code (their sources, notebooks/src/NN_name.py), each once, in order."""
    statements = []
    for source in sorted((repo / "notebooks" / "src").glob("[0-9][0-9]_*.py")):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and ast.unparse(node) not in statements:
                statements.append(ast.unparse(node))
    return statements


def test_readme_environment_imports_what_the_notebooks_import(readme):
    """The README's environment has every package and every name the notebooks import (Binder's environment runs
    them whole; this one is the learner's laptop)."""
    statements = notebook_imports(readme.repo)
    assert any("weightlab.widgets" in line for line in statements) and len(statements) > 10, statements
    code = "\n".join(statements + ["print('IMPORTED', len(%r))" % statements])
    out = run([readme.python, "-c", code], readme.repo / "notebooks", readme.env).stdout
    assert f"IMPORTED {len(statements)}" in out, out[-TAIL_CHARS:]


# --------------------------------------------------------------------------------------------------- 3. repo2docker


def escaped(name):
    """repo2docker's names for build files (escapism: every character but ASCII letters and digits -> -XX)."""
    return "".join(c if c.isascii() and c.isalnum() else "-%02x" % ord(c) for c in name)


@pytest.fixture(scope="module")
def repo2docker():
    done = ready("repo2docker")
    root, env = done.root, isolated_env(done.root)
    python = done.venv / "bin" / "python"
    version = run([done.venv / "bin" / "repo2docker", "--version"], root, env).stdout.strip()
    package = run([python, "-c", "import pathlib, repo2docker; print(pathlib.Path(repo2docker.__file__).parent)"],
                  root, env).stdout.strip().splitlines()[-1]
    return SimpleNamespace(root=root, env=env, exe=done.venv / "bin" / "repo2docker", version=version,
                           package=pathlib.Path(package))


def test_repo2docker_plans_the_binder_install(repo2docker, tmp_path):
    repo = copy_working_tree(tmp_path / "repo")
    # --no-build: detect the build pack and print the Dockerfile it would build; no Docker daemon is needed
    done = run([repo2docker.exe, "--no-build", "--debug", "--user-id", BINDER_UID, "--user-name", BINDER_USER,
                repo], tmp_path, repo2docker.env, timeout=300, check=False)
    plan = done.stdout
    if done.returncode != 0 and re.search(r"docker daemon|container engine|docker\.sock", plan, re.I):
        pytest.skip(f"repo2docker {repo2docker.version} --no-build needs a container engine here: "
                    f"{plan.strip().splitlines()[-1]}")
    assert done.returncode == 0, f"repo2docker --no-build failed:\n{plan[-TAIL_CHARS:]}"
    (tmp_path / "Dockerfile.plan").write_text(plan)
    print(f"  repo2docker {repo2docker.version}: plan of {len(plan.splitlines())} lines in "
          f"{tmp_path / 'Dockerfile.plan'}", flush=True)
    lines = [line.strip() for line in plan.splitlines()]

    version = runtime_python_version()
    assert f"Building conda environment for python={version}" in plan, (
        f"repo2docker should use the Python build pack with binder/runtime.txt's Python {version}:\n{plan[:1500]}")
    lock = escaped(f"environment.py-{version}")
    assert any(line.startswith("COPY") and lock in line for line in lines), (
        f"the base environment should be repo2docker's lock for Python {version} ({lock}...)")

    def index(wanted, what):
        found = [i for i, line in enumerate(lines) if line == wanted]
        assert found, f"the Dockerfile should have {wanted!r} ({what}):\n{plan[-3000:]}"
        return found[-1]

    install = index('RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"',
                    "install binder/requirements.txt")
    copy_all = index(f"COPY --chown={BINDER_UID}:{BINDER_UID} src/ ${{REPO_DIR}}/",
                     "the whole repository, owned by the user who installs")
    workdir = index("WORKDIR ${REPO_DIR}", "commands run from the repository's root")
    user = max(i for i, line in enumerate(lines[:install]) if line.startswith("USER "))
    assert workdir < copy_all < install, (
        "binder/requirements.txt names the package as `.`: repo2docker must run the install from the root of the "
        "complete copy (it does so only when it sees a local reference in the file)")
    assert lines[user] == "USER ${NB_USER}", f"the install should run as the notebook user, not {lines[user]}"


# conda-forge names in repo2docker's base environment -> the same software on PyPI
CONDA_TO_PYPI = {"jupyterhub-singleuser": "jupyterhub"}
NOT_FROM_PYPI = {"python", "nodejs", "pip"}
# `pip check` lines that binder/requirements.txt is known to cause, with the fix (see the test's docstring). Remove an
# entry once binder/requirements.txt is fixed; any other conflict fails the test.
KNOWN_CONFLICTS = {}  # pattern -> reason, for a conflict accepted knowingly (none: notebook is pinned for it)


def base_environment(package, version):
    """The top-level packages of repo2docker's base environment for a Python version, pinned as its lock pins them:
    {pypi_name: version}. The lock is the file the Dockerfile copies (environment.py-X.Y-linux-64.lock)."""
    conda = package / "buildpacks" / "conda"
    wanted, section = set(), None
    for line in (conda / f"environment.py-{version}.yml").read_text().splitlines():
        if re.match(r"[A-Za-z_]+:", line):
            section = line.split(":")[0]
        match = re.match(r"\s*-\s*([A-Za-z0-9_.-]+)", line)
        if section == "dependencies" and match and match.group(1) not in NOT_FROM_PYPI:
            wanted.add(match.group(1))
    pins = {}
    for line in (conda / f"environment.py-{version}-linux-64.lock").read_text().splitlines():
        if line.startswith("https://"):
            file = line.split("#")[0].rsplit("/", 1)[1].removesuffix(".conda").removesuffix(".tar.bz2")
            name, pinned, _build = file.rsplit("-", 2)
            if name in wanted:
                pins[CONDA_TO_PYPI.get(name, name)] = pinned
    assert len(pins) == len(wanted), f"versions of {sorted(wanted)} in repo2docker's lock: {pins}"
    return pins


def test_binder_pins_keep_repo2docker_base_environment_consistent(binder):
    """On Binder, binder/requirements.txt is installed *over* repo2docker's base environment (JupyterLab, Notebook 7,
    jupyterhub-singleuser...). pip upgrades what the file names and leaves the rest, and only warns when that breaks
    a package it left: the build succeeds with an inconsistent environment. The Binder environment here is built
    that way (its base packages at the lock's versions, from PyPI, then the Binder install over them): `pip check`."""
    check = run([binder.venv / "bin" / "pip", "check"], binder.root, binder.env, check=False)
    conflicts = [line for line in check.stdout.splitlines() if " has requirement " in line or " requires " in line]
    assert check.returncode == 0 or conflicts, f"pip check failed:\n{check.stdout[-TAIL_CHARS:]}"
    unknown = [line for line in conflicts if not any(re.search(p, line) for p in KNOWN_CONFLICTS)]
    assert not unknown, (f"binder/requirements.txt over repo2docker's base environment "
                         f"({', '.join(f'{k}=={v}' for k, v in sorted(binder.pins.items()))}) breaks:\n"
                         + "\n".join(unknown))
    if conflicts:
        reasons = {reason for pattern, reason in KNOWN_CONFLICTS.items() if any(re.search(pattern, line)
                                                                                  for line in conflicts)}
        pytest.xfail("known: " + "; ".join(line.rstrip(".") for line in conflicts) + ". " + " ".join(sorted(reasons)))
