"""Sequence training throughput: ``SequenceClassifier.fit`` vs a minimal PyTorch loop.

The product path is what users run: ``SequenceClassifier.fit`` on the JapaneseVowels
training file (../shared/data/JapaneseVowels_train.csv) with the LSTM encoder (1x64
bidirectional LSTM, dropout 0.2, batch 16, label smoothing 0.1, jitter 0.1, bucketed
batches, per-epoch validation), one member and no refit so that one fit is one loop. The
minimal loop trains the same network (``build_sequence_model``, same settings, Adam at the
same lr) on as many sequences of the same file, scaled alike: random batches padded to
their longest sequence, ``model(x, lengths)``, cross-entropy, and one no-grad pass over as
many validation sequences as the product path holds out. Nothing else.

Epochs alternate: the minimal loop runs one epoch inside the estimator's ``on_epoch`` after
each of its epochs; each path's epoch time is the median of its epoch times. The estimator
also runs with ``precision="bf16"`` (autocast; the speed-up needs AVX512-BF16 or AMX).
1 and 2 threads; ``os.getloadavg()`` before and after: on a shared machine, compare ratios.

    python benchmarks/sequence_throughput.py [--epochs 6] [--threads 1,2]

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

import pandas as pd
import torch
from torch import nn

from lstm_doctor import SequenceClassifier
from lstm_doctor.config import ModelConfig
from lstm_doctor.config.sequence import SequenceConfig
from lstm_doctor.data.sequence_scale import apply_sequence_scaler, fit_sequence_scaler
from lstm_doctor.data.sequences import SequenceSet, build_sequences
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.training.threads import set_threads

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "JapaneseVowels_train.csv"
COLUMNS = {"sequence": "sequence_id", "label": "label", "time": "t"}
# The encoder the minimal loop implements: the plain LSTM (the classify default is now the
# LSTM-FCN with summary features, which the minimal loop does not reproduce).
SETTINGS = {
    "ensemble": 1,
    "refit": False,
    "patience": None,
    "encoder": "lstm",
    "summary_features": False,
}


class MinimalLoop:
    """Random padded batches through the same network; Adam; cross-entropy; validation."""

    def __init__(self, every: SequenceSet, n_train: int, n_val: int, lr: float, batch: int):
        every = apply_sequence_scaler(fit_sequence_scaler("standard", every), every)
        order = torch.randperm(len(every.lengths), generator=torch.Generator().manual_seed(0))
        self.values, self.lengths = every.values[order], every.lengths[order]
        self.labels = torch.from_numpy(every.labels)[order]
        self.n_train, self.n_val, self.batch = n_train, n_val, batch
        torch.manual_seed(0)
        model_config = ModelConfig(layers=1, units=64, bidirectional=True, dropout=0.2)
        n_classes = len(every.classes)
        self.model = build_sequence_model(model_config, every.values.shape[2], n_classes, "last")
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)

    def _forward(self, index: torch.Tensor) -> torch.Tensor:
        lengths = self.lengths[index]
        return self.model(self.values[index, : int(lengths.max())], lengths)

    def epoch(self) -> float:
        started = time.perf_counter()
        self.model.train()
        for index in torch.randperm(self.n_train).split(self.batch):
            loss = nn.functional.cross_entropy(self._forward(index), self.labels[index])
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
        self.model.eval()
        with torch.no_grad():
            val = torch.arange(self.n_train, self.n_train + self.n_val)
            for index in val.split(256):
                nn.functional.cross_entropy(self._forward(index), self.labels[index])
        return time.perf_counter() - started


def measure(path: Path, threads: int, epochs: int) -> dict[str, object]:
    set_threads(threads)  # explicit: the automatic thread choice stays off
    probe = SequenceClassifier(**SETTINGS, epochs=1).fit(path, **COLUMNS)  # split sizes
    config = SequenceConfig(label="label", sequence_id="sequence_id", time="t")
    every = build_sequences(pd.read_csv(path), config)
    n_val = int(probe.metrics_["val"]["n"])
    n_train = len(every.lengths) - n_val - int(probe.metrics_["test"]["n"])
    settings = probe.resolved_settings()
    bare = MinimalLoop(every, n_train, n_val, settings["lr"], settings["batch_size"])
    load_before = os.getloadavg()
    result: dict[str, object] = {"n_train_sequences": n_train, "n_val_sequences": n_val}
    for precision in ("fp32", "bf16"):
        bare_seconds: list[float] = []
        estimator = SequenceClassifier(**SETTINGS, epochs=epochs, precision=precision).fit(
            path,
            **COLUMNS,
            evaluate_test=False,
            on_epoch=lambda _row, times=bare_seconds: times.append(bare.epoch()),
        )
        ours = statistics.median(estimator.history_.column("seconds"))
        if precision == "fp32":
            result["minimal_sequences_per_s"] = round(n_train / statistics.median(bare_seconds), 1)
            result["api_fp32_sequences_per_s"] = round(n_train / ours, 1)
            result["api_fp32_ratio"] = round(statistics.median(bare_seconds) / ours, 3)
        else:
            fp32 = result["api_fp32_sequences_per_s"]
            result["api_bf16_sequences_per_s"] = round(n_train / ours, 1)
            result["bf16_speedup"] = round(n_train / ours / fp32, 3)  # type: ignore[operator]
            result["api_bf16_ratio"] = round(statistics.median(bare_seconds) / ours, 3)
    result["loadavg_before"] = [round(x, 2) for x in load_before]
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--data", type=Path, default=DATA, help="JapaneseVowels_train.csv")
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    result: dict[str, object] = {
        "benchmark": "sequence_throughput",
        "data": args.data.name,
        "model": "1x64 bidirectional LSTM, last pooling, batch 16 (the LSTM encoder)",
        "machine": f"{cpu}, {os.cpu_count()} CPUs, shared with other jobs",
        "torch": torch.__version__,
        "epochs_each": args.epochs,
    }
    for threads in (int(t) for t in args.threads.split(",")):
        result[f"threads_{threads}"] = measure(args.data, threads, args.epochs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
