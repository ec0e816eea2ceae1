"""Data and pipeline checks: leaks between splits, and data a model cannot learn well from.

``check_data`` reads the user's frame and what ``prepare`` made of it and returns one
``Finding`` per problem. Leaks (kind ``leakage``) are checked, not assumed: the checks of the
pipeline's own guarantees (targets in one split only, windows inside one series, a scaler of
training rows) recompute what the pipeline should have done and compare. Data issues (kind
``data_issue``) say what will make training or its evaluation unreliable.

The checks live in ``pipeline_checks`` (the pipeline's guarantees), ``file_checks`` (leaks the
file carries), ``time_checks`` (rows out of order, covariates from the future) and
``data_checks`` (data issues). Every threshold has a reason that does not depend on any one
dataset: float precision, sampling error under "no effect", or a property of the Gaussian.
Statistical bands use three standard errors, as ``baselines`` does for seasonal peaks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.data.split import SPLITS
from lstm_doctor.diagnosis.data_checks import (
    check_near_constant,
    check_outliers,
    check_small_split,
)
from lstm_doctor.diagnosis.file_checks import check_duplicate_windows, check_prescaled_file
from lstm_doctor.diagnosis.findings import Finding
from lstm_doctor.diagnosis.pipeline_checks import (
    check_scaler_not_train_only,
    check_target_in_two_splits,
    check_window_crosses_series,
)
from lstm_doctor.diagnosis.spacing import check_irregular_spacing
from lstm_doctor.diagnosis.time_checks import check_future_covariate, check_shuffled_time
from lstm_doctor.errors import DataError

__all__ = ["CHECKS", "check_data"]

CHECKS = (
    "target_in_two_splits",
    "window_crosses_series",
    "scaler_not_train_only",
    "prescaled_file",
    "shuffled_time",
    "duplicate_windows",
    "future_covariate",
    "small_split",
    "near_constant",
    "outliers",
    "irregular_spacing",
)


def check_data(frame: pd.DataFrame, prepared: Prepared) -> list[Finding]:
    """Run every check in ``CHECKS`` and return one Finding per problem found.

    Findings come in ``CHECKS`` order (``rank_findings`` orders them by importance); each
    has ``evidence["check"]``, the numbers that show the problem and at least one remedy.

    Args:
        frame: the user's DataFrame as read (before validation).
        prepared: ``prepare(validate_frame(frame, config), config)``, with a scaler fitted on
            this data (a loaded model's scaler would fail ``scaler_not_train_only``).
    """
    starts = _split_starts(prepared)
    return [
        *check_target_in_two_splits(prepared, starts),
        *check_window_crosses_series(prepared, starts),
        *check_scaler_not_train_only(prepared),
        *check_prescaled_file(prepared),
        *check_shuffled_time(frame, prepared),
        *check_duplicate_windows(prepared, starts),
        *check_future_covariate(prepared),
        *check_small_split(prepared, starts),
        *check_near_constant(prepared),
        *check_outliers(prepared),
        *check_irregular_spacing(prepared),
    ]


def _split_starts(prepared: Prepared) -> dict[str, np.ndarray]:
    """Window starts of each split; an empty array where the split has no complete window."""
    out = {}
    for split in SPLITS:
        try:
            out[split] = prepared.windows(split).starts.numpy()
        except DataError:  # too short a split: small_split reports it
            out[split] = np.empty(0, dtype=np.int64)
    return out
