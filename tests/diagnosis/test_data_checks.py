"""Tests of the data issues: small evaluation splits, near-constant columns, outliers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from check_frames import assert_well_formed, make_frame, run_check


# ------------------------------------------------------------------------ small_split
def test_small_split_is_silent_on_enough_windows():
    assert run_check(make_frame(600), "small_split") == []


def test_small_split_catches_an_evaluation_split_with_few_windows():
    findings = run_check(make_frame(300), "small_split", split="0.9,0.05,0.05")
    assert [f.evidence["split"] for f in findings] == ["val", "test"]
    evidence = findings[0].evidence
    assert evidence["n_windows"] == 15 - 4 + 1 and evidence["n_target_rows"] == 15
    assert evidence["min_windows"] == 30 and evidence["min_target_rows"] == 40
    # 40 target rows (10 horizons) of 300 are 13.3%: 15% each for validation and test.
    assert findings[0].remedies[0].change == {"split": "0.70,0.15,0.15"}
    assert_well_formed(findings)


def test_small_split_counts_a_split_without_any_window():
    (finding,) = run_check(make_frame(300), "small_split", split="0.5,0.49,0.01", lookback=8)
    assert finding.evidence == finding.evidence | {"split": "test", "n_windows": 0}


# ---------------------------------------------------------------------- near_constant
def test_near_constant_is_silent_on_varying_columns():
    assert run_check(make_frame(), "near_constant") == []


def test_near_constant_catches_a_covariate_constant_on_the_training_rows():
    frame = make_frame()
    frame.loc[:209, "x"] = 3.0  # constant over the 210 training rows, varying after
    (finding,) = run_check(frame, "near_constant")
    assert finding.severity == "warning"
    assert finding.evidence["column"] == "x" and finding.evidence["varies_later"]
    assert finding.remedies[0].change == {"covariates": []}
    assert_well_formed([finding])


def test_near_constant_calls_a_covariate_constant_everywhere_harmless():
    (finding,) = run_check(make_frame(x=np.full(300, 7.0)), "near_constant")
    assert finding.severity == "info"


def test_near_constant_catches_a_two_valued_target():
    frame = make_frame(y=(np.arange(300) % 24 < 12).astype(float))
    (finding,) = run_check(frame, "near_constant")
    assert finding.evidence["role"] == "target" and finding.evidence["n_distinct"] == 2
    assert_well_formed([finding])


# --------------------------------------------------------------------------- outliers
def _spiky() -> pd.DataFrame:
    frame = make_frame()
    frame.loc[[20, 90, 150], "y"] = [500.0, -400.0, 800.0]  # in the training rows
    return frame


def test_outliers_is_silent_on_clean_data_and_under_a_robust_scaler():
    assert run_check(make_frame(), "outliers") == []
    assert run_check(_spiky(), "outliers", scaler="robust") == []


def test_outliers_catches_spikes_that_dominate_a_standard_scaler():
    (finding,) = run_check(_spiky(), "outliers")
    evidence = finding.evidence
    assert finding.kind == "data_issue"
    assert evidence["column"] == "y" and evidence["worst_row"] == 150
    assert evidence["std_to_robust_std"] > 3 and evidence["max_robust_z"] > 10
    assert finding.remedies[0].change == {"scaler": "robust"}
    assert_well_formed([finding])
