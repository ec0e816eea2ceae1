from __future__ import annotations

import math

from rich.console import Console

from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy
from lstm_doctor.history import History
from lstm_doctor.reporting.terminal import (
    comparison_table,
    diagnosis_view,
    sparkline,
    step_line,
    verdict,
)


def render(renderable) -> str:
    console = Console(width=120, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_sparkline_is_log_scaled_and_shows_gaps() -> None:
    assert sparkline([1.0, 0.1, 0.01]) == "█▅▁"
    assert sparkline([1.0, math.nan, 0.01])[1] == " "
    assert sparkline([]) == ""
    assert len(sparkline(list(range(1, 200)), width=40)) == 40


def test_diagnosis_view_shows_evidence_remedies_and_curves() -> None:
    finding = Finding(
        "overfitting", "warning", "overfitting: val rose", {"best_epoch": 4, "gap": 1.5},
        (Remedy({"dropout": 0.3}, "Dropout helps."), Remedy({"no_such_setting": 1}, "Later.")),
    )  # fmt: skip
    history = History(best_epoch=2)
    for epoch, (t, v) in enumerate([(1.0, 1.0), (0.5, 0.6), (0.3, 0.8)], start=1):
        history.append(epoch=epoch, train_loss=t, val_loss=v)
    text = render(diagnosis_view(Diagnosis((finding,)), history))
    assert "▲ warning  overfitting: val rose" in text
    assert "evidence: best_epoch=4, gap=1.5" in text
    assert "→ dropout=0.3: Dropout helps." in text
    assert "(not a setting of this version)" in text
    assert "train █" in text and "best epoch 2" in text


def test_verdict_says_plainly_when_naive_wins() -> None:
    text = render(verdict(0.06, {"best_baseline": "naive", "best_baseline_mse": 0.03,
                                 "skill": -1.0}))  # fmt: skip
    assert "does NOT beat naive" in text and "2.00x" in text
    text = render(verdict(0.02, {"best_baseline": "naive", "best_baseline_mse": 0.03,
                                 "skill": 1 / 3}))  # fmt: skip
    assert "beats every baseline" in text and "33.3% better" in text


def test_comparison_table_shows_each_model_relative_to_the_healed_one() -> None:
    rows = [
        {"model": "healed", "val_mse": 0.5, "test_mse": 0.4},
        {"model": "recipe", "val_mse": 0.9, "test_mse": 0.8},
        {"model": "seasonal_naive", "val_mse": 0.6, "test_mse": 0.6},
        {"model": "start", "val_mse": 0.7, "test_mse": None},
    ]
    text = render(comparison_table(rows))
    assert "textbook recipe" in text and "2.00x" in text and "1.50x" in text
    assert "seasonal naive" in text and "starting model" in text and "—" in text


def test_step_line_says_why_a_candidate_could_not_be_fitted() -> None:
    from lstm_doctor.treatment.heal import HealStep

    error = "Series 'a' is too short for lookback 1440."
    step = HealStep(3, "good_fit", "good fit: fine", {}, {"lookback": 1440}, {"lookback": 720},
                    0.5, math.nan, False, 0.1, error=error)  # fmt: skip
    text = render(step_line(step))
    assert "lookback 720→1440" in text and "could not fit" in text and "too short" in text
