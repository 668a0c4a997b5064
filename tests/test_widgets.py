"""Dashboards driven from plain Python: controls redraw, extremes never break, errors are shown, runs reproduce."""
import ast
import gc
import html
import io
import pathlib
import time
import warnings

import matplotlib.text

import numpy as np
import pytest
from IPython.display import Image
from PIL import Image as PILImage

import weightlab
from weightlab import plots
from weightlab.experiments import edge_of_chaos, gradient_flow_cases
from weightlab.widgets import (ChaosDashboard, DepthDashboard, GradientInspector, InitLab, RestartDashboard,
                               ZooDashboard)
from weightlab.widgets.lab import SETTINGS, fit_kwargs, net_kwargs

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chaos_map():
    return edge_of_chaos(np.linspace(0.5, 3, 5), np.linspace(0, 1, 3), depth=10, width=32, n_samples=16)


def make(kind, chaos_map=None):
    return {
        "initlab": lambda: InitLab(threaded=False, epochs=100),
        "compact": lambda: InitLab(controls=("scheme", "scale"), compact=True, threaded=False, epochs=100),
        "depth": lambda: DepthDashboard(depth=8, width=40, n_samples=64),
        "zoo": lambda: ZooDashboard(fan_in=64, fan_out=64),
        "inspector": lambda: GradientInspector(),
        "restarts": lambda: RestartDashboard(n_restarts=10, epochs=100, threaded=False),
        "chaos": lambda: ChaosDashboard(chaos_map, depth=10, width=32, n_samples=32),
    }[kind]()


KINDS = ["initlab", "compact", "depth", "zoo", "inspector", "restarts", "chaos"]


def scale_control(dash):
    """The name of the control with the ``wl-scale`` class (the browser tests' init-scale slider)."""
    (name,) = [name for name, w in dash.controls.items() if "wl-scale" in w._dom_classes]
    return name


@pytest.mark.parametrize("kind", KINDS)
def test_dashboard_draws_and_follows_its_scale_slider(kind, chaos_map):
    dash = make(kind, chaos_map)
    assert bytes(dash.plot.value).startswith(PNG) and "wl-dashboard" in dash.widget._dom_classes
    assert "wl-error" not in dash.status._dom_classes, dash.status.value
    before = dash.plot.value
    dash.set(**{scale_control(dash): 2.0 if kind == "chaos" else 0.5}).wait()
    assert dash.plot.value != before, "the plot did not change"
    assert ("σ_w = 2" if kind == "chaos" else "scale = 0.5") in dash.readout.value
    assert "wl-error" not in dash.status._dom_classes, dash.status.value
    assert dash.timings, "the redraw was not timed"


@pytest.mark.parametrize("kind", ["initlab", "compact", "depth", "zoo", "inspector", "restarts"])
def test_scale_slider_at_both_ends_never_breaks(kind):
    dash = make(kind)
    slider = dash.controls["scale"]
    for value in (slider.min, slider.max):
        dash.set(scale=10 ** value).wait()
        assert "wl-error" not in dash.status._dom_classes, f"scale 10^{value}: {dash.status.value}"
        assert bytes(dash.plot.value).startswith(PNG)


def test_init_lab_says_when_a_run_diverges():
    lab = InitLab(threaded=False, epochs=300, lr=1.0)
    lab.set(scheme="random_normal", scale=100.0, activation="linear", depth=6, width=64)
    assert "diverged at epoch" in lab.status.value and "wl-error" not in lab.status._dom_classes
    assert "diverged" in lab.readout.value


@pytest.mark.parametrize("kind", ["compact", "depth", "zoo"])
def test_every_scheme_in_the_dropdown_draws(kind):
    dash = make(kind)
    for scheme in dash.controls["scheme"].options:
        dash.set(scheme=scheme).wait()
        assert "wl-error" not in dash.status._dom_classes, f"{scheme}: {dash.status.value}"


def test_a_failing_callback_shows_its_error_in_the_dashboard(monkeypatch):
    dash = make("depth")
    monkeypatch.setattr(plots, "plot_both_directions", lambda *a, **k: 1 / 0)
    dash.set(scale=3.0)
    assert "wl-error" in dash.status._dom_classes
    assert "ZeroDivisionError" in dash.status.value
    # no picture or readout of the settings before is left under the error
    assert not dash.plot.value and dash.plot.layout.display == "none" and "scale = 3" not in dash.readout.value
    monkeypatch.undo()
    dash.set(scale=1.0)  # and it recovers
    assert "wl-error" not in dash.status._dom_classes
    assert bytes(dash.plot.value).startswith(PNG) and dash.plot.layout.display is None


@pytest.mark.parametrize("activation", ["relu", "tanh", "linear"])
def test_depth_dashboard_draws_where_float64_runs_out(activation):
    """Deep chains with tiny or huge scales: variances of 1e-300 and below (0) or past 1e300 (inf) draw, with the
    readout saying float64 ran out; no 'math domain error', no overflow warning."""
    dash = DepthDashboard(depth=10, width=20, activation=activation, n_samples=32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for depth, scale in ((50, 0.001), (100, 0.03), (100, 0.001), (100, 100.0)):
            before = dash.plot.value
            dash.set(depth=depth, scale=scale)
            assert "wl-error" not in dash.status._dom_classes, (depth, scale, dash.status.value)
            verdicts = ("vanishing", "underflowed to 0") if scale < 1 else ("exploding", "overflowed (inf)")
            assert dash.plot.value != before and any(f"<b>{v}</b>" in dash.readout.value for v in verdicts)
        assert "underflowed to 0" in dash.set(depth=100, scale=0.001).readout.value  # Var = 0: float64's floor
        assert "float64 holds 2.2e-308 to 1.8e308" in dash.readout.value


def test_init_lab_code_line_reproduces_the_run_exactly():
    lab = InitLab(threaded=False, epochs=100)
    lab.set(scheme="glorot_uniform", scale=0.7, activation="tanh", seed=3, dataset="moons")
    namespace = {"MLP": weightlab.MLP, "load_dataset": weightlab.load_dataset}
    exec(lab.code(), namespace)
    assert namespace["history"].loss == lab.history.loss
    np.testing.assert_array_equal(namespace["net"].weights[0], lab.net.weights[0])


def test_init_lab_train_more_continues_the_same_net():
    lab = InitLab(threaded=False, epochs=100)
    first = list(lab.history.loss)
    lab.button.click()
    assert lab.history.epochs == 200 and lab.history.loss[:100] == first
    assert lab.history.loss[150] < first[0]
    assert "epoch 200" in lab.readout.value
    namespace = {"MLP": weightlab.MLP, "load_dataset": weightlab.load_dataset}
    exec(lab.code(), namespace)  # the code line reproduces the continued run too, bit for bit
    assert namespace["history"].loss == lab.history.loss


def reproduce(lab):
    """Run the lab's code line; its net and history."""
    namespace = {"MLP": weightlab.MLP, "load_dataset": weightlab.load_dataset}
    exec(lab.code(), namespace)
    return namespace["net"], namespace["history"]


def test_train_more_during_a_fresh_run_continues_its_history():
    """'train more' pressed while a fresh run trains: the net goes on from its partly trained state, the History
    goes on from the epochs it had (not from 0), and the code line says the true total."""
    lab = InitLab(controls=("scale",), compact=True, epochs=10000)  # threaded
    lab.set(scale=10 ** 0.05)
    while lab.frames_since_change < 2:  # the fresh run is under way
        time.sleep(0.01)
    lab.button.click()  # stops it at epoch k and trains 10 000 more from there
    lab.wait()
    k = lab.history.epochs - 10000
    assert 0 < k < 10000 and "done" in lab.status.value, lab.status.value
    assert lab.history.epochs_recorded[0] == 0 and lab.history.epochs_recorded[-1] == k + 10000 - 1
    assert f"epochs={k + 10000}," in lab.code()
    net, history = reproduce(lab)
    assert history.loss == lab.history.loss  # bit for bit
    np.testing.assert_array_equal(net.flat_parameters(), lab.net.flat_parameters())


def test_code_line_reproduces_any_slider_value_bit_for_bit():
    lab = InitLab(threaded=False, epochs=100)
    lab.set(scale=10 ** 0.05, lr=10 ** -1.3, scheme="glorot_uniform", activation="tanh")  # browser slider values
    assert "scale=1.1220184543019633," in lab.code() and "lr=0.05011872336272722," in lab.code()
    net, history = reproduce(lab)
    assert history.loss == lab.history.loss and net.scale == lab.net.scale
    lab.button.click()
    assert reproduce(lab)[1].loss == lab.history.loss


def test_threaded_training_ends_with_the_last_setting():
    lab = InitLab(epochs=300)
    for scale in (0.01, 3.0, 0.2):  # quick changes: each cancels the one before
        lab.set(scale=scale)
    lab.wait()
    assert lab.net.scale == 0.2 and "done" in lab.status.value and lab.history.epochs == 300
    assert lab.first_frame_timings and lab.timings


def test_gradient_inspector_steps_batch_by_batch():
    dash = GradientInspector(case="W=0, b random")
    assert "step 1" in dash.readout.value and "W1: 0/8" in dash.readout.value
    dash.button.click()
    assert "step 2" in dash.readout.value and "W1: 0/8" not in dash.readout.value  # the hidden layer now learns


def test_restart_dashboard_new_seeds_changes_the_runs():
    dash = make("restarts")
    before = dash.result["final_loss"].copy()
    dash.button.click()
    assert dash.first_seed == 10 and not np.array_equal(before, dash.result["final_loss"])


def test_chaos_presets_move_the_sliders_and_sliders_leave_the_preset(chaos_map):
    dash = make("chaos", chaos_map)
    dash.set(preset="chaotic")
    assert dash.controls["sigma_w"].value == pytest.approx(2.5, rel=0.06) and "chaotic" in dash.readout.value
    dash.set(preset="edge of chaos")
    assert "edge of chaos" in dash.readout.value
    dash.set(sigma_w=0.5)
    assert dash.controls["preset"].value == "custom" and "ordered" in dash.readout.value


def test_unknown_control_names_are_refused():
    with pytest.raises(ValueError, match="unknown control"):
        make("zoo").set(depth=3)
    with pytest.raises(ValueError, match="unknown InitLab control"):
        InitLab(controls=("scale", "colour"), threaded=False)


def test_init_lab_settings_table_drives_controls_defaults_and_keywords():
    lab = InitLab(controls=("scale", "scheme"), compact=True, threaded=False, scheme="glorot_uniform", scale=10,
                  epochs=100, depth=3)
    assert list(lab.controls) == ["scheme", "scale"]  # in the table's order
    assert lab.controls["scale"].value == 10 and lab.settings["depth"] == 3
    assert lab.settings == {**{name: default for name, (default, _) in SETTINGS.items()},
                            "scheme": "glorot_uniform", "scale": 10, "epochs": 100, "depth": 3}
    assert lab.net.layer_sizes == net_kwargs(lab.settings)["layer_sizes"] == [2, 8, 8, 8, 1]
    assert fit_kwargs(lab.settings) == {"epochs": 100, "lr": 0.05}
    full = InitLab(threaded=False, epochs=100)
    assert list(full.controls) == list(SETTINGS)
    with pytest.raises(ValueError, match="Did you mean 'scale'"):
        InitLab(threaded=False, scal=2)


def test_init_lab_code_line_keeps_every_digit():
    lab = InitLab(threaded=False, epochs=100, lr=0.05)
    lab.set(scale=10 ** -0.3)  # a value the browser's log slider sends: more digits than the readout shows
    namespace = {"MLP": weightlab.MLP, "load_dataset": weightlab.load_dataset}
    exec(lab.code(), namespace)
    assert namespace["net"].scale == lab.net.scale and namespace["history"].loss == lab.history.loss


@pytest.mark.parametrize("kind", KINDS)
def test_snapshot_is_the_current_picture(kind, chaos_map):
    dash = make(kind, chaos_map)
    picture = dash.snapshot()
    assert isinstance(picture, Image) and picture.format == "png"
    shown = [bytes(image.value) for image in dash.images]
    if len(shown) == 1:
        assert picture.data == shown[0]
    else:  # the full Init Lab: both rows in one picture, top row first
        assert kind == "initlab" and len(shown) == 2
        sheet = PILImage.open(io.BytesIO(picture.data))
        rows = [PILImage.open(io.BytesIO(png)) for png in shown]
        assert sheet.size == (max(r.width for r in rows), sum(r.height for r in rows))


def test_snapshot_without_a_picture_is_the_status_line(monkeypatch):
    monkeypatch.setattr(plots, "plot_loss", lambda *a, **k: 1 / 0)
    picture = make("compact").snapshot()  # its first frame failed: the status says why
    assert "ZeroDivisionError" in picture.data


def test_init_lab_sizes_the_net_from_the_data_table():
    lab = InitLab(controls=("dataset", "scale"), compact=True, threaded=False, epochs=20, dataset="digits", depth=1,
                  width=16)
    assert lab.net.layer_sizes == [64, 16, 10]  # the digits: 64 pixels in, a softmax over 10 classes out
    assert "done" in lab.status.value and "wl-error" not in lab.status._dom_classes
    assert "MLP([64, 16, 10]," in lab.code()
    lab.set(dataset="moons")
    assert lab.net.layer_sizes == [2, 16, 1] and "done" in lab.status.value


def test_snapshot_waits_for_background_training():
    lab = InitLab(controls=("scale",), compact=True, epochs=300)  # threaded
    lab.set(scale=0.5)
    picture = lab.snapshot()
    assert "done" in lab.status.value and picture.data == bytes(lab.plot.value)


def test_gradient_inspector_draws_the_parameters_the_experiment_returned(monkeypatch):
    drawn = []
    draw = plots.plot_unit_parameters
    monkeypatch.setattr(plots, "plot_unit_parameters", lambda W, b, **kw: drawn.append((W, b)) or draw(W, b, **kw))
    dash = GradientInspector(case="W=0, b random")
    dash.button.click()
    steps = dash.result["W=0, b random"]  # the net after each step's update, as gradient_flow_cases trained it
    assert len(drawn) == 2
    assert drawn[1][0] is steps[1]["weights_after"][0] and drawn[1][1] is steps[1]["biases_after"][0]
    np.testing.assert_array_equal(drawn[0][0], steps[0]["weights_after"][0])
    assert np.all(drawn[0][0] == 0) and np.any(drawn[1][0] != 0)  # W1 starts to move at step 2


@pytest.mark.parametrize("enabled", [True, False])
def test_frames_leave_the_garbage_collector_as_they_found_it(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        make("depth").set(scale=2.0)
        lab = InitLab(controls=("scale",), compact=True, epochs=100)  # a frame drawn from another thread
        lab.set(scale=0.5).wait()
        assert gc.isenabled() == enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_collector_runs_while_a_dashboard_trains():
    seen = []

    class Watching(InitLab):
        def _train(self, cancel):
            seen.append(gc.isenabled())
            super()._train(cancel)

    lab = Watching(controls=("scale",), compact=True, threaded=False, epochs=100)
    lab.set(scale=0.5)  # a control change trains too (here without a thread)
    assert seen == [True, True]


def test_dashboards_make_no_axes_calls():
    """Drawing lives in weightlab.plots: no dashboard module calls a method of an Axes (``ax.*``, ``axes[i].*``)."""
    package = pathlib.Path(weightlab.__file__).parent / "widgets"
    calls = []
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Subscript):
                    owner = owner.value
                if isinstance(owner, ast.Name) and owner.id in ("ax", "axes", "fig"):
                    calls.append(f"{path.name}:{node.lineno} {ast.unparse(node.func)}")
    assert not calls, calls


# ---- stopping: a new value, the stop button, an exception, the kernel's Interrupt ---------------------------------
TRAINING = {
    "initlab": lambda: InitLab(controls=("scale", "depth", "width"), compact=True, depth=8, width=64, epochs=10000),
    "restarts": lambda: RestartDashboard(n_restarts=300, epochs=3000),
}


def under_way(dash, seconds=0.5):
    """Wait until a threaded dashboard's job has been training for a while."""
    start = time.perf_counter()
    while "training" not in dash.status.value or time.perf_counter() - start < seconds:
        assert time.perf_counter() - start < 30, dash.status.value
        time.sleep(0.02)


def widgets_in(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets_in(child)


@pytest.mark.parametrize("kind", sorted(TRAINING))
def test_a_new_value_stops_a_long_run_at_once(kind):
    """A 10 000-epoch Init Lab run (30 ms an epoch) or 300 restarts x 3000 epochs (~25 s): a control change stops
    the running job at its next epoch, so set() returns within a frame or so (it took 6 s and 25 s)."""
    dash = TRAINING[kind]()
    under_way(dash)
    start = time.perf_counter()
    dash.set(scale=0.5)
    took = time.perf_counter() - start
    under_way(dash)
    dash.stop("stopped")
    assert took < 1.0, took  # about an epoch, plus the live frame being drawn at that moment (~0.1-0.3 s)
    assert "stopped" in dash.status.value and "training" not in dash.status.value


@pytest.mark.parametrize("kind", ["initlab", "compact", "restarts", "inspector"])
def test_every_training_dashboard_has_a_stop_button(kind):
    dash = make(kind)
    dash.wait()
    (stop,) = [w for w in widgets_in(dash.widget) if "wl-stop" in getattr(w, "_dom_classes", ())]
    assert stop is dash.stop_button and stop.description == "stop" and stop.disabled  # nothing runs now


def test_the_stop_button_stops_training_where_it_is_and_train_more_goes_on():
    lab = TRAINING["initlab"]()
    under_way(lab)
    assert not lab.stop_button.disabled
    lab.stop_button.click()
    assert lab._thread is None and lab.stop_button.disabled
    epochs = lab.history.epochs
    assert 0 < epochs < 10000 and f"stopped after {epochs} epochs" in lab.status.value
    assert f"epoch {epochs}" in lab.readout.value and f"epochs={epochs}," in lab.code()


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_an_interrupt_inside_training_stops_it_and_says_so(monkeypatch, error):
    def fit(self, *args, callback=None, **kwargs):
        raise error()

    lab = InitLab(controls=("scale",), compact=True, epochs=100)  # threaded: the exception is in its thread
    lab.wait()
    monkeypatch.setattr(weightlab.MLP, "fit", fit)
    lab.set(scale=0.5).wait()
    assert f"stopped by {error.__name__}" in lab.status.value and "training" not in lab.status.value
    assert lab.stop_button.disabled and lab.net is None  # 'train more' starts afresh: the net's state is unknown
    monkeypatch.undo()
    lab.button.click()
    lab.wait()
    assert "done: 100 epochs" in lab.status.value


def test_an_interrupt_in_the_kernels_thread_is_raised_on(monkeypatch):
    monkeypatch.setattr(weightlab.MLP, "fit", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        InitLab(controls=("scale",), compact=True, epochs=100, threaded=False)


def test_the_kernels_interrupt_button_stops_background_training(monkeypatch):
    """ipykernel ignores SIGINT between messages (it restores the handler it saved, SIG_IGN): the dashboard puts its
    own handler in that place, which stops every running job."""
    import signal

    from weightlab.widgets import base

    kernel = type("Kernel", (), {"saved_sigint_handler": signal.SIG_IGN})()
    monkeypatch.setattr("IPython.get_ipython", lambda: type("Shell", (), {"kernel": kernel})())
    lab = TRAINING["initlab"]()
    assert kernel.saved_sigint_handler is base._on_interrupt  # what the kernel installs between messages
    under_way(lab)
    kernel.saved_sigint_handler(signal.SIGINT, None)  # the Interrupt button while the kernel is idle
    lab.wait(10)
    assert "stopped by the kernel's Interrupt" in html.unescape(lab.status.value)
    assert 0 < lab.history.epochs < 10000 and lab.stop_button.disabled


def test_an_interrupt_while_a_cell_waits_stops_the_training():
    lab = TRAINING["initlab"]()
    under_way(lab)
    thread = lab._thread
    original, calls = thread.join, []

    def interrupted_join(timeout=None):
        if not calls:
            calls.append(1)
            raise KeyboardInterrupt  # the kernel's Interrupt while the cell blocks in wait()
        return original(timeout)

    thread.join = interrupted_join
    with pytest.raises(KeyboardInterrupt):
        lab.wait()
    assert not thread.is_alive() and "stopped by the kernel's Interrupt" in html.unescape(lab.status.value)


# ---- controls refuse what they cannot show ----------------------------------------------------------------------
@pytest.mark.parametrize("build", [
    lambda **kw: InitLab(threaded=False, epochs=100, **kw),
    lambda **kw: DepthDashboard(n_samples=16, **kw),
    lambda **kw: ZooDashboard(**kw),
    lambda **kw: RestartDashboard(n_restarts=10, epochs=100, threaded=False, **kw),
])
def test_a_misspelt_scheme_is_refused_naming_the_control_and_the_right_name(build):
    with pytest.raises(ValueError, match=r"unknown scheme \(the '[a-z ]+' control\) 'he_norml'\. Did you mean "
                                         r"'he_normal'\?"):
        build(scheme="he_norml")
    dash = build(scheme="he_normal")
    with pytest.raises(ValueError, match="Did you mean 'he_normal'"):
        dash.set(scheme="he_norml", scale=2.0)
    assert dash.values["scheme"] == "he_normal" and dash.values["scale"] == 1.0  # nothing was set


@pytest.mark.parametrize("kwargs, match", [
    (dict(depth=100), r"depth \(the 'hidden layers' control\), from 1 to 8, must be <= 8, got 100"),
    (dict(lr=100), r"lr \(the 'learning rate' control\) must be between 0.001 and 3.16 .*got 100"),
    (dict(scale=1e4), r"scale \(the 'init scale' control\) must be between 0.001 and 100 .*got 10000"),
    (dict(epochs=500), r"epochs \(the 'epochs' control\) must be one of \[100, 300, 1000, 3000, 10000\], got 500"),
    (dict(width=2.5), r"width \(the 'units per layer' control\), from 1 to 64, must be an int, got float 2.5"),
    (dict(seed=-1), r"seed \(the 'seed' control\), from 0 to 1000000, must be >= 0, got -1"),
])
def test_out_of_range_values_are_refused_not_clamped(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        InitLab(threaded=False, epochs=100, **kwargs) if "epochs" not in kwargs else InitLab(threaded=False, **kwargs)
    lab = InitLab(threaded=False, epochs=100)
    with pytest.raises((ValueError, TypeError), match=match):
        lab.set(**kwargs)


def test_other_dashboards_refuse_out_of_range_values(chaos_map):
    with pytest.raises(ValueError, match=r"depth \(the 'layers' control\), from 1 to 100, must be <= 100, got 500"):
        DepthDashboard(depth=500)
    with pytest.raises(ValueError, match="fan_in .* must be >= 1, got 0"):
        make("zoo").set(fan_in=0)
    with pytest.raises(ValueError, match="n_restarts .* must be <= 300, got 1000"):
        RestartDashboard(n_restarts=1000, threaded=False)
    with pytest.raises(ValueError, match=r"sigma_w \(the 'σ_w' control\) must be between 0.2 and 5.01"):
        ChaosDashboard(chaos_map, sigma_w=10.0)
    with pytest.raises(ValueError, match=r"unknown case .* 'W=0,b=0'\. Did you mean 'W=0, b=0'\?"):
        GradientInspector(case="W=0,b=0")
    with pytest.raises(TypeError, match="batchnorm .* must be True or False"):
        DepthDashboard(batchnorm="yes", show_batchnorm=False)


def test_hidden_settings_naming_a_table_entry_are_checked_too():
    with pytest.raises(ValueError, match="Did you mean 'he_normal'"):
        InitLab(controls=("scale",), threaded=False, scheme="he_norml")
    lab = InitLab(controls=("scale",), compact=True, threaded=False, epochs=20)  # a number need not fit a slider
    assert lab.history.epochs == 20


# ---- the gradient inspector keeps its state ---------------------------------------------------------------------
def test_gradient_inspector_takes_one_step_per_click(monkeypatch):
    calls = []
    gradients = weightlab.MLP.gradients
    monkeypatch.setattr(weightlab.MLP, "gradients", lambda self, X, y: calls.append(len(y)) or gradients(self, X, y))
    dash = GradientInspector(case="W random, b=0")
    for _ in range(30):
        dash.button.click()
    assert calls == [32] * 31  # one gradient of one batch per click (it recomputed all steps: 496 gradients)
    assert "step 31" in dash.readout.value


@pytest.mark.parametrize("case", ["W=0, b=0", "W=0, b random", "W random, b=0"])
def test_gradient_inspector_walks_the_batches_of_gradient_flow_cases(case):
    dash = GradientInspector(case=case, activation="tanh", scale=0.5)
    for _ in range(11):  # 12 steps of 32 rows: past the end of the 300 training rows, wrapping around
        dash.button.click()
    X, y, _, _ = weightlab.load_dataset("circles")
    expected = gradient_flow_cases(X, y, (2, 4, 1), activation="tanh", steps=12, lr=0.5, cases=dash._case(),
                                   batch_size=32)[case]
    for mine, theirs in zip(dash.result[case], expected, strict=True):
        assert mine.keys() == theirs.keys()
        for key, value in theirs.items():
            for a, b in zip(*(([v] if isinstance(v, np.ndarray) else v) for v in (mine[key], value)), strict=True):
                np.testing.assert_array_equal(a, b)
    assert "step 12, batch of rows 52–83" in dash.readout.value  # (11 · 32 = 352 = 300 + 52)


def test_gradient_inspector_shows_log_gradients_and_says_no_gradient(monkeypatch):
    drawn = []
    draw = plots.plot_gradient_flow
    monkeypatch.setattr(plots, "plot_gradient_flow", lambda result, **kw: drawn.append(kw["ax"]) or draw(result, **kw))
    GradientInspector(case="W=0, b=0")
    texts = [t.get_text() for t in drawn[-1].texts]
    assert texts[:3] == ["no\ngradient"] * 3 and texts[3].startswith("1/1\n")  # the first 32 rows are unbalanced
    assert "largest |gradient|" in drawn[-1].get_title().lower()


# ---- frames: readable text, at the PNG's own size ---------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS + ["digits"])
def test_every_text_in_a_frame_is_at_least_11_px_tall(kind, chaos_map, monkeypatch):
    """Shown at its own pixel size (the Image's max width is the PNG's width), a frame's text is
    fontsize · dpi / 72 px tall: every label, tick, legend entry and note at least 11 px."""
    figures = []
    to_png = plots.frame_to_png
    monkeypatch.setattr(plots, "frame_to_png", lambda fig: figures.append(fig) or to_png(fig))
    dash = (InitLab(dataset="digits", depth=2, width=16, epochs=100, threaded=False) if kind == "digits" else
            make(kind, chaos_map))
    dash.wait()
    assert figures
    for fig in figures:
        texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
        small = {t.get_text(): round(t.get_fontsize() * fig.dpi / 72, 1) for t in texts
                 if t.get_fontsize() * fig.dpi / 72 < 11}
        assert not small, small
    width = int.from_bytes(bytes(dash.plot.value)[16:20], "big")
    assert dash.plot.layout.max_width == f"{width}px" and dash.plot.layout.width == "100%"
    assert width <= 1000  # fits a notebook at 100% zoom


def test_init_lab_names_its_loss_from_the_nets_output(monkeypatch):
    names = []
    plot_loss = plots.plot_loss
    monkeypatch.setattr(plots, "plot_loss", lambda *a, **kw: names.append(kw["loss_name"]) or plot_loss(*a, **kw))
    InitLab(controls=("scale",), compact=True, epochs=100, threaded=False)
    InitLab(controls=("scale",), compact=True, epochs=100, threaded=False, dataset="digits", width=16)
    assert names[0] == "binary cross-entropy" and names[-1] == "softmax cross-entropy"


def test_the_interrupt_button_of_a_real_kernel_stops_background_training():
    """End to end: a kernel trains a lab in the background, idle, and gets the Interrupt button's SIGINT."""
    manager = pytest.importorskip("jupyter_client.manager")
    km, kc = manager.start_new_kernel(kernel_name="python3", cwd=str(pathlib.Path(weightlab.__file__).parents[1]))

    def run(code):
        msg_id, out = kc.execute(code), []
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") == msg_id:
                if msg["msg_type"] in ("stream", "error"):
                    out.append(msg["content"].get("text") or msg["content"]["ename"])
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return "".join(out)

    try:
        run("import time, html; from weightlab.widgets import InitLab\n"
            "lab = InitLab(controls=('scale',), compact=True, depth=8, width=64, epochs=10000)\n"
            "while 'training' not in lab.status.value: time.sleep(0.05)")
        time.sleep(0.5)
        km.interrupt_kernel()  # the kernel is idle: ipykernel itself ignores SIGINT now
        out = run("lab.wait(10); print(html.unescape(lab.status.value)); print(lab.history.epochs)")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    status, epochs = out.splitlines()
    assert "stopped by the kernel's Interrupt" in status and 0 < int(epochs) < 10000, out
