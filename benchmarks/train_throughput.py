"""Training throughput of the product path vs a minimal hand-written PyTorch loop.

What users run: ``Forecaster.fit`` (with its per-epoch checkpoint, validation, then the
scoring, baselines and diagnosis after training) and ``lstm-doctor fit`` (a subprocess, with
its progress bar, checkpoint and run directory). The minimal loop trains the same model
(2x64 LSTM, linear head; lookback 96, horizon 24, batch 64, Adam 1e-3) on the same windows
(``Forecaster.prepare``'s train and val windows): preloaded tensors, ``unfold`` windows,
random batches, one no-grad validation pass per epoch, nothing else.

Epochs alternate: the minimal loop runs one epoch inside ``Forecaster.fit``'s ``on_epoch``
after each of the estimator's epochs (its time is not in the estimator's epoch time); the CLI
runs ``--epochs N`` in a subprocess with a minimal epoch before and after it. Each path's
epoch time is the median of its History's ``seconds`` (training pass plus validation pass);
``*_wall_per_epoch_s`` adds everything around training (setup, checkpoints, scoring,
diagnosis, saving; for the CLI also the start of the interpreter). Datasets: ETTh1 (target
OT, ../shared/data/ETTh1.csv) and the built-in demo frame (target load, covariate
temperature). Threads: 1 and 2. ``os.getloadavg()`` is read before and after each block: on
a shared machine, compare ratios within a block.

    python benchmarks/train_throughput.py [--epochs 3] [--datasets etth1,demo] [--threads 1,2]

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
from torch import nn

from lstm_doctor import Forecaster
from lstm_doctor.config import ModelConfig
from lstm_doctor.data.demo import make_demo_frame
from lstm_doctor.data.windows import Windows
from lstm_doctor.models.lstm import build_model
from lstm_doctor.training.threads import set_threads

LOOKBACK, HORIZON, BATCH = 96, 24, 64
ETTH1 = Path(__file__).resolve().parents[2] / "shared" / "data" / "ETTh1.csv"
SETTINGS = {"lookback": LOOKBACK, "horizon": HORIZON, "batch_size": BATCH, "layers": 2,
            "units": 64, "patience": None}  # fmt: skip


def _dataset(name: str, etth1: Path) -> tuple[Path, dict[str, object], list[str]]:
    """(file, fit columns, CLI column flags) of a dataset; the demo frame is written once."""
    if name == "etth1":
        return etth1, {"target": "OT", "time": "date"}, ["--target", "OT", "--time", "date"]
    path = Path(tempfile.gettempdir()) / "lstm_doctor_bench_demo.csv"
    if not path.exists():
        make_demo_frame().to_csv(path, index=False)
    columns = {"target": "load", "time": "time", "covariates": "temperature"}
    return path, columns, ["--target", "load", "--time", "time", "--covariates", "temperature"]


class MinimalLoop:
    """The hand-written loop: the same model and windows, nothing but the work."""

    def __init__(self, train: Windows, val: Windows, n_inputs: int, n_targets: int) -> None:
        torch.manual_seed(0)
        self.model = build_model(ModelConfig(layers=2, units=64), n_inputs, n_targets, HORIZON)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.n_targets = n_targets
        width = LOOKBACK + HORIZON
        self.windows = train.data.unfold(0, width, 1).transpose(1, 2)  # (position, width, feat)
        self.train_starts, self.val_starts = train.starts, val.starts

    def _xy(self, starts: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        w = self.windows[starts]
        return w[:, :LOOKBACK], w[:, LOOKBACK:, : self.n_targets]

    def epoch(self) -> float:
        started = time.perf_counter()
        self.model.train()
        for index in torch.randperm(len(self.train_starts)).split(BATCH):
            x, y = self._xy(self.train_starts[index])
            loss = nn.functional.mse_loss(self.model(x), y)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
        self.model.eval()
        with torch.no_grad():
            for starts in self.val_starts.split(1024):
                x, y = self._xy(starts)
                nn.functional.mse_loss(self.model(x), y)
        return time.perf_counter() - started


def _median_rate(n: int, seconds: list[float]) -> float:
    return round(n / statistics.median(seconds), 1)


def measure(name: str, threads: int, epochs: int, etth1: Path) -> dict[str, object]:
    """One dataset at one thread count: API, CLI and minimal loop, epochs alternating."""
    set_threads(threads)  # explicit: the automatic thread choice stays off
    path, columns, flags = _dataset(name, etth1)
    prepared = Forecaster(**SETTINGS).prepare(path, **columns)
    train, val = prepared.windows("train"), prepared.windows("val")
    bare = MinimalLoop(train, val, len(prepared.panel.columns), prepared.panel.n_targets)
    load_before = os.getloadavg()
    bare_seconds: list[float] = []

    def bare_epoch(_row: dict[str, float]) -> None:
        bare_seconds.append(bare.epoch())

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        api = Forecaster(**SETTINGS, epochs=epochs).fit(
            path, **columns, checkpoint=Path(tmp) / "ckpt.safetensors", on_epoch=bare_epoch
        )
        api_wall = time.perf_counter() - started - sum(bare_seconds)
        api_seconds = api.history_.column("seconds")

        bare_seconds.append(bare.epoch())
        command = [sys.executable, "-m", "lstm_doctor.cli", "--threads", str(threads), "fit",
                   str(path), *flags, "--lookback", str(LOOKBACK), "--horizon", str(HORIZON),
                   "--batch-size", str(BATCH), "--layers", "2", "--units", "64",
                   "--epochs", str(epochs), "--patience", "0", "--out", f"{tmp}/run"]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        cli_wall = time.perf_counter() - started
        bare_seconds.append(bare.epoch())
        with open(Path(tmp) / "run" / "history.csv", newline="") as handle:
            cli_seconds = [float(row["seconds"]) for row in csv.DictReader(handle)]
    n = len(train)
    bare_rate = _median_rate(n, bare_seconds)
    return {
        "n_train_windows": n,
        "minimal_windows_per_s": bare_rate,
        "api_windows_per_s": _median_rate(n, api_seconds),
        "cli_windows_per_s": _median_rate(n, cli_seconds),
        "api_ratio": round(_median_rate(n, api_seconds) / bare_rate, 3),
        "cli_ratio": round(_median_rate(n, cli_seconds) / bare_rate, 3),
        "minimal_epoch_s": round(statistics.median(bare_seconds), 2),
        "api_wall_per_epoch_s": round(api_wall / epochs, 2),
        "cli_wall_per_epoch_s": round(cli_wall / epochs, 2),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--datasets", default="etth1,demo")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--etth1", type=Path, default=ETTH1, help="path of ETTh1.csv")
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    result: dict[str, object] = {
        "benchmark": "train_throughput",
        "model": "2x64 LSTM, lookback 96, horizon 24, batch 64, fp32",
        "machine": f"{cpu}, {os.cpu_count()} CPUs, shared with other jobs",
        "torch": torch.__version__,
        "epochs_each": args.epochs,
    }
    for name in args.datasets.split(","):
        for threads in (int(t) for t in args.threads.split(",")):
            result[f"{name}_threads_{threads}"] = measure(name, threads, args.epochs, args.etth1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
