"""Where the rows the checks look at lie in a Prepared's panel: each series' training rows,
the rows that windows forecast, and the input-frame row behind a panel row."""

from __future__ import annotations

from typing import Any

import numpy as np

from lstm_doctor.data.prepare import Prepared

__all__ = ["locate_row", "target_mask", "train_slices"]


def train_slices(prepared: Prepared) -> list[slice]:
    offsets, bounds = prepared.panel.offsets, prepared.bounds
    return [slice(int(offsets[s]), int(offsets[s] + bounds[s, 0])) for s in range(len(offsets) - 1)]


def locate_row(prepared: Prepared, row: int) -> dict[str, Any]:
    """Series id and input-frame row of a global panel row (as validate's messages count)."""
    panel = prepared.panel
    s = int(np.searchsorted(panel.offsets, row, side="right") - 1)
    s = min(max(s, 0), panel.n_series - 1)
    row = min(max(row, 0), len(panel.source_rows) - 1)
    return {"series": panel.series_ids[s], "row": int(panel.source_rows[row])}


def target_mask(prepared: Prepared, starts: np.ndarray) -> np.ndarray:
    """(rows,) True where a row is a target of at least one of the windows at ``starts``."""
    n_rows = prepared.panel.values.shape[0]
    lookback, horizon = prepared.config.lookback, prepared.config.horizon
    low = np.clip(starts + lookback, 0, n_rows)
    high = np.clip(starts + lookback + horizon, 0, n_rows)
    delta = np.bincount(low, minlength=n_rows + 1) - np.bincount(high, minlength=n_rows + 1)
    return np.cumsum(delta)[:n_rows] > 0
