"""The diagnosis of a forecasting fit: its curves, the baselines on the same windows, the
residuals' predictability, shift, and (once the test split may be read) the data checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.diagnosis.checks import check_data
from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose
from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.diagnosis.residuals import residual_predictability
from lstm_doctor.diagnosis.shift import diagnose_shift
from lstm_doctor.evaluation.evaluate import baseline_mse
from lstm_doctor.training.inference import predict_windows

if TYPE_CHECKING:
    from lstm_doctor.api.forecaster import Forecaster

__all__ = ["diagnose_fit", "train_residuals"]


def diagnose_fit(
    forecaster: Forecaster, frame: pd.DataFrame, prepared: Prepared, include_test: bool
) -> Diagnosis:
    """Curves, shift, baselines (and, with the test split, the data checks), ranked."""
    metrics = forecaster.metrics_
    computed = {k: v for k, v in metrics["baselines"].items() if v is not None}

    def val_mse(baseline: dict[str, Any]) -> float:  # val is nested unless it is the headline
        return baseline["val"]["mse"] if "val" in baseline else baseline["mse"]

    context = RunContext(
        settings=forecaster.resolved_settings(),
        baselines_train=baseline_mse(prepared, "train", forecaster.season_),
        baselines_val={k: val_mse(v) for k, v in computed.items()},
        baselines_test={k: v["mse"] for k, v in computed.items()} if include_test else None,
        model_val=metrics["val"]["mse"],
        model_test=metrics["test"]["mse"] if include_test else None,
        residual_r2=residual_predictability(train_residuals(forecaster, prepared)),
    )
    if include_test:
        data_findings = check_data(frame, prepared) + diagnose_shift(prepared)
    else:  # the data checks and the test shift read test rows: not during selection
        data_findings = diagnose_shift(prepared, splits=("val",))
    return diagnose(forecaster.history_, context, data_findings)


def train_residuals(forecaster: Forecaster, prepared: Prepared) -> list[np.ndarray]:
    """One-step-ahead training errors, one array per series and target, in time order."""
    windows = prepared.windows("train")
    forecast = predict_windows(forecaster.model_, windows, forecaster.config_.train.precision)
    starts, series = windows.starts.numpy(), windows.series.numpy()
    truth = prepared.data.numpy()[starts + windows.lookback, : windows.n_targets]
    errors = forecast[:, 0, :] - truth
    return [
        errors[series == s, j]
        for s in range(prepared.panel.n_series)
        for j in range(windows.n_targets)
    ]
