"""Findings: what is wrong (or right) with a run, the numbers that show it, and what to do.

A ``Finding`` carries its evidence (numbers: epochs, losses, slopes, the threshold it was
tested against) and remedies. A remedy's ``change`` is expressed in lstm-doctor's own config
terms (``{"dropout": 0.3}``, ``{"lr": 3e-4}``) so the treatment loop can apply it; ``reason``
is one sentence for a person. A ``Diagnosis`` lists findings most important first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "SEVERITIES", "Diagnosis", "Finding", "Remedy", "rank_findings"]

# Most important first: a finding earlier in this tuple is a likelier *cause* of a test gap
# than one later; ``worse_than_naive`` is a symptom and leads only when no cause was found.
KINDS = (
    "leakage",
    "diverging",
    "unstable",
    "overfitting",
    "underfitting",
    "distribution_shift",
    "slow_convergence",
    "stopped_too_early",
    "noisy_validation",
    "worse_than_naive",
    "val_below_train",
    "data_issue",
    "good_fit",
)
SEVERITIES = ("critical", "warning", "info")


@dataclass(frozen=True)
class Remedy:
    """A concrete change of settings and the sentence that explains it."""

    change: dict[str, Any]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"change": dict(self.change), "reason": self.reason}


@dataclass(frozen=True)
class Finding:
    """One diagnosis: ``kind`` (see KINDS), ``severity`` (see SEVERITIES), a one-line
    ``summary``, numeric ``evidence`` and ``remedies``. ``confidence`` in [0, 1] says how
    clearly the evidence passed its test (1: far beyond the threshold).
    """

    kind: str
    severity: str
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)
    remedies: tuple[Remedy, ...] = ()
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "summary": self.summary,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence,
            "remedies": [r.to_dict() for r in self.remedies],
        }


def rank_findings(findings: list[Finding]) -> list[Finding]:
    """Most important first: problems before notes (``info``), then causes before symptoms
    (KINDS order), then by severity and confidence."""
    return sorted(
        findings,
        key=lambda f: (
            f.severity == "info",
            KINDS.index(f.kind),
            SEVERITIES.index(f.severity),
            -f.confidence,
        ),
    )


@dataclass(frozen=True)
class Diagnosis:
    """Findings, most important first; ``primary`` is the first."""

    findings: tuple[Finding, ...]

    @property
    def primary(self) -> Finding | None:
        return self.findings[0] if self.findings else None

    def kinds(self) -> list[str]:
        return [f.kind for f in self.findings]

    def to_dict(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self.findings]
