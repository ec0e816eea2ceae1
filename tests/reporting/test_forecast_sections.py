from __future__ import annotations

import pytest
from scripted import findings, forecasts

from lstm_doctor.reporting.forecast_sections import (
    audit_section,
    errors_section,
    forecast_section,
    shift_section,
)


@pytest.fixture(scope="module")
def data():
    from lstm_doctor.data import make_demo_frame

    return forecasts(make_demo_frame(n_hours=1200, seed=1))


def test_forecast_and_errors_sections_hold_their_figures(data) -> None:
    assert forecast_section(data).body.count("<svg") == 2
    assert errors_section(data).body.count("<svg") == 4
    assert forecast_section(data, split="train") is None


def test_audit_lists_row_ranges_scaler_and_checks(data) -> None:
    body = audit_section(data, findings()).body
    assert "2024-01-01 00:00:00 →" in body  # timestamps without numpy's nanoseconds
    assert "fitted on the training rows only" in body and "temperature" in body
    assert "none raised a finding" in body
    leak = {"kind": "leakage", "severity": "critical", "summary": "OT_next is OT 3 steps later"}
    assert "OT_next is OT 3 steps later" in audit_section(data, [leak]).body
    assert "did not read them" in audit_section(data, [], tested=False).body


def test_shift_section_only_for_a_shift_finding(data) -> None:
    body = shift_section(data, findings()).body
    assert "<svg" in body and "3.1 SDs below" in body
    assert shift_section(data, findings()[:1]) is None
