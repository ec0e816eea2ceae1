"""Tests of check_data as a whole: each check fires on data that has its problem and stays
silent on clean data (test_*_checks.py); here, realistic data sets."""

from __future__ import annotations

import pandas as pd
import pytest
from check_frames import assert_well_formed, findings_of

from fast_settings import SHARED_DATA
from lstm_doctor.config import DataConfig
from lstm_doctor.data import make_demo_frame, validate_frame
from lstm_doctor.data.prepare import prepare
from lstm_doctor.diagnosis.checks import check_data
from lstm_doctor.diagnosis.findings import Finding

ETTH1 = SHARED_DATA / "ETTh1.csv"
ETT_COVARIATES = ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL"]


# ------------------------------------------------------------------- realistic data
def test_a_clean_demo_frame_has_no_leak():
    frame = make_demo_frame(n_hours=24 * 60, seed=0)
    config = DataConfig(target="load", covariates=["temperature"], time="time")
    findings = check_data(frame, prepare(validate_frame(frame, config), config))
    assert [f for f in findings if f.kind == "leakage"] == []
    assert_well_formed(findings)


@pytest.fixture(scope="module")
def etth1() -> pd.DataFrame:
    if not ETTH1.exists():
        pytest.skip(f"{ETTH1} is not available")
    return pd.read_csv(ETTH1)


def _ett_findings(frame: pd.DataFrame, covariates: list[str] = ETT_COVARIATES) -> list[Finding]:
    config = DataConfig(
        target="OT", covariates=covariates, time="date", split="8640,2880,2880"
    )  # the standard ETT split, lookback 96 and horizon 24
    return check_data(frame, prepare(validate_frame(frame, config), config))


def test_etth1_with_the_standard_split_has_no_leak(etth1):
    findings = _ett_findings(etth1)
    assert [f for f in findings if f.kind == "leakage"] == []


def test_etth1_z_scored_on_all_rows_is_caught(etth1):
    columns = ["OT", *ETT_COVARIATES]
    scaled = etth1.copy()
    scaled[columns] = (scaled[columns] - scaled[columns].mean()) / scaled[columns].std()
    findings = findings_of(_ett_findings(scaled), "prescaled_file")
    assert sorted(f.evidence["column"] for f in findings) == sorted(columns)
    assert all(f.kind == "leakage" for f in findings)


def test_etth1_with_the_target_three_steps_ahead_as_covariate_is_caught(etth1):
    frame = etth1.assign(OT_ahead=etth1["OT"].shift(-3)).iloc[:-3]
    (finding,) = findings_of(
        _ett_findings(frame, [*ETT_COVARIATES, "OT_ahead"]), "future_covariate"
    )
    assert finding.evidence["column"] == "OT_ahead" and finding.evidence["k"] == 3
    assert finding.remedies[0].change == {"covariates": ETT_COVARIATES}
