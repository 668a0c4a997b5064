"""The long run shipped as data for notebook 3 is what the code computes: its first rows are re-trained here."""
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from long_runs import TARGET, record  # noqa: E402


def test_the_first_3000_epochs_of_the_shipped_long_run_are_reproduced():
    shipped = json.loads(TARGET.read_text())
    assert shipped["epoch"][-1] == 159_999 and len(shipped["epoch"]) == 161
    again = record(epochs=3001, every=shipped["every"])
    assert again["epoch"] == shipped["epoch"][:4] == [0, 1000, 2000, 3000]
    np.testing.assert_allclose(again["loss"], shipped["loss"][:4], rtol=1e-9)
    for key in ("train_accuracy", "test_accuracy", "dead"):
        np.testing.assert_array_equal(again[key], shipped[key][:4])


def test_the_first_epoch_of_the_shipped_30_layer_runs_is_reproduced():
    from long_runs import DEEP_INITS, DEEP_TARGET, deep30
    shipped = json.loads(DEEP_TARGET.read_text())["runs"]
    assert set(shipped) == set(DEEP_INITS) and all(len(run["0.03"]["loss"]) == 8 for run in shipped.values())
    again = deep30(epochs=1, inits={name: DEEP_INITS[name] for name in ("Xavier", "He")}, lrs=(0.03,))
    for name in ("Xavier", "He"):
        np.testing.assert_allclose(again[name]["0.03"]["loss"], shipped[name]["0.03"]["loss"][:1], rtol=1e-9)
        assert again[name]["0.03"]["test_accuracy"][0] == shipped[name]["0.03"]["test_accuracy"][0]


def test_the_first_epochs_of_the_shipped_lsuv_sweep_are_reproduced():
    from long_runs import LSUV_TARGET, lsuv_sweep
    shipped = json.loads(LSUV_TARGET.read_text())["runs"]
    assert set(shipped) == {"raw", "standardized"} and len(shipped["raw"]["LSUV"]["0.02"]["loss"]) == 100
    again = lsuv_sweep(epochs=21, starts=("glorot_normal", "LSUV"), lrs=(0.02,), inputs=("raw",))
    for start in ("glorot_normal", "LSUV"):
        np.testing.assert_allclose(again["raw"][start]["0.02"]["loss"], shipped["raw"][start]["0.02"]["loss"][:2],
                                   rtol=1e-9)
