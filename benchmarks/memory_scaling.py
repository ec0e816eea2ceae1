"""Peak memory of building the training windows for 1e5, 1e6 and 1e7 points, lookback 512.

Each size runs in a fresh child process (peak RSS only ever grows within a process). The
child goes through the real pipeline on a DataFrame: validate -> split -> fit scaler ->
training windows, then gathers one batch. Windows are views, so memory must grow with the
number of points, not with lookback x points (materialized windows at 1e7 points would take
1e7 x 536 x 4 bytes = 21 GB). Prints one JSON line.

    python benchmarks/memory_scaling.py
"""

from __future__ import annotations

import json
import subprocess
import sys

LOOKBACK, HORIZON = 512, 24
SIZES = (100_000, 1_000_000, 10_000_000)

_CHILD = """
import json, resource, sys
import numpy as np, pandas as pd, torch
from lstm_doctor.config import DataConfig
from lstm_doctor.data import validate_frame
from lstm_doctor.data.prepare import prepare

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

n, lookback, horizon = (int(a) for a in sys.argv[1:4])
imported = peak_mb()
frame = pd.DataFrame({"y": np.random.default_rng(0).normal(size=n).cumsum()})
config = DataConfig(target=("y",), lookback=lookback, horizon=horizon)
prepared = prepare(validate_frame(frame, config), config)
windows = prepared.windows("train")
x, y = windows.batch(torch.arange(64))
print(json.dumps({"points": n, "windows": len(windows), "peak_rss_mb": peak_mb(),
                  "after_imports_mb": imported,
                  "shares_storage": windows.view.untyped_storage().data_ptr()
                  == prepared.data.untyped_storage().data_ptr()}))
"""


def main() -> None:
    runs = []
    for n in SIZES:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(n), str(LOOKBACK), str(HORIZON)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    small, large = runs[-2], runs[-1]
    per_point = (
        (large["peak_rss_mb"] - small["peak_rss_mb"]) * 2**20 / (large["points"] - small["points"])
    )
    materialized_gb = SIZES[-1] * (LOOKBACK + HORIZON) * 4 / 1e9
    print(
        json.dumps(
            {
                "benchmark": "memory_scaling",
                "lookback": LOOKBACK,
                "horizon": HORIZON,
                "peak_rss_mb": {str(r["points"]): round(r["peak_rss_mb"], 1) for r in runs},
                "after_imports_mb": round(runs[0]["after_imports_mb"], 1),
                "bytes_per_point_1e6_to_1e7": round(per_point, 1),
                "materialized_windows_would_need_gb_at_1e7": round(materialized_gb, 1),
                "windows_share_storage": all(r["shares_storage"] for r in runs),
            }
        )
    )


if __name__ == "__main__":
    main()
