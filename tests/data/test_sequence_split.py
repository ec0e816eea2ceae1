from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_doctor.data.sequence_split import split_sequences
from lstm_doctor.errors import DataError


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(3, 30), min_size=2, max_size=5),
    seed=st.integers(0, 1000),
)
def test_stratified_split_is_a_partition_in_proportion(counts, seed) -> None:
    labels = np.repeat(np.arange(len(counts)), counts)
    splits = split_sequences(labels, val_fraction=0.2, test_fraction=0.2, seed=seed)
    every = np.sort(np.concatenate(list(splits.values())))
    assert (every == np.arange(len(labels))).all()  # each sequence in exactly one split
    for c, n in enumerate(counts):
        assert (labels[splits["train"]] == c).any()  # every class is trained on
        assert abs((labels[splits["val"]] == c).sum() - round(0.2 * n)) <= 1


@settings(max_examples=40, deadline=None)
@given(n_groups=st.integers(3, 12), seed=st.integers(0, 1000))
def test_group_split_keeps_every_group_in_one_split(n_groups, seed) -> None:
    rng = np.random.default_rng(seed)
    groups = rng.integers(0, n_groups, 200)
    groups[:n_groups] = np.arange(n_groups)  # every group present
    labels = rng.integers(0, 3, 200)
    splits = split_sequences(labels, val_fraction=0.2, test_fraction=0.2, seed=seed, groups=groups)
    owners = [set(groups[index]) for index in splits.values()]
    assert all(len(index) for index in splits.values())
    assert not (owners[0] & owners[1] or owners[0] & owners[2] or owners[1] & owners[2])


def test_same_seed_same_split() -> None:
    labels = np.arange(50) % 3
    a = split_sequences(labels, val_fraction=0.2, test_fraction=None, seed=5)
    b = split_sequences(labels, val_fraction=0.2, test_fraction=None, seed=5)
    assert set(a) == {"train", "val"} and all((a[k] == b[k]).all() for k in a)


def test_too_few_groups() -> None:
    with pytest.raises(DataError, match="2 group"):
        split_sequences(np.arange(10) % 2, val_fraction=0.2, test_fraction=0.2, seed=0,
                        groups=np.arange(10) % 2)  # fmt: skip


def test_too_few_sequences() -> None:
    with pytest.raises(DataError, match="cannot be split"):
        split_sequences(np.array([0, 1]), val_fraction=0.2, test_fraction=0.2, seed=0)
