"""Tests of the leaks a file carries: columns scaled before the split, repeated stretches."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from check_frames import assert_well_formed, make_frame, run_check


# --------------------------------------------------------------------- prescaled_file
def _trending(n: int = 400) -> pd.DataFrame:
    """A target whose level rises: its training rows differ from the whole series."""
    frame = make_frame(n)
    frame["y"] = frame["y"] + np.linspace(0, 5, n)
    return frame


def test_prescaled_file_is_silent_on_raw_and_on_train_only_scaled_values():
    assert run_check(_trending(), "prescaled_file") == []
    frame = _trending()
    train = frame["y"].iloc[: int(0.7 * len(frame))]
    frame["y"] = (frame["y"] - train.mean()) / train.std()  # scaled the right way
    assert run_check(frame, "prescaled_file") == []


@pytest.mark.parametrize("ddof", [0, 1])
def test_prescaled_file_catches_a_column_z_scored_on_all_rows(ddof):
    frame = _trending()
    frame["y"] = (frame["y"] - frame["y"].mean()) / frame["y"].std(ddof=ddof)
    (finding,) = run_check(frame, "prescaled_file")
    evidence = finding.evidence
    assert finding.kind == "leakage" and finding.severity == "warning"  # refitted: undone
    assert evidence["column"] == "y" and evidence["scaling"] == "zscore"
    assert abs(evidence["full_mean"]) < 1e-9
    assert evidence["train_mean"] < -evidence["train_mean_band"]  # the early rows are low
    assert evidence["train_beyond_sampling"] and finding.confidence == 1.0
    assert finding.remedies[0].change == {}  # the scaler is right already: fix the file
    assert_well_formed([finding])


def test_prescaled_file_catches_a_stationary_column_z_scored_on_all_rows():
    frame = make_frame(600)  # a daily cycle: its training rows have about the same mean and std
    frame["y"] = (frame["y"] - frame["y"].mean()) / frame["y"].std()
    (finding,) = run_check(frame, "prescaled_file")
    assert not finding.evidence["train_beyond_sampling"]
    assert finding.confidence < 1.0


def test_prescaled_file_is_critical_when_nothing_rescales_the_values():
    frame = _trending()
    frame["y"] = ((frame["y"] - frame["y"].mean()) / frame["y"].std()).round(4)
    (finding,) = run_check(frame, "prescaled_file", scaler="none")
    assert finding.severity == "critical"
    assert finding.remedies[0].change == {"scaler": "standard"}
    assert finding.evidence["tolerance"] > 1e-6  # four decimals widen the tolerance


def test_prescaled_file_catches_min_max_scaling_on_all_rows():
    frame = _trending()
    y = frame["y"]
    frame["y"] = (y - y.min()) / (y.max() - y.min())
    (finding,) = run_check(frame, "prescaled_file")
    assert finding.evidence["scaling"] == "minmax"
    assert finding.evidence["train_max"] < 1.0


def test_prescaled_file_leaves_indicator_columns_alone():
    frame = _trending()
    frame["x"] = (np.arange(len(frame)) % 5 == 0).astype(float)  # 0/1, min 0 and max 1
    assert run_check(frame, "prescaled_file") == []


# ------------------------------------------------------------------ duplicate_windows
def test_duplicate_windows_is_silent_on_distinct_windows():
    assert run_check(make_frame(), "duplicate_windows", split="0.6,0.2,0.2") == []


def test_duplicate_windows_catches_a_training_stretch_copied_into_test():
    frame = make_frame()
    frame.loc[250:289, ["y", "x"]] = frame.loc[50:89, ["y", "x"]].to_numpy()
    (finding,) = run_check(frame, "duplicate_windows", split="0.6,0.2,0.2")
    assert finding.kind == "leakage"
    assert finding.evidence["splits"] == ["train", "test"]
    assert finding.evidence["n_windows"] == 40 - 12 + 1  # windows of 12 rows inside the copy
    assert finding.evidence["n_flat"] == 0
    assert finding.evidence["examples"][0] == {
        "test": {"series": "0", "row": 250},
        "train": {"series": "0", "row": 50},
    }
    assert finding.remedies[0].change == {}  # no setting removes a repeated stretch
    assert_well_formed([finding])


def test_duplicate_windows_calls_flat_stretches_a_data_issue():
    frame = make_frame()
    for start in (60, 260):  # an outage written as zeros, in train and in test
        frame.loc[start : start + 19, ["y", "x"]] = 0.0
    (finding,) = run_check(frame, "duplicate_windows", split="0.6,0.2,0.2")
    assert finding.kind == "data_issue"
    assert finding.evidence["n_windows"] == finding.evidence["n_flat"] == 20 - 12 + 1
