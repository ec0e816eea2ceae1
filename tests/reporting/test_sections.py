from __future__ import annotations

from scripted import findings, history, metrics, treatment, trials

from lstm_doctor.history import History
from lstm_doctor.reporting.sections import (
    baselines_section,
    curves_section,
    diagnosis_section,
    footer_html,
    heal_section,
    lr_find_section,
    sequence_scores_section,
    sequence_section,
    tune_section,
    verdict_section,
)


def test_verdict_says_whether_the_model_beats_the_best_baseline_and_why() -> None:
    body = verdict_section(metrics(beats=False), findings()).body
    assert "does NOT beat seasonal naive on test" in body and "10.95x the error" in body
    assert "far worse than validation" in body  # val 0.12 -> test 2.3
    assert "overfitting" in body and "dropout=0.2" in body
    assert "Dropout &lt;helps&gt;." in body  # a finding's text is escaped
    assert 'class="card bad"' in body
    good = verdict_section(metrics(beats=True), []).body
    assert "beats every baseline on test" in good and "85.7% better" in good
    assert "No finding" in good and 'class="card good"' in good


def test_verdict_without_test_scores() -> None:
    body = verdict_section(metrics(test=False), findings()).body
    assert "Not scored on test" in body and 'class="card info"' in body


def test_curves_section_captions_one_epoch_and_nan_events() -> None:
    assert curves_section(History()) is None
    one = History()
    one.append(epoch=1, train_loss=0.5, val_loss=0.4, lr=1e-3, grad_norm=1.0, seconds=1.0)
    assert "A single epoch" in curves_section(one).body
    assert "1 non-finite loss event(s)" in curves_section(history(8, nan_epoch=3)).body


def test_diagnosis_and_baselines_tables() -> None:
    body = diagnosis_section(findings()).body
    assert body.index("overfitting") < body.index("distribution shift")
    assert "val_rise_pct=60.0000" in body
    assert "No findings" in diagnosis_section([]).body
    body = baselines_section(metrics()).body
    assert "test MAE (orig.)" in body and "seasonal naive" in body
    assert "mean (not computable)" in body
    assert "2.3000" in body and "0.2100" in body and "1.7000" in body  # test and val columns
    body = baselines_section(metrics(test=False)).body
    assert "test MSE" not in body


def test_heal_section_rows_chart_comparison_and_lr_find() -> None:
    body = heal_section(treatment()).body
    assert body.count('class="kept"') == 1 and body.count('class="reverted"') == 2
    assert "failed: lookback longer than the data" in body
    assert "units=64" in body and "<svg" in body and "textbook" not in body
    assert "0.0550 (start) → 0.0500" in body
    assert "suggested lr" in lr_find_section(treatment()["lr_find"]).body
    assert lr_find_section({"suggestion": 1e-3, "rule": "x"}) is None  # no curve kept


def test_tune_section_and_sequence_sections() -> None:
    best = {"number": 2, "val_vs_naive": 0.7, "val_mse": 0.05, "params": {"units": 64}}
    body = tune_section(trials(), {"units": 0.8, "lr": 0.2}, best).body
    assert "Best trial 2" in body and "units" in body and body.count("<svg") == 2
    assert tune_section([], None, {}) is None
    seq = {
        "test": {"accuracy": 0.9, "confusion_matrix": [[4, 1], [0, 5]]},
        "val": {"accuracy": 0.8},
        "baselines": {"majority": {"accuracy": 0.5, "val": {"accuracy": 0.5}}},
    }
    assert sequence_section(seq, ["a", "b"]).body.count("<svg") == 2
    assert sequence_section({"test": {"mse": 1.0}}, None) is None
    table = sequence_scores_section(seq).body
    assert "test accuracy" in table and "majority" in table and "0.5000" in table


def test_footer_shows_provenance_or_says_there_is_none() -> None:
    provenance = {
        "command": "lstm-doctor fit x.csv",
        "lstm_doctor": "0.1.0",
        "torch": "2",
        "python": "3.11",
        "numpy": "2",
        "seed": 0,
        "device": "cpu",
        "data": {"path": "x.csv", "sha256": "ab" * 32, "rows": 14400},
    }
    html = footer_html(provenance)
    assert "lstm-doctor fit x.csv" in html and "ab" * 32 in html and "14,400" in html
    assert "0 / cpu" in html
    assert "no provenance" in footer_html(None)
