from __future__ import annotations

import json

import pytest

from fast_settings import FAST
from lstm_doctor.cli import main

pytestmark = pytest.mark.slow  # real fits and reports, seconds each

FLAGS = [f"--{k.replace('_', '-')}={v}" for k, v in FAST.items()]


@pytest.fixture
def csv(demo_frame, tmp_path):
    path = tmp_path / "demo.csv"
    demo_frame.to_csv(path, index=False)
    return path


def test_fit_writes_the_report_after_the_model_and_says_where(csv, tmp_path, capsys) -> None:
    run = tmp_path / "run"
    code = main(["fit", str(csv), "--target", "load", "--time", "time", *FLAGS, "--out", str(run),
                 "--report"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"report: {run / 'report.html'}" in " ".join(captured.out.split())
    html = (run / "report.html").read_text()
    assert 'id="forecast"' in html and "lstm-doctor fit" in html  # command line in the footer
    header = json.loads((run / "config.json").read_text())
    assert header["provenance"]["data"]["path"] == str(csv)
    assert header["provenance"]["command"].startswith("lstm-doctor fit ")
    # the saved run makes the same report again, finding its data file by path and SHA-256
    (run / "report.html").unlink()
    assert main(["report", str(run)]) == 0
    assert "report written to" in capsys.readouterr().out
    assert 'id="forecast"' in (run / "report.html").read_text()


def test_no_report_and_a_failing_report_never_cost_the_model(csv, tmp_path, capsys,
                                                             monkeypatch) -> None:  # fmt: skip
    args = ["fit", str(csv), "--target", "load", "--time", "time", *FLAGS, "--json"]
    assert main([*args, "--out", str(tmp_path / "a"), "--no-report"]) == 0
    assert json.loads(capsys.readouterr().out).get("report") is None
    assert not (tmp_path / "a" / "report.html").exists()

    def broken(*args, **kwargs):
        raise RuntimeError("plotting exploded")

    monkeypatch.setattr("lstm_doctor.reporting.run_report.forecast_report", broken)
    assert main([*args, "--out", str(tmp_path / "b"), "--report"]) == 0
    captured = capsys.readouterr()
    assert "warning: the report could not be written (RuntimeError: plotting exploded)" in (
        " ".join(captured.err.split())
    )
    assert (tmp_path / "b" / "model.safetensors").is_file()
    assert not (tmp_path / "b" / "report.html").exists()


def test_report_of_a_run_whose_data_moved(csv, tmp_path, capsys) -> None:
    run = tmp_path / "run"
    assert main(["fit", str(csv), "--target", "load", "--time", "time", *FLAGS, "--out",
                 str(run), "--json", "--no-report"]) == 0  # fmt: skip
    moved = csv.rename(tmp_path / "moved.csv")
    capsys.readouterr()
    assert main(["report", str(run), "--out", str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text()
    assert "is not there any more" in html and 'id="errors"' not in html
    assert main(["report", str(run), "--data", str(moved), "--out", str(tmp_path / "s.html")]) == 0
    assert 'id="errors"' in (tmp_path / "s.html").read_text()
    assert main(["report", str(tmp_path / "nothing")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_diagnose_writes_a_report_for_anyones_log(tmp_path, capsys) -> None:
    log = tmp_path / "history.json"
    log.write_text(json.dumps({"loss": [1.0, 0.5, 0.3, 0.2, 0.15, 0.1],
                               "val_loss": [1.1, 0.6, 0.5, 0.55, 0.65, 0.8]}))  # fmt: skip
    assert main(["diagnose", str(log), "--report", str(tmp_path / "log.html")]) == 0
    assert "report:" in capsys.readouterr().err
    html = (tmp_path / "log.html").read_text()
    assert 'id="curves"' in html and 'id="diagnosis"' in html and "keras" in html


def test_tune_writes_its_report_with_the_trials_and_records_the_data(csv, tmp_path) -> None:
    space = tmp_path / "space.toml"
    space.write_text('[units]\ntype = "categorical"\nchoices = [4, 8]\n')
    out = tmp_path / "study"
    code = main(["tune", str(csv), "--target", "load", "--time", "time", "--lookback", "24",
                 "--horizon", "6", "--epochs", "2", "--layers", "1", "--batch-size", "32",
                 "--trials", "2", "--pruner", "none", "--space", str(space), "--out", str(out),
                 "--report", "--json"])  # fmt: skip
    assert code == 0
    html = (out / "best" / "report.html").read_text()
    assert 'id="tune"' in html and "Best trial" in html and 'id="forecast"' in html
    header = json.loads((out / "best" / "config.json").read_text())
    assert header["provenance"]["data"]["path"] == str(csv)  # report RUN finds the data later
