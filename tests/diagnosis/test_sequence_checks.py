from __future__ import annotations

from lstm_doctor.config.sequence import SequenceConfig
from lstm_doctor.diagnosis.sequence_checks import check_group_column, worse_than_baseline
from sequence_frames import make_sequence_frame


def test_an_unused_group_column_is_flagged() -> None:
    config = SequenceConfig(label="label", sequence_id="sequence_id", time="t")
    findings = check_group_column(make_sequence_frame(), config)
    assert len(findings) == 1 and findings[0].evidence["check"] == "group_column_unused"
    assert "'speaker'" in findings[0].summary
    assert findings[0].remedies[0].change == {"group": "speaker"}


def test_no_finding_when_the_group_is_used() -> None:
    config = SequenceConfig(label="label", sequence_id="sequence_id", time="t", group="speaker")
    assert check_group_column(make_sequence_frame(), config) == []


def test_no_finding_for_columns_that_vary_within_a_sequence() -> None:
    config = SequenceConfig(label="label", sequence_id="sequence_id", time="t")
    frame = make_sequence_frame().drop(columns="speaker")
    assert check_group_column(frame, config) == []


def test_worse_than_baseline() -> None:
    baselines = {"majority": {"val": 0.3, "test": 0.3}, "summary": {"val": 0.9, "test": 0.95}}
    finding = worse_than_baseline(
        "accuracy", {"val": 0.92, "test": 0.90}, baselines, higher_is_better=True
    )
    assert finding is not None and finding.kind == "worse_than_naive"
    assert "test" in finding.evidence and "val" not in finding.evidence
    better = {"val": 0.99, "test": 0.99}
    assert worse_than_baseline("accuracy", better, baselines, higher_is_better=True) is None
