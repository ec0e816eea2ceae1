"""What the heal loop (``treatment.heal``) sees of a fitted estimator: the adapter both
tasks' heal wiring (``forecast_heal``, ``sequence_heal``) builds on.

The loop reads validation only: the candidate's validation loss, the noise of its curve, its
diagnosis and its settings (to change one of them). Each task adds how its validation loss
is measured (and, for forecasting, the per-window losses of the paired decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from lstm_doctor.api.estimator import Estimator
from lstm_doctor.diagnosis.curves import curve_stats
from lstm_doctor.diagnosis.findings import Diagnosis

__all__ = ["FittedCandidate"]


@dataclass
class FittedCandidate:
    """A fitted estimator as a ``treatment.heal.Candidate`` (validation only)."""

    estimator: Estimator
    # Settings that name the data's columns: the policy never changes them.
    column_settings: ClassVar[tuple[str, ...]] = ()

    @property
    def val_noise(self) -> float:
        """The relative epoch-to-epoch noise of the validation curve (log units)."""
        return curve_stats(self.estimator.history_).noise_val

    @property
    def diagnosis(self) -> Diagnosis:
        return self.estimator.diagnosis_

    @property
    def settings(self) -> dict[str, Any]:
        resolved = self.estimator.resolved_settings()
        return {k: v for k, v in resolved.items() if k not in self.column_settings}
