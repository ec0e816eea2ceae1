"""Split sequences (never rows) into train / val / test: stratified by label, group-aware.

With groups (speaker, subject, machine), every group lies in one split, so the model is
scored on groups it has never seen; without, each class is split in proportion. Seeded: the
same seed gives the same split.
"""

from __future__ import annotations

import numpy as np

from lstm_doctor.errors import DataError

__all__ = ["split_sequences"]


def _stratified(
    labels: np.ndarray, fractions: dict[str, float], rng, minimum: int = 0
) -> dict[str, np.ndarray]:
    """Each class's sequences shuffled and cut in proportion; train keeps at least one."""
    out: dict[str, list[np.ndarray]] = {name: [] for name in ("train", *fractions)}
    for value in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == value))
        start = 0
        for name, fraction in fractions.items():
            take = max(round(fraction * len(members)), minimum)
            take = min(take, len(members) - start - 1)  # one always stays for training
            out[name].append(members[start : start + max(take, 0)])
            start += max(take, 0)
        out["train"].append(members[start:])
    return {name: np.sort(np.concatenate(parts)).astype(np.int64) for name, parts in out.items()}


def _by_group(
    labels: np.ndarray, groups: np.ndarray, fractions: dict[str, float], rng
) -> dict[str, np.ndarray]:
    """Whole groups to splits, largest first, each to the split furthest below its share of
    sequences (and, among equally short splits, the one it adds the rarest classes to)."""
    names = ["train", *fractions]
    target = np.array([1.0 - sum(fractions.values()), *fractions.values()]) * len(labels)
    unique, codes = np.unique(groups.astype(str), return_inverse=True)
    if len(unique) < len(names):
        raise DataError(
            f"The group column has {len(unique)} group(s); a group-aware split into "
            f"{', '.join(names)} needs at least {len(names)}. Pass a test file with --test, "
            "or drop --group."
        )
    sizes = np.bincount(codes)
    shuffled = rng.permutation(len(unique))
    order = shuffled[np.argsort(-sizes[shuffled], kind="stable")]
    filled = np.zeros(len(names))
    assigned = np.empty(len(unique), dtype=np.int64)
    # The first groups go one to each split so that no split is empty.
    for rank, g in enumerate(order):
        if rank < len(names):
            choice = len(names) - 1 - rank  # smallest splits first get a group
        else:
            choice = int(np.argmax((target - filled) / np.maximum(target, 1)))
        assigned[g] = choice
        filled[choice] += sizes[g]
    split_of_sequence = assigned[codes]
    return {name: np.flatnonzero(split_of_sequence == i) for i, name in enumerate(names)}


def split_sequences(
    labels: np.ndarray,
    *,
    val_fraction: float,
    test_fraction: float | None,
    seed: int,
    groups: np.ndarray | None = None,
    stratify: bool = True,
) -> dict[str, np.ndarray]:
    """Indices of the sequences in each split: ``train``, ``val`` (and ``test`` unless
    ``test_fraction`` is None, when an official test file is used).

    ``stratify=False`` (regression) shuffles all sequences as one class.

    Raises:
        DataError: too few sequences or groups to give every split at least one.
    """
    fractions = {"val": val_fraction}
    if test_fraction is not None:
        fractions["test"] = test_fraction
    rng = np.random.default_rng(seed)
    n_splits = len(fractions) + 1
    if len(labels) < n_splits:
        raise DataError(
            f"{len(labels)} sequence(s) cannot be split into train, {', '.join(fractions)}; "
            "each split needs at least one sequence."
        )
    if groups is not None:
        return _by_group(np.asarray(labels), np.asarray(groups), fractions, rng)
    strata = np.asarray(labels) if stratify else np.zeros(len(labels), dtype=np.int64)
    splits = _stratified(strata, fractions, rng)
    empty = [name for name, index in splits.items() if len(index) == 0]
    if empty:  # classes too small to give each split a share: fall back to one stratum
        splits = _stratified(np.zeros(len(labels), dtype=np.int64), fractions, rng, minimum=1)
    return splits
