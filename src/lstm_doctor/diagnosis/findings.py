"""Findings: what is wrong (or right) with a run, the numbers that show it, and what to do.

A ``Finding`` carries its evidence (numbers: epochs, losses, slopes, the threshold it was
tested against) and remedies. A remedy's ``change`` is expressed in lstm-doctor's own config
terms (``{"dropout": 0.3}``, ``{"lr": 3e-4}``) so the treatment loop can apply it; ``reason``
is one sentence for a person. A ``Diagnosis`` lists findings most important first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lstm_doctor.config import sequence_setting_names, setting_names

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
    "seasonal_naive_best",  # heal's policy: seasonal naive is the best baseline on validation
    "val_below_train",
    "no_validation",
    "data_issue",
    "too_short",
    "cannot_judge",
    "good_fit",
)
SEVERITIES = ("critical", "warning", "info")


@dataclass(frozen=True)
class Remedy:
    """A concrete change of settings and the sentence that explains it."""

    change: dict[str, Any]
    reason: str

    @property
    def available(self) -> bool:
        """Whether every changed setting exists in this version's config."""
        return set(self.change) <= setting_names() | sequence_setting_names()

    def to_dict(self) -> dict[str, Any]:
        return {"change": dict(self.change), "reason": self.reason, "available": self.available}


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


# Symptoms: they say *that* the model fails, not why, so they rank as warnings whatever
# their own severity, behind any cause that was found.
SYMPTOMS = ("worse_than_naive",)


def rank_findings(findings: list[Finding]) -> list[Finding]:
    """Most important first: problems before notes (``info``), the good-fit verdict before
    other notes, then by severity (a symptom counting as a warning), then causes before
    symptoms (KINDS order), then by confidence."""

    def severity(f: Finding) -> int:
        if f.kind in SYMPTOMS and f.severity == "critical":
            return SEVERITIES.index("warning")
        return SEVERITIES.index(f.severity)

    return sorted(
        findings,
        key=lambda f: (
            f.severity == "info",
            f.kind != "good_fit",
            severity(f),
            KINDS.index(f.kind),
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

    @classmethod
    def from_dict(cls, findings: list[dict[str, Any]]) -> Diagnosis:
        """Rebuild from ``to_dict`` output (as stored in ``diagnosis.json``)."""
        return cls(
            tuple(
                Finding(
                    kind=f["kind"],
                    severity=f["severity"],
                    summary=f["summary"],
                    evidence=dict(f.get("evidence", {})),
                    remedies=tuple(
                        Remedy(dict(r["change"]), r["reason"]) for r in f.get("remedies", [])
                    ),
                    confidence=float(f.get("confidence", 1.0)),
                )
                for f in findings
            )
        )
