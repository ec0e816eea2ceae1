"""``heal``: the treatment loop wired to real fits of a Forecaster.

Every candidate is fitted on train and validation only; the winner is scored on the test
split once, at the end. See ``lstm_doctor.treatment`` for the loop and its policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from lstm_doctor.api import Forecaster
from lstm_doctor.config import check_float, check_int
from lstm_doctor.data.load import read_table
from lstm_doctor.diagnosis.curves import curve_stats
from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.training.tensorboard import TensorBoardLog
from lstm_doctor.treatment.heal import HealStep, heal_loop

__all__ = ["HEAL_START", "TEXTBOOK_RECIPE", "HealOutcome", "heal"]

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


@dataclass
class _Fitted:
    """A fitted Forecaster as the heal loop sees it (validation only)."""

    forecaster: Forecaster

    @property
    def val_loss(self) -> float:
        return float(self.forecaster.metrics_["val"]["mse"])

    @property
    def val_noise(self) -> float:
        return curve_stats(self.forecaster.history_).noise_val

    @property
    def diagnosis(self) -> Diagnosis:
        return self.forecaster.diagnosis_

    @property
    def settings(self) -> dict[str, Any]:
        return self.forecaster.resolved_settings()


@dataclass
class HealOutcome:
    """The healed model (scored once on test), the starting model, and the treatment log."""

    forecaster: Forecaster
    start: Forecaster
    steps: list[HealStep]
    stop_reason: str
    lr_find: dict[str, Any] | None = None
    recipe: Forecaster | None = None

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


def fit_recipe(
    frame: pd.DataFrame, columns: dict[str, Any], settings: dict[str, Any]
) -> Forecaster:
    """The textbook recipe on the user's data settings, fitted on train/val and scored."""
    shared = {k: v for k, v in settings.items() if k in _SHARED_WITH_RECIPE}
    given = {k: v for k, v in columns.items() if v is not None}
    return Forecaster(**shared, **TEXTBOOK_RECIPE).fit(frame, **given)


def heal(
    data: pd.DataFrame | str | Path,
    target: str | list[str],
    *,
    time: str | None = None,
    id: str | None = None,
    covariates: str | list[str] | None = None,
    budget_minutes: float = 20.0,
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

    With ``compare_recipe``, the textbook recipe is fitted too, after the treatment (outside
    its budget), for ``HealOutcome.comparison``; the starting model is then scored on test as
    well. Neither takes part in any decision.

    With ``log_dir``, every fit writes TensorBoard event files as it trains, one run each:
    ``step-00`` (the start), ``step-01 units=64`` (named after what differs from the start).
    """
    check_float("heal", "budget_minutes (--budget)", budget_minutes, 0, open_low=True)
    check_int("heal", "max_steps (--max-steps)", max_steps, 1)
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

    fits: list[dict[str, Any]] = []  # each fitted candidate's resolved settings, in order

    def fit(candidate: dict[str, Any], warm_from: _Fitted | None) -> _Fitted:
        given = {k: candidate.get(k) for k in _COLUMN_SETTINGS}
        model_settings = {k: v for k, v in candidate.items() if k not in _COLUMN_SETTINGS}
        forecaster = Forecaster(**model_settings)
        init = None if warm_from is None else warm_from.forecaster
        board = None
        if log_dir is not None:  # named after what differs from the start model's settings
            first = fits[0] if fits else {}
            changed = [f"{k}={v}" for k, v in candidate.items()
                       if k in first and _same(first[k]) != _same(v)]  # fmt: skip
            board = TensorBoardLog(log_dir, " ".join([f"step-{len(fits):02d}", *changed]))
        try:
            forecaster.fit(frame, **given, evaluate_test=False, init_from=init, on_epoch=board)
        finally:  # a candidate that cannot be fitted still counts as a step
            fits.append(forecaster.resolved_settings() if hasattr(forecaster, "model_") else {})
            if board is not None:
                scores = getattr(forecaster, "metrics_", {}).get("val", {})
                board.close(model_settings, {"final/val_mse": scores.get("mse")})
        return _Fitted(forecaster)

    result = heal_loop(
        fit, start, budget_seconds=60.0 * budget_minutes, max_steps=max_steps, on_step=on_step
    )
    best: Forecaster = result.best.forecaster
    best.finish(frame)
    start_model: Forecaster = result.start.forecaster
    recipe = None
    if compare_recipe:
        if start_model is not best:
            start_model.finish(frame)
        recipe = fit_recipe(frame, columns, settings)
    return HealOutcome(best, start_model, result.steps, result.stop_reason, lr_found, recipe)
