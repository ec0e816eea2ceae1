"""Inference speed: torch vs onnxruntime, windows per second, 1 thread.

Two fitted forecasters (one training epoch: weights do not change the speed), lookback 96,
horizon 24, one target: ``small`` (1 layer x 32 units) and ``large`` (2 layers x 256
units). Each is exported with ``Forecaster.export_onnx``. Two measurements per model and
batch size (1 and 256 windows):

- ``predict``: the estimator path users run, ``Forecaster.predict(frame)`` vs
  ``Forecaster.predict(frame, onnx=FILE)``, on a panel of 1 or 256 series (one window per
  series): reading, validation and scaling included, the same for both engines.
- ``model``: the forward pass alone, the model on a tensor vs the onnxruntime session on
  the same array (what a deployment without torch runs, after its own scaling).

torch and onnxruntime both run with 1 thread. The arms alternate call by call, so machine
noise hits both alike; the median call time of each is kept. Prints one JSON line.

    python benchmarks/inference.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnxruntime
import pandas as pd
import torch

from lstm_doctor import Forecaster
from lstm_doctor.export.onnx import load_session, run_session

LOOKBACK, HORIZON, N_SERIES = 96, 24, 256
MODELS = {"small": {"layers": 1, "units": 32}, "large": {"layers": 2, "units": 256}}


def _panel(n_series: int, n_rows: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t = np.arange(n_rows)
    parts = [
        pd.DataFrame(
            {
                "sid": f"s{i}",
                "t": t,
                "y": 10 + np.sin(2 * np.pi * (t + i) / 24) + rng.normal(0, 0.2, n_rows),
            }
        )
        for i in range(n_series)
    ]
    return pd.concat(parts, ignore_index=True)


def _median_seconds(calls: dict[str, Callable[[], object]], budget: float) -> dict[str, float]:
    """Alternate the calls until ``budget`` seconds have passed; median seconds per call."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():  # warm-up
        call()
    deadline = time.perf_counter() + budget
    while time.perf_counter() < deadline or min(len(v) for v in times.values()) < 5:
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(v) for name, v in times.items()}


def _measure(
    forecaster: Forecaster, onnx: Path, session: object, frame: pd.DataFrame, budget: float
) -> dict[str, dict]:
    """Windows per second of the four arms on ``frame`` (one window per series)."""
    batch = frame["sid"].nunique()
    model = forecaster.model_.eval()
    x = torch.randn(batch, LOOKBACK, 1)

    def torch_forward() -> object:
        with torch.no_grad():
            return model(x)

    seconds = _median_seconds(
        {
            "predict_torch": lambda: forecaster.predict(frame),
            "predict_onnx": lambda: forecaster.predict(frame, onnx=onnx),
            "model_torch": torch_forward,
            "model_onnx": lambda: run_session(session, x.numpy()),
        },
        budget,
    )
    rates = {k: round(batch / v, 1) for k, v in seconds.items()}
    return {
        "windows_per_s": rates,
        "onnx_over_torch": {
            "predict": round(rates["predict_onnx"] / rates["predict_torch"], 2),
            "model": round(rates["model_onnx"] / rates["model_torch"], 2),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="per measurement and arm")
    args = parser.parse_args()
    torch.set_num_threads(1)
    train_frame = _panel(N_SERIES, 200)
    recent = {1: _panel(1, LOOKBACK, seed=1), N_SERIES: _panel(N_SERIES, LOOKBACK, seed=1)}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, shape in MODELS.items():
            forecaster = Forecaster(
                lookback=LOOKBACK, horizon=HORIZON, split="0.6,0.2,0.2", epochs=1, **shape
            ).fit(train_frame, target="y", time="t", id="sid")
            onnx = forecaster.export_onnx(Path(tmp) / f"{name}.onnx")
            session = load_session(onnx, threads=1)
            row = {
                f"batch_{batch}": _measure(forecaster, onnx, session, frame, args.seconds)
                for batch, frame in recent.items()
            }
            results[name] = {**shape, **row}
    print(
        json.dumps(
            {
                "benchmark": "inference",
                "lookback": LOOKBACK,
                "horizon": HORIZON,
                "threads": 1,
                "models": results,
                "torch": torch.__version__,
                "onnxruntime": onnxruntime.__version__,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
                "loadavg": [round(v, 2) for v in os.getloadavg()],
                "note": "shared machine: compare ratios within this run only",
            }
        )
    )


if __name__ == "__main__":
    main()
