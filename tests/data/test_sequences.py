from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstm_doctor.config.sequence import SequenceConfig
from lstm_doctor.data.sequences import SequenceSet, build_sequences, valid_mask
from lstm_doctor.errors import DataError
from sequence_frames import make_sequence_frame

CONFIG = SequenceConfig(label="label", sequence_id="sequence_id", time="t")


def test_long_format_becomes_padded_sequences_in_time_order() -> None:
    frame = make_sequence_frame(n_sequences=6)
    s = build_sequences(frame, CONFIG)
    assert s.features == ("a", "b")  # numeric columns without a role; 'speaker' is text
    assert s.values.dtype == torch.float32 and s.values.shape[0] == 6
    for i, sid in enumerate(s.ids):
        rows = frame[frame.sequence_id == sid].sort_values("t")
        n = int(s.lengths[i])
        assert n == len(rows)
        np.testing.assert_allclose(s.values[i, :n, 0].numpy(), rows["a"], rtol=1e-6)
        assert (s.values[i, n:] == 0).all()
    assert s.classes == ("c0", "c1", "c2")
    assert [s.classes[k] for k in s.labels] == [
        frame[frame.sequence_id == sid]["label"].iloc[0] for sid in s.ids
    ]


def test_valid_mask() -> None:
    mask = valid_mask(torch.tensor([1, 3]), 4)
    assert mask.tolist() == [[True, False, False, False], [True, True, True, False]]


def test_subset_trims_padding() -> None:
    s = build_sequences(make_sequence_frame(n_sequences=6), CONFIG)
    short = int(torch.argmin(s.lengths))
    sub = s.subset(np.array([short]))
    assert sub.values.shape[1] == int(s.lengths[short])


def test_groups_are_read_per_sequence() -> None:
    config = SequenceConfig(label="label", sequence_id="sequence_id", time="t", group="speaker")
    s = build_sequences(make_sequence_frame(n_sequences=6, n_groups=2), config)
    assert sorted(set(s.groups)) == ["spk0", "spk1"]


def test_inconsistent_label_names_sequence_and_both_labels() -> None:
    frame = make_sequence_frame(n_sequences=4)
    row = frame.index[frame.sequence_id == "s001"][0]
    frame.loc[row, "label"] = "c2"
    with pytest.raises(
        DataError, match=r"Sequence 's001' has two labels in column 'label': 'c[12]' and 'c[12]'"
    ):
        build_sequences(frame, CONFIG)


def test_single_class_is_an_error() -> None:
    frame = make_sequence_frame(n_sequences=4).assign(label="same")
    with pytest.raises(DataError, match="single class"):
        build_sequences(frame, CONFIG)


def test_test_class_unseen_in_training() -> None:
    frame = make_sequence_frame(n_sequences=6)
    test = frame.assign(label=frame["label"].replace("c2", "c9"))
    with pytest.raises(DataError, match="never seen in training: c9"):
        build_sequences(test, CONFIG, features=("a", "b"), classes=("c0", "c1", "c2"))


def test_features_differ_between_files() -> None:
    test = make_sequence_frame(n_sequences=6).rename(columns={"b": "bb"})
    with pytest.raises(DataError, match=r"differ .*missing: b; extra: bb"):
        build_sequences(test, CONFIG, features=("a", "b"), classes=("c0", "c1", "c2"))


def test_missing_columns_listed_with_available() -> None:
    with pytest.raises(DataError, match=r"'t' are not in the data; available: sequence_id"):
        build_sequences(make_sequence_frame().drop(columns="t"), CONFIG)


def test_nan_feature_names_column_and_row() -> None:
    frame = make_sequence_frame()
    frame.loc[7, "a"] = np.nan
    with pytest.raises(DataError, match=r"Feature column 'a' .* at row 7"):
        build_sequences(frame, CONFIG)


def test_a_sequence_shorter_than_one_step_is_an_error() -> None:
    with pytest.raises(DataError, match="has 0 steps"):
        SequenceSet(torch.zeros(2, 3, 1), torch.tensor([3, 0]), None, np.array(["x", "y"]), ("a",))


def test_regression_labels_must_be_numbers() -> None:
    config = SequenceConfig(label="label", sequence_id="sequence_id", task="regress")
    with pytest.raises(DataError, match="not numeric"):
        build_sequences(make_sequence_frame(), config)


def test_prediction_without_label_column() -> None:
    frame = make_sequence_frame(n_sequences=4).drop(columns="label")
    s = build_sequences(frame, CONFIG, features=("a", "b"), classes=("c0", "c1"),
                        require_label=False)  # fmt: skip
    assert s.labels is None and len(s) == 4


def test_rows_without_time_keep_file_order() -> None:
    frame = pd.DataFrame({"id": [1, 2, 1, 2], "x": [1.0, 10.0, 2.0, 20.0], "y": [0, 1, 0, 1]})
    s = build_sequences(frame, SequenceConfig(label="y", sequence_id="id"))
    assert s.values[:, :, 0].tolist() == [[1.0, 2.0], [10.0, 20.0]]
