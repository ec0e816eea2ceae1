"""Tests for the backtest command (lstm_doctor.cli.backtest)."""

from __future__ import annotations

import inspect
import json

import pytest

from lstm_doctor.cli import main
from lstm_doctor.cli.fit import fit

FLAGS = ["--lookback", "24", "--horizon", "6", "--layers", "1", "--units", "8", "--epochs", "2",
         "--split", "0.6,0.2,0.2"]  # fmt: skip


@pytest.fixture
def csv(demo_frame, tmp_path):
    path = tmp_path / "demo.csv"
    demo_frame.to_csv(path, index=False)
    return path


def test_backtest_json_has_folds_summary_and_diagnosis(csv, capsys):
    code = main(["backtest", str(csv), "--target", "load", "--time", "time", *FLAGS,
                 "--folds", "2", "--refit", "first", "--json"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    result = json.loads(captured.out)
    assert [f["fold"] for f in result["folds"]] == [0, 1]
    assert {"test_start", "test_end", "metrics", "baselines"} <= set(result["folds"][0])
    assert result["settings"]["refit"] == "first"
    assert result["summary"]["model_beats"].keys() == {"naive", "seasonal_naive", "mean"}
    assert result["diagnosis"]["verdict"] in ("consistent", "never", "one_period",
                                              "several_periods")  # fmt: skip


def test_backtest_prints_a_table_and_the_verdict(csv, capsys):
    code = main(["backtest", str(csv), "--target", "load", "--time", "time", *FLAGS,
                 "--folds", "2", "--interval", "0"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "model MSE" in captured.out and "fold 1: test" in captured.err


def test_backtest_takes_every_forecasting_flag_of_fit():
    from lstm_doctor.cli import app

    command = next(c for c in app.registered_commands if c.name == "backtest")
    names = set(inspect.signature(command.callback).parameters)
    for flag in ("lookback", "normalization", "lr", "patience", "covariates", "embargo"):
        assert flag in names and flag in inspect.signature(fit).parameters
    assert {"folds", "fold_size", "refit", "window", "warm_start", "interval"} <= names
    assert "label" not in names and "overwrite" not in names


def test_bad_fold_settings_are_one_line_and_exit_2(csv, capsys):
    code = main(["backtest", str(csv), "--target", "load", *FLAGS, "--refit", "sometimes"])
    err = capsys.readouterr().err
    assert code == 2 and "--refit must be every, first or a number" in err
    assert len(err.strip().splitlines()) == 1
    code = main(["backtest", str(csv), *FLAGS])
    assert code == 2 and "backtest needs --target" in capsys.readouterr().err
