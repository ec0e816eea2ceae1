"""The Python API, in the style of scikit-learn.

    >>> from lstm_doctor import Forecaster
    >>> model = Forecaster(lookback=96, horizon=24, split="8640,2880,2880")
    >>> model.fit("ETTh1.csv", target="OT", time="date")       # doctest: +SKIP
    >>> model.metrics_["test"]["mse"], model.history_.best_epoch  # doctest: +SKIP
    >>> model.predict(frame)   # the next 24 steps after the end of each series
    >>> model.save("runs/etth1"); Forecaster.load("runs/etth1")

Learned state ends in ``_`` and is set only by ``fit`` (or ``load``).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from time import perf_counter
from typing import Any

import pandas as pd
import torch

from lstm_doctor.api.estimator import Estimator
from lstm_doctor.api.forecast_diagnosis import diagnose_fit
from lstm_doctor.api.forecast_predict import export_forecaster_onnx, predict_forecast
from lstm_doctor.api.forecast_settings import (
    check_season,
    fingerprint,
    index_time,
    prepare_checked,
    split_settings,
    with_segment_length,
)
from lstm_doctor.artifacts import load_run
from lstm_doctor.artifacts.provenance import fit_provenance
from lstm_doctor.config import DataConfig, ModelConfig, RunConfig, TrainConfig
from lstm_doctor.data.load import read_table
from lstm_doctor.data.prepare import Prepared, prepare
from lstm_doctor.data.validate import validate_frame
from lstm_doctor.diagnosis.baselines import detect_season
from lstm_doctor.diagnosis.fallback import diagnose_or_warn
from lstm_doctor.errors import ConfigError
from lstm_doctor.evaluation.backtest import backtest as run_backtest
from lstm_doctor.evaluation.evaluate import evaluate_split, merge_results
from lstm_doctor.evaluation.intervals import (
    calibration_errors,
)
from lstm_doctor.models.lstm import LSTMForecaster, build_model
from lstm_doctor.models.segment_lstm import default_segment_length
from lstm_doctor.models.warm_start import load_weights
from lstm_doctor.training.device import resolve_device
from lstm_doctor.training.lr_find import LrFindResult, lr_range_test
from lstm_doctor.training.threads import auto_threads
from lstm_doctor.training.trainer import EpochCallback, train

__all__ = ["Forecaster"]

log = logging.getLogger(__name__)

_FIT_COLUMNS = ("target", "time", "id", "covariates")


class Forecaster(Estimator):
    """An LSTM forecaster with a leak-free pipeline, honest metrics and naive baselines.

    Every keyword is a field of ``DataConfig``, ``ModelConfig`` or ``TrainConfig`` (the CLI
    flags of ``lstm-doctor fit`` have the same names). ``fit`` splits the data
    chronologically, fits the scaler on the training split only, trains with early stopping
    on the validation split, and scores the model and the baselines on validation and test.

    Attributes (after fit):
        config_: the resolved RunConfig.
        model_: the trained LSTMForecaster (best weights).
        scaler_: the training-split Scaler.
        history_: the per-epoch History.
        metrics_: {"val": {...}, "test": {...}} in scaled units, plus baselines,
            original units and the model's skill over the best baseline.
        season_: the season used by seasonal naive and MASE (None if none found).
        diagnosis_: the Diagnosis of the run (curves, data checks, shift, baselines).
        calibration_: |validation errors| (windows, horizon, targets), scaled: the
            calibration set of ``predict(..., interval=...)`` (split conformal).
    """

    def _check_settings(self, settings: dict[str, Any]) -> None:
        split_settings(settings)

    # ----------------------------------------------------------------------------- fitting
    def _resolve_config(
        self, columns: dict[str, Any], data: pd.DataFrame | str | Path | None = None
    ) -> RunConfig:
        sections = split_settings(self.settings)
        given = {k: v for k, v in columns.items() if v is not None}
        time_column = index_time(data)
        if time_column is not None and "time" not in given and "time" not in sections["data"]:
            given["time"] = time_column  # a DatetimeIndex is the time axis when none is named
        if "target" not in given and "target" not in sections["data"]:
            raise ConfigError("Forecaster.fit needs a target column: fit(data, target='OT').")
        sections["data"].update(given)
        return RunConfig(
            data=DataConfig(**sections["data"]),
            model=ModelConfig(**sections["model"]),
            train=TrainConfig(**sections["train"]),
        )

    def fit(
        self,
        data: pd.DataFrame | str | Path,
        target: str | list[str] | None = None,
        *,
        time: str | None = None,
        id: str | None = None,
        covariates: str | list[str] | None = None,
        on_epoch: EpochCallback | None = None,
        checkpoint: str | Path | None = None,
        resume: bool = False,
        evaluate_test: bool = True,
        init_from: Forecaster | None = None,
    ) -> Forecaster:
        """Train on ``data`` (DataFrame, CSV or Parquet path) and score on val and test.

        With ``checkpoint`` (a file path), the training state is saved there after every
        epoch; ``resume=True`` continues a killed run from it, to the same result as an
        uninterrupted run. A checkpoint only resumes the same data and settings.
        ``evaluate_test=False`` leaves the test split unread (metrics and diagnosis use
        train and validation only), for model selection; ``finish(data)`` scores it later.
        ``init_from`` (a fitted Forecaster with the same data settings and network shape)
        starts training from its weights instead of a fresh initialization: a warm start.
        """
        config = self._resolve_config(
            {"target": target, "time": time, "id": id, "covariates": covariates}, data
        )
        self._check_resume(checkpoint, resume)
        frame, prepared, season, model = self._setup(data, config)
        config = with_segment_length(config, model)
        if init_from is not None:
            _warm_start(model, config, init_from)
        train_windows, val_windows = prepared.windows("train"), prepared.windows("val")
        device = next(model.parameters()).device
        started = perf_counter()
        with auto_threads(model, config.train.batch_size):  # unless the user chose
            history = train(
                model,
                train_windows,
                val_windows,
                config.train,
                on_epoch=on_epoch,
                checkpoint=None if checkpoint is None else Path(checkpoint),
                resume=resume,
                checkpoint_tag=fingerprint(config, prepared),
            )
        seconds = perf_counter() - started
        model = model.cpu()
        self.config_, self.model_, self.scaler_ = config, model, prepared.scaler
        self.history_, self.season_ = history, season
        self.provenance_ = fit_provenance(data, frame, config.train.seed, str(device))
        self._data = data  # what report() plots forecasts from (not saved)
        splits = ("val", "test") if evaluate_test else ("val",)
        self.metrics_ = self._score(prepared, splits)
        self.calibration_ = calibration_errors(model, prepared, "val", config.train.precision)
        self.diagnosis_ = diagnose_or_warn(
            lambda: diagnose_fit(self, frame, prepared, include_test=evaluate_test)
        )
        self.metrics_["training"] = {
            "epochs": len(history),
            "best_epoch": history.best_epoch,
            "stop_reason": history.stop_reason,
            "seconds": seconds,
            "n_windows": {"train": len(train_windows), "val": len(val_windows)},
            "device": str(device),
        }
        return self

    def _setup(
        self, data: pd.DataFrame | str | Path, config: RunConfig
    ) -> tuple[pd.DataFrame, Prepared, int | None, LSTMForecaster]:
        """Read, validate, split, scale; detect the season; build the seeded model."""
        frame = read_table(data, encoding=config.data.encoding)
        prepared = prepare_checked(frame, config)
        check_season(config.data.season, prepared)
        season = config.data.season or detect_season(
            [t[:, 0] for t in prepared.train_targets(scaled=True)],
            max_lag=config.data.lookback,
        )
        device = resolve_device(config.train.device)
        torch.manual_seed(config.train.seed)
        n_inputs, n_targets = len(prepared.panel.columns), prepared.panel.n_targets
        if config.model.normalization == "seasonal" and season and season > config.data.lookback:
            raise ConfigError(
                f"normalization 'seasonal' needs lookback >= season: lookback "
                f"{config.data.lookback} < season {season}. Raise lookback."
            )
        if config.model.architecture == "segment" and config.model.segment_length is None:
            segment = default_segment_length(config.data.lookback, season)
            config = dataclasses.replace(
                config, model=dataclasses.replace(config.model, segment_length=segment)
            )
        model = build_model(
            config.model, n_inputs, n_targets, config.data.horizon,
            lookback=config.data.lookback, season=season,
        )  # fmt: skip
        return frame, prepared, season, model.to(device)

    def prepare(
        self,
        data: pd.DataFrame | str | Path,
        target: str | list[str] | None = None,
        *,
        time: str | None = None,
        id: str | None = None,
        covariates: str | list[str] | None = None,
    ) -> Prepared:
        """``data`` validated, split and scaled exactly as ``fit`` would, without training.

        The scaler is fitted on the training split only; every split is checked to hold at
        least one window. For looking at the windows, or scoring a baseline on them.
        """
        config = self._resolve_config(
            {"target": target, "time": time, "id": id, "covariates": covariates}, data
        )
        return prepare_checked(read_table(data, encoding=config.data.encoding), config)

    def lr_find(
        self,
        data: pd.DataFrame | str | Path,
        target: str | list[str] | None = None,
        *,
        time: str | None = None,
        id: str | None = None,
        covariates: str | list[str] | None = None,
        **options: Any,
    ) -> LrFindResult:
        """LR range test on the training windows of ``data`` with this estimator's settings.

        ``options`` go to ``lr_range_test`` (min_lr, max_lr, n_steps, ...). Nothing is
        fitted: the test trains a throwaway copy of a freshly built model.
        """
        config = self._resolve_config(
            {"target": target, "time": time, "id": id, "covariates": covariates}, data
        )
        _, prepared, _, model = self._setup(data, config)
        return lr_range_test(model, prepared.windows("train"), config.train, **options)

    def backtest(
        self,
        data: pd.DataFrame | str | Path,
        target: str | list[str] | None = None,
        *,
        time: str | None = None,
        id: str | None = None,
        covariates: str | list[str] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """Rolling-origin backtest of these settings on ``data`` (nothing is fitted here).

        ``options`` go to ``lstm_doctor.evaluation.backtest.backtest``: ``n_folds`` (required),
        ``fold_size``, ``refit``, ``window``, ``warm_start``, ``interval``, ``on_fold``.
        Returns ``{"folds", "summary", "diagnosis", "settings"}``.
        """
        config = self._resolve_config(
            {"target": target, "time": time, "id": id, "covariates": covariates}
        )
        return run_backtest(read_table(data), config, **options)

    def finish(self, data: pd.DataFrame | str | Path) -> Forecaster:
        """Score the test split once, after ``fit(..., evaluate_test=False)``, and diagnose
        with it: ``metrics_`` and ``diagnosis_`` become those of a plain ``fit``."""
        self._check_fitted()
        frame = read_table(data, encoding=self.config_.data.encoding)
        prepared = self._prepare(frame)
        return self._finish_with(
            self._score(prepared, ("val", "test")),
            lambda: diagnose_fit(self, frame, prepared, include_test=True),
        )

    def _score(self, prepared: Prepared, splits: tuple[str, ...]) -> dict[str, Any]:
        precision = self.config_.train.precision
        results = {
            s: evaluate_split(self.model_, prepared, s, self.season_, precision) for s in splits
        }
        return merge_results(results, self.season_)

    # ---------------------------------------------------------------------------- using it
    def _prepare(self, data: pd.DataFrame | str | Path) -> Prepared:
        """``data`` split by the run's settings and scaled by its fitted scaler."""
        config = self.config_.data
        panel = validate_frame(read_table(data, encoding=config.encoding), config)
        return prepare(panel, self.config_.data, scaler=self.scaler_)

    def evaluate(self, data: pd.DataFrame | str | Path, split: str = "test") -> dict[str, Any]:
        """Score the fitted model and the baselines on ``data``, without refitting anything.

        ``split="test"`` applies the run's own split to ``data`` and scores its test windows
        (on the training file this reproduces ``metrics_``); ``"all"`` scores every window.
        """
        self._check_fitted()
        if split not in ("val", "test", "all"):
            raise ConfigError(f"evaluate's split must be val, test or all. Got {split!r}.")
        return self._score(self._prepare(data), (split,))

    def predict(
        self,
        data: pd.DataFrame | str | Path,
        baseline: str | None = None,
        *,
        interval: float | None = None,
        onnx: str | Path | None = None,
    ) -> pd.DataFrame:
        """Forecast the ``horizon`` steps after the end of each series in ``data``.

        Returns one row per series and step: the id column (if any), ``step`` (1..horizon),
        the forecast time (when the time column is datetime with a regular last step), and
        one column per target in original units. ``baseline`` (``naive`` or
        ``seasonal_naive``): that baseline's forecasts instead of the model's, same format.
        With ``interval`` (a level such as 0.9), ``<target>_lower`` and ``<target>_upper``
        follow each target: split conformal intervals from the validation errors, per
        horizon step (``lstm_doctor.evaluation.intervals`` says what they assume). With
        ``onnx`` (a file written by ``export_onnx``), the forecast runs in onnxruntime
        instead of torch.
        """
        self._check_fitted()
        return predict_forecast(self, data, baseline, interval=interval, onnx=onnx)

    def export_onnx(self, path: str | Path) -> Path:
        """Write the model as ONNX: scaled inputs (batch, lookback, inputs) to the scaled
        forecast (batch, horizon, targets); per-window normalization is inside the graph.
        See ``lstm_doctor.export.onnx``."""
        self._check_fitted()
        return export_forecaster_onnx(self, path)

    # --------------------------------------------------------------------------- persistence
    def _run_meta(self) -> dict[str, Any]:
        return {
            "shape": {
                "n_inputs": self.model_.n_inputs,
                "n_targets": self.model_.n_targets,
                "horizon": self.model_.horizon,
                "lookback": self.config_.data.lookback,  # checked on load: not in the weights
            },
            "season": self.season_,
        }

    @classmethod
    def load(cls, path: str | Path) -> Forecaster:
        """Rebuild a fitted Forecaster from a run directory (never unpickles anything)."""
        run = load_run(path)
        settings = {**run.config.data.to_dict(), **run.config.model.to_dict()}
        settings.update(run.config.train.to_dict())
        settings = {k: tuple(v) if isinstance(v, list) else v for k, v in settings.items()}
        forecaster = cls(**settings)
        forecaster._restore(run)
        forecaster.season_ = run.meta.get("season")
        forecaster.calibration_ = run.calibration
        return forecaster

    def report(
        self, path: str | Path, data: pd.DataFrame | str | Path | None = None, **extra: Any
    ) -> Path:
        """Write the one-file HTML report of this model to ``path`` and return the path.

        ``data`` defaults to what ``fit`` read (or, for a loaded model, the file its run
        recorded, if it is still there unchanged); ``extra`` goes to ``forecast_report``
        (``treatment``, ``study``).
        """
        from lstm_doctor.reporting.run_report import forecaster_report_file

        self._check_fitted()
        return forecaster_report_file(self, path, data=data, **extra)


def _warm_start(model: torch.nn.Module, config: RunConfig, source: Forecaster) -> None:
    """Copy ``source``'s weights into ``model``; both must see the same data the same way."""
    source._check_fitted()
    if source.config_.data != config.data:
        raise ConfigError(
            "init_from must be fitted with the same data settings (target, split, lookback, "
            "...); fit without init_from to change them."
        )
    load_weights(model, source.model_, same="layers, units, head and normalization")
