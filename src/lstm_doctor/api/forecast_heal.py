"""``heal``: the treatment loop wired to real fits of a Forecaster.

Every candidate is fitted on train and validation only; the winner is scored on the test
split once, at the end. See ``lstm_doctor.treatment`` for the loop and its policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.api.forecaster import Forecaster
from lstm_doctor.api.heal_candidate import FittedCandidate
from lstm_doctor.api.heal_verdict import baseline_verdict, best_baseline_val, window_losses
from lstm_doctor.config import check_float, check_int
from lstm_doctor.data.load import read_table
from lstm_doctor.errors import ConfigError
from lstm_doctor.training.tensorboard import TensorBoardLog
from lstm_doctor.treatment.heal import HealStep, challenge, heal_loop
from lstm_doctor.treatment.origins import rolling_origins

__all__ = ["HEAL_START", "TEXTBOOK_RECIPE", "HealOutcome", "heal", "window_losses"]

DECISION_RULE = (
    "keep a change when the paired interval for the mean of (candidate - incumbent) per-window "
    "val MSE, each over the incumbent's local loss level, lies below zero and the pooled val MSE "
    "is lower: Diebold-Mariano with a Newey-West HAC variance (lag 4 x horizon), one-sided at "
    "a weighted-Bonferroni share of 0.05: half for the first step (the remedy the diagnosis "
    "ranks first), the other half shared by the other tests planned"
)

_COLUMN_SETTINGS = ("target", "time", "id", "covariates")
# "Start small": the first model of a treatment, unless the user fixed these settings.
HEAL_START = {"layers": 1, "units": 32}
# The classic advice applied by hand, the yardstick a treatment has to beat: 2x64 LSTM,
# dropout 0.2 after each layer, Keras-style L2 1e-3 on the kernels, Adam 1e-3, early
# stopping with patience 10 and the best weights restored.
TEXTBOOK_RECIPE = {
    "layers": 2,
    "units": 64,
    "dropout": 0.2,
    "l2": 1e-3,
    "optimizer": "adam",
    "lr": 1e-3,
    "patience": 10,
}
# Settings of the user's that describe the data or the machine, not the model: the recipe
# keeps them, so that it is fitted on exactly the same windows.
_SHARED_WITH_RECIPE = (
    "lookback", "horizon", "stride", "split", "embargo", "scaler", "fill", "season",
    "epochs", "batch_size", "precision", "device", "seed",
)  # fmt: skip


# With only --budget minutes, the treatment runs until its work budget (in epochs) is spent;
# the wall clock stops it only at this multiple of the budget (an outer cap).
WALL_CAP_FACTOR = 2.0


@dataclass
class _Fitted(FittedCandidate):
    """A fitted Forecaster as the heal loop sees it (validation only).

    ``origins``: the same candidate fitted at the earlier validation origins (small
    validation splits); their windows pool with the main split's for the paired test.
    """

    estimator: Forecaster
    val_losses: tuple[np.ndarray, np.ndarray] | None = None
    origins: tuple[Forecaster, ...] = ()

    @property
    def origin_val_losses(self) -> tuple[float, ...]:
        """Validation MSE at each origin, the main split first."""
        fitted = (self.estimator, *self.origins)
        return tuple(float(f.metrics_["val"]["mse"]) for f in fitted)

    @property
    def epochs(self) -> int:
        fitted = (self.estimator, *self.origins)
        return sum(int(f.metrics_["training"]["epochs"]) for f in fitted)

    @property
    def seasonal(self) -> int | None:
        """The season, when seasonal naive is the best baseline on validation."""
        best = best_baseline_val(self.estimator)
        return self.estimator.season_ if best and best[0] == "seasonal_naive" else None

    @property
    def val_loss(self) -> float:
        """Validation MSE; with several origins, the mean over all their windows."""
        if self.origins and self.val_losses is not None:
            return float(self.val_losses[1].mean())
        return float(self.estimator.metrics_["val"]["mse"])


@dataclass
class HealOutcome:
    """The healed model (scored once on test), the starting model, and the treatment log."""

    forecaster: Forecaster
    start: Forecaster
    steps: list[HealStep]
    stop_reason: str
    lr_find: dict[str, Any] | None = None
    recipe: Forecaster | None = None
    budget: dict[str, Any] | None = None  # the work budget and how it was set
    n_candidates: int = 0
    verdict: dict[str, Any] | None = None  # healed vs the best baseline, on validation only
    selection: dict[str, Any] | None = None  # validation origins and effective windows

    def comparison(self) -> list[dict[str, Any]]:
        """Val and test MSE of the healed model, the starting model, the recipe and the
        baselines, on the same windows. Filled only after the healed model was chosen, so the
        test figures here never took part in a decision."""
        rows = [{"model": "healed", **_scores(self.forecaster)}]
        if self.start is not self.forecaster:
            rows.append({"model": "start", **_scores(self.start)})
        if self.recipe is not None:
            rows.append({"model": "recipe", **_scores(self.recipe)})
        for name, values in self.forecaster.metrics_["baselines"].items():
            if values is not None:
                val, test = values["val"]["mse"], values["mse"]
                rows.append({"model": name, "val_mse": val, "test_mse": test})
        return rows

    def treatment(self) -> dict[str, Any]:
        return {
            "stop_reason": self.stop_reason,
            "verdict": self.verdict,
            "selection": self.selection,
            "budget": self.budget,
            "n_candidates_planned": self.n_candidates,
            "decision_rule": DECISION_RULE,
            "lr_find": self.lr_find,
            "start_val_mse": self.start.metrics_["val"]["mse"],
            "final_val_mse": self.forecaster.metrics_["val"]["mse"],
            "final_settings": self.forecaster.resolved_settings(),
            "steps": [s.to_dict() for s in self.steps],
            "comparison": self.comparison(),
        }


def _scores(forecaster: Forecaster) -> dict[str, float | None]:
    """Val and test MSE; test is None for a model that was never scored on it."""
    metrics = forecaster.metrics_
    return {"val_mse": metrics["val"]["mse"], "test_mse": metrics.get("test", {}).get("mse")}


def _same(value: Any) -> Any:
    """Lists and tuples compare equal: settings come back from JSON as lists."""
    return tuple(value) if isinstance(value, list | tuple) else value


def recipe_settings(columns: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The textbook recipe on the user's data settings (and columns)."""
    shared = {k: v for k, v in settings.items() if k in _SHARED_WITH_RECIPE}
    given = {k: v for k, v in columns.items() if v is not None}
    return {**shared, **TEXTBOOK_RECIPE, **given}


RECIPE_SUMMARY = (
    "the textbook recipe (2x64, dropout 0.2, L2 1e-3, patience 10): one alternative fixed "
    "before the data were seen, on the same validation windows and origins"
)


def heal(
    data: pd.DataFrame | str | Path,
    target: str | list[str],
    *,
    time: str | None = None,
    id: str | None = None,
    covariates: str | list[str] | None = None,
    budget_minutes: float = 20.0,
    budget_epochs: int | None = None,
    max_steps: int = 20,
    on_step: Callable[[HealStep], None] | None = None,
    compare_recipe: bool = False,
    log_dir: str | Path | None = None,
    **settings: Any,
) -> HealOutcome:
    """Treat a forecaster: start small, diagnose, change one thing, keep what helps on val.

    ``settings`` are Forecaster settings; the model starts at ``HEAL_START`` unless they fix
    ``layers``/``units``, and at the LR range test's suggestion unless they fix ``lr``. Every
    candidate is fitted without reading the test split; the winner is scored on it once, at
    the end (``HealOutcome.forecaster.metrics_``).

    The budget counts training epochs over all candidates: ``budget_epochs`` when given
    (the same treatment on any machine), otherwise ``budget_minutes`` converted once, after
    the starting fit, at that fit's measured seconds per epoch (recorded under ``budget``;
    pass the recorded epochs to repeat the treatment exactly). Wall-clock time is only an
    outer cap: ``budget_minutes`` when ``budget_epochs`` is given, else twice it.

    With ``compare_recipe``, the textbook recipe is fitted too, after the treatment (outside
    its budget, at the same validation origins), for ``HealOutcome.comparison`` — and, as
    the last step, challenges the treatment's winner on validation (``treatment.heal
    .challenge``: the paired test, one of the family's tests; on validation too
    small for fine choices, a val MSE lower at every origin): the healed model is the
    recipe when validation prefers it. The starting model is then scored on test as well,
    after the choice.

    With ``log_dir``, every fit writes TensorBoard event files as it trains, one run each:
    ``step-00`` (the start), ``step-01 units=64`` (named after what differs from the start).
    """
    check_float("heal", "budget_minutes (--budget)", budget_minutes, 0, open_low=True)
    check_int("heal", "max_steps (--max-steps)", max_steps, 0)  # 0: the start model only
    if budget_epochs is not None and (not isinstance(budget_epochs, int) or budget_epochs < 1):
        raise ConfigError(f"budget_epochs must be a whole number >= 1. Got {budget_epochs!r}.")
    frame = read_table(data, encoding=settings.get("encoding"))  # read once, shared by every fit
    columns = {"target": target, "time": time, "id": id, "covariates": covariates}
    start = {**HEAL_START, **settings, **{k: v for k, v in columns.items() if v is not None}}
    lr_found = None
    if "lr" not in settings:
        probe = Forecaster(**{k: v for k, v in start.items() if k not in _COLUMN_SETTINGS})
        found = probe.lr_find(frame, **{k: v for k, v in columns.items() if v is not None})
        curve = found.to_dict()  # the curve too: the report plots it
        lr_found = {"suggestion": found.suggestion, "rule": found.rule,
                    "lrs": curve["lrs"], "smoothed": curve["smoothed"]}  # fmt: skip
        if found.suggestion is not None:
            start["lr"] = found.suggestion

    budget: dict[str, Any] = {"minutes": budget_minutes, "epochs": budget_epochs}
    fits: list[float] = []  # seconds each candidate took, its origins included
    resolved: list[dict[str, Any]] = []  # each fitted candidate's resolved settings, in order
    origins, selection = _plan_origins(frame, start, columns)

    def fit_one(
        candidate: dict[str, Any], init: Forecaster | None, board: TensorBoardLog | None = None
    ) -> Forecaster:
        given = {k: candidate.get(k) for k in _COLUMN_SETTINGS}
        model_settings = {k: v for k, v in candidate.items() if k not in _COLUMN_SETTINGS}
        forecaster = Forecaster(**model_settings)
        try:
            return forecaster.fit(
                frame, **given, evaluate_test=False, init_from=init, on_epoch=board
            )
        finally:
            if board is not None:
                scores = getattr(forecaster, "metrics_", {}).get("val", {})
                board.close(model_settings, {"final/val_mse": scores.get("mse")})

    def board_for(candidate: dict[str, Any]) -> TensorBoardLog | None:
        """A TensorBoard run named after what differs from the start model's settings."""
        if log_dir is None:
            return None
        first = resolved[0] if resolved else {}
        changed = [f"{k}={v}" for k, v in candidate.items()
                   if k in first and _same(first[k]) != _same(v)]  # fmt: skip
        return TensorBoardLog(log_dir, " ".join([f"step-{len(resolved):02d}", *changed]))

    def fit(candidate: dict[str, Any], warm_from: _Fitted | None) -> _Fitted:
        started = perf_counter()
        init = None if warm_from is None else warm_from.estimator
        try:
            forecaster = fit_one(candidate, init, board_for(candidate))
        except Exception:  # a candidate that cannot be fitted still counts as a step
            resolved.append({})
            raise
        resolved.append(forecaster.resolved_settings())
        earlier = tuple(
            fit_one({**candidate, "split": split},
                    None if warm_from is None else warm_from.origins[j])
            for j, split in enumerate(origins)
        )  # fmt: skip
        fits.append(perf_counter() - started)
        keys, losses = window_losses(forecaster, frame)
        for model in earlier:  # the origins' validation targets are other rows: pool them
            more_keys, more_losses = window_losses(model, frame)
            keys, losses = np.concatenate([more_keys, keys]), np.concatenate([more_losses, losses])
        order = np.argsort(keys, kind="stable")
        return _Fitted(forecaster, (keys[order], losses[order]), earlier)

    def epochs_for(first: _Fitted) -> float:
        """The work budget, set once after the starting fit."""
        if budget_epochs is not None:
            budget["rule"] = "given in epochs: the same treatment on any machine"
            return float(budget_epochs)
        per_epoch = fits[0] / max(first.epochs, 1)
        converted = max(1, int(60.0 * budget_minutes / max(per_epoch, 1e-9)))
        budget.update(
            epochs=converted,
            seconds_per_epoch=per_epoch,
            rule=(
                f"{budget_minutes:g} min at {per_epoch:.3g} s/epoch, measured on the starting "
                f"fit: {converted} epochs (pass budget_epochs={converted} to repeat it exactly)"
            ),
        )
        return float(converted)

    cap = budget_minutes if budget_epochs is not None else WALL_CAP_FACTOR * budget_minutes
    budget["wall_cap_minutes"] = cap
    result = heal_loop(
        fit,
        start,
        budget_seconds=60.0 * cap,
        budget_epochs=epochs_for,
        max_steps=max_steps,
        on_step=on_step,
        coarse_too=not selection["supports_fine_choices"],
        extra_tests=1 if compare_recipe else 0,
    )
    budget["epochs_used"] = result.epochs_used
    winner, recipe = result.best, None
    if compare_recipe:  # validation only, like every step
        started = perf_counter()
        rival = fit(recipe_settings(columns, settings), None)
        step = challenge(
            rival, winner, result.n_candidates, step=len(result.steps) + 1,
            name="textbook_recipe", summary=RECIPE_SUMMARY,
            small_validation=not selection["supports_fine_choices"],
            seconds=perf_counter() - started,
        )  # fmt: skip
        result.steps.append(step)
        if on_step is not None:
            on_step(step)
        recipe = rival.estimator
        winner = rival if step.kept else winner
    best: Forecaster = winner.estimator
    # validation only: written before the test split is read
    verdict = baseline_verdict(best, frame, small_validation=not selection["supports_fine_choices"])
    best.finish(frame)
    start_model: Forecaster = result.start.estimator
    if compare_recipe:
        if start_model is not best:
            start_model.finish(frame)
        if recipe is not best:
            recipe.finish(frame)
    return HealOutcome(
        best, start_model, result.steps, result.stop_reason, lr_found, recipe, budget,
        result.n_candidates, verdict, selection,
    )  # fmt: skip


def _plan_origins(
    frame: pd.DataFrame, start: dict[str, Any], columns: dict[str, Any]
) -> tuple[list[str], dict[str, Any]]:
    """Extra validation origins when the validation split is small (``treatment.origins``)."""
    probe = Forecaster(**{k: v for k, v in start.items() if k not in _COLUMN_SETTINGS})
    prepared = probe.prepare(frame, **{k: v for k, v in columns.items() if v is not None})
    config = prepared.config
    bounds = prepared.bounds
    return rolling_origins(
        int(prepared.panel.series_lengths()[0]),
        int(bounds[0, 0]),
        int(bounds[0, 1] - bounds[0, 0]),
        lookback=config.lookback,
        horizon=config.horizon,
        n_series=prepared.panel.n_series,
    )
