"""Tests for lstm-doctor export and predict --onnx / --interval (lstm_doctor.cli.export)."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("onnxruntime")

from lstm_doctor.cli import main
from sequence_frames import make_sequence_frame

FAST = ["--lookback", "24", "--horizon", "6", "--layers", "1", "--units", "8", "--epochs", "2"]
SEQUENCE = ["--task", "classify", "--sequence-id", "sequence_id", "--label", "label",
            "--time", "t", "--units", "8", "--epochs", "2", "--batch-size", "16"]  # fmt: skip


def _predict(capsys, *args: str) -> pd.DataFrame:
    from io import StringIO

    code = main(["predict", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return pd.read_csv(StringIO(captured.out))


def test_onnx_forecasts_equal_torch_forecasts(demo_frame, tmp_path, capsys):
    normalization = "difference"  # each normalization's graph: tests/export/test_onnx.py
    csv, run, onnx = tmp_path / "d.csv", tmp_path / "run", tmp_path / "m.onnx"
    demo_frame.to_csv(csv, index=False)
    assert main(["fit", str(csv), "--target", "load", "--time", "time", "--covariates",
                 "temperature", "--normalization", normalization, *FAST, "--out", str(run),
                 "--json"]) == 0  # fmt: skip
    assert main(["export", str(run), "--onnx", str(onnx)]) == 0
    assert "in the scaled units of" in capsys.readouterr().err
    torch_path = _predict(capsys, str(run), str(csv), "--interval", "0.9")
    onnx_path = _predict(capsys, str(run), str(csv), "--interval", "0.9", "--onnx", str(onnx))
    assert list(onnx_path.columns) == ["step", "time", "load", "load_lower", "load_upper"]
    for column in ("load", "load_lower", "load_upper"):
        relative = (onnx_path[column] - torch_path[column]).abs() / torch_path[column].abs()
        assert relative.max() <= 1e-4
    assert (torch_path["load_lower"] < torch_path["load"]).all()
    assert (torch_path["load"] < torch_path["load_upper"]).all()
    # exporting again over the file needs --overwrite
    assert main(["export", str(run), "--onnx", str(onnx)]) == 2
    assert "already exists; pass another --onnx or --overwrite" in capsys.readouterr().err


@pytest.mark.slow
def test_a_sequence_run_exports_and_predicts_through_onnx(tmp_path, capsys):
    train, run, onnx = tmp_path / "train.csv", tmp_path / "run", tmp_path / "s.onnx"
    make_sequence_frame(seed=1).to_csv(train, index=False)  # sequences of 4..20 steps
    assert main(["fit", str(train), *SEQUENCE, "--out", str(run), "--json"]) == 0
    assert main(["export", str(run), "--onnx", str(onnx)]) == 0
    capsys.readouterr()
    torch_path = _predict(capsys, str(run), str(train))
    onnx_path = _predict(capsys, str(run), str(train), "--onnx", str(onnx))
    pd.testing.assert_frame_equal(onnx_path, torch_path, rtol=1e-4, atol=1e-6)
    assert main(["predict", str(run), str(train), "--interval", "0.9"]) == 2
    assert "--interval applies to forecasting runs" in capsys.readouterr().err
