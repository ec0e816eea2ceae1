"""heal() with real fits: the test split is scored once, at the end, on the winner."""

from __future__ import annotations

import pytest

from lstm_doctor.heal import heal
from lstm_doctor.treatment.heal import MIN_GAIN

pytestmark = pytest.mark.slow


def test_heal_keeps_only_real_gains_chains_them_and_scores_test_once(
    demo_frame, monkeypatch
) -> None:
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
    # The loop's bookkeeping, step by step: each step is judged against the best model so
    # far, a change is kept only for a gain beyond MIN_GAIN, and the model returned is the
    # last kept candidate (or the start when none was kept) -- not merely "no worse".
    incumbent = outcome.start.metrics_["val"]["mse"]
    for step in outcome.steps:
        assert step.val_before == incumbent
        if step.kept:
            assert step.val_after < incumbent * (1.0 - MIN_GAIN)
            incumbent = step.val_after
    assert outcome.forecaster.metrics_["val"]["mse"] == incumbent
    assert (outcome.forecaster is outcome.start) == (not any(s.kept for s in outcome.steps))
    assert "test" in outcome.forecaster.metrics_
    if outcome.start is not outcome.forecaster:  # a losing start model never saw the test split
        assert "test" not in outcome.start.metrics_
    treatment = outcome.treatment()
    start_val = outcome.start.metrics_["val"]["mse"]
    assert treatment["start_val_mse"] == start_val and len(treatment["steps"]) == len(steps)


def test_the_recipe_comparison_is_fitted_after_the_choice_on_the_same_windows(demo_frame) -> None:
    outcome = heal(demo_frame, "load", time="time", lookback=24, horizon=6, epochs=3,
                   batch_size=32, max_steps=1, compare_recipe=True)  # fmt: skip
    recipe = outcome.recipe.resolved_settings()
    assert (recipe["layers"], recipe["units"], recipe["dropout"]) == (2, 64, 0.2)
    assert (recipe["lookback"], recipe["horizon"], recipe["epochs"]) == (24, 6, 3)
    rows = {row["model"]: row for row in outcome.comparison()}
    assert rows["recipe"]["test_mse"] == outcome.recipe.metrics_["test"]["mse"]
    assert rows["healed"]["val_mse"] == outcome.forecaster.metrics_["val"]["mse"]
    assert outcome.recipe.metrics_["n_windows"] == outcome.forecaster.metrics_["n_windows"]
    if "start" in rows:  # scored on test only for the table, after the choice
        assert rows["start"]["test_mse"] is not None
