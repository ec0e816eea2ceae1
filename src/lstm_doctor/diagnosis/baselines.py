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
# A seasonal peak must stand this many standard errors above zero (Bartlett's formula, the
# band of statsmodels' plot_acf): 3 keeps chance wiggles of the ACF from posing as seasons.
_PEAK_SIGMAS = 3.0
# Multiples of a season peak about as high as the season itself: the shortest peak within
# this fraction of the strongest one is the season (24, not 48 or 72, on hourly data).
_MULTIPLE_RATIO = 0.9


def _remove_slow_movement(y: np.ndarray, max_lag: int) -> np.ndarray:
    """``y`` minus its centered moving average over ``2 * max_lag + 1`` steps.

    A high-pass filter: trends and slow wander (which keep the ACF high at every lag and hide
    the seasonal peaks) go, while cycles of up to ``max_lag`` steps pass almost untouched.
    Unlike first differences it does not amplify step-to-step noise. Where the series is too
    short for that window, a straight-line trend is removed instead.
    """
    width = 2 * max_lag + 1
    if len(y) < 3 * width:
        t = np.arange(len(y), dtype=np.float64)
        return y - np.polyval(np.polyfit(t, y, 1), t)
    cumulative = np.concatenate([[0.0], np.cumsum(y)])
    average = (cumulative[width:] - cumulative[:-width]) / width
    return y[max_lag : len(y) - max_lag] - average


def _acf_peak(transformed: list[np.ndarray], max_lag: int) -> tuple[int, float] | None:
    """The season read off the mean ACF of ``transformed`` series, with its z-score."""
    acfs, n_total = [], 0
    for x in transformed:
        x = x - x.mean()
        if len(x) < 6 or not np.any(np.abs(x) > 1e-12):
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
    # Bartlett: var(r_k) = (1 + 2 * sum_{j<k} r_j^2) / n under "no correlation from lag k on".
    cumulative = np.concatenate([[0.0, 0.0], np.cumsum(acf[1 : width - 1] ** 2)])
    standard_error = np.sqrt((1.0 + 2.0 * cumulative) / (n_total / len(acfs)))
    lags = np.arange(2, width - 1)
    peaks = lags[(acf[lags] > acf[lags - 1]) & (acf[lags] >= acf[lags + 1])]
    peaks = peaks[acf[peaks] > _PEAK_SIGMAS * standard_error[peaks]]
    if len(peaks) == 0:
        return None
    lag = int(peaks[acf[peaks] >= _MULTIPLE_RATIO * acf[peaks].max()][0])
    return lag, float(acf[lag] / standard_error[lag])


def detect_season(series: list[np.ndarray], max_lag: int) -> int | None:
    """The lag (2..max_lag) of the dominant autocorrelation peak, averaged over ``series``.

    Each array is one training series of one target. A peak is a local maximum of the ACF
    that stands ``_PEAK_SIGMAS`` standard errors above zero; multiples of a season are not
    taken for it. Two views of the series are read, and the one whose peak is more
    significant (in standard errors) wins:

    - first differences: on persistent series (sensors, temperatures: lag-1 ACF near 1) the
      slowly decaying ACF drags a seasonal peak to a shorter lag (22 instead of 24 on
      ETTh1); differencing removes that persistence and puts the peak on the true lag;
    - the series minus its moving average (``_remove_slow_movement``): where a cycle sits
      in white noise, differencing damps the cycle ~5x more than the noise and blurs it.

    Returns None when neither view shows a significant peak.
    """
    arrays = [np.asarray(v, dtype=np.float64) for v in series]
    arrays = [a for a in arrays if len(a) >= 6 and np.ptp(a) > 0]
    if not arrays:
        return None
    max_lag = max(min([max_lag] + [len(a) // 3 for a in arrays]), 2)
    views = [
        _acf_peak([np.diff(a) for a in arrays], max_lag),
        _acf_peak([_remove_slow_movement(a, max_lag) for a in arrays], max_lag),
    ]
    found = [v for v in views if v is not None]
    if not found:
        return None
    return max(found, key=lambda peak: peak[1])[0]


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
