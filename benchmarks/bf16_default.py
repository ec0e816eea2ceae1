"""Should bf16 autocast be the default where the CPU has native bf16? Validation loss and
epoch time of ``Forecaster.fit`` in fp32 and bf16, over seeds and datasets.

Each (dataset, seed) is fitted twice, fp32 then bf16, with the library's defaults (2x64
LSTM, batch 64, lookback 96, horizon 24) for a fixed number of epochs (no early stopping, so
both see the same number of updates). Reported per dataset: the best validation MSE of each
fit, the mean relative difference bf16 vs fp32 and its spread over seeds, and the median
epoch-time ratio fp32/bf16 (>1: bf16 faster). The CPU's bf16 flags (``avx512_bf16``,
``amx_bf16``) are read from /proc/cpuinfo. Datasets: the first 3000 rows of ETTh1 (target
OT) and of the demo frame (target load, covariate temperature). ``os.getloadavg()`` before
and after: on a shared machine compare ratios within a run.

    python benchmarks/bf16_default.py [--seeds 0,1,2] [--epochs 4]

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from pathlib import Path

import pandas as pd
import torch

from lstm_doctor import Forecaster
from lstm_doctor.data.demo import make_demo_frame
from lstm_doctor.training.threads import set_threads

ETTH1 = Path(__file__).resolve().parents[2] / "shared" / "data" / "ETTh1.csv"
ROWS = 3000


def _cpu_flags() -> list[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return []
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "")
    return sorted({f for f in flags.split() if "bf16" in f or f.startswith("amx")})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--etth1", type=Path, default=ETTH1)
    args = parser.parse_args()
    set_threads(args.threads)
    datasets = {
        "etth1": (pd.read_csv(args.etth1).head(ROWS), {"target": "OT", "time": "date"}),
        "demo": (
            make_demo_frame().head(ROWS),
            {"target": "load", "time": "time", "covariates": "temperature"},
        ),
    }
    result: dict[str, object] = {
        "benchmark": "bf16_default",
        "cpu_bf16_flags": _cpu_flags(),
        "torch": torch.__version__,
        "setup": f"Forecaster defaults (2x64, batch 64, lookback 96, horizon 24), first {ROWS} "
        f"rows, {args.epochs} epochs, no early stopping, {args.threads} thread(s)",
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }
    for name, (frame, columns) in datasets.items():
        val: dict[str, list[float]] = {"fp32": [], "bf16": []}
        seconds: dict[str, list[float]] = {"fp32": [], "bf16": []}
        for seed in (int(s) for s in args.seeds.split(",")):
            for precision in ("fp32", "bf16"):
                model = Forecaster(seed=seed, precision=precision, epochs=args.epochs,
                                   patience=None).fit(frame, **columns)  # fmt: skip
                val[precision].append(min(model.history_.column("val_loss")))
                seconds[precision].extend(model.history_.column("seconds"))
        relative = [b / f - 1.0 for f, b in zip(val["fp32"], val["bf16"], strict=True)]
        result[name] = {
            "val_mse_fp32": [round(v, 5) for v in val["fp32"]],
            "val_mse_bf16": [round(v, 5) for v in val["bf16"]],
            "bf16_vs_fp32_mean_pct": round(100 * statistics.mean(relative), 2),
            "bf16_vs_fp32_range_pct": [
                round(100 * min(relative), 2),
                round(100 * max(relative), 2),
            ],
            "speedup_bf16": round(
                statistics.median(seconds["fp32"]) / statistics.median(seconds["bf16"]), 3
            ),
        }
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
