"""Tests of how a data check reports a Finding."""

from __future__ import annotations

import json

import numpy as np

from lstm_doctor.diagnosis.check_findings import make_finding, round_evidence
from lstm_doctor.diagnosis.findings import Remedy


def test_round_evidence_gives_plain_floats_with_six_significant_digits():
    value = round_evidence(np.float32(0.1))
    assert type(value) is float and value == 0.1
    assert round_evidence(123456789) == 123457000.0


def test_make_finding_sets_kind_and_severity_from_leak():
    remedy = Remedy({}, "Rebuild the data.")
    leak = make_finding("target_in_two_splits", "A leak.", {"n_rows": 3}, [remedy], leak=True)
    assert (leak.kind, leak.severity) == ("leakage", "critical")
    assert leak.evidence == {"check": "target_in_two_splits", "n_rows": 3}
    assert leak.remedies == (remedy,)
    issue = make_finding("outliers", "An issue.", {}, [remedy], leak=False, confidence=0.7)
    assert (issue.kind, issue.severity, issue.confidence) == ("data_issue", "warning", 0.7)
    note = make_finding("near_constant", "A note.", {}, [remedy], leak=False, severity="info")
    assert note.severity == "info"
    json.dumps(leak.to_dict())
