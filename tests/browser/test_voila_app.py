"""The init lab works as a Voila app: it renders without errors and its dashboards respond."""
import pytest

pytestmark = pytest.mark.browser

VOILA_RENDER_TIMEOUT_MS = 150_000


def test_init_lab_in_voila(voila_notebook, voila_server, wl_page, shots_dir, harness):
    page = wl_page
    try:
        # Voila executes the whole notebook before it answers the page (no progressive rendering).
        page.goto(f"{voila_server.url}/voila/render/{voila_notebook.name}",
                  timeout=VOILA_RENDER_TIMEOUT_MS, wait_until="domcontentloaded")
        page.wait_for_selector("#rendered_cells", state="attached", timeout=VOILA_RENDER_TIMEOUT_MS)
        page.wait_for_function("() => !document.getElementById('loading')",
                               timeout=VOILA_RENDER_TIMEOUT_MS)
        scope = "#rendered_cells"
        harness.assert_clean(page, scope, f"voila {voila_notebook.name}")
        page.wait_for_selector(f"{scope} {harness.DASHBOARD}", timeout=30_000)
        n = harness.exercise_all(page, scope, f"voila-{voila_notebook.stem}", shots_dir)
        assert n >= 1
        harness.assert_clean(page, scope, f"voila {voila_notebook.name} after the interactions")
    except Exception:
        page.screenshot(path=str(shots_dir / f"voila-{voila_notebook.stem}-FAILED.png"))
        print("browser console errors:\n" + "\n".join(page.wl_console[-30:]))
        raise
