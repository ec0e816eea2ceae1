"""Naive baselines, scored on the very same windows as the model.

A model that does not beat these has learned nothing useful, whatever its loss curve says:
- ``naive``: repeat the last observed value over the horizon;
- ``seasonal_naive``: repeat the last observed season (needs ``season <= lookback``);
- ``mean``: the training-split mean of each target, per series.
"""

from __future__ import annotations

import numpy as np

__all__ = ["BASELINES", "baseline_forecasts", "detect_season"]

BASELINES = ("naive", "seasonal_naive", "mean")
# A seasonal peak must stand this many white-noise standard errors (1/sqrt(n), Bartlett) above
# zero: 3 keeps chance wiggles of the ACF (about +-2/sqrt(n)) from posing as seasons.
_PEAK_SIGMAS = 3.0


def detect_season(series: list[np.ndarray], max_lag: int) -> int | None:
    """The lag (2..max_lag) of the strongest autocorrelation peak, averaged over ``series``.

    Each array is one training series of one target. A peak is a local maximum of the ACF;
    the trend is removed by first differences so slow drifts do not pose as seasons. Returns
    None when no peak stands ``_PEAK_SIGMAS`` white-noise standard errors above zero.
    """
    acfs, n_total = [], 0
    for values in series:
        x = np.diff(np.asarray(values, dtype=np.float64))
        if len(x) < 3 * max(max_lag, 2):
            max_lag = max(len(x) // 3, 2)
        x = x - x.mean()
        if len(x) < 6 or not np.any(x):
            continue
        size = 1 << int(np.ceil(np.log2(2 * len(x))))
        spectrum = np.fft.rfft(x, size)
        acf = np.fft.irfft(spectrum * np.conj(spectrum), size)[: max_lag + 2]
        acfs.append(acf / acf[0])
        n_total += len(x)
    if not acfs:
        return None
    width = min(len(a) for a in acfs)
    acf = np.mean([a[:width] for a in acfs], axis=0)
    lags = np.arange(2, width - 1)
    peaks = lags[(acf[lags] > acf[lags - 1]) & (acf[lags] >= acf[lags + 1])]
    peaks = peaks[acf[peaks] > _PEAK_SIGMAS / np.sqrt(n_total / len(acfs))]
    if len(peaks) == 0:
        return None
    return int(peaks[np.argmax(acf[peaks])])


def baseline_forecasts(
    data: np.ndarray,
    starts: np.ndarray,
    series: np.ndarray,
    train_means: np.ndarray,
    *,
    lookback: int,
    horizon: int,
    n_targets: int,
    season: int | None,
) -> dict[str, np.ndarray | None]:
    """Each baseline's forecast for every window, (n_windows, horizon, targets).

    ``data`` is (rows, features) with targets first; ``starts`` the windows' first input rows;
    ``train_means`` (n_series, targets). ``seasonal_naive`` is None when there is no season
    or it is longer than the lookback (it would read outside the window).
    """
    last = data[starts + lookback - 1, :n_targets]
    out: dict[str, np.ndarray | None] = {
        "naive": np.repeat(last[:, None, :], horizon, axis=1),
        "seasonal_naive": None,
        "mean": np.repeat(train_means[series][:, None, :], horizon, axis=1),
    }
    if season is not None and season <= lookback:
        steps = np.arange(horizon)
        rows = starts[:, None] + lookback - season + (steps % season)[None, :]
        out["seasonal_naive"] = data[rows, :n_targets]
    return out
