"""heal for sequences: the policy sees only sequence settings; the test split is read once,
at the end; the run directory holds treatment.json."""

from __future__ import annotations

import json

import pytest

from lstm_doctor.api.sequence_heal import SEQUENCE_HEAL_SETTINGS, heal_sequences, save_healed
from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy
from lstm_doctor.treatment.heal import heal_loop
from sequence_frames import make_sequence_frame

COLUMNS = {"time": "t"}


class _Scripted:
    def __init__(self, settings, val_loss, findings):
        self.settings, self.val_loss, self.val_noise = settings, val_loss, 0.0
        self.diagnosis = Diagnosis(tuple(findings))


def test_the_policy_tries_sequence_remedies_and_never_forecasting_ones() -> None:
    overfit = Finding("overfitting", "warning", "overfitting", {}, (
        Remedy({"normalization": "revin"}, "forecasting only"),
        Remedy({"lookback": 96}, "forecasting only"),
        Remedy({"pooling": "mean"}, "sequence"),
        Remedy({"label_smoothing": 0.2}, "sequence"),
    ))  # fmt: skip
    losses = iter([1.0, 0.8, 0.9])
    tried = []

    def fit(settings, warm_from):
        tried.append(dict(settings))
        return _Scripted(settings, next(losses), [overfit])

    start = {"pooling": "last", "label_smoothing": 0.1, "layers": 1, "units": 32}
    result = heal_loop(fit, start, max_steps=5, available=SEQUENCE_HEAL_SETTINGS)
    assert [s.change for s in result.steps] == [{"pooling": "mean"}, {"label_smoothing": 0.2}]
    assert [s.kept for s in result.steps] == [True, False]
    assert result.best.settings["pooling"] == "mean"
    assert all("normalization" not in t and "lookback" not in t for t in tried)
    assert result.stop_reason == "nothing left to try"


def test_heal_settings_leave_the_task_alone() -> None:
    fixed = {"label", "sequence_id", "time", "group", "features", "task", "seed", "device"}
    assert not fixed & SEQUENCE_HEAL_SETTINGS


@pytest.mark.slow
def test_heal_sequences_end_to_end_reads_test_once(tmp_path, monkeypatch) -> None:
    from lstm_doctor.api import sequence_estimators as sequence_api

    finished = []
    original = sequence_api.SequenceEstimator.finish
    monkeypatch.setattr(
        sequence_api.SequenceEstimator,
        "finish",
        lambda self, *a, **k: finished.append(self) or original(self, *a, **k),
    )
    frame = make_sequence_frame(n_sequences=45, seed=3)
    outcome = heal_sequences(
        frame, "sequence_id", "label", time="t", max_steps=2, epochs=6, patience=3,
        batch_size=16, ensemble=1, refit=False,
    )  # fmt: skip
    assert 1 <= len(outcome.steps) <= 2
    assert finished[0] is outcome.estimator and len(finished) <= 2
    assert outcome.final_val_loss <= outcome.start_val_loss
    assert "accuracy" in outcome.estimator.metrics_["test"]
    run = save_healed(outcome, tmp_path / "run", overwrite=False)
    treatment = json.loads((run / "treatment.json").read_text())
    assert treatment["criterion"] == "val cross_entropy"
    assert treatment["steps"][0]["val_before"] == outcome.start_val_loss
    # every decision is paired, sequence by sequence, on the plain val cross-entropy
    n_val = len(outcome.estimator.val_sequence_losses_)
    for step in treatment["steps"]:
        assert step["decision"]["method"].startswith("Diebold-Mariano")
        assert step["decision"]["n_windows"] == n_val
    losses = outcome.estimator.val_sequence_losses_
    assert losses.mean() == pytest.approx(outcome.final_val_loss, rel=1e-4)


@pytest.mark.slow
def test_heal_compares_single_models_and_ensembles_only_the_final_one() -> None:
    frame = make_sequence_frame(n_sequences=45, seed=3)
    outcome = heal_sequences(
        frame, "sequence_id", "label", time="t", max_steps=1, epochs=4, patience=3,
        batch_size=16, ensemble=2, refit=True,
    )  # fmt: skip
    assert len(outcome.estimator.model_.members) == 2
    assert outcome.estimator.metrics_["refit"]["n_sequences"] > 0
    assert not hasattr(outcome.start.model_, "members")  # the loop's models are single
    assert outcome.start.metrics_["test"] is not None
    final = outcome.treatment()["final_settings"]
    assert (final["ensemble"], final["refit"]) == (2, True)
    assert all("ensemble" not in step.change for step in outcome.steps)
