"""One error hierarchy for the whole package.

Every error a user can cause is an ``LstmDoctorError``; the CLI prints its message as one
line and exits with status 2. A message says what went wrong, where (column, row, setting,
file), what was expected, what was found, and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "ArtifactError",
    "ConfigError",
    "DataError",
    "LstmDoctorError",
    "NotFittedError",
    "TrainingError",
]


class LstmDoctorError(Exception):
    """Base class of every error lstm-doctor raises on purpose."""


class DataError(LstmDoctorError, ValueError):
    """The input data cannot be used as given (missing column, NaN, unsorted time, ...)."""


class ConfigError(LstmDoctorError, ValueError):
    """A setting is out of range, unknown, or inconsistent with another one."""


class NotFittedError(LstmDoctorError, AttributeError):
    """An estimator was used before ``fit`` (or ``load``)."""


class ArtifactError(LstmDoctorError, OSError):
    """A run directory is missing, incomplete, corrupt, or of an unsupported format."""


class TrainingError(LstmDoctorError, RuntimeError):
    """Training could not go on (for example: repeated non-finite losses)."""
