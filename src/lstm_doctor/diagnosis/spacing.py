"""Irregular spacing: rows missing from a time axis (no NaN rows, just absent timestamps).

A window of ``lookback`` rows is meant to cover ``lookback`` steps of time; across a gap it
covers more, and the model cannot tell. The step is inferred as the most common difference
between consecutive timestamps; a gap is a difference over 1.5 steps (so months of 28 to 31
days, or a DST change kept in UTC, are regular).
"""

from __future__ import annotations

import itertools

import numpy as np

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.diagnosis.check_findings import make_finding, round_evidence
from lstm_doctor.diagnosis.findings import Finding, Remedy

__all__ = ["check_irregular_spacing"]

_GAP_FACTOR = 1.5


def _describe(delta: float, is_date: bool) -> str:
    """``3 days``, ``1 h``, ``15 min``, ``2.5 s`` for dates; the number for numeric time."""
    if not is_date:
        return f"{delta:g}"
    seconds = delta / 1e9
    for unit, size in (("day", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            n = int(seconds // size)
            return f"{n} {unit}{'s' if unit == 'day' and n != 1 else ''}"
    return f"{seconds:g} s"


def check_irregular_spacing(prepared: Prepared) -> list[Finding]:
    """One finding when consecutive timestamps of any series are further apart than a step."""
    panel = prepared.panel
    if panel.time is None:
        return []
    is_date = np.issubdtype(panel.time.dtype, np.datetime64)
    time = panel.time.astype("datetime64[ns]").astype(np.int64) if is_date else panel.time
    span = prepared.config.lookback + prepared.config.horizon
    n_gaps = n_windows = n_crossing = 0
    largest, largest_at, steps = 0.0, None, []
    for s, (start, stop) in enumerate(itertools.pairwise(panel.offsets)):
        diffs = np.diff(time[start:stop]).astype(np.float64)
        if diffs.size == 0:
            continue
        values, counts = np.unique(diffs, return_counts=True)
        step = float(values[np.argmax(counts)])
        steps.append(step)
        if step <= 0:
            continue
        gaps = diffs > _GAP_FACTOR * step
        n_gaps += int(gaps.sum())
        if gaps.any() and float(diffs[gaps].max()) > largest:
            i = int(np.flatnonzero(gaps)[np.argmax(diffs[gaps])])
            largest = float(diffs[i])
            largest_at = {
                "series": panel.series_ids[s],
                "row": int(panel.source_rows[start + i + 1]),
            }
        # Window k covers rows k..k+span-1, i.e. the differences k..k+span-2.
        n_win = diffs.size + 2 - span
        if n_win > 0:
            crossed = np.convolve(gaps.astype(np.int64), np.ones(span - 1, dtype=np.int64), "valid")
            n_windows += n_win
            n_crossing += int((crossed > 0).sum())
    if n_gaps == 0:
        return []
    step = float(np.median(steps))
    share = n_crossing / n_windows if n_windows else 1.0
    where = f" (before row {largest_at['row']}" if largest_at else " ("
    where += f" of series {largest_at['series']!r})" if panel.n_series > 1 and largest_at else ")"
    summary = (
        f"The time axis is irregular: the step is {_describe(step, is_date)}, but {n_gaps} "
        f"gap(s) are longer, the largest {_describe(largest, is_date)}{where}. "
        f"{share:.0%} of the windows span a gap, so their {prepared.config.lookback} input "
        "steps cover more time than they seem to."
    )
    evidence = {
        "step": _describe(step, is_date),
        "n_gaps": n_gaps,
        "largest_gap": _describe(largest, is_date),
        "largest_gap_before": largest_at,
        "windows_spanning_a_gap": round_evidence(share),
    }
    remedy = Remedy(
        {},
        "Resample to a regular step before fitting (pandas: set_index(time).asfreq(step), "
        "then fill the new rows with --fill interpolate), or accept the gaps knowingly.",
    )
    return [make_finding("irregular_spacing", summary, evidence, [remedy], leak=False)]
