"""The run directory of a sequence task: the same files as a forecasting run.

``model.safetensors`` (an ensemble's members under ``members.<k>.`` keys), ``config.json``
(with ``"task": "classify"`` or ``"regress"``, the classes, the features and the model's
shape), ``scaler.json``, ``history.csv`` (the first member's curves), ``metrics.json`` and
``diagnosis.json``, written atomically by ``artifacts.save_run``; read back without pickle.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lstm_doctor.artifacts.run_dir import FORMAT, load_weights_checked, read_diagnosis, read_history
from lstm_doctor.config.sequence import SequenceRunConfig
from lstm_doctor.data.scale import Scaler
from lstm_doctor.errors import ArtifactError, ConfigError
from lstm_doctor.history import History
from lstm_doctor.models.sequence_ensemble import SequenceEnsemble, build_sequence_predictor
from lstm_doctor.models.sequence_lstm import SequenceLSTM

__all__ = ["SequenceRun", "load_sequence_run", "run_task"]


@dataclass
class SequenceRun:
    config: SequenceRunConfig
    model: SequenceLSTM | SequenceEnsemble
    scaler: Scaler
    history: History
    metrics: dict[str, Any]
    meta: dict[str, Any]
    diagnosis: list[dict[str, Any]]


def _read(path: Path) -> Any:
    if not path.is_file():
        raise ArtifactError(f"Run file {str(path)!r} is missing; the run directory is incomplete.")
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"Run file {str(path)!r} is not valid JSON: {exc}") from None


def run_task(path: str | Path) -> str:
    """``forecast``, ``classify`` or ``regress``: the task of a run directory."""
    header = _read(Path(path) / "config.json")
    return header.get("task", "forecast") if isinstance(header, dict) else "forecast"


def load_sequence_run(path: str | Path) -> SequenceRun:
    """Rebuild a sequence run from its directory (JSON + safetensors, strict weights).

    Raises:
        ArtifactError: a missing or malformed file, a newer format, or not a sequence run.
    """
    path = Path(path)
    if not path.is_dir():
        raise ArtifactError(f"Run directory {str(path)!r} does not exist.")
    header = _read(path / "config.json")
    if not isinstance(header, dict) or header.get("task") not in ("classify", "regress"):
        raise ArtifactError(f"{str(path)!r} is not a sequence run (no classify/regress task).")
    if not isinstance(header.get("format"), int) or header["format"] > FORMAT:
        raise ArtifactError(
            f"Run {str(path)!r} has format {header.get('format')!r}; this lstm-doctor reads "
            f"format {FORMAT}. Upgrade lstm-doctor."
        )
    try:
        config = SequenceRunConfig.from_dict(header["config"])
        shape = header["shape"]
        seq = config.sequence
        model = build_sequence_predictor(
            config.model, shape["n_features"], shape["n_outputs"], seq.pooling, seq.packing,
            n_members=seq.ensemble, classify=seq.task == "classify",
            architecture=seq.architecture(),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError, RuntimeError, ConfigError) as exc:
        raise ArtifactError(f"config.json of {str(path)!r} is malformed: {exc!r}") from None
    load_weights_checked(model, path / "model.safetensors")
    model.eval()
    history = read_history(path, header)
    diagnosis = read_diagnosis(path)
    return SequenceRun(
        config,
        model,
        Scaler.from_dict(_read(path / "scaler.json")),
        history,
        _read(path / "metrics.json"),
        {k: v for k, v in header.items() if k != "config"},
        diagnosis,
    )
