"""Tiny windows over a noisy sine: a 1x8 LSTM trains an epoch on them in milliseconds."""

from __future__ import annotations

import pytest
from sine_data import make_sine_windows

from lstm_doctor.data import Windows


@pytest.fixture
def sine_windows() -> tuple[Windows, Windows]:
    return make_sine_windows()
