"""Tests of the leaks through time: rows out of time order, covariates from the future."""

from __future__ import annotations

import numpy as np
import pytest
from check_frames import assert_well_formed, make_frame, run_check


# ---------------------------------------------------------------------- shuffled_time
def test_shuffled_time_is_silent_on_ordered_rows_with_or_without_a_time_setting(panel_frame):
    frame = make_frame()
    assert run_check(frame, "shuffled_time") == []
    assert run_check(frame, "shuffled_time", time=None) == []
    # Rows interleaved across series are in order within each series.
    assert run_check(panel_frame, "shuffled_time", id="sid", time=None) == []


@pytest.mark.parametrize("as_text", [False, True])
def test_shuffled_time_catches_an_unused_time_column_out_of_order(as_text):
    frame = make_frame().sample(frac=1.0, random_state=0).reset_index(drop=True)
    if as_text:
        frame["time"] = frame["time"].dt.strftime("%d/%m/%Y %H:%M")
    frame = frame.rename(columns={"time": "recorded"})  # found by its values, not its name
    findings = run_check(frame, "shuffled_time", time=None)
    order_finding = next(f for f in findings if "n_backward" in f.evidence)
    assert order_finding.kind == "leakage"
    assert order_finding.evidence["column"] == "recorded"
    assert 0.3 < order_finding.evidence["fraction"] < 0.7  # about half the steps go back
    assert order_finding.remedies[0].change == {"time": "recorded"}
    assert_well_formed(findings)


def test_shuffled_time_calls_a_step_back_that_stays_inside_a_split_untidy_not_a_leak():
    frame = make_frame()
    frame.loc[[40, 41], "time"] = frame.loc[[41, 40], "time"].to_numpy()  # a clock glitch
    (finding,) = run_check(frame, "shuffled_time", time=None)
    assert finding.kind == "data_issue"
    assert finding.evidence["n_backward"] == 1
    assert finding.evidence["n_train_rows_after_evaluation"] == 0
    assert finding.evidence["first"] == {"series": "0", "row": 41}


def test_shuffled_time_reads_a_numeric_column_named_like_time():
    frame = make_frame().iloc[::-1].reset_index(drop=True)
    frame["time"] = np.arange(len(frame))[::-1]  # step numbers, newest first
    findings = run_check(frame, "shuffled_time", time=None)
    order_finding = next(f for f in findings if "n_backward" in f.evidence)
    assert order_finding.evidence["fraction"] == 1.0
    assert order_finding.kind == "leakage"
    assert order_finding.evidence["n_train_rows_after_evaluation"] == int(0.7 * 300)


def test_shuffled_time_warns_about_a_target_without_serial_structure():
    frame = make_frame(y=np.random.default_rng(1).normal(size=300))
    (finding,) = run_check(frame, "shuffled_time")
    assert finding.kind == "data_issue" and finding.severity == "warning"
    evidence = finding.evidence
    assert evidence["column"] == "y"
    assert abs(evidence["lag1_autocorrelation"]) <= evidence["threshold"]
    assert evidence["threshold"] == pytest.approx(3 / np.sqrt(int(0.7 * 300)), rel=1e-4)
    assert_well_formed([finding])


# ------------------------------------------------------------------- future_covariate
def test_future_covariate_is_silent_on_honest_covariates():
    frame = make_frame()
    assert run_check(frame, "future_covariate") == []
    noisy_now = frame["y"] + np.random.default_rng(2).normal(0, 0.01, len(frame))
    assert run_check(frame.assign(x=noisy_now), "future_covariate") == []  # same time: allowed


def test_future_covariate_is_silent_on_series_that_only_share_a_trend():
    rng = np.random.default_rng(3)
    trend = np.linspace(0, 100, 300)
    frame = make_frame(y=trend + rng.normal(0, 1, 300), x=trend + rng.normal(0, 1, 300))
    assert run_check(frame, "future_covariate") == []


def test_future_covariate_catches_the_target_shifted_into_the_future():
    frame = make_frame()
    frame["x"] = frame["y"].shift(-3)
    frame = frame.iloc[:-3]
    (finding,) = run_check(frame, "future_covariate")
    assert finding.kind == "leakage"
    evidence = finding.evidence
    assert evidence["column"] == "x" and evidence["target"] == "y"
    assert evidence["k"] == 3 and evidence["exact"]
    assert finding.remedies[0].change == {"covariates": []}
    assert_well_formed([finding])


def test_future_covariate_catches_a_noisy_copy_of_the_future():
    frame = make_frame()
    rng = np.random.default_rng(4)
    frame["x"] = frame["y"].shift(-2) + rng.normal(0, 0.02, len(frame))
    frame = frame.iloc[:-2]
    (finding,) = run_check(frame, "future_covariate")
    evidence = finding.evidence
    assert evidence["k"] == 2 and not evidence["exact"]
    assert evidence["correlation"] > 0.99 > evidence["correlation_same_time"]
    assert 0.5 <= finding.confidence <= 1.0


def test_an_unused_time_column_with_changing_utc_offsets_is_read(tmp_path):
    # Found by the fuzz suite: pandas refused the mixed offsets of a column left out of --time.
    frame = make_frame()
    local = frame["time"].dt.tz_localize("UTC").dt.tz_convert("Europe/Berlin")
    frame["time"] = local.dt.strftime("%Y-%m-%dT%H:%M:%S%z")
    frame.loc[len(frame) // 2, "time"] = frame.loc[len(frame) // 2, "time"][:-5] + "+0000"
    assert_well_formed(run_check(frame.rename(columns={"time": "recorded"}), "shuffled_time",
                                 time=None))  # fmt: skip
