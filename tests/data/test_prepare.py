"""Tests for lstm_doctor.data.prepare: split, scale on training rows only, cut windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstm_doctor.config import DataConfig
from lstm_doctor.data.load import read_table
from lstm_doctor.data.prepare import Prepared, apply_scaler, prepare
from lstm_doctor.data.validate import validate_frame
from lstm_doctor.errors import DataError

ETTH1 = Path(__file__).parents[2] / ".." / "shared" / "data" / "ETTh1.csv"


def _frame(lengths: dict[str, int], seed: int = 0) -> pd.DataFrame:
    """Series with an id column, hourly times, a target ``y`` and a covariate ``x``."""
    rng = np.random.default_rng(seed)
    parts = []
    for i, (sid, n) in enumerate(lengths.items()):
        parts.append(
            pd.DataFrame(
                {
                    "id": sid,
                    "time": pd.date_range("2024-01-01", periods=n, freq="h"),
                    "y": 10.0 * (i + 1) + rng.normal(0, i + 1, n).cumsum(),
                    "x": rng.normal(i, 2.0, n),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _config(**settings) -> DataConfig:
    base = {
        "target": "y",
        "covariates": "x",
        "time": "time",
        "id": "id",
        "lookback": 5,
        "horizon": 3,
    }
    return DataConfig(**(base | settings))


def _prepared(frame: pd.DataFrame, config: DataConfig) -> Prepared:
    return prepare(validate_frame(frame, config), config)


# -------------------------------------------------------------------------------- scaler
@pytest.mark.parametrize("split", ["0.6,0.2,0.2", "30,10,10"])
def test_scaler_statistics_are_those_of_each_series_training_rows(split):
    frame = _frame({"a": 60, "b": 50})
    prepared = _prepared(frame, _config(split=split))
    for s, sid in enumerate(("a", "b")):
        b0 = prepared.bounds[s, 0]
        rows = frame.loc[frame["id"] == sid, ["y", "x"]].to_numpy()[:b0]  # computed here, apart
        np.testing.assert_allclose(prepared.scaler.center[s], rows.mean(axis=0), rtol=1e-12)
        np.testing.assert_allclose(prepared.scaler.scale[s], rows.std(axis=0), rtol=1e-12)
    assert prepared.scaler.columns == ("y", "x")
    assert prepared.scaler.series_ids == ("a", "b")


def test_changing_val_and_test_rows_does_not_change_the_scaler():
    frame = _frame({"a": 60, "b": 50})
    config = _config(split="0.6,0.2,0.2")
    before = _prepared(frame, config)
    changed = frame.copy()
    for s, sid in enumerate(("a", "b")):
        rows = np.flatnonzero(changed["id"] == sid)[before.bounds[s, 0] :]
        changed.loc[rows, ["y", "x"]] = np.random.default_rng(s).normal(1e3, 1e2, (len(rows), 2))
    after = _prepared(changed, config)
    np.testing.assert_array_equal(after.bounds, before.bounds)
    np.testing.assert_array_equal(after.scaler.center, before.scaler.center)
    np.testing.assert_array_equal(after.scaler.scale, before.scaler.scale)
    # the training windows see exactly the same scaled training rows
    for s in range(2):
        start, b0 = before.panel.offsets[s], before.bounds[s, 0]
        torch.testing.assert_close(after.data[start : start + b0], before.data[start : start + b0])


def test_data_is_the_panel_scaled_as_float32():
    prepared = _prepared(_frame({"a": 60, "b": 50}), _config(scaler="minmax"))
    assert prepared.data.dtype == torch.float32
    assert prepared.data.shape == (110, 2)
    expected = prepared.scaler.transform(prepared.panel.values, prepared.panel.series_of_rows())
    np.testing.assert_allclose(prepared.data.numpy(), expected, rtol=1e-6)
    np.testing.assert_array_equal(prepared.scaler_index, [0, 1])


def test_a_given_scaler_is_applied_as_it_is():
    config = _config()
    fitted = _prepared(_frame({"a": 60, "b": 50}), config)
    new = _frame({"b": 40, "a": 45}, seed=7)  # other values, other series order
    prepared = prepare(validate_frame(new, config), config, scaler=fitted.scaler)
    assert prepared.scaler is fitted.scaler
    np.testing.assert_array_equal(prepared.scaler_index, [1, 0])
    b_rows = prepared.panel.values[:40]  # 'b' comes first in the new panel
    expected = (b_rows - fitted.scaler.center[1]) / fitted.scaler.scale[1]
    np.testing.assert_allclose(prepared.data[:40].numpy(), expected, rtol=1e-6)


def test_apply_scaler_with_other_columns():
    fitted = _prepared(_frame({"a": 60}), _config())
    other = _config(covariates=())
    panel = validate_frame(_frame({"a": 60}), other)
    with pytest.raises(
        DataError, match=r"The data has columns \['y'\] but the model was fitted on \['y', 'x'\]"
    ):
        apply_scaler(panel, fitted.scaler)


def test_apply_scaler_to_an_unknown_series():
    config = _config()
    fitted = _prepared(_frame({"a": 60, "b": 50}), config)
    panel = validate_frame(_frame({"a": 60, "c": 50}), config)
    with pytest.raises(
        DataError, match=r"Series 'c' was not in the training data, so .*known series: a, b\)"
    ):
        prepare(panel, config, scaler=fitted.scaler)


def test_unknown_series_message_lists_at_most_five_known_series():
    config = _config()
    fitted = _prepared(_frame({f"s{i}": 30 for i in range(7)}), config)
    panel = validate_frame(_frame({"new": 30}), config)
    with pytest.raises(DataError, match=r"known series: s0, s1, s2, s3, s4, \.\.\.\)"):
        apply_scaler(panel, fitted.scaler)


def test_split_errors_surface_from_prepare():
    config = _config(split="50,10,10")
    with pytest.raises(DataError, match=r"needs 70 rows but series 'b' has 50"):
        _prepared(_frame({"a": 80, "b": 50}), config)


def test_a_series_without_training_rows():
    frame = _frame({"a": 60, "b": 50})
    frame.loc[frame["id"] == "b", "time"] += pd.Timedelta(days=30)  # 'b' starts after val does
    config = _config(split="2024-01-02,2024-01-03")
    with pytest.raises(DataError, match=r"Series 'b' has no rows in the train split '2024-01-02"):
        _prepared(frame, config)


def test_a_given_scaler_needs_no_training_rows():
    config = _config(split="2024-01-02,2024-01-03")
    fitted = _prepared(_frame({"a": 60}), config)
    late = _frame({"a": 60}).assign(time=lambda f: f["time"] + pd.Timedelta(days=30))
    prepared = prepare(validate_frame(late, config), config, scaler=fitted.scaler)
    np.testing.assert_array_equal(prepared.bounds, [[0, 0, 60]])
    assert len(prepared.windows("all")) == 60 - 8 + 1


# -------------------------------------------------------------------------------- windows
def test_windows_of_each_split_follow_the_bounds():
    prepared = _prepared(_frame({"a": 60, "b": 50}), _config(split="30,10,10", stride=2, embargo=1))
    # first targets, per series: train 5..27 every 2nd; val 31..37; test 41..47 (embargo 1)
    counts = {"train": (27 - 5) // 2 + 1, "val": 37 - 31 + 1, "test": 47 - 41 + 1}
    for split, n in counts.items():
        windows = prepared.windows(split)
        assert len(windows) == 2 * n
        assert windows.data is prepared.data  # all splits share one tensor
        np.testing.assert_array_equal(np.bincount(windows.series.numpy()), [n, n])
    val = prepared.windows("val").starts.numpy()
    assert val[0] + 5 == 31  # embargo 1 after b0 = 30
    assert prepared.windows("test").starts.numpy()[0] + 5 == 41  # and after b1 = 40
    # stride only thins the training windows; val and test use every window
    assert np.all(np.diff(prepared.windows("train").starts.numpy()[: counts["train"]]) == 2)
    assert np.all(np.diff(val[: counts["val"]]) == 1)


def test_all_windows_cover_every_series_end_to_end():
    prepared = _prepared(_frame({"a": 60, "b": 50}), _config(split="30,10,10", stride=3, embargo=2))
    windows = prepared.windows("all")
    assert len(windows) == (60 - 8 + 1) + (50 - 8 + 1)  # stride and embargo do not apply
    _, targets = windows.batch(slice(-1, None))
    torch.testing.assert_close(targets[0], prepared.data[-3:, :1])


def test_windows_of_an_unknown_split():
    prepared = _prepared(_frame({"a": 60}), _config())
    with pytest.raises(ValueError, match=r"unknown split 'valid'"):
        prepared.windows("valid")


def test_windows_of_a_split_too_short_for_the_horizon():
    prepared = _prepared(_frame({"a": 60, "b": 50}), _config(split="40,2,5"))
    with pytest.raises(
        DataError, match=r"Series 'a' is too short for lookback 5 \+ horizon 3 in the val split"
    ):
        prepared.windows("val")


def test_train_targets_scaled_and_original():
    frame = _frame({"a": 60, "b": 50})
    prepared = _prepared(frame, _config(split="0.5,0.25,0.25"))
    original = prepared.train_targets(scaled=False)
    scaled = prepared.train_targets(scaled=True)
    assert [len(t) for t in original] == [30, 25]
    np.testing.assert_array_equal(
        original[1][:, 0], frame.loc[frame["id"] == "b", "y"].to_numpy()[:25]
    )
    np.testing.assert_allclose(scaled[0][:, 0].mean(), 0.0, atol=1e-5)
    np.testing.assert_allclose(scaled[1][:, 0].std(), 1.0, rtol=1e-5)


# ------------------------------------------------------------------------------ real data
@pytest.mark.skipif(not ETTH1.exists(), reason=f"{ETTH1} is not here")
def test_etth1_scaler_and_naive_baseline():
    config = DataConfig(target="OT", time="date", split="8640,2880,2880", lookback=96, horizon=24)
    prepared = prepare(validate_frame(read_table(ETTH1), config), config)
    np.testing.assert_array_equal(prepared.bounds, [[8640, 11520, 14400]])
    assert round(float(prepared.scaler.center[0, 0]), 3) == 17.128
    assert round(float(prepared.scaler.scale[0, 0]), 3) == 9.176
    windows = prepared.windows("test")
    assert len(windows) == 2880 - 24 + 1
    data = prepared.data.numpy()
    starts = windows.starts.numpy()
    inputs = data[starts[:, None] + np.arange(96), 0]  # (windows, lookback), scaled OT
    targets = data[starts[:, None] + 96 + np.arange(24), 0]  # (windows, horizon)
    mse = float(np.mean((targets - inputs[:, -1:]) ** 2))  # repeat the last input value
    assert round(mse, 4) == 0.0343
