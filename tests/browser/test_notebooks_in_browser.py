"""Every notebook runs top to bottom in JupyterLab, cleanly, and its dashboards respond."""
import time

import pytest

pytestmark = pytest.mark.browser


def test_browser_prerequisites(missing_reason, harness):
    """Reports missing Chromium/Playwright once: skipped locally, failed under CI."""
    if missing_reason:
        harness.skip_or_fail(missing_reason)


def test_notebook_runs_and_dashboards_respond(notebook, lab_server, lab_page, shots_dir, harness):
    """A failure leaves its screenshot and reason in the report (conftest.py, pytest_runtest_makereport)."""
    page = lab_page
    rel = notebook.relative_to(lab_server.root).as_posix()
    phases, last = {}, time.perf_counter()

    def done(phase):
        nonlocal last
        phases[phase], last = time.perf_counter() - last, time.perf_counter()

    try:
        harness.open_in_lab(page, lab_server.url, lab_server.token, rel)
        done("open")
        state = harness.run_all_cells(page)
        done("run all")
        scope = harness.CURRENT_PANEL
        harness.assert_clean(page, scope, notebook.name)
        assert not state["unexecuted"], (
            f"{notebook.name}: code cells never ran (numbered from 1): {state['unexecuted']}")
        done("check")
        harness.exercise_all(page, scope, notebook.stem, shots_dir)
        done("dashboards")
        harness.assert_clean(page, scope, f"{notebook.name} after the dashboard interactions")
        done("check again")
    finally:  # the lab_page fixture then closes the notebook and stops its kernel
        harness.PHASES[notebook.name] = phases
