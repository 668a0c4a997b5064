"""Drive WeightLab notebooks and dashboards in a real Chromium, for JupyterLab and Voila alike.

The dashboards follow a DOM contract (classes set with ``widget.add_class``):

    .wl-dashboard   root container        .wl-plot     ipywidgets Image (<img>, blob URL src)
    .wl-scale       FloatLogSlider         .wl-readout  HTML stating the settings ("scale = 0.5")
    .wl-scheme      Dropdown (<select>)    .wl-status   HTML: done/ready/diverged, or .wl-error
    .wl-train       Button (optional)

conftest.py loads this module and hands it to the tests as the ``harness`` fixture.
"""
from __future__ import annotations

import json
import os
import re
import statistics
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# --- selectors (ipywidgets 8 DOM) -------------------------------------------------------------
DASHBOARD = ".wl-dashboard"
SLIDER_HANDLE = ".wl-scale .noUi-handle"      # noUiSlider handle: tabindex=0, role=slider
SLIDER_TRACK = ".wl-scale .noUi-target"
SLIDER_READOUT = ".wl-scale .widget-readout"  # the value ipywidgets displays next to the slider
SCHEME_SELECT = ".wl-scheme select"
TRAIN_BUTTON = "button.wl-train, .wl-train button"
PLOT_IMG = "img.wl-plot, .wl-plot img"
READOUT = ".wl-readout"
STATUS = ".wl-status"

STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
RENDERED_TEXT = ".jp-RenderedText"
WIDGET_FAILURE_TEXTS = (
    "Error displaying widget",
    "Error rendering",
    "Failed to load model class",
    "Loading widget...",
    "Click to show javascript error",
)
WIDGET_ERROR_ELEMENT = ".jupyter-widgets-error-widget"
# "ValueError: ..." or IPython's "ValueError      Traceback (most recent call last)".
ENAME = re.compile(r"\b[A-Z][A-Za-z0-9_]*(?:Error|Exception)\b\s*(?::|Traceback)|Traceback \(most recent call last\)")

# Deadlines, not delays: every wait below ends as soon as its condition holds, so these only bound a failure. They are
# generous because CI runs these tests beside a busy process (tests/conftest.py, WEIGHTLAB_BUSY_NEIGHBOUR).
RUN_TIMEOUT_S = 300        # per notebook, Run All until idle
SETTLE_S = 30              # widgets still "Loading widget..." after this fail the test
ACTION_TIMEOUT_S = 60      # one slider move / scheme change
TRAIN_TIMEOUT_S = 120      # one click on Train
IDLE_HOLD_S = 1.0          # Run All is over once the kernel has stayed idle this long (widgets talk right after)
QUIET_MS = 300             # a dashboard is settled once nothing in it changed for this long
TARGET_P95_S = {"forward-only": 0.5, "retrain": 1.5}

# Filled by exercise_dashboard, printed by conftest at the end of the session.
LATENCIES: dict[str, "LatencyRecord"] = {}
# Seconds per phase of each notebook's test (open, run all, check, dashboards, ...), printed at the end too.
PHASES: dict[str, dict[str, float]] = {}


@dataclass
class LatencyRecord:
    kind: str
    samples: list[float] = field(default_factory=list)


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail when WEIGHTLAB_REQUIRE_BROWSER=1 (CI must not pass by skipping)."""
    if os.environ.get("WEIGHTLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (WEIGHTLAB_REQUIRE_BROWSER=1, so this is a failure)", pytrace=False)
    pytest.skip(reason)


# --- JupyterLab ---------------------------------------------------------------------------------
CURRENT_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

_JS_WATCH_PROMPTS = """() => {
  // Remember whether any prompt showed [*] after Run All was requested: a notebook saved with
  // outputs already has [1], [2], ... before anything ran, so numbers alone prove nothing.
  const nb = document.querySelector('%s .jp-Notebook');
  window.__wlSawStar = false;
  const look = () => {
    for (const p of nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
      if (p.textContent.includes('*')) { window.__wlSawStar = true; return; }
  };
  if (window.__wlPromptObserver) window.__wlPromptObserver.disconnect();
  window.__wlPromptObserver = new MutationObserver(look);
  window.__wlPromptObserver.observe(nb, {subtree: true, childList: true, characterData: true});
}""" % CURRENT_PANEL

_JS_RUN_STATE = """() => {
  const panel = document.querySelector('%s');
  const ind = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const status = ind ? ind.dataset.status : 'unknown';
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell')];
  const prompts = [], unexecuted = [];
  cells.forEach((c, i) => {
    const p = (c.querySelector('.jp-InputPrompt') || {}).textContent || '';
    const src = ((c.querySelector('.jp-InputArea-editor') || {}).textContent || '').trim();
    prompts.push(p.trim());
    if (src && !/\\[\\d+\\]/.test(p)) unexecuted.push(i + 1);
  });
  const running = prompts.some(p => p.includes('*'));
  const hasError = !!panel.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  return {status, prompts, unexecuted, running, hasError, sawStar: !!window.__wlSawStar};
}""" % CURRENT_PANEL


def open_in_lab(page, base_url: str, token: str, rel_path: str) -> None:
    """Open a notebook and wait for its kernel to be idle: in the JupyterLab the page already shows (one boot for
    every test, the earlier notebooks closed by close_notebooks), or in a fresh workspace on the page's first
    notebook."""
    if page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell)"):
        page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})", rel_path)
    else:
        # ?reset starts from an empty workspace, so notebooks opened by earlier sessions are not restored.
        page.goto(f"{base_url}/lab/tree/{rel_path}?reset&token={token}", wait_until="domcontentloaded")
    page.wait_for_selector(f"{CURRENT_PANEL} .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function("(path) => { const w = window.jupyterapp.shell.currentWidget;"
                           " return w && w.context && w.context.path === path; }", arg=rel_path, timeout=60_000)
    # The lab_server settings (fetchNews "false", no update check) keep the "get notified about
    # Jupyter news?" toast away; should any toast still come, it must not cover a dashboard.
    page.add_style_tag(content=".Toastify { display: none !important; }")
    idle = f'{CURRENT_PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]'
    # Whichever comes first: the kernel is idle, or a dialog asks which kernel to use (a notebook without
    # kernelspec metadata), which takes the default.
    page.wait_for_selector(f"{idle}, .jp-Dialog", timeout=RUN_TIMEOUT_S * 1000)
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and "kernel" in dialog.first.inner_text().lower():
        dialog.first.locator(".jp-Dialog-button.jp-mod-accept").click()
    # The indicator reads "idle" before any kernel is there: wait until the server has this notebook's kernel,
    # idle, with the page connected to it; then for the page to show it idle.
    wait_for_kernel(base_url, token, rel_path, RUN_TIMEOUT_S)
    page.wait_for_selector(idle, timeout=RUN_TIMEOUT_S * 1000)


def wait_for_kernel(base_url: str, token: str, rel_path: str, timeout_s: float) -> dict:
    """Poll the server (every 0.2 s, up to ``timeout_s``) until the session of ``rel_path`` has a kernel that is
    idle and has a connection (the page's websocket). Returns that kernel's model."""
    deadline, kernels = time.monotonic() + timeout_s, []
    request = urllib.request.Request(f"{base_url}/api/sessions", headers={"Authorization": f"token {token}"})
    while True:
        with urllib.request.urlopen(request, timeout=10) as response:
            sessions = json.loads(response.read())
        kernels = [s.get("kernel") or {} for s in sessions if s.get("path") == rel_path]
        ready = [k for k in kernels if k.get("execution_state") == "idle" and k.get("connections", 0) >= 1]
        if ready:
            return ready[0]
        if time.monotonic() > deadline:
            raise AssertionError(f"{rel_path}: no idle, connected kernel after {timeout_s:.0f} s: {kernels}")
        time.sleep(0.2)


def run_all_cells(page, timeout_s: float = RUN_TIMEOUT_S) -> dict:
    """Run > Run All Cells (falling back on the command registry), then wait until the kernel is
    idle and every non-empty code cell has an execution count. Returns the final run state."""
    page.evaluate(_JS_WATCH_PROMPTS)
    try:
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click(timeout=5_000)
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click(timeout=5_000)
    except Exception:
        page.keyboard.press("Escape")
        # Needs --LabApp.expose_app_in_browser, which the lab_server fixture sets.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    # The condition is checked in the page every 100 ms: every prompt numbered after a [*] was seen, the
    # kernel idle, and that for IDLE_HOLD_S on end (widgets talk to the kernel right after the last cell).
    try:
        page.wait_for_function(
            """([stateFn, holdMs]) => {
                 const s = eval(stateFn)();
                 const done = s.sawStar && s.status === 'idle' && !s.running && (!s.unexecuted.length || s.hasError);
                 if (!done) { window.__wlIdleSince = null; return false; }
                 window.__wlIdleSince = window.__wlIdleSince || performance.now();
                 return performance.now() - window.__wlIdleSince >= holdMs;
               }""", arg=[_JS_RUN_STATE, IDLE_HOLD_S * 1000], timeout=timeout_s * 1000, polling=100)
    except Exception as exc:
        raise AssertionError(f"notebook still running after {timeout_s:.0f} s: {page.evaluate(_JS_RUN_STATE)}") from exc
    return page.evaluate(_JS_RUN_STATE)


def close_notebooks(page, api) -> None:
    """Close every open document of the page without saving (the next test opens its notebook in a clean shell),
    then stop every kernel."""
    try:
        page.evaluate("""() => {
          const app = window.jupyterapp;
          if (!app) return;
          for (const w of Array.from(app.shell.widgets('main'))) {
            if (w.context && w.context.model) w.context.model.dirty = false;
            w.dispose();
          }
        }""")
    finally:
        shutdown_kernels(api)


def shutdown_kernels(api) -> None:
    """Stop every kernel of the server, so the next notebook starts fresh and memory stays low."""
    for kernel in api("GET", "/api/kernels") or []:
        api("DELETE", f"/api/kernels/{kernel['id']}")


# --- errors -------------------------------------------------------------------------------------
def output_errors(page, scope: str = "body") -> list[str]:
    """Texts of error outputs: stderr holding a traceback or 'Error', any text naming an exception."""
    return page.evaluate(
        """([scope, stderrSel, textSel, ename]) => {
          const root = document.querySelector(scope) || document.body;
          const re = new RegExp(ename);
          const found = [];
          for (const e of root.querySelectorAll(stderrSel)) {
            const t = e.innerText;
            if (/Traceback|Error/.test(t)) found.push(t);
          }
          for (const e of root.querySelectorAll(textSel)) {
            const t = e.innerText;
            if (re.test(t) && !found.includes(t)) found.push(t);
          }
          return found;
        }""",
        [scope, STDERR_OUTPUT, RENDERED_TEXT, ENAME.pattern],
    )


def widget_failures(page, scope: str = "body", settle_s: float = SETTLE_S) -> list[str]:
    """Widgets that failed to render (ipywidgets' error widget, or one of WIDGET_FAILURE_TEXTS)
    still on the page after waiting up to settle_s; each with the text that says why."""
    js = """([scope, needles, errSel]) => {
      const root = document.querySelector(scope) || document.body;
      const lines = root.innerText.split('\\n').filter(l => needles.some(n => l.includes(n)));
      // ipywidgets 8 shows only an icon and "Click to show javascript error."; the message is hidden.
      const errs = [...root.querySelectorAll(errSel)].map(e => e.textContent.replace(/\\s+/g, ' ').trim());
      return errs.concat(lines).slice(0, 20);
    }"""
    args = [scope, list(WIDGET_FAILURE_TEXTS), WIDGET_ERROR_ELEMENT]
    try:  # the failures must be gone within settle_s ("Loading widget..." turns into the widget)
        page.wait_for_function(f"(a) => ({js})(a).length === 0", arg=args, timeout=settle_s * 1000)
        return []
    except Exception:
        pass
    # Clicking the error widget reveals its message; wait for it, then read again to report it.
    page.evaluate("([scope, sel]) => (document.querySelector(scope) || document.body)"
                  ".querySelectorAll(sel).forEach(e => e.click())", [scope, WIDGET_ERROR_ELEMENT])
    try:
        page.wait_for_function("([scope, sel]) => [...(document.querySelector(scope) || document.body)"
                               ".querySelectorAll(sel)].every(e => e.textContent.trim().length > 0)",
                               arg=[scope, WIDGET_ERROR_ELEMENT], timeout=5_000)
    except Exception:
        pass
    return page.evaluate(js, args)


def assert_clean(page, scope: str, what: str) -> None:
    errors = output_errors(page, scope)
    assert not errors, f"{what}: {len(errors)} error output(s):\n" + "\n-----\n".join(errors)
    failures = widget_failures(page, scope)
    assert not failures, f"{what}: widgets failed to render:\n" + "\n".join(failures)


# --- dashboards ---------------------------------------------------------------------------------
# Installed once per dashboard: records input times, <img> src changes and status history, and
# any moment the status showed .wl-error, so "never showed an error" is checked, not sampled.
_JS_INSTRUMENT = """(el) => {
  if (el.__wl) return;
  const w = el.__wl = {t0: null, armed: false, srcTimes: [], statusLog: [], errors: [], lastMutation: 0};
  const img = () => el.querySelector('%(img)s');
  const status = () => el.querySelector('%(status)s');
  let lastSrc = img() ? img().src : null, lastStatus = null;
  const look = () => {
    const now = performance.now();
    const i = img();
    if (i && i.src !== lastSrc) { lastSrc = i.src; w.srcTimes.push(now); }
    const s = status();
    if (s) {
      const text = s.innerText.trim();
      if (text !== lastStatus) { lastStatus = text; w.statusLog.push(text); }
      if (s.classList.contains('wl-error') || /^\\s*error\\b/i.test(text)) w.errors.push(text);
    }
    w.lastMutation = now;
  };
  look();
  new MutationObserver(look).observe(el, {subtree: true, childList: true, characterData: true,
                                          attributes: true, attributeFilter: ['src', 'class']});
  const mark = () => { if (w.armed && w.t0 === null) w.t0 = performance.now(); };
  for (const ev of ['keydown', 'pointerdown', 'mousedown', 'input', 'change', 'click'])
    el.addEventListener(ev, mark, true);
}""" % {"img": PLOT_IMG, "status": STATUS}

_JS_SNAPSHOT = """(el) => {
  const q = s => el.querySelector(s);
  const txt = s => q(s) ? q(s).innerText.trim() : null;
  const st = q('%(status)s');
  return {src: q('%(img)s') ? q('%(img)s').src : null, readout: txt('%(readout)s'),
          slider: txt('%(slider)s'), status: txt('%(status)s'),
          error: st ? st.classList.contains('wl-error') : false,
          scheme: q('%(select)s') ? q('%(select)s').value : null};
}""" % {"img": PLOT_IMG, "readout": READOUT, "slider": SLIDER_READOUT, "status": STATUS,
        "select": SCHEME_SELECT}

# Settled = new src (for Train: new src or any status change), status says done/ready/diverged,
# when asked the readout changed / states the slider's displayed value (as text, or within 1 %),
# and nothing in the dashboard moved for QUIET_MS (progressive redraws are over).
# A status showing an error also ends the wait; the caller reports it.
_JS_SETTLED = """([el, prevSrc, train, matchSlider, prevReadout, quietMs]) => {
  const q = s => el.querySelector(s);
  const w = el.__wl;
  const st = q('%(status)s');
  if (w.errors.length || (st && st.classList.contains('wl-error'))) return true;
  const src = q('%(img)s') ? q('%(img)s').src : null;
  if (src === prevSrc && !(train && w.statusLog.length)) return false;
  if (!st || !/done|ready|diverged/i.test(st.innerText)) return false;
  if (prevReadout !== null && q('%(readout)s').innerText.trim() === prevReadout) return false;
  if (matchSlider) {
    const shown = q('%(slider)s').innerText.trim();
    const readout = q('%(readout)s').innerText;
    if (!readout.includes(shown)) {
      const v = parseFloat(shown);
      const nums = (readout.match(/[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?/g) || []).map(Number);
      if (!(isFinite(v) && nums.some(n => Math.abs(n - v) <= 0.01 * Math.abs(v)))) return false;
    }
  }
  return performance.now() - w.lastMutation >= quietMs;
}""" % {"img": PLOT_IMG, "status": STATUS, "slider": SLIDER_READOUT, "readout": READOUT}


def _snapshot(dash) -> dict:
    return dash.evaluate(_JS_SNAPSHOT)


def _act(page, dash, label: str, what: str, action, *, slider: bool = False,
         readout_changes: bool = False, train: bool = False):
    """Do one input action, wait for the dashboard to settle, return (before, after, latency_s)."""
    before = _snapshot(dash)
    dash.evaluate("(el) => { const w = el.__wl; w.t0 = null; w.armed = true;"
                  " w.srcTimes = []; w.statusLog = []; }")
    action()
    timeout = (TRAIN_TIMEOUT_S if train else ACTION_TIMEOUT_S) * 1000
    try:
        # A Train click on an unchanged setting may redraw the same PNG (no new src); then a status
        # change (training... -> done) is the proof that something happened.
        page.wait_for_function(_JS_SETTLED, arg=[dash.element_handle(), before["src"], train, slider,
                                                 before["readout"] if readout_changes else None,
                                                 QUIET_MS], timeout=timeout)
    except Exception as exc:
        raise AssertionError(f"{label}: {what}: dashboard did not settle within {timeout / 1000:.0f} s "
                             f"(before={before}, now={_snapshot(dash)}, "
                             f"log={dash.evaluate('el => el.__wl.statusLog')})") from exc
    after = _snapshot(dash)
    w = dash.evaluate("(el) => { el.__wl.armed = false; return el.__wl; }")
    assert not w["errors"] and not after["error"], (
        f"{label}: {what}: status showed an error: {w['errors'] or after['status']}")
    latency = None
    if w["t0"] is not None:
        later = [t for t in w["srcTimes"] if t >= w["t0"]]
        if later:
            latency = (later[0] - w["t0"]) / 1000.0
    return before, after, latency


def _slider_keys(dash) -> list[str]:
    """Two steps away from the nearer end of the range, then one back (both directions; with the drag, four
    latency samples per dashboard)."""
    h = dash.locator(SLIDER_HANDLE).first
    lo, hi, now = (float(h.get_attribute(a)) for a in ("aria-valuemin", "aria-valuemax", "aria-valuenow"))
    up = (now - lo) <= (hi - now)
    first, back = ("ArrowRight", "ArrowLeft") if up else ("ArrowLeft", "ArrowRight")
    return [first] * 2 + [back]


def exercise_dashboard(page, dash, label: str, shots: Path) -> None:
    """Before/after screenshots around: slider keys, slider drag, scheme change, Train click."""
    dash.scroll_into_view_if_needed()
    for part in (READOUT, STATUS, SLIDER_HANDLE, SCHEME_SELECT):
        assert dash.locator(part).count() >= 1, (
            f"{label}: dashboard has no {part} (see the DOM contract in tests/browser/harness.py)")
    assert dash.locator(PLOT_IMG).count() >= 1, f"{label}: dashboard has no {PLOT_IMG}"
    page.wait_for_function(
        "(el) => { const i = el.querySelector('%s'); const s = el.querySelector('%s');"
        " return i && i.src && s && /done|ready|diverged|error/i.test(s.innerText); }" % (PLOT_IMG, STATUS),
        arg=dash.element_handle(), timeout=ACTION_TIMEOUT_S * 1000)
    dash.evaluate(_JS_INSTRUMENT)
    initial = _snapshot(dash)
    assert not initial["error"], f"{label}: status shows an error before any input: {initial['status']}"
    shots.mkdir(parents=True, exist_ok=True)
    dash.screenshot(path=str(shots / f"{label}-before.png"))

    has_train = dash.locator(TRAIN_BUTTON).count() > 0
    record = LATENCIES.setdefault(label, LatencyRecord("retrain" if has_train else "forward-only"))
    handle = dash.locator(SLIDER_HANDLE).first

    def check_slider_move(what, before, after, latency):
        assert after["src"] != before["src"], f"{label}: {what}: plot did not change"
        assert after["slider"] != before["slider"], f"{label}: {what}: slider value did not change"
        assert after["readout"] != before["readout"], (
            f"{label}: {what}: readout still {before['readout']!r}")
        if latency is not None:
            record.samples.append(latency)

    # (a) keyboard on the focused handle
    for key in _slider_keys(dash):
        res = _act(page, dash, label, f"slider {key}", lambda k=key: handle.press(k), slider=True)
        check_slider_move(f"slider {key}", *res)

    # (b) mouse drag of the handle by a quarter of the track, towards the roomier side
    handle.scroll_into_view_if_needed()
    track = dash.locator(SLIDER_TRACK).first.bounding_box()
    box = handle.bounding_box()
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    dx = track["width"] / 4 * (1 if x0 < track["x"] + track["width"] / 2 else -1)

    def drag():
        page.mouse.move(x0, y0)
        page.mouse.down()
        page.mouse.move(x0 + dx, y0, steps=8)
        page.mouse.up()

    check_slider_move("slider drag", *_act(page, dash, label, "slider drag", drag, slider=True))

    # (c) another scheme
    select = dash.locator(SCHEME_SELECT).first
    options = select.evaluate("(s) => [...s.options].map(o => o.value)")
    assert len(options) >= 2, f"{label}: scheme dropdown has fewer than two options: {options}"
    new = options[(options.index(select.input_value()) + 1) % len(options)]
    before, after, _ = _act(page, dash, label, f"scheme -> {new}",
                            lambda: select.select_option(value=new), readout_changes=True)
    assert after["src"] != before["src"], f"{label}: scheme -> {new}: plot did not change"
    assert after["readout"] != before["readout"], f"{label}: scheme -> {new}: readout unchanged"

    # (d) Train, when the dashboard has it
    if has_train:
        button = dash.locator(TRAIN_BUTTON).first
        _act(page, dash, label, "train", lambda: button.click(), train=True)

    dash.scroll_into_view_if_needed()
    dash.screenshot(path=str(shots / f"{label}-after.png"))


def exercise_all(page, scope: str, prefix: str, shots: Path) -> int:
    """Exercise every dashboard under scope; returns how many there were."""
    dashes = page.locator(f"{scope} {DASHBOARD}")
    n = dashes.count()
    for i in range(n):
        exercise_dashboard(page, dashes.nth(i), f"{prefix}-{i}", shots)
    return n


# --- latency table ------------------------------------------------------------------------------
def _percentile(xs: list[float], q: float) -> float:
    if len(xs) == 1:
        return xs[0]
    return statistics.quantiles(xs, n=100, method="inclusive")[int(q) - 1]


def latency_table() -> str:
    rows = [f"{'dashboard':<40} {'kind':<13} {'n':>3} {'p50 s':>7} {'p95 s':>7} {'target p95':>10}"]
    for label, rec in LATENCIES.items():
        target = f"< {TARGET_P95_S[rec.kind]:.1f} s"
        if rec.samples:
            p50, p95 = _percentile(rec.samples, 50), _percentile(rec.samples, 95)
            flag = "" if p95 < TARGET_P95_S[rec.kind] else "  (over target)"
            rows.append(f"{label:<40} {rec.kind:<13} {len(rec.samples):>3} {p50:>7.3f} {p95:>7.3f} "
                        f"{target:>10}{flag}")
        else:
            rows.append(f"{label:<40} {rec.kind:<13} {0:>3} {'-':>7} {'-':>7} {target:>10}")
    rows.append("latency = slider input event -> new plot <img> src, measured in the page "
                "(performance.now); printed only, not asserted")
    return "\n".join(rows)
