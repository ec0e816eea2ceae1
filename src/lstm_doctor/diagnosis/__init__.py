"""Diagnosis: baselines (and, later, curve and leakage findings) on a History and the data."""

from lstm_doctor.diagnosis.baselines import BASELINES, baseline_forecasts, detect_season

__all__ = ["BASELINES", "baseline_forecasts", "detect_season"]
