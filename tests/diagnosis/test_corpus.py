"""The diagnosis on the corpus of real framework logs (tests/diagnosis/corpus/).

The logs were written by Keras 3, PyTorch Lightning and plain PyTorch loops on datasets that
ship inside scikit-learn and statsmodels (benchmarks/diagnosis_corpus/generate.py); each is
labelled by the rules of benchmarks/diagnosis_corpus/labels.py from the numbers the run
recorded. The diagnosis was tuned on the dev half only; these tests recompute the held-out
figures from the committed logs on every run.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "diagnosis_corpus"
CORPUS = Path(__file__).resolve().parent / "corpus"
# The goal: the primary finding right on >= 95% of the held-out runs.
HELDOUT_ACCURACY_GOAL = 0.95


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


evaluate = _module("evaluate")
labels = _module("labels")
MANIFEST = json.loads((CORPUS / "manifest.json").read_text())
SPLIT = json.loads((CORPUS / "split.json").read_text())


def test_the_corpus_is_large_and_varied_enough() -> None:
    assert len(MANIFEST) >= 60
    assert len({e["framework"] for e in MANIFEST}) >= 3
    assert len({(e["framework"], e["format"]) for e in MANIFEST}) >= 4
    counts = Counter(e["label"] for e in MANIFEST)
    assert set(counts) == set(labels.LABELS)
    assert min(counts.values()) >= 5, counts
    for entry in MANIFEST:
        assert (CORPUS / entry["path"]).exists(), entry["path"]


def test_labels_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in MANIFEST:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


def test_the_split_is_disjoint_and_covers_the_corpus() -> None:
    dev, heldout = set(SPLIT["dev"]), set(SPLIT["heldout"])
    assert not dev & heldout
    assert dev | heldout == {e["id"] for e in MANIFEST}
    assert {e["label"] for e in MANIFEST if e["id"] in heldout} == set(labels.LABELS)


def test_heldout_accuracy_and_no_good_fit_for_a_sick_run() -> None:
    pytest.importorskip("tensorboard")  # a third of the logs are TensorBoard event files
    entries = evaluate.load("heldout")
    report = evaluate.score(entries, evaluate.diagnose_all(entries))

    assert report["harmful_good_fit"] == 0, report["wrong"]
    assert report["overall"]["accuracy"] >= HELDOUT_ACCURACY_GOAL, report["wrong"]


def test_no_log_of_the_corpus_makes_the_cli_fail() -> None:
    pytest.importorskip("tensorboard")
    results = evaluate.diagnose_all(MANIFEST)
    assert not [r for r in results if "error" in r]
    for result in results:
        for finding in result["diagnosis"]:
            assert {"kind", "severity", "confidence", "evidence", "remedies"} <= set(finding)
