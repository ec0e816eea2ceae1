"""Long-horizon ETT forecasting (the modern LTSF protocol), through the Forecaster.

ETTh1 / ETTm1 from ../shared/data, all 7 channels as targets, the standard split (train
12 months, val 4, test 4; val/test windows take their lookback from the split before), every
test window (stride 1, no dropped batch), MSE and MAE on the train-split z-scored values, as
RESULTS.md section B. One ``Forecaster.fit`` per (dataset, lookback, horizon, seed) with the
library's defaults plus ``--set`` overrides; one JSON line each, with the published figures.

    python benchmarks/ett_long_horizon.py [--datasets etth1,ettm1] [--lookbacks 720]
        [--horizons 96,192,336,720] [--seeds 0] [--set architecture=segment ...]
        [--targets OT]  # univariate (default: all 7 channels)
        [--val-only]    # model selection: the test split is never read
        [--speed N]     # throughput: N epochs, no early stopping, no scores
        [--threads 1]   # torch threads (1 for sweeps: the machine is shared)

``--val-only`` fits with ``evaluate_test=False``: defaults are tuned with it, on validation.
``--speed`` also times a minimal training loop (``minimal_loop``: the same windows, the same
model class and settings, plain Adam on the training loss, no validation) right after the
product path, so their ratio is measured under the same machine load; the full ``fit``'s
wall seconds (baselines, diagnosis and scoring included) are in the line as well.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import torch
from torch import nn

from lstm_doctor import Forecaster
from lstm_doctor.models import build_model

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ETT_COLUMNS = ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"]
DATASETS = {
    "etth1": {"file": "ETTh1.csv", "split": "8640,2880,2880"},
    "ettm1": {"file": "ETTm1.csv", "split": "34560,11520,11520"},
}
# RESULTS.md section B, test MSE / MAE per horizon.
PUBLISHED = {
    ("etth1", "SegRNN (L=720)"): {96: (0.351, 0.392), 192: (0.392, 0.414),
                                  336: (0.423, 0.433), 720: (0.466, 0.472)},
    ("etth1", "PatchTST/64"): {96: (0.370, 0.400), 192: (0.413, 0.429),
                               336: (0.422, 0.440), 720: (0.447, 0.468)},
    ("etth1", "SegRNN (L=96)"): {96: (0.368, 0.395), 192: (0.408, 0.419),
                                 336: (0.444, 0.440), 720: (0.446, 0.457)},
    ("ettm1", "SegRNN (L=720)"): {96: (0.293, 0.354), 192: (0.328, 0.378),
                                  336: (0.357, 0.399), 720: (0.410, 0.430)},
    ("ettm1", "PatchTST/64"): {96: (0.293, 0.346), 192: (0.333, 0.370),
                               336: (0.369, 0.392), 720: (0.416, 0.420)},
    ("ettm1", "SegRNN (L=96)"): {96: (0.330, 0.369), 192: (0.369, 0.392),
                                 336: (0.399, 0.412), 720: (0.454, 0.443)},
}  # fmt: skip


def _value(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False, "none": None}.get(text.lower(), text)


def _published(dataset: str, horizon: int) -> dict[str, list[float]]:
    return {
        name: list(rows[horizon])
        for (data, name), rows in PUBLISHED.items()
        if data == dataset and horizon in rows
    }


_LOSS_FUNCTIONS = {"mse": nn.functional.mse_loss, "mae": nn.functional.l1_loss,
                   "huber": nn.functional.huber_loss}  # fmt: skip


def minimal_loop(forecaster: Forecaster, data: Path, targets: list[str], epochs: int) -> float:
    """Windows per second of the smallest training loop on the fit's own windows and model.

    The yardstick for the product path: the same training windows (``Forecaster.prepare``),
    a fresh model of the same class and resolved settings, shuffled batches of the same
    size, Adam at the same learning rate on the same loss; nothing else (no validation, no
    clipping, no bookkeeping). Returns the median over epochs after the first.
    """
    config = forecaster.config_
    windows = forecaster.prepare(data, target=targets, time="date").windows("train")
    torch.manual_seed(config.train.seed)
    n_targets = windows.n_targets
    model = build_model(config.model, windows.data.shape[1], n_targets, windows.horizon,
                        lookback=windows.lookback, season=forecaster.season_)  # fmt: skip
    optimizer = torch.optim.Adam(model.parameters(), lr=config.train.lr)
    loss_function = _LOSS_FUNCTIONS[config.train.resolved_loss]
    batch_size, seconds = config.train.batch_size, []
    for _ in range(epochs):
        started = time.perf_counter()
        order = torch.randperm(len(windows))
        for first in range(0, len(windows), batch_size):
            x, y = windows.batch(order[first : first + batch_size])
            loss = loss_function(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - started)
    return len(windows) / statistics.median(seconds[1:] or seconds)


def run_one(
    dataset: str, lookback: int, horizon: int, seed: int, settings: dict[str, Any], args: Any
) -> dict[str, Any]:
    spec = DATASETS[dataset]
    options = {"lookback": lookback, "horizon": horizon, "split": spec["split"], "seed": seed}
    options.update(settings)
    if args.speed:
        options.update(epochs=args.speed, patience=None)
    forecaster = Forecaster(**options)
    started = time.perf_counter()
    forecaster.fit(
        DATA / spec["file"],
        target=args.targets.split(","),
        time="date",
        evaluate_test=not (args.val_only or args.speed),
        on_epoch=lambda row: print(  # progress on stderr; stdout holds the JSON lines
            f"{dataset} L{lookback} H{horizon} s{seed} epoch {row['epoch']:.0f} "
            f"val {row['val_loss']:.4f} {row['seconds']:.0f}s",
            file=sys.stderr,
            flush=True,
        ),
    )
    seconds = time.perf_counter() - started
    metrics, history = forecaster.metrics_, forecaster.history_
    resolved = forecaster.resolved_settings()
    n_train = metrics["training"]["n_windows"]["train"]
    line: dict[str, Any] = {
        "benchmark": "ett_long_horizon",
        "dataset": dataset,
        "targets": args.targets,
        "lookback": lookback,
        "horizon": horizon,
        "seed": resolved.get("seed", seed),  # --set seed=N wins over --seeds
        "settings": {k: resolved[k] for k in sorted(set(settings) | _SHOWN) if k in resolved},
        "val_mse": metrics["val"]["mse"],
        "val_mae": metrics["val"]["mae"],
        "epochs": len(history),
        "best_epoch": history.best_epoch,
        "stop_reason": history.stop_reason,
        "fit_seconds": round(seconds, 1),
        "train_seconds": round(metrics["training"]["seconds"], 1),
        "n_windows": metrics["n_windows"],
        "n_train_windows": n_train,
    }
    if "test" in metrics:
        line["test_mse"] = metrics["test"]["mse"]
        line["test_mae"] = metrics["test"]["mae"]
        if args.targets == ",".join(ETT_COLUMNS):
            line["published_test_mse_mae"] = _published(dataset, horizon)
        line["naive_test_mse"] = metrics["baselines"]["naive"]["mse"]
    if args.speed:
        epoch_seconds = history.column("seconds")
        # The first epoch warms up the allocator; the median of the rest is the figure.
        steady = statistics.median(epoch_seconds[1:] or epoch_seconds)
        channels = len(args.targets.split(","))
        line["epoch_seconds"] = [round(s, 2) for s in epoch_seconds]
        line["windows_per_s"] = round(n_train / steady, 1)
        line["channel_windows_per_s"] = round(n_train * channels / steady, 1)
        line["loadavg_product"] = [round(v, 2) for v in os.getloadavg()]
        minimal = minimal_loop(forecaster, DATA / spec["file"], args.targets.split(","),
                               args.speed)  # fmt: skip
        line["minimal_channel_windows_per_s"] = round(minimal * channels, 1)
        line["product_over_minimal"] = round(n_train / steady / minimal, 3)
    line.update(
        threads=torch.get_num_threads(),
        loadavg=[round(v, 2) for v in os.getloadavg()],
        machine=f"{platform.machine()} {os.cpu_count()} cpus (shared with other jobs)",
        torch=torch.__version__,
    )
    return line


_SHOWN = {"architecture", "segment_length", "decoder", "layers", "units", "normalization",
          "loss", "dropout", "batch_size", "lr", "epochs", "patience", "precision"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="etth1,ettm1")
    parser.add_argument("--lookbacks", default="720")
    parser.add_argument("--horizons", default="96,192,336,720")
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--targets", default=",".join(ETT_COLUMNS))
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--val-only", action="store_true")
    parser.add_argument("--speed", type=int, default=0, metavar="EPOCHS")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    settings = {}
    for item in args.set:
        name, _, text = item.partition("=")
        settings[name.strip()] = _value(text.strip())
    for dataset in args.datasets.split(","):
        for lookback in (int(v) for v in args.lookbacks.split(",")):
            for horizon in (int(v) for v in args.horizons.split(",")):
                for seed in (int(v) for v in args.seeds.split(",")):
                    line = run_one(dataset, lookback, horizon, seed, settings, args)
                    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
