"""Tests of the checks of the pipeline's own guarantees, proven checkable by breaking a
Prepared on purpose."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from check_frames import assert_well_formed, findings_of, make_frame, prepare_frame, run_check

from lstm_doctor.data import fit_scaler
from lstm_doctor.diagnosis.checks import check_data


# --------------------------------------------------------------- target_in_two_splits
def test_target_in_two_splits_is_silent_on_the_pipelines_own_split():
    assert run_check(make_frame(), "target_in_two_splits") == []


def test_target_in_two_splits_catches_overlapping_bounds():
    frame = make_frame()
    prepared = prepare_frame(frame, split="0.6,0.2,0.2")
    # Train targets end at row 200 but test targets start at row 100 (val is empty).
    broken = dataclasses.replace(prepared, bounds=np.array([[200, 100, 300]]))
    (finding,) = findings_of(check_data(frame, broken), "target_in_two_splits")
    assert finding.kind == "leakage" and finding.severity == "critical"
    assert finding.evidence["splits"] == ["train", "test"]
    assert finding.evidence["n_rows"] == 100  # rows 100..199
    assert finding.evidence["examples"][0] == {"series": "0", "row": 100}
    assert finding.remedies[0].change == {}  # the settings are right: prepare again
    assert_well_formed([finding], broken.config)


# -------------------------------------------------------------- window_crosses_series
def _two_series(n: int = 150) -> pd.DataFrame:
    parts = [make_frame(n, seed=s).assign(sid=sid) for s, sid in enumerate("ab")]
    return pd.concat(parts, ignore_index=True)


def test_window_crosses_series_is_silent_on_a_panel(panel_frame):
    frame = panel_frame
    assert run_check(frame, "window_crosses_series", id="sid", split="0.6,0.2,0.2") == []


def test_window_crosses_series_catches_a_split_that_runs_past_its_series():
    frame = _two_series(150)
    prepared = prepare_frame(frame, id="sid", split="0.6,0.2,0.2")
    bounds = prepared.bounds.copy()
    bounds[0, 2] = 170  # series a's test targets run 20 rows into series b
    broken = dataclasses.replace(prepared, bounds=bounds)
    findings = check_data(frame, broken)
    (finding,) = findings_of(findings, "window_crosses_series")
    assert finding.kind == "leakage"
    # Windows of 8 + 4 rows that start in a (row <= 149) and end in b: starts 139..149.
    assert finding.evidence["n_windows"] == {"test": 11}
    assert finding.evidence["examples"][0] == {
        "split": "test",
        "series": "a",
        "row": 139,
        "width": 12,
    }
    # The windows that start inside b forecast b's training rows: the other check sees them.
    assert findings_of(findings, "target_in_two_splits")
    assert finding.remedies[0].change == {}
    assert_well_formed([finding], broken.config)


# -------------------------------------------------------------- scaler_not_train_only
def test_scaler_not_train_only_is_silent_on_a_training_scaler():
    assert run_check(_two_series(), "scaler_not_train_only", id="sid") == []


# Min-max statistics of all rows equal those of the training rows where both extremes of
# every column lie in them, as they do in series a.
@pytest.mark.parametrize(
    ("kind", "series"), [("standard", "ab"), ("robust", "ab"), ("minmax", "b")]
)
def test_scaler_not_train_only_catches_a_scaler_fitted_on_all_rows(kind, series):
    frame = _two_series()
    prepared = prepare_frame(frame, id="sid", scaler=kind)
    panel = prepared.panel
    leaky = fit_scaler(
        kind, panel.values, panel.offsets, panel.series_lengths(), panel.columns, panel.series_ids
    )
    broken = dataclasses.replace(prepared, scaler=leaky)
    (finding,) = findings_of(check_data(frame, broken), "scaler_not_train_only")
    assert finding.kind == "leakage"
    assert finding.evidence["columns"] == ["y", "x"]
    assert finding.evidence["n_series"] == len(series)
    assert finding.evidence["fitted_on"] == "all rows"
    example = finding.evidence["examples"][0]
    assert example["column"] == "y" and example["series"] == series[0]
    assert example["train_center"] != example["found_center"]
    assert finding.remedies[0].change == {}
    assert_well_formed([finding], broken.config)
