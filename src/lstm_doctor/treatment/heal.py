"""The heal loop: diagnose, change one thing for a reason, keep it only if validation says so.

It never looks at the test split: each candidate is fitted and judged on train and
validation data only; the caller scores the test split once, on the final model. The loop is
independent of how a model is fitted (``fit`` is passed in), so it is tested with scripted
fits and used with real ones.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.errors import ConfigError, DataError, TrainingError
from lstm_doctor.treatment.policy import prescribe

__all__ = ["Candidate", "HealResult", "HealStep", "heal_loop"]

# A change is kept only when it lowers the validation loss by more than this fraction, or by
# more than the run's own epoch-to-epoch val noise when that is larger: a smaller gain is
# within what reseeding the same model would give, not evidence that the change helped.
MIN_GAIN = 0.01
# Changes that leave the network and its inputs as they are: the candidate starts from the
# incumbent's weights (a warm start) instead of from scratch, as fine-tuning with more
# regularization or another learning rate would. Anything that changes the shapes (units,
# layers, lookback, head) or what the inputs mean (normalization, channel independence)
# starts afresh.
WARM_START_SETTINGS = frozenset({
    "dropout", "weight_drop", "weight_decay", "l2", "l1", "jitter", "scaling", "time_warp",
    "window_slice", "lr", "clip", "batch_size", "schedule", "optimizer", "patience",
})  # fmt: skip


class Candidate(Protocol):
    """What the loop needs of a fitted model."""

    val_loss: float
    val_noise: float  # relative epoch-to-epoch noise of its val curve (log units)
    diagnosis: Diagnosis
    settings: dict[str, Any]


@dataclass(frozen=True)
class HealStep:
    """One step of the treatment log."""

    step: int
    finding: str
    summary: str
    evidence: dict[str, Any]
    change: dict[str, Any]
    before: dict[str, Any]
    val_before: float
    val_after: float
    kept: bool
    seconds: float
    warm_start: bool = False
    error: str | None = None  # why the candidate could not be fitted (then it is reverted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "finding": self.finding,
            "summary": self.summary,
            "evidence": self.evidence,
            "change": self.change,
            "before": self.before,
            "val_before": self.val_before,
            "val_after": self.val_after,
            "kept": self.kept,
            "warm_start": self.warm_start,
            "error": self.error,
            "seconds": round(self.seconds, 1),
        }


@dataclass
class HealResult:
    best: Any  # the Candidate that won
    start: Any  # the first Candidate
    steps: list[HealStep] = field(default_factory=list)
    stop_reason: str = ""


def heal_loop(
    fit: Callable[[dict[str, Any], Candidate | None], Candidate],
    start_settings: dict[str, Any],
    *,
    budget_seconds: float = math.inf,
    max_steps: int = 20,
    on_step: Callable[[HealStep], None] | None = None,
    available: Collection[str] | None = None,
) -> HealResult:
    """Start from ``start_settings``; at each step try the next prescription of the best
    model's diagnosis; keep the change when validation improves by a real margin.

    Stops at ``max_steps`` steps, when the next fit would overrun ``budget_seconds`` (judged
    by the last fit's duration), when nothing is left to try, or on Ctrl-C — always with the
    best model so far. ``available``: the setting names the policy may change (see
    ``prescribe``).
    """
    started = time.perf_counter()
    fit_started = time.perf_counter()
    best = fit(dict(start_settings), None)
    last_fit_seconds = time.perf_counter() - fit_started
    result = HealResult(best=best, start=best)
    tried: set[tuple] = set()
    try:
        while len(result.steps) < max_steps:
            elapsed = time.perf_counter() - started
            if elapsed + last_fit_seconds > budget_seconds:
                result.stop_reason = "budget"
                break
            options = prescribe(best.diagnosis, best.settings, tried, available)
            if not options:
                result.stop_reason = "nothing left to try"
                break
            choice = options[0]
            tried.add(choice.key)
            fit_started = time.perf_counter()
            warm = set(choice.change) <= WARM_START_SETTINGS
            try:
                candidate = fit({**best.settings, **choice.change}, best if warm else None)
            except (ConfigError, DataError, TrainingError) as error:  # e.g. too long a lookback
                candidate, failure = None, str(error)
            last_fit_seconds = time.perf_counter() - fit_started
            margin = max(MIN_GAIN, -math.expm1(-best.val_noise)) if best.val_noise else MIN_GAIN
            val_after = math.nan if candidate is None else candidate.val_loss
            kept = candidate is not None and val_after < best.val_loss * (1.0 - margin)
            step = HealStep(
                step=len(result.steps) + 1,
                finding=choice.finding.kind,
                summary=choice.finding.summary,
                evidence=choice.finding.evidence,
                change=choice.change,
                before={k: best.settings.get(k) for k in choice.change},
                val_before=best.val_loss,
                val_after=val_after,
                kept=kept,
                seconds=last_fit_seconds,
                warm_start=warm,
                error=None if candidate is not None else failure,
            )
            result.steps.append(step)
            if on_step is not None:
                on_step(step)
            if kept:
                best = candidate
                result.best = best
        else:
            result.stop_reason = "max steps"
    except KeyboardInterrupt:
        result.stop_reason = "interrupted"
    return result
