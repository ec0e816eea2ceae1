"""Small frames with and without each data problem, and the asserts every check's tests
share (used by the test_*_checks.py files and test_checks.py)."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd

from lstm_doctor.config import DataConfig, ModelConfig
from lstm_doctor.data import validate_frame
from lstm_doctor.data.prepare import Prepared, prepare
from lstm_doctor.diagnosis.checks import CHECKS, check_data
from lstm_doctor.diagnosis.findings import Finding

SETTINGS = {f.name for cls in (DataConfig, ModelConfig) for f in dataclasses.fields(cls)}


def make_frame(n: int = 300, seed: int = 0, **columns: np.ndarray) -> pd.DataFrame:
    """Hourly ``y`` (a daily cycle plus AR(1) noise) and an unrelated covariate ``x``."""
    rng = np.random.default_rng(seed)
    noise = np.zeros(n)
    for t in range(1, n):
        noise[t] = 0.7 * noise[t - 1] + rng.normal(0, 0.3)
    y = 10 + np.sin(2 * np.pi * np.arange(n) / 24) + noise
    base = {
        "time": pd.date_range("2024-01-01", periods=n, freq="h"),
        "y": y,
        "x": rng.normal(5, 2, n),
    }
    return pd.DataFrame(base | columns)


def prepare_frame(frame: pd.DataFrame, **settings) -> Prepared:
    base = {"target": "y", "covariates": ["x"], "time": "time", "lookback": 8, "horizon": 4}
    config = DataConfig(**(base | settings))
    return prepare(validate_frame(frame, config), config)


def findings_of(findings: list[Finding], check: str) -> list[Finding]:
    return [f for f in findings if f.evidence["check"] == check]


def run_check(frame: pd.DataFrame, check: str, **settings) -> list[Finding]:
    return findings_of(check_data(frame, prepare_frame(frame, **settings)), check)


def assert_well_formed(findings: list[Finding], config: DataConfig | None = None) -> None:
    """Every finding names its check, has remedies and plain-JSON evidence; with ``config``
    (the one the data was prepared with), no remedy's change repeats the current settings."""
    for finding in findings:
        assert finding.evidence["check"] in CHECKS
        leak = finding.kind == "leakage"
        assert finding.kind in ("leakage", "data_issue")
        assert (finding.severity == "critical") == leak or finding.evidence["check"] in (
            "prescaled_file",  # a warning when a refitted scaler undoes the pre-scaling
        )
        assert finding.remedies
        for remedy in finding.remedies:
            # An empty change means no setting to change: the reason says what to do instead.
            assert set(remedy.change) <= SETTINGS
            assert remedy.reason.endswith(".")
            if remedy.change and config is not None:
                assert any(getattr(config, k, None) != v for k, v in remedy.change.items())
        json.dumps(finding.to_dict())  # evidence is plain JSON
