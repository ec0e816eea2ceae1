"""Threads vs model size through ``Forecaster.fit``: what the automatic thread count rests on.

For each model size, one-epoch fits on the first 3000 rows of ETTh1 (target OT; lookback
96, horizon 24, batch 64) at each thread count, alternating (1, 2, 1, 2, ...) so machine
noise hits both alike; the epoch time is the History's ``seconds`` (training and
validation passes), the median over the repeats. Reported per size: the multiply-adds of one
LSTM time step (``step_macs``), windows/s at each thread count, the speed-up of the most
threads over one, the thread count the automatic policy picks here, and whether the fits at
1 and at more threads recorded the same validation loss (thread count and numerics).
``os.getloadavg()`` is read before and after: on a shared machine a multi-thread figure is
contended, so read the ratios, not the absolute rates.

    python benchmarks/thread_policy.py [--sizes 1x16,1x64,2x64,2x128] [--repeats 2] [--threads 1,2]

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
from pathlib import Path

import pandas as pd
import torch

from lstm_doctor import Forecaster
from lstm_doctor.config import ModelConfig
from lstm_doctor.models.lstm import build_model
from lstm_doctor.training.threads import (
    MACS_PER_THREAD,
    available_cpus,
    choose_threads,
    set_threads,
    step_macs,
)

ETTH1 = Path(__file__).resolve().parents[2] / "shared" / "data" / "ETTh1.csv"
LOOKBACK, HORIZON, BATCH, ROWS = 96, 24, 64, 3000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1x16,1x64,2x64,2x128")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--etth1", type=Path, default=ETTH1)
    args = parser.parse_args()
    frame = pd.read_csv(args.etth1).head(ROWS)
    counts = [int(t) for t in args.threads.split(",")]
    cpus = available_cpus()
    result: dict[str, object] = {
        "benchmark": "thread_policy",
        "data": f"ETTh1 OT, first {ROWS} rows; lookback {LOOKBACK}, horizon {HORIZON}, "
        f"batch {BATCH}; one-epoch Forecaster.fit, {args.repeats} repeats alternating",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {cpus} available, "
        "shared with other jobs",
        "torch": torch.__version__,
        "macs_per_thread": MACS_PER_THREAD,
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }
    for size in args.sizes.split(","):
        layers, units = (int(x) for x in size.split("x"))
        macs = step_macs(build_model(ModelConfig(layers=layers, units=units), 1, 1, HORIZON), BATCH)
        seconds: dict[int, list[float]] = {n: [] for n in counts}
        val_loss: dict[int, float] = {}
        n_windows = 0
        for _ in range(args.repeats):
            for n in counts:
                set_threads(n)
                forecaster = Forecaster(lookback=LOOKBACK, horizon=HORIZON, batch_size=BATCH,
                                        layers=layers, units=units, epochs=1)  # fmt: skip
                forecaster.fit(frame, target="OT", time="date")
                seconds[n].append(forecaster.history_.rows[0]["seconds"])
                val_loss[n] = forecaster.history_.rows[0]["val_loss"]
                n_windows = forecaster.metrics_["training"]["n_windows"]["train"]
        rates = {n: n_windows / statistics.median(seconds[n]) for n in counts}
        result[size] = {
            "step_macs": macs,
            **{f"threads_{n}_windows_per_s": round(rates[n], 1) for n in counts},
            "speedup_most_threads": round(rates[max(counts)] / rates[min(counts)], 3),
            "auto_threads_here": choose_threads(macs, cpus),
            "same_val_loss_across_threads": len(set(val_loss.values())) == 1,
        }
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
