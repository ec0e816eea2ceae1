"""Write a table of predictions to a file: CSV, Parquet or JSON by suffix, atomically."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pandas as pd

from lstm_doctor.errors import ArtifactError, ConfigError

__all__ = ["OUTPUT_SUFFIXES", "write_predictions"]

OUTPUT_SUFFIXES = (".csv", ".parquet", ".pq", ".json")


def write_predictions(frame: pd.DataFrame, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write ``frame`` to ``path`` (format by suffix) through a hidden temporary file.

    ``.json`` writes one JSON object per row (a list, timestamps in ISO 8601).

    Raises:
        ConfigError: the suffix is none of .csv, .parquet, .pq, .json.
        ArtifactError: ``path`` is a folder, or a file that exists and ``overwrite`` is False.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise ConfigError(
            f"--out {str(path)!r} has suffix {path.suffix or '(none)'!r}; predictions are "
            "written as .csv, .parquet or .json: name the file with one of those."
        )
    if path.is_dir():
        raise ArtifactError(f"--out {str(path)!r} is a folder; pass a file name such as out.csv.")
    if path.exists() and not overwrite:
        raise ArtifactError(
            f"--out {str(path)!r} already exists; pass --overwrite to replace it, or another --out."
        )
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        if suffix in (".parquet", ".pq"):
            frame.to_parquet(tmp, index=False)
        elif suffix == ".json":
            frame.to_json(tmp, orient="records", date_format="iso", indent=1)
        else:
            frame.to_csv(tmp, index=False)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
