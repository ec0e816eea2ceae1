"""Tests for lstm_doctor.data.split: parsing --split and per-series row bounds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_doctor.data.split import SPLITS, SplitSpec, check_split_dates, parse_split, split_bounds
from lstm_doctor.errors import ConfigError, DataError


def _offsets(lengths: list[int]) -> np.ndarray:
    return np.r_[0, np.cumsum(lengths)].astype(np.int64)


def _bounds(text: str, lengths: list[int], time: np.ndarray | None = None) -> np.ndarray:
    return split_bounds(parse_split(text), np.asarray(lengths), time, _offsets(lengths))


def test_split_names():
    assert SPLITS == ("train", "val", "test")


# ----------------------------------------------------------------------------- parse_split
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.7,0.1,0.2", SplitSpec("fractions", (0.7, 0.1, 0.2))),
        (" 0.6 , 0.2 , 0.1 ", SplitSpec("fractions", (0.6, 0.2, 0.1))),
        ("8640,2880,2880", SplitSpec("counts", (8640, 2880, 2880))),
        ("1,1,1", SplitSpec("counts", (1, 1, 1))),
        (
            "2017-06-26,2017-10-24",
            SplitSpec("dates", ("2017-06-26T00:00:00.000000000", "2017-10-24T00:00:00.000000000")),
        ),
        (
            "2017-06-26,2017-10-24,2018-01-01T12:00",
            SplitSpec(
                "dates",
                (
                    "2017-06-26T00:00:00.000000000",
                    "2017-10-24T00:00:00.000000000",
                    "2018-01-01T12:00:00.000000000",
                ),
            ),
        ),
    ],
)
def test_parse_split(text, expected):
    assert parse_split(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "is empty"),
        (" , ,", "is empty"),
        ("8640,2880", "must have three positive row counts"),
        ("0,2880,2880", "must have three positive row counts"),
        ("1,2,3,4", "must have three positive row counts"),
        ("0.7,0.3", "must have three fractions > 0 that sum to at most 1"),
        ("0.7,0.2,0.2", "must have three fractions > 0 that sum to at most 1"),
        ("0.0,0.5,0.5", "must have three fractions > 0 that sum to at most 1"),
        ("-0.1,0.5,0.5", "must have three fractions > 0 that sum to at most 1"),
        ("nan,0.1,0.2", "must have three fractions > 0 that sum to at most 1"),
        ("0.5,nan,0.2", "must have three fractions > 0 that sum to at most 1"),
        ("inf,0.1,0.2", "must have three fractions > 0 that sum to at most 1"),
        ("2017-01-01", "must have two or three dates"),
        ("2017-01-01,2017-02-01,2017-03-01,2017-04-01", "must have two or three dates"),
        ("soon,later", "has a value that is not a date"),
        ("²,1,1", "has a value that is not a date"),
        ("2017-10-24,2017-06-26", "must list dates in increasing order"),
        ("2017-06-26,2017-06-26", "must list dates in increasing order"),
    ],
)
def test_bad_split_strings(text, why):
    with pytest.raises(ConfigError, match=rf"The 'split' setting '.*' {why}.*Use fractions like"):
        parse_split(text)


@pytest.mark.parametrize("value", [0.7, None, (0.7, 0.1, 0.2)])
def test_split_must_be_a_string(value):
    with pytest.raises(ConfigError, match=r"The 'split' setting .* is not a string"):
        parse_split(value)


# ---------------------------------------------------------------------------- split_bounds
def test_fractions_that_sum_to_one_give_the_test_split_the_remainder():
    np.testing.assert_array_equal(
        _bounds("0.7,0.1,0.2", [1000, 99]), [[700, 800, 1000], [69, 78, 99]]
    )


def test_fractions_that_sum_to_less_than_one_leave_rows_unused():
    np.testing.assert_array_equal(_bounds("0.5,0.2,0.1", [100]), [[50, 70, 80]])


def test_counts_are_the_same_for_every_series():
    np.testing.assert_array_equal(_bounds("5,3,2", [10, 20]), [[5, 8, 10], [5, 8, 10]])


def test_ett_counts():
    np.testing.assert_array_equal(_bounds("8640,2880,2880", [17420]), [[8640, 11520, 14400]])


def test_counts_larger_than_a_series():
    with pytest.raises(
        DataError, match=r"The split 8640,2880,2880 needs 14400 rows but series 1 has 14000"
    ):
        _bounds("8640,2880,2880", [17420, 14000])


def test_dates_split_each_series_on_its_own_time():
    time_a = np.arange("2024-01-01", "2024-01-11", dtype="datetime64[D]").astype("datetime64[ns]")
    time_b = np.arange("2024-01-03", "2024-01-09", dtype="datetime64[D]").astype("datetime64[ns]")
    time = np.r_[time_a, time_b]
    # val starts on Jan 6, test on Jan 8: rows 5 and 7 of 'a', rows 3 and 5 of 'b'
    np.testing.assert_array_equal(
        _bounds("2024-01-06,2024-01-08", [10, 6], time), [[5, 7, 10], [3, 5, 6]]
    )
    # an end date: rows from Jan 9 on are unused
    np.testing.assert_array_equal(
        _bounds("2024-01-06,2024-01-08,2024-01-09", [10, 6], time), [[5, 7, 8], [3, 5, 6]]
    )


def test_date_split_without_a_time_column():
    with pytest.raises(DataError, match=r"A date split needs a datetime time column; pass --time"):
        _bounds("2024-01-06,2024-01-08", [10], None)


def test_date_split_with_a_numeric_time_column():
    with pytest.raises(DataError, match=r"A date split needs a datetime time column"):
        _bounds("2024-01-06,2024-01-08", [10], np.arange(10.0))


# ---------------------------------------------------------------------------- properties
@st.composite
def _fraction_text(draw):
    """Three fractions in percent, each >= 1, summing to at most 100."""
    p0 = draw(st.integers(1, 98))
    p1 = draw(st.integers(1, 99 - p0))
    p2 = draw(st.integers(1, 100 - p0 - p1))
    return f"{p0 / 100},{p1 / 100},{p2 / 100}", (p0 + p1 + p2) == 100


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    lengths=st.lists(st.integers(1, 500), min_size=1, max_size=4),
    fractions=_fraction_text(),
)
def test_fraction_bounds_are_ordered_and_inside_each_series(lengths, fractions):
    text, sums_to_one = fractions
    bounds = _bounds(text, lengths)
    assert bounds.shape == (len(lengths), 3)
    for (b0, b1, b2), n in zip(bounds, lengths, strict=True):
        assert 0 <= b0 <= b1 <= b2 <= n
        if sums_to_one:
            assert b2 == n


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    counts=st.tuples(st.integers(1, 50), st.integers(1, 50), st.integers(1, 50)),
    lengths=st.lists(st.integers(1, 200), min_size=1, max_size=4),
)
def test_count_bounds_are_exact_or_refused(counts, lengths):
    text = ",".join(map(str, counts))
    need = sum(counts)
    short = [s for s, n in enumerate(lengths) if n < need]
    if short:  # the first series that is too short is named
        s = short[0]
        with pytest.raises(
            DataError, match=rf"needs {need} rows but series {s!r} has {lengths[s]};"
        ):
            _bounds(text, lengths)
        return
    bounds = _bounds(text, lengths)
    expected = [counts[0], counts[0] + counts[1], need]
    np.testing.assert_array_equal(bounds, [expected] * len(lengths))


def test_split_dates_past_the_data_say_so() -> None:
    time = np.arange("2024-01-01", "2024-01-26", dtype="datetime64[h]").astype("datetime64[ns]")
    spec = parse_split("2024-01-20,2024-03-01")
    with pytest.raises(DataError, match=r"2024-03-01T00:00:00 \(where test starts\) is after the "
                       r"last timestamp 2024-01-25T23:00:00: test would be empty"):  # fmt: skip
        check_split_dates(spec, time, _offsets([len(time)]), ("0",))
    two = np.r_[time, time[:100]]
    with pytest.raises(DataError, match=r"where validation starts\) is after .* of series 'b'"):
        check_split_dates(
            parse_split("2024-01-10,2024-01-12"), two, _offsets([600, 100]), ("a", "b")
        )
    check_split_dates(
        parse_split("2024-01-10,2024-01-20,2024-06-01"), time, _offsets([600]), ("0",)
    )
    # scoring new data with a fitted model: the split may lie anywhere (split_bounds is silent)
    assert _bounds("2024-01-20,2024-03-01", [len(time)], time)[0, 1] == len(time)
