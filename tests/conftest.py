"""How the test command spends its time (issue 11: the README's test command in at most 10 minutes on the CI machine,
the browser tests beside a busy process).

* Order: the unit tests, then the notebooks (nbval), then the fresh-install check, then the real-browser tests.
* The fresh-install check's environments start installing in the background as soon as collection is over
  (tests/test_fresh_install.py, ``start_builds``): the unit tests and nbval keep one core busy, pip gets the other.
* With ``WEIGHTLAB_BUSY_NEIGHBOUR=1`` (CI sets it in .ci/run) the browser tests run beside a CPU-bound process,
  ``python -c "while True: pass"``, started before the first of them and ended with the session: classrooms and CI
  runners are shared machines, and the dashboards must hold there.
"""
import os
import subprocess
import sys
import time

import pytest

ORDER = ("unit", "notebook", "fresh install", "browser")
_neighbour = None


def _kind(item):
    path = item.path.as_posix()
    if item.get_closest_marker("browser") or "/tests/browser/" in path:
        return "browser"
    if path.endswith("/tests/test_fresh_install.py"):
        return "fresh install"
    if path.endswith(".ipynb"):
        return "notebook"
    return "unit"


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: ORDER.index(_kind(item)))  # stable: each group keeps pytest's order


def pytest_collection_finish(session):
    fresh = [item for item in session.items if _kind(item) == "fresh install"]
    if fresh and not session.config.option.collectonly:
        fresh[0].module.start_builds()


_group_times = {}  # group -> [first start, last end] (perf_counter), for the summary


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    span = _group_times.setdefault(_kind(item), [time.perf_counter(), None])
    try:
        return (yield)
    finally:
        span[1] = time.perf_counter()


def pytest_runtest_setup(item):
    global _neighbour
    if _kind(item) == "browser" and _neighbour is None and os.environ.get("WEIGHTLAB_BUSY_NEIGHBOUR") == "1":
        _neighbour = subprocess.Popen([sys.executable, "-c", "while True: pass"], stdin=subprocess.DEVNULL)


def pytest_sessionfinish(session):
    if _neighbour is not None:
        _neighbour.kill()
        _neighbour.wait()
    fresh = sys.modules.get("test_fresh_install") or sys.modules.get("tests.test_fresh_install")
    if fresh is not None:
        fresh.stop_builds()


def pytest_report_header(config):
    if os.environ.get("WEIGHTLAB_BUSY_NEIGHBOUR") == "1":
        return "browser tests run beside a busy process (WEIGHTLAB_BUSY_NEIGHBOUR=1)"


def pytest_terminal_summary(terminalreporter):
    spans = [f"{group} {end - start:.0f} s" for group, (start, end) in _group_times.items() if end is not None]
    if spans:
        terminalreporter.write_line("time per group of tests, first start to last end: " + ", ".join(spans))
    if _neighbour is not None:
        terminalreporter.write_line(f"the browser tests ran beside a busy process (pid {_neighbour.pid}, "
                                    "python -c 'while True: pass')")


@pytest.fixture(scope="session")
def busy_neighbour():
    """The CPU-bound process running beside the browser tests, or None."""
    return _neighbour
