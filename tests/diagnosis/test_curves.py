"""Curve statistics and the edges of curve diagnosis (short, flat, NaN runs)."""

from __future__ import annotations

import numpy as np
import pytest
from curve_histories import history, kinds

from lstm_doctor.diagnosis.curves import curve_stats


@pytest.mark.parametrize("n", [0, 1, 2, 4])
def test_very_short_runs_do_not_crash_or_guess(n) -> None:
    train, val = list(np.geomspace(1.0, 0.5, n)), list(np.geomspace(1.0, 0.6, n))
    found = kinds(history(train, val))
    assert found <= {"val_below_train"}  # too few epochs for any trend finding


def test_flat_curves() -> None:
    h = history([0.5] * 12, [0.5] * 12)
    assert kinds(h) == {"underfitting"}  # from the curves alone: a loss that never moved
    assert curve_stats(h).noise_val > 0  # the noise floor, not zero
