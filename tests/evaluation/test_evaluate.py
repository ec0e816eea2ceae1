from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_doctor.config import DataConfig, ModelConfig
from lstm_doctor.data import validate_frame
from lstm_doctor.data.prepare import prepare
from lstm_doctor.evaluation.evaluate import evaluate_split, merge_results, skill_summary
from lstm_doctor.models import build_model


def test_baselines_in_original_units_match_a_hand_computation(demo_frame) -> None:
    config = DataConfig(target=("load",), time="time", lookback=24, horizon=6)
    prepared = prepare(validate_frame(demo_frame, config), config)
    torch.manual_seed(0)
    model = build_model(ModelConfig(layers=1, units=4), 1, 1, 6)
    result = evaluate_split(model, prepared, "test", season=24)

    y = demo_frame["load"].to_numpy()
    n = len(y)
    b1 = int(n * 0.7) + int(n * 0.1)
    targets = np.arange(b1, n - 6 + 1)  # first target row of every test window
    truth = np.stack([y[t : t + 6] for t in targets])
    naive = np.repeat(y[targets - 1][:, None], 6, axis=1)
    seasonal = np.stack([y[t - 24 : t - 24 + 6] for t in targets])
    original = result["original_units"]["baselines"]
    assert result["n_windows"] == len(targets)
    assert original["naive"]["mse"] == pytest.approx(np.mean((naive - truth) ** 2), rel=1e-5)
    assert original["seasonal_naive"]["mae"] == pytest.approx(
        np.mean(np.abs(seasonal - truth)), rel=1e-5
    )
    train_mean = y[: int(n * 0.7)].mean()
    assert original["mean"]["mse"] == pytest.approx(np.mean((train_mean - truth) ** 2), rel=1e-5)


def test_skill_summary_picks_the_best_baseline() -> None:
    result = {
        "model": {"mse": 0.5},
        "baselines": {"naive": {"mse": 1.0}, "seasonal_naive": None, "mean": {"mse": 2.0}},
    }
    summary = skill_summary(result)
    assert summary == {"best_baseline": "naive", "best_baseline_mse": 1.0, "skill": 0.5}


def _result(mse: float, seasonal: float | None) -> dict:
    metrics = {"mse": mse}
    baselines = {
        "naive": {"mse": 1.0},
        "seasonal_naive": None if seasonal is None else {"mse": seasonal},
    }
    return {
        "n_windows": 10,
        "model": metrics,
        "baselines": baselines,
        "original_units": {
            "model": {"mse": 4 * mse},
            "baselines": {"naive": {"mse": 4.0}, "seasonal_naive": None},
        },
    }


def test_merge_results_puts_the_headline_split_on_top() -> None:
    report = merge_results({"val": _result(0.5, 0.7), "test": _result(0.8, None)}, season=24)
    assert report["val"] == {"mse": 0.5} and report["test"] == {"mse": 0.8}
    assert report["baselines"]["naive"] == {"mse": 1.0, "val": {"mse": 1.0}}
    assert report["baselines"]["seasonal_naive"] is None  # None on the headline split
    assert report["original_units"]["metrics"]["test"] == {"mse": 3.2}
    assert report["original_units"]["baselines"]["naive"] == {"mse": 4.0, "val": {"mse": 4.0}}
    assert report["skill"]["best_baseline"] == "naive"
    assert report["skill"]["skill"] == pytest.approx(0.2)
    assert report["season"] == 24 and report["n_windows"] == {"val": 10, "test": 10}
