"""The diagnosis on the corpora of real framework logs (tests/diagnosis/corpus*/).

The logs were written by Keras 3, PyTorch Lightning and plain PyTorch loops on public
datasets (benchmarks/diagnosis_corpus/generate.py); each is labelled by the rules of
benchmarks/diagnosis_corpus/labels.py from the numbers the run recorded. ``corpus/`` (84
logs) was split into a dev half and a held-out half; each later set (``corpus_heldout/``,
``corpus_heldout3/`` ... ``corpus_heldout11/``, other datasets each time) was generated and
frozen before the diagnosis saw it, measured once, and became development data after that
(docs/diagnosis_corpus.md has every measurement and every change made after one). These
tests check each set's shape and labels, and recompute the figures from the committed logs
on every run as guards against regressions (FLOORS). A set frozen but not measured yet
(UNMEASURED) gets the shape and label tests only: no test diagnoses its logs.
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
# Each held-out set was frozen before the diagnosis saw it and measured once (evaluate.py
# --split NAME [--with-baseline]; docs/diagnosis_corpus.md has every figure): heldout2 78/96
# right with 3 harmful good_fit verdicts, heldout3 73/92 (4), heldout4 81/96 (2), heldout5
# 109/120 (1; with the baseline 109, 0), heldout6 176/200 (1; 178, 0), heldout7 124/140 (0;
# 130, 0), heldout8 125/143 (1; 134, 0), heldout9 120/150 (0; 121, 0), heldout10 123/140 (2;
# 124, 1), heldout11 121/148 (2; 126, 0). The diagnosis was changed after some of them,
# on all the logs measured by then; FLOORS is what the code scores now, so that no later
# change goes below it (right) or above it (harmful): guards against regressions, not
# held-out figures. split -> ((right, harmful), (right, harmful) with each log's
# trivial-predictor loss given, or None).
FLOORS: dict[str, tuple[tuple[int, int], tuple[int, int] | None]] = {
    "dev368": ((334, 1), None),
    "heldout5": ((110, 1), (109, 0)),
    "heldout6": ((178, 1), (179, 0)),
    "heldout7": ((124, 0), (130, 0)),
    "heldout8": ((129, 1), (133, 0)),
    "heldout9": ((118, 0), (121, 0)),
    "heldout10": ((123, 2), (125, 0)),
    "heldout11": ((121, 2), (126, 0)),
}
# The goal: the primary finding right on >= 95% of a held-out set, and no good_fit
# for a run labelled overfitting, unstable or underfitting. Not reached on the eleventh set
# (docs/diagnosis_corpus.md): test_the_goal_on_the_eleventh_heldout_set is a strict xfail, so
# that reaching it fails the suite until the marker comes off.
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
HELDOUT2 = json.loads((CORPUS.parent / "corpus_heldout" / "manifest.json").read_text())
HELDOUT3 = json.loads((CORPUS.parent / "corpus_heldout3" / "manifest.json").read_text())
HELDOUT4 = json.loads((CORPUS.parent / "corpus_heldout4" / "manifest.json").read_text())
# Every set, in the order they were made (the later ones each measured once: FLOORS above).
SETS = {
    "all": MANIFEST,
    "heldout2": HELDOUT2,
    "heldout3": HELDOUT3,
    "heldout4": HELDOUT4,
    **{f"heldout{k}": evaluate.load(f"heldout{k}") for k in range(5, 12)},
}
# Frozen, not measured yet: nothing here runs the diagnosis on these sets' logs.
UNMEASURED: tuple[str, ...] = ()
MEASURED = [split for split in SETS if split not in UNMEASURED]


def test_the_corpus_is_large_and_varied_enough() -> None:
    assert len(MANIFEST) >= 60
    assert len({e["framework"] for e in MANIFEST}) >= 3
    assert len({(e["framework"], e["format"]) for e in MANIFEST}) >= 4
    counts = Counter(e["label"] for e in MANIFEST)
    assert set(counts) == set(labels.LABELS)
    assert min(counts.values()) >= 5, counts
    for entry in MANIFEST:
        assert (CORPUS / entry["path"]).exists(), entry["path"]


def test_the_second_heldout_set_is_large_varied_and_apart_from_dev() -> None:
    assert len(HELDOUT2) >= 40
    assert {e["framework"] for e in HELDOUT2} == {"keras", "lightning", "torch"}
    assert {(e["framework"], e["format"]) for e in HELDOUT2} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    counts = Counter(e["label"] for e in HELDOUT2)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 5, counts
    assert not {e["dataset"] for e in HELDOUT2} & {e["dataset"] for e in MANIFEST}
    assert not {e["id"] for e in HELDOUT2} & {e["id"] for e in MANIFEST}
    for entry in HELDOUT2:
        assert (evaluate.root_of(entry) / entry["path"]).exists(), entry["path"]


def test_the_third_heldout_set_is_large_varied_and_apart_from_the_others() -> None:
    assert len(HELDOUT3) >= 60
    by_framework = Counter(e["framework"] for e in HELDOUT3)
    assert by_framework["keras"] >= 18 and by_framework["lightning"] >= 18, by_framework
    assert by_framework["torch"] >= 24, by_framework
    assert {(e["framework"], e["format"]) for e in HELDOUT3} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    counts = Counter(e["label"] for e in HELDOUT3)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 5, counts
    datasets = {e["dataset"] for e in HELDOUT3}
    assert len(datasets) >= 10
    assert not datasets & {e["dataset"] for e in MANIFEST + HELDOUT2}
    assert not {e["id"] for e in HELDOUT3} & {e["id"] for e in MANIFEST + HELDOUT2}
    for entry in HELDOUT3:
        assert (evaluate.root_of(entry) / entry["path"]).exists(), entry["path"]


def test_the_fourth_heldout_set_is_large_varied_and_apart_from_the_others() -> None:
    assert len(HELDOUT4) >= 80
    by_framework = Counter(e["framework"] for e in HELDOUT4)
    assert by_framework["keras"] >= 22 and by_framework["lightning"] >= 22, by_framework
    assert by_framework["torch"] >= 30, by_framework
    assert {(e["framework"], e["format"]) for e in HELDOUT4} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    counts = Counter(e["label"] for e in HELDOUT4)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 5, counts
    datasets = {e["dataset"] for e in HELDOUT4}
    assert len(datasets) >= 10
    assert not datasets & {e["dataset"] for e in MANIFEST + HELDOUT2 + HELDOUT3}
    assert not {e["id"] for e in HELDOUT4} & {e["id"] for e in MANIFEST + HELDOUT2 + HELDOUT3}
    for entry in HELDOUT4:
        assert (evaluate.root_of(entry) / entry["path"]).exists(), entry["path"]


# What each later set was generated to hold: runs (at least, at most), Keras and Lightning
# runs each, torch runs, recurrent or CNN runs, runs of every label, datasets.
SHAPES = {
    "heldout5": ((96, None), 30, 36, 0, 5, 10),
    "heldout6": ((120, None), 35, 45, 40, 8, 12),
    "heldout7": ((140, 170), 40, 50, 60, 8, 12),
    "heldout8": ((140, 170), 40, 50, 60, 8, 12),
    "heldout9": ((130, 150), 40, 50, 60, 8, 12),
    "heldout10": ((130, 150), 40, 50, 60, 8, 12),
    "heldout11": ((130, 150), 40, 50, 60, 8, 12),
}


@pytest.mark.parametrize("split", SHAPES)
def test_each_later_set_is_large_varied_and_apart_from_the_others(split: str) -> None:
    (least, most), each_framework, torch_runs, recurrent, per_label, n_datasets = SHAPES[split]
    entries = evaluate.load(split)
    assert least <= len(entries) <= (most or len(entries))
    by_framework = Counter(e["framework"] for e in entries)
    assert by_framework["keras"] >= each_framework, by_framework
    assert by_framework["lightning"] >= each_framework, by_framework
    assert by_framework["torch"] >= torch_runs, by_framework
    assert {(e["framework"], e["format"]) for e in entries} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    assert sum(e["model"] in ("lstm", "gru", "cnn") for e in entries) >= recurrent
    counts = Counter(e["label"] for e in entries)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= per_label, counts
    datasets = {e["dataset"] for e in entries}
    assert len(datasets) >= n_datasets
    names = list(SETS)
    earlier = [e for name in names[: names.index(split)] for e in SETS[name]]
    assert not datasets & {e["dataset"] for e in earlier}
    assert not {e["id"] for e in entries} & {e["id"] for e in earlier}
    for entry in entries:
        assert (evaluate.HELDOUT_SETS[split] / entry["path"]).exists(), entry["path"]
        assert evaluate.root_of(entry) == evaluate.HELDOUT_SETS[split]


def test_a_two_digit_set_number_names_its_own_set() -> None:
    """``h10-`` is the tenth set's, not the first's followed by a 0; ``h1-`` names no set."""
    assert evaluate.root_of({"id": "h10-torch-01"}) == evaluate.HELDOUT_SETS["heldout10"]
    assert evaluate.root_of({"id": "h11-lightning-07"}) == evaluate.HELDOUT_SETS["heldout11"]
    assert evaluate.root_of({"id": "h9-keras-12"}) == evaluate.HELDOUT_SETS["heldout9"]
    assert evaluate.root_of({"id": "torch-01"}) == evaluate.CORPUS
    assert evaluate.HELDOUT_SETS["heldout10"].name == "corpus_heldout10"
    assert evaluate.HELDOUT_SETS["heldout11"].name == "corpus_heldout11"
    with pytest.raises(KeyError):
        evaluate.root_of({"id": "h1-torch-01"})


def test_the_split_is_disjoint_and_covers_the_corpus() -> None:
    dev, heldout = set(SPLIT["dev"]), set(SPLIT["heldout"])
    assert not dev & heldout
    assert dev | heldout == {e["id"] for e in MANIFEST}
    assert {e["label"] for e in MANIFEST if e["id"] in heldout} == set(labels.LABELS)


@pytest.mark.parametrize("split", SETS)
def test_labels_are_the_rules_applied_to_the_recorded_numbers(split: str) -> None:
    for entry in SETS[split]:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


@pytest.fixture(scope="module")
def diagnosed():
    """``diagnosed(split, with_baseline)``: the split's entries and ``lstm-doctor diagnose
    --json`` of each of its logs, each log diagnosed once per module."""
    pytest.importorskip("tensorboard")  # a third of the logs are TensorBoard event files
    cache: dict[bool, dict[str, dict]] = {False: {}, True: {}}

    def run(split: str, with_baseline: bool = False) -> tuple[list[dict], list[dict]]:
        entries, known = evaluate.load(split), cache[with_baseline]
        todo = [e for e in entries if e["id"] not in known]
        results = evaluate.diagnose_all(todo, with_baseline=with_baseline)
        known.update(zip([e["id"] for e in todo], results, strict=True))
        return entries, [known[e["id"]] for e in entries]

    return run


@pytest.mark.parametrize("split", MEASURED)
def test_no_log_makes_the_cli_fail(diagnosed, split: str) -> None:
    entries, results = diagnosed(split)
    assert not [e["id"] for e, r in zip(entries, results, strict=True) if "error" in r]
    for result in results:
        assert result["diagnosis"]
        for finding in result["diagnosis"]:
            assert {"kind", "severity", "confidence", "evidence", "remedies"} <= set(finding)


def test_the_84_and_the_180_development_logs_get_no_harmful_verdict(diagnosed) -> None:
    for split in ("all", "dev180"):
        report = evaluate.score(*diagnosed(split))
        assert report["harmful_good_fit"] == 0, (split, report["wrong"])


GUARDED = [(split, given) for split, floor in FLOORS.items() for given in (0, 1) if floor[given]]


@pytest.mark.parametrize(("split", "with_baseline"), GUARDED)
def test_no_regression(diagnosed, split: str, with_baseline: int) -> None:
    floor = FLOORS[split][with_baseline]
    report = evaluate.score(*diagnosed(split, bool(with_baseline)))
    assert report["overall"]["right"] >= floor[0], report["wrong"]
    assert report["harmful_good_fit"] <= floor[1], report["wrong"]


@pytest.mark.xfail(strict=True, reason="goal not reached: docs/diagnosis_corpus.md")
def test_the_goal_on_the_eleventh_heldout_set(diagnosed) -> None:
    report = evaluate.score(*diagnosed("heldout11"))
    assert report["overall"]["accuracy"] >= HELDOUT_ACCURACY_GOAL
    assert report["harmful_good_fit"] == 0
