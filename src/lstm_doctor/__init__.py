"""lstm-doctor: LSTM forecasters that generalize, and the diagnosis of why they do not."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from lstm_doctor.errors import (
    ArtifactError,
    ConfigError,
    DataError,
    LstmDoctorError,
    NotFittedError,
    TrainingError,
)

try:
    __version__ = version("lstm-doctor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"


def __getattr__(name: str) -> Any:  # lazy: importing the package must not import torch
    if name in ("Forecaster", "SequenceClassifier", "SequenceRegressor", "heal", "tune"):
        from lstm_doctor import api

        return getattr(api, name)
    raise AttributeError(f"module 'lstm_doctor' has no attribute {name!r}")


__all__ = [
    "ArtifactError",
    "ConfigError",
    "DataError",
    "Forecaster",
    "LstmDoctorError",
    "NotFittedError",
    "SequenceClassifier",
    "SequenceRegressor",
    "TrainingError",
    "__version__",
    "heal",
    "tune",
]
