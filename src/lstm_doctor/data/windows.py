"""Sliding windows as views of one tensor, never materialized copies.

A window starting at row ``s`` has inputs at rows ``[s, s + lookback)`` and targets at rows
``[s + lookback, s + lookback + horizon)``. All windows are one ``as_strided`` view of the
(rows, features) data tensor; a batch gathers only its own windows. Memory therefore grows
with the series (plus one int64 start per window), never with lookback x series.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from lstm_doctor.data.split import SPLITS
from lstm_doctor.errors import DataError

__all__ = ["Windows", "make_windows", "window_starts"]


def window_starts(
    offsets: np.ndarray,
    bounds: np.ndarray,
    *,
    lookback: int,
    horizon: int,
    split: str,
    stride: int = 1,
    embargo: int = 0,
    series_ids: tuple[str, ...] | None = None,
) -> np.ndarray:
    """Global start rows of every window whose targets lie inside ``split`` of their series.

    A window belongs to the split that holds all its targets, so no target step is in two
    splits; ``embargo`` leaves that many target steps unused after each split boundary.

    Raises:
        DataError: some series has no complete window in ``split``.
    """
    k = SPLITS.index(split)
    starts = []
    for s in range(len(bounds)):
        low = 0 if k == 0 else int(bounds[s, k - 1]) + embargo
        high = int(bounds[s, k])
        first_target = max(low, lookback)
        last_target = high - horizon  # inclusive
        if last_target < first_target:
            name = series_ids[s] if series_ids else str(s)
            raise DataError(
                f"Series {name!r} is too short for lookback {lookback} + horizon {horizon} in "
                f"the {split} split: its targets may use rows {low}..{high - 1} "
                f"({max(high - low, 0)} rows) and need {horizon} target rows after "
                f"{lookback} input rows. Lower --lookback/--horizon or give that split more rows."
            )
        local = np.arange(first_target, last_target + 1, stride, dtype=np.int64)
        starts.append(offsets[s] + local - lookback)
    return np.concatenate(starts)


@dataclass(frozen=True)
class Windows:
    """The windows of one split over one shared data tensor.

    Attributes:
        data: (rows, features) float32, scaled, every series concatenated; targets first.
        starts: (n_windows,) int64 first input row of each window.
        series: (n_windows,) int64 series index of each window.
    """

    data: torch.Tensor
    starts: torch.Tensor
    series: torch.Tensor
    lookback: int
    horizon: int
    n_targets: int
    _view: torch.Tensor = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        data = self.data.contiguous()
        object.__setattr__(self, "data", data)
        width, n_features = self.lookback + self.horizon, data.shape[1]
        n_positions = max(data.shape[0] - width + 1, 0)
        view = data.as_strided((n_positions, width, n_features), (n_features, n_features, 1))
        object.__setattr__(self, "_view", view)

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    @property
    def view(self) -> torch.Tensor:
        """(positions, lookback + horizon, features) view over ``data``: no copy."""
        return self._view

    def batch(self, index: torch.Tensor | slice) -> tuple[torch.Tensor, torch.Tensor]:
        """Inputs (batch, lookback, features) and targets (batch, horizon, targets)."""
        windows = self._view[self.starts[index]]
        return windows[:, : self.lookback], windows[:, self.lookback :, : self.n_targets]

    def to(self, device: torch.device) -> Windows:
        return Windows(
            self.data.to(device),
            self.starts.to(device),
            self.series.to(device),
            self.lookback,
            self.horizon,
            self.n_targets,
        )


def make_windows(
    data: torch.Tensor,
    offsets: np.ndarray,
    bounds: np.ndarray,
    *,
    lookback: int,
    horizon: int,
    n_targets: int,
    split: str,
    stride: int = 1,
    embargo: int = 0,
    series_ids: tuple[str, ...] | None = None,
) -> Windows:
    """Windows of ``split`` over ``data`` (see ``window_starts``)."""
    starts = window_starts(
        offsets,
        bounds,
        lookback=lookback,
        horizon=horizon,
        split=split,
        stride=stride,
        embargo=embargo,
        series_ids=series_ids,
    )
    series = np.searchsorted(offsets, starts, side="right") - 1
    return Windows(
        data,
        torch.from_numpy(starts),
        torch.from_numpy(series.astype(np.int64)),
        lookback,
        horizon,
        n_targets,
    )
