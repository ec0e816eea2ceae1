from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from fast_settings import FAST
from lstm_doctor import ArtifactError, ConfigError, DataError, Forecaster, NotFittedError


@pytest.fixture
def fitted(demo_frame: pd.DataFrame) -> Forecaster:
    model = Forecaster(**FAST)
    return model.fit(demo_frame, target="load", time="time", covariates=["temperature"])


def test_fit_sets_learned_state_and_reports_baselines(fitted: Forecaster) -> None:
    assert len(fitted.history_) == 3
    assert fitted.history_.best_epoch in (1, 2, 3)
    metrics = fitted.metrics_
    for split in ("val", "test"):
        assert set(metrics[split]) == {"mse", "mae", "rmse", "smape", "mase"}
    assert set(metrics["baselines"]) == {"naive", "seasonal_naive", "mean"}
    assert metrics["season"] == 24
    assert metrics["baselines"]["naive"]["val"]["mse"] > 0
    assert metrics["skill"]["best_baseline"] in metrics["baselines"]
    # The original-unit MSE is the scaled one times the target's training variance.
    scale = fitted.scaler_.scale[0, 0]
    original = metrics["original_units"]["metrics"]["test"]["mse"]
    assert original == pytest.approx(metrics["test"]["mse"] * scale**2, rel=1e-4)


def test_predict_forecasts_the_horizon_after_the_end(fitted, demo_frame) -> None:
    forecast = fitted.predict(demo_frame)
    assert list(forecast.columns) == ["step", "time", "load"]
    assert forecast["step"].tolist() == list(range(1, 7))
    last = demo_frame["time"].iloc[-1]
    assert forecast["time"].iloc[0] == last + pd.Timedelta(hours=1)
    assert np.isfinite(forecast["load"]).all()
    # Forecasts are in original units: near the series level, not near 0.
    assert abs(forecast["load"].mean() - demo_frame["load"].tail(200).mean()) < 5


def test_save_load_gives_identical_predictions_and_metrics(fitted, demo_frame, tmp_path) -> None:
    fitted.save(tmp_path / "run")
    loaded = Forecaster.load(tmp_path / "run")
    pd.testing.assert_frame_equal(loaded.predict(demo_frame), fitted.predict(demo_frame))
    again = loaded.evaluate(demo_frame)
    assert again["test"]["mse"] == pytest.approx(fitted.metrics_["test"]["mse"], rel=1e-9)
    assert again["baselines"]["naive"]["mse"] == pytest.approx(
        fitted.metrics_["baselines"]["naive"]["mse"], rel=1e-9
    )
    pd.testing.assert_frame_equal(
        loaded.history_.to_frame(), fitted.history_.to_frame(), check_dtype=False, rtol=1e-8
    )
    assert loaded.history_.best_epoch == fitted.history_.best_epoch


def test_evaluate_all_scores_every_window(fitted, demo_frame) -> None:
    result = fitted.evaluate(demo_frame, split="all")
    assert result["n_windows"]["all"] == len(demo_frame) - 24 - 6 + 1


def test_same_seed_same_run(demo_frame) -> None:
    runs = [
        Forecaster(**FAST, seed=7).fit(demo_frame, target="load", time="time") for _ in range(2)
    ]
    a, b = (r.history_.to_frame().drop(columns="seconds") for r in runs)
    pd.testing.assert_frame_equal(a, b)
    assert runs[0].metrics_["test"] == runs[1].metrics_["test"]


def test_global_model_over_several_series(panel_frame) -> None:
    model = Forecaster(**{**FAST, "lookback": 12, "horizon": 4})
    model.fit(panel_frame, target="y", time="time", id="sid", covariates="x")
    assert model.scaler_.series_ids == ("a", "b")
    # Each series is scaled with its own training statistics.
    assert model.scaler_.center[0, 0] > 5 > -2 > model.scaler_.center[1, 0]
    forecast = model.predict(panel_frame)
    assert forecast.groupby("sid").size().to_dict() == {"a": 4, "b": 4}
    unknown = panel_frame.assign(sid=panel_frame["sid"].replace({"b": "c"}))
    with pytest.raises(DataError, match="Series 'c' was not in the training data"):
        model.predict(unknown)


def test_unknown_setting_is_rejected_at_construction() -> None:
    with pytest.raises(ConfigError, match="unknown setting 'lookbak'"):
        Forecaster(lookbak=10)


def test_fit_without_target_is_a_config_error(demo_frame) -> None:
    with pytest.raises(ConfigError, match="needs a target column"):
        Forecaster(**FAST).fit(demo_frame)


def test_using_an_unfitted_model_raises() -> None:
    with pytest.raises(NotFittedError, match="not fitted yet"):
        Forecaster().predict(pd.DataFrame({"y": [1.0, 2.0]}))


def test_predict_needs_a_full_lookback(fitted, demo_frame) -> None:
    with pytest.raises(DataError, match="predict needs the last 24"):
        fitted.predict(demo_frame.head(10))


def test_evaluate_rejects_unknown_split(fitted, demo_frame) -> None:
    with pytest.raises(ConfigError, match="val, test or all"):
        fitted.evaluate(demo_frame, split="train")


def test_a_killed_fit_resumes_to_the_same_model(demo_frame, tmp_path) -> None:
    settings = {**FAST, "epochs": 4, "patience": None}
    whole = Forecaster(**settings).fit(demo_frame, target="load", time="time")

    def kill_after_epoch_2(row: dict[str, float]) -> None:
        if row["epoch"] == 2:
            raise SystemExit("killed")

    checkpoint = tmp_path / "fit.ckpt"
    with pytest.raises(SystemExit):
        Forecaster(**settings).fit(
            demo_frame, target="load", time="time", checkpoint=checkpoint,
            on_epoch=kill_after_epoch_2,
        )  # fmt: skip
    resumed = Forecaster(**settings).fit(
        demo_frame, target="load", time="time", checkpoint=checkpoint, resume=True
    )
    assert resumed.metrics_["test"] == whole.metrics_["test"]
    assert len(resumed.history_) == 4


def test_resume_needs_a_checkpoint(demo_frame, tmp_path) -> None:
    with pytest.raises(ConfigError, match="Nothing to resume"):
        Forecaster(**FAST).fit(
            demo_frame, target="load", checkpoint=tmp_path / "none.ckpt", resume=True
        )


def test_fit_can_leave_the_test_split_unread_until_finish(demo_frame) -> None:
    model = Forecaster(**FAST).fit(demo_frame, target="load", time="time", evaluate_test=False)
    assert "test" not in model.metrics_
    assert all(f.evidence.get("split") != "test" for f in model.diagnosis_.findings)
    whole = Forecaster(**FAST).fit(demo_frame, target="load", time="time")
    model.finish(demo_frame)
    assert model.metrics_["test"] == whole.metrics_["test"]
    assert model.diagnosis_.to_dict() == whole.diagnosis_.to_dict()


def test_a_warm_start_begins_from_the_given_weights(fitted, demo_frame) -> None:
    columns = {"target": "load", "time": "time", "covariates": ["temperature"]}
    frozen = Forecaster(**{**FAST, "epochs": 1, "lr": 1e-12})  # one epoch that moves nothing
    warm = frozen.fit(demo_frame, **columns, init_from=fitted)
    for name, weight in fitted.model_.state_dict().items():
        torch.testing.assert_close(warm.model_.state_dict()[name], weight, atol=1e-6, rtol=0)
    assert warm.metrics_["val"]["mse"] == pytest.approx(fitted.metrics_["val"]["mse"], rel=1e-4)
    cold = Forecaster(**{**FAST, "epochs": 1, "lr": 1e-12}).fit(demo_frame, **columns)
    assert cold.metrics_["val"]["mse"] != pytest.approx(fitted.metrics_["val"]["mse"], rel=1e-4)


def test_a_warm_start_needs_the_same_shape_and_data(fitted, demo_frame) -> None:
    columns = {"target": "load", "time": "time", "covariates": ["temperature"]}
    with pytest.raises(ConfigError, match="network shape"):
        Forecaster(**{**FAST, "units": 16}).fit(demo_frame, **columns, init_from=fitted)
    with pytest.raises(ConfigError, match="same data settings"):
        Forecaster(**{**FAST, "lookback": 12}).fit(demo_frame, **columns, init_from=fitted)


@pytest.mark.parametrize(("before", "after"), [(0.0, 0.3), (0.3, 0.0), (0.2, 0.4)])
def test_a_warm_start_crosses_weight_drop_on_and_off(demo_frame, before, after) -> None:
    columns = {"target": "load", "time": "time"}
    source = Forecaster(**{**FAST, "weight_drop": before}).fit(demo_frame, **columns)
    frozen = {**FAST, "epochs": 1, "lr": 1e-12, "weight_drop": after}
    warm = Forecaster(**frozen).fit(demo_frame, **columns, init_from=source)
    ours = warm.model_.state_dict()
    for name, weight in source.model_.state_dict().items():
        key = name if name in ours else (name + "_raw" if after else name.removesuffix("_raw"))
        torch.testing.assert_close(ours[key], weight, atol=1e-6, rtol=0)


def test_prepare_splits_and_scales_as_fit_does_without_training(demo_frame):
    forecaster = Forecaster(lookback=24, horizon=6, epochs=1)
    prepared = forecaster.prepare(demo_frame, target="load", time="time")
    assert not hasattr(forecaster, "model_")  # nothing was fitted
    fitted = Forecaster(lookback=24, horizon=6, epochs=1).fit(demo_frame, "load", time="time")
    assert prepared.scaler.to_dict() == fitted.scaler_.to_dict()
    assert len(prepared.windows("val")) == fitted.metrics_["training"]["n_windows"]["val"]


@pytest.mark.slow
def test_report_plots_the_data_fit_read_and_a_loaded_run_without_it(fitted, tmp_path) -> None:
    html = fitted.report(tmp_path / "r.html").read_text()
    assert 'id="forecast"' in html and 'id="errors"' in html
    assert fitted.provenance_["data"]["rows"] == 1200  # the demo frame of the fixture
    loaded = Forecaster.load(fitted.save(tmp_path / "run"))
    html = loaded.report(tmp_path / "s.html").read_text()  # fitted on a DataFrame: not kept
    assert "report(path, data=frame)" in html and 'id="errors"' not in html
    with pytest.raises(NotFittedError, match="not fitted"):
        Forecaster().report(tmp_path / "x.html")


def test_predict_interval_adds_conformal_bounds_that_survive_save_and_load(
    fitted, demo_frame, tmp_path
) -> None:
    forecast = fitted.predict(demo_frame, interval=0.8)
    assert list(forecast.columns) == ["step", "time", "load", "load_lower", "load_upper"]
    # half-width of step h: the validation errors' conformal quantile, in original units
    from lstm_doctor.evaluation.intervals import conformal_halfwidth

    half = conformal_halfwidth(fitted.calibration_, 0.8)[:, 0] * fitted.scaler_.scale[0, 0]
    np.testing.assert_allclose(forecast["load_upper"] - forecast["load"], half, rtol=1e-6)
    np.testing.assert_allclose(forecast["load"] - forecast["load_lower"], half, rtol=1e-6)
    assert fitted.calibration_.shape == (fitted.metrics_["n_windows"]["val"], 6, 1)
    fitted.save(tmp_path / "run")
    loaded = Forecaster.load(tmp_path / "run")
    pd.testing.assert_frame_equal(loaded.predict(demo_frame, interval=0.8), forecast)
    (tmp_path / "run" / "calibration.safetensors").unlink()  # a run saved before intervals
    with pytest.raises(ArtifactError, match="has no calibration errors"):
        Forecaster.load(tmp_path / "run").predict(demo_frame, interval=0.8)
    with pytest.raises(ConfigError, match="--interval must be a coverage level"):
        fitted.predict(demo_frame, interval=90)


def test_seasonal_normalization_starts_at_seasonal_naive_and_survives_save_load(
    demo_frame, tmp_path
) -> None:
    settings = {**FAST, "normalization": "seasonal", "season": 24, "lookback": 48}
    model = Forecaster(**settings).fit(demo_frame, target="load", time="time")
    # with a zero head the model forecasts exactly seasonal naive
    with torch.no_grad():
        model.model_.head.weight.zero_()
        model.model_.head.bias.zero_()
    again = model.evaluate(demo_frame)
    assert again["test"]["mse"] == pytest.approx(again["baselines"]["seasonal_naive"]["mse"])
    model.save(tmp_path / "run")
    pd.testing.assert_frame_equal(Forecaster.load(tmp_path / "run").predict(demo_frame),
                                  model.predict(demo_frame))  # fmt: skip


def test_seasonal_normalization_needs_a_season_within_the_lookback(demo_frame) -> None:
    settings = {**FAST, "normalization": "seasonal", "season": 24, "lookback": 12}
    with pytest.raises(ConfigError, match="needs lookback >= season: lookback 12 < season 24"):
        Forecaster(**settings).fit(demo_frame, target="load", time="time")


SEGMENT = {**FAST, "architecture": "segment", "layers": None, "epochs": 2}
TWO_TARGETS = ["load", "temperature"]


@pytest.fixture
def segment_fitted(demo_frame: pd.DataFrame) -> Forecaster:
    return Forecaster(**SEGMENT).fit(demo_frame, target=TWO_TARGETS, time="time")


def test_segment_fit_resolves_its_defaults_into_the_config(segment_fitted) -> None:
    config = segment_fitted.config_
    # The demo series is hourly with a daily season: the segment is a day, a divisor of 24.
    assert segment_fitted.season_ == 24
    assert config.model.segment_length == 6  # lookback 24 keeps at least 4 segments
    assert segment_fitted.model_.segment_length == 6
    assert (config.model.layers, config.model.normalization) == (1, "last_value")
    assert config.train.loss == "mae"
    assert np.isfinite(segment_fitted.metrics_["test"]["mse"])
    assert segment_fitted.diagnosis_ is not None


def test_segment_save_load_gives_identical_predictions(segment_fitted, demo_frame, tmp_path):
    segment_fitted.save(tmp_path / "run")
    loaded = Forecaster.load(tmp_path / "run")
    assert loaded.config_ == segment_fitted.config_
    pd.testing.assert_frame_equal(loaded.predict(demo_frame), segment_fitted.predict(demo_frame))
    again = loaded.evaluate(demo_frame)
    assert again["test"]["mse"] == pytest.approx(segment_fitted.metrics_["test"]["mse"], rel=1e-9)


def test_segment_seeds_reproduce(demo_frame) -> None:
    def fit(seed: int) -> float:
        forecaster = Forecaster(**SEGMENT, seed=seed)
        return forecaster.fit(demo_frame, target=TWO_TARGETS, time="time").metrics_["test"]["mse"]

    first = fit(0)
    assert fit(0) == first
    assert fit(1) != first


def test_segment_resumes_and_finds_a_learning_rate(demo_frame, tmp_path) -> None:
    settings = {**SEGMENT, "epochs": 3, "patience": None, "decoder": "recurrent"}
    whole = Forecaster(**settings).fit(demo_frame, target=TWO_TARGETS, time="time")

    def kill_after_epoch_2(row: dict[str, float]) -> None:
        if row["epoch"] == 2:
            raise SystemExit("killed")

    checkpoint = tmp_path / "fit.ckpt"
    with pytest.raises(SystemExit):
        Forecaster(**settings).fit(
            demo_frame, target=TWO_TARGETS, time="time", checkpoint=checkpoint,
            on_epoch=kill_after_epoch_2,
        )  # fmt: skip
    resumed = Forecaster(**settings).fit(
        demo_frame, target=TWO_TARGETS, time="time", checkpoint=checkpoint, resume=True
    )
    assert resumed.metrics_["test"] == whole.metrics_["test"]
    result = Forecaster(**settings).lr_find(demo_frame, TWO_TARGETS, time="time", n_steps=10)
    assert len(result.lrs) == 10


def test_segment_trains_in_bf16(demo_frame) -> None:
    forecaster = Forecaster(**{**SEGMENT, "precision": "bf16", "epochs": 1})
    forecaster.fit(demo_frame, target=TWO_TARGETS, time="time")
    assert np.isfinite(forecaster.metrics_["test"]["mse"])


def test_segment_refuses_covariates(demo_frame) -> None:
    with pytest.raises(ConfigError, match=r"architecture 'segment'.*takes no covariates"):
        Forecaster(**SEGMENT).fit(
            demo_frame, target="load", time="time", covariates=["temperature"]
        )


@pytest.mark.parametrize("loss", ["mae", "huber"])
def test_early_stopping_selects_on_validation_mse_whatever_the_loss(demo_frame, loss) -> None:
    forecaster = Forecaster(**FAST, loss=loss).fit(demo_frame, target="load", time="time")
    history = forecaster.history_
    assert forecaster.config_.train.loss == loss
    best = min(range(len(history)), key=lambda i: history.column("val_loss")[i])
    assert history.best_epoch == best + 1
    # val_loss is the validation MSE of the chosen weights.
    val = forecaster.metrics_["val"]["mse"]
    assert history.column("val_loss")[best] == pytest.approx(val, rel=1e-5)


def test_forecasts_of_data_with_utc_offsets_are_stamped_in_its_zone(fitted, demo_frame) -> None:
    # The same hours written as Berlin local time with offsets that change at DST.
    local = demo_frame["time"].dt.tz_localize("UTC").dt.tz_convert("Europe/Berlin")
    frame = demo_frame.assign(time=local.dt.strftime("%Y-%m-%dT%H:%M:%S%z"))
    forecast = fitted.predict(frame)
    last = pd.Timestamp(frame["time"].iloc[-1])
    assert forecast["time"].iloc[0] == last + pd.Timedelta(hours=1)
    assert forecast["time"].iloc[0].utcoffset() == last.utcoffset()
    assert np.allclose(forecast["load"], fitted.predict(demo_frame)["load"])


def test_a_datetime_index_is_the_time_axis_and_shuffled_rows_are_caught(demo_frame) -> None:
    indexed = demo_frame.set_index("time")
    model = Forecaster(**FAST).fit(indexed, target="load")
    assert model.config_.data.time == "time"
    assert model.predict(indexed)["time"].iloc[0] == demo_frame["time"].iloc[-1] + pd.Timedelta(
        hours=1
    )
    shuffled = indexed.sample(frac=1.0, random_state=0)
    with pytest.raises(DataError, match=r"Time column 'time' is not increasing"):
        Forecaster(**FAST).fit(shuffled, target="load")


def test_a_season_longer_than_the_training_split_is_refused(demo_frame) -> None:
    with pytest.raises(ConfigError, match=r"--season 900 is not shorter than the training split"):
        Forecaster(**FAST, season=900).fit(demo_frame, target="load", time="time")


def test_a_boolean_target_gets_a_note(demo_frame, caplog) -> None:
    frame = demo_frame.assign(high=demo_frame["load"] > demo_frame["load"].median())
    with caplog.at_level("WARNING"):
        Forecaster(**{**FAST, "epochs": 1}).prepare(frame, target="high", time="time")
    assert "Target column 'high' is boolean" in caplog.text
