"""Findings of sequence tasks: an unused group column, and a model worse than its baselines.

Splitting by sequence already keeps one sequence's steps out of two splits. What it does not
keep apart is the groups the sequences come from: with several recordings per speaker, a
split by sequence puts the same speaker in training and test, and the test score measures
recognizing speakers seen in training, not new ones.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.config.sequence import SequenceConfig
from lstm_doctor.diagnosis.check_findings import make_finding
from lstm_doctor.diagnosis.findings import Finding, Remedy

__all__ = ["check_group_column", "worse_than_baseline"]

# Column names that usually identify where a sequence comes from.
_GROUP_NAME = re.compile(
    r"(^|_)(speaker|subject|user|person|participant|patient|machine|device|unit|session|"
    r"group|site|sensor|driver|recording|household|customer)s?(_?id)?($|_)",
    re.IGNORECASE,
)
# A column constant in every sequence with at most this share of distinct values per
# sequence repeats across sequences, as a group does (an id unique to each sequence does not).
_MAX_GROUP_SHARE = 0.5


def check_group_column(frame: pd.DataFrame, config: SequenceConfig) -> list[Finding]:
    """Warn about columns that look like groups when the split is not grouped."""
    if config.group is not None:
        return []
    roles = {config.label, config.sequence_id, config.time, *config.features}
    ids = frame[config.sequence_id]
    n_sequences = ids.nunique()
    candidates: list[dict[str, Any]] = []
    for col in frame.columns:
        if col in roles:
            continue
        per_sequence = frame.groupby(ids, sort=False)[col].nunique(dropna=False)
        constant = bool((per_sequence <= 1).all())
        n_values = int(frame[col].nunique())
        repeats = 2 <= n_values <= _MAX_GROUP_SHARE * n_sequences
        named = bool(_GROUP_NAME.search(str(col)))
        if constant and repeats and (named or not pd.api.types.is_float_dtype(frame[col])):
            candidates.append({"column": str(col), "n_groups": n_values, "by_name": named})
    if not candidates:
        return []
    best = sorted(candidates, key=lambda c: (not c["by_name"], c["n_groups"]))[0]
    return [
        make_finding(
            "group_column_unused",
            f"column {best['column']!r} looks like a group ({best['n_groups']} values, each "
            "shared by several sequences) but the split ignores it: the same group can sit in "
            "training and test, and the test score then flatters the model on new groups.",
            {"candidates": candidates},
            [
                Remedy(
                    {"group": best["column"]},
                    "Split by group (--group) so every group lies in one split.",
                )
            ],
            leak=False,
            severity="warning",
        )
    ]


def worse_than_baseline(
    metric: str,
    model: dict[str, float],
    baselines: dict[str, dict[str, float]],
    *,
    higher_is_better: bool,
) -> Finding | None:
    """The model does not beat the best baseline on ``metric`` on validation or test.

    ``model`` maps split -> value; ``baselines`` maps name -> split -> value.
    """
    worse: dict[str, Any] = {}
    for split, value in model.items():
        scores = {name: b[split] for name, b in baselines.items() if split in b}
        if not scores or value is None or not np.isfinite(value):
            continue
        pick = max if higher_is_better else min
        name = pick(scores, key=scores.__getitem__)
        behind = value < scores[name] if higher_is_better else value > scores[name]
        if behind:
            worse[split] = {"baseline": name, "model": value, "baseline_value": scores[name]}
    if not worse:
        return None
    where = " and ".join(worse)
    first = next(iter(worse.values()))
    return Finding(
        "worse_than_naive",
        "critical",
        f"worse than baseline: on {where} the LSTM's {metric.replace('_', ' ')} "
        f"({first['model']:.4f}) trails {first['baseline'].replace('_', ' ')} "
        f"({first['baseline_value']:.4f}), a model that ignores the order of the steps",
        {"metric": metric, **worse},
        (
            Remedy({"pooling": "attention"}, "Attention pooling reads every step, not the last."),
            Remedy({"bidirectional": True}, "Read each sequence from both ends."),
        ),
        0.9,
    )
