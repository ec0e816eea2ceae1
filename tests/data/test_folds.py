"""Tests for lstm_doctor.data.folds: rolling origins, disjoint ordered test blocks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_doctor import ConfigError, DataError
from lstm_doctor.data.folds import plan_folds


def test_expanding_folds_tile_the_test_region_in_order():
    plan = plan_folds(np.array([[700, 800, 1000]]), n_folds=4)
    assert plan[:, 0].tolist() == [
        [0, 700, 800, 850],
        [0, 750, 850, 900],
        [0, 800, 900, 950],
        [0, 850, 950, 1000],
    ]


def test_sliding_folds_keep_the_split_training_length():
    plan = plan_folds(np.array([[700, 800, 1000]]), n_folds=2, fold_size=50, window="sliding")
    # test blocks are the last 100 rows; 100 val rows before each; 700 train rows before that
    assert plan[:, 0].tolist() == [[100, 800, 900, 950], [150, 850, 950, 1000]]


@given(
    n_train=st.integers(1, 300),
    n_val=st.integers(0, 50),
    n_test=st.integers(1, 200),
    n_folds=st.integers(1, 8),
    window=st.sampled_from(["expanding", "sliding"]),
)
def test_folds_are_disjoint_ordered_and_never_read_past_their_test_block(
    n_train, n_val, n_test, n_folds, window
):
    bounds = np.array([[n_train, n_train + n_val, n_train + n_val + n_test]])
    if n_test < n_folds:
        with pytest.raises(DataError, match="too few for"):
            plan_folds(bounds, n_folds=n_folds, window=window)
        return
    try:
        plan = plan_folds(bounds, n_folds=n_folds, window=window)
    except DataError as exc:  # only when the first fold's training rows run out
        assert "no training rows" in str(exc)
        size = n_test // n_folds
        assert n_train + n_val + n_test - n_folds * size - n_val < 1
        return
    rows = plan[:, 0]
    assert (rows[:, 0] < rows[:, 1]).all()  # every fold trains on at least one row
    assert (rows[:, 1] <= rows[:, 2]).all() and (rows[:, 2] < rows[:, 3]).all()
    # test blocks: disjoint, ordered, adjacent, ending at the split's test end
    assert (rows[1:, 2] == rows[:-1, 3]).all()
    assert rows[-1, 3] == bounds[0, 2]
    assert (rows[:, 2] - rows[:, 1] == n_val).all()
    if window == "expanding":
        assert (rows[:, 0] == 0).all()
    else:
        assert ((rows[:, 1] - rows[:, 0]) <= n_train).all()


def test_panel_series_get_their_own_rows():
    plan = plan_folds(np.array([[70, 80, 100], [35, 40, 50]]), n_folds=2, fold_size=5)
    assert plan[1, 0].tolist() == [0, 85, 95, 100]
    assert plan[1, 1].tolist() == [0, 40, 45, 50]


def test_bad_settings_are_one_line_errors():
    bounds = np.array([[70, 80, 100]])
    with pytest.raises(ConfigError, match="--folds must be an integer >= 1"):
        plan_folds(bounds, n_folds=0)
    with pytest.raises(ConfigError, match="--fold-size must be an integer >= 1"):
        plan_folds(bounds, n_folds=2, fold_size=0)
    with pytest.raises(ConfigError, match="--window must be expanding or sliding"):
        plan_folds(bounds, n_folds=2, window="rolling")
    with pytest.raises(DataError, match="fold 0 would have no training rows"):
        plan_folds(bounds, n_folds=3, fold_size=30)
