"""Dashboards driven from plain Python: controls redraw, extremes never break, errors are shown, runs reproduce."""
import ast
import gc
import io
import pathlib

import numpy as np
import pytest
from IPython.display import Image
from PIL import Image as PILImage

import weightlab
from weightlab import plots
from weightlab.experiments import edge_of_chaos
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
    monkeypatch.undo()
    dash.set(scale=1.0)  # and it recovers
    assert "wl-error" not in dash.status._dom_classes


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
    exec(lab.code(), namespace)  # the code line reproduces the continued run too
    np.testing.assert_allclose(namespace["history"].loss, lab.history.loss, rtol=1e-12)


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
