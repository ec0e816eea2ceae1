"""Tests for lstm_doctor.data.validate: the Panel it builds and every DataError it raises."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstm_doctor.config import DataConfig
from lstm_doctor.data.validate import Panel, validate_frame
from lstm_doctor.errors import DataError


def _frame(n: int = 6) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "time": pd.date_range("2024-01-01", periods=n, freq="h").astype(str),
            "y": np.arange(n, dtype=np.float64) ** 2,
            "x": np.arange(n, dtype=np.float64) * -1.0,
        }
    )


def _panel_frame() -> pd.DataFrame:
    """Two series, interleaved rows: 'a' at rows 0, 2, 4 and 'b' at rows 1, 3, 5."""
    return pd.DataFrame(
        {
            "id": ["a", "b", "a", "b", "a", "b"],
            "time": [
                "2024-01-01",
                "2024-01-03",
                "2024-01-02",
                "2024-01-04",
                "2024-01-03",
                "2024-01-05",
            ],
            "y": [1.0, 10.0, 2.0, 20.0, 3.0, 40.0],
        }
    )


# ------------------------------------------------------------------------------ the Panel
def test_single_series_panel():
    frame = _frame()
    panel = validate_frame(frame, DataConfig(target="y", time="time", covariates="x"))
    assert isinstance(panel, Panel)
    assert panel.columns == ("y", "x")
    assert panel.n_targets == 1
    assert panel.values.dtype == np.float64
    assert panel.values.flags.c_contiguous
    np.testing.assert_array_equal(panel.values, frame[["y", "x"]].to_numpy())
    np.testing.assert_array_equal(panel.offsets, [0, 6])
    assert panel.series_ids == ("0",)
    assert panel.n_series == 1
    np.testing.assert_array_equal(panel.series_lengths(), [6])
    np.testing.assert_array_equal(panel.source_rows, np.arange(6))
    assert np.issubdtype(panel.time.dtype, np.datetime64)
    assert panel.time[1] == np.datetime64("2024-01-01T01:00", "ns")


def test_targets_come_first_in_config_order():
    frame = _frame().assign(z=np.arange(6.0) + 0.5)
    panel = validate_frame(frame, DataConfig(target=("z", "y"), covariates="x"))
    assert panel.columns == ("z", "y", "x")
    assert panel.n_targets == 2
    np.testing.assert_array_equal(panel.values, frame[["z", "y", "x"]].to_numpy())
    assert panel.time is None


def test_id_column_groups_series_in_order_of_first_appearance():
    frame = _panel_frame()
    panel = validate_frame(frame, DataConfig(target="y", time="time", id="id"))
    assert panel.series_ids == ("a", "b")
    np.testing.assert_array_equal(panel.offsets, [0, 3, 6])
    np.testing.assert_array_equal(panel.values[:, 0], [1.0, 2.0, 3.0, 10.0, 20.0, 40.0])
    np.testing.assert_array_equal(panel.source_rows, [0, 2, 4, 1, 3, 5])
    np.testing.assert_array_equal(panel.series_of_rows(), [0, 0, 0, 1, 1, 1])
    # source_rows maps each panel row back to the input frame
    np.testing.assert_array_equal(panel.values[:, 0], frame["y"].to_numpy()[panel.source_rows])


def test_numeric_time_column():
    frame = _frame().assign(step=[0.0, 1.0, 2.5, 3.0, 7.0, 8.0])
    panel = validate_frame(frame, DataConfig(target="y", time="step"))
    assert panel.time.dtype == np.float64
    np.testing.assert_array_equal(panel.time, frame["step"].to_numpy())


def test_timezone_aware_times_become_naive_utc():
    frame = _frame(3).assign(
        time=["2024-01-01 01:00+01:00", "2024-01-01 02:00+01:00", "2024-01-01 03:00+01:00"]
    )
    panel = validate_frame(frame, DataConfig(target="y", time="time"))
    assert panel.time[0] == np.datetime64("2024-01-01T00:00", "ns")


def test_bool_and_numeric_string_columns_become_floats():
    frame = _frame(4).assign(flag=[True, False, True, True], s=["1.5", "2", "3e1", "-4"])
    panel = validate_frame(frame, DataConfig(target="y", covariates=("flag", "s")))
    np.testing.assert_array_equal(panel.values[:, 1], [1.0, 0.0, 1.0, 1.0])
    np.testing.assert_array_equal(panel.values[:, 2], [1.5, 2.0, 30.0, -4.0])


# -------------------------------------------------------------------------- missing columns
@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"target": "nope"},
            r"Target column 'nope' is not in the data\. .*time, y, x\. Fix the --target",
        ),
        (
            {"target": "y", "covariates": "nope"},
            r"Covariate column 'nope' is not in the data\. .*--covariate",
        ),
        ({"target": "y", "time": "nope"}, r"Time column 'nope' is not in the data\. .*--time"),
        ({"target": "y", "id": "nope"}, r"Id column 'nope' is not in the data\. .*--id"),
    ],
)
def test_missing_column_of_each_role(settings, message):
    with pytest.raises(DataError, match=message):
        validate_frame(_frame(), DataConfig(**settings))


# ------------------------------------------------------------------------ non-numeric values
def test_non_numeric_value_names_column_and_row():
    frame = _frame().astype({"x": object})
    frame.loc[3, "x"] = "n/a"
    frame.loc[5, "x"] = "?"
    with pytest.raises(
        DataError, match=r"Column 'x' must be numeric, but row 3 holds 'n/a' \(2 non-numeric"
    ):
        validate_frame(frame, DataConfig(target="y", covariates="x"))


def test_non_numeric_row_is_the_input_row_with_an_id_column():
    frame = _panel_frame().astype({"y": object})
    frame.loc[2, "y"] = "bad"  # series 'a', second row: panel row 1, input row 2
    with pytest.raises(DataError, match=r"Column 'y' must be numeric, but row 2 holds 'bad'"):
        validate_frame(frame, DataConfig(target="y", id="id"))


# ------------------------------------------------------------------------------ NaN and inf
@pytest.mark.parametrize(("bad", "kind"), [(np.nan, "NaN"), (np.inf, "inf"), (-np.inf, "inf")])
def test_nan_or_inf_without_fill(bad, kind):
    frame = _frame()
    frame.loc[2, "x"] = bad
    with pytest.raises(
        DataError,
        match=rf"Column 'x' has a missing or infinite value \({kind}\) at row 2 \(1 in that "
        r"column\).*--fill ffill or --fill interpolate",
    ):
        validate_frame(frame, DataConfig(target="y", covariates="x"))


def test_nan_row_is_the_input_row_with_an_id_column():
    frame = _panel_frame()
    frame.loc[3, "y"] = np.nan  # series 'b', panel row 4
    with pytest.raises(
        DataError, match=r"Column 'y' has a missing or infinite value \(NaN\) at row 3"
    ):
        validate_frame(frame, DataConfig(target="y", id="id"))


def test_ffill_repairs_nan_and_inf():
    frame = _frame()
    frame.loc[2, "y"] = np.nan
    frame.loc[3, "y"] = np.inf
    frame.loc[4, "x"] = np.nan
    panel = validate_frame(frame, DataConfig(target="y", covariates="x", fill="ffill"))
    np.testing.assert_array_equal(panel.values[:, 0], [0.0, 1.0, 1.0, 1.0, 16.0, 25.0])
    np.testing.assert_array_equal(panel.values[:, 1], [0.0, -1.0, -2.0, -3.0, -3.0, -5.0])


def test_interpolate_repairs_linearly_and_at_both_ends():
    frame = _frame()
    frame["y"] = [np.nan, 1.0, np.nan, np.nan, 4.0, np.nan]
    panel = validate_frame(frame, DataConfig(target="y", fill="interpolate"))
    np.testing.assert_allclose(panel.values[:, 0], [1.0, 1.0, 2.0, 3.0, 4.0, 4.0])


def test_ffill_fails_on_leading_nan():
    frame = _frame()
    frame.loc[0, "x"] = np.nan
    with pytest.raises(
        DataError,
        match=r"Column 'x' starts with missing values \(row 0\) that --fill ffill cannot fill",
    ):
        validate_frame(frame, DataConfig(target="y", covariates="x", fill="ffill"))


def test_ffill_does_not_carry_values_across_series():
    frame = _panel_frame()
    frame.loc[1, "y"] = np.nan  # first row of series 'b': nothing before it in its series
    with pytest.raises(DataError, match=r"Column 'y' starts with missing values \(row 1\)"):
        validate_frame(frame, DataConfig(target="y", id="id", fill="ffill"))


def test_interpolate_does_not_mix_series():
    frame = _panel_frame()
    frame.loc[1, "y"] = np.nan  # series 'b' is 10, 20, 40: back-filled from its own 20
    panel = validate_frame(frame, DataConfig(target="y", id="id", fill="interpolate"))
    np.testing.assert_array_equal(panel.values[:, 0], [1.0, 2.0, 3.0, 20.0, 20.0, 40.0])


def test_interpolate_fails_on_a_column_without_values():
    frame = _frame().assign(x=np.nan)
    with pytest.raises(DataError, match=r"Column 'x' has no values at all .* row 0"):
        validate_frame(frame, DataConfig(target="y", covariates="x", fill="interpolate"))


# ------------------------------------------------------------------------------------- time
def test_unparsable_time():
    frame = _frame()
    frame.loc[4, "time"] = "yesterday"
    with pytest.raises(
        DataError, match=r"Time column 'time' has a value that is not a date at row 4: 'yesterday'"
    ):
        validate_frame(frame, DataConfig(target="y", time="time"))


def test_unparsable_time_row_is_the_input_row_with_an_id_column():
    frame = _panel_frame()
    frame.loc[2, "time"] = "not a date"  # series 'a', panel row 1
    with pytest.raises(DataError, match=r"not a date at row 2: 'not a date'"):
        validate_frame(frame, DataConfig(target="y", time="time", id="id"))


@pytest.mark.parametrize("numeric", [False, True])
def test_empty_time(numeric):
    frame = _frame()
    if numeric:
        frame["time"] = np.arange(6.0)
    frame.loc[1, "time"] = None
    with pytest.raises(
        DataError, match=r"Time column 'time' is empty at row 1; every row needs a time"
    ):
        validate_frame(frame, DataConfig(target="y", time="time"))


def test_empty_id():
    frame = _panel_frame()
    frame.loc[3, "id"] = None
    with pytest.raises(DataError, match=r"Id column 'id' is empty at row 3"):
        validate_frame(frame, DataConfig(target="y", id="id"))


def test_duplicate_timestamp():
    frame = _frame()
    frame.loc[3, "time"] = frame.loc[2, "time"]
    with pytest.raises(
        DataError,
        match=r"Time column 'time' has a duplicate timestamp 2024-01-01T02:00.* at rows 2 and 3\. "
        r".*--id",
    ):
        validate_frame(frame, DataConfig(target="y", time="time"))


def test_duplicate_timestamp_in_one_series():
    frame = _panel_frame()
    frame.loc[3, "time"] = frame.loc[1, "time"]  # series 'b': input rows 1 and 3
    with pytest.raises(DataError, match=r"duplicate timestamp .* in series 'b' at rows 1 and 3"):
        validate_frame(frame, DataConfig(target="y", time="time", id="id"))


def test_same_timestamps_in_different_series_are_fine():
    frame = _panel_frame()
    frame["time"] = [
        "2024-01-01",
        "2024-01-01",
        "2024-01-02",
        "2024-01-02",
        "2024-01-03",
        "2024-01-03",
    ]
    panel = validate_frame(frame, DataConfig(target="y", time="time", id="id"))
    np.testing.assert_array_equal(panel.offsets, [0, 3, 6])


def test_unsorted_timestamp():
    frame = _frame()
    frame.loc[[1, 2], "time"] = frame.loc[[2, 1], "time"].to_numpy()
    with pytest.raises(
        DataError,
        match=r"Time column 'time' is not increasing: row 1 \(2024-01-01T02:00.*\) comes before "
        r"row 2 \(2024-01-01T01:00.*\)\. Sort the data by time",
    ):
        validate_frame(frame, DataConfig(target="y", time="time"))


def test_unsorted_timestamp_per_series():
    frame = _panel_frame()
    frame.loc[[3, 5], "time"] = ["2024-01-09", "2024-01-08"]  # 'b' goes back in time
    with pytest.raises(
        DataError, match=r"is not increasing in series 'b': row 3 \(.*\) comes before row 5"
    ):
        validate_frame(frame, DataConfig(target="y", time="time", id="id"))


def test_interleaved_series_are_each_checked_on_their_own():
    # The whole time column goes back and forth, but each series is sorted.
    panel = validate_frame(_panel_frame(), DataConfig(target="y", time="time", id="id"))
    assert panel.n_series == 2


def test_unsorted_numeric_time():
    frame = _frame().assign(step=[0, 1, 2, 5, 4, 6])
    with pytest.raises(
        DataError, match=r"Time column 'step' is not increasing: row 3 \(5\.0\) comes before row 4"
    ):
        validate_frame(frame, DataConfig(target="y", time="step"))


# --------------------------------------------------------------------------- constant target
def test_constant_target():
    frame = _frame().assign(y=5.0)
    with pytest.raises(
        DataError, match=r"Target column 'y' is constant \(5\): there is nothing to forecast"
    ):
        validate_frame(frame, DataConfig(target="y"))


def test_constant_target_in_one_series():
    frame = _panel_frame()
    frame.loc[[1, 3, 5], "y"] = 7.0
    with pytest.raises(DataError, match=r"Target column 'y' is constant \(7\) in series 'b'"):
        validate_frame(frame, DataConfig(target="y", id="id"))


def test_constant_covariate_is_allowed():
    panel = validate_frame(_frame().assign(x=3.0), DataConfig(target="y", covariates="x"))
    np.testing.assert_array_equal(panel.values[:, 1], 3.0)


def test_values_beyond_float32_are_a_data_error_naming_the_column() -> None:
    frame = pd.DataFrame({"y": np.r_[np.arange(50.0), 1e308, -1e308]})
    with pytest.raises(DataError, match=r"Column 'y' of the data spans .* rescale it"):
        validate_frame(frame, DataConfig(target=("y",)))


def test_a_one_row_file_is_called_short_not_constant() -> None:
    with pytest.raises(DataError, match=r"The data has 1 row: too short to forecast"):
        validate_frame(pd.DataFrame({"y": [1.0]}), DataConfig(target=("y",)))
