"""Session fixtures for the real-browser tests: one JupyterLab, one Voila, one Chromium.

Without Chromium or Playwright the tests skip, saying how to enable them; with
WEIGHTLAB_REQUIRE_BROWSER=1 (CI) they fail instead. See tests/browser/README.md.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CHROMIUM = os.environ.get("WEIGHTLAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ENABLE_HINT = "apt-get install chromium; pip install playwright"
SERVER_START_TIMEOUT_S = 90

# Loaded by path so it works whatever pytest's import mode; tests get it via the `harness` fixture.
_spec = importlib.util.spec_from_file_location("weightlab_browser_harness", HERE / "harness.py")
harness_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = harness_module
_spec.loader.exec_module(harness_module)


skip_or_fail = harness_module.skip_or_fail


def missing_prerequisites() -> list[str]:
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append("the Python package playwright")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (or set WEIGHTLAB_CHROMIUM)")
    for module, name in (("jupyterlab", "jupyterlab"), ("voila", "voila"), ("ipywidgets", "ipywidgets")):
        if importlib.util.find_spec(module) is None:
            missing.append(f"the Python package {name}")
    return missing


def notebooks_dir() -> Path:
    return Path(os.environ.get("WEIGHTLAB_NOTEBOOKS_DIR") or REPO_ROOT / "notebooks").resolve()


def screenshots_dir() -> Path:
    return Path(os.environ.get("WEIGHTLAB_SCREENSHOTS") or REPO_ROOT / "artifacts" / "screenshots")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives notebooks in a real Chromium (slow; "
                                       "needs chromium + playwright)")


def pytest_generate_tests(metafunc):
    """One test per notebook, by glob at collection time, sorted."""
    for fixture, pattern in (("notebook", "*.ipynb"), ("voila_notebook", "*init_lab*.ipynb")):
        if fixture in metafunc.fixturenames:
            found = sorted(notebooks_dir().glob(pattern))
            metafunc.parametrize(fixture, found or [None], indirect=True,
                                 ids=[p.stem for p in found] or [f"no-{pattern}"])


def _require_notebooks(pattern: str) -> None:
    if not any(notebooks_dir().glob(pattern)):
        skip_or_fail(f"no notebooks/{pattern} in {notebooks_dir()} (set WEIGHTLAB_NOTEBOOKS_DIR)")


def _notebook_param(request, pattern: str) -> Path:
    if request.param is None:
        _require_notebooks(pattern)
    return request.param


@pytest.fixture
def notebook(request) -> Path:
    return _notebook_param(request, "*.ipynb")


@pytest.fixture
def voila_notebook(request) -> Path:
    return _notebook_param(request, "*init_lab*.ipynb")


@pytest.fixture(scope="session")
def harness():
    return harness_module


@pytest.fixture(scope="session")
def missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    missing = missing_prerequisites()
    return ("browser tests need " + ", ".join(missing) + f"; to enable: {ENABLE_HINT}") if missing else None


@pytest.fixture(scope="session")
def prerequisites(missing_reason):
    if missing_reason:
        skip_or_fail(missing_reason)


@pytest.fixture(scope="session")
def shots_dir() -> Path:
    path = screenshots_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- servers ------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def jupyter_env(tmp_path_factory) -> SimpleNamespace:
    """Environment with throwaway Jupyter dirs, so neither the user's settings leak in nor do
    ours leak out; JupyterLab settings that keep popups off the cells and the notebooks unsaved."""
    base = tmp_path_factory.mktemp("jupyter")
    settings = {
        # No "receive official Jupyter news?" toast, no update check.
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # Render every cell, so every prompt and dashboard is in the DOM.
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        # Executed outputs must never be written back into the repository's notebooks.
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    }
    for plugin, values in settings.items():
        path = base / "lab-settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"), ("IPYTHONDIR", "ipython")):
        (base / sub).mkdir(exist_ok=True)
        env[var] = str(base / sub)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # debugpy's frozen-modules warning, on every kernel
    (base / "checkpoints").mkdir()
    return SimpleNamespace(env=env, base=base, checkpoints=base / "checkpoints")


class Server:
    """A Jupyter server process in its own process group, logging to a file."""

    def __init__(self, name, cmd, jenv, cwd, url, token=""):
        self.name, self.url, self.token = name, url, token
        self.log_path = jenv.base / f"{name}.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, env=jenv.env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def api(self, method: str, path: str):
        req = urllib.request.Request(self.url + path, method=method,
                                     headers={"Authorization": f"token {self.token}"} if self.token else {})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
            if r.headers.get_content_type() == "application/json" and body:
                return json.loads(body)
            return body or None

    def log_tail(self, n: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])

    def wait_ready(self, probe: str) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", probe)
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer within {SERVER_START_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self) -> None:
        # SIGTERM lets the server shut its kernels down (they run in sessions of their own).
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        self.log.close()


def _jupyter_root(nb_dir: Path) -> Path:
    """Serve the repo root (so notebooks/ keeps its relative paths), or the notebooks' parent when
    WEIGHTLAB_NOTEBOOKS_DIR points outside the repository."""
    return REPO_ROOT if nb_dir.is_relative_to(REPO_ROOT) else nb_dir.parent


@pytest.fixture(scope="session")
def lab_server(prerequisites, jupyter_env):
    _require_notebooks("*.ipynb")  # session fixtures start before the per-notebook check
    root = _jupyter_root(notebooks_dir())
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser", "--ip=127.0.0.1",
           f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           # Only a fallback for Run All (harness.run_all_cells); the menu is tried first.
           "--LabApp.expose_app_in_browser=True",
           # Opening a notebook writes a checkpoint: keep it out of the repository.
           f"--FileCheckpoints.checkpoint_dir={jupyter_env.checkpoints}"]
    server = Server("jupyterlab", cmd, jupyter_env, root, f"http://127.0.0.1:{port}", token)
    try:
        server.wait_ready("/api/status")
        server.root = root
        yield server
    finally:
        try:
            harness_module.shutdown_kernels(server.api)
        except Exception:
            pass
        server.stop()


@pytest.fixture(scope="session")
def voila_server(prerequisites, jupyter_env):
    _require_notebooks("*init_lab*.ipynb")
    nb_dir = notebooks_dir()
    port = _free_port()
    cmd = [sys.executable, "-m", "voila", str(nb_dir), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--show_tracebacks=True"]
    server = Server("voila", cmd, jupyter_env, nb_dir, f"http://127.0.0.1:{port}")
    try:
        server.wait_ready("/")
        yield server
    finally:
        server.stop()


# --- browser ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def wl_browser(prerequisites):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Anything not on this machine (e.g. Voila's font CDN) is refused at once instead of timing out.
_NOT_LOCAL = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost)(?::\d+)?/)[a-z]+://")


def _new_page(browser):
    """A page in a context of its own, with console errors collected in page.wl_console."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.route(_NOT_LOCAL, lambda route: route.abort())
    page = context.new_page()
    page.wl_console = []
    page.on("console", lambda m: page.wl_console.append(f"{m.type}: {m.text}")
            if m.type == "error" and "net::ERR_FAILED" not in m.text else None)  # ours: route.abort
    page.on("pageerror", lambda e: page.wl_console.append(f"pageerror: {e}"))
    return page


@pytest.fixture
def wl_page(wl_browser):
    """A fresh page (own context) with console errors collected in page.wl_console."""
    page = _new_page(wl_browser)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def _lab_page(wl_browser):
    page = _new_page(wl_browser)
    yield page
    page.context.close()


@pytest.fixture
def lab_page(_lab_page, lab_server):
    """One JupyterLab page for every notebook test: JupyterLab boots once (~4 s), each test opens its notebook in it
    and closes it at the end (harness.open_in_lab, harness.close_notebooks); console errors are collected per test."""
    _lab_page.wl_console = []
    yield _lab_page
    harness_module.close_notebooks(_lab_page, lab_server.api)


# --- failures -------------------------------------------------------------------------------------
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test leaves, in the pytest report (a section under its failure) and in
    artifacts/screenshots/: a screenshot of the page as it was, the page's URL, why it failed and the last
    console errors of the page."""
    outcome = yield
    report = outcome.get_result()
    funcargs = getattr(item, "funcargs", {})
    page = funcargs.get("wl_page") or funcargs.get("lab_page")
    if report.when != "call" or not report.failed or page is None:
        return
    shot = screenshots_dir() / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', item.name)}-FAILED.png"
    try:
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
        where = f"screenshot: {shot}"
    except Exception as exc:  # a crashed page cannot be photographed; say so
        where = f"screenshot: none ({type(exc).__name__}: {exc})"
    reason = call.excinfo.exconly() if call.excinfo else str(report.longrepr)[-2000:]
    try:
        url = page.url
    except Exception:
        url = "?"
    console = "\n".join(getattr(page, "wl_console", [])[-30:]) or "(none)"
    report.sections.append(("browser failure", f"{where}\npage: {url}\nreason: {reason[:3000]}\n"
                                               f"console errors:\n{console}"))


# --- latency report -----------------------------------------------------------------------------
def pytest_terminal_summary(terminalreporter):
    if harness_module.PHASES:
        terminalreporter.section("WeightLab browser tests: seconds per phase")
        for name, phases in harness_module.PHASES.items():
            terminalreporter.write_line(f"{name:36s} " + ", ".join(f"{k} {v:.1f}" for k, v in phases.items()))
    if not harness_module.LATENCIES:
        return
    table = harness_module.latency_table()
    terminalreporter.section("WeightLab dashboard latency")
    terminalreporter.write_line(table)
    out = REPO_ROOT / "artifacts" / "browser-latency.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table + "\n")
    terminalreporter.write_line(f"(written to {out}; screenshots in {screenshots_dir()})")
