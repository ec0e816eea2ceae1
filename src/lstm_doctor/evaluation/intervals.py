"""Split conformal prediction intervals, one half-width per horizon step and target.

The calibration set is the absolute errors ``|y - forecast|`` of the fitted model on windows
it was not trained on (the validation split, or a backtest fold's). For a level ``1 - alpha``
the half-width of step ``h`` is the ``ceil((n + 1)(1 - alpha))``-th smallest of the ``n``
calibration errors of that step; ``forecast +- half-width`` then covers a new target with
probability at least ``1 - alpha`` *if the calibration errors and the new error are
exchangeable* (Vovk et al. 2005; Lei et al. 2018). Time series bend that assumption twice:
neighbouring windows share targets, so their errors are correlated (the interval still has
its level on average, with more spread), and a later period may be harder than the
validation period (then it undercovers). The backtest therefore reports the empirical
coverage on its test folds: that figure, not the nominal level, is what to trust.
"""

from __future__ import annotations

import math

import numpy as np
from torch import nn

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.data.windows import Windows
from lstm_doctor.errors import ConfigError, DataError
from lstm_doctor.training.inference import predict_windows

__all__ = [
    "calibration_errors",
    "check_level",
    "conformal_halfwidth",
    "coverage",
    "interval_columns",
    "window_truth",
]


def window_truth(prepared: Prepared, windows: Windows) -> np.ndarray:
    """The scaled targets (windows, horizon, targets) of ``windows``."""
    starts = windows.starts.numpy()
    rows = starts[:, None] + windows.lookback + np.arange(windows.horizon)[None, :]
    return prepared.data.numpy()[rows, : windows.n_targets]


def calibration_errors(
    model: nn.Module, prepared: Prepared, split: str = "val", precision: str = "fp32"
) -> np.ndarray:
    """``|truth - forecast|`` (windows, horizon, targets), scaled, on the windows of ``split``."""
    windows = prepared.windows(split)
    forecast = predict_windows(model, windows, precision)
    return np.abs(window_truth(prepared, windows) - forecast).astype(np.float32)


def check_level(level: float) -> float:
    """``level`` as a float in (0, 1), or a ConfigError naming ``--interval``."""
    ok = isinstance(level, int | float) and not isinstance(level, bool)
    if not ok or not 0 < level < 1 or math.isnan(level):
        raise ConfigError(f"--interval must be a coverage level in (0, 1) like 0.9. Got {level!r}.")
    return float(level)


def conformal_halfwidth(abs_errors: np.ndarray, level: float) -> np.ndarray:
    """Half-widths (horizon, targets) from calibration errors (n, horizon, targets).

    Raises:
        ConfigError: ``level`` is not in (0, 1).
        DataError: too few calibration windows for that level (``(n + 1)(1 - alpha) > n``
            would need an infinite interval).
    """
    level = check_level(level)
    n = int(abs_errors.shape[0])
    rank = math.ceil((n + 1) * level)  # 1-based rank of the order statistic
    if rank > n:
        raise DataError(
            f"{n} calibration window(s) cannot give a {level:g} interval (it needs at least "
            f"{math.ceil(level / (1 - level))}); use a lower --interval or more validation rows."
        )
    return np.sort(abs_errors, axis=0)[rank - 1]


def coverage(truth: np.ndarray, forecast: np.ndarray, halfwidth: np.ndarray) -> dict[str, object]:
    """Share of targets inside ``forecast +- halfwidth``: overall and per horizon step."""
    inside = np.abs(truth - forecast) <= halfwidth[None]
    return {
        "coverage": float(inside.mean()),
        "coverage_by_step": inside.mean(axis=(0, 2)).round(4).tolist(),
    }


def interval_columns(name: str) -> tuple[str, str]:
    """The lower and upper column names of a target's interval in a forecast frame."""
    return f"{name}_lower", f"{name}_upper"
