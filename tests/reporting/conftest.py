"""A tiny real fit shared by the report's tests (seconds on one thread)."""

from __future__ import annotations

import pytest
import torch

from fast_settings import FAST
from lstm_doctor import Forecaster
from lstm_doctor.data import make_demo_frame


@pytest.fixture(scope="module")
def fitted(tmp_path_factory) -> tuple[Forecaster, object]:
    """A Forecaster fitted for 3 epochs on a short demo series saved as CSV, and the path."""
    torch.set_num_threads(1)
    path = tmp_path_factory.mktemp("data") / "demo.csv"
    make_demo_frame(n_hours=1200, seed=1).to_csv(path, index=False)
    forecaster = Forecaster(**FAST).fit(path, target="load", time="time", covariates="temperature")
    return forecaster, path
