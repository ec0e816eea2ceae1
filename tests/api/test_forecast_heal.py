"""heal() with real fits: the test split is scored once, at the end, on the winner."""

from __future__ import annotations

import pytest

from lstm_doctor.api.forecast_heal import heal
from lstm_doctor.errors import ConfigError

pytestmark = pytest.mark.slow


def test_heal_keeps_only_real_gains_chains_them_and_scores_test_once(
    demo_frame, monkeypatch
) -> None:
    from lstm_doctor.api import forecaster as api

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
    # far (val MSE pooled over the validation origins heal uses), a change is kept only on
    # paired evidence in its favour, and the model returned is the last kept candidate (or
    # the start when none was kept) -- not merely "no worse".
    incumbent = outcome.steps[0].val_before if outcome.steps else None
    for step in outcome.steps:
        assert step.val_before == incumbent
        if step.kept:
            assert step.decision["kept"] and step.val_after < incumbent
            incumbent = step.val_after
    if outcome.treatment()["selection"]["origins"] == 1:  # one origin: the pooled val is fit's
        assert incumbent is None or outcome.forecaster.metrics_["val"]["mse"] == incumbent
    assert (outcome.forecaster is outcome.start) == (not any(s.kept for s in outcome.steps))
    assert "test" in outcome.forecaster.metrics_
    if outcome.start is not outcome.forecaster:  # a losing start model never saw the test split
        assert "test" not in outcome.start.metrics_
    treatment = outcome.treatment()
    start_val = outcome.start.metrics_["val"]["mse"]
    assert treatment["start_val_mse"] == start_val and len(treatment["steps"]) == len(steps)
    fitted = [s for s in treatment["steps"] if s["error"] is None]
    assert all(s["decision"]["n_candidates"] == treatment["n_candidates_planned"] for s in fitted)
    assert all(s["kept"] == s["decision"]["kept"] for s in fitted)
    verdict = treatment["verdict"]  # on validation, the numbers to decide with
    assert verdict["model_val_mse"] == outcome.forecaster.metrics_["val"]["mse"]
    best = outcome.forecaster.metrics_["skill"]  # after finish: the same baselines, on test
    assert verdict["best_baseline"] in outcome.forecaster.metrics_["baselines"] and best
    assert verdict["lower_val_mse"] == (verdict["model_val_mse"] < verdict["baseline_val_mse"])
    assert verdict["lower_val_mse"] or not verdict["beats_best_baseline_on_val"]
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
    # the recipe challenged the treatment's winner on validation, as the last step
    last = outcome.steps[-1]
    assert last.finding == "textbook_recipe" and last.step == len(outcome.steps)
    assert last.change["units"] == 64 and last.before["units"] == 32
    assert last.decision["n_candidates"] == outcome.n_candidates  # counted by Bonferroni
    assert (outcome.forecaster is outcome.recipe) == last.kept


@pytest.mark.parametrize(("budget", "steps"), [(-5.0, 3), (0.0, 3), (1.0, -1)])
def test_a_budget_or_step_limit_that_cannot_run_is_refused(demo_frame, budget, steps) -> None:
    limit = r"(budget_minutes \(--budget\)|max_steps \(--max-steps\)).* parameter of heal"
    with pytest.raises(ConfigError, match=limit):
        heal(demo_frame, target="load", budget_minutes=budget, max_steps=steps)


def test_log_dir_writes_one_tensorboard_run_per_fit_named_after_it(demo_frame, tmp_path) -> None:
    pytest.importorskip("tensorboard", reason="the [tensorboard] extra is not installed")
    outcome = heal(demo_frame, "load", time="time", lookback=24, horizon=6, epochs=2,
                   batch_size=32, max_steps=2, lr=1e-3, log_dir=tmp_path / "tb")  # fmt: skip
    runs = sorted(p.name for p in (tmp_path / "tb").iterdir())
    assert len(runs) == len(outcome.steps) + 1 and runs[0] == "step-00"
    assert all(name.startswith(f"step-{k:02d}") for k, name in enumerate(runs))
    change = outcome.steps[0].change
    assert any(f"{k}={v}" in runs[1] for k, v in change.items())  # named after what it tried
    assert not any("target=" in name or "stride=" in name for name in runs)  # only what differs
    assert all(list((tmp_path / "tb" / name).glob("events.out.tfevents.*")) for name in runs)


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
