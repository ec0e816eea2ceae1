"""heal() with real fits: the test split is scored once, at the end, on the winner."""

from __future__ import annotations

import pytest

from lstm_doctor.heal import heal

pytestmark = pytest.mark.slow


def test_heal_improves_validation_and_scores_test_once(demo_frame, monkeypatch) -> None:
    from lstm_doctor import api

    finished = []
    original = api.Forecaster.finish

    def finish(self, data):
        finished.append(self)
        return original(self, data)

    monkeypatch.setattr(api.Forecaster, "finish", finish)
    steps = []
    outcome = heal(demo_frame, "load", time="time", lookback=24, horizon=6, epochs=6,
                   batch_size=32, max_steps=3, on_step=steps.append)  # fmt: skip
    assert finished == [outcome.forecaster]  # the test split is read once, for the winner
    assert len(outcome.steps) == len(steps) <= 3
    assert outcome.start.resolved_settings()["units"] == 32
    start_val = outcome.start.metrics_["val"]["mse"]
    assert outcome.forecaster.metrics_["val"]["mse"] <= start_val
    assert "test" in outcome.forecaster.metrics_
    if outcome.start is not outcome.forecaster:  # a losing start model never saw the test split
        assert "test" not in outcome.start.metrics_
    treatment = outcome.treatment()
    assert treatment["start_val_mse"] == start_val and len(treatment["steps"]) == len(steps)
