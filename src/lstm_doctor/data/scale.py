"""Scalers fitted on the training split only, per series and per column.

A scaler maps ``x -> (x - center) / scale``. Its statistics come from each series' training
rows alone, so nothing about validation or test data can reach the model through them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lstm_doctor.errors import ArtifactError

__all__ = ["Scaler", "fit_scaler"]


@dataclass(frozen=True)
class Scaler:
    """Per-series, per-column affine scaling; ``center`` and ``scale`` are (n_series, n_columns)."""

    kind: str
    center: np.ndarray
    scale: np.ndarray
    columns: tuple[str, ...]
    series_ids: tuple[str, ...]

    def transform(self, values: np.ndarray, series: np.ndarray) -> np.ndarray:
        """Scale ``values`` (rows, columns); ``series`` (rows,) says which series each row is."""
        return (values - self.center[series]) / self.scale[series]

    def inverse_transform(
        self, values: np.ndarray, series: np.ndarray, columns: slice | list[int] = slice(None)
    ) -> np.ndarray:
        """Undo ``transform`` for ``values`` (..., len(columns)) whose leading axis is ``series``.

        ``series`` has one entry per leading row; extra middle axes (a forecast horizon)
        broadcast.
        """
        center = self.center[series][:, columns]
        scale = self.scale[series][:, columns]
        shape = (len(series),) + (1,) * (values.ndim - 2) + (center.shape[-1],)
        return values * scale.reshape(shape) + center.reshape(shape)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "columns": list(self.columns),
            "series_ids": list(self.series_ids),
            "center": self.center.tolist(),
            "scale": self.scale.tolist(),
        }

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Scaler:
        try:
            scaler = cls(
                kind=str(values["kind"]),
                center=np.asarray(values["center"], dtype=np.float64),
                scale=np.asarray(values["scale"], dtype=np.float64),
                columns=tuple(values["columns"]),
                series_ids=tuple(values["series_ids"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ArtifactError(f"scaler.json is malformed: {exc!r}") from None
        expected = (len(scaler.series_ids), len(scaler.columns))
        if scaler.center.shape != expected or scaler.scale.shape != expected:
            raise ArtifactError(
                f"scaler.json has statistics of shape {scaler.center.shape}, expected {expected}."
            )
        for field, values, ok in (
            ("center", scaler.center, np.isfinite(scaler.center)),
            ("scale", scaler.scale, np.isfinite(scaler.scale) & (scaler.scale > 0)),
        ):
            if not ok.all():
                s, c = (int(i) for i in np.argwhere(~ok)[0])
                raise ArtifactError(
                    f"scaler.json field {field!r} holds {float(values[s, c])!r} for column "
                    f"{scaler.columns[c]!r} of series {scaler.series_ids[s]!r}; it must be "
                    f"finite{' and > 0' if field == 'scale' else ''}. The run was edited or "
                    "damaged: refit it."
                )
        return scaler


def _statistics(kind: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if kind == "standard":
        center, spread = rows.mean(axis=0), rows.std(axis=0)  # population std, as ETT papers
    elif kind == "robust":
        q25, center, q75 = np.percentile(rows, [25, 50, 75], axis=0)
        spread = q75 - q25
    elif kind == "minmax":
        low, high = rows.min(axis=0), rows.max(axis=0)
        center, spread = low, high - low
    elif kind == "none":
        center, spread = np.zeros(rows.shape[1]), np.ones(rows.shape[1])
    else:
        raise ValueError(f"unknown scaler kind {kind!r}")
    # A column constant on the training rows keeps its level but is not divided by zero.
    return center, np.where(spread > 0, spread, 1.0)


def fit_scaler(
    kind: str,
    values: np.ndarray,
    offsets: np.ndarray,
    train_rows: np.ndarray,
    columns: tuple[str, ...],
    series_ids: tuple[str, ...],
) -> Scaler:
    """Fit one scaler per series on its first ``train_rows[s]`` rows (the training split)."""
    centers, scales = [], []
    for s, n_train in enumerate(train_rows):
        start = offsets[s]
        center, scale = _statistics(kind, values[start : start + int(n_train)])
        centers.append(center)
        scales.append(scale)
    return Scaler(kind, np.array(centers), np.array(scales), columns, series_ids)
