"""Training throughput: lstm-doctor's loop vs a minimal hand-written PyTorch loop.

Same model (2x64 LSTM, linear head), lookback 96, horizon 24, batch 64, same data (the
built-in demo series, 8000 hourly rows, 2 features), 1 and 2 threads. The bare loop uses
preloaded tensors, ``unfold`` windows and random batches, and nothing else. lstm-doctor's
loop runs with its defaults (gradient clipping at 1.0, gradient-norm and loss bookkeeping).
Both do the same work per epoch: one pass over the training windows and one no-grad pass
over the validation windows. The two alternate epoch by epoch, so machine noise hits both
alike, and the median epoch time of each is kept. Prints one JSON line.

    python benchmarks/train_throughput.py [--epochs 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import statistics
import time

import numpy as np
import torch
from torch import nn

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.data import make_demo_frame, make_windows
from lstm_doctor.models import build_model
from lstm_doctor.training import train

LOOKBACK, HORIZON, BATCH = 96, 24, 64


def _data() -> tuple[torch.Tensor, np.ndarray, np.ndarray]:
    frame = make_demo_frame(n_hours=8000)
    values = frame[["load", "temperature"]].to_numpy(dtype=np.float64)
    values = (values - values[:6000].mean(0)) / values[:6000].std(0)
    bounds = np.array([[6000, 6400, 8000]])
    return torch.from_numpy(values.astype(np.float32)), np.array([0, 8000]), bounds


def bare_epoch(
    model: nn.Module, data: torch.Tensor, starts: torch.Tensor, val_starts: torch.Tensor, opt
) -> float:
    """One epoch of the minimal loop (train pass + validation pass); returns its seconds."""
    windows = data.unfold(0, LOOKBACK + HORIZON, 1).transpose(1, 2)  # (pos, width, feat)
    started = time.perf_counter()
    model.train()
    for idx in torch.randperm(len(starts)).split(BATCH):
        w = windows[starts[idx]]
        x, y = w[:, :LOOKBACK], w[:, LOOKBACK:, :1]
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        for idx in val_starts.split(1024):
            w = windows[idx]
            nn.functional.mse_loss(model(w[:, :LOOKBACK]), w[:, LOOKBACK:, :1])
    return time.perf_counter() - started


def measure(threads: int, epochs: int, precision: str) -> dict[str, float]:
    torch.set_num_threads(threads)
    data, offsets, bounds = _data()
    common = {"lookback": LOOKBACK, "horizon": HORIZON, "n_targets": 1}
    train_w = make_windows(data, offsets, bounds, split="train", **common)
    val_w = make_windows(data, offsets, bounds, split="val", **common)
    model_config = ModelConfig(layers=2, units=64)
    torch.manual_seed(0)
    ours_model = build_model(model_config, 2, 1, HORIZON)
    torch.manual_seed(0)
    bare_model = build_model(model_config, 2, 1, HORIZON)
    bare_opt = torch.optim.Adam(bare_model.parameters(), lr=1e-3)
    config = TrainConfig(epochs=1, patience=None, batch_size=BATCH, precision=precision)
    ours, bare = [], []
    for epoch in range(epochs):
        history = train(ours_model, train_w, val_w, dataclasses.replace(config, seed=epoch))
        ours.append(history.rows[0]["seconds"])
        bare.append(bare_epoch(bare_model, data, train_w.starts, val_w.starts, bare_opt))
    n = len(train_w)
    return {
        "ours_windows_per_s": n / statistics.median(ours),
        "bare_windows_per_s": n / statistics.median(bare),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    result: dict[str, object] = {
        "benchmark": "train_throughput",
        "model": "2x64 LSTM, lookback 96, horizon 24, batch 64",
        "machine": f"{cpu}, {torch.get_num_threads()} threads available",
        "torch": torch.__version__,
        "epochs_each": args.epochs,
    }
    for threads in (1, 2):
        fp32 = measure(threads, args.epochs, "fp32")
        bf16 = measure(threads, args.epochs, "bf16")
        result[f"threads_{threads}"] = {
            "bare_fp32_windows_per_s": round(fp32["bare_windows_per_s"], 1),
            "ours_fp32_windows_per_s": round(fp32["ours_windows_per_s"], 1),
            "ratio_fp32": round(fp32["ours_windows_per_s"] / fp32["bare_windows_per_s"], 3),
            "ours_bf16_windows_per_s": round(bf16["ours_windows_per_s"], 1),
            "bf16_speedup": round(bf16["ours_windows_per_s"] / fp32["ours_windows_per_s"], 3),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
