"""The run directory: safetensors weights plus JSON, written atomically, loaded without pickle.

A run directory holds ``model.safetensors``, ``config.json`` (resolved settings, package
version, format version, model shape), ``scaler.json``, ``history.csv``, ``metrics.json``,
``diagnosis.json`` and ``calibration.safetensors`` (the validation errors behind the
conformal intervals).
It is written into a hidden sibling directory first and renamed into place, so a crash never
leaves a half-written run.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from lstm_doctor import __version__
from lstm_doctor.config import RunConfig
from lstm_doctor.data.scale import Scaler
from lstm_doctor.errors import ArtifactError, ConfigError
from lstm_doctor.history import History
from lstm_doctor.models.lstm import LSTMForecaster, build_model

__all__ = [
    "FORMAT",
    "RUN_FILES",
    "Run",
    "check_out_dir",
    "is_run_dir",
    "load_run",
    "load_weights_checked",
    "read_diagnosis",
    "read_history",
    "save_run",
    "to_json",
    "write_json_atomic",
]

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
    calibration: np.ndarray | None = None  # calibration.safetensors: conformal val errors


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


def is_run_dir(path: str | Path) -> bool:
    """Whether ``path`` is recognisably a run directory of ours: its config.json is a JSON
    object with an integer ``format`` (and, when it names one, our package)."""
    try:
        header = json.loads((Path(path) / "config.json").read_text())
    except (OSError, ValueError):
        return False
    return (
        isinstance(header, dict)
        and isinstance(header.get("format"), int)
        and header.get("package", "lstm-doctor") == "lstm-doctor"
    )


def _nearest_existing(path: Path) -> Path:
    for parent in (path, *path.parents):
        if parent.exists():
            return parent
    return Path(path.anchor or ".")


def check_out_dir(path: str | Path, *, overwrite: bool = False, resume: bool = False) -> Path:
    """The absolute run directory to write at ``path``, checked before any work is done.

    ``overwrite`` (and ``resume``) may replace only a run directory of ours: a user's own
    folder is never emptied. The nearest existing folder must be writable.

    Raises:
        ArtifactError: ``path`` is (or holds) the current folder, is a file, is inside a
            file, is a non-empty folder without ``overwrite``, is a folder that is not a run,
            or cannot be written.
    """
    given = str(path)
    path = Path(os.path.abspath(path))
    cwd = Path.cwd()
    if path == cwd or path in cwd.parents or not path.name:
        raise ArtifactError(
            f"--out {given!r} is the current folder or one that holds it; a run needs a folder "
            "of its own: pass a new folder such as --out runs/NAME."
        )
    if path.exists() and not path.is_dir():
        raise ArtifactError(
            f"--out {given!r} is a file, not a folder; pass a folder path for the run."
        )
    existing = _nearest_existing(path.parent)
    if not existing.is_dir():
        raise ArtifactError(
            f"--out {given!r} is inside {str(existing)!r}, which is a file, not a folder; "
            "pass another --out."
        )
    if path.is_dir() and any(path.iterdir()):
        if not (overwrite or resume):
            raise ArtifactError(
                f"Output directory {given!r} already exists and is not empty; pass another "
                "--out or --overwrite."
            )
        if not is_run_dir(path):
            raise ArtifactError(
                f"Output directory {given!r} is not an lstm-doctor run (no config.json with "
                "our format number), so it is not replaced: --overwrite replaces only a run. "
                "Pass another --out."
            )
    probe = existing / f".lstm-doctor-probe-{uuid.uuid4().hex}"
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise ArtifactError(
            f"Cannot write the run at --out {given!r}: {str(existing)!r} is not writable "
            f"({exc.strerror or exc}). Pass an --out in a writable place."
        ) from None
    return path


def _staging_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{32}}\.(partial|old)")


def _remove_stale_staging(path: Path) -> None:
    """Drop the hidden staging folders an interrupted save of ``path`` left behind."""
    pattern = _staging_pattern(path)
    for sibling in path.parent.iterdir():
        if pattern.fullmatch(sibling.name) and sibling.is_dir() and not sibling.is_symlink():
            shutil.rmtree(sibling, ignore_errors=True)


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
    calibration: np.ndarray | None = None,
) -> Path:
    """Write a run directory atomically and return its path.

    Raises:
        ArtifactError: ``path`` exists and is not empty, and ``overwrite`` is False; or it
            is not a run directory of ours (see ``check_out_dir``).
    """
    shown = Path(path)
    path = check_out_dir(path, overwrite=overwrite)
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
        if calibration is not None:  # |val errors| (windows, horizon, targets): intervals
            errors = torch.from_numpy(np.ascontiguousarray(calibration, dtype=np.float32))
            save_file({"abs_errors": errors}, staging / "calibration.safetensors")
            names.append("calibration.safetensors")
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
    _remove_stale_staging(path)
    return shown


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


def load_weights_checked(model: torch.nn.Module, weights: Path) -> None:
    """Load ``weights`` into ``model`` strictly; a mismatch names the first tensor and shapes.

    Raises:
        ArtifactError: the file is missing or unreadable, or a tensor is missing, extra, or
            of another shape than the model built from config.json.
    """
    if not weights.is_file():
        raise ArtifactError(f"Run file {str(weights)!r} is missing; the run is incomplete.")
    try:
        state = load_file(weights)
    except (SafetensorError, OSError) as exc:
        raise ArtifactError(f"Cannot read weights {str(weights)!r}: {exc}") from None
    expected = model.state_dict()
    for key, tensor in expected.items():
        if key not in state:
            raise ArtifactError(
                f"Weights in {str(weights)!r} do not match config.json: tensor {key!r} is "
                "missing. The run was edited or damaged: refit it."
            )
        if tuple(state[key].shape) != tuple(tensor.shape):
            raise ArtifactError(
                f"Weights in {str(weights)!r} do not match config.json: tensor {key!r} has "
                f"shape {tuple(state[key].shape)} in the file, config.json implies "
                f"{tuple(tensor.shape)}. Was config.json edited? Refit, or restore it."
            )
    extra = sorted(set(state) - set(expected))
    if extra:
        raise ArtifactError(
            f"Weights in {str(weights)!r} do not match config.json: unexpected tensor "
            f"{extra[0]!r}. The run was edited or damaged: refit it."
        )
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:  # a dtype or other mismatch the loop above does not see
        first = str(exc).strip().splitlines()[0]
        message = f"Weights in {str(weights)!r} do not match config.json ({first})."
        raise ArtifactError(message) from None


def _check_shape_matches_config(path: Path, config: RunConfig, shape: dict[str, Any]) -> None:
    data = config.data
    implied = {
        "horizon": data.horizon,
        "n_targets": len(data.target),
        "n_inputs": len(data.target) + len(data.covariates),
    }
    if "lookback" in shape:  # runs saved before it was recorded have none
        implied["lookback"] = data.lookback
    for key, value in implied.items():
        if shape.get(key) != value:
            raise ArtifactError(
                f"config.json of {str(path)!r} does not agree with itself: field "
                f"'shape.{key}' is {shape.get(key)!r} but its settings imply {value}. Was it "
                "edited? Refit, or restore it."
            )


def _check_scaler_matches_config(path: Path, scaler: Scaler, data: Any) -> None:
    columns = (*data.target, *data.covariates)
    if tuple(scaler.columns) != columns:
        raise ArtifactError(
            f"scaler.json of {str(path)!r} has field 'columns' {list(scaler.columns)}, but "
            f"config.json's columns are {list(columns)}. The run was edited: refit it."
        )


def read_history(path: Path, header: dict[str, Any]) -> History:
    """history.csv (empty when absent) with the training facts stored in config.json."""
    history_path = path / "history.csv"
    history = History.from_csv(history_path) if history_path.is_file() else History()
    training = header.get("training", {})
    if not isinstance(training, dict) or not isinstance(training.get("events", []), list):
        raise ArtifactError(
            f"config.json of {str(path)!r} has a malformed field 'training' (an object with "
            "best_epoch, stop_reason and an events list). Restore it or refit."
        )
    best = training.get("best_epoch")
    if best is not None and (isinstance(best, bool) or not isinstance(best, int)):
        raise ArtifactError(
            f"config.json of {str(path)!r} has field 'training.best_epoch' {best!r}; expected "
            "an epoch number. Restore it or refit."
        )
    history.best_epoch = best
    history.stop_reason = training.get("stop_reason")
    history.events = list(training.get("events", []))
    return history


def read_diagnosis(path: Path) -> list[dict[str, Any]]:
    """diagnosis.json as a list of findings (empty for runs saved without one).

    Raises:
        ArtifactError: the file is not JSON, or not a list of findings.
    """
    file = path / "diagnosis.json"
    if not file.is_file():
        return []
    try:
        diagnosis = json.loads(file.read_text())
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"Run file {str(file)!r} is not valid JSON: {exc}") from None
    fields = ("kind", "severity", "summary")
    if not isinstance(diagnosis, list) or not all(
        isinstance(f, dict)
        and all(isinstance(f.get(k), str) for k in fields)
        and isinstance(f.get("evidence", {}), dict)
        and isinstance(f.get("remedies", []), list)
        and isinstance(f.get("confidence", 1.0), int | float)
        and all(
            isinstance(r, dict) and isinstance(r.get("change"), dict) and "reason" in r
            for r in f.get("remedies", [])
        )
        for f in diagnosis
    ):
        raise ArtifactError(
            f"Run file {str(file)!r} is not a list of findings (kind, severity, summary, "
            "evidence, remedies). Delete it to load the run without its diagnosis, or refit."
        )
    return diagnosis


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
        _check_shape_matches_config(path, config, shape)
        model = build_model(
            config.model,
            shape["n_inputs"],
            shape["n_targets"],
            shape["horizon"],
            lookback=config.data.lookback,
            season=header.get("season"),
        )
    except (KeyError, TypeError, ValueError, RuntimeError, ConfigError) as exc:
        raise ArtifactError(f"config.json of {str(path)!r} is malformed: {exc!r}") from None
    season = header.get("season")
    if season is not None and (isinstance(season, bool) or not isinstance(season, int)):
        raise ArtifactError(
            f"config.json of {str(path)!r} has field 'season' {season!r}; expected a whole "
            "number or null. Restore it or refit."
        )
    load_weights_checked(model, path / "model.safetensors")
    scaler = Scaler.from_dict(_read_json(path / "scaler.json"))
    _check_scaler_matches_config(path, scaler, config.data)
    history = read_history(path, header)
    metrics = _read_json(path / "metrics.json")
    meta = {k: v for k, v in header.items() if k not in ("config",)}
    diagnosis = read_diagnosis(path)
    calibration = None
    if (path / "calibration.safetensors").is_file():
        try:
            calibration = load_file(path / "calibration.safetensors")["abs_errors"].numpy()
        except (SafetensorError, OSError, KeyError) as exc:
            raise ArtifactError(f"calibration.safetensors of {str(path)!r}: {exc!r}") from None
    return Run(config, model, scaler, history, metrics, meta, diagnosis, calibration)
