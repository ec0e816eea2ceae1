"""Tests for lstm_doctor.data.load: CSV, Parquet and DataFrame input, and every read error."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstm_doctor.data.load import read_table
from lstm_doctor.errors import DataError


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "time": pd.date_range("2024-01-01", periods=5, freq="h").astype(str),
            "y": [1.0, 2.5, 3.0, 4.5, 5.0],
            "x": [10, 20, 30, 40, 50],
        }
    )


def _assert_same(read: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(read.columns) == list(expected.columns)
    np.testing.assert_array_equal(read["y"].to_numpy(), expected["y"].to_numpy())
    np.testing.assert_array_equal(read["x"].to_numpy(), expected["x"].to_numpy())
    assert list(read["time"].astype(str)) == list(expected["time"])


@pytest.mark.parametrize("name", ["data.csv", "data.CSV", "my.data.csv", "data.csv.gz"])
def test_reads_csv(tmp_path, name):
    frame = _frame()
    frame.to_csv(tmp_path / name, index=False)
    _assert_same(read_table(tmp_path / name), frame)


def test_reads_tsv(tmp_path):
    frame = _frame()
    frame.to_csv(tmp_path / "data.tsv", sep="\t", index=False)
    _assert_same(read_table(tmp_path / "data.tsv"), frame)


def test_accepts_a_string_path(tmp_path):
    frame = _frame()
    frame.to_csv(tmp_path / "data.csv", index=False)
    _assert_same(read_table(str(tmp_path / "data.csv")), frame)


@pytest.mark.parametrize("name", ["data.parquet", "data.pq"])
def test_reads_parquet(tmp_path, name):
    frame = _frame()
    frame.to_parquet(tmp_path / name, index=False)
    _assert_same(read_table(tmp_path / name), frame)


def test_dataframe_passes_through_with_a_fresh_index():
    frame = _frame().set_index(pd.Index([10, 11, 12, 13, 14]))
    read = read_table(frame)
    assert isinstance(read.index, pd.RangeIndex)
    assert read.index[0] == 0
    _assert_same(read, frame)
    assert list(frame.index) == [10, 11, 12, 13, 14]  # the caller's frame is left alone


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"nope\.csv' does not exist; check the path"):
        read_table(tmp_path / "nope.csv")


def test_directory(tmp_path):
    with pytest.raises(DataError, match=r"is a directory; pass a \.csv or \.parquet file"):
        read_table(tmp_path)


@pytest.mark.parametrize(("name", "suffix"), [("data.xlsx", ".xlsx"), ("data.gz", ".gz")])
def test_unknown_suffix(tmp_path, name, suffix):
    (tmp_path / name).write_bytes(b"y\n1\n")
    with pytest.raises(DataError, match=rf"has suffix '\{suffix}'; expected \.csv"):
        read_table(tmp_path / name)


def test_parquet_suffix_on_a_text_file(tmp_path):
    (tmp_path / "data.parquet").write_text("y\n1\n2\n")
    with pytest.raises(DataError, match=r"Could not read .*data\.parquet'"):
        read_table(tmp_path / "data.parquet")


def test_empty_csv(tmp_path):
    (tmp_path / "data.csv").write_text("")
    with pytest.raises(DataError, match=r"Could not read .*data\.csv'"):
        read_table(tmp_path / "data.csv")


def test_csv_with_a_header_and_no_rows(tmp_path):
    (tmp_path / "data.csv").write_text("time,y\n")
    with pytest.raises(DataError, match=r"data\.csv' has no rows or no columns"):
        read_table(tmp_path / "data.csv")


def test_error_message_is_one_line(tmp_path):
    (tmp_path / "data.parquet").write_bytes(b"\x00\x01 not parquet\nsecond line\n")
    with pytest.raises(DataError) as info:
        read_table(tmp_path / "data.parquet")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("sep", "name"), [(";", "data.csv"), ("\t", "data.csv"), ("|", "d.txt")])
def test_the_delimiter_is_read_from_the_header(tmp_path, sep, name):
    frame = _frame()
    frame.to_csv(tmp_path / name, sep=sep, index=False)
    _assert_same(read_table(tmp_path / name), frame)


def test_a_bom_and_utf16_are_read(tmp_path):
    frame = _frame()
    frame.to_csv(tmp_path / "bom.csv", index=False, encoding="utf-8-sig")
    assert list(read_table(tmp_path / "bom.csv").columns) == ["time", "y", "x"]
    frame.to_csv(tmp_path / "u16.csv", index=False, encoding="utf-16")
    _assert_same(read_table(tmp_path / "u16.csv"), frame)


def test_another_encoding_is_named_with_the_flag_to_pass(tmp_path):
    (tmp_path / "latin.csv").write_bytes("time,y,température\n1,2.0,3\n2,3.0,4\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"is not utf-8 text \(byte 11.*--encoding latin-1"):
        read_table(tmp_path / "latin.csv")
    assert list(read_table(tmp_path / "latin.csv", encoding="latin-1").columns)[2] == "température"
    with pytest.raises(DataError, match=r"--encoding 'klingon' is not a known text encoding"):
        read_table(tmp_path / "latin.csv", encoding="klingon")


def test_duplicate_column_names_are_refused(tmp_path):
    (tmp_path / "dup.csv").write_text("time,y,x,y\n1,2,3,4\n")
    with pytest.raises(DataError, match=r"duplicate column names: 'y'\. Give every column"):
        read_table(tmp_path / "dup.csv")
    frame = pd.DataFrame([[1, 2, 3]], columns=["a", "b", "a"])
    with pytest.raises(DataError, match=r"The DataFrame has duplicate column names: 'a'"):
        read_table(frame)


def test_a_datetime_index_becomes_a_column():
    index = pd.date_range("2024-01-01", periods=3, freq="D", name="day")
    frame = read_table(pd.DataFrame({"y": [1.0, 2.0, 3.0]}, index=index))
    assert list(frame.columns) == ["day", "y"] and frame["day"].iloc[2] == index[2]
    unnamed = read_table(pd.DataFrame({"y": [1.0, 2.0, 3.0]}, index=index.rename(None)))
    assert list(unnamed.columns) == ["time", "y"]
    plain = read_table(pd.DataFrame({"y": [1.0]}, index=[7]))
    assert list(plain.columns) == ["y"] and plain.index.tolist() == [0]
