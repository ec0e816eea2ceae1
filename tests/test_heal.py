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
    fitted = [s for s in treatment["steps"] if s["error"] is None]
    assert all(s["decision"]["n_candidates"] == treatment["n_candidates_planned"] for s in fitted)
    assert all(s["kept"] == s["decision"]["kept"] for s in fitted)
    verdict = treatment["verdict"]  # on validation, the numbers to decide with
    assert verdict["model_val_mse"] == outcome.forecaster.metrics_["val"]["mse"]
    best = outcome.forecaster.metrics_["skill"]  # after finish: the same baselines, on test
    assert verdict["best_baseline"] in outcome.forecaster.metrics_["baselines"] and best
    assert verdict["beats_best_baseline_on_val"] == (
        verdict["model_val_mse"] < verdict["baseline_val_mse"]
    )
    budget = treatment["budget"]
    assert budget["epochs"] >= 1 and "s/epoch, measured on the starting fit" in budget["rule"]


def test_an_epoch_budget_gives_the_same_treatment_twice(demo_frame) -> None:
    # 120 validation rows of 6-step windows: a small split, so each fit also runs at the
    # earlier origins; 3 epochs a fit (no early stop), so the budget buys exactly one step
    settings = dict(time="time", lookback=24, horizon=6, epochs=3, batch_size=32, lr=1e-3)
    origins = heal(demo_frame, "load", **settings, max_steps=0).selection["origins"]
    per_candidate = 3 * origins
    runs = [
        heal(demo_frame, "load", **settings, budget_epochs=2 * per_candidate + 1) for _ in range(2)
    ]
    a, b = ([s.to_dict() | {"seconds": 0} for s in r.steps] for r in runs)
    assert a == b and runs[0].stop_reason == "budget" and len(a) == 1
    assert origins > 1 and a[0]["epochs"] == per_candidate
    assert runs[0].treatment()["budget"]["epochs_used"] == 2 * per_candidate


def test_a_bad_epoch_budget_is_refused(demo_frame) -> None:
    from lstm_doctor.errors import ConfigError

    with pytest.raises(ConfigError, match="budget_epochs must be a whole number >= 1"):
        heal(demo_frame, "load", time="time", budget_epochs=0)


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


def test_a_validation_split_too_small_for_fine_choices_keeps_only_coarse_changes(
    demo_frame,
) -> None:
    outcome = heal(demo_frame.head(200), "load", time="time", lookback=24, horizon=6, epochs=2,
                   batch_size=32, split="0.6,0.2,0.2", lr=1e-3, max_steps=2)  # fmt: skip
    selection = outcome.treatment()["selection"]
    assert selection["origins"] == 2 and not selection["supports_fine_choices"]
    assert "cannot support fine choices" in selection["note"]
    for step in outcome.treatment()["steps"]:
        if step["error"] is None:
            assert step["decision"]["rule"].startswith("coarse too")
    if not any(s.kept for s in outcome.steps):
        assert outcome.forecaster is outcome.start
