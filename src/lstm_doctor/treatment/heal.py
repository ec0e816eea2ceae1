"""The heal loop: diagnose, change one thing for a reason, keep it only if validation says so.

It never looks at the test split: each candidate is fitted and judged on train and
validation data only; the caller scores the test split once, on the final model. The loop is
independent of how a model is fitted (``fit`` is passed in), so it is tested with scripted
fits and used with real ones.

A change is kept on paired evidence (``treatment.paired``): the candidate and the incumbent
are scored on the same validation windows, and the change stays only when the interval for
the mean per-window loss difference lies below zero at a weighted-Bonferroni level over the
candidates the budget plans: half the family level for the first step, the remedy the
diagnosis ranks first, the other half shared by the rest (``FIRST_SHARE``). Candidates
without per-window losses (sequence models) fall back to the older rule: a gain larger
than ``MIN_GAIN`` and the run's epoch-to-epoch noise.

The budget counts work, so that the same command and seed give the same treatment on any
machine: ``budget_epochs`` is the total number of training epochs the candidates may use
(the next candidate is tried only if the last fit's epoch count still fits). Wall-clock
``budget_seconds`` is only an outer cap; when it binds, the stop reason says the result
depends on the machine.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.errors import ConfigError, DataError, TrainingError
from lstm_doctor.treatment.paired import PairedDecision, paired_decision
from lstm_doctor.treatment.policy import prescribe

__all__ = ["Candidate", "HealResult", "HealStep", "alpha_share", "challenge", "heal_loop"]

# Candidates without per-window losses only: a change is kept when it lowers the validation
# loss by more than this fraction, or by more than the run's own epoch-to-epoch val noise.
MIN_GAIN = 0.01
# Where validation cannot support fine choices, only a change that at least halves the
# validation MSE at every validation origin is kept: a factor of two, stated up front.
COARSE_FACTOR = 0.5
# Weighted Bonferroni: the first step tries the remedy the diagnosis ranks first for the
# starting model, the change most likely to help, so its test gets this share of the family
# level; the other planned tests (later steps, the recipe challenge) share the rest equally.
# The shares are fixed by position before any candidate is fitted, so the chance of keeping
# any change that does not help stays at most FAMILY_ALPHA. (Equal shares gave every test
# FAMILY_ALPHA / 9 with 8 steps planned: a normalization that cut the val loss of a level
# model on a trending index by 19% on 13 effective windows was not kept.)
FIRST_SHARE = 0.5
TIME_CAP = "time cap (machine-dependent: the wall-clock cap bound before the work budget)"
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
    """What the loop needs of a fitted model.

    Optionally also ``seasonal``: the season when seasonal naive is the best baseline on
    validation, else None; ``val_losses``: ``(keys, losses)``, one int64 key (the same key for the
    same window in every candidate, in time order) and one loss per validation window, for
    the paired decision; and ``epochs``: the training epochs the fit used (its work).
    """

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
    decision: dict[str, Any] | None = None  # the paired test (PairedDecision.to_dict())
    epochs: int = 0  # training epochs the candidate used (the budget's unit)

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
            "decision": self.decision,
            "epochs": self.epochs,
            "seconds": round(self.seconds, 1),
        }


@dataclass
class HealResult:
    best: Any  # the Candidate that won
    start: Any  # the first Candidate
    steps: list[HealStep] = field(default_factory=list)
    stop_reason: str = ""
    n_candidates: int = 0  # the candidates planned up front: the Bonferroni divisor
    epochs_used: int = 0  # training epochs of every fit, the start included


def heal_loop(
    fit: Callable[[dict[str, Any], Candidate | None], Candidate],
    start_settings: dict[str, Any],
    *,
    budget_seconds: float = math.inf,
    budget_epochs: float | Callable[[Any], float] = math.inf,
    max_steps: int = 20,
    on_step: Callable[[HealStep], None] | None = None,
    available: Collection[str] | None = None,
    coarse_too: bool = False,
    extra_tests: int = 0,
) -> HealResult:
    """Start from ``start_settings``; at each step try the next prescription of the best
    model's diagnosis; keep the change when the paired test on validation says so.

    Stops at ``max_steps`` steps, when the next fit would overrun ``budget_epochs`` (judged
    by the last fit's epochs: deterministic) or the wall-clock cap ``budget_seconds`` (judged
    by the last fit's duration: machine-dependent), when nothing is left to try, or on
    Ctrl-C — always with the best model so far. ``budget_epochs`` may be a function of the
    starting candidate, called once after its fit (a budget in minutes converted at that
    fit's measured speed). ``available``: the setting names the policy
    may change (see ``prescribe``).

    The number of candidates planned, the Bonferroni divisor of every paired test, is fixed
    after the first fit: ``max_steps``, or fewer when ``budget_epochs`` allows fewer fits of
    the starting model's length — plus ``extra_tests``, the pre-specified comparisons the
    caller makes after the loop (``challenge``), so that the family level covers them too.

    ``coarse_too``: the validation windows cannot support fine choices (few effective
    windows even with several origins, where the paired test has little power): a change is
    kept on the paired test or when it is coarse — at most ``COARSE_FACTOR`` times the
    incumbent's validation MSE at every origin (``origin_val_losses``).
    """
    started = time.perf_counter()
    fit_started = time.perf_counter()
    best = fit(dict(start_settings), None)
    last_fit_seconds = time.perf_counter() - fit_started
    last_fit_epochs = int(getattr(best, "epochs", 0) or 0)
    result = HealResult(best=best, start=best, epochs_used=last_fit_epochs)
    if callable(budget_epochs):
        budget_epochs = budget_epochs(best)
    planned = max_steps
    if math.isfinite(budget_epochs) and last_fit_epochs > 0:
        planned = min(max_steps, int((budget_epochs - last_fit_epochs) // last_fit_epochs))
    result.n_candidates = max(1, planned) + max(0, int(extra_tests))
    tried: set[tuple] = set()
    try:
        while len(result.steps) < max_steps:
            if result.epochs_used + last_fit_epochs > budget_epochs:
                result.stop_reason = "budget"
                break
            elapsed = time.perf_counter() - started
            if elapsed + last_fit_seconds > budget_seconds:
                result.stop_reason = "budget" if math.isinf(budget_epochs) else TIME_CAP
                break
            seasonal = getattr(best, "seasonal", None)
            options = prescribe(best.diagnosis, best.settings, tried, available, seasonal)
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
            if candidate is not None:
                last_fit_epochs = int(getattr(candidate, "epochs", 0) or 0)
                result.epochs_used += last_fit_epochs
            val_after = math.nan if candidate is None else candidate.val_loss
            decision = None
            if candidate is None:
                kept = False
            else:
                share = alpha_share(len(result.steps) + 1, result.n_candidates)
                decision = _paired(candidate, best, result.n_candidates, share)
                if decision is None:
                    kept = _beats_noise(candidate, best)
                else:
                    kept = decision.kept or (coarse_too and _coarse(candidate, best))
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
                decision=_record(decision, coarse_too, kept),
                epochs=last_fit_epochs if candidate is not None else 0,
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


def alpha_share(step: int, n_candidates: int) -> float:
    """The share of the family level for the test of ``step`` (1-based) of a treatment
    that plans ``n_candidates`` tests: ``FIRST_SHARE`` for the first, the rest equally."""
    if n_candidates <= 1:
        return 1.0
    return FIRST_SHARE if step == 1 else (1.0 - FIRST_SHARE) / (n_candidates - 1)


def _paired(
    candidate: Any, incumbent: Any, n_candidates: int, share: float
) -> PairedDecision | None:
    """The paired test on the windows both were scored on, or None without per-window
    losses."""
    ours, theirs = getattr(candidate, "val_losses", None), getattr(incumbent, "val_losses", None)
    if ours is None or theirs is None:
        return None
    (keys_c, loss_c), (keys_i, loss_i) = ours, theirs
    shared, at_c, at_i = np.intersect1d(keys_c, keys_i, assume_unique=True, return_indices=True)
    del shared  # sorted keys: time order within each series
    horizon = int(incumbent.settings.get("horizon") or 1)
    return paired_decision(
        loss_c[at_c], loss_i[at_i], horizon=horizon, n_candidates=n_candidates, share=share
    )


def _origin_pairs(candidate: Any, best: Any) -> list[tuple[float, float]]:
    """(candidate, incumbent) val MSE at each validation origin; none if they differ."""
    ours = getattr(candidate, "origin_val_losses", None) or (candidate.val_loss,)
    theirs = getattr(best, "origin_val_losses", None) or (best.val_loss,)
    return list(zip(ours, theirs, strict=True)) if len(ours) == len(theirs) else []


def _coarse(candidate: Any, best: Any) -> bool:
    """At most ``COARSE_FACTOR`` times the incumbent's val MSE at every origin."""
    pairs = _origin_pairs(candidate, best)
    return bool(pairs) and all(c <= COARSE_FACTOR * i for c, i in pairs)


def _record(decision: PairedDecision | None, coarse_too: bool, kept: bool) -> dict | None:
    if decision is None:
        return None
    record = decision.to_dict()
    if coarse_too:
        record["rule"] = (
            f"coarse too: few effective windows; kept on the paired test or when the val MSE "
            f"is at most {COARSE_FACTOR:g}x the incumbent's at every origin"
        )
        record["kept_coarse"] = kept and not decision.kept
        record["kept"] = kept
    return record


def _beats_noise(candidate: Any, best: Any) -> bool:
    """The fallback rule: a gain above ``MIN_GAIN`` and the epoch-to-epoch val noise."""
    margin = max(MIN_GAIN, -math.expm1(-best.val_noise)) if best.val_noise else MIN_GAIN
    return bool(candidate.val_loss < best.val_loss * (1.0 - margin))


def challenge(
    challenger: Any,
    incumbent: Any,
    n_candidates: int,
    *,
    step: int,
    small_validation: bool,
    name: str,
    summary: str,
    seconds: float = 0.0,
) -> HealStep:
    """One pre-specified alternative (the textbook recipe) against the treatment's winner,
    on the same validation windows and origins; the step's ``kept`` says which to keep.

    Where validation supports fine choices, the paired test decides, as for any step. Where
    it does not, the paired test has no power, and the loop's rule for searched changes
    (coarse: half the val MSE at every origin) is there to stop the winner's curse of a
    search; a single alternative fixed before the data were seen has no search to correct
    for, and keeping the incumbent by default would only prefer one of two arbitrary
    architectures. So the challenger is then also kept when its val MSE is lower at every
    validation origin (``origin_val_losses``): the choice the data favour consistently.
    """
    # The challenge is one of the "other" tests, never the diagnosis's first remedy.
    share = alpha_share(max(step, 2), n_candidates)
    decision = _paired(challenger, incumbent, n_candidates, share)
    pairs = _origin_pairs(challenger, incumbent)
    lower_everywhere = bool(pairs) and all(c < i for c, i in pairs)
    paired_kept = decision is not None and decision.kept
    kept = paired_kept or (small_validation and lower_everywhere)
    if decision is None:
        kept = kept or (not small_validation and _beats_noise(challenger, incumbent))
    record = None if decision is None else decision.to_dict()
    if record is not None:
        record["kept"] = kept
        record["rule"] = (
            "pre-specified alternative: kept on the paired test"
            + (", or (few effective windows) when its val MSE is lower at every origin"
               if small_validation else "")
        )  # fmt: skip
        record["kept_lower_at_every_origin"] = kept and not paired_kept
        record["origin_val_losses"] = {
            "challenger": list(getattr(challenger, "origin_val_losses", ()) or ()),
            "incumbent": list(getattr(incumbent, "origin_val_losses", ()) or ()),
        }
    theirs, ours = incumbent.settings, challenger.settings
    changed = sorted(k for k in set(theirs) | set(ours) if theirs.get(k) != ours.get(k))
    return HealStep(
        step=step,
        finding=name,
        summary=summary,
        evidence={},
        change={k: ours.get(k) for k in changed},
        before={k: theirs.get(k) for k in changed},
        val_before=incumbent.val_loss,
        val_after=challenger.val_loss,
        kept=kept,
        seconds=seconds,
        decision=record,
        epochs=int(getattr(challenger, "epochs", 0) or 0),
    )
