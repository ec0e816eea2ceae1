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
import hashlib
import json
import logging
from pathlib import Path
from time import perf_counter
from typing import Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor.artifacts import load_run, save_run
from lstm_doctor.backtest import backtest as run_backtest
from lstm_doctor.baseline_predict import baseline_forecast
from lstm_doctor.config import DataConfig, ModelConfig, RunConfig, TrainConfig
from lstm_doctor.conformal import calibration_errors, conformal_halfwidth, interval_columns
from lstm_doctor.data.load import read_table
from lstm_doctor.data.prepare import Prepared, apply_scaler, prepare
from lstm_doctor.data.validate import Panel, validate_frame
from lstm_doctor.data.windows import Windows
from lstm_doctor.diagnosis.baselines import detect_season
from lstm_doctor.diagnosis.checks import check_data
from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose
from lstm_doctor.diagnosis.fallback import diagnose_or_warn
from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.diagnosis.residuals import residual_predictability
from lstm_doctor.diagnosis.shift import diagnose_shift
from lstm_doctor.errors import ArtifactError, ConfigError, DataError, NotFittedError
from lstm_doctor.evaluation import baseline_mse, evaluate_split, merge_results
from lstm_doctor.models.lstm import LSTMForecaster, build_model
from lstm_doctor.models.segment_lstm import default_segment_length
from lstm_doctor.models.warm_start import load_weights
from lstm_doctor.onnx_export import OnnxModule, export_forecaster, load_session
from lstm_doctor.provenance import fit_provenance
from lstm_doctor.training.device import resolve_device
from lstm_doctor.training.inference import predict_windows
from lstm_doctor.training.lr_find import LrFindResult, lr_range_test
from lstm_doctor.training.threads import auto_threads
from lstm_doctor.training.trainer import EpochCallback, train

__all__ = ["Forecaster"]

log = logging.getLogger(__name__)

_SECTIONS = {
    "data": {f.name for f in dataclasses.fields(DataConfig)},
    "model": {f.name for f in dataclasses.fields(ModelConfig)},
    "train": {f.name for f in dataclasses.fields(TrainConfig)},
}
_FIT_COLUMNS = ("target", "time", "id", "covariates")


def _split_settings(settings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {"data": {}, "model": {}, "train": {}}
    for name, value in settings.items():
        section = next((k for k, names in _SECTIONS.items() if name in names), None)
        if section is None:
            known = sorted(set().union(*_SECTIONS.values()))
            raise ConfigError(
                f"Forecaster got an unknown setting {name!r}. Known settings: {', '.join(known)}."
            )
        out[section][name] = value
    return out


def _prepare_checked(frame: pd.DataFrame, config: RunConfig) -> Prepared:
    prepared = prepare(validate_frame(frame, config.data), config.data)
    for split in ("train", "val", "test"):  # fail now, not after training: too short
        prepared.windows(split)
    return prepared


class Forecaster:
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

    def __init__(self, **settings: Any) -> None:
        self.settings = dict(settings)
        _split_settings(self.settings)  # reject unknown names now, not at fit time

    def get_params(self) -> dict[str, Any]:
        return dict(self.settings)

    # ----------------------------------------------------------------------------- fitting
    def _resolve_config(
        self, columns: dict[str, Any], data: pd.DataFrame | str | Path | None = None
    ) -> RunConfig:
        sections = _split_settings(self.settings)
        given = {k: v for k, v in columns.items() if v is not None}
        index_time = _index_time(data)
        if index_time is not None and "time" not in given and "time" not in sections["data"]:
            given["time"] = index_time  # a DatetimeIndex is the time axis when none is named
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
        if resume and (checkpoint is None or not Path(checkpoint).exists()):
            raise ConfigError(
                f"Nothing to resume: no checkpoint at {str(checkpoint)!r}. Run without resume."
            )
        frame, prepared, season, model = self._setup(data, config)
        config = _with_segment_length(config, model)
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
                checkpoint_tag=_fingerprint(config, prepared),
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
            lambda: self._diagnose(frame, prepared, include_test=evaluate_test)
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
        prepared = _prepare_checked(frame, config)
        _check_season(config.data.season, prepared)
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
        return _prepare_checked(read_table(data, encoding=config.data.encoding), config)

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

        ``options`` go to ``lstm_doctor.backtest.backtest``: ``n_folds`` (required),
        ``fold_size``, ``refit``, ``window``, ``warm_start``, ``interval``, ``on_fold``.
        Returns ``{"folds", "summary", "diagnosis", "settings"}``.
        """
        config = self._resolve_config(
            {"target": target, "time": time, "id": id, "covariates": covariates}
        )
        return run_backtest(read_table(data), config, **options)

    def resolved_settings(self) -> dict[str, Any]:
        """The resolved settings as one flat dict (the names of the CLI flags)."""
        self._check_fitted()
        config = self.config_
        flat = {**config.data.to_dict(), **config.model.to_dict(), **config.train.to_dict()}
        flat["weight_decay"] = config.train.resolved_weight_decay
        return flat

    def finish(self, data: pd.DataFrame | str | Path) -> Forecaster:
        """Score the test split once, after ``fit(..., evaluate_test=False)``, and diagnose
        with it: ``metrics_`` and ``diagnosis_`` become those of a plain ``fit``."""
        self._check_fitted()
        frame = read_table(data, encoding=self.config_.data.encoding)
        prepared = self._prepare(frame)
        training = self.metrics_.get("training")
        self.metrics_ = self._score(prepared, ("val", "test"))
        if training is not None:
            self.metrics_["training"] = training
        self.diagnosis_ = diagnose_or_warn(
            lambda: self._diagnose(frame, prepared, include_test=True)
        )
        return self

    def _diagnose(self, frame: pd.DataFrame, prepared: Prepared, include_test: bool) -> Diagnosis:
        """Curves, shift, baselines (and, with the test split, the data checks), ranked."""
        metrics = self.metrics_
        computed = {k: v for k, v in metrics["baselines"].items() if v is not None}

        def val_mse(baseline: dict[str, Any]) -> float:  # val is nested unless it is the headline
            return baseline["val"]["mse"] if "val" in baseline else baseline["mse"]

        context = RunContext(
            settings=self.resolved_settings(),
            baselines_train=baseline_mse(prepared, "train", self.season_),
            baselines_val={k: val_mse(v) for k, v in computed.items()},
            baselines_test={k: v["mse"] for k, v in computed.items()} if include_test else None,
            model_val=metrics["val"]["mse"],
            model_test=metrics["test"]["mse"] if include_test else None,
            residual_r2=residual_predictability(self._train_residuals(prepared)),
        )
        if include_test:
            data_findings = check_data(frame, prepared) + diagnose_shift(prepared)
        else:  # the data checks and the test shift read test rows: not during selection
            data_findings = diagnose_shift(prepared, splits=("val",))
        return diagnose(self.history_, context, data_findings)

    def _train_residuals(self, prepared: Prepared) -> list[np.ndarray]:
        """One-step-ahead training errors, one array per series and target, in time order."""
        windows = prepared.windows("train")
        forecast = predict_windows(self.model_, windows, self.config_.train.precision)
        starts, series = windows.starts.numpy(), windows.series.numpy()
        truth = prepared.data.numpy()[starts + windows.lookback, : windows.n_targets]
        errors = forecast[:, 0, :] - truth
        return [
            errors[series == s, j]
            for s in range(prepared.panel.n_series)
            for j in range(windows.n_targets)
        ]

    def _score(self, prepared: Prepared, splits: tuple[str, ...]) -> dict[str, Any]:
        precision = self.config_.train.precision
        results = {
            s: evaluate_split(self.model_, prepared, s, self.season_, precision) for s in splits
        }
        return merge_results(results, self.season_)

    # ---------------------------------------------------------------------------- using it
    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise NotFittedError(
                "This Forecaster is not fitted yet; call fit(...) or Forecaster.load(path) first."
            )

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
        horizon step (``lstm_doctor.conformal`` says what they assume). With ``onnx`` (a file
        written by ``export_onnx``), the forecast runs in onnxruntime instead of torch.
        """
        self._check_fitted()
        config = self.config_.data
        panel = validate_frame(read_table(data, encoding=config.encoding), config)
        lookback, horizon = config.lookback, config.horizon
        short = np.flatnonzero(panel.series_lengths() < lookback)
        if short.size:
            raise DataError(
                f"Series {panel.series_ids[short[0]]!r} has {panel.series_lengths()[short[0]]} "
                f"rows; predict needs the last {lookback} (the lookback)."
            )
        if baseline is not None:
            if interval is not None or onnx is not None:
                raise ConfigError(
                    "baseline= gives a baseline's forecasts; it takes no interval or onnx file. "
                    "Drop one of them."
                )
            values = baseline_forecast(
                panel, baseline, horizon=horizon, season=self.season_, lookback=lookback
            )
            series_all = np.arange(panel.n_series)
            return _forecast_frame(panel, config, values, series_all, horizon)
        half = None
        if interval is not None:
            if getattr(self, "calibration_", None) is None:
                raise ArtifactError(
                    "This model has no calibration errors (it was saved by an lstm-doctor "
                    "without intervals); refit it to get --interval."
                )
            half = conformal_halfwidth(self.calibration_, interval)
        data, scaler_index = apply_scaler(panel, self.scaler_)
        windows = _last_windows(panel, data, lookback, horizon)
        model = self.model_ if onnx is None else OnnxModule(self._onnx_session(Path(onnx)))
        forecast = predict_windows(model, windows, self.config_.train.precision)
        series = windows.series.numpy()
        targets = list(range(panel.n_targets))
        original = self.scaler_.inverse_transform(forecast, scaler_index[series], targets)
        frame = _forecast_frame(panel, config, original, series, horizon)
        if half is not None:  # scaled half-widths times each series' scale
            scale = self.scaler_.scale[scaler_index[series]][:, targets]
            spread = half[None, :, :] * scale[:, None, :]
            for j, name in enumerate(config.target):
                at = frame.columns.get_loc(name) + 1  # lower and upper right after the target
                for offset, (column, sign) in enumerate(
                    zip(interval_columns(name), (-1, 1), strict=True)
                ):
                    values = original[:, :, j] + sign * spread[:, :, j]
                    frame.insert(at + offset, column, values.reshape(-1))
        return frame

    def _onnx_session(self, path: Path) -> Any:
        """One onnxruntime session per file (reloaded when the file changes), with as many
        threads as torch uses (``--threads``)."""
        key = (str(path.resolve()), path.stat().st_mtime_ns if path.is_file() else None)
        cache = self.__dict__.setdefault("_onnx_sessions", {})
        if key not in cache:
            cache.clear()
            cache[key] = load_session(path, threads=torch.get_num_threads())
        return cache[key]

    def export_onnx(self, path: str | Path) -> Path:
        """Write the model as ONNX: scaled inputs (batch, lookback, inputs) to the scaled
        forecast (batch, horizon, targets); per-window normalization is inside the graph.
        See ``lstm_doctor.onnx_export``."""
        self._check_fitted()
        config = self.config_.data
        metadata = {
            "kind": "forecaster",
            "lookback": config.lookback,
            "horizon": config.horizon,
            "inputs": list(self.scaler_.columns),
            "targets": list(config.target),
            "units": "scaled: (value - center) / scale, center and scale from the run's "
            "scaler.json (per series id and column); the forecast maps back with "
            "value = scaled * scale + center of the target columns",
            "scaler": self.scaler_.to_dict(),
        }
        return export_forecaster(
            self.model_, path, lookback=config.lookback, n_inputs=self.model_.n_inputs,
            metadata=metadata,
        )  # fmt: skip

    # --------------------------------------------------------------------------- persistence
    def save(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """Write the run directory (safetensors + JSON); see ``lstm_doctor.artifacts``."""
        self._check_fitted()
        meta = {
            "shape": {
                "n_inputs": self.model_.n_inputs,
                "n_targets": self.model_.n_targets,
                "horizon": self.model_.horizon,
                "lookback": self.config_.data.lookback,  # checked on load: not in the weights
            },
            "season": self.season_,
            "training": {
                "best_epoch": self.history_.best_epoch,
                "stop_reason": self.history_.stop_reason,
                "events": self.history_.events,
            },
            "provenance": getattr(self, "provenance_", None),
        }
        return save_run(
            path,
            config=self.config_,
            model=self.model_,
            scaler=self.scaler_,
            history=self.history_,
            metrics=self.metrics_,
            meta=meta,
            diagnosis=self.diagnosis_.to_dict(),
            overwrite=overwrite,
            calibration=getattr(self, "calibration_", None),
        )

    @classmethod
    def load(cls, path: str | Path) -> Forecaster:
        """Rebuild a fitted Forecaster from a run directory (never unpickles anything)."""
        run = load_run(path)
        settings = {**run.config.data.to_dict(), **run.config.model.to_dict()}
        settings.update(run.config.train.to_dict())
        settings = {k: tuple(v) if isinstance(v, list) else v for k, v in settings.items()}
        forecaster = cls(**settings)
        forecaster.config_, forecaster.model_, forecaster.scaler_ = (
            run.config,
            run.model,
            run.scaler,
        )
        forecaster.history_, forecaster.metrics_ = run.history, run.metrics
        forecaster.season_ = run.meta.get("season")
        forecaster.diagnosis_ = Diagnosis.from_dict(run.diagnosis)
        forecaster.provenance_ = run.meta.get("provenance")
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


def _check_season(season: int | None, prepared: Prepared) -> None:
    """A given season must fit in every training split, or seasonal naive has no past season."""
    if season is None:
        return
    train = prepared.bounds[:, 0]
    s = int(np.argmin(train))
    if season >= train[s]:
        where = f" of series {prepared.panel.series_ids[s]!r}" if len(train) > 1 else ""
        raise ConfigError(
            f"--season {season} is not shorter than the training split{where} ({int(train[s])} "
            "rows): seasonal naive needs a full past season. Pass a smaller --season (or none "
            "to detect it)."
        )


def _index_time(data: pd.DataFrame | str | Path | None) -> str | None:
    """The column ``read_table`` makes of a DataFrame's DatetimeIndex, if it makes one."""
    if not isinstance(data, pd.DataFrame) or not isinstance(data.index, pd.DatetimeIndex):
        return None
    name = data.index.name or "time"
    return None if name in data.columns else str(name)


def _warm_start(model: torch.nn.Module, config: RunConfig, source: Forecaster) -> None:
    """Copy ``source``'s weights into ``model``; both must see the same data the same way."""
    source._check_fitted()
    if source.config_.data != config.data:
        raise ConfigError(
            "init_from must be fitted with the same data settings (target, split, lookback, "
            "...); fit without init_from to change them."
        )
    load_weights(model, source.model_, same="layers, units, head and normalization")


def _with_segment_length(config: RunConfig, model: torch.nn.Module) -> RunConfig:
    """``config`` with the segment length the model was built with (None resolved)."""
    segment = getattr(model, "segment_length", None)
    if segment is None or config.model.segment_length == segment:
        return config
    return dataclasses.replace(
        config, model=dataclasses.replace(config.model, segment_length=segment)
    )


def _fingerprint(config: RunConfig, prepared: Prepared) -> str:
    """Names the settings and the exact (scaled) data of a run, for checkpoint matching."""
    digest = hashlib.sha256(prepared.data.numpy().tobytes()).hexdigest()
    return json.dumps({"config": config.to_dict(), "data": digest}, sort_keys=True)


def _last_windows(panel: Panel, data: torch.Tensor, lookback: int, horizon: int) -> Windows:
    """One window per series whose inputs are its last ``lookback`` rows (targets unknown)."""
    # Pad ``horizon`` rows after the data so the strided view reaches the last inputs; the
    # pad only fills the target slots of these windows, which nobody reads.
    padded = torch.cat([data, data.new_zeros(horizon, data.shape[1])])
    starts = torch.from_numpy(panel.offsets[1:] - lookback)
    series = torch.arange(panel.n_series)
    return Windows(padded, starts, series, lookback, horizon, panel.n_targets)


def _forecast_frame(
    panel: Panel, config: DataConfig, values: np.ndarray, series: np.ndarray, horizon: int
) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    if config.id is not None:
        columns[config.id] = np.repeat([panel.series_ids[s] for s in series], horizon)
    columns["step"] = np.tile(np.arange(1, horizon + 1), len(series))
    if config.time is not None and panel.time is not None:
        times = []
        for s in series:
            t = panel.time[panel.offsets[s] : panel.offsets[s + 1]]
            if len(t) > 1:
                times.append(t[-1] + (t[-1] - t[-2]) * np.arange(1, horizon + 1))
            else:
                times.append(np.full(horizon, t[-1]))
        stamps = np.concatenate(times)
        if panel.time_zone is not None:  # the time is UTC inside; stamp in the data's zone
            stamps = pd.DatetimeIndex(stamps).tz_localize("UTC").tz_convert(panel.time_zone)
        columns[config.time] = stamps
    for j, name in enumerate(config.target):
        columns[name] = values[:, :, j].reshape(-1)
    return pd.DataFrame(columns)
