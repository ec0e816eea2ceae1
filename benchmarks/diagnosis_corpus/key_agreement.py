"""How far the answer key agrees with another key of the same rules: print ONE JSON line.

    .venv/bin/python benchmarks/diagnosis_corpus/key_agreement.py --split dev1121

The corpus is scored against ``labels.py``, a set of thresholds written down before any
diagnosis ran. A second labeller who agreed with every rule but picked each threshold a
little differently would not agree with it on every run. This script measures that ceiling:
it relabels every log with all thresholds moved at once, each by a random share of up to
``m`` of its effect size (moved in log space for a ratio, scaled for a share, as in
``label_margin.py``), for m = 5%, 10% and 25%, 20 draws each (seeded), and scores the moved
key's primary label against the key the way ``evaluate.py`` scores the diagnosis (the label
or the acceptable second label). It also scores the key relabelled without each log's
trivial-predictor loss: what the rules themselves say from the curves alone, the position
``lstm-doctor diagnose`` is in without ``--baseline-loss``.

Computed from the recorded series only, never from the diagnosis.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or imported
from evaluate import DEVELOPMENT, HELDOUT_SETS, accepted, load
from label_margin import moved_threshold
from labels import THRESHOLDS, label_run

MOVES = (0.05, 0.10, 0.25)
DRAWS = 20


def moved_at_random(move: float, rng: random.Random) -> dict[str, float]:
    """Every threshold moved by an independent uniform share of up to ``move``."""
    return {name: moved_threshold(name, rng.uniform(-move, move)) for name in THRESHOLDS}


def agreement(entries: list[dict[str, Any]], thresholds=THRESHOLDS, *, baseline=True) -> float:
    """The share of runs whose relabelled primary label is their label or acceptable one."""
    right = 0
    for entry in entries:
        given = entry.get("label_baseline") if baseline else None
        with np.errstate(divide="ignore", invalid="ignore"):  # NaN epochs, as when labelled
            label = label_run(entry["series"], given, thresholds)["label"]
        right += label in accepted(entry)
    return right / len(entries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("all", *HELDOUT_SETS, *DEVELOPMENT), default="dev1121")
    args = parser.parse_args()
    entries = load(args.split)
    rng = random.Random(0)
    moved = {}
    for move in MOVES:
        shares = sorted(agreement(entries, moved_at_random(move, rng)) for _ in range(DRAWS))
        moved[f"{round(100 * move)}%"] = {
            "min": round(shares[0], 3),
            "median": round(float(np.median(shares)), 3),
            "max": round(shares[-1], 3),
        }
    report = {
        "benchmark": "key_agreement",
        "split": args.split,
        "logs": len(entries),
        "draws": DRAWS,
        "thresholds_moved_up_to": moved,
        "without_baseline": round(agreement(entries, baseline=False), 3),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
