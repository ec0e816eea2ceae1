"""Remedies that only sequence models have, added to the findings of a sequence run.

The curve findings (``diagnosis.generalization``, ``diagnosis.optimization``) prescribe in
terms every LSTM shares: dropout, weight decay, units, layers, lr. A sequence classifier or
regressor has more levers: augmentation within each sequence's length, the pooling, the
second direction, label smoothing, class weights when the classes are imbalanced, and,
when the model trails the summary baseline, that baseline's features in the head or the
LSTM-FCN conv branch.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy

__all__ = ["IMBALANCE_RATIO", "add_sequence_remedies"]

# Largest over smallest class count in training from which balanced class weights are
# worth a try (at 1.5 the rarest class has a third fewer sequences than the commonest).
IMBALANCE_RATIO = 1.5


def _imbalanced(train_labels: np.ndarray | None, n_classes: int) -> bool:
    if train_labels is None or n_classes < 2:
        return False
    counts = np.bincount(train_labels, minlength=n_classes)
    return bool(counts.max() >= IMBALANCE_RATIO * max(int(counts.min()), 1))


def _extra(kind: str, settings: dict[str, Any], task: str, imbalanced: bool) -> list[Remedy]:
    classify = task == "classify"
    balance = imbalanced and settings.get("class_weights", "none") == "none"
    if kind == "overfitting":
        jitter = float(settings.get("jitter") or 0.0)
        smoothing = float(settings.get("label_smoothing") or 0.0)
        remedies = [
            Remedy({"jitter": round(min(jitter + 0.1, 0.3), 2)}, "More noise on the inputs."),
            Remedy({"time_warp": 0.2}, "Warp each sequence's time axis within its length."),
            Remedy({"scaling": 0.1}, "Rescale each sequence's magnitude."),
            Remedy({"pooling": "mean"}, "Average the steps: a smoother read than one step."),
        ]
        if classify:
            remedies.append(
                Remedy(
                    {"label_smoothing": round(min(smoothing + 0.1, 0.3), 2)},
                    "Smooth the labels: less confident, less memorized.",
                )
            )
    elif kind == "underfitting":
        remedies = [
            Remedy({"pooling": "attention"}, "Attention pooling reads every step, not the last."),
            Remedy({"bidirectional": True}, "Read each sequence from both ends."),
        ]
    elif kind == "worse_than_naive":
        # Combine with the baseline it trails: its features into the head (heal keeps the
        # change only when it wins on validation), or a conv branch beside the LSTM.
        remedies = []
        if not settings.get("summary_features"):
            remedies.append(
                Remedy(
                    {"summary_features": True},
                    "Feed the summary baseline's features into the head: the network starts "
                    "from what the baseline sees.",
                )
            )
        if settings.get("encoder", "lstm") == "lstm":
            remedies.append(
                Remedy({"encoder": "lstm-fcn"}, "Add the LSTM-FCN conv branch beside the LSTM.")
            )
    else:
        return []
    if classify and balance:
        remedies.append(
            Remedy({"class_weights": "balanced"}, "The classes are imbalanced: weigh them.")
        )
    return remedies


def _key(remedy: Remedy) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in remedy.change.items()))


def add_sequence_remedies(
    diagnosis: Diagnosis,
    settings: dict[str, Any],
    task: str,
    *,
    train_labels: np.ndarray | None = None,
    n_classes: int = 0,
) -> Diagnosis:
    """The same findings, each followed by the sequence remedies that fit it (after its own,
    which are the more direct). ``train_labels`` (class indices) tell imbalance."""
    imbalanced = task == "classify" and _imbalanced(train_labels, n_classes)
    findings: list[Finding] = []
    for finding in diagnosis.findings:
        extra = _extra(finding.kind, settings, task, imbalanced)
        have = {_key(r) for r in finding.remedies}
        # A remedy that the run already has (bidirectional=True on a bidirectional model)
        # would be a no-op: leave it out.
        new = [
            r for r in extra
            if _key(r) not in have and any(settings.get(k) != v for k, v in r.change.items())
        ]  # fmt: skip
        if new:
            finding = dataclasses.replace(finding, remedies=(*finding.remedies, *new))
        findings.append(finding)
    return Diagnosis(tuple(findings))
