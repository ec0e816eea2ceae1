"""Saved runs, whatever their task: the fitted estimator of a run directory, and its
report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lstm_doctor.api.forecaster import Forecaster
from lstm_doctor.api.sequence_estimators import SequenceEstimator
from lstm_doctor.artifacts.sequence import run_task
from lstm_doctor.errors import ArtifactError
from lstm_doctor.reporting.run_report import (
    REPORT_NAME,
    forecaster_report_file,
    read_json,
    sequence_report_file,
    study_of,
)

__all__ = ["load_estimator", "report_run"]


def load_estimator(path: str | Path) -> Forecaster | SequenceEstimator:
    """The fitted estimator saved in a run directory: a Forecaster, a SequenceClassifier or
    a SequenceRegressor, as its ``config.json`` says (never unpickles anything)."""
    if run_task(path) == "forecast":
        return Forecaster.load(path)
    return SequenceEstimator.load(path)


def report_run(run: str | Path, out: str | Path | None = None, data: Any = None) -> Path:
    """The report of a saved run directory (forecast or sequence), written to ``out`` or
    ``RUN/report.html``."""
    run = Path(run)
    if not run.is_dir():
        raise ArtifactError(f"Run directory {str(run)!r} does not exist.")
    target = Path(out) if out is not None else run / REPORT_NAME
    treatment_path = run / "treatment.json"
    treatment = read_json(treatment_path) if treatment_path.is_file() else None
    estimator = load_estimator(run)
    if isinstance(estimator, SequenceEstimator):
        estimator.provenance_ = _meta_provenance(run)
        return sequence_report_file(estimator, target, treatment)
    return forecaster_report_file(
        estimator, target, data=data, treatment=treatment, study=study_of(run)
    )


def _meta_provenance(run: Path) -> dict[str, Any] | None:
    header = read_json(run / "config.json")
    return header.get("provenance") if isinstance(header, dict) else None
