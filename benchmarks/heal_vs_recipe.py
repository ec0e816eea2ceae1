"""heal vs the textbook recipe vs naive baselines, on the standard protocols of ../shared/data.

For each dataset (one JSON line each), test MSE in scaled units, as the papers report:
(a) the textbook recipe with our trainer: 2x64 LSTM, dropout 0.2, L2 1e-3 on the kernels,
    Adam 1e-3, early stopping patience 10 with the best weights restored;
(b) heal with a time budget (it never reads the test split until it scores its winner);
(c) last-value and seasonal naive on the same windows;
(d) the published figures of ../shared/data/RESULTS.md for that setting.

    python benchmarks/heal_vs_recipe.py [--datasets etth1_s,etth1_m,ettm1_m,eustock] [--budget 20]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import torch

from lstm_doctor import Forecaster
from lstm_doctor.api.forecast_heal import TEXTBOOK_RECIPE, heal

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ETT_COLUMNS = ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"]
RECIPE = TEXTBOOK_RECIPE  # 2x64, dropout 0.2, L2 1e-3, Adam 1e-3, patience 10

DATASETS = {
    "etth1_s": {
        "file": "ETTh1.csv",
        "target": ["OT"],
        "time": "date",
        "lookback": 96,
        "horizon": 24,
        "split": "8640,2880,2880",
        "published": {"LSTMa": 0.114, "Informer": 0.098, "naive (computed)": 0.0343},
    },
    "etth1_m": {
        "file": "ETTh1.csv",
        "target": ETT_COLUMNS,
        "time": "date",
        "lookback": 96,
        "horizon": 96,
        "split": "8640,2880,2880",
        "published": {
            "PatchTST/64": 0.370,
            "DLinear": 0.375,
            "SegRNN": 0.351,
            "GRU baseline (L=720)": 1.135,
            "repeat last": 1.295,
        },
    },
    "ettm1_m": {
        "file": "ETTm1.csv",
        "target": ETT_COLUMNS,
        "time": "date",
        "lookback": 96,
        "horizon": 96,
        "split": "34560,11520,11520",
        "published": {
            "PatchTST/42": 0.290,
            "DLinear": 0.299,
            "SegRNN": 0.293,
            "repeat last": 1.214,
        },
    },
    "eustock": {
        "file": "EuStockMarkets.csv",
        "target": ["DAX"],
        "time": None,
        "lookback": 30,
        "horizon": 5,
        "split": "0.7,0.1,0.2",
        "published": {},
    },
}


def run(name: str, budget_minutes: float) -> dict:
    spec = DATASETS[name]
    path = DATA / spec["file"]
    data = {k: spec[k] for k in ("lookback", "horizon", "split")}
    columns = {"time": spec["time"]}

    started = time.perf_counter()
    recipe = Forecaster(**data, **RECIPE).fit(path, spec["target"], **columns)
    recipe_seconds = time.perf_counter() - started

    started = time.perf_counter()
    outcome = heal(path, spec["target"], **columns, **data, budget_minutes=budget_minutes)
    heal_seconds = time.perf_counter() - started
    healed = outcome.forecaster.metrics_

    baselines = recipe.metrics_["baselines"]
    naive = baselines["naive"]["mse"]
    return {
        "benchmark": "heal_vs_recipe",
        "dataset": name,
        "protocol": {**data, "target": spec["target"]},
        "test_mse": {
            "recipe": recipe.metrics_["test"]["mse"],
            "heal": healed["test"]["mse"],
            "naive": naive,
            "seasonal_naive": (baselines["seasonal_naive"] or {}).get("mse"),
        },
        "heal_vs_naive": 1 - healed["test"]["mse"] / naive,
        "published": spec["published"],
        "heal_steps": [
            {k: s.to_dict()[k] for k in ("finding", "change", "val_before", "val_after", "kept")}
            for s in outcome.steps
        ],
        "heal_final_settings": {
            k: v
            for k, v in outcome.forecaster.resolved_settings().items()
            if k
            in (
                "layers",
                "units",
                "dropout",
                "weight_drop",
                "lr",
                "normalization",
                "head",
                "weight_decay",
                "jitter",
                "lookback",
            )
        },
        "seconds": {"recipe": round(recipe_seconds), "heal": round(heal_seconds)},
        "budget_minutes": budget_minutes,
        "machine": f"{platform.machine()}, {torch.get_num_threads()} threads",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--budget", type=float, default=20.0, help="heal budget, minutes")
    args = parser.parse_args()
    for name in args.datasets.split(","):
        print(json.dumps(run(name, args.budget)), flush=True)


if __name__ == "__main__":
    main()
