"""Tests of the History record and its CSV form."""

from __future__ import annotations

import math

import pytest

from lstm_doctor.errors import ArtifactError
from lstm_doctor.history import HISTORY_COLUMNS, History


def make_history() -> History:
    history = History()
    for epoch, (train, val) in enumerate([(1.5, 2.25), (0.123456789, 0.987654321)], start=1):
        history.append(
            epoch=epoch,
            train_loss=train,
            val_loss=val,
            lr=1e-3 / epoch,
            grad_norm=0.5 * epoch,
            seconds=0.01,
            val_mae=val / 2,
        )
    return history


def test_columns_put_the_standard_ones_first_then_extras_sorted():
    history = make_history()
    history.rows[0]["aaa"] = 1.0
    assert history.columns == [*HISTORY_COLUMNS, "aaa", "val_mae"]
    assert list(history.to_frame().columns) == history.columns
    assert math.isnan(history.to_frame()["aaa"][1])


def test_len_and_column():
    history = make_history()
    assert len(history) == 2
    assert history.column("epoch") == [1.0, 2.0]
    assert history.column("val_mae") == pytest.approx([1.125, 0.4938271605])
    assert all(math.isnan(v) for v in history.column("absent"))


def test_csv_round_trip(tmp_path):
    history = make_history()
    path = tmp_path / "history.csv"

    history.to_csv(path)
    loaded = History.from_csv(path)

    assert loaded.columns == history.columns
    assert len(loaded.rows) == len(history.rows)
    for got, want in zip(loaded.rows, history.rows, strict=True):
        assert got.keys() == want.keys()
        assert got == pytest.approx(want, rel=1e-9)
        assert type(got["epoch"]) is int
    assert (loaded.events, loaded.best_epoch, loaded.stop_reason) == ([], None, None)


def test_csv_round_trip_keeps_nan(tmp_path):
    history = History()
    history.append(epoch=1, train_loss=math.nan, val_loss=math.inf, lr=1e-3)
    path = tmp_path / "history.csv"

    history.to_csv(path)
    row = History.from_csv(path).rows[0]

    assert math.isnan(row["train_loss"])
    assert row["val_loss"] == math.inf
    assert math.isnan(row["grad_norm"])


def test_from_csv_reads_a_foreign_log_with_only_the_needed_columns(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("epoch,train_loss,val_loss\n0,1.0,2.0\n1,0.5,1.5\n")

    history = History.from_csv(path)

    assert history.column("val_loss") == [2.0, 1.5]
    assert history.columns == list(HISTORY_COLUMNS)


@pytest.mark.parametrize(
    ("header", "missing"),
    [("epoch,train_loss", "val_loss"), ("loss,val_loss", "epoch, train_loss")],
)
def test_from_csv_names_missing_columns(tmp_path, header, missing):
    path = tmp_path / "history.csv"
    path.write_text(f"{header}\n" + ",".join(["1"] * len(header.split(","))) + "\n")

    with pytest.raises(ArtifactError, match=rf"history\.csv' lacks column\(s\) {missing}\."):
        History.from_csv(path)


def test_from_csv_of_a_missing_file_is_an_artifact_error(tmp_path):
    with pytest.raises(ArtifactError, match=r"Cannot read history .*nope\.csv"):
        History.from_csv(tmp_path / "nope.csv")


def test_from_csv_of_an_empty_file_is_an_artifact_error(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("")
    with pytest.raises(ArtifactError, match="Cannot read history"):
        History.from_csv(path)


def test_from_csv_with_text_in_a_number_column_is_an_artifact_error(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("epoch,train_loss,val_loss\n1,0.5,abc\n")
    with pytest.raises(ArtifactError, match=r"history\.csv' has a value that is not a number"):
        History.from_csv(path)


def test_from_csv_with_an_empty_epoch_is_an_artifact_error(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("epoch,train_loss,val_loss\n1,0.5,0.6\n,0.4,0.5\n")
    with pytest.raises(ArtifactError, match="every epoch filled in"):
        History.from_csv(path)
