"""Where a run came from: the data file's SHA-256 and row count, the versions, seed and
device, recorded at fit time so a report (or a person) can tell how to reproduce it."""

from __future__ import annotations

import hashlib
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor import __version__

__all__ = ["data_fingerprint", "file_sha256", "fit_provenance"]


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def data_fingerprint(data: Any, frame: pd.DataFrame) -> dict[str, Any]:
    """The data's identity: a file's path and SHA-256, or a DataFrame's content hash."""
    rows, columns = len(frame), [str(c) for c in frame.columns]
    if isinstance(data, str | Path) and Path(data).is_file():
        path = str(Path(data).resolve())  # absolute: report RUN may run from elsewhere
        return {"path": path, "sha256": file_sha256(data), "rows": rows, "columns": columns}
    hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    digest = hashlib.sha256(hashed.tobytes()).hexdigest()
    return {"source": "DataFrame (SHA-256 of pandas' row hashes)", "sha256": digest,
            "rows": rows, "columns": columns}  # fmt: skip


def fit_provenance(data: Any, frame: pd.DataFrame, seed: int, device: str) -> dict[str, Any]:
    """Everything the reproducibility footer of a report shows, but the command line (the
    CLI adds that: nothing below it reads ``sys.argv``)."""
    import torch  # the versions of what trained the model

    return {
        "lstm_doctor": __version__,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "seed": seed,
        "device": device,
        "created": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "data": data_fingerprint(data, frame),
        "command": None,
        "executable": Path(sys.executable).name,
    }
