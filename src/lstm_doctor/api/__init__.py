"""The estimators (``Forecaster``, ``SequenceClassifier``, ``SequenceRegressor``) and the
heal and tune wiring for each task, in the style of scikit-learn."""

from __future__ import annotations

from typing import Any

_PUBLIC = {  # name: module that holds it; imported when first asked for (torch is heavy)
    "Forecaster": "lstm_doctor.api.forecaster",
    "SequenceClassifier": "lstm_doctor.api.sequence_estimators",
    "SequenceRegressor": "lstm_doctor.api.sequence_estimators",
    "heal": "lstm_doctor.api.forecast_heal",
    "tune": "lstm_doctor.api.forecast_tune",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'lstm_doctor.api' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_PUBLIC[name]), name)
