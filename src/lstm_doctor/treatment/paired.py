"""Paired evidence for a treatment step: is the candidate better on the *same* windows?

Two models scored on the same validation windows make errors on the same hard stretches, so
their per-window losses move together; the question is only whether the candidate's losses
are lower than the incumbent's by more than chance allows.

**The statistic is scale-free.** On trending or heteroscedastic series a model's loss is not
stationary: a level model on a drifting stock index makes errors that grow with the drift,
and a raw difference ``loss_candidate_i - loss_incumbent_i`` then inherits that growth — its
variance is dominated by the last stretch, and a candidate that is 97% better on *every*
window could not be told from noise (the DAX case of issue 13: interval [-221%, +26%]). So
each difference is divided by the incumbent's *local* level of loss, a centred moving mean of
its per-window losses over ``2 * lag + 1`` windows::

    d_i = (loss_candidate_i - loss_incumbent_i) / local_mean(loss_incumbent)_i

``mean(d)`` reads as a relative change (``-0.05``: 5% lower than the incumbent where it
stands). The scale comes from the incumbent alone and changes slowly, so it is independent of
the candidate's noise on window ``i``: a candidate no better in expectation has ``E[d_i] = 0``
— unlike a per-window log ratio, whose mean is negative for a mean-one multiplicative noise
and which would keep noise. A change is kept only when the pooled (unweighted) mean loss is
lower too, so a candidate that wins most windows but loses badly on a few is not kept.

The windows overlap (stride 1, ``horizon`` target steps each) and the series is
autocorrelated, so the ``d_i`` are not independent: an i.i.d. standard error would be far too
small. The method is a Diebold–Mariano test with a HAC (Newey–West, Bartlett kernel) long-run
variance. We chose it over a moving-block bootstrap because it is deterministic — the same
losses give the same decision on any machine, with no resampling seed and in O(n · lag) —
and because its lag has a direct reading: windows ``horizon`` steps long share targets up
to ``horizon - 1`` steps apart, so the lag is ``4 * horizon`` (the Bartlett weights taper,
so a lag of ``horizon`` would under-count the overlap) and at least the Newey–West rule
``4 (n / 100) ^ (2 / 9)`` for the series' own autocorrelation. The critical value is
Student-t with ``n / (2 (lag + 1)) - 1`` degrees of freedom (a Cornish–Fisher expansion, no
SciPy): a Bartlett estimate with a long lag is itself noisy, and with few effective windows
the test demands more; below ``MIN_EFFECTIVE`` effective windows no change is kept.

Multiple comparisons: a treatment tries up to ``m`` candidates, each against the incumbent
of the moment. Test ``i`` is one-sided at ``w_i * alpha`` with shares ``w_i`` fixed before
any candidate is fitted and summing to one (weighted Bonferroni; equal shares ``1 / m`` by
default), so the chance that a treatment keeps *any* change that does not help is at most
``alpha`` (``FAMILY_ALPHA`` = 0.05) — the more candidates are planned, the more each one
must show. The heal loop gives its first step, the remedy the diagnosis ranks first, half of
``alpha`` (``treatment.heal.FIRST_SHARE``). The interval printed and recorded is the two-
sided ``1 - 2 w_i alpha`` interval for the mean relative change, whose upper end is that
one-sided bound: a change is kept when the whole interval is below zero.
``tests/treatment/test_paired.py`` measures the keep rate of pure noise over many seeds and
the power on a true 5% gain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

__all__ = [
    "FAMILY_ALPHA",
    "MIN_EFFECTIVE",
    "PairedDecision",
    "effective_windows",
    "hac_lag",
    "local_level",
    "long_run_variance",
    "paired_decision",
    "t_quantile",
]

FAMILY_ALPHA = 0.05
MIN_EFFECTIVE = 2.0
METHOD = (
    "Diebold-Mariano on loss differences relative to the incumbent's local loss level, "
    "Newey-West HAC variance (Bartlett kernel), Bonferroni over candidates"
)


def hac_lag(n: int, horizon: int) -> int:
    """The Bartlett lag: ``4 * horizon`` for the windows' overlap, at least the Newey–West
    rule for the series' own autocorrelation, and below ``n``."""
    rule = math.floor(4.0 * (n / 100.0) ** (2.0 / 9.0))
    return max(0, min(n - 1, max(4 * int(horizon), rule)))


def effective_windows(n: int, horizon: int) -> float:
    """How many independent windows ``n`` overlapping ones are worth to the test."""
    return n / (2.0 * (hac_lag(n, horizon) + 1.0)) if n > 1 else float(n)


def local_level(losses: np.ndarray, half_width: int) -> np.ndarray:
    """Centred moving mean of ``losses`` over ``2 * half_width + 1`` windows (fewer at the
    ends), floored at a millionth of the overall mean so that no window divides by zero."""
    losses = np.asarray(losses, dtype=np.float64)
    n = losses.size
    sums = np.concatenate([[0.0], np.cumsum(losses)])
    index = np.arange(n)
    low, high = np.maximum(index - half_width, 0), np.minimum(index + half_width + 1, n)
    level = (sums[high] - sums[low]) / (high - low)
    floor = max(float(losses.mean()) * 1e-6, np.finfo(np.float64).tiny)
    return np.maximum(level, floor)


def long_run_variance(d: np.ndarray, lag: int) -> float:
    """Newey–West estimate of ``sum_k cov(d_t, d_{t+k})`` (Bartlett weights up to ``lag``);
    ``variance / n`` is the variance of the mean of ``d``. Never negative."""
    d = np.asarray(d, dtype=np.float64)
    centered = d - d.mean()
    n = centered.size
    total = float(centered @ centered) / n
    for k in range(1, min(lag, n - 1) + 1):
        weight = 1.0 - k / (lag + 1.0)
        total += 2.0 * weight * float(centered[k:] @ centered[:-k]) / n
    return max(total, 0.0)


def t_quantile(p: float, df: float) -> float:
    """Student-t quantile by the Cornish–Fisher expansion around the normal (accurate to
    about 1% for ``df >= 3``; exact as ``df`` grows)."""
    z = NormalDist().inv_cdf(p)
    if not math.isfinite(df):
        return z
    df = max(df, 1.0)
    g1 = (z**3 + z) / 4.0
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96.0
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384.0
    return z + g1 / df + g2 / df**2 + g3 / df**3


@dataclass(frozen=True)
class PairedDecision:
    """A candidate against the incumbent on ``n`` shared validation windows.

    ``relative`` is the mean relative change of the per-window loss against the incumbent's
    local level (negative: the candidate is better; ``-0.05``: 5% lower); ``low``/``high``
    its ``level`` interval. ``mean_diff`` is the plain mean(candidate - incumbent) of the
    per-window losses, and ``incumbent_mean`` the incumbent's mean loss.
    """

    n: int
    lag: int
    effective_n: float
    mean_diff: float
    incumbent_mean: float
    relative: float
    low: float
    high: float
    level: float
    alpha: float  # one-sided level of this test: its share of FAMILY_ALPHA
    n_candidates: int
    kept: bool
    method: str = METHOD

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "n_windows": self.n,
            "hac_lag": self.lag,
            "effective_windows": round(self.effective_n, 1),
            "mean_diff": self.mean_diff,
            "pooled_relative_change": self.mean_diff / self.incumbent_mean
            if self.incumbent_mean > 0
            else math.nan,
            "relative_change": self.relative,
            "interval_relative": [self.low, self.high],
            # the same interval in loss units, at the incumbent's mean level
            "interval": [self.low * self.incumbent_mean, self.high * self.incumbent_mean],
            "level": self.level,
            "alpha_one_sided": self.alpha,
            "n_candidates": self.n_candidates,
            "kept": self.kept,
        }

    def describe(self) -> str:
        """One line: ``-4.2% [-6.1%, -2.3%] (99.4% interval over 500 windows, 8 candidates)``."""
        return (
            f"{self.relative:+.1%} [{self.low:+.1%}, {self.high:+.1%}] "
            f"({self.level:.1%} interval over {self.n} windows, {self.n_candidates} candidates)"
        )


def paired_decision(
    candidate: np.ndarray,
    incumbent: np.ndarray,
    *,
    horizon: int,
    n_candidates: int,
    family_alpha: float = FAMILY_ALPHA,
    share: float | None = None,
) -> PairedDecision:
    """Keep the candidate only if its per-window losses are lower than the incumbent's by
    more than chance allows, on the same windows in time order (see the module docstring):
    the interval of the mean relative change lies below zero, the pooled mean loss is lower,
    and there are at least ``MIN_EFFECTIVE`` effective windows.

    ``candidate`` and ``incumbent``: per-window losses, aligned (window ``i`` of one is
    window ``i`` of the other), in time order so that the lag reaches neighbours.
    ``n_candidates``: how many candidates the treatment plans to try (at least 1).
    ``share``: this test's share of ``family_alpha`` (weighted Bonferroni: the shares of a
    treatment's tests, fixed up front, sum to at most one); ``1 / n_candidates`` if None.
    """
    cand = np.asarray(candidate, dtype=np.float64)
    inc = np.asarray(incumbent, dtype=np.float64)
    if cand.shape != inc.shape or cand.ndim != 1:
        raise ValueError(
            f"paired losses must be two equal 1-D arrays, got {cand.shape}, {inc.shape}"
        )
    m = max(1, int(n_candidates))
    if share is not None and not 0.0 < share <= 1.0:
        raise ValueError(f"share must be in (0, 1], got {share}")
    alpha = family_alpha * (1.0 / m if share is None else share)
    n = cand.size
    level = 1 - 2 * alpha
    base = float(inc.mean()) if n else math.nan
    mean_diff = float((cand - inc).mean()) if n else math.nan
    if n < 2:  # nothing to test on
        relative = mean_diff / base if n and base > 0 else math.nan
        return PairedDecision(
            n, 0, float(n), mean_diff, base, relative, -math.inf, math.inf, level, alpha, m, False
        )
    lag = hac_lag(n, horizon)
    effective = effective_windows(n, horizon)
    d = (cand - inc) / local_level(inc, lag)
    relative = float(d.mean())
    half = t_quantile(1.0 - alpha, effective - 1.0) * math.sqrt(long_run_variance(d, lag) / n)
    low, high = relative - half, relative + half
    kept = bool(high < 0.0) and mean_diff < 0.0 and effective >= MIN_EFFECTIVE
    return PairedDecision(
        n, lag, effective, mean_diff, base, relative, low, high, level, alpha, m, kept
    )
