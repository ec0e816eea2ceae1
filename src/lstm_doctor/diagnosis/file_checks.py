"""Leaks the data file carries into the pipeline: columns scaled with statistics of all rows
(the test rows included) before the split, and stretches repeated across splits."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.diagnosis.check_findings import N_EXAMPLES, SIGMAS, make_finding, round_evidence
from lstm_doctor.diagnosis.findings import Finding, Remedy
from lstm_doctor.diagnosis.panel_rows import locate_row, train_slices

__all__ = ["check_duplicate_windows", "check_prescaled_file"]

# A z-scored column has mean 0 and std 1 to float precision: float32 storage (~7 significant
# digits) moves them by ~1e-7, so 1e-6 leaves a margin of 10x, while an unscaled column hits
# both to 6 digits only by coincidence (and must also fail the training-rows test below).
_ZSCORE_TOLERANCE = 1e-6
# The coarsest decimal rounding of z-scores we allow for when judging them (two decimals);
# coarser rounding would let genuinely unscaled integer-valued columns pass for z-scores.
_COARSEST_ROUNDING = 1e-2
_HASH_CHUNK = 1 << 16  # windows hashed at a time: memory is bounded by the chunk, not the data
_COMPARE_CHUNK = 1024  # windows compared element by element at a time
_SEED = 0  # the random projections of duplicate_windows; fixed, so results are reproducible


# ------------------------------------------------------------------------ the data file
def _decimal_step(x: np.ndarray) -> float:
    """The decimal rounding step of ``x`` (0.01 for two decimals), 0 at full precision."""
    for digits in range(9):
        scaled = x * 10.0**digits
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-6):
            return 10.0**-digits
    return 0.0


def _zscore_tolerance(x: np.ndarray) -> float:
    """``_ZSCORE_TOLERANCE`` plus what rounding the z-scores to decimals adds to mean and std.

    Rounding errors are uniform with variance q^2 / 12: they shift the mean by about
    q / sqrt(12 n) (allowed: 4 of those) and inflate the variance by q^2 / 12.
    """
    step = _decimal_step(x)
    if step == 0 or step > _COARSEST_ROUNDING:
        return _ZSCORE_TOLERANCE
    return _ZSCORE_TOLERANCE + step**2 / 12 + 4 * step / math.sqrt(12 * len(x))


def _prescaling(full: np.ndarray, train: np.ndarray) -> dict[str, Any] | None:
    """How ``full`` was scaled on all rows (z-score or min-max), if it was and ``train`` was not."""
    if len(train) < 2 or len(np.unique(full)) <= 2:
        return None  # an indicator column is 0/1 (or +-1) by nature
    if full.min() == 0 and full.max() == 1 and not (train.min() == 0 and train.max() == 1):
        return {
            "scaling": "minmax",
            "full_min": 0.0,
            "full_max": 1.0,
            "train_min": round_evidence(train.min()),
            "train_max": round_evidence(train.max()),
        }
    if _zscore_distance(full) > 0.02:
        return None  # beyond the largest tolerance (0.009): skip the search for a rounding
    tolerance = _zscore_tolerance(full)
    # Training rows at 0 / 1 to the same precision: the file was scaled on them, as it should.
    if _zscore_distance(full) > tolerance or _zscore_distance(train) <= _zscore_tolerance(train):
        return None
    n_train = len(train)
    train_mean, train_std = train.mean(), train.std()
    # A random part of a z-scored column differs from 0 / 1 by sampling error only
    # (SE(mean) = 1/sqrt(n), SE(std) = 1/sqrt(2n)); beyond that, the statistics of the later
    # rows moved the scaling, and the test rows' level and spread reached the model's inputs.
    mean_band, std_band = SIGMAS / math.sqrt(n_train), SIGMAS / math.sqrt(2 * n_train)
    return {
        "scaling": "zscore",
        "full_mean": round_evidence(full.mean()),
        "full_std": round_evidence(full.std()),
        "full_std_sample": round_evidence(full.std(ddof=1)),
        "train_mean": round_evidence(train_mean),
        "train_std": round_evidence(train_std),
        "tolerance": round_evidence(tolerance),
        "train_mean_band": round_evidence(mean_band),
        "train_std_band": round_evidence(std_band),
        "train_beyond_sampling": bool(abs(train_mean) > mean_band or abs(train_std - 1) > std_band),
    }


def _zscore_distance(x: np.ndarray) -> float:
    """How far ``x`` is from mean 0 and std 1 (population or sample std, the nearer)."""
    if len(x) < 2:
        return math.inf
    std_gap = min(abs(x.std() - 1), abs(x.std(ddof=1) - 1))
    return float(max(abs(x.mean()), std_gap))


def check_prescaled_file(prepared: Prepared) -> list[Finding]:
    panel, config = prepared.panel, prepared.config
    offsets, train_rows = panel.offsets, train_slices(prepared)
    train_mask = np.zeros(len(panel.values), dtype=bool)
    for rows in train_rows:
        train_mask[rows] = True
    groups = [
        (sid, slice(int(offsets[s]), int(offsets[s + 1])), train_rows[s])
        for s, sid in enumerate(panel.series_ids)
    ]
    findings = []
    for c, column in enumerate(panel.columns):
        values = panel.values[:, c]
        found = []
        for sid, rows, train in groups:
            result = _prescaling(values[rows], values[train])
            if result:
                found.append({"series": sid, **result})
        if not found and panel.n_series > 1:  # a column scaled as a whole, across series
            result = _prescaling(values, values[train_mask])
            if result:
                found.append({"series": "all series together", **result})
        if not found:
            continue
        scaling = found[0]["scaling"]
        how = "z-scored (mean 0, std 1)" if scaling == "zscore" else "min-max scaled to [0, 1]"
        refit = config.scaler != "none"
        beyond = found[0].get("train_beyond_sampling", True)
        summary = (
            f"Column {column!r} of the file is {how} over all its rows, its test rows "
            "included, while its training rows alone are not: the file was scaled before the "
            "split, with statistics of the test rows."
        )
        if not beyond:
            summary += (
                " Its training rows differ from 0 and 1 by sampling error only, so little "
                "about the test rows came through this time."
            )
        if refit:
            summary += (
                f" The {config.scaler} scaler refitted on the training rows undoes that "
                "scaling, but whatever else was done to the file before the split may have "
                "seen the test rows too."
            )
            remedy = Remedy(
                {},
                "Export the file from raw, unscaled values, and keep "
                f"scaler={config.scaler!r}: fitted on the training rows, it cancels any "
                "per-column scaling.",
            )
        else:
            remedy = Remedy(
                {"scaler": "standard"},
                "Scale with statistics of the training rows (scaler 'standard'), and export "
                "the file from raw, unscaled values.",
            )
        findings.append(
            make_finding(
                "prescaled_file",
                summary,
                {"column": column, **found[0], "n_series": len(found)},
                [remedy],
                leak=True,
                severity="warning" if refit else "critical",
                confidence=1.0 if beyond else 0.6,  # the process is proven, the harm is small
            )
        )
    return findings


# ---------------------------------------------------------------------- duplicate windows
def _window_hashes(codes: np.ndarray, starts: np.ndarray, multipliers: np.ndarray) -> np.ndarray:
    """A random linear hash (mod 2^64) of each window's row codes, a chunk of windows at a time.

    Integer arithmetic is exact, so identical windows get identical hashes whatever the order
    of operations; memory is one chunk of hashes, never lookback x windows.
    """
    out = np.empty(len(starts), dtype=np.uint64)
    for low in range(0, len(starts), _HASH_CHUNK):
        chunk = starts[low : low + _HASH_CHUNK]
        h = np.zeros(len(chunk), dtype=np.uint64)
        for j, multiplier in enumerate(multipliers):
            h += codes[chunk + j] * multiplier  # wraps modulo 2^64, as intended
        out[low : low + len(chunk)] = h
    return out


def _same_windows(view: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether windows ``a[i]`` and ``b[i]`` are identical, and whether each ``a[i]`` is flat."""
    equal = np.zeros(len(a), dtype=bool)
    flat = np.zeros(len(a), dtype=bool)
    for low in range(0, len(a), _COMPARE_CHUNK):
        part = slice(low, low + _COMPARE_CHUNK)
        left, right = view[a[part]], view[b[part]]
        equal[part] = (left == right).all(axis=(1, 2))
        flat[part] = (left == left[:, :1]).all(axis=(1, 2))
    return equal, flat


def _duplicates(
    view: np.ndarray,
    codes: np.ndarray,
    train: np.ndarray,
    other: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Windows of ``other`` identical to a train window elsewhere: (other, train, flat)."""
    multipliers = rng.integers(1, 2**63, size=view.shape[1], dtype=np.uint64) * 2 + 1
    train_hash = _window_hashes(codes, train, multipliers)
    other_hash = _window_hashes(codes, other, multipliers)
    order = np.argsort(train_hash, kind="stable")
    sorted_hash = train_hash[order]
    low = np.searchsorted(sorted_hash, other_hash, side="left")
    high = np.searchsorted(sorted_hash, other_hash, side="right")
    found_other, found_train, found_flat = [], [], []
    # Confirm every candidate exactly: the k-th train window of equal hash, k = 0, 1, ...
    pending = np.flatnonzero(high > low)
    for k in range(8):  # more than one non-identical train window of equal hash is unheard of
        if pending.size == 0:
            break
        pending = pending[low[pending] + k < high[pending]]
        partner = train[order[low[pending] + k]]
        equal, flat = _same_windows(view, other[pending], partner)
        equal &= partner != other[pending]  # the same window in two splits: a different check
        found_other.append(other[pending[equal]])
        found_train.append(partner[equal])
        found_flat.append(flat[equal])
        pending = pending[~equal]
    if not found_other:
        return (np.empty(0, dtype=np.int64),) * 2 + (np.empty(0, dtype=bool),)
    return np.concatenate(found_other), np.concatenate(found_train), np.concatenate(found_flat)


def check_duplicate_windows(prepared: Prepared, starts: dict[str, np.ndarray]) -> list[Finding]:
    data = np.ascontiguousarray(prepared.data.numpy(), dtype=np.float32)
    width = prepared.config.lookback + prepared.config.horizon
    n_positions = data.shape[0] - width + 1
    if n_positions < 1 or starts["train"].size == 0:
        return []
    view = np.lib.stride_tricks.sliding_window_view(data, width, axis=0).transpose(0, 2, 1)
    rng = np.random.default_rng(_SEED)
    # One uint64 code per row from the float32 bits of its features (exact, no rounding).
    weights = rng.integers(1, 2**63, size=data.shape[1], dtype=np.uint64) * 2 + 1
    codes = (data.view(np.uint32).astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)
    findings = []
    for split in ("val", "test"):
        if starts[split].size == 0:
            continue
        other, train, flat = _duplicates(view, codes, starts["train"], starts[split], rng)
        if other.size == 0:
            continue
        order = np.argsort(other, kind="stable")
        examples = [
            {
                split: locate_row(prepared, int(other[i])),
                "train": locate_row(prepared, int(train[i])),
            }
            for i in order[:N_EXAMPLES]
        ]
        all_flat = bool(flat.all())
        evidence = {
            "splits": ["train", split],
            "n_windows": int(other.size),
            "n_split_windows": int(starts[split].size),
            "fraction": round_evidence(other.size / starts[split].size),
            "n_flat": int(flat.sum()),
            "examples": examples,
        }
        if all_flat:
            findings.append(
                make_finding(
                    "duplicate_windows",
                    f"{other.size} {split} window(s) are flat stretches (every feature "
                    "constant) identical to flat training windows: outages or fill values "
                    "the model is scored on as if they were data.",
                    evidence,
                    [
                        Remedy(
                            {"fill": "interpolate"},
                            "Mark outages as missing (NaN) instead of a constant and "
                            "interpolate them, or remove those stretches.",
                        )
                    ],
                    leak=False,
                )
            )
            continue
        findings.append(
            make_finding(
                "duplicate_windows",
                f"{other.size} of {starts[split].size} {split} window(s) (inputs and "
                "targets, every feature) are exact copies of training windows: the file "
                f"holds repeated stretches, so the {split} score measures memory.",
                evidence,
                [
                    Remedy(
                        {},
                        "Remove the repeated stretch from the file (a copy or a join that "
                        "repeated rows) and prepare it again.",
                    )
                ],
                leak=True,
            )
        )
    return findings
