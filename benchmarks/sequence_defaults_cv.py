"""Choose the classification defaults by cross-validation on the JapaneseVowels TRAINING file.

The test file is never read. Stratified 5-fold cross-validation over the 270 training
sequences: each fold's held-out fifth is the "CV test"; the rest goes to
``SequenceClassifier.fit(..., test=held_out)``, which carves validation from it by the
library's own stratified split, exactly as ``lstm-doctor fit --test`` does. Each candidate
is ``BASE`` (the defaults before this choice) with one change, a one-at-a-time sweep; then
combinations built from the sweep itself: every change that ranks above the base, and the
best two of them. Three seeds per fold. Prints ONE JSON line: mean CV accuracy, mean CV
cross-entropy (log loss) and mean seconds per fit for each candidate, and the pick (best
mean accuracy; ties -> lower log loss, then faster).

``--ensemble`` runs the second round instead: ``BASE`` is the defaults chosen by the first
round (batch 16), and the candidates are the two remedies for a small training set, alone
and together: a 5-seed ensemble, a final refit on train + validation, and both.

Run with one thread (``OMP_NUM_THREADS=1``); ~10-25 minutes on a shared 2-core machine.
``--quick`` runs 2 folds, 1 seed and 2 candidates, to check the script.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from statistics import mean
from typing import Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor import SequenceClassifier

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "JapaneseVowels_train.csv"
COLUMNS = {"sequence": "sequence_id", "label": "label", "time": "t"}
N_FOLDS, SEEDS, FOLD_SEED = 5, (0, 1, 2), 12345
# The classify defaults before this choice (pooling "last", no class weights: the configs').
BASE = {"layers": 1, "units": 64, "bidirectional": True, "dropout": 0.2, "lr": 3e-3,
        "batch_size": 32, "patience": 20, "epochs": 150, "label_smoothing": 0.1,
        "jitter": 0.1, "pooling": "last"}  # fmt: skip
# One change at a time around the current defaults.
SWEEP: dict[str, dict[str, Any]] = {
    "base": {},
    "units=128": {"units": 128},
    "layers=2": {"layers": 2},
    "unidirectional": {"bidirectional": False},
    "pooling=mean": {"pooling": "mean"},
    "pooling=attention": {"pooling": "attention"},
    "label_smoothing=0": {"label_smoothing": 0.0},
    "jitter=0": {"jitter": 0.0},
    "lr=1e-3": {"lr": 1e-3},
    "patience=40,epochs=300": {"patience": 40, "epochs": 300},
    "batch_size=16": {"batch_size": 16},
    "batch_size=8": {"batch_size": 8},
}
# Second round (--ensemble): on top of the defaults the first round chose.
ENSEMBLE_BASE = {**BASE, "batch_size": 16}
ENSEMBLE_SWEEP: dict[str, dict[str, Any]] = {
    "base": {},
    "ensemble=5": {"ensemble": 5},
    "refit": {"refit": True},
    "ensemble=5+refit": {"ensemble": 5, "refit": True},
}


def stratified_folds(labels: np.ndarray, n_folds: int, seed: int) -> list[np.ndarray]:
    """Indices of ``n_folds`` held-out parts, each class dealt round-robin after a shuffle."""
    rng = np.random.default_rng(seed)
    folds: list[list[int]] = [[] for _ in range(n_folds)]
    offset = 0
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        for i, index in enumerate(members):
            folds[(offset + i) % n_folds].append(int(index))
        offset += len(members)  # the next class starts where this one stopped
    return [np.sort(np.asarray(f)) for f in folds]


def evaluate(
    frame: pd.DataFrame, settings: dict[str, Any], folds, seeds, base: dict[str, Any] = BASE
) -> dict[str, float]:
    """Mean CV accuracy, log loss and seconds per fit over folds x seeds."""
    ids = frame["sequence_id"].drop_duplicates().to_numpy()
    accuracy, log_loss, seconds = [], [], []
    for held_out in folds:
        is_test = frame["sequence_id"].isin(ids[held_out])
        for seed in seeds:
            started = time.perf_counter()
            model = SequenceClassifier(**{**base, **settings}, seed=seed)
            model.fit(frame[~is_test], test=frame[is_test], **COLUMNS)
            seconds.append(time.perf_counter() - started)
            accuracy.append(model.metrics_["test"]["accuracy"])
            log_loss.append(model.metrics_["test"]["log_loss"])
    return {
        "cv_accuracy": round(mean(accuracy), 4),
        "cv_log_loss": round(mean(log_loss), 4),
        "seconds_per_fit": round(mean(seconds), 1),
        "cv_accuracy_min": round(min(accuracy), 4),
    }


def _rank(result: dict[str, float]) -> tuple[float, float, float]:
    return (-result["cv_accuracy"], result["cv_log_loss"], result["seconds_per_fit"])


def main(quick: bool = False, ensemble: bool = False) -> None:
    torch.set_num_threads(1)
    logging.disable(logging.WARNING)
    frame = pd.read_csv(DATA)
    labels = frame.drop_duplicates("sequence_id")["label"].to_numpy()
    folds = stratified_folds(labels, N_FOLDS, FOLD_SEED)
    seeds, sweep, base_settings = SEEDS, SWEEP, BASE
    if ensemble:
        sweep, base_settings = ENSEMBLE_SWEEP, ENSEMBLE_BASE
    if quick:
        folds, seeds, sweep = folds[:2], SEEDS[:1], dict(list(sweep.items())[:2])
    results: dict[str, dict[str, float]] = {}
    for name, change in sweep.items():
        results[name] = evaluate(frame, change, folds, seeds, base_settings)
        print(name, results[name], file=sys.stderr, flush=True)
    if ensemble:  # the candidates are the whole round: no combinations beyond them
        _report(results, folds, seeds, base_settings, "sequence_defaults_cv_ensemble")
        return
    base = _rank(results["base"])
    better = sorted(
        (n for n in sweep if n != "base" and _rank(results[n]) < base),
        key=lambda n: _rank(results[n]),
    )
    # Two improvers that set the same setting (pooling=mean, pooling=attention): keep the better.
    kept: list[str] = []
    for name in better:
        if not any(set(sweep[name]) & set(sweep[k]) for k in kept):
            kept.append(name)
    better = kept
    combos = {"+".join(better): better} if len(better) > 1 else {}
    if len(better) > 2:
        combos["+".join(better[:2])] = better[:2]
    for name, parts in combos.items():
        change = {k: v for part in parts for k, v in sweep[part].items()}
        results[name] = evaluate(frame, change, folds, seeds)
        print(name, results[name], file=sys.stderr, flush=True)
    _report(results, folds, seeds, BASE, "sequence_defaults_cv")


def _report(results, folds, seeds, base: dict[str, Any], benchmark: str) -> None:
    """The one JSON line: every candidate's CV figures and the pick."""
    pick = min(results, key=lambda n: _rank(results[n]))
    print(
        json.dumps(
            {
                "benchmark": benchmark,
                "data": "JapaneseVowels_train.csv (test file never read)",
                "folds": len(folds),
                "seeds": list(seeds),
                "base": base,
                "results": results,
                "pick": pick,
                "threads": torch.get_num_threads(),
            }
        )
    )


if __name__ == "__main__":
    main(quick="--quick" in sys.argv, ensemble="--ensemble" in sys.argv)
