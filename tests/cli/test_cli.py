from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from lstm_doctor.cli import main

FAST_FLAGS = ["--lookback", "24", "--horizon", "6", "--layers", "1", "--units", "8"]
FAST_FLAGS += ["--epochs", "2", "--batch-size", "32"]


@pytest.fixture
def csv(demo_frame, tmp_path):
    path = tmp_path / "demo.csv"
    demo_frame.to_csv(path, index=False)
    return path


def _fit(csv, tmp_path, capsys, *extra: str) -> dict:
    code = main(["fit", str(csv), "--target", "load", "--time", "time", *FAST_FLAGS,
                 "--out", str(tmp_path / "run"), "--json", *extra])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_fit_json_has_model_and_baselines_on_the_same_windows(csv, tmp_path, capsys) -> None:
    out = _fit(csv, tmp_path, capsys, "--covariates", "temperature")
    assert out["run"] == str(tmp_path / "run")
    assert {"mse", "mae"} <= set(out["metrics"]["test"]) and {"mse"} <= set(out["metrics"]["val"])
    assert set(out["baselines"]) == {"naive", "seasonal_naive", "mean"}
    assert out["baselines"]["naive"]["mse"] > 0
    assert set(out["original_units"]) == {"metrics", "baselines"}
    assert (tmp_path / "run" / "model.safetensors").is_file()


def test_fit_prints_a_summary_table(csv, tmp_path, capsys) -> None:
    code = main(["fit", str(csv), "--target", "load", "--time", "time", *FAST_FLAGS,
                 "--out", str(tmp_path / "run")])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0
    assert "seasonal naive" in captured.out and "LSTM" in captured.out
    assert "on test" in captured.out


def test_predict_and_evaluate_use_the_saved_run(csv, tmp_path, capsys) -> None:
    fitted = _fit(csv, tmp_path, capsys)
    out_file = tmp_path / "forecast.csv"
    assert main(["predict", str(tmp_path / "run"), str(csv), "--out", str(out_file)]) == 0
    forecast = pd.read_csv(out_file)
    assert list(forecast.columns) == ["step", "time", "load"] and len(forecast) == 6
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "run"), str(csv), "--json"]) == 0
    evaluated = json.loads(capsys.readouterr().out)
    assert evaluated["test"]["mse"] == pytest.approx(fitted["metrics"]["test"]["mse"], rel=1e-6)


def test_predict_writes_a_baseline_in_the_same_format(csv, demo_frame, tmp_path, capsys) -> None:
    _fit(csv, tmp_path, capsys)
    model_file, naive_file = tmp_path / "model.csv", tmp_path / "naive.csv"
    assert main(["predict", str(tmp_path / "run"), str(csv), "--out", str(model_file)]) == 0
    code = main(["predict", str(tmp_path / "run"), str(csv), "--baseline", "naive",
                 "--out", str(naive_file)])  # fmt: skip
    assert code == 0
    model, naive = pd.read_csv(model_file), pd.read_csv(naive_file)
    assert list(naive.columns) == list(model.columns) and naive["time"].equals(model["time"])
    assert (naive["load"] == demo_frame["load"].iloc[-1]).all()
    capsys.readouterr()
    code = main(["predict", str(tmp_path / "run"), str(csv), "--baseline", "mean"])
    assert code == 2
    assert "--baseline must be one of naive, seasonal_naive. Got 'mean'" in capsys.readouterr().err


def test_a_missing_column_is_one_line_and_exit_2(csv, capsys) -> None:
    code = main(["fit", str(csv), "--target", "nope", "--time", "time"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1, err  # exactly one line, no blank line before it
    assert err.startswith("error: Target column 'nope' is not in the data")


def test_a_bad_flag_is_one_line_and_exit_2(csv, capsys) -> None:
    code = main(["fit", str(csv), "--target", "load", "--lookbak", "3"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "--lookbak" in err


def test_a_bad_setting_value_is_one_line_and_exit_2(csv, capsys) -> None:
    code = main(["fit", str(csv), "--target", "load", "--optimizer", "adamx"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "'optimizer'" in err and "adamw" in err


def test_missing_file_is_one_line_and_exit_2(tmp_path, capsys) -> None:
    assert main(["fit", str(tmp_path / "none.csv"), "--target", "y"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_debug_shows_the_traceback(csv) -> None:
    from lstm_doctor import DataError

    with pytest.raises(DataError):
        main(["fit", str(csv), "--target", "nope", "--debug"])


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("lstm-doctor ")


def test_threads_sets_the_torch_thread_pool_and_rejects_zero(csv, capsys) -> None:
    import torch

    before = torch.get_num_threads()
    try:
        # The setting is applied before the command runs, even one that fails on its input.
        assert main(["--threads", "1", "fit", str(csv), "--target", "nope"]) == 2
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
    assert main(["--threads", "0", "fit", str(csv), "--target", "load"]) == 2
    err = capsys.readouterr().err
    assert "--threads" in err and "Traceback" not in err


def test_resume_needs_out(csv, capsys) -> None:
    assert main(["fit", str(csv), "--target", "load", "--resume"]) == 2
    assert "--resume needs the --out" in capsys.readouterr().err


def test_an_existing_out_is_refused_before_training(csv, tmp_path, capsys) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "keep.txt").write_text("mine")
    code = main(["fit", str(csv), "--target", "load", "--out", str(tmp_path / "run")])
    assert code == 2 and "already exists" in capsys.readouterr().err
    assert (tmp_path / "run" / "keep.txt").read_text() == "mine"


def test_a_finished_fit_removes_its_checkpoint(csv, tmp_path, capsys) -> None:
    _fit(csv, tmp_path, capsys)
    assert not (tmp_path / "run.checkpoint.safetensors").exists()


def test_fit_json_has_the_diagnosis(csv, tmp_path, capsys) -> None:
    out = _fit(csv, tmp_path, capsys)
    assert out["diagnosis"], "fit must always diagnose"
    for finding in out["diagnosis"]:
        assert {"kind", "severity", "evidence", "remedies"} <= set(finding)
    stored = json.loads((tmp_path / "run" / "diagnosis.json").read_text())
    assert stored == out["diagnosis"]


def test_diagnose_command_reads_a_run_and_a_log(csv, tmp_path, capsys) -> None:
    _fit(csv, tmp_path, capsys)
    assert main(["diagnose", str(tmp_path / "run"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["source"] == "lstm-doctor" and out["diagnosis"]
    log = tmp_path / "keras.json"
    log.write_text(json.dumps({"loss": [1.0, 0.5, 0.4], "val_loss": [1.1, 0.6, 0.5]}))
    assert main(["diagnose", str(log)]) == 0
    assert "Read 3 epochs" in capsys.readouterr().out


def test_diagnose_takes_a_baseline_loss_and_refuses_a_bad_one(tmp_path, capsys) -> None:
    log = tmp_path / "keras.json"
    loss = [0.97 + 0.5 * 0.6**i for i in range(30)]
    log.write_text(json.dumps({"loss": loss, "val_loss": [v * 1.03 for v in loss]}))
    assert main(["diagnose", str(log), "--json", "--baseline-loss", "1.0"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["diagnosis"][0]["kind"] == "underfitting"
    assert main(["diagnose", str(log), "--baseline-loss", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--baseline-loss must be above 0" in err


def test_a_good_fit_read_from_the_curves_alone_says_what_they_cannot_rule_out(
    tmp_path, capsys
) -> None:
    # The same converged curves: without a trivial predictor's loss, "good fit" says the
    # curves cannot tell it from a model that learnt nothing; with one well above, no caveat.
    log = tmp_path / "keras.json"
    loss = [0.3 + 0.5 * 0.7**i for i in range(30)]
    log.write_text(json.dumps({"loss": loss, "val_loss": [v * 1.05 for v in loss]}))
    assert main(["diagnose", str(log), "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)["diagnosis"][0]
    assert alone["kind"] == "good_fit" and "--baseline-loss" in alone["summary"]
    assert alone["evidence"]["trivial_predictor_known"] is False
    assert main(["diagnose", str(log), "--json", "--baseline-loss", "1.0"]) == 0
    known = json.loads(capsys.readouterr().out)["diagnosis"][0]
    assert known["kind"] == "good_fit" and "--baseline-loss" not in known["summary"]


def test_diagnose_an_unreadable_log_is_one_line(tmp_path, capsys) -> None:
    log = tmp_path / "x.csv"
    log.write_text("a,b\n1,2\n")
    assert main(["diagnose", str(log)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error:" in err


def test_check_command(csv, capsys) -> None:
    assert main(["check", str(csv), "--target", "load", "--time", "time", "--lookback", "24",
                 "--horizon", "6", "--json"]) == 0  # fmt: skip
    findings = json.loads(capsys.readouterr().out)
    assert all(f["kind"] != "leakage" for f in findings)


def test_heal_command_writes_a_run_with_its_treatment(csv, tmp_path, capsys) -> None:
    code = main(["heal", str(csv), "--target", "load", "--time", "time", "--lookback", "24",
                 "--horizon", "6", "--epochs", "2", "--max-steps", "1",
                 "--out", str(tmp_path / "healed"), "--json"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert {"metrics", "baselines", "diagnosis", "treatment", "treatment_summary"} <= set(out)
    # the steps: at most --max-steps of the treatment, then the recipe's challenge
    assert isinstance(out["treatment"], list) and len(out["treatment"]) <= 2
    assert out["treatment"][-1]["finding"] == "textbook_recipe"
    stored = json.loads((tmp_path / "healed" / "treatment.json").read_text())
    assert stored == {**out["treatment_summary"], "steps": out["treatment"]}
    compared = {row["model"]: row for row in out["treatment_summary"]["comparison"]}
    assert {"healed", "recipe", "naive"} <= set(compared)
    assert compared["healed"]["test_mse"] == out["metrics"]["test"]["mse"]
    assert compared["naive"]["test_mse"] == out["baselines"]["naive"]["mse"]


def test_heal_command_prints_the_comparison_without_the_recipe_when_asked(
    csv, tmp_path, capsys
) -> None:
    code = main(["heal", str(csv), "--target", "load", "--time", "time", "--lookback", "24",
                 "--horizon", "6", "--epochs", "2", "--max-steps", "1", "--no-recipe",
                 "--out", str(tmp_path / "healed")])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Treatment result" in captured.out and "healed" in captured.out
    assert "textbook recipe" not in captured.out
    # the verdict against the best baseline comes before the test figures, and the budget rule
    verdict = captured.out.index("verdict (validation only): the healed model ")
    assert verdict < captured.out.index("Treatment result")
    assert "budget: " in captured.out and "s/epoch" in captured.out
    stored = json.loads((tmp_path / "healed" / "treatment.json").read_text())
    assert "recipe" not in {row["model"] for row in stored["comparison"]}


def test_fit_into_a_directory_that_does_not_exist_yet(csv, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # like a fresh clone: no runs/ folder
    code = main(["fit", str(csv), "--target", "load", "--time", "time", *FAST_FLAGS, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    run = json.loads(captured.out)["run"]
    assert (tmp_path / run / "model.safetensors").is_file()
    assert not list((tmp_path / "runs").glob("*.checkpoint.safetensors"))


@pytest.mark.parametrize(
    ("error", "code", "says"),
    [
        (PermissionError(13, "Permission denied", "runs/x"), 2, "a path you can write to"),
        (OSError(28, "No space left on device", "runs/x"), 2, "the disk is full"),
        (NotADirectoryError(20, "Not a directory", "runs/x"), 2, "is a file, not a folder"),
        (IsADirectoryError(21, "Is a directory", "runs/x"), 2, "pass a file path"),
        (OSError(5, "Input/output error", "runs/x"), 1, "add --debug"),
    ],
)
def test_an_os_error_is_one_line_naming_the_path(csv, capsys, monkeypatch, error, code, says):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr("lstm_doctor.api.forecaster.read_table", fail)
    assert main(["fit", str(csv), "--target", "load"]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and error.strerror in err and says in err
    assert "runs/x" in err


def test_fit_takes_the_architecture_flags(csv, tmp_path, capsys) -> None:
    code = main(["fit", str(csv), "--target", "load,temperature", "--time", "time", *FAST_FLAGS,
                 "--architecture", "segment", "--segment-length", "8", "--decoder", "recurrent",
                 "--loss", "huber", "--out", str(tmp_path / "run"), "--json"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    config = json.loads((tmp_path / "run" / "config.json").read_text())["config"]
    assert config["model"]["architecture"] == "segment"
    assert (config["model"]["segment_length"], config["model"]["decoder"]) == (8, "recurrent")
    assert config["train"]["loss"] == "huber"


def test_a_covariate_with_the_segment_architecture_is_one_line(csv, tmp_path, capsys) -> None:
    code = main(["fit", str(csv), "--target", "load", "--covariates", "temperature",
                 *FAST_FLAGS, "--architecture", "segment",
                 "--out", str(tmp_path / "run")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "takes no covariates" in err and "Traceback" not in err


def test_overwrite_never_empties_a_folder_that_is_not_a_run(csv, tmp_path, capsys) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    for command in (["fit", str(csv), "--target", "load"], ["heal", str(csv), "--target", "load"]):
        code = main([*command, "--out", str(mine), "--overwrite"])
        err = capsys.readouterr().err
        assert code == 2 and "is not an lstm-doctor run" in err and err.count("\n") == 1
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_out_dot_is_one_line(csv, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["fit", str(csv), "--target", "load", "--out", ".", "--overwrite"])
    err = capsys.readouterr().err
    assert code == 2 and "current folder" in err and err.count("\n") == 1


def test_an_out_inside_a_file_fails_before_training(csv, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("lstm_doctor.api.forecaster.train", lambda *a, **k: pytest.fail("trained"))
    code = main(["fit", str(csv), "--target", "load", "--out", str(csv / "run")])
    assert code == 2 and "which is a file" in capsys.readouterr().err


def test_predict_out_keeps_an_existing_file_and_writes_json(csv, tmp_path, capsys) -> None:
    _fit(csv, tmp_path, capsys)
    run, target = str(tmp_path / "run"), tmp_path / "forecast.json"
    target.write_text("mine")
    assert main(["predict", run, str(csv), "--out", str(target)]) == 2
    assert "--overwrite" in capsys.readouterr().err and target.read_text() == "mine"
    assert main(["predict", run, str(csv), "--out", str(target), "--overwrite"]) == 0
    assert [row["step"] for row in json.loads(target.read_text())] == [1, 2, 3, 4, 5, 6]
    assert main(["predict", run, str(csv), "--out", str(tmp_path)]) == 2
    assert not list(tmp_path.glob(".*partial"))


def test_a_failing_diagnosis_never_costs_the_trained_model(csv, tmp_path, capsys, monkeypatch):
    def fail(*args, **kwargs):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr("lstm_doctor.api.forecast_diagnosis.diagnose", fail)
    out = _fit(csv, tmp_path, capsys)
    assert out["diagnosis"][0]["severity"] == "warning"
    assert "ZeroDivisionError" in out["diagnosis"][0]["summary"]
    assert (tmp_path / "run" / "model.safetensors").is_file()
    assert not (tmp_path / "run.checkpoint.safetensors").exists()


def test_values_beyond_float32_are_one_line_before_training(demo_frame, tmp_path, capsys):
    frame = demo_frame.assign(load=demo_frame["load"] * 1e305)
    frame.loc[3, "load"] = -1e308
    frame.to_csv(tmp_path / "huge.csv", index=False)
    code = main(["fit", str(tmp_path / "huge.csv"), "--target", "load", "--out",
                 str(tmp_path / "run")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "beyond the float32 range" in err and err.count("\n") == 1
    assert not (tmp_path / "run").exists()


def test_ambiguous_dates_ask_for_time_format_and_it_is_used(tmp_path, capsys) -> None:
    days = pd.date_range("1990-01-01", periods=60, freq="MS")
    frame = pd.DataFrame({"date": days.strftime("%d/%m/%Y"), "y": np.sin(np.arange(60.0))})
    frame.to_csv(tmp_path / "monthly.csv", index=False)
    check = ["check", str(tmp_path / "monthly.csv"), "--target", "y", "--time", "date",
             "--lookback", "6", "--horizon", "2"]  # fmt: skip
    assert main(check) == 2
    err = capsys.readouterr().err
    assert "both day-first and month-first" in err and "--time-format" in err
    assert main([*check, "--time-format", "%d/%m/%Y", "--json"]) == 0


@pytest.mark.parametrize("command", ["fit", "heal"])
def test_a_misspelt_task_is_refused(csv, capsys, command) -> None:
    assert main([command, str(csv), "--task", "clasify", "--label", "load"]) == 2
    assert "--task 'clasify' is not one of forecast | classify | regress" in capsys.readouterr().err


def test_check_reports_missing_rows_of_the_time_axis(demo_frame, tmp_path, capsys) -> None:
    demo_frame.drop(index=range(300, 348)).to_csv(tmp_path / "gaps.csv", index=False)
    code = main(["check", str(tmp_path / "gaps.csv"), "--target", "load", "--time", "time",
                 "--lookback", "24", "--horizon", "6", "--json"])  # fmt: skip
    assert code == 0
    (finding,) = [f for f in json.loads(capsys.readouterr().out) if "n_gaps" in f["evidence"]]
    assert finding["evidence"]["step"] == "1 h" and finding["evidence"]["largest_gap"] == "49 h"


def test_a_semicolon_file_and_a_latin1_file_with_encoding(demo_frame, tmp_path, capsys) -> None:
    demo_frame.to_csv(tmp_path / "semi.csv", sep=";", index=False, encoding="latin-1")
    command = ["check", str(tmp_path / "semi.csv"), "--target", "load", "--time", "time",
               "--lookback", "24", "--horizon", "6", "--json"]  # fmt: skip
    assert main(command) == 0
    capsys.readouterr()
    demo_frame.rename(columns={"temperature": "température"}).to_csv(
        tmp_path / "latin.csv", index=False, encoding="latin-1"
    )
    command[1] = str(tmp_path / "latin.csv")
    assert main(command) == 2
    assert "--encoding latin-1" in capsys.readouterr().err
    assert main([*command, "--encoding", "latin-1", "--covariates", "température"]) == 0


@pytest.mark.parametrize("args", [["--help"], ["fit", "--help"], ["--version"], ["fit", "--nope"]])
def test_help_version_and_flag_errors_do_not_import_torch(args) -> None:
    # a fresh interpreter: this test process has long imported torch
    code = (
        "import sys\nfrom lstm_doctor.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted({'torch', 'pandas', 'optuna'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
