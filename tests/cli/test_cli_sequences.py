from __future__ import annotations

import json

import pandas as pd
import pytest

from lstm_doctor import SequenceClassifier
from lstm_doctor.cli import main
from sequence_frames import make_sequence_frame

FLAGS = ["--task", "classify", "--sequence-id", "sequence_id", "--label", "label", "--time", "t",
         "--units", "8", "--epochs", "3", "--batch-size", "16"]  # fmt: skip


@pytest.fixture
def files(tmp_path):
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    make_sequence_frame(seed=1).to_csv(train, index=False)
    make_sequence_frame(n_sequences=9, seed=2).to_csv(test, index=False)
    return train, test


def test_fit_json_predict_evaluate(files, tmp_path, capsys) -> None:
    train, test = files
    run = tmp_path / "run"
    code = main(["fit", str(train), *FLAGS, "--test", str(test), "--out", str(run), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert {"accuracy", "balanced_accuracy", "macro_f1"} <= set(out["metrics"]["test"])
    assert set(out["baselines"]) == {"majority", "summary"} and out["task"] == "classify"
    assert json.loads((run / "config.json").read_text())["task"] == "classify"
    predictions = tmp_path / "p.csv"
    assert main(["predict", str(run), str(test), "--out", str(predictions)]) == 0
    frame = pd.read_csv(predictions)
    assert len(frame) == 9 and list(frame.columns) == [
        "sequence_id",
        "label",
        "p_c0",
        "p_c1",
        "p_c2",
    ]
    capsys.readouterr()
    assert main(["predict", str(run), str(test), "--baseline", "naive"]) == 2
    assert "--baseline is for forecasting runs" in capsys.readouterr().err
    assert main(["evaluate", str(run), str(test), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["accuracy"] == pytest.approx(out["metrics"]["test"]["accuracy"])
    assert main(["diagnose", str(run), "--json"]) == 0


def test_fit_prints_table_and_verdict(files, tmp_path, capsys) -> None:
    train, _ = files
    assert main(["fit", str(train), *FLAGS, "--pooling", "mean", "--out", str(tmp_path / "r")]) == 0
    text = capsys.readouterr().out
    assert "majority" in text and "summary" in text and "LSTM" in text
    assert "the summary-feature baseline on test" in text


def test_regress(tmp_path, capsys) -> None:
    data = tmp_path / "r.csv"
    make_sequence_frame(regress=True).to_csv(data, index=False)
    flags = [f if f != "classify" else "regress" for f in FLAGS]
    assert main(["fit", str(data), *flags, "--out", str(tmp_path / "run"), "--json"]) == 0
    assert "mse" in json.loads(capsys.readouterr().out)["metrics"]["test"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.assign(label="one"), "single class"),
        (lambda f: f.drop(columns="t"), "'t' are not in the training data"),
    ],
)
def test_data_errors_are_one_line(tmp_path, capsys, change, message) -> None:
    data = tmp_path / "bad.csv"
    change(make_sequence_frame()).to_csv(data, index=False)
    assert main(["fit", str(data), *FLAGS]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err


def test_unseen_test_class_and_feature_mismatch(files, tmp_path, capsys) -> None:
    train, _ = files
    bad = tmp_path / "bad_test.csv"
    make_sequence_frame(n_sequences=4).assign(label="zz").to_csv(bad, index=False)
    assert main(["fit", str(train), *FLAGS, "--test", str(bad)]) == 2
    assert "never seen in training: zz" in capsys.readouterr().err
    make_sequence_frame(n_sequences=4).rename(columns={"a": "x"}).to_csv(bad, index=False)
    assert main(["fit", str(train), *FLAGS, "--test", str(bad)]) == 2
    assert "differ from those the model was trained on" in capsys.readouterr().err


def test_forecasting_without_target_or_with_sequence_flags(files, capsys) -> None:
    train, _ = files
    assert main(["fit", str(train)]) == 2
    assert "fit needs --target" in capsys.readouterr().err
    assert main(["fit", str(train), "--target", "a", "--label", "label"]) == 2
    assert "--label apply to --task classify|regress" in capsys.readouterr().err


def test_heal_classify_writes_the_run_and_treatment(files, tmp_path, capsys) -> None:
    train, test = files
    run = tmp_path / "healed"
    flags = ["--task", "classify", "--sequence-id", "sequence_id", "--label", "label", "--time",
             "t", "--epochs", "3", "--max-steps", "2", "--test", str(test)]  # fmt: skip
    code = main(["heal", str(train), *flags, "--out", str(run), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["task"] == "classify" and "accuracy" in out["metrics"]["test"]
    assert len(out["treatment"]) <= 2
    assert out["treatment_summary"]["criterion"] == "val cross_entropy"
    treatment = json.loads((run / "treatment.json").read_text())
    assert [row["model"] for row in treatment["comparison"]][-2:] == ["majority", "summary"]


def test_heal_classify_needs_the_columns(files, capsys) -> None:
    train, _ = files
    assert main(["heal", str(train), "--task", "classify", "--label", "label"]) == 2
    assert "needs --sequence-id and --label" in capsys.readouterr().err


def test_heal_forecast_needs_a_target(files, capsys) -> None:
    train, _ = files
    assert main(["heal", str(train), "--sequence-id", "sequence_id"]) == 2
    assert "--sequence-id" in capsys.readouterr().err


def test_resume_continues_a_killed_fit_to_the_same_result(files, tmp_path, capsys) -> None:
    train, test = files
    flags = [*FLAGS, "--test", str(test), "--patience", "0", "--json"]
    assert main(["fit", str(train), *flags, "--out", str(tmp_path / "whole")]) == 0
    expected = json.loads(capsys.readouterr().out)

    # A run killed after epoch 2 leaves its checkpoint beside --out (and no run directory):
    # the same settings through the API, stopped by an exception in the epoch callback.
    out = tmp_path / "killed"
    checkpoint = tmp_path / "killed.checkpoint.safetensors"

    def kill_after_epoch_2(row: dict[str, float]) -> None:
        if row["epoch"] == 2:
            raise SystemExit("killed")

    with pytest.raises(SystemExit):
        SequenceClassifier(units=8, epochs=3, batch_size=16, patience=None).fit(
            train, sequence="sequence_id", label="label", time="t", test=test,
            checkpoint=checkpoint, on_epoch=kill_after_epoch_2,
        )  # fmt: skip
    assert checkpoint.exists() and not out.exists()

    assert main(["fit", str(train), *flags, "--out", str(out), "--resume"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["metrics"] == expected["metrics"]
    assert result["training"]["epochs"] == 3
    assert not checkpoint.exists()  # dropped once the run is saved


def test_resume_needs_out_and_a_checkpoint(files, tmp_path, capsys) -> None:
    train, _ = files
    assert main(["fit", str(train), *FLAGS, "--resume"]) == 2
    assert "--resume needs the --out" in capsys.readouterr().err
    assert main(["fit", str(train), *FLAGS, "--out", str(tmp_path / "r"), "--resume"]) == 2
    assert "Nothing to resume" in capsys.readouterr().err


def test_fit_with_ensemble_and_refit(files, tmp_path, capsys) -> None:
    train, test = files
    run = tmp_path / "run"
    flags = [*FLAGS, "--test", str(test), "--ensemble", "2", "--refit", "--out", str(run)]
    assert main(["fit", str(train), *flags, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["training"]["members"]) == 2 and len(out["training"]["refit_epochs"]) == 2
    config = json.loads((run / "config.json").read_text())["config"]["sequence"]
    assert (config["ensemble"], config["refit"]) == (2, True)
    assert not list(tmp_path.glob("*.safetensors"))  # every member's checkpoint is dropped
    assert main(["evaluate", str(run), str(test), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["accuracy"] == pytest.approx(out["metrics"]["test"]["accuracy"])
    flags[-1] = str(tmp_path / "printed")
    assert main(["fit", str(train), *flags]) == 0
    text = " ".join(capsys.readouterr().out.split())  # rich wraps at the terminal width
    assert "2 seeds averaged, refitted on train+val" in text
    assert main(["fit", str(train), *FLAGS, "--no-refit", "--out", str(tmp_path / "r")]) == 0


def test_ensemble_and_refit_are_for_sequences_only(files, capsys) -> None:
    train, _ = files
    assert main(["fit", str(train), "--target", "a", "--ensemble", "3"]) == 2
    assert "--ensemble apply to --task classify|regress" in capsys.readouterr().err
    assert main(["heal", str(train), "--target", "a", "--refit"]) == 2
    assert "--refit apply to --task classify|regress" in capsys.readouterr().err


def test_fit_takes_the_encoder_flags(files, tmp_path, capsys) -> None:
    train, _ = files
    run = tmp_path / "run"
    flags = ["--encoder", "lstm-fcn", "--summary-features", "--series-norm", "--ensemble", "1",
             "--no-refit"]  # fmt: skip
    assert main(["fit", str(train), *FLAGS, *flags, "--out", str(run), "--json"]) == 0
    sequence = json.loads((run / "config.json").read_text())["config"]["sequence"]
    assert (sequence["encoder"], sequence["summary_features"], sequence["series_norm"]) == (
        "lstm-fcn", True, True,
    )  # fmt: skip
    capsys.readouterr()
    assert main(["fit", str(train), "--target", "x", "--encoder", "lstm-fcn"]) == 2
    assert "--encoder apply to --task classify|regress" in capsys.readouterr().err


@pytest.mark.slow
def test_tune_classify_searches_and_saves_the_best(files, tmp_path, capsys) -> None:
    train, test = files
    out_dir = tmp_path / "study"
    code = main(["tune", str(train), *FLAGS, "--test", str(test), "--trials", "2",
                 "--pruner", "none", "--out", str(out_dir)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "best trial" in captured.out and (out_dir / "best" / "config.json").is_file()
    assert json.loads((out_dir / "study.json").read_text())["test"]["n"] == 9


def test_tune_sequences_needs_its_columns(files, capsys) -> None:
    train, _ = files
    assert main(["tune", str(train), "--task", "classify", "--label", "label"]) == 2
    assert "needs --sequence-id and --label" in capsys.readouterr().err
    assert main(["tune", str(train)]) == 2
    assert "tune needs --target" in capsys.readouterr().err
