"""The ``export`` command, and ``predict``'s ONNX and interval paths.

``lstm-doctor export RUN --onnx FILE`` writes a forecasting or sequence run as ONNX
(``lstm_doctor.export.onnx``); ``lstm-doctor predict RUN DATA --onnx FILE`` runs that file
with onnxruntime through the same scaling and output code as the torch path.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lstm_doctor.api.forecaster import Forecaster
from lstm_doctor.api.sequence_estimators import SequenceEstimator
from lstm_doctor.artifacts.sequence import run_task
from lstm_doctor.errors import ArtifactError, ConfigError
from lstm_doctor.export.onnx import OnnxModule, export_sequence_model, load_session

__all__ = ["export_run", "predict_run"]


def export_run(run: Path, onnx: Path, *, overwrite: bool = False) -> str:
    """Export the model of ``run`` to ``onnx``; returns a one-line description."""
    if onnx.exists() and not overwrite:
        raise ArtifactError(f"{str(onnx)!r} already exists; pass another --onnx or --overwrite.")
    if run_task(run) == "forecast":
        forecaster = Forecaster.load(run)
        forecaster.export_onnx(onnx)
        data = forecaster.config_.data
        return (
            f"wrote {onnx}: x (batch, {data.lookback}, {forecaster.model_.n_inputs}) -> forecast "
            f"(batch, {data.horizon}, {forecaster.model_.n_targets}), in the scaled units of "
            f"{run / 'scaler.json'}"
        )
    estimator = SequenceEstimator.load(run)
    model = estimator.model_
    metadata = {
        "kind": estimator.task,
        "features": list(estimator.features_),
        "classes": list(estimator.classes_),
        "label_scale": list(getattr(estimator, "label_scale_", ()) or ()),
        "units": "scaled features, (value - center) / scale from the run's scaler.json; "
        "x right-padded, lengths the real steps",
        "scaler": estimator.scaler_.to_dict(),
    }
    export_sequence_model(model, onnx, n_features=model.n_features, metadata=metadata)
    return (
        f"wrote {onnx}: x (batch, time, {model.n_features}) + lengths (batch,) -> output "
        f"(batch, {model.n_outputs}), in the scaled units of {run / 'scaler.json'}"
    )


def predict_run(
    run: Path, data: Path, *, onnx: Path | None, interval: float | None
) -> pd.DataFrame:
    """The forecast (or sequence predictions) of ``run`` on ``data``, through torch or ONNX."""
    if run_task(run) == "forecast":
        return Forecaster.load(run).predict(data, interval=interval, onnx=onnx)
    if interval is not None:
        raise ConfigError("--interval applies to forecasting runs, not to sequence runs.")
    estimator = SequenceEstimator.load(run)
    if onnx is not None:
        estimator.model_ = OnnxModule(load_session(onnx), n_outputs=estimator.model_.n_outputs)
    return estimator.predict(data)
