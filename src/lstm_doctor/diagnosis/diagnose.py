"""``diagnose``: the curve, data and baseline findings of one run, ranked."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import numpy as np

from lstm_doctor.diagnosis.calibration import calibrated
from lstm_doctor.diagnosis.curves import MIN_EPOCHS, CurveStats, RunContext, curve_stats, pct
from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy, rank_findings
from lstm_doctor.diagnosis.generalization import (
    NOISY_JUMP,
    beyond_jumps,
    generalization_findings,
    jumpiness,
    noisy_reading,
)
from lstm_doctor.diagnosis.optimization import optimization_findings
from lstm_doctor.history import History

__all__ = ["diagnose", "diagnose_curves"]


def diagnose_curves(history: History, context: RunContext | None = None) -> list[Finding]:
    """Every curve finding (optimization and generalization) that applies, unranked.

    Fewer than ``MIN_EPOCHS`` epochs with a finite training loss give no verdict (only a
    NaN/inf loss is still reported; ``diagnose`` says why); a log without a validation
    curve gets ``no_validation`` and only the training-curve checks.
    """
    return _curve_findings(curve_stats(history), history, context or RunContext())


def _curve_findings(stats: CurveStats, history: History, context: RunContext) -> list[Finding]:
    """``diagnose_curves`` on curves already measured (``curve_stats``)."""
    optimization = optimization_findings(stats, history, context)
    if len(stats.train_only) < MIN_EPOCHS:  # ``diagnose`` adds the too_short finding
        return [f for f in optimization if f is not None and f.kind == "diverging"]
    if not stats.has_val:
        kept = [f for f in optimization if f is not None and f.kind in ("diverging", "unstable")]
        return [*kept, _no_validation(stats)]
    converged = not any(f is not None and f.kind == "slow_convergence" for f in optimization)
    generalization = generalization_findings(stats, context, converged=converged)
    noisy = next((f for f in generalization if f and f.kind == "noisy_validation"), None)
    if noisy is not None:
        optimization = [_still_falling_beyond_noise(f, noisy) for f in optimization]
    if any(f is not None and f.kind == "underfitting" for f in generalization):
        # the curve-shape note ("still far from its floor") says less than the direct
        # reading of the levels: one underfitting finding, not two
        optimization = [f for f in optimization if f is None or f.kind != "underfitting"]
    return [f for f in optimization + generalization if f is not None]


def _still_falling_beyond_noise(finding: Finding | None, noisy: Finding) -> Finding | None:
    """A "still falling" read off the last epochs of a noisy val curve stays a warning only
    when the fall is beyond the curve's jumps (``beyond_jumps``); else it is a note."""
    if finding is None or finding.kind != "slow_convergence":
        return finding
    fall = -math.log1p(-finding.evidence["val_drop_last_epochs_pct"] / 100)
    return finding if beyond_jumps(fall, noisy) else noisy_reading(finding)


def _too_short(stats: CurveStats, n_rows: int) -> Finding:
    n = len(stats.train_only)
    return Finding(
        "too_short",
        "info",
        f"cannot judge: {n} epoch(s) with a finite training loss; the curves need at least "
        f"{MIN_EPOCHS} to tell a trend from noise",
        {"epochs": n_rows, "finite_epochs": n, "min_epochs": MIN_EPOCHS},
        (),
        1.0,
    )


def _no_validation(stats: CurveStats) -> Finding:
    return Finding(
        "no_validation",
        "warning",
        "no validation curve: the gap between train and val cannot be judged; add "
        "validation data (Keras: validation_data or validation_split; Lightning: a "
        "val_dataloader)",
        {"epochs": len(stats.train_only), "val_epochs": 0},
        (Remedy({}, "Log a validation loss each epoch."),),
        1.0,
    )


def _cannot_judge(exc: Exception) -> Finding:
    return Finding(
        "cannot_judge",
        "info",
        f"cannot judge the curves: {type(exc).__name__}: {exc}",
        {"error": type(exc).__name__},
        (),
        1.0,
    )


def _worse_than_naive(context: RunContext) -> Finding | None:
    """The model does not beat the best baseline on validation, or (when given) on test."""
    if context.model_val is None or not context.baselines_val:
        return None
    name = min(context.baselines_val, key=context.baselines_val.__getitem__)
    reference = context.baselines_val[name]
    ratio_val = context.model_val / reference
    evidence: dict[str, Any] = {
        "baseline": name,
        "model_val_mse": context.model_val,
        "baseline_val_mse": reference,
        "ratio_val": round(ratio_val, 3),
    }
    ratio_test = None
    if context.model_test is not None and context.baselines_test:
        test_name = min(context.baselines_test, key=context.baselines_test.__getitem__)
        test_reference = context.baselines_test[test_name]
        ratio_test = context.model_test / test_reference
        evidence.update(
            test_baseline=test_name,
            model_test_mse=context.model_test,
            baseline_test_mse=test_reference,
            ratio_test=round(ratio_test, 3),
        )
    worse_val = ratio_val >= 1.0
    worse_test = ratio_test is not None and ratio_test >= 1.0
    if not (worse_val or worse_test):
        return None
    label = name.replace("_", " ")
    if worse_val and (worse_test or ratio_test is None):
        where = "validation and test" if worse_test else "validation"
        summary = (
            f"worse than naive: the model's {where} MSE is {ratio_val:.2f}x that of "
            f"{label} on the same windows"
        )
    elif worse_val:
        summary = f"worse than naive on validation ({ratio_val:.2f}x {label}), though not on test"
    else:
        test_label = str(evidence["test_baseline"]).replace("_", " ")
        summary = (
            f"worse than naive on test: {ratio_test:.2f}x the MSE of {test_label}, while "
            f"it beat {label} on validation ({ratio_val:.2f}x): the test period differs "
            "from what validation showed"
        )
    return Finding(
        "worse_than_naive",
        "critical",
        summary,
        evidence,
        (
            Remedy(
                {"normalization": "last_value"},
                "Forecast the change from the last value, which naive gets for free.",
            ),
            Remedy(
                {"lookback": 2 * int(context.settings.get("lookback") or 48)},
                "A longer lookback shows the model more of the season.",
            ),
        ),
        min(1.0, 0.5 * max(ratio_val, ratio_test or 0.0)),
    )


def _too_jumpy(stats: CurveStats) -> Finding | None:
    """No "good fit" over a val curve that jumps ``NOISY_JUMP`` or more per epoch (with a
    train curve as jumpy, so that noisy_validation did not fire): a rise or a stall of such
    a curve cannot be told from its noise, so its absence proves nothing."""
    if stats.n_epochs < MIN_EPOCHS:
        return None
    jump = jumpiness(np.log(stats.val))
    if jump < NOISY_JUMP:
        return None
    return Finding(
        "cannot_judge",
        "info",
        f"cannot judge the fit: val loss moves {pct(jump)}% from epoch to epoch (median), "
        "too much to tell a rise or a stall from noise; a larger validation set, a smaller "
        "learning rate or a larger batch gives curves that can be read",
        {"val_median_move_pct": pct(jump), "threshold_pct": pct(NOISY_JUMP)},
        (),
        1.0,
    )


def _good_fit(stats: CurveStats, context: RunContext) -> Finding:
    evidence: dict[str, Any] = {"epochs": stats.n_epochs}
    if stats.n_epochs:
        best = stats.best_index
        evidence.update(
            best_epoch=int(stats.epochs[best]),
            val_loss_best=float(stats.val[best]),
            val_over_train_at_best=round(float(stats.val[best] / stats.train[best]), 3),
        )
    if context.model_val is not None and context.baselines_val:
        name = min(context.baselines_val, key=context.baselines_val.__getitem__)
        evidence.update(
            best_baseline=name,
            skill_val=round(1 - context.model_val / context.baselines_val[name], 3),
        )
    return Finding(
        "good_fit",
        "info",
        "good fit: no overfitting, underfitting or instability in the curves"
        + (", and the model beats every baseline on validation" if "skill_val" in evidence else ""),
        evidence,
        (),
        1.0,
    )


def diagnose(
    history: History,
    context: RunContext | None = None,
    data_findings: Iterable[Finding] = (),
) -> Diagnosis:
    """Diagnose a run from its History (ours or anyone's), its context and data findings.

    ``good_fit`` is reported only when nothing else is a warning or worse, no verdict was
    withheld, and no note says the model is underfit (a curve still far from its floor).
    """
    context = context or RunContext()
    try:
        stats = curve_stats(history)
        findings = _curve_findings(stats, history, context)
        if len(stats.train_only) < MIN_EPOCHS:
            findings.append(_too_short(stats, len(history)))
    except Exception as exc:  # a diagnosis never raises: what failed is itself a finding
        findings = [_cannot_judge(exc)]
    findings += list(data_findings)
    try:
        worse = _worse_than_naive(context)
    except (ArithmeticError, ValueError, TypeError):
        worse = None
    if worse is not None:
        findings.append(worse)
    no_verdict = any(f.kind in ("too_short", "cannot_judge", "underfitting") for f in findings)
    if not no_verdict and not any(f.severity in ("critical", "warning") for f in findings):
        try:
            # no verdict is withheld, so the curves were measured above
            findings.append(_too_jumpy(stats) or _good_fit(stats, context))
        except Exception as exc:  # see above
            findings.append(_cannot_judge(exc))
    findings = [calibrated(_drop_applied(f, context.settings)) for f in findings]
    return Diagnosis(tuple(rank_findings(findings)))


def _in_effect(remedy: Remedy, settings: dict[str, Any]) -> bool:
    def same(a: Any, b: Any) -> bool:
        if isinstance(a, list | tuple) and isinstance(b, list | tuple):
            return list(a) == list(b)
        return a == b

    return all(k in settings and same(settings[k], v) for k, v in remedy.change.items())


def _drop_applied(finding: Finding, settings: dict[str, Any] | None) -> Finding:
    """``finding`` without the remedies the run already uses (named in its evidence).

    A model that already normalizes each window should not be told to do so; the finding
    stays, because the remedy in effect did not make it go away.
    """
    if not settings or not finding.remedies:
        return finding
    applied = [r for r in finding.remedies if _in_effect(r, settings)]
    if not applied:
        return finding
    kept = [r for r in finding.remedies if not _in_effect(r, settings)]
    if kept and kept[0].reason.startswith("Or "):  # "Or ..." read after the one dropped
        first = kept[0].reason[3:]
        kept[0] = replace(kept[0], reason=first[:1].upper() + first[1:])
    in_effect = [", ".join(f"{k}={v}" for k, v in r.change.items()) for r in applied]
    evidence = {**finding.evidence, "already_in_effect": in_effect}
    return replace(finding, remedies=tuple(kept), evidence=evidence)
