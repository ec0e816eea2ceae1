from __future__ import annotations

import json

import pytest

from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy, rank_findings


def finding(kind: str, severity: str = "warning", confidence: float = 1.0) -> Finding:
    return Finding(kind, severity, kind, {"x": 1.0}, (Remedy({"dropout": 0.3}, "why"),),
                   confidence)  # fmt: skip


def test_causes_rank_before_symptoms_and_notes_last() -> None:
    ranked = rank_findings([
        finding("worse_than_naive", "critical"),
        finding("val_below_train", "info"),
        finding("overfitting"),
        finding("leakage", "critical"),
    ])  # fmt: skip
    assert [f.kind for f in ranked] == [
        "leakage", "overfitting", "worse_than_naive", "val_below_train"
    ]  # fmt: skip


def test_good_fit_leads_the_notes() -> None:
    ranked = rank_findings([finding("val_below_train", "info"), finding("good_fit", "info")])
    assert ranked[0].kind == "good_fit"


def test_unknown_kind_or_severity_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown finding kind"):
        Finding("bad", "warning", "")
    with pytest.raises(ValueError, match="unknown severity"):
        Finding("overfitting", "fatal", "")


def test_remedy_availability_follows_the_config() -> None:
    assert Remedy({"dropout": 0.3}, "").available
    assert Remedy({"normalization": "revin"}, "").available
    assert not Remedy({"no_such_setting": 1}, "").available


def test_diagnosis_round_trips_through_json() -> None:
    diagnosis = Diagnosis((finding("overfitting"), finding("good_fit", "info")))
    again = Diagnosis.from_dict(json.loads(json.dumps(diagnosis.to_dict())))
    assert again == diagnosis
    assert again.primary.kind == "overfitting"
    assert diagnosis.to_dict()[0]["remedies"] == [
        {"change": {"dropout": 0.3}, "reason": "why", "available": True}
    ]
