"""Paired evidence for a treatment step: is the candidate better on the *same* windows?

Two models scored on the same validation windows make errors on the same hard stretches, so
their per-window losses move together; the question is only whether their *differences*
``d_i = loss_candidate_i - loss_incumbent_i`` have a mean below zero. The windows overlap
(stride 1, ``horizon`` target steps each) and the series is autocorrelated, so the ``d_i``
are not independent: an i.i.d. standard error would be far too small.

The method is a Diebold–Mariano test with a HAC (Newey–West, Bartlett kernel) long-run
variance. We chose it over a moving-block bootstrap because it is deterministic — the same
losses give the same decision on any machine, with no resampling seed and in O(n · lag) —
and because its lag has a direct reading: windows ``horizon`` steps long share targets up
to ``horizon - 1`` steps apart, so the lag is ``4 * horizon`` (the Bartlett weights taper,
so a lag of ``horizon`` would under-count the overlap) and at least the Newey–West rule
``4 (n / 100) ^ (2 / 9)`` for the series' own autocorrelation. The critical value is
Student-t with ``n / (2 (lag + 1)) - 1`` degrees of freedom (a Cornish–Fisher expansion, no
SciPy): a Bartlett estimate with a long lag is itself noisy, and with few effective windows
the test demands more; below ``MIN_EFFECTIVE`` effective windows no change is kept. On
synthetic pure-noise candidates (20 per treatment, 300 seeds; 200 to 2000 overlapping
windows, horizon 1 to 24) this kept a change in at most 4.7% of treatments, against 4-11%
with ``n / (lag + 1) - 1`` degrees of freedom and 2-29% with the rectangular DM kernel (lag
``2 * horizon``).

Multiple comparisons: a treatment tries up to ``m`` candidates, each against the incumbent
of the moment. Each test is one-sided at ``alpha / m`` (Bonferroni), so the chance that a
treatment keeps *any* change that does not help is at most ``alpha`` (``FAMILY_ALPHA`` =
0.05) — the more candidates are planned, the more each one must show. The interval printed
and recorded is the two-sided ``1 - 2 alpha / m`` interval for the mean difference, whose
upper end is that one-sided bound: a change is kept when the whole interval is below zero.
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
    "long_run_variance",
    "paired_decision",
    "t_quantile",
]

FAMILY_ALPHA = 0.05
MIN_EFFECTIVE = 2.0
METHOD = "Diebold-Mariano, Newey-West HAC variance (Bartlett kernel), Bonferroni over candidates"


def hac_lag(n: int, horizon: int) -> int:
    """The Bartlett lag: ``4 * horizon`` for the windows' overlap, at least the Newey–West
    rule for the series' own autocorrelation, and below ``n``."""
    rule = math.floor(4.0 * (n / 100.0) ** (2.0 / 9.0))
    return max(0, min(n - 1, max(4 * int(horizon), rule)))


def effective_windows(n: int, horizon: int) -> float:
    """How many independent windows ``n`` overlapping ones are worth to the test."""
    return n / (2.0 * (hac_lag(n, horizon) + 1.0)) if n > 1 else float(n)


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

    ``mean_diff`` is mean(candidate - incumbent) of the per-window losses (negative: the
    candidate is better); ``low``/``high`` its ``level`` interval; ``relative`` the same as a
    fraction of the incumbent's mean loss (``-0.05``: 5% lower).
    """

    n: int
    lag: int
    effective_n: float
    mean_diff: float
    relative: float
    low: float
    high: float
    level: float
    alpha: float  # one-sided level of this test: FAMILY_ALPHA / n_candidates
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
            "relative_change": self.relative,
            "interval": [self.low, self.high],
            "interval_relative": [self.low / self._base, self.high / self._base],
            "level": self.level,
            "alpha_one_sided": self.alpha,
            "n_candidates": self.n_candidates,
            "kept": self.kept,
        }

    @property
    def _base(self) -> float:
        return self.mean_diff / self.relative if self.relative else math.nan

    def describe(self) -> str:
        """One line: ``-4.2% [-6.1%, -2.3%] (99.4% interval, 8 candidates)``."""
        low, high = self.low / self._base, self.high / self._base
        return (
            f"{self.relative:+.1%} [{low:+.1%}, {high:+.1%}] "
            f"({self.level:.1%} interval over {self.n} windows, {self.n_candidates} candidates)"
        )


def paired_decision(
    candidate: np.ndarray,
    incumbent: np.ndarray,
    *,
    horizon: int,
    n_candidates: int,
    family_alpha: float = FAMILY_ALPHA,
) -> PairedDecision:
    """Keep the candidate only if its mean per-window loss is lower than the incumbent's by
    more than chance allows, on the same windows in time order (see the module docstring).

    ``candidate`` and ``incumbent``: per-window losses, aligned (window ``i`` of one is
    window ``i`` of the other), in time order so that the lag reaches neighbours.
    ``n_candidates``: how many candidates the treatment plans to try (at least 1).
    """
    cand = np.asarray(candidate, dtype=np.float64)
    inc = np.asarray(incumbent, dtype=np.float64)
    if cand.shape != inc.shape or cand.ndim != 1:
        raise ValueError(
            f"paired losses must be two equal 1-D arrays, got {cand.shape}, {inc.shape}"
        )
    m = max(1, int(n_candidates))
    alpha = family_alpha / m
    n = cand.size
    d = cand - inc
    base = float(inc.mean()) if n else math.nan
    mean = float(d.mean()) if n else math.nan
    relative = mean / base if n and base > 0 else math.nan
    if n < 2:  # nothing to test on
        return PairedDecision(
            n, 0, float(n), mean, relative, -math.inf, math.inf, 1 - 2 * alpha, alpha, m, False
        )
    lag = hac_lag(n, horizon)
    effective = effective_windows(n, horizon)
    half = t_quantile(1.0 - alpha, effective - 1.0) * math.sqrt(long_run_variance(d, lag) / n)
    low, high = mean - half, mean + half
    kept = bool(high < 0.0) and effective >= MIN_EFFECTIVE
    return PairedDecision(
        n, lag, effective, mean, relative, low, high, 1 - 2 * alpha, alpha, m, kept
    )
