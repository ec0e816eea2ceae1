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
# The goal: the primary finding right on >= 95% of the held-out runs, and no
# good_fit for a run labelled overfitting, unstable or underfitting. Not reached yet (see
# docs/diagnosis_corpus.md): test_the_goal_on_the_heldout_half is a strict xfail, so that
# reaching it fails the suite until the marker is removed.
HELDOUT_ACCURACY_GOAL = 0.95
# What the diagnosis reaches today, as a guard against regressions (measured: 37/42 and 2
# harmful verdicts on the held-out half, 41/42 and none on the dev half).
HELDOUT_ACCURACY_FLOOR = 0.85
HELDOUT_HARMFUL_CEILING = 2
DEV_ACCURACY_FLOOR = 0.95


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


@pytest.fixture(scope="module")
def diagnosed() -> dict[str, dict]:
    """``lstm-doctor diagnose --json`` of every corpus log, by run id (once per module)."""
    pytest.importorskip("tensorboard")  # a third of the logs are TensorBoard event files
    return dict(zip([e["id"] for e in MANIFEST], evaluate.diagnose_all(MANIFEST), strict=True))


def _report(split: str, diagnosed: dict[str, dict]) -> dict:
    entries = evaluate.load(split)
    return evaluate.score(entries, [diagnosed[e["id"]] for e in entries])


def test_dev_half_where_the_diagnosis_was_tuned(diagnosed) -> None:
    report = _report("dev", diagnosed)
    assert report["harmful_good_fit"] == 0, report["wrong"]
    assert report["overall"]["accuracy"] >= DEV_ACCURACY_FLOOR, report["wrong"]


def test_heldout_half_does_not_regress(diagnosed) -> None:
    report = _report("heldout", diagnosed)
    assert report["harmful_good_fit"] <= HELDOUT_HARMFUL_CEILING, report["wrong"]
    assert report["overall"]["accuracy"] >= HELDOUT_ACCURACY_FLOOR, report["wrong"]


@pytest.mark.xfail(strict=True, reason="goal not reached yet: docs/diagnosis_corpus.md")
def test_the_goal_on_the_heldout_half(diagnosed) -> None:
    report = _report("heldout", diagnosed)
    assert report["harmful_good_fit"] == 0, report["wrong"]
    assert report["overall"]["accuracy"] >= HELDOUT_ACCURACY_GOAL, report["wrong"]


def test_no_log_of_the_corpus_makes_the_cli_fail(diagnosed) -> None:
    assert not [rid for rid, r in diagnosed.items() if "error" in r]
    for result in diagnosed.values():
        assert result["diagnosis"]
        for finding in result["diagnosis"]:
            assert {"kind", "severity", "confidence", "evidence", "remedies"} <= set(finding)
