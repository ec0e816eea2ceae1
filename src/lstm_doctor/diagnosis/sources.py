"""Diagnose from what a user has: a data file (``check``) or a training log (``diagnose``)."""

from __future__ import annotations

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


def diagnose_log(log: LoadedLog, path: str | Path | None = None) -> Diagnosis:
    """Diagnose a training log; a run directory of ours keeps its full stored diagnosis.

    A run of ours was diagnosed with its data and baselines when it was fitted; that
    ``diagnosis.json`` is returned as it is. Any other log is diagnosed from its curves (and,
    for our runs without a stored diagnosis, with the run's settings as context).
    """
    stored = None if path is None else Path(path) / "diagnosis.json"
    if log.source == "lstm-doctor" and stored is not None and stored.is_file():
        return Diagnosis.from_dict(read_diagnosis(stored.parent))  # damaged: ArtifactError
    settings = _flat_settings(log.meta) if log.source == "lstm-doctor" else {}
    return diagnose(log.history, RunContext(settings=settings))
