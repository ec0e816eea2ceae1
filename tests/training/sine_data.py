"""Tiny windows over a noisy sine: a 1x8 LSTM trains an epoch on them in milliseconds."""

from __future__ import annotations

import numpy as np
import torch

from lstm_doctor.data import Windows, make_windows

LOOKBACK, HORIZON, N_INPUTS, N_TARGETS = 12, 3, 2, 1


def make_sine_windows(n_rows: int = 240, seed: int = 0) -> tuple[Windows, Windows]:
    """Train and val windows of one series: a noisy sine (target) and a cosine (covariate)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n_rows)
    target = np.sin(2 * np.pi * t / 24) + 0.3 * rng.standard_normal(n_rows)
    data = torch.tensor(np.stack([target, np.cos(2 * np.pi * t / 24)], axis=1), dtype=torch.float32)
    offsets = np.array([0, n_rows])
    bounds = np.array([[int(n_rows * 2 / 3), int(n_rows * 5 / 6), n_rows]])
    common = {"lookback": LOOKBACK, "horizon": HORIZON, "n_targets": N_TARGETS}
    train = make_windows(data, offsets, bounds, split="train", **common)
    val = make_windows(data, offsets, bounds, split="val", **common)
    return train, val
