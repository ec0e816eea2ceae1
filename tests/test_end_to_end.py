"""Slow end-to-end runs: the real CLI on the real benchmark data and on the demo."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from fast_settings import SHARED_DATA
from lstm_doctor.cli import main

pytestmark = pytest.mark.slow


def test_etth1_protocol_baselines_match_the_standard_values(tmp_path, capsys) -> None:
    """On the ETT protocol, naive and seasonal naive have known, independently computed MSEs.

    If these differ in the third digit, the split, the scaler or the windows differ from the
    standard protocol. One epoch keeps the run short; the baselines do not depend on it.
    """
    path = SHARED_DATA / "ETTh1.csv"
    if not path.exists():
        pytest.skip(f"{path} is not here")
    code = main(["fit", str(path), "--target", "OT", "--time", "date", "--lookback", "96",
                 "--horizon", "24", "--split", "8640,2880,2880", "--epochs", "1",
                 "--out", str(tmp_path / "run"), "--json"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["season"] == 24
    assert out["n_windows"] == {"val": 2857, "test": 2857}
    assert round(out["baselines"]["naive"]["mse"], 4) == 0.0343
    assert round(out["baselines"]["seasonal_naive"]["mse"], 4) == 0.0458
    # Scaled and original units agree through the training std of OT (9.176).
    ratio = out["original_units"]["baselines"]["naive"]["mse"] / out["baselines"]["naive"]["mse"]
    assert ratio == pytest.approx(9.176**2, rel=1e-3)
    assert out["metrics"]["test"]["mse"] > 0


def test_demo_command_fits_and_saves(tmp_path, capsys) -> None:
    code = main(["demo", "--epochs", "2", "--out", str(tmp_path / "demo"), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["season"] == 24
    assert (tmp_path / "demo" / "model.safetensors").is_file()


def test_a_sigkilled_fit_resumes_to_the_same_result(demo_frame, tmp_path) -> None:
    """Kill the real CLI process mid-training; --resume ends where an uninterrupted run ends."""
    csv = tmp_path / "demo.csv"
    demo_frame.to_csv(csv, index=False)
    flags = ["--target", "load", "--time", "time", "--lookback", "48", "--horizon", "12",
             "--layers", "2", "--units", "32", "--epochs", "8", "--patience", "0",
             "--json"]  # fmt: skip
    command = [sys.executable, "-m", "lstm_doctor.cli", "fit", str(csv), *flags]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}

    whole = subprocess.run([*command, "--out", str(tmp_path / "whole")], env=env,
                           capture_output=True, text=True, check=True)  # fmt: skip
    expected = json.loads(whole.stdout)

    out = tmp_path / "killed"
    checkpoint = tmp_path / "killed.checkpoint.safetensors"
    process = subprocess.Popen([*command, "--out", str(out)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 120
    while not checkpoint.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert checkpoint.exists() and not out.exists(), "the run was not killed mid-training"

    resumed = subprocess.run([*command, "--out", str(out), "--resume"], env=env,
                             capture_output=True, text=True, check=True)  # fmt: skip
    result = json.loads(resumed.stdout)
    assert result["metrics"] == expected["metrics"]
    assert result["training"]["epochs"] == 8
    assert not checkpoint.exists()
