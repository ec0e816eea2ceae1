"""The diagnosis on the corpora of real framework logs (tests/diagnosis/corpus*/).

The logs were written by Keras 3, PyTorch Lightning and plain PyTorch loops on datasets that
ship inside scikit-learn, statsmodels and vega_datasets (benchmarks/diagnosis_corpus/
generate.py); each is labelled by the rules of benchmarks/diagnosis_corpus/labels.py from
the numbers the run recorded. The 84 logs of ``corpus/`` are development data (its first
held-out half was tuned on after it was measured); ``corpus_heldout/`` (96 logs, other
datasets and seeds) was frozen before the diagnosis saw it, measured once, and tuned on
after that: all 180 are development data. These tests recompute the figures from the
committed logs on every run. ``corpus_heldout3/`` (other datasets again) was frozen while
the diagnosis was tuned on the other two, measured once (73/92), and tuned on after that:
all 272 logs are development data now. ``corpus_heldout4/`` (R's datasets, none of the
other sets') was frozen after that measurement, before the diagnosis saw it.
The fourth was measured once (81/96) and tuned on after that: all 368 logs are development
data now. ``corpus_heldout5/`` (more of R's datasets, none of the other sets') was frozen
after the fourth was measured, before the diagnosis saw it, and measured once (109/120).
The fifth is development data now. ``corpus_heldout6/`` (R's datasets again, none of the
other sets') was frozen after that, before the change decided on the 488 development logs,
and measured once after it (176/200). ``corpus_heldout7/`` (R's datasets again, none of the
other sets') was frozen after the sixth was measured, before the diagnosis saw it, and
measured once with the same code (124/140). ``corpus_heldout8/`` (R's datasets again, none of
the other sets') was frozen after the seventh was measured, before the diagnosis saw it; only
its shape and labels are tested here. ``corpus_heldout9/`` (R's datasets again, none of the
other sets') was frozen after the eighth was, before the diagnosis saw it; likewise only its
shape and labels are tested here.
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
# The second held-out set was measured once (evaluate.py --split heldout2: 78/96 right,
# 3 harmful good_fit verdicts), the third too (--split heldout3: 73/92 right, 4 harmful), the
# fourth too (--split heldout4: 81/96, 2 harmful); the diagnosis was changed after each
# (docs/diagnosis_corpus.md, "Changes after the ... held-out set became dev"): all 368 logs
# are development data now. After the last changes, evaluate.py --split dev368 scored
# DEV368_RIGHT_FLOOR right with DEV368_HARMFUL_CEILING harmful verdicts: a guard against
# regressions, not a held-out figure.
DEV368_RIGHT_FLOOR = 331
DEV368_HARMFUL_CEILING = 2
# The fifth held-out set, frozen before the diagnosis saw it and measured once (evaluate.py
# --split heldout5): 109/120 right, 1 harmful good_fit verdict; with each log's
# trivial-predictor loss given (--with-baseline): 109/120, none harmful. It has been
# development data since (all 488 logs: --split dev488); after the change decided on them
# (a creeping, unbent curve is underfit), it scores 110/120: these guard against
# regressions; the goal is the issue's, on a set frozen before the change.
HELDOUT5_RIGHT_FLOOR = 110
HELDOUT5_HARMFUL_CEILING = 1
HELDOUT5_WITH_BASELINE_RIGHT_FLOOR = 109
HELDOUT5_WITH_BASELINE_HARMFUL_CEILING = 0
# The sixth held-out set, frozen before the diagnosis saw it, measured once after the
# change decided on dev488 (evaluate.py --split heldout6): 176/200 right, 1 harmful good_fit;
# with each log's trivial-predictor loss (--with-baseline): 178/200, none harmful. The
# diagnosis was not changed after it: these guard against regressions.
HELDOUT6_RIGHT_FLOOR = 176
HELDOUT6_HARMFUL_CEILING = 1
HELDOUT6_WITH_BASELINE_RIGHT_FLOOR = 178
HELDOUT6_WITH_BASELINE_HARMFUL_CEILING = 0
# The seventh, frozen after the sixth was measured and measured once with the same code:
# 124/140 right, no harmful good_fit; with the baseline 130/140, none harmful.
HELDOUT7_RIGHT_FLOOR = 124
HELDOUT7_HARMFUL_CEILING = 0
HELDOUT7_WITH_BASELINE_RIGHT_FLOOR = 130
HELDOUT7_WITH_BASELINE_HARMFUL_CEILING = 0
# The goal: the primary finding right on >= 95% of a held-out set, and no good_fit
# for a run labelled overfitting, unstable or underfitting. Not reached on the sixth set
# (docs/diagnosis_corpus.md): test_the_goal_on_the_sixth_heldout_set is a strict xfail, so
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
CORPUS_HELDOUT5 = CORPUS.parent / "corpus_heldout5"
HELDOUT5 = json.loads((CORPUS_HELDOUT5 / "manifest.json").read_text())
# The sixth held-out set, frozen before the diagnosis saw it; measured once (the figures
# below, HELDOUT6_*).
CORPUS_HELDOUT6 = CORPUS.parent / "corpus_heldout6"
HELDOUT6 = json.loads((CORPUS_HELDOUT6 / "manifest.json").read_text())
# The seventh held-out set, frozen before the diagnosis saw it; measured once (the figures
# below, HELDOUT7_*), with the code measured on the sixth.
CORPUS_HELDOUT7 = CORPUS.parent / "corpus_heldout7"
HELDOUT7 = json.loads((CORPUS_HELDOUT7 / "manifest.json").read_text())
# The eighth held-out set, frozen before the diagnosis saw it; not measured yet.
CORPUS_HELDOUT8 = CORPUS.parent / "corpus_heldout8"
HELDOUT8 = json.loads((CORPUS_HELDOUT8 / "manifest.json").read_text())
# The ninth held-out set, frozen before the diagnosis saw it; not measured yet.
CORPUS_HELDOUT9 = CORPUS.parent / "corpus_heldout9"
HELDOUT9 = json.loads((CORPUS_HELDOUT9 / "manifest.json").read_text())


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


def test_labels_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in MANIFEST + HELDOUT2:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


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


def test_labels_of_the_third_heldout_set_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in HELDOUT3:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


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


def test_labels_of_the_fourth_heldout_set_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in HELDOUT4:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


def test_the_fifth_heldout_set_is_large_varied_and_apart_from_the_others() -> None:
    assert len(HELDOUT5) >= 96
    by_framework = Counter(e["framework"] for e in HELDOUT5)
    assert by_framework["keras"] >= 30 and by_framework["lightning"] >= 30, by_framework
    assert by_framework["torch"] >= 36, by_framework
    assert {(e["framework"], e["format"]) for e in HELDOUT5} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    counts = Counter(e["label"] for e in HELDOUT5)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 5, counts
    datasets = {e["dataset"] for e in HELDOUT5}
    assert len(datasets) >= 10
    earlier = MANIFEST + HELDOUT2 + HELDOUT3 + HELDOUT4
    assert not datasets & {e["dataset"] for e in earlier}
    assert not {e["id"] for e in HELDOUT5} & {e["id"] for e in earlier}
    for entry in HELDOUT5:
        assert (CORPUS_HELDOUT5 / entry["path"]).exists(), entry["path"]


def test_labels_of_the_fifth_heldout_set_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in HELDOUT5:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


def test_the_sixth_heldout_set_is_large_varied_and_apart_from_the_others() -> None:
    assert len(HELDOUT6) >= 120
    by_framework = Counter(e["framework"] for e in HELDOUT6)
    assert by_framework["keras"] >= 35 and by_framework["lightning"] >= 35, by_framework
    assert by_framework["torch"] >= 45, by_framework
    assert {(e["framework"], e["format"]) for e in HELDOUT6} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    assert sum(e["model"] in ("lstm", "gru", "cnn") for e in HELDOUT6) >= 40
    counts = Counter(e["label"] for e in HELDOUT6)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 8, counts
    datasets = {e["dataset"] for e in HELDOUT6}
    assert len(datasets) >= 12
    earlier = MANIFEST + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5
    assert not datasets & {e["dataset"] for e in earlier}
    assert not {e["id"] for e in HELDOUT6} & {e["id"] for e in earlier}
    for entry in HELDOUT6:
        assert (CORPUS_HELDOUT6 / entry["path"]).exists(), entry["path"]
        assert evaluate.root_of(entry) == CORPUS_HELDOUT6


def test_labels_of_the_sixth_heldout_set_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in HELDOUT6:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


def test_the_seventh_heldout_set_is_large_varied_and_apart_from_the_others() -> None:
    assert 140 <= len(HELDOUT7) <= 170
    by_framework = Counter(e["framework"] for e in HELDOUT7)
    assert by_framework["keras"] >= 40 and by_framework["lightning"] >= 40, by_framework
    assert by_framework["torch"] >= 50, by_framework
    assert {(e["framework"], e["format"]) for e in HELDOUT7} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    assert sum(e["model"] in ("lstm", "gru", "cnn") for e in HELDOUT7) >= 60
    counts = Counter(e["label"] for e in HELDOUT7)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 8, counts
    datasets = {e["dataset"] for e in HELDOUT7}
    assert len(datasets) >= 12
    earlier = MANIFEST + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5 + HELDOUT6
    assert not datasets & {e["dataset"] for e in earlier}
    assert not {e["id"] for e in HELDOUT7} & {e["id"] for e in earlier}
    for entry in HELDOUT7:
        assert (CORPUS_HELDOUT7 / entry["path"]).exists(), entry["path"]
        assert evaluate.root_of(entry) == CORPUS_HELDOUT7


def test_labels_of_the_seventh_heldout_set_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in HELDOUT7:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


def test_the_eighth_heldout_set_is_large_varied_and_apart_from_the_others() -> None:
    assert 140 <= len(HELDOUT8) <= 170
    by_framework = Counter(e["framework"] for e in HELDOUT8)
    assert by_framework["keras"] >= 40 and by_framework["lightning"] >= 40, by_framework
    assert by_framework["torch"] >= 50, by_framework
    assert {(e["framework"], e["format"]) for e in HELDOUT8} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    assert sum(e["model"] in ("lstm", "gru", "cnn") for e in HELDOUT8) >= 60
    counts = Counter(e["label"] for e in HELDOUT8)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 8, counts
    datasets = {e["dataset"] for e in HELDOUT8}
    assert len(datasets) >= 12
    earlier = MANIFEST + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5 + HELDOUT6 + HELDOUT7
    assert not datasets & {e["dataset"] for e in earlier}
    assert not {e["id"] for e in HELDOUT8} & {e["id"] for e in earlier}
    for entry in HELDOUT8:
        assert (CORPUS_HELDOUT8 / entry["path"]).exists(), entry["path"]
        assert evaluate.root_of(entry) == CORPUS_HELDOUT8


def test_labels_of_the_eighth_heldout_set_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in HELDOUT8:
        verdict = labels.label_run(entry["series"], entry["label_baseline"])
        assert (verdict["label"], verdict["acceptable"]) == (entry["label"], entry["acceptable"])


def test_the_ninth_heldout_set_is_large_varied_and_apart_from_the_others() -> None:
    assert 130 <= len(HELDOUT9) <= 150
    by_framework = Counter(e["framework"] for e in HELDOUT9)
    assert by_framework["keras"] >= 40 and by_framework["lightning"] >= 40, by_framework
    assert by_framework["torch"] >= 50, by_framework
    assert {(e["framework"], e["format"]) for e in HELDOUT9} == {
        (e["framework"], e["format"]) for e in MANIFEST
    }
    assert sum(e["model"] in ("lstm", "gru", "cnn") for e in HELDOUT9) >= 60
    counts = Counter(e["label"] for e in HELDOUT9)
    assert set(counts) == set(labels.LABELS) and min(counts.values()) >= 8, counts
    datasets = {e["dataset"] for e in HELDOUT9}
    assert len(datasets) >= 12
    earlier = MANIFEST + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5 + HELDOUT6 + HELDOUT7 + HELDOUT8
    assert not datasets & {e["dataset"] for e in earlier}
    assert not {e["id"] for e in HELDOUT9} & {e["id"] for e in earlier}
    for entry in HELDOUT9:
        assert (CORPUS_HELDOUT9 / entry["path"]).exists(), entry["path"]
        assert evaluate.root_of(entry) == CORPUS_HELDOUT9


def test_labels_of_the_ninth_heldout_set_are_the_rules_applied_to_the_recorded_numbers() -> None:
    for entry in HELDOUT9:
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


@pytest.fixture(scope="module")
def diagnosed_heldout2() -> dict[str, dict]:
    """The same for the second held-out set."""
    pytest.importorskip("tensorboard")
    return dict(zip([e["id"] for e in HELDOUT2], evaluate.diagnose_all(HELDOUT2), strict=True))


@pytest.fixture(scope="module")
def diagnosed_heldout3() -> dict[str, dict]:
    """The same for the third held-out set."""
    pytest.importorskip("tensorboard")
    return dict(zip([e["id"] for e in HELDOUT3], evaluate.diagnose_all(HELDOUT3), strict=True))


@pytest.fixture(scope="module")
def diagnosed_heldout4() -> dict[str, dict]:
    """The same for the fourth held-out set."""
    pytest.importorskip("tensorboard")
    return dict(zip([e["id"] for e in HELDOUT4], evaluate.diagnose_all(HELDOUT4), strict=True))


def _report(split: str, diagnosed: dict[str, dict]) -> dict:
    entries = evaluate.load(split)
    return evaluate.score(entries, [diagnosed[e["id"]] for e in entries])


def test_the_84_and_the_180_development_logs_get_no_harmful_verdict(
    diagnosed, diagnosed_heldout2
) -> None:
    for split in ("all", "dev180"):
        report = _report(split, {**diagnosed, **diagnosed_heldout2})
        assert report["harmful_good_fit"] == 0, (split, report["wrong"])


def test_no_log_of_the_corpus_makes_the_cli_fail(diagnosed) -> None:
    assert not [rid for rid, r in diagnosed.items() if "error" in r]
    for result in diagnosed.values():
        assert result["diagnosis"]
        for finding in result["diagnosis"]:
            assert {"kind", "severity", "confidence", "evidence", "remedies"} <= set(finding)


def test_no_log_of_the_second_heldout_set_makes_the_cli_fail(diagnosed_heldout2) -> None:
    assert not [rid for rid, r in diagnosed_heldout2.items() if "error" in r]


def test_no_log_of_the_third_heldout_set_makes_the_cli_fail(diagnosed_heldout3) -> None:
    assert not [rid for rid, r in diagnosed_heldout3.items() if "error" in r]


def test_no_log_of_the_fourth_heldout_set_makes_the_cli_fail(diagnosed_heldout4) -> None:
    assert not [rid for rid, r in diagnosed_heldout4.items() if "error" in r]


@pytest.fixture(scope="module")
def diagnosed_heldout5() -> dict[str, dict]:
    """The same for the fifth held-out set."""
    pytest.importorskip("tensorboard")
    return dict(zip([e["id"] for e in HELDOUT5], evaluate.diagnose_all(HELDOUT5), strict=True))


def test_all_368_development_logs(
    diagnosed, diagnosed_heldout2, diagnosed_heldout3, diagnosed_heldout4
) -> None:
    every = {**diagnosed, **diagnosed_heldout2, **diagnosed_heldout3, **diagnosed_heldout4}
    report = _report("dev368", every)
    assert report["harmful_good_fit"] <= DEV368_HARMFUL_CEILING, report["wrong"]
    assert report["overall"]["right"] >= DEV368_RIGHT_FLOOR, report["wrong"]


def test_no_log_of_the_fifth_heldout_set_makes_the_cli_fail(diagnosed_heldout5) -> None:
    assert not [rid for rid, r in diagnosed_heldout5.items() if "error" in r]


def test_the_fifth_heldout_set_does_not_regress(diagnosed_heldout5) -> None:
    report = _report("heldout5", diagnosed_heldout5)
    assert report["overall"]["right"] >= HELDOUT5_RIGHT_FLOOR, report["wrong"]
    assert report["harmful_good_fit"] <= HELDOUT5_HARMFUL_CEILING, report["wrong"]


def test_the_fifth_heldout_set_with_the_trivial_predictors_loss_given() -> None:
    pytest.importorskip("tensorboard")
    results = evaluate.diagnose_all(HELDOUT5, with_baseline=True)
    report = evaluate.score(HELDOUT5, results)
    assert report["overall"]["right"] >= HELDOUT5_WITH_BASELINE_RIGHT_FLOOR, report["wrong"]
    assert report["harmful_good_fit"] <= HELDOUT5_WITH_BASELINE_HARMFUL_CEILING, report["wrong"]


@pytest.fixture(scope="module")
def diagnosed_heldout6() -> dict[str, dict]:
    """The same for the sixth held-out set."""
    pytest.importorskip("tensorboard")
    return dict(zip([e["id"] for e in HELDOUT6], evaluate.diagnose_all(HELDOUT6), strict=True))


def test_no_log_of_the_sixth_heldout_set_makes_the_cli_fail(diagnosed_heldout6) -> None:
    assert not [rid for rid, r in diagnosed_heldout6.items() if "error" in r]


def test_the_sixth_heldout_set_does_not_regress(diagnosed_heldout6) -> None:
    report = _report("heldout6", diagnosed_heldout6)
    assert report["overall"]["right"] >= HELDOUT6_RIGHT_FLOOR, report["wrong"]
    assert report["harmful_good_fit"] <= HELDOUT6_HARMFUL_CEILING, report["wrong"]


@pytest.mark.xfail(strict=True, reason="goal not reached: docs/diagnosis_corpus.md")
def test_the_goal_on_the_sixth_heldout_set(diagnosed_heldout6) -> None:
    report = _report("heldout6", diagnosed_heldout6)
    assert report["overall"]["accuracy"] >= HELDOUT_ACCURACY_GOAL
    assert report["harmful_good_fit"] == 0


def test_the_sixth_heldout_set_with_the_trivial_predictors_loss_given() -> None:
    pytest.importorskip("tensorboard")
    results = evaluate.diagnose_all(HELDOUT6, with_baseline=True)
    report = evaluate.score(HELDOUT6, results)
    assert report["overall"]["right"] >= HELDOUT6_WITH_BASELINE_RIGHT_FLOOR, report["wrong"]
    assert report["harmful_good_fit"] <= HELDOUT6_WITH_BASELINE_HARMFUL_CEILING, report["wrong"]


@pytest.fixture(scope="module")
def diagnosed_heldout7() -> dict[str, dict]:
    """The same for the seventh held-out set."""
    pytest.importorskip("tensorboard")
    return dict(zip([e["id"] for e in HELDOUT7], evaluate.diagnose_all(HELDOUT7), strict=True))


def test_no_log_of_the_seventh_heldout_set_makes_the_cli_fail(diagnosed_heldout7) -> None:
    assert not [rid for rid, r in diagnosed_heldout7.items() if "error" in r]


def test_the_seventh_heldout_set_does_not_regress(diagnosed_heldout7) -> None:
    report = _report("heldout7", diagnosed_heldout7)
    assert report["overall"]["right"] >= HELDOUT7_RIGHT_FLOOR, report["wrong"]
    assert report["harmful_good_fit"] <= HELDOUT7_HARMFUL_CEILING, report["wrong"]


def test_the_seventh_heldout_set_with_the_trivial_predictors_loss_given() -> None:
    pytest.importorskip("tensorboard")
    results = evaluate.diagnose_all(HELDOUT7, with_baseline=True)
    report = evaluate.score(HELDOUT7, results)
    assert report["overall"]["right"] >= HELDOUT7_WITH_BASELINE_RIGHT_FLOOR, report["wrong"]
    assert report["harmful_good_fit"] <= HELDOUT7_WITH_BASELINE_HARMFUL_CEILING, report["wrong"]
