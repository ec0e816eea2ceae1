from __future__ import annotations

import pytest

from lstm_doctor.diagnosis import calibration
from lstm_doctor.diagnosis.calibration import POSSIBLE, TABLE, calibrate, calibrated
from lstm_doctor.diagnosis.findings import Finding


def test_the_mapping_is_a_non_decreasing_step_function_into_0_1() -> None:
    raws = [i / 100 for i in range(101)]
    values = [calibrate(r) for r in raws]
    assert values == sorted(values)
    assert all(0.0 <= v <= 1.0 for v in values)
    assert calibrate(TABLE[0][0]) == TABLE[0][1]
    assert calibrate(1.0) == TABLE[-1][1]


def test_a_curve_finding_keeps_its_raw_confidence_in_the_evidence() -> None:
    finding = calibrated(Finding("overfitting", "warning", "overfitting: x", {"a": 1}, (), 1.0))
    assert finding.confidence == calibrate(1.0)
    assert finding.evidence == {"a": 1, "raw_confidence": 1.0}


def test_below_the_threshold_a_finding_is_only_possible(monkeypatch) -> None:
    monkeypatch.setattr(calibration, "TABLE", ((0.6, POSSIBLE - 0.1), (1.0, 0.9)))
    weak = calibrated(Finding("underfitting", "warning", "underfitting: flat", {}, (), 0.5))
    strong = calibrated(Finding("underfitting", "warning", "underfitting: flat", {}, (), 0.9))
    assert weak.summary == "possible underfitting: flat"
    assert weak.confidence == pytest.approx(POSSIBLE - 0.1)
    assert strong.summary == "underfitting: flat"


def test_data_findings_are_not_recalibrated() -> None:
    finding = Finding("leakage", "critical", "leak", {}, (), 0.6)
    assert calibrated(finding) is finding
