"""Shared fixtures: small, seeded data that trains in a second on CPU."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstm_doctor.data import make_demo_frame
from postgres_server import postgres_url  # noqa: F401  (a fixture: the PostgreSQL server)


@pytest.fixture(autouse=True)
def _few_threads():
    """Keep tests reproducible and polite on a shared 2-core machine: one torch thread, and
    no thread choice left behind by an earlier test's ``--threads`` (``set_threads`` records
    the user's choice for the whole process)."""
    from lstm_doctor.training import threads as thread_policy

    threads, chosen = torch.get_num_threads(), thread_policy._chosen
    torch.set_num_threads(1)
    thread_policy._chosen = None
    yield
    torch.set_num_threads(threads)
    thread_policy._chosen = chosen


@pytest.fixture(autouse=True)
def _no_html_reports(monkeypatch):
    """CLI runs skip their HTML report (seconds of plotting each) unless a test passes
    --report; the report's own tests do."""
    monkeypatch.setenv("LSTM_DOCTOR_REPORT", "0")


@pytest.fixture
def demo_frame() -> pd.DataFrame:
    return make_demo_frame(n_hours=1200, seed=1)


@pytest.fixture
def panel_frame() -> pd.DataFrame:
    """Two series of different lengths in one long frame, interleaved rows."""
    rng = np.random.default_rng(3)
    parts = []
    for sid, n, level in (("a", 400, 10.0), ("b", 300, -5.0)):
        t = np.arange(n)
        y = level + np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.1, n)
        parts.append(
            pd.DataFrame(
                {
                    "sid": sid,
                    "time": pd.date_range("2024-01-01", periods=n, freq="h"),
                    "y": y,
                    "x": rng.normal(size=n),
                }
            )
        )
    return pd.concat(parts).sort_values(["time", "sid"]).reset_index(drop=True)
