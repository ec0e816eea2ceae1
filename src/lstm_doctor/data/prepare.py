"""From a validated Panel to scaled tensors and the windows of each split."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lstm_doctor.config import DataConfig
from lstm_doctor.data.scale import Scaler, fit_scaler
from lstm_doctor.data.split import SPLITS, check_split_dates, parse_split, split_bounds
from lstm_doctor.data.validate import Panel
from lstm_doctor.data.windows import Windows, make_windows
from lstm_doctor.errors import DataError

__all__ = ["Prepared", "apply_scaler", "prepare"]


@dataclass(frozen=True)
class Prepared:
    """A panel scaled with a training-split scaler, and its split bounds.

    ``data`` is (rows, features) float32 in scaled units; ``bounds`` (n_series, 3) holds the
    series-local row bounds of train/val/test targets.
    """

    panel: Panel
    config: DataConfig
    bounds: np.ndarray
    scaler: Scaler
    data: torch.Tensor
    scaler_index: np.ndarray  # (n_series,) row of the scaler's statistics for each series

    def windows(self, split: str) -> Windows:
        """Windows whose targets lie in ``split``; the training split uses ``stride``."""
        if split not in (*SPLITS, "all"):
            raise ValueError(f"unknown split {split!r}")
        bounds = self.bounds
        if split == "all":  # every complete window of every series
            lengths = self.panel.series_lengths()
            bounds = np.column_stack([lengths, lengths, lengths])
        return make_windows(
            self.data,
            self.panel.offsets,
            bounds,
            lookback=self.config.lookback,
            horizon=self.config.horizon,
            n_targets=self.panel.n_targets,
            split="train" if split == "all" else split,
            stride=self.config.stride if split == "train" else 1,
            embargo=0 if split in ("train", "all") else self.config.embargo,
            series_ids=self.panel.series_ids,
        )

    def train_targets(self, scaled: bool) -> list[np.ndarray]:
        """One (train rows, targets) array per series, scaled or in original units."""
        source = self.data.numpy() if scaled else self.panel.values
        offsets, n_targets = self.panel.offsets, self.panel.n_targets
        return [
            source[offsets[s] : offsets[s] + self.bounds[s, 0], :n_targets]
            for s in range(self.panel.n_series)
        ]


def _rows_for_scaler(panel: Panel, scaler: Scaler) -> np.ndarray:
    """Map each of the panel's series to the scaler's series, by id."""
    if tuple(scaler.columns) != tuple(panel.columns):
        raise DataError(
            f"The data has columns {list(panel.columns)} but the model was fitted on "
            f"{list(scaler.columns)}; pass the same target and covariate columns."
        )
    index = {sid: i for i, sid in enumerate(scaler.series_ids)}
    unknown = [sid for sid in panel.series_ids if sid not in index]
    if unknown:
        raise DataError(
            f"Series {unknown[0]!r} was not in the training data, so there is no scaler for it "
            f"(known series: {', '.join(scaler.series_ids[:5])}"
            f"{', ...' if len(scaler.series_ids) > 5 else ''}). Refit with that series."
        )
    return np.array([index[sid] for sid in panel.series_ids], dtype=np.int64)


def apply_scaler(panel: Panel, scaler: Scaler) -> tuple[torch.Tensor, np.ndarray]:
    """Scale ``panel`` with a fitted scaler matched by series id.

    Returns the (rows, features) float32 tensor and, per series, its row in the scaler.
    """
    scaler_index = _rows_for_scaler(panel, scaler)
    scaled = scaler.transform(panel.values, scaler_index[panel.series_of_rows()])
    return torch.from_numpy(scaled.astype(np.float32)), scaler_index


def prepare(panel: Panel, config: DataConfig, scaler: Scaler | None = None) -> Prepared:
    """Split ``panel`` and scale it: fit a scaler on the training rows unless one is given.

    A given scaler (a loaded model's) is applied as it is, matched to series by id: new data
    is never allowed to change the statistics a model was trained with.
    """
    spec = parse_split(config.split)
    bounds = split_bounds(spec, panel.series_lengths(), panel.time, panel.offsets, panel.series_ids)
    if scaler is None:
        check_split_dates(spec, panel.time, panel.offsets, panel.series_ids)
        empty = np.flatnonzero(bounds[:, 0] == 0)
        if empty.size:  # a scaler fitted on no rows would be NaN
            raise DataError(
                f"Series {panel.series_ids[empty[0]]!r} has no rows in the train split "
                f"{config.split!r}, so no scaler can be fitted on it. Move the split later or "
                "drop that series."
            )
        scaler = fit_scaler(
            config.scaler,
            panel.values,
            panel.offsets,
            bounds[:, 0],
            panel.columns,
            panel.series_ids,
        )
    data, scaler_index = apply_scaler(panel, scaler)
    return Prepared(panel, config, bounds, scaler, data, scaler_index)
