"""The init lab works as a Voila app: it renders without errors and its dashboards respond."""
import pytest

pytestmark = pytest.mark.browser

VOILA_RENDER_TIMEOUT_MS = 300_000  # a deadline, not a delay: Voila runs the whole notebook before it answers


def test_init_lab_in_voila(voila_notebook, voila_server, wl_page, shots_dir, harness):
    """A failure leaves its screenshot and reason in the report (conftest.py, pytest_runtest_makereport)."""
    page = wl_page
    page.goto(f"{voila_server.url}/voila/render/{voila_notebook.name}",
              timeout=VOILA_RENDER_TIMEOUT_MS, wait_until="domcontentloaded")
    page.wait_for_selector("#rendered_cells", state="attached", timeout=VOILA_RENDER_TIMEOUT_MS)
    page.wait_for_function("() => !document.getElementById('loading')", timeout=VOILA_RENDER_TIMEOUT_MS)
    scope = "#rendered_cells"
    harness.assert_clean(page, scope, f"voila {voila_notebook.name}")
    page.wait_for_selector(f"{scope} {harness.DASHBOARD}", timeout=60_000)
    n = harness.exercise_all(page, scope, f"voila-{voila_notebook.stem}", shots_dir)
    assert n >= 1
    harness.assert_clean(page, scope, f"voila {voila_notebook.name} after the interactions")
