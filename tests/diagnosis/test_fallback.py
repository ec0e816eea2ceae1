from __future__ import annotations

import pytest

from lstm_doctor.diagnosis.fallback import diagnose_or_warn
from lstm_doctor.diagnosis.findings import Diagnosis, Finding


def test_a_diagnosis_that_works_is_returned_as_is() -> None:
    diagnosis = Diagnosis((Finding("good_fit", "info", "fine"),))
    assert diagnose_or_warn(lambda: diagnosis) is diagnosis


def test_a_failing_diagnosis_becomes_one_warning() -> None:
    def fail() -> Diagnosis:
        raise ZeroDivisionError("float division by zero")

    diagnosis = diagnose_or_warn(fail)
    (finding,) = diagnosis.findings
    assert finding.severity == "warning" and finding.kind == "data_issue"
    assert "ZeroDivisionError: float division by zero" in finding.summary
    assert finding.evidence == {"error": "ZeroDivisionError", "message": "float division by zero"}


def test_an_interrupt_is_not_swallowed() -> None:
    def interrupt() -> Diagnosis:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        diagnose_or_warn(interrupt)
