"""How a data check reports: the Finding it builds, the numbers in its evidence, and the
statistical bands that several checks share.

Every threshold in the check modules has a reason that does not depend on any one dataset:
float precision, sampling error under "no effect", or a property of the Gaussian.
"""

from __future__ import annotations

from typing import Any

from lstm_doctor.diagnosis.findings import Finding, Remedy

__all__ = ["MIN_ROWS", "N_EXAMPLES", "SIGMAS", "make_finding", "round_evidence"]

# Three standard errors: under "no effect" a statistic leaves this band about 3 times in 1000,
# so a check that fires is rarely chance (the same band as baselines._PEAK_SIGMAS).
SIGMAS = 3.0
# 30 rows, the usual size for a mean to be about normal (data_checks' _MIN_WINDOWS), is also
# the least sample on which the checks judge a series' spread (outliers), its number of
# distinct values or its serial structure: on fewer rows a median absolute deviation or
# "only two values" says more about the sample size than about the data.
MIN_ROWS = 30
N_EXAMPLES = 5  # rows or series listed in evidence


def round_evidence(x: float) -> float:
    """A plain float with 6 significant digits, for readable JSON evidence."""
    return float(f"{float(x):.6g}")


def make_finding(
    check: str,
    summary: str,
    evidence: dict[str, Any],
    remedies: list[Remedy],
    *,
    leak: bool,
    severity: str | None = None,
    confidence: float = 1.0,
) -> Finding:
    return Finding(
        kind="leakage" if leak else "data_issue",
        severity=severity or ("critical" if leak else "warning"),
        summary=summary,
        evidence={"check": check, **evidence},
        remedies=tuple(remedies),
        confidence=confidence,
    )
