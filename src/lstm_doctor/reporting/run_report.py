"""Reports of fitted estimators: find what a run has (its data file, the tune study around
``OUT/best``) and write report.html. ``api.runs.report_run`` reports a saved run directory."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pandas as pd

from lstm_doctor.artifacts.provenance import file_sha256
from lstm_doctor.errors import ArtifactError
from lstm_doctor.reporting.report import forecast_report, sequence_report, write_report

__all__ = [
    "forecaster_report_file",
    "read_json",
    "resolve_data",
    "sequence_report_file",
    "study_of",
]

log = logging.getLogger(__name__)

REPORT_NAME = "report.html"
DEMO_SOURCE = "builtin:demo"


def resolve_data(
    provenance: dict[str, Any] | None, given: Any = None
) -> tuple[pd.DataFrame | str | Path | None, str | None]:
    """The data to plot forecasts from, or None and the reason.

    ``given`` wins; else the file the run recorded, if it is still there with the same
    SHA-256 (a changed file would plot forecasts of other data); else the built-in demo.
    """
    if given is not None:
        return given, None
    data = (provenance or {}).get("data") or {}
    if data.get("source") == DEMO_SOURCE:
        from lstm_doctor.data.demo import make_demo_frame

        return make_demo_frame(), None
    path = data.get("path")
    if not path:
        return None, (
            "Forecast sections need the data this run was fitted on (not recorded "
            "as a file): pass it, report(path, data=frame) or lstm-doctor report RUN --data FILE."
        )
    if not Path(path).is_file():
        return None, (
            f"Forecast sections skipped: the data file {path} is not there any more; "
            "pass it with --data FILE."
        )
    if data.get("sha256") and file_sha256(path) != data["sha256"]:
        return None, (
            f"Forecast sections skipped: {path} changed since the fit (SHA-256 "
            "differs); pass the original with --data FILE."
        )
    return path, None


def read_json(path: Path) -> Any:
    """A JSON file of a run; an ``ArtifactError`` naming the file when it cannot be read."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"Cannot read {str(path)!r}: {exc}") from None


def study_of(run: Path) -> dict[str, Any] | None:
    """A tune study's trials, importances and best trial, when ``run`` is its OUT/best."""
    folder = run.parent
    trials_path = folder / "trials.csv"
    if run.name != "best" or not trials_path.is_file():
        return None
    try:
        frame = pd.read_csv(trials_path)
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"Cannot read {str(trials_path)!r}: {exc}") from None
    trials = []
    for row in frame.to_dict(orient="records"):
        value = row.get("val_vs_naive")
        naive = row.get("naive_val_mse")
        if (
            (value is None or value != value)
            and row.get("best_val_loss") == row.get("best_val_loss")
            and naive
            and naive == naive
        ):  # a pruned trial: the best val it reached / naive
            value = row["best_val_loss"] / naive
        trials.append(
            {
                "number": int(row["number"]),
                "state": row.get("state"),
                "value": None if value != value else value,
            }
        )
    summary = read_json(folder / "study.json") if (folder / "study.json").is_file() else {}
    importances = None
    if (folder / "importances.json").is_file():
        importances = read_json(folder / "importances.json").get("importances")
    return {"trials": trials, "importances": importances, "best": summary.get("best") or {}}


def forecaster_report_file(
    forecaster: Any,
    path: str | Path,
    *,
    data: Any = None,
    treatment: dict[str, Any] | None = None,
    study: dict[str, Any] | None = None,
) -> Path:
    """Write ``forecaster``'s report to ``path``; data defaults to what it was fitted on."""
    given = data if data is not None else getattr(forecaster, "_data", None)
    source, note = resolve_data(getattr(forecaster, "provenance_", None), given)
    text = forecast_report(
        forecaster, data=source, data_note=note, treatment=treatment, study=study
    )
    return write_report(path, text)


def sequence_report_file(estimator: Any, path: str | Path, treatment: dict | None = None) -> Path:
    """Write a sequence estimator's report to ``path``."""
    text = sequence_report(
        estimator.history_,
        estimator.metrics_,
        estimator.diagnosis_.to_dict(),
        task=estimator.task,
        classes=[str(c) for c in getattr(estimator, "classes_", ())],
        provenance=getattr(estimator, "provenance_", None),
        treatment=treatment,
    )
    return write_report(path, text)
