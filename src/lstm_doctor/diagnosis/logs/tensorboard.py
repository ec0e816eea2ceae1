"""TensorBoard event files (Keras, Lightning, plain SummaryWriter) as one row per epoch."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from lstm_doctor.diagnosis.logs.names import IGNORED_TAGS
from lstm_doctor.diagnosis.logs.tables import aggregate, epoch_numbers
from lstm_doctor.errors import DataError


def tensorboard_frame(root: Path, files: list[Path]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Scalars of every run under ``root``, one row per epoch.

    Keras writes ``train/`` and ``validation/`` runs with the same ``epoch_*`` tags, stepped
    by the 0-based epoch; Lightning writes one run with an ``epoch`` tag next to metrics
    stepped by the global step; plain ``SummaryWriter`` users step by whatever they like.
    """
    runs = _read_scalars(root, files)
    base = root if root.is_dir() else root.parent
    names = {run: (base / run).name for run in runs}  # "train", "validation", "version_0"
    series: dict[str, tuple[str, list[tuple]]] = {}  # column -> (run/tag, events)
    if {"train", "validation"} & set(names.values()):
        if list(names.values()).count("train") > 1:
            raise DataError(
                f"Cannot read {str(root)!r} as a training log: it holds several Keras runs "
                f"({', '.join(sorted(runs))}); point at one of them."
            )
        for run, tags in runs.items():
            prefix = {"train": "", "validation": "val_"}.get(names[run])
            for tag, events in tags.items():
                if prefix is not None and tag.startswith("epoch_"):  # not batch_*, evaluation_*
                    series[prefix + tag.removeprefix("epoch_")] = (f"{run}/{tag}", events)
    else:
        seen: dict[str, str] = {}  # tag -> run
        for run, tags in runs.items():
            for tag, events in tags.items():
                if tag in seen:
                    raise DataError(
                        f"Cannot read {str(root)!r} as a training log: tag {tag!r} is in "
                        f"runs {seen[tag]!r} and {run!r}; point at one run directory."
                    )
                seen[tag] = run
                series[tag] = (tag if run == "." else f"{run}/{tag}", events)
    if not series:
        raise DataError(
            f"Cannot read {str(root)!r} as a training log: its TensorBoard events hold no "
            "scalars; expected per-epoch losses."
        )
    meta = {"tags": {name: tag for name, (tag, _) in series.items()}}
    if "epoch" in series:  # Lightning logs the epoch itself, next to every metric
        records = [
            {"step": step, "_time": time, name: value}
            for name, (_, events) in series.items()
            for step, time, value in events
        ]
        frame = pd.DataFrame.from_records(records).sort_values(["step", "_time"], kind="stable")
        frame = frame.drop(columns="_time")
        return aggregate(frame, "epoch", str(root), zero_based=True, lightning=True), meta
    columns = {}
    for name, (_, events) in series.items():
        ordered = sorted(events, key=lambda e: e[1])  # a rewritten step keeps its last value
        columns[name] = pd.Series({step: value for step, _, value in ordered}, dtype=float)
    frame = pd.DataFrame(columns).sort_index()
    frame.insert(0, "epoch", epoch_numbers(frame.index.to_numpy(), None, is_epoch=False))
    return frame.reset_index(drop=True), meta


def _read_scalars(root: Path, files: list[Path]) -> dict[str, dict[str, list[tuple]]]:
    """``{run: {tag: [(step, wall_time, value), ...]}}``; a run is a directory below ``root``."""
    try:
        from tensorboard.backend.event_processing import event_accumulator as ea
        from tensorboard.util import tensor_util
    except ImportError:
        raise DataError(
            f"{str(root)!r} holds TensorBoard event files; reading them needs the tensorboard "
            'package: pip install "lstm-doctor[tensorboard]".'
        ) from None
    guidance = {ea.SCALARS: 0, ea.TENSORS: 0}  # 0 keeps every point (default: a sample)
    runs: dict[str, dict[str, list[tuple]]] = {}
    for source in [root] if root.is_file() else sorted({f.parent for f in files if f.is_file()}):
        accumulator = ea.EventAccumulator(str(source), size_guidance=guidance)
        try:
            accumulator.Reload()
        except Exception as exc:  # the reader raises its own (TensorFlow-stub) error types
            raise DataError(f"Cannot read TensorBoard events in {str(source)!r}: {exc}") from None
        tags: dict[str, list[tuple]] = defaultdict(list)
        available = accumulator.Tags()
        for tag in available[ea.SCALARS]:
            tags[tag] += [(e.step, e.wall_time, e.value) for e in accumulator.Scalars(tag)]
        for tag in available[ea.TENSORS]:  # TF2 (Keras) writes scalars as tensors
            if accumulator.SummaryMetadata(tag).plugin_data.plugin_name != "scalars":
                continue
            for e in accumulator.Tensors(tag):
                value = tensor_util.make_ndarray(e.tensor_proto)
                if value.size == 1 and value.dtype.kind in "biuf":
                    tags[tag].append((e.step, e.wall_time, float(value.reshape(-1)[0])))
        kept = {t: v for t, v in tags.items() if t not in IGNORED_TAGS and v}
        if kept:
            runs["." if source == root else str(source.relative_to(root))] = kept
    return runs
