"""Tests for lstm_doctor.data.demo: the built-in demo series."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lstm_doctor.config import DataConfig
from lstm_doctor.data.demo import make_demo_frame
from lstm_doctor.data.prepare import prepare
from lstm_doctor.data.validate import validate_frame


def test_shape_columns_and_hourly_time():
    frame = make_demo_frame()
    assert list(frame.columns) == ["time", "load", "temperature"]
    assert len(frame) == 24 * 240
    assert frame["time"].iloc[0] == pd.Timestamp("2024-01-01")
    assert (frame["time"].diff().dropna() == pd.Timedelta(hours=1)).all()
    assert np.isfinite(frame[["load", "temperature"]].to_numpy()).all()


def test_length_is_a_parameter():
    assert len(make_demo_frame(n_hours=100)) == 100


def test_seeded():
    pd.testing.assert_frame_equal(make_demo_frame(500, seed=3), make_demo_frame(500, seed=3))
    assert not make_demo_frame(500, seed=3)["load"].equals(make_demo_frame(500, seed=4)["load"])


def test_regime_change_raises_the_level_and_the_daily_swing():
    frame = make_demo_frame()
    cut = int(0.8 * len(frame))
    before, after = frame["load"].iloc[cut - 24 * 28 : cut], frame["load"].iloc[cut : cut + 24 * 28]
    assert after.mean() > before.mean() + 1.0
    assert after.std() > before.std()


def test_has_a_daily_cycle():
    load = make_demo_frame()["load"].to_numpy()
    load = load - load.mean()
    lag = {k: np.corrcoef(load[:-k], load[k:])[0, 1] for k in (12, 24)}
    assert lag[24] > 0.5 > lag[12]


def test_passes_validation_and_prepares_with_defaults():
    config = DataConfig(target="load", time="time", covariates="temperature")
    prepared = prepare(validate_frame(make_demo_frame(), config), config)
    assert prepared.panel.columns == ("load", "temperature")
    assert len(prepared.windows("train")) > 0
    assert len(prepared.windows("test")) > 0
