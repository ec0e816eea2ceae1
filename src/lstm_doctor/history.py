"""The per-epoch record of a training run: what the diagnosis reads.

``History`` lives below both training and diagnosis, so the diagnosis can read a History
built from anyone's logs (Keras, Lightning, TensorBoard) as well as one of ours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lstm_doctor.errors import ArtifactError

__all__ = ["HISTORY_COLUMNS", "History"]

HISTORY_COLUMNS = ("epoch", "train_loss", "val_loss", "lr", "grad_norm", "seconds")


@dataclass
class History:
    """Epoch rows (``HISTORY_COLUMNS`` plus any metric columns) and notable events.

    ``events`` lists what happened besides plain epochs, for example a non-finite loss that
    was rolled back (``{"epoch": 7, "kind": "nonfinite_loss", "lr_after": 5e-4}``).
    """

    rows: list[dict[str, float]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    best_epoch: int | None = None
    stop_reason: str | None = None

    def append(self, **row: float) -> None:
        self.rows.append(row)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[float]:
        return [float(r.get(name, math.nan)) for r in self.rows]

    @property
    def columns(self) -> list[str]:
        extra = sorted({k for r in self.rows for k in r} - set(HISTORY_COLUMNS))
        return list(HISTORY_COLUMNS) + extra

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=self.columns)

    def to_csv(self, path: str | Path) -> None:
        self.to_frame().to_csv(path, index=False, float_format="%.10g")

    @classmethod
    def from_csv(cls, path: str | Path) -> History:
        """Read a ``history.csv`` written by ``to_csv`` (events are kept elsewhere)."""
        try:
            frame = pd.read_csv(path)
        except (OSError, ValueError) as exc:
            raise ArtifactError(f"Cannot read history {str(path)!r}: {exc}") from None
        missing = [c for c in ("epoch", "train_loss", "val_loss") if c not in frame.columns]
        if missing:
            raise ArtifactError(f"History {str(path)!r} lacks column(s) {', '.join(missing)}.")
        try:
            rows = [{k: float(v) for k, v in r.items()} for r in frame.to_dict(orient="records")]
            for row in rows:
                row["epoch"] = int(row["epoch"])
        except (TypeError, ValueError) as exc:
            raise ArtifactError(
                f"History {str(path)!r} has a value that is not a number ({exc}); every "
                "column must be numeric and every epoch filled in."
            ) from None
        return cls(rows=rows)
