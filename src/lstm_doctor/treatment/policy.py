"""The treatment policy: which change to try next, given a diagnosis.

It follows the findings most important first and, for each, its remedies in order (the
diagnosis already orders them from the most to the least direct). A remedy is skipped when
its setting does not exist in this version, when it changes nothing, or when it was tried.
A healthy run ("good fit") tries per-window normalization, then (several channels or a
long lookback, no covariates) the segment LSTM, then a longer lookback, then grows the
model, as the classic advice says: start small, grow. When seasonal naive is the best
baseline on validation, the first things tried are forecasting the change from one season
ago (``normalization: seasonal``) and a lookback of at least two seasons.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy

__all__ = ["Prescription", "prescribe", "seasonal_finding"]

# Findings that are notes, not problems to treat (they explain, they do not prescribe).
_NOT_TREATED = ("val_below_train", "noisy_validation", "data_issue", "leakage")
# Settings the loop must not change: they redefine the data or the task, not the model.
_FIXED = (
    "target",
    "time",
    "id",
    "split",
    "embargo",
    "horizon",
    "stride",
    "season",
    "fill",
    "device",
    "seed",
    "precision",
)


# The policy doubles a healthy model's lookback up to this (SegRNN and the GRU baseline of
# ../shared/data/RESULTS.md read 720 steps; beyond that an LSTM's recurrence gets slow).
_LONGEST_LOOKBACK = 720
# Options of the step LSTM alone (see config._check_segment).
_STEP_ONLY = ("bidirectional", "layer_norm", "weight_drop", "head")
# A univariate step LSTM switches to the segment LSTM from this lookback on (a step LSTM
# over 192+ steps is slow, and segments of a day leave 8+ recurrent steps).
_SEGMENT_FROM_LOOKBACK = 192


@dataclass(frozen=True)
class Prescription:
    """One change to try, and the finding and remedy that call for it."""

    finding: Finding
    remedy: Remedy
    change: dict[str, Any]

    @property
    def key(self) -> tuple:
        return tuple(sorted((k, repr(v)) for k, v in self.change.items()))


def _concrete(change: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any] | None:
    """Resolve a remedy into settings that really change the run, or None."""
    out = {}
    for name, value in change.items():
        if name in _FIXED:
            return None
        if isinstance(value, str) and value.startswith("x"):  # "x3": relative to the current
            current = settings.get(name)
            if not isinstance(current, int | float):
                return None
            value = current * float(value[1:])
        out[name] = value
    segment = out.get("architecture", settings.get("architecture")) == "segment"
    # Dropout acts between stacked layers only: on one layer, regularize the recurrence
    # (the segment LSTM also drops out before its output layer, so it keeps dropout).
    if "dropout" in out and int(settings.get("layers", 1)) < 2 and not segment:
        out = {"weight_drop": out.pop("dropout"), **out}
    if segment and any(out.get(k, False) not in (False, 0.0, "last") for k in _STEP_ONLY):
        return None  # an option the segment LSTM does not have
    # Only what really changes (a remedy of several settings may hold some as they are).
    out = {k: v for k, v in out.items() if settings.get(k) != v}
    return out or None


def _next_for_good_fit(settings: dict[str, Any]) -> list[Remedy]:
    """A healthy run: first the per-window normalizations that the strongest published
    forecasters build in (NLinear and SegRNN subtract the last value, PatchTST uses RevIN;
    see ../shared/data/RESULTS.md) — they make naive the model's starting point — and, with
    several targets, channel independence (PatchTST, SegRNN); then growth, as the classic
    advice says: start small, grow — a longer lookback first. A change to the current setting is
    skipped as a no-op."""
    units, layers = int(settings.get("units", 32)), int(settings.get("layers", 1))
    remedies = [
        Remedy({"normalization": "last_value"}, "Forecast the change from the last value."),
        Remedy({"normalization": "revin"}, "Normalize each window (RevIN)."),
    ]
    targets, covariates = settings.get("target") or (), settings.get("covariates") or ()
    if len(targets) > 1 and not covariates:
        remedies.append(
            Remedy(
                {"channel_independent": True},
                "Share one LSTM across the channels: as many more training windows.",
            )
        )
    lookback = int(settings.get("lookback") or 0)
    segment = _segment_switch(settings, n_targets=len(targets), lookback=lookback)
    if segment is not None:
        remedies.append(segment)
    if 0 < lookback < _LONGEST_LOOKBACK:
        remedies.append(
            Remedy(
                {"lookback": min(2 * lookback, _LONGEST_LOOKBACK)},
                "Read further back: the strongest published forecasters see 336-720 steps.",
            )
        )
    return [
        *remedies,
        Remedy({"units": units * 2}, "A healthy model may be too small: grow it."),
        Remedy({"layers": layers + 1}, "Or give it another layer."),
    ]


def seasonal_finding(season: int, settings: dict[str, Any]) -> Finding:
    """Seasonal naive wins on validation: what the policy tries first."""
    lookback = int(settings.get("lookback") or 0)
    return Finding(
        "seasonal_naive_best",
        "warning",
        f"seasonal naive (season {season}) is the best baseline on validation: the model "
        "should start from it",
        {"season": season, "lookback": lookback},
        (
            Remedy(
                {"normalization": "seasonal"},
                "Forecast the change from one season ago, which seasonal naive gets for free.",
            ),
            Remedy(
                {"lookback": max(2 * season, lookback)},
                "Read at least two seasons back, so the model sees how a season changes.",
            ),
        ),
    )


def _segment_switch(settings: dict[str, Any], n_targets: int, lookback: int) -> Remedy | None:
    """The segment LSTM (SegRNN's recipe: one layer, last-value normalization, MAE loss) for
    a step LSTM without covariates that reads several channels or a long lookback, where it
    is both stronger and far cheaper; before the lookback grows, which it makes cheap.
    The step model's own options go with the switch (the segment model has none of them)."""
    if settings.get("architecture", "step") != "step" or settings.get("covariates"):
        return None
    if n_targets < 2 and lookback < _SEGMENT_FROM_LOOKBACK:
        return None
    change = {
        "architecture": "segment", "segment_length": None, "layers": 1,
        "normalization": "last_value", "loss": "mae", "bidirectional": False,
        "layer_norm": False, "weight_drop": 0.0, "head": "last",
    }  # fmt: skip
    return Remedy(change, "Read the lookback in segments and decode them in parallel (SegRNN).")


def prescribe(
    diagnosis: Diagnosis,
    settings: dict[str, Any],
    tried: set[tuple],
    available: Collection[str] | None = None,
    seasonal: int | None = None,
) -> list[Prescription]:
    """Every untried change the diagnosis calls for, the most important first.

    A run that is not a good fit is offered the segment LSTM (``_segment_switch``) after
    every remedy of its findings, so the loop tries the architecture before it gives up.

    ``available``: the setting names this task accepts (sequences have their own); None
    means every forecasting setting (``Remedy.available``). ``seasonal``: the season, when
    seasonal naive is the best baseline on validation (its remedies come first).
    """
    out: list[Prescription] = []
    seen = set(tried)
    treated = [f for f in diagnosis.findings if f.kind not in _NOT_TREATED]
    last = treated[-1] if treated else None
    findings = diagnosis.findings
    if seasonal is not None:
        findings = (seasonal_finding(seasonal, settings), *findings)
    for finding in findings:
        if finding.kind in _NOT_TREATED:
            continue
        remedies = list(finding.remedies)
        if finding.kind in ("good_fit", "too_short"):  # too short to judge: as if fine
            remedies = _next_for_good_fit(settings)
        elif finding is last:  # after every other remedy, before giving up: the architecture
            targets = settings.get("target") or ()
            lookback = int(settings.get("lookback") or 0)
            segment = _segment_switch(settings, n_targets=len(targets), lookback=lookback)
            remedies += [segment] if segment is not None else []
        for remedy in remedies:
            if not remedy.change:
                continue
            if not (remedy.available if available is None else set(remedy.change) <= available):
                continue
            change = _concrete(remedy.change, settings)
            if change is None:
                continue
            prescription = Prescription(finding, remedy, change)
            if prescription.key in seen:
                continue
            seen.add(prescription.key)
            out.append(prescription)
    return out
