"""The run directory: safetensors weights plus JSON, written atomically, loaded without pickle.

A run directory holds ``model.safetensors``, ``config.json`` (resolved settings, package
version, format version, model shape), ``scaler.json``, ``history.csv``, ``metrics.json``
and ``diagnosis.json``.
It is written into a hidden sibling directory first and renamed into place, so a crash never
leaves a half-written run.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from lstm_doctor import __version__
from lstm_doctor.config import RunConfig
from lstm_doctor.data.scale import Scaler
from lstm_doctor.errors import ArtifactError, ConfigError
from lstm_doctor.history import History
from lstm_doctor.models.lstm import LSTMForecaster, build_model

__all__ = ["FORMAT", "RUN_FILES", "Run", "load_run", "save_run", "to_json", "write_json_atomic"]

FORMAT = 1
RUN_FILES = ("config.json", "model.safetensors", "scaler.json", "history.csv", "metrics.json")


@dataclass
class Run:
    """Everything a run directory holds, rebuilt from its files."""

    config: RunConfig
    model: LSTMForecaster
    scaler: Scaler
    history: History
    metrics: dict[str, Any]
    meta: dict[str, Any]  # config.json's other entries: shape, season, training, version
    diagnosis: list[dict[str, Any]]  # diagnosis.json (empty for runs saved without one)


def _finite_or_none(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite_or_none(v) for v in value]
    return value


def to_json(value: Any, *, indent: int | None = 2) -> str:
    """Strict JSON (NaN and inf become null, which every JSON reader accepts)."""
    return json.dumps(_finite_or_none(value), indent=indent, allow_nan=False)


def write_json_atomic(path: Path, value: Any) -> None:
    """Write JSON next to ``path`` and rename it into place."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(to_json(value) + "\n")
    os.replace(tmp, path)


def save_run(
    path: str | Path,
    *,
    config: RunConfig,
    model: LSTMForecaster,
    scaler: Scaler,
    history: History,
    metrics: dict[str, Any],
    meta: dict[str, Any],
    diagnosis: list[dict[str, Any]] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a run directory atomically and return its path.

    Raises:
        ArtifactError: ``path`` exists and is not empty, and ``overwrite`` is False.
    """
    path = Path(path)
    if path.exists() and any(path.iterdir()) and not overwrite:
        raise ArtifactError(
            f"Output directory {str(path)!r} already exists and is not empty; pass another "
            "--out or --overwrite."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    staging.mkdir()
    try:
        state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
        save_file(state, staging / "model.safetensors", metadata={"format": str(FORMAT)})
        header = {
            "format": FORMAT,
            "package": "lstm-doctor",
            "version": __version__,
            "config": config.to_dict(),
            **meta,
        }
        (staging / "config.json").write_text(to_json(header) + "\n")
        (staging / "scaler.json").write_text(to_json(scaler.to_dict()) + "\n")
        history.to_csv(staging / "history.csv")
        (staging / "metrics.json").write_text(to_json(metrics) + "\n")
        names = list(RUN_FILES)
        if diagnosis is not None:
            (staging / "diagnosis.json").write_text(to_json(diagnosis) + "\n")
            names.append("diagnosis.json")
        for name in names:  # flush to disk before the rename makes the run visible
            with open(staging / name, "rb") as handle:
                os.fsync(handle.fileno())
        if path.exists():
            retired = path.with_name(f".{path.name}.{uuid.uuid4().hex}.old")
            os.replace(path, retired)
            os.replace(staging, path)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return path


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ArtifactError(f"Run file {str(path)!r} is missing; the run directory is incomplete.")
    try:
        value = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"Run file {str(path)!r} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ArtifactError(f"Run file {str(path)!r} should hold a JSON object.")
    return value


def load_run(path: str | Path) -> Run:
    """Rebuild a run from its directory: JSON for everything, safetensors for weights.

    Raises:
        ArtifactError: the directory or a file is missing, the format is unknown or newer
            than this version understands, or the weights do not match the config.
    """
    path = Path(path)
    if not path.is_dir():
        raise ArtifactError(f"Run directory {str(path)!r} does not exist.")
    header = _read_json(path / "config.json")
    found = header.get("format")
    if not isinstance(found, int):
        raise ArtifactError(f"{str(path)!r} has no format number in config.json; not a run.")
    if found > FORMAT:
        raise ArtifactError(
            f"Run {str(path)!r} has format {found}, newer than this lstm-doctor "
            f"({__version__}) reads (format {FORMAT}); upgrade lstm-doctor."
        )
    if found < 1:
        raise ArtifactError(f"Run {str(path)!r} has unknown format {found}.")
    try:
        config = RunConfig.from_dict(header["config"])
        shape = header["shape"]
        model = build_model(
            config.model,
            shape["n_inputs"],
            shape["n_targets"],
            shape["horizon"],
            lookback=config.data.lookback,
            season=header.get("season"),
        )
    except (KeyError, TypeError, ConfigError) as exc:
        raise ArtifactError(f"config.json of {str(path)!r} is malformed: {exc}") from None
    weights = path / "model.safetensors"
    if not weights.is_file():
        raise ArtifactError(f"Run file {str(weights)!r} is missing; the run is incomplete.")
    try:
        state = load_file(weights)
        model.load_state_dict(state, strict=True)
    except (SafetensorError, OSError) as exc:
        raise ArtifactError(f"Cannot read weights {str(weights)!r}: {exc}") from None
    except RuntimeError as exc:
        first = str(exc).strip().splitlines()[0]
        raise ArtifactError(
            f"Weights in {str(weights)!r} do not match config.json ({first})."
        ) from None
    model.eval()
    scaler = Scaler.from_dict(_read_json(path / "scaler.json"))
    history_path = path / "history.csv"
    history = History.from_csv(history_path) if history_path.is_file() else History()
    training = header.get("training", {})
    history.best_epoch = training.get("best_epoch")
    history.stop_reason = training.get("stop_reason")
    history.events = list(training.get("events", []))
    metrics = _read_json(path / "metrics.json")
    meta = {k: v for k, v in header.items() if k not in ("config",)}
    diagnosis: list[dict[str, Any]] = []
    if (path / "diagnosis.json").is_file():
        try:
            diagnosis = json.loads((path / "diagnosis.json").read_text())
        except ValueError as exc:
            raise ArtifactError(
                f"diagnosis.json of {str(path)!r} is not valid JSON: {exc}"
            ) from None
    return Run(config, model, scaler, history, metrics, meta, diagnosis)
