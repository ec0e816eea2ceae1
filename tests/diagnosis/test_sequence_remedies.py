from __future__ import annotations

import numpy as np

from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy
from lstm_doctor.diagnosis.sequence_remedies import add_sequence_remedies

SETTINGS = {"jitter": 0.1, "label_smoothing": 0.1, "class_weights": "none", "pooling": "last"}


def _changes(finding: Finding) -> list[dict]:
    return [r.change for r in finding.remedies]


def test_overfitting_gets_augmentation_pooling_and_smoothing_after_its_own() -> None:
    own = Finding("overfitting", "warning", "overfitting", {}, (Remedy({"dropout": 0.3}, "d"),))
    healed = add_sequence_remedies(Diagnosis((own,)), SETTINGS, "classify")
    changes = _changes(healed.findings[0])
    assert changes[0] == {"dropout": 0.3}
    assert {"jitter": 0.2} in changes and {"time_warp": 0.2} in changes
    assert {"label_smoothing": 0.2} in changes and {"pooling": "mean"} in changes
    assert not any("class_weights" in c for c in changes)  # balanced classes


def test_imbalanced_classes_add_class_weights_and_regression_no_smoothing() -> None:
    labels = np.array([0] * 30 + [1] * 10)
    found = Finding("worse_than_naive", "critical", "worse", {}, ())
    healed = add_sequence_remedies(
        Diagnosis((found,)), SETTINGS, "classify", train_labels=labels, n_classes=2
    )
    assert _changes(healed.findings[0]) == [
        {"summary_features": True}, {"encoder": "lstm-fcn"}, {"class_weights": "balanced"},
    ]  # fmt: skip
    over = Finding("overfitting", "warning", "overfitting", {}, ())
    regress = add_sequence_remedies(Diagnosis((over,)), SETTINGS, "regress")
    assert not any("label_smoothing" in c for c in _changes(regress.findings[0]))


def test_other_findings_are_left_alone() -> None:
    good = Finding("good_fit", "info", "good fit", {}, ())
    assert add_sequence_remedies(Diagnosis((good,)), SETTINGS, "classify").findings == (good,)


def test_a_remedy_the_run_already_has_is_left_out() -> None:
    under = Finding("underfitting", "warning", "underfitting", {}, ())
    settings = {**SETTINGS, "bidirectional": True}
    healed = add_sequence_remedies(Diagnosis((under,)), settings, "classify")
    assert _changes(healed.findings[0]) == [{"pooling": "attention"}]
    attention = {**settings, "pooling": "attention"}
    assert add_sequence_remedies(Diagnosis((under,)), attention, "classify").findings == (under,)


def test_trailing_the_baseline_offers_its_features_and_the_conv_branch_once() -> None:
    found = Finding("worse_than_naive", "critical", "worse", {}, ())
    changes = _changes(add_sequence_remedies(Diagnosis((found,)), SETTINGS, "classify").findings[0])
    assert changes == [{"summary_features": True}, {"encoder": "lstm-fcn"}]
    done = {**SETTINGS, "summary_features": True, "encoder": "mlstm-fcn"}
    assert add_sequence_remedies(Diagnosis((found,)), done, "classify").findings == (found,)
