"""Leaks through time: rows that are not in time order, and covariates that hold the target's
future."""

from __future__ import annotations

import math
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.diagnosis.check_findings import MIN_ROWS, SIGMAS, make_finding, round_evidence
from lstm_doctor.diagnosis.findings import Finding, Remedy
from lstm_doctor.diagnosis.panel_rows import locate_row, train_slices

__all__ = ["check_future_covariate", "check_shuffled_time"]

# Fraction of a sample of text that must parse as dates for the column to count as time:
# tolerates a few malformed cells ("n/a", "?") while free text or labels almost never parse.
_DATE_FRACTION = 0.95
_DATE_SAMPLE = 200
_TIME_NAMES = {"date", "time", "timestamp", "datetime"}
# A covariate that explains 98% of the variance (r = 0.99) of a *future* target value is a
# copy of it in all but name: no honest leading indicator is that good at a fixed lag.
_FUTURE_CORRELATION = 0.99


def _time_name(name: object) -> bool:
    tokens = re.split(r"[^a-z0-9]+", str(name).lower())
    return any(t in _TIME_NAMES for t in tokens)


def _as_time(column: pd.Series) -> np.ndarray | None:
    """The column as float64 (dates in ns, NaN where missing) if it looks like time; else None."""
    if pd.api.types.is_bool_dtype(column):
        return None
    if pd.api.types.is_datetime64_any_dtype(column):
        return _nanoseconds(pd.to_datetime(column, utc=True))
    if pd.api.types.is_numeric_dtype(column):
        return column.to_numpy(dtype=np.float64) if _time_name(column.name) else None
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return None
    present = column.dropna()
    if present.empty:
        return None
    sample = present.iloc[np.linspace(0, len(present) - 1, _DATE_SAMPLE).astype(int)]
    with warnings.catch_warnings():  # pandas warns when it falls back to per-value parsing
        warnings.simplefilter("ignore")
        text = sample.astype(str)  # utc: offsets that change (DST) are one axis
        parsed_sample = pd.to_datetime(text, errors="coerce", format="mixed", utc=True)
        if parsed_sample.notna().mean() < _DATE_FRACTION and not _time_name(column.name):
            return None
        parsed = pd.to_datetime(column.astype(str), errors="coerce", format="mixed", utc=True)
    if parsed.notna().mean() < _DATE_FRACTION:
        return None
    return _nanoseconds(parsed)


def _nanoseconds(times: pd.Series) -> np.ndarray:
    """UTC nanoseconds as float64, NaN for a missing time."""
    out = times.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]").astype(np.int64)
    return np.where(times.isna().to_numpy(), np.nan, out.astype(np.float64))


def _unused_time_columns(frame: pd.DataFrame, prepared: Prepared) -> dict[str, np.ndarray]:
    """Time-like columns of ``frame`` that the config does not use, in panel row order."""
    config = prepared.config
    used = {*config.target, *config.covariates, config.time, config.id}
    out = {}
    for name in frame.columns:
        if name in used:
            continue
        values = _as_time(frame[name])
        if values is not None:
            out[str(name)] = values[prepared.panel.source_rows]
    return out


def _backward_steps(prepared: Prepared, time: np.ndarray) -> np.ndarray:
    """Global rows whose time comes before that of the row just before them in its series."""
    back = time[1:] < time[:-1]  # NaN compares False: an unparsed cell is not a step back
    back[prepared.panel.offsets[1:-1] - 1] = False  # the step from one series to the next
    return np.flatnonzero(back) + 1


def _later_than_evaluation(prepared: Prepared, time: np.ndarray) -> int:
    """Training rows whose time is later than the earliest validation or test row's."""
    offsets, bounds = prepared.panel.offsets, prepared.bounds
    count = 0
    for s in range(prepared.panel.n_series):
        train = time[offsets[s] : offsets[s] + bounds[s, 0]]
        evaluation = time[offsets[s] + bounds[s, 0] : offsets[s] + bounds[s, 2]]
        if train.size and np.isfinite(evaluation).any():
            count += int(np.sum(train > np.nanmin(evaluation)))
    return count


def check_shuffled_time(frame: pd.DataFrame, prepared: Prepared) -> list[Finding]:
    panel, config = prepared.panel, prepared.config
    time_columns = _unused_time_columns(frame, prepared) if config.time is None else {}
    findings = []
    for name, time in time_columns.items():
        back = _backward_steps(prepared, time)
        if back.size == 0:
            continue
        n_steps = len(time) - panel.n_series
        # The split leaks only where a training row is later than an evaluation row; a step
        # back that stays on one side (a clock change in local time, a glitch) is untidy only.
        misplaced = _later_than_evaluation(prepared, time)
        effect = (
            f"{misplaced} training row(s) are later than the first validation or test row: "
            "the model trains on the future it is scored on."
            if misplaced
            else "No training row is later than an evaluation row, so the split holds, but "
            "windows mix rows out of order."
        )
        findings.append(
            make_finding(
                "shuffled_time",
                f"Rows are not in time order: column {name!r} goes back in time at "
                f"{back.size} of {n_steps} steps. {effect}",
                {
                    "column": name,
                    "n_backward": int(back.size),
                    "n_steps": int(n_steps),
                    "fraction": round_evidence(back.size / max(n_steps, 1)),
                    "n_train_rows_after_evaluation": misplaced,
                    "first": locate_row(prepared, int(back[0])),
                },
                [
                    Remedy(
                        {"time": name},
                        f"Sort the file by {name!r} and pass it as the time column: "
                        "lstm-doctor then checks the order and refuses unsorted rows.",
                    )
                ],
                leak=misplaced > 0,
            )
        )
    train = train_slices(prepared)
    for j, column in enumerate(panel.columns[: panel.n_targets]):
        products = squares = 0.0
        n = 0
        for rows in train:
            x = panel.values[rows, j] - panel.values[rows, j].mean()
            products += float(x[1:] @ x[:-1])
            squares += float(x @ x)
            n += len(x)
        if n < MIN_ROWS or squares == 0:
            continue  # too few rows to tell structure from noise; near_constant covers 0
        r1, band = products / squares, SIGMAS / math.sqrt(n)  # Bartlett: SE(r1) = 1/sqrt(n)
        if abs(r1) > band:
            continue
        if time_columns:
            name = next(iter(time_columns))
            remedy = Remedy(
                {"time": name},
                f"Sort the file by {name!r} and pass it as the time column so the order is "
                "checked.",
            )
        else:
            remedy = Remedy(
                {"layers": 1, "units": 16},
                "If the rows are in time order, the target is noise: the training mean is "
                "the forecast to beat, and a small model overfits it least.",
            )
        findings.append(
            make_finding(
                "shuffled_time",
                f"Target {column!r} has no serial structure on the training rows (lag-1 "
                f"autocorrelation {r1:.3f}, within +-{band:.3f} of zero): the rows may be "
                "shuffled, or the target is noise that no model can forecast.",
                {
                    "column": column,
                    "lag1_autocorrelation": round_evidence(r1),
                    "threshold": round_evidence(band),
                    "n_rows": n,
                },
                [remedy],
                leak=False,
            )
        )
    return findings


# ------------------------------------------------------------------- future covariates
def _lagged_correlations(
    x: np.ndarray, y: np.ndarray, prepared: Prepared, max_lag: int, first: int = 0
) -> np.ndarray:
    """(max_lag + 1, C): correlation of x[t] (rows, C) with y[t + k] (rows,) for k = 0..max_lag
    on the training rows from local row ``first`` on, pooled over series with each series
    centered on the means of its own pairs.

    The lagged products come from one FFT per series (all lags at once), the sums of the
    pairs at each lag from prefix sums: O(rows log rows), whatever the horizon.
    """
    n_columns = x.shape[1]
    sxy, sxx = np.zeros((max_lag + 1, n_columns)), np.zeros((max_lag + 1, n_columns))
    syy = np.zeros((max_lag + 1, 1))
    for rows in train_slices(prepared):
        xs, ys = x[rows][first:], y[rows][first:]
        n = len(xs)
        if n < 3:
            continue
        xs, ys = xs - xs.mean(axis=0), ys - ys.mean()  # keeps the sums below well conditioned
        lags = np.arange(min(max_lag, n - 2) + 1)
        size = 1 << int(np.ceil(np.log2(2 * n)))
        spectrum = np.conj(np.fft.rfft(xs, size, axis=0)) * np.fft.rfft(ys, size)[:, None]
        products = np.fft.irfft(spectrum, size, axis=0)[lags]  # sum_t x[t] y[t + k]
        cx = np.concatenate([np.zeros((1, n_columns)), np.cumsum(xs, axis=0)])
        cxx = np.concatenate([np.zeros((1, n_columns)), np.cumsum(xs**2, axis=0)])
        cy = np.concatenate([[0.0], np.cumsum(ys)])[:, None]
        cyy = np.concatenate([[0.0], np.cumsum(ys**2)])[:, None]
        pairs = (n - lags)[:, None]  # x[0 .. n-k-1] with y[k .. n-1]
        sum_x, sum_y = cx[n - lags], cy[n] - cy[lags]
        sxy[lags] += products - sum_x * sum_y / pairs
        sxx[lags] += cxx[n - lags] - sum_x**2 / pairs
        syy[lags] += cyy[n] - cyy[lags] - sum_y**2 / pairs
    with np.errstate(all="ignore"):  # a constant column has no correlation: 0
        return np.nan_to_num(sxy / np.sqrt(sxx * syy), posinf=0.0, neginf=0.0)


def _equals_shifted(x: np.ndarray, y: np.ndarray, prepared: Prepared, k: int) -> bool:
    """Whether x[t] == y[t + k] (allclose) on every series' training rows."""
    pairs = [(x[rows][: len(x[rows]) - k], y[rows][k:]) for rows in train_slices(prepared)]
    pairs = [(a, b) for a, b in pairs if len(a) > 0]
    return bool(pairs) and all(np.allclose(a, b) for a, b in pairs)


def check_future_covariate(prepared: Prepared) -> list[Finding]:
    panel, horizon = prepared.panel, prepared.config.horizon
    n_covariates = len(panel.columns) - panel.n_targets
    if n_covariates == 0 or prepared.bounds[:, 0].max() <= horizon + 2:
        return []
    values = panel.values
    covariates = values[:, panel.n_targets :]
    steps = np.diff(values, axis=0, prepend=values[:1])  # row t - row t-1 (local row >= 1)
    n_steps = max(int(prepared.bounds[:, 0].sum()) - panel.n_series, 1)
    step_acf = [  # autocorrelation of every column's steps, for Bartlett's band below
        _lagged_correlations(steps[:, [i]], steps[:, i], prepared, horizon, first=1)[:, 0]
        for i in range(len(panel.columns))
    ]
    best: dict[int, dict[str, Any]] = {}
    for j in range(panel.n_targets):
        corr = _lagged_correlations(covariates, values[:, j], prepared, horizon)
        step_corr = _lagged_correlations(
            steps[:, panel.n_targets :], steps[:, j], prepared, horizon, first=1
        )
        for c in range(n_covariates):
            # Bartlett: two unrelated series' cross-correlation has variance
            # (1 + 2 sum_i acf_x(i) acf_y(i)) / n; beyond 3 standard errors it is no chance.
            shared = float(step_acf[j][1:] @ step_acf[panel.n_targets + c][1:])
            step_band = SIGMAS * math.sqrt(max(1 + 2 * shared, 1.0) / n_steps)
            # An exact copy correlates perfectly, so only lags beyond the threshold are tried.
            likely = np.flatnonzero(np.abs(corr[1:, c]) > _FUTURE_CORRELATION) + 1
            exact = [
                k for k in likely if _equals_shifted(covariates[:, c], values[:, j], prepared, k)
            ]
            k = int(exact[0]) if exact else int(np.argmax(np.abs(corr[1:, c]))) + 1
            r, r0 = abs(corr[k, c]), abs(corr[0, c])
            # A co-trending pair correlates at every lag alike; a shifted copy also has its
            # peak of step-to-step correlation at lag k, and that peak is more than chance.
            step_peak = int(np.argmax(np.abs(step_corr[:, c])))
            steps_agree = step_peak == k and abs(step_corr[k, c]) > step_band
            shifted = r > _FUTURE_CORRELATION and r > r0 and steps_agree
            if (exact or shifted) and r >= best.get(c, {}).get("abs", -1):
                best[c] = {
                    "abs": r,
                    "target": panel.columns[j],
                    "k": k,
                    "exact": bool(exact),
                    "correlation": round_evidence(corr[k, c]),
                    "correlation_same_time": round_evidence(corr[0, c]),
                    "step_correlation": round_evidence(step_corr[k, c]),
                    "step_threshold": round_evidence(step_band),
                }
    findings = []
    for c, found in best.items():
        column = panel.columns[panel.n_targets + c]
        found.pop("abs")
        kept = [name for name in panel.columns[panel.n_targets :] if name != column]
        how = "equals" if found["exact"] else f"correlates {found['correlation']:+.4f} with"
        findings.append(
            make_finding(
                "future_covariate",
                f"Covariate {column!r} {how} target {found['target']!r} {found['k']} step(s) "
                f"later (at the same time: {found['correlation_same_time']:+.4f}): it carries "
                "the future the model is asked to forecast.",
                {"column": column, **found, "threshold": _FUTURE_CORRELATION},
                [
                    Remedy(
                        {"covariates": kept},
                        f"Drop {column!r}, or shift it so that each row holds only what is "
                        "known at that row's time.",
                    )
                ],
                leak=True,
                # 0.5 at the threshold, 1 for a perfect copy
                confidence=1.0
                if found["exact"]
                else 0.5
                + 0.5
                * (abs(found["correlation"]) - _FUTURE_CORRELATION)
                / (1 - _FUTURE_CORRELATION),
            )
        )
    return findings
