"""The answer key against keys of the same rules (benchmarks/diagnosis_corpus/key_agreement.py)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "diagnosis_corpus"
sys.path.insert(0, str(BENCH))
spec = importlib.util.spec_from_file_location("corpus_key_agreement", BENCH / "key_agreement.py")
key_agreement = importlib.util.module_from_spec(spec)
spec.loader.exec_module(key_agreement)
from labels import THRESHOLDS, label_run  # noqa: E402


def _entry(train, val, baseline: float | None) -> dict:
    series = {"train": list(train), "val": list(val)}
    labelled = label_run(series, baseline)
    return {"series": series, "label_baseline": baseline, **labelled}


def test_the_key_agrees_with_itself() -> None:
    n = 20
    entries = [
        _entry(np.geomspace(1.0, 0.3, n), np.geomspace(1.1, 0.35, n), 1.0),  # healthy
        _entry(np.full(n, 1.0), np.full(n, 1.05), 1.0),  # never learnt
    ]
    assert key_agreement.agreement(entries) == 1.0


def test_a_threshold_near_its_value_disagrees_once_moved_far_enough() -> None:
    # Val ends 16% above its minimum while train halves: overfitting by a hair (1.15).
    train = np.r_[np.geomspace(1.0, 0.5, 10), np.geomspace(0.49, 0.1, 20)]
    val = np.r_[np.geomspace(1.1, 0.6, 10), np.geomspace(0.6, 0.6 * 1.16, 20)]
    entry = _entry(train, val, 1.0)
    assert entry["label"] == "overfitting"
    stricter = {**THRESHOLDS, "val_rise": 1.2}
    assert key_agreement.agreement([entry], stricter) == 0.0


def test_without_the_baseline_the_key_reads_a_slow_start_as_no_learning() -> None:
    # Train starts below the trivial predictor and barely moves: learnt, by the baseline;
    # from the curves alone (under 5% below its first epoch) it never learnt.
    n = 20
    entry = _entry(np.linspace(0.60, 0.58, n), np.linspace(0.66, 0.64, n), 1.0)
    assert entry["label"] == "good_fit"
    assert key_agreement.agreement([entry], baseline=False) == 0.0


def test_random_moves_stay_within_their_share_and_are_seeded() -> None:
    first = key_agreement.moved_at_random(0.1, random.Random(3))
    assert first == key_agreement.moved_at_random(0.1, random.Random(3))
    for name, value in THRESHOLDS.items():
        assert min(value**1.1, value**0.9, value * 0.9) - 1e-12 <= first[name]
        assert first[name] <= max(value**1.1, value**0.9, value * 1.1) + 1e-12
