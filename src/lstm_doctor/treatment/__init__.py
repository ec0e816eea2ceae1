"""Treatment: apply the remedies the diagnosis prescribes, keep what helps on validation."""

from lstm_doctor.treatment.heal import HealStep, heal_loop
from lstm_doctor.treatment.policy import Prescription, prescribe

__all__ = ["HealStep", "Prescription", "heal_loop", "prescribe"]
