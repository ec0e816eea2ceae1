"""The verdict against the best naive baseline: beats, cannot tell, or does not beat."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_doctor.api.forecaster import Forecaster
from lstm_doctor.api.heal_verdict import (
    baseline_verdict,
    best_baseline_val,
    split_losses,
    window_losses,
)


@pytest.fixture(scope="module")
def fitted(request):
    from lstm_doctor.data import make_demo_frame

    frame = make_demo_frame(n_hours=900, seed=4)
    model = Forecaster(lookback=24, horizon=6, epochs=4, batch_size=32, units=16, layers=1,
                       seed=0)  # fmt: skip
    return model.fit(frame, "load", time="time", evaluate_test=False), frame


def test_baseline_window_losses_average_to_the_baselines_val_mse(fitted) -> None:
    model, frame = fitted
    name, mse = best_baseline_val(model)
    keys, ours = window_losses(model, frame)
    same_keys, both = split_losses(model, frame, baselines=(name,))
    theirs = both[name]
    assert np.array_equal(keys, same_keys) and np.array_equal(both["model"], ours)
    assert theirs.mean() == pytest.approx(mse, rel=1e-5)
    assert ours.mean() == pytest.approx(model.metrics_["val"]["mse"], rel=1e-5)


def _with(model: Forecaster, model_mse: float, baseline_mse: float) -> Forecaster:
    """The fitted model with its recorded val MSE replaced, the best baseline's set to
    ``baseline_mse`` and every other baseline's far above it."""
    name, _ = best_baseline_val(model)
    model.metrics_ = {**model.metrics_, "val": {**model.metrics_["val"], "mse": model_mse}}
    baselines = {}
    for other, values in model.metrics_["baselines"].items():
        if values is None:
            baselines[other] = None
            continue
        mse = baseline_mse if other == name else 10 * baseline_mse
        values = dict(values)
        if "val" in values:
            values["val"] = {**values["val"], "mse": mse}
        else:
            values["mse"] = mse
        baselines[other] = values
    model.metrics_["baselines"] = baselines
    return model


def test_a_lower_val_mse_on_a_small_split_needs_half_the_baselines(fitted) -> None:
    model, frame = fitted
    saved = model.metrics_
    try:
        close = baseline_verdict(_with(model, 0.9, 1.0), frame, small_validation=True)
        assert close["lower_val_mse"] and not close["beats_best_baseline_on_val"]
        assert close["text"].startswith("cannot tell from") and "--baseline" in close["text"]
        far = baseline_verdict(_with(model, 0.4, 1.0), frame, small_validation=True)
        assert far["beats_best_baseline_on_val"] and far["text"].startswith("beats")
        above = baseline_verdict(_with(model, 1.2, 1.0), frame, small_validation=True)
        assert not above["lower_val_mse"] and above["text"].startswith("does NOT beat")
    finally:
        model.metrics_ = saved


def test_on_a_large_split_the_paired_test_decides(fitted, monkeypatch) -> None:
    # 2000 validation windows of the 6-step horizon (40 effective ones): per-window losses
    # are scripted, the baseline's and the model's on the same windows.
    from lstm_doctor.api import heal_verdict

    model, frame = fitted
    rng = np.random.default_rng(0)
    baseline = rng.gamma(4.0, 0.25, 2000)
    keys = np.arange(2000, dtype=np.int64)

    def verdict_for(model_losses: np.ndarray) -> dict:
        def scripted(forecaster, data, split="val", baselines=()):
            return keys, {"model": model_losses, **{name: baseline for name in baselines}}

        monkeypatch.setattr(heal_verdict, "split_losses", scripted)
        saved = model.metrics_
        try:
            return baseline_verdict(_with(model, model_losses.mean(), baseline.mean()), frame)
        finally:
            model.metrics_ = saved

    clear = verdict_for(0.8 * baseline * np.exp(0.05 * rng.standard_normal(2000)))
    assert clear["beats_best_baseline_on_val"] and clear["evidence"]["kept"]
    assert clear["evidence"]["rule"].startswith("paired test")
    assert clear["evidence"]["alpha_one_sided"] == 0.05
    # 1.3% lower on average under 50% window noise: -1.3% [-3.3%, +0.7%]
    wobble = np.random.default_rng(1).standard_normal(2000)
    noise = verdict_for(baseline * np.exp(0.5 * wobble - 0.13))
    assert noise["lower_val_mse"] and not noise["beats_best_baseline_on_val"], noise
    assert noise["text"].startswith("cannot tell from") and "paired interval" in noise["text"]
