"""Structure left in a model's residuals: the sign that it has not learned all it could.

If a model's one-step-ahead training errors can be predicted from its own past errors, the
data held structure the model did not capture: high bias, the mark of underfitting (or of
training that has not converged). White-noise residuals mean the model took what the past
of the series offers.
"""

from __future__ import annotations

import numpy as np

__all__ = ["residual_predictability"]

MAX_LAGS = 24


def _lagged(residual: np.ndarray, lags: int) -> tuple[np.ndarray, np.ndarray]:
    windows = np.lib.stride_tricks.sliding_window_view(residual, lags + 1)
    return windows[:, :lags], windows[:, lags]


def residual_predictability(residuals: list[np.ndarray], max_lags: int = MAX_LAGS) -> float:
    """Adjusted R^2 of a linear autoregression of the residuals on their own past.

    ``residuals`` holds one 1-D array per series and target, in time order. Returns 0 for
    residuals that are white noise (the adjustment removes the R^2 that ``lags`` free
    coefficients reach by chance) and up to 1 for residuals that are fully predictable;
    NaN when there are too few residuals to tell.
    """
    usable = [np.asarray(r, dtype=np.float64) for r in residuals]
    n_total = sum(len(r) for r in usable)
    lags = int(min(max_lags, n_total // 20))
    parts = [_lagged(r - r.mean(), lags) for r in usable if len(r) > lags + 1]
    if lags < 1 or not parts:
        return float("nan")
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    total = float(np.sum((y - y.mean()) ** 2))
    if total <= 0:
        return 0.0
    coefficients, *_ = np.linalg.lstsq(x, y, rcond=None)
    unexplained = float(np.sum((y - x @ coefficients) ** 2))
    n = len(y)
    r2 = 1.0 - unexplained / total
    adjusted = 1.0 - (1.0 - r2) * (n - 1) / max(n - lags - 1, 1)
    return float(max(adjusted, 0.0))
