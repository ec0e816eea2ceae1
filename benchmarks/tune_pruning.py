"""Does pruning pay? The same TPE search on ETTh1 with each pruner and without one.

ETTh1, univariate OT, lookback 96, horizon 24, split 8640,2880,2880 (the standard protocol).
Every search runs the same number of trials from the same sampler seed over the same space;
each trial trains up to ``--epochs`` epochs with early stopping (``--patience``; both default
to the library's defaults, 100 and 10, as a user's trials would). Prints one JSON line:
best validation MSE and search time of each, and their ratios. Goal: pruning reaches the same
best val loss (within 2%) in at most half the time.

The machine may be shared: CPU seconds (this process and its threads) are reported beside
wall seconds; the searches alternate trial by trial to see the same load.

    python benchmarks/tune_pruning.py [--trials 20] [--epochs 100] [--patience 10]
                                      [--pruners asha,median,hyperband] [--dump DIR]
                                      [--quick]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import optuna
import pandas as pd
import torch

from lstm_doctor.api.forecast_tune import TuneJob, tune_objective
from lstm_doctor.config import TrainConfig
from lstm_doctor.treatment.search import SearchConfig, make_pruner, make_sampler
from lstm_doctor.treatment.search_space import parse_space, space_start
from lstm_doctor.treatment.study_report import trials_frame

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ETTh1.csv"
PROTOCOL = {"lookback": 96, "horizon": 24, "split": "8640,2880,2880"}
SPACE = parse_space(
    {
        "layers": {"type": "int", "low": 1, "high": 2},
        "units": {"type": "categorical", "choices": [16, 32, 64]},
        "dropout": {"type": "float", "low": 0.0, "high": 0.5},
        "weight_decay": {"type": "float", "low": 1e-6, "high": 1e-2, "log": True},
        "lr": {"type": "float", "low": 1e-4, "high": 3e-2, "log": True},
        "batch_size": {"type": "categorical", "choices": [64, 128]},
        "normalization": {"type": "categorical", "choices": ["none", "revin", "last_value"]},
    },
    "benchmark space",
)


def _study(pruner: str, trials: int, epochs: int, seed: int) -> optuna.Study:
    study = optuna.create_study(
        direction="minimize",
        sampler=make_sampler("tpe", seed, n_startup=min(10, max(3, trials // 4)), parallel=False),
        pruner=make_pruner(pruner, n_trials=trials, max_epochs=epochs),
    )
    # The defaults first, never pruned, as tune does.
    study.enqueue_trial(space_start(SPACE, {}), user_attrs={"first": True})
    return study


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    # The library's defaults: what a user's trials run to (early stopping ends most sooner).
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    parser.add_argument("--patience", type=int, default=TrainConfig.patience)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="stride 8, 8 trials, 6 epochs")
    parser.add_argument("--dump", type=Path, help="write each arm's trials.csv into DIR")
    parser.add_argument("--pruners", default="asha,median", help="pruned arms, e.g. asha,median")
    args = parser.parse_args()
    if args.quick:
        args.trials, args.epochs = 8, 6
    torch.set_num_threads(1)
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    frame = pd.read_csv(DATA)
    fixed = {**PROTOCOL, "epochs": args.epochs, "patience": args.patience, "seed": args.seed}
    if args.quick:
        fixed["stride"] = 8
    columns = {"target": ("OT",), "time": "date"}
    runs = {}
    arms = [*args.pruners.split(","), "none"]
    for name in arms:
        job = TuneJob(
            data=frame, columns=columns, fixed=fixed, space=SPACE, storage="", study=name,
            search=SearchConfig(trials=args.trials), sampler_seed=args.seed, parallel=False,
            threads=1,
        )  # fmt: skip
        runs[name] = {
            "study": _study(name, args.trials, args.epochs, args.seed),
            "objective": tune_objective(frame, job),
            "wall": 0.0,
            "cpu": 0.0,
        }
    # Alternate trial by trial, so both searches see the same load on a shared machine.
    for _ in range(args.trials):
        for run in runs.values():
            wall, cpu = time.perf_counter(), time.process_time()
            run["study"].optimize(run["objective"], n_trials=1)
            run["wall"] += time.perf_counter() - wall
            run["cpu"] += time.process_time() - cpu

    def summary(run: dict) -> dict:
        study: optuna.Study = run["study"]
        states = [t.state.name.lower() for t in study.trials]
        epochs = sum(len(t.user_attrs.get("history", [])) for t in study.trials)
        return {
            "best_val_vs_naive": study.best_value,  # the objective: val MSE / naive's
            "best_val_mse": study.best_trial.user_attrs["val_mse"],
            "best_trial": study.best_trial.number,
            "wall_s": round(run["wall"], 1),
            "cpu_s": round(run["cpu"], 1),
            "epochs_trained": epochs,
            "complete": states.count("complete"),
            "pruned": states.count("pruned"),
        }

    if args.dump is not None:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name, run in runs.items():
            trials_frame(run["study"]).to_csv(args.dump / f"{name}.csv", index=False)
    plain = summary(runs["none"])
    line = {
        "benchmark": "tune_pruning",
        "data": "ETTh1 OT, lookback 96, horizon 24, split 8640,2880,2880",
        "trials": args.trials,
        "max_epochs": args.epochs,
        "patience": args.patience,
        "quick": args.quick,
        "sampler": "tpe",
        "seed": args.seed,
        "no_pruner": plain,
    }
    for name in arms[:-1]:
        pruned = summary(runs[name])
        line[f"{name}_pruner"] = {
            **pruned,
            "val_ratio": round(pruned["best_val_mse"] / plain["best_val_mse"], 4),
            "wall_ratio": round(pruned["wall_s"] / plain["wall_s"], 3),
            "cpu_ratio": round(pruned["cpu_s"] / plain["cpu_s"], 3),
            "goal_met": pruned["best_val_mse"] <= 1.02 * plain["best_val_mse"]
            and pruned["wall_s"] <= 0.5 * plain["wall_s"],
        }
    line.update(torch=torch.__version__, optuna=optuna.__version__, machine=platform.machine())
    print(json.dumps(line))


if __name__ == "__main__":
    main()
