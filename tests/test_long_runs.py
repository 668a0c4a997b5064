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
