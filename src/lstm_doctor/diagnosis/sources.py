"""Diagnose from what a user has: a data file (``check``) or a training log (``diagnose``)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from lstm_doctor.artifacts import read_diagnosis
from lstm_doctor.config import DataConfig
from lstm_doctor.data.load import read_table
from lstm_doctor.data.prepare import prepare
from lstm_doctor.data.validate import validate_frame
from lstm_doctor.diagnosis.checks import check_data
from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose
from lstm_doctor.diagnosis.findings import Diagnosis, rank_findings
from lstm_doctor.diagnosis.logs import LoadedLog
from lstm_doctor.diagnosis.shift import diagnose_shift
from lstm_doctor.errors import ConfigError

__all__ = ["check_frame", "diagnose_log"]


def check_frame(data: pd.DataFrame | str | Path, config: DataConfig) -> Diagnosis:
    """Leakage, data and shift findings for ``data`` under ``config`` (no training)."""
    frame = read_table(data, encoding=config.encoding)
    prepared = prepare(validate_frame(frame, config), config)
    findings = check_data(frame, prepared) + diagnose_shift(prepared)
    return Diagnosis(tuple(rank_findings(findings)))


def _flat_settings(header: dict[str, Any]) -> dict[str, Any]:
    config = header.get("config", {})
    flat: dict[str, Any] = {}
    for section in ("data", "model", "train"):
        flat.update(config.get(section, {}))
    return flat


def diagnose_log(
    log: LoadedLog, path: str | Path | None = None, *, baseline_loss: float | None = None
) -> Diagnosis:
    """Diagnose a training log; a run directory of ours keeps its full stored diagnosis.

    A run of ours was diagnosed with its data and baselines when it was fitted; that
    ``diagnosis.json`` is returned as it is. Any other log is diagnosed from its curves (and,
    for our runs without a stored diagnosis, with the run's settings as context).

    ``baseline_loss``: the training loss of a trivial predictor, in the log's units (the
    training mean's MSE for regression, 1.0 on standardized targets; the cross-entropy of
    the class frequencies, or the majority class's error rate for an accuracy-only log).
    Curves alone cannot tell a model that learnt nothing from one that converged: with it,
    a training loss that ends within 10% of it is underfitting, as for our own runs.
    """
    stored = None if path is None else Path(path) / "diagnosis.json"
    if log.source == "lstm-doctor" and stored is not None and stored.is_file():
        if baseline_loss is not None:
            raise ConfigError(
                "--baseline-loss is for other tools' logs: a run directory of ours was "
                "diagnosed with its own baselines. Drop --baseline-loss."
            )
        return Diagnosis.from_dict(read_diagnosis(stored.parent))  # damaged: ArtifactError
    settings = _flat_settings(log.meta) if log.source == "lstm-doctor" else {}
    baselines = None
    if baseline_loss is not None:
        if not (isinstance(baseline_loss, int | float) and math.isfinite(baseline_loss)):
            raise ConfigError(f"--baseline-loss must be a finite number. Got {baseline_loss!r}.")
        if baseline_loss <= 0:
            raise ConfigError(
                f"--baseline-loss must be above 0 (a trivial predictor's loss). Got "
                f"{baseline_loss!r}: a log of negative losses (a Gaussian NLL) has no ratio "
                "to a baseline; leave it out."
            )
        baselines = {"trivial_predictor": float(baseline_loss)}
    diagnosis = diagnose(log.history, RunContext(settings=settings, baselines_train=baselines))
    return diagnosis if baselines else _curves_only(diagnosis)


# A good fit read from the curves alone: they look the same for a model that converged at a
# trivial predictor's level (every harmful verdict of the real-log corpus without the baseline).
CURVES_ONLY = (
    "; read from the curves alone, which look the same for a model no better than "
    "predicting the mean (or the majority class): --baseline-loss with that predictor's "
    "loss rules it out"
)


def _curves_only(diagnosis: Diagnosis) -> Diagnosis:
    """``diagnosis`` with its good fit saying what the curves alone cannot rule out."""
    return Diagnosis(
        tuple(
            replace(
                f,
                summary=f.summary + CURVES_ONLY,
                evidence={**f.evidence, "trivial_predictor_known": False},
            )
            if f.kind == "good_fit"
            else f
            for f in diagnosis.findings
        )
    )
