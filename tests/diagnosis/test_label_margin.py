"""The label margin of the corpus (benchmarks/diagnosis_corpus/label_margin.py): which labels
a quarter-move of one threshold would change."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "diagnosis_corpus"
sys.path.insert(0, str(BENCH))
spec = importlib.util.spec_from_file_location("corpus_label_margin", BENCH / "label_margin.py")
label_margin = importlib.util.module_from_spec(spec)
spec.loader.exec_module(label_margin)
from labels import THRESHOLDS, label_run  # noqa: E402


def _overfit(val_rise: float) -> dict:
    """Train halves after val's best at epoch 10; val ends ``val_rise`` x its minimum."""
    train = np.r_[np.geomspace(1.0, 0.5, 10), np.geomspace(0.49, 0.1, 20)]
    val = np.r_[np.geomspace(1.1, 0.6, 10), np.geomspace(0.6, 0.6 * val_rise, 20)]
    series = {"train": train.tolist(), "val": val.tolist()}
    return {"series": series, "label_baseline": 1.0, "label": label_run(series, 1.0)["label"]}


def test_a_rise_just_past_the_threshold_is_borderline() -> None:
    entry = _overfit(1.17)  # the rule needs 1.15; a quarter-move asks for 1.19
    assert entry["label"] == "overfitting"
    assert label_margin.borderline_thresholds(entry) == ["val_rise"]


def test_a_rise_far_past_the_threshold_is_clear() -> None:
    entry = _overfit(1.8)
    assert entry["label"] == "overfitting"
    assert label_margin.borderline_thresholds(entry) == []


def test_every_threshold_moves_both_ways_and_only_itself() -> None:
    moved = label_margin.moved_thresholds()
    assert len(moved) == 2 * len(THRESHOLDS)
    for name, thresholds in moved:
        assert thresholds[name] != THRESHOLDS[name]
        assert {k: v for k, v in thresholds.items() if k != name} == {
            k: v for k, v in THRESHOLDS.items() if k != name
        }
    assert 1.10 < min(t["val_rise"] for n, t in moved if n == "val_rise") < 1.12  # 1.15**0.75
    assert max(t["below_share"] for n, t in moved if n == "below_share") <= 1.0  # a share
