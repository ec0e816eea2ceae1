"""Checks of the pipeline's own guarantees: targets in one split only, windows inside one
series, a scaler fitted on training rows.

They are checked, not assumed: each recomputes what ``prepare`` should have done and compares
it with what the Prepared holds, so a Prepared built or edited by other code is caught too.
"""

from __future__ import annotations

import itertools

import numpy as np

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.data.scale import fit_scaler
from lstm_doctor.data.split import SPLITS
from lstm_doctor.diagnosis.check_findings import N_EXAMPLES, make_finding, round_evidence
from lstm_doctor.diagnosis.findings import Finding, Remedy
from lstm_doctor.diagnosis.panel_rows import locate_row, target_mask

__all__ = [
    "check_scaler_not_train_only",
    "check_target_in_two_splits",
    "check_window_crosses_series",
]


def _rebuild() -> Remedy:
    """No setting to change: the settings are right, what was built from them is not."""
    return Remedy(
        {},
        "Rebuild the data with lstm_doctor.data.prepare: it splits by time, gives each window "
        "to the one split that holds its targets, and fits the scaler on each series' "
        "training rows only.",
    )


# ------------------------------------------------------------------- pipeline guarantees
def check_target_in_two_splits(prepared: Prepared, starts: dict[str, np.ndarray]) -> list[Finding]:
    masks = {split: target_mask(prepared, starts[split]) for split in SPLITS}
    findings = []
    for a, b in itertools.combinations(SPLITS, 2):
        rows = np.flatnonzero(masks[a] & masks[b])
        if rows.size == 0:
            continue
        findings.append(
            make_finding(
                "target_in_two_splits",
                f"{rows.size} row(s) are forecast targets in both the {a} and the {b} split: "
                f"the model is scored on values it was {'trained' if a == 'train' else 'tuned'} "
                "on.",
                {
                    "splits": [a, b],
                    "n_rows": int(rows.size),
                    "examples": [locate_row(prepared, int(r)) for r in rows[:N_EXAMPLES]],
                },
                [_rebuild()],
                leak=True,
            )
        )
    return findings


def check_window_crosses_series(prepared: Prepared, starts: dict[str, np.ndarray]) -> list[Finding]:
    offsets, n_series = prepared.panel.offsets, prepared.panel.n_series
    width = prepared.config.lookback + prepared.config.horizon
    counts, examples = {}, []
    for split in SPLITS:
        first = starts[split]
        series = np.searchsorted(offsets, first, side="right") - 1
        inside = (first >= 0) & (series < n_series)
        end = offsets[np.clip(series + 1, 0, n_series)]
        bad = np.flatnonzero(~inside | (first + width > end))
        if bad.size:
            counts[split] = int(bad.size)
            for w in bad[: N_EXAMPLES - len(examples)]:
                place = locate_row(prepared, int(first[w]))
                examples.append({"split": split, **place, "width": width})
    if not counts:
        return []
    return [
        make_finding(
            "window_crosses_series",
            f"{sum(counts.values())} window(s) run from one series into the next: their "
            "inputs and targets mix unrelated series.",
            {"n_windows": counts, "examples": examples},
            [_rebuild()],
            leak=True,
        )
    ]


def check_scaler_not_train_only(prepared: Prepared) -> list[Finding]:
    panel, scaler, bounds = prepared.panel, prepared.scaler, prepared.bounds

    def fitted(rows: np.ndarray):
        return fit_scaler(
            scaler.kind, panel.values, panel.offsets, rows, panel.columns, panel.series_ids
        )

    found_center = scaler.center[prepared.scaler_index]
    found_scale = scaler.scale[prepared.scaler_index]

    def matches(other) -> np.ndarray:
        return np.isclose(found_center, other.center) & np.isclose(found_scale, other.scale)

    # A series without training rows has no scaler to check (prepare refuses it); one row
    # keeps fit_scaler from reducing over nothing.
    expected = fitted(np.maximum(bounds[:, 0], 1))
    differ = ~matches(expected) & (bounds[:, 0] > 0)[:, None]
    if not differ.any():
        return []
    on_all = matches(fitted(panel.series_lengths()))
    on_train_val = matches(fitted(np.maximum(bounds[:, 1], 1)))
    pairs = np.argwhere(differ)
    if on_all[differ].all():
        rows = "all rows"
    elif on_train_val[differ].all():
        rows = "the training and validation rows"
    else:
        rows = "rows other than the training rows"
    columns = sorted({panel.columns[c] for _, c in pairs}, key=panel.columns.index)
    examples = [
        {
            "column": panel.columns[c],
            "series": panel.series_ids[s],
            "train_center": round_evidence(expected.center[s, c]),
            "train_scale": round_evidence(expected.scale[s, c]),
            "found_center": round_evidence(found_center[s, c]),
            "found_scale": round_evidence(found_scale[s, c]),
        }
        for s, c in pairs[:N_EXAMPLES]
    ]
    return [
        make_finding(
            "scaler_not_train_only",
            f"The {scaler.kind} scaler of column(s) {', '.join(columns)} was not fitted on the "
            f"training rows alone (it matches {rows}): validation or test values shaped the "
            "inputs the model saw.",
            {
                "columns": columns,
                "n_series": int(differ.any(axis=1).sum()),
                "fitted_on": rows,
                "examples": examples,
            },
            [_rebuild()],
            leak=True,
        )
    ]
