"""Data a model cannot learn well from, or be judged on: evaluation splits too small to
judge by, (nearly) constant columns, and outliers that dominate the scaling."""

from __future__ import annotations

import math

import numpy as np

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.data.split import SPLITS
from lstm_doctor.diagnosis.check_findings import MIN_ROWS, make_finding, round_evidence
from lstm_doctor.diagnosis.findings import Finding, Remedy
from lstm_doctor.diagnosis.panel_rows import target_mask, train_slices

__all__ = ["check_near_constant", "check_outliers", "check_small_split"]

# An evaluation split needs >= 10 non-overlapping forecasts (10 * horizon target rows): the
# error of stride-1 windows less than a horizon apart is shared, so a split holds only
# rows / horizon independent forecasts, and below 10 the standard error of their mean is more
# than a third of their spread. And >= 30 windows, the usual size for the mean of per-window
# losses to be about normal, which comparing two losses assumes.
_MIN_INDEPENDENT_FORECASTS = 10
_MIN_WINDOWS = 30
# A spread 8 orders of magnitude below the level is what float round-off leaves of a constant
# (values that went through float32 or decimal text); no instrument resolves it, so there is
# no signal on those rows.
_CONSTANT_RELATIVE_STD = 1e-8
# For Gaussian data std == 1.4826 * MAD; even a Student-t with 3 degrees of freedom (infinite
# kurtosis) has a ratio of only 1.5. A ratio > 3 means a few values carry most of the variance,
# so standard scaling squeezes the bulk of the data into a sliver of the unit range.
_MAD_TO_STD = 1.4826
_OUTLIER_STD_RATIO = 3.0
# A robust z-score of 10 has probability ~1e-23 under a Gaussian: such a value is an outlier
# for any light-tailed distribution, not a tail draw.
_OUTLIER_ROBUST_Z = 10.0


def _beyond(value: float, threshold: float) -> float:
    """Confidence from how far ``value`` passed ``threshold``: 0.5 at it, 1 at twice it."""
    if threshold <= 0 or not math.isfinite(value):
        return 1.0
    return float(min(1.0, max(0.5, 0.5 * value / threshold)))


def _split_suggestion(prepared: Prepared, split: str, needed: int) -> list[Remedy]:
    """Fractions that give each series ``needed`` target rows in val and test, and the longest
    horizon that the rows ``split`` has now can judge."""
    config, bounds = prepared.config, prepared.bounds
    remedies = []
    share = math.ceil(20 * needed / int(prepared.panel.series_lengths().min())) / 20  # 5% steps
    split_text = f"{1 - 2 * share:.2f},{share:.2f},{share:.2f}"
    if 1 - 2 * share >= 0.5 and split_text != config.split:  # training keeps half the data
        remedies.append(
            Remedy(
                {"split": split_text},
                f"Give validation and test {share:.0%} of each series each: enough target "
                "rows to judge a model.",
            )
        )
    k = SPLITS.index(split)
    first = np.maximum(bounds[:, k - 1] + config.embargo, config.lookback)
    rows = int((bounds[:, k] - first).min())  # the rows that may hold targets, per series
    horizon = min(rows // _MIN_INDEPENDENT_FORECASTS, rows - _MIN_WINDOWS + 1)
    if 1 <= horizon < config.horizon:
        remedies.append(
            Remedy(
                {"horizon": horizon},
                f"A horizon of {horizon} fits {_MIN_INDEPENDENT_FORECASTS} non-overlapping "
                f"forecasts and {_MIN_WINDOWS} windows in the {split} rows of every series.",
            )
        )
    if not remedies:
        remedies.append(
            Remedy(
                {"split": "0.6,0.2,0.2"},
                "The series are short for this lookback and horizon: give evaluation 20% "
                "each, and gather more data if that is not enough.",
            )
        )
    return remedies


def check_small_split(prepared: Prepared, starts: dict[str, np.ndarray]) -> list[Finding]:
    horizon = prepared.config.horizon
    min_rows = _MIN_INDEPENDENT_FORECASTS * horizon
    needed = max(min_rows, _MIN_WINDOWS + horizon - 1) + prepared.config.embargo
    findings = []
    for split in ("val", "test"):
        n_windows = int(starts[split].size)
        n_rows = int(target_mask(prepared, starts[split]).sum())
        if n_windows >= _MIN_WINDOWS and n_rows >= min_rows:
            continue
        findings.append(
            make_finding(
                "small_split",
                f"The {split} split has {n_windows} window(s) over {n_rows} target row(s), "
                f"fewer than {_MIN_WINDOWS} windows or {min_rows} rows "
                f"({_MIN_INDEPENDENT_FORECASTS} x horizon {horizon}): its loss is too noisy "
                "to judge a model by.",
                {
                    "split": split,
                    "n_windows": n_windows,
                    "n_target_rows": n_rows,
                    "min_windows": _MIN_WINDOWS,
                    "min_target_rows": min_rows,
                },
                _split_suggestion(prepared, split, needed),
                leak=False,
                confidence=1.0 - min(n_windows / _MIN_WINDOWS, n_rows / min_rows, 1.0) / 2,
            )
        )
    return findings


def check_near_constant(prepared: Prepared) -> list[Finding]:
    panel = prepared.panel
    findings = []
    for c, column in enumerate(panel.columns):
        is_target = c < panel.n_targets
        hits = []
        for s, rows in enumerate(train_slices(prepared)):
            x = panel.values[rows, c]
            if x.size == 0:
                continue
            mean, std = float(x.mean()), float(x.std())
            limit = _CONSTANT_RELATIVE_STD * (1 + abs(mean))
            n_distinct = len(np.unique(x))
            flat = std < limit
            if flat or (is_target and n_distinct <= 2 and x.size >= MIN_ROWS):
                series_values = panel.values[panel.offsets[s] : panel.offsets[s + 1], c]
                hits.append(
                    {
                        "series": panel.series_ids[s],
                        "std": round_evidence(std),
                        "mean": round_evidence(mean),
                        "n_distinct": n_distinct,
                        "threshold": round_evidence(limit),
                        "flat": bool(flat),
                        "varies_later": bool(np.ptp(series_values) > np.ptp(x)),
                    }
                )
        if not hits:
            continue
        others = [n for n in panel.columns[: panel.n_targets] if n != column]
        if is_target:
            binary = not any(h["flat"] for h in hits)
            what = "takes at most 2 values" if binary else "is (nearly) constant"
            remedies = [Remedy({"target": others}, f"Forecast {', '.join(others)} only.")]
            remedies = remedies if others else []
            remedies.append(
                Remedy(
                    {"scaler": "none"},
                    "Keep the values unscaled: a spread this small is round-off, and dividing "
                    "by it blows up the later rows."
                    if not binary
                    else "Keep a two-valued target on its own scale, so forecasts read as "
                    "the chance of each value.",
                )
            )
            severity = "warning"
        else:
            what = "is (nearly) constant"
            kept = [n for n in panel.columns[panel.n_targets :] if n != column]
            remedies = [
                Remedy(
                    {"covariates": kept},
                    f"Drop {column!r}: it carries no information on the training rows, so "
                    "the model cannot learn what it means.",
                )
            ]
            # Constant everywhere it is harmless; varying later it feeds unlearned inputs.
            severity = "warning" if any(h["varies_later"] for h in hits) else "info"
        role = "Target" if is_target else "Covariate"
        findings.append(
            make_finding(
                "near_constant",
                f"{role} {column!r} {what} on the training rows of {len(hits)} series "
                f"(of {panel.n_series}): there is little or nothing to learn from it.",
                {"column": column, "role": role.lower(), **hits[0], "n_series": len(hits)},
                remedies,
                leak=False,
                severity=severity,
            )
        )
    return findings


def check_outliers(prepared: Prepared) -> list[Finding]:
    panel, scaler = prepared.panel, prepared.config.scaler
    if scaler not in ("standard", "minmax"):  # robust scaling is not dominated by outliers
        return []
    findings = []
    for c, column in enumerate(panel.columns):
        hits = []
        for s, rows in enumerate(train_slices(prepared)):
            x = panel.values[rows, c]
            if x.size < MIN_ROWS:
                continue
            median = np.median(x)
            robust = _MAD_TO_STD * np.median(np.abs(x - median))
            if robust == 0:
                continue  # mostly one value: near_constant's matter, not a scaling one
            ratio, max_z = x.std() / robust, np.abs(x - median).max() / robust
            if ratio > _OUTLIER_STD_RATIO and max_z > _OUTLIER_ROBUST_Z:
                worst = int(np.argmax(np.abs(x - median)))
                hits.append(
                    {
                        "series": panel.series_ids[s],
                        "std_to_robust_std": round_evidence(ratio),
                        "max_robust_z": round_evidence(max_z),
                        "worst_row": int(panel.source_rows[rows.start + worst]),
                        "worst_value": round_evidence(x[worst]),
                    }
                )
        if not hits:
            continue
        hits.sort(key=lambda h: -h["std_to_robust_std"])
        findings.append(
            make_finding(
                "outliers",
                f"Column {column!r} has outliers that dominate its {scaler} scaling on the "
                f"training rows of {len(hits)} series: std is {hits[0]['std_to_robust_std']:.1f}"
                f"x the robust spread and the largest value is {hits[0]['max_robust_z']:.0f} "
                "robust std from the median.",
                {
                    "column": column,
                    **hits[0],
                    "n_series": len(hits),
                    "ratio_threshold": _OUTLIER_STD_RATIO,
                    "z_threshold": _OUTLIER_ROBUST_Z,
                },
                [
                    Remedy(
                        {"scaler": "robust"},
                        "Scale by median and interquartile range, which a few extreme values "
                        "cannot stretch; check those values for recording errors.",
                    )
                ],
                leak=False,
                confidence=_beyond(hits[0]["std_to_robust_std"], _OUTLIER_STD_RATIO),
            )
        )
    return findings
