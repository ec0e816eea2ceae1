"""Tests for lstm_doctor.evaluation.backtest: folds, per-fold scalers, refit modes, intervals."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from fast_settings import FAST
from lstm_doctor import ConfigError, DataError, Forecaster, LstmDoctorError
from lstm_doctor.evaluation import backtest as backtest_module
from lstm_doctor.evaluation.backtest import diagnose_folds, parse_refit

SMALL = {**FAST, "epochs": 2, "split": "0.6,0.2,0.2"}


def _run(frame: pd.DataFrame, **options) -> dict:
    settings = {**SMALL, **options.pop("settings", {})}
    return Forecaster(**settings).backtest(
        frame, target="load", time="time", covariates=["temperature"], **options
    )


def test_folds_are_disjoint_ordered_and_respect_the_embargo(demo_frame):
    result = _run(demo_frame, n_folds=3, settings={"embargo": 2})
    folds = result["folds"]
    tests = [f["rows"]["test"] for f in folds]
    assert all(a[1] == b[0] for a, b in itertools.pairwise(tests))  # adjacent blocks
    assert tests[-1][1] == 1200  # the split's test end
    size = result["settings"]["fold_size"]
    assert size == 240 // 3
    for f in folds:
        train, val, test = (f["rows"][s] for s in ("train", "val", "test"))
        assert train[1] == val[0] and val[1] == test[0]
        # windows whose targets start after the embargo and end inside the block
        assert f["n_windows"]["test"] == size - 2 - SMALL["horizon"] + 1
        # the first test target is the row after the embargo (hourly demo series)
        first = pd.Timestamp(f["dates"]["test"][0])
        assert first == demo_frame["time"].iloc[test[0] + 2]
        assert f["test_start"] == f["dates"]["test"][0]
    assert {"mse", "mae"} <= set(result["summary"]["mse"]) | {"mse", "mae"}
    assert result["summary"]["model_beats"].keys() == {"naive", "seasonal_naive", "mean"}


def test_each_folds_scaler_is_fitted_on_its_training_rows_only(demo_frame):
    result = _run(demo_frame, n_folds=2, window="sliding")
    load = demo_frame["load"].to_numpy()
    for f in result["folds"]:
        start, end = f["rows"]["train"]
        assert f["scaler"]["train_rows"] == [start, end]
        assert f["scaler"]["center"][0][0] == pytest.approx(load[start:end].mean())
        assert f["scaler"]["scale"][0][0] == pytest.approx(load[start:end].std())
    assert result["folds"][1]["rows"]["train"][0] > 0  # sliding: the start moves


def test_a_scaler_fitted_past_the_training_rows_is_caught(demo_frame, monkeypatch):
    real = backtest_module.fit_scaler

    def leaky(kind, values, offsets, rows, columns, ids):
        return real(kind, values, offsets, np.diff(offsets), columns, ids)  # every row

    monkeypatch.setattr(backtest_module, "fit_scaler", leaky)
    with pytest.raises(LstmDoctorError, match=r"Fold 0: .*scaler"):
        _run(demo_frame, n_folds=2)


def test_refit_first_scores_the_first_model_and_scaler_on_later_folds(demo_frame):
    result = _run(demo_frame, n_folds=3, refit="first")
    folds = result["folds"]
    assert [f["training"]["refit"] for f in folds] == [True, False, False]
    assert [f["training"]["model_from_fold"] for f in folds] == [0, 0, 0]
    assert folds[2]["scaler"] == folds[0]["scaler"]
    assert "epochs" not in folds[1]["training"]


def test_refit_every_n_folds(demo_frame):
    result = _run(demo_frame, n_folds=3, refit="2", interval=None)
    assert [f["training"]["refit"] for f in result["folds"]] == [True, False, True]
    assert [f["scaler"]["fitted_in_fold"] for f in result["folds"]] == [0, 0, 2]
    assert "interval" not in result["folds"][0]


def test_warm_start_changes_only_the_later_folds(demo_frame):
    cold = _run(demo_frame, n_folds=2, interval=None)
    warm = _run(demo_frame, n_folds=2, warm_start=True, interval=None)
    assert warm["folds"][0]["metrics"] == cold["folds"][0]["metrics"]  # same seed, fresh init
    assert warm["folds"][1]["metrics"]["mse"] != cold["folds"][1]["metrics"]["mse"]
    assert warm["settings"]["warm_start"] is True


def test_intervals_report_their_coverage_per_fold(demo_frame):
    result = _run(demo_frame, n_folds=2, interval=0.8)
    for f in result["folds"]:
        interval = f["interval"]
        assert interval["level"] == 0.8
        assert interval["calibration_windows"] == f["n_windows"]["val"]
        assert 0 <= interval["coverage"] <= 1
        assert len(interval["coverage_by_step"]) == SMALL["horizon"]
        assert interval["mean_halfwidth_original"] > 0
    assert result["summary"]["interval"]["level"] == 0.8


def test_parse_refit():
    assert (parse_refit("every"), parse_refit("first"), parse_refit("3"), parse_refit(2)) == (
        1,
        0,
        3,
        2,
    )
    for bad in ("sometimes", "0", True):
        with pytest.raises(ConfigError, match="--refit must be every, first or a number"):
            parse_refit(bad)


def test_a_fold_too_short_for_its_windows_names_the_fold(demo_frame):
    with pytest.raises(DataError, match=r"Fold 0: .*test split"):
        _run(demo_frame, n_folds=2, fold_size=5)


def _fold(k: int, model: float, naive: float) -> dict:
    return {
        "fold": k,
        "test_start": f"day {k}",
        "metrics": {"mse": model},
        "val_mse": 1.0,
        "baselines": {"naive": {"mse": naive}, "seasonal_naive": None},
    }


@pytest.mark.parametrize(
    ("models", "verdict"),
    [
        ([0.5, 0.5, 0.5], "consistent"),
        ([0.5, 2.0, 0.5], "one_period"),
        ([2.0, 2.0, 0.5], "several_periods"),
        ([2.0, 2.0, 2.0], "never"),
    ],
)
def test_diagnosis_across_folds_counts_the_losing_periods(models, verdict):
    diagnosis = diagnose_folds([_fold(k, m, 1.0) for k, m in enumerate(models)])
    assert diagnosis["verdict"] == verdict
    assert len(diagnosis["losing_folds"]) == sum(m > 1 for m in models)
    if verdict == "one_period":
        assert "fold 1 (test from day 1)" in diagnosis["text"]
        assert diagnosis["worst_fold_share"] == pytest.approx(2.0 / 3.0)


def test_the_segment_architecture_backtests(demo_frame):
    settings = {"architecture": "segment", "layers": None, "covariates": ()}
    result = Forecaster(**{**SMALL, **settings}).backtest(
        demo_frame, target="load", time="time", n_folds=2, interval=None
    )
    assert [f["training"]["refit"] for f in result["folds"]] == [True, True]
    assert all(f["metrics"]["mse"] > 0 for f in result["folds"])
