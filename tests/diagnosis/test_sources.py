from __future__ import annotations

import json

import pandas as pd
import pytest

from fast_settings import FAST
from lstm_doctor import Forecaster
from lstm_doctor.config import DataConfig
from lstm_doctor.diagnosis.logs import read_log
from lstm_doctor.diagnosis.sources import check_frame, diagnose_log
from lstm_doctor.errors import ConfigError


def test_check_frame_finds_a_future_covariate(demo_frame) -> None:
    frame = demo_frame.assign(leak=demo_frame["load"].shift(-2).ffill())
    config = DataConfig(target="load", time="time", covariates=("leak",), lookback=24, horizon=6)
    diagnosis = check_frame(frame, config)
    assert diagnosis.primary.kind == "leakage"
    assert diagnosis.primary.evidence["check"] == "future_covariate"


def test_a_run_of_ours_keeps_its_stored_diagnosis(demo_frame, tmp_path) -> None:
    model = Forecaster(**FAST).fit(demo_frame, target="load", time="time")
    run = model.save(tmp_path / "run")
    stored = json.loads((run / "diagnosis.json").read_text())
    diagnosis = diagnose_log(read_log(run), run)
    assert diagnosis.to_dict() == stored == model.diagnosis_.to_dict()


def test_a_keras_log_is_diagnosed_from_its_curves(tmp_path) -> None:
    n = 30
    loss = [1.0 * 0.9**i for i in range(n)]
    val = [1.0 * 0.9**i for i in range(10)] + [0.35 * 1.05**i for i in range(n - 10)]
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"loss": loss, "val_loss": val}))
    diagnosis = diagnose_log(read_log(path), path)
    assert diagnosis.primary.kind == "overfitting"


def test_csv_log_with_custom_columns(tmp_path) -> None:
    frame = pd.DataFrame({"ep": range(1, 13), "a": [1.0 / i for i in range(1, 13)],
                          "b": [1.1 / i for i in range(1, 13)]})  # fmt: skip
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    log = read_log(path, train_col="a", val_col="b")
    assert diagnose_log(log, path).kinds()  # diagnosed, whatever it says


def _converged_log(tmp_path, floor: float):
    """Both curves settle smoothly just above ``floor``: from the curves alone, a good fit."""
    loss = [floor + 0.5 * 0.6**i for i in range(30)]
    val = [floor * 1.03 + 0.5 * 0.6**i for i in range(30)]
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"loss": loss, "val_loss": val}))
    return read_log(path), path


def test_a_baseline_loss_tells_a_model_that_learnt_nothing_from_a_converged_one(tmp_path):
    log, path = _converged_log(tmp_path, floor=0.97)
    assert diagnose_log(log, path).kinds() == ["good_fit"]  # the curves cannot tell
    given = diagnose_log(log, path, baseline_loss=1.0)
    assert given.primary.kind == "underfitting"
    assert given.primary.evidence["train_over_baseline"] == pytest.approx(0.97, abs=0.01)
    learnt = diagnose_log(log, path, baseline_loss=3.0)  # a third of the trivial loss
    assert "underfitting" not in learnt.kinds()


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_a_baseline_loss_must_be_a_positive_number(tmp_path, bad):
    log, path = _converged_log(tmp_path, floor=0.97)
    with pytest.raises(ConfigError, match="--baseline-loss"):
        diagnose_log(log, path, baseline_loss=bad)


def test_a_run_of_ours_refuses_a_baseline_loss(demo_frame, tmp_path) -> None:
    run = Forecaster(**FAST).fit(demo_frame, target="load", time="time").save(tmp_path / "run")
    with pytest.raises(ConfigError, match="run directory of ours"):
        diagnose_log(read_log(run), run, baseline_loss=1.0)
