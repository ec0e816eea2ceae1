"""Tests for lstm_doctor.data.windows: which windows each split gets, and the strided view."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_doctor.data.split import SPLITS, parse_split, split_bounds
from lstm_doctor.data.windows import Windows, make_windows, window_starts
from lstm_doctor.errors import DataError


def _offsets(lengths: list[int]) -> np.ndarray:
    return np.r_[0, np.cumsum(lengths)].astype(np.int64)


def _expected_count(
    b: np.ndarray, k: int, lookback: int, horizon: int, stride: int, embargo: int
) -> int:
    """How many windows series bounds ``b`` give split ``k``, by the formula."""
    low = 0 if k == 0 else int(b[k - 1]) + embargo
    first, last = max(low, lookback), int(b[k]) - horizon
    return 0 if last < first else (last - first) // stride + 1


# ---------------------------------------------------------------------------- window_starts
def test_small_example_by_hand():
    # one series of 20 rows: train targets in [0, 10), val in [10, 15), test in [15, 20)
    offsets, bounds = _offsets([20]), np.array([[10, 15, 20]])
    kw = {"lookback": 4, "horizon": 2}
    # train targets start at 4..8 (targets 8, 9 of the last window end at row 9)
    np.testing.assert_array_equal(
        window_starts(offsets, bounds, split="train", **kw), [0, 1, 2, 3, 4]
    )
    # val targets start at 10..13: inputs reach back into the training rows
    np.testing.assert_array_equal(window_starts(offsets, bounds, split="val", **kw), [6, 7, 8, 9])
    np.testing.assert_array_equal(
        window_starts(offsets, bounds, split="test", **kw), [11, 12, 13, 14]
    )


def test_stride_and_embargo():
    offsets, bounds = _offsets([20]), np.array([[10, 15, 20]])
    kw = {"lookback": 4, "horizon": 2}
    np.testing.assert_array_equal(
        window_starts(offsets, bounds, split="train", stride=2, **kw), [0, 2, 4]
    )
    # embargo 2: val targets start at row 12 at the earliest
    np.testing.assert_array_equal(
        window_starts(offsets, bounds, split="val", embargo=2, **kw), [8, 9]
    )


def test_starts_are_global_rows_of_each_series():
    offsets, bounds = _offsets([12, 8]), np.array([[6, 9, 12], [4, 6, 8]])
    starts = window_starts(offsets, bounds, lookback=2, horizon=1, split="test")
    np.testing.assert_array_equal(starts, [7, 8, 9, 16, 17])


def test_ett_protocol_counts():
    offsets = _offsets([17420])
    bounds = split_bounds(parse_split("8640,2880,2880"), np.array([17420]), None, offsets)
    kw = {"lookback": 96, "horizon": 24}
    train, val, test = (window_starts(offsets, bounds, split=s, **kw) for s in SPLITS)
    assert len(train) == 8640 - 96 - 24 + 1
    assert len(val) == 2880 - 24 + 1
    assert len(test) == 2880 - 24 + 1
    assert train[-1] + 96 + 24 == 8640  # the last training target is row 8639
    assert val[0] + 96 == 8640  # the first val target
    assert test[0] + 96 == 8640 + 2880
    assert test[-1] + 96 + 24 == 14400


@pytest.mark.parametrize(
    ("split", "message"),
    [
        (
            "train",
            r"Series 'b' is too short for lookback 5 \+ horizon 3 in the train split: "
            r"its targets may use rows 0\.\.6 \(7 rows\)",
        ),
        (
            "val",
            r"Series 'b' is too short for lookback 5 \+ horizon 3 in the val split: "
            r"its targets may use rows 7\.\.8 \(2 rows\)",
        ),
    ],
)
def test_series_too_short_for_a_split(split, message):
    offsets, bounds = _offsets([40, 10]), np.array([[20, 30, 40], [7, 9, 10]])
    with pytest.raises(DataError, match=message + r".*Lower --lookback/--horizon"):
        window_starts(offsets, bounds, lookback=5, horizon=3, split=split, series_ids=("a", "b"))


def test_series_too_short_without_ids_is_named_by_index():
    offsets, bounds = _offsets([40, 10]), np.array([[20, 30, 40], [7, 9, 10]])
    with pytest.raises(DataError, match=r"Series '1' is too short .* in the test split"):
        window_starts(offsets, bounds, lookback=5, horizon=3, split="test")


def test_embargo_can_leave_a_split_without_windows():
    offsets, bounds = _offsets([20]), np.array([[10, 15, 20]])
    with pytest.raises(
        DataError, match=r"in the val split: its targets may use rows 14\.\.14 \(1 rows\)"
    ):
        window_starts(offsets, bounds, lookback=4, horizon=2, split="val", embargo=4)


# ---------------------------------------------------------------------------- properties
@st.composite
def _layouts(draw):
    """Several series, each cut into train, val, test and unused rows of random sizes."""
    n_series = draw(st.integers(1, 4))
    lengths, bounds = [], []
    for _ in range(n_series):
        sizes = draw(st.lists(st.integers(0, 50), min_size=4, max_size=4))
        cuts = np.cumsum(sizes)
        lengths.append(int(cuts[-1]))
        bounds.append(cuts[:3])
    return lengths, np.array(bounds, dtype=np.int64)


@st.composite
def _fraction_layouts(draw):
    """Several series cut by a random fraction split, as split_bounds does it."""
    lengths = draw(st.lists(st.integers(1, 200), min_size=1, max_size=4))
    p0 = draw(st.integers(1, 98))
    p1 = draw(st.integers(1, 99 - p0))
    p2 = draw(st.integers(1, 100 - p0 - p1))
    spec = parse_split(f"{p0 / 100},{p1 / 100},{p2 / 100}")
    bounds = split_bounds(spec, np.asarray(lengths), None, _offsets(lengths))
    return lengths, bounds


def _check_windows(lengths, bounds, lookback, horizon, stride, embargo):
    offsets = _offsets(lengths)
    ids = tuple(f"s{i}" for i in range(len(lengths)))
    targets_of_split = {}
    for k, split in enumerate(SPLITS):
        counts = [_expected_count(b, k, lookback, horizon, stride, embargo) for b in bounds]
        kw = {"lookback": lookback, "horizon": horizon, "split": split, "stride": stride}
        if 0 in counts:
            first_short = counts.index(0)
            with pytest.raises(
                DataError, match=rf"Series 's{first_short}' is too short .* {split} split"
            ):
                window_starts(offsets, bounds, embargo=embargo, series_ids=ids, **kw)
            continue
        starts = window_starts(offsets, bounds, embargo=embargo, series_ids=ids, **kw)
        assert starts.dtype == np.int64
        assert len(starts) == sum(counts)
        series = np.searchsorted(offsets, starts, side="right") - 1
        # windows come series by series, each in time order, ``stride`` apart
        assert np.all(np.diff(series) >= 0)
        np.testing.assert_array_equal(np.bincount(series, minlength=len(lengths)), counts)
        for s in range(len(lengths)):
            local = starts[series == s] - offsets[s]
            assert np.all(np.diff(local) == stride)
            low = 0 if k == 0 else int(bounds[s, k - 1]) + embargo
            assert local[0] + lookback == max(low, lookback)  # the first possible window
        local = starts - offsets[series]
        first_target = local + lookback
        # inputs and targets stay inside the window's own series: no window crosses series
        assert np.all(local >= 0)
        assert np.all(first_target + horizon <= np.asarray(lengths)[series])
        # targets lie inside the split's bounds (after the embargo)
        low = np.zeros_like(local) if k == 0 else bounds[series, k - 1] + embargo
        assert np.all(first_target >= low)
        assert np.all(first_target + horizon <= bounds[series, k])
        rows = (starts + lookback)[:, None] + np.arange(horizon)
        targets_of_split[split] = set(rows.ravel().tolist())
    # no target row is in two splits
    done = list(targets_of_split.values())
    for i in range(len(done)):
        for j in range(i + 1, len(done)):
            assert not done[i] & done[j]


_window_settings = {
    "lookback": st.integers(1, 16),
    "horizon": st.integers(1, 8),
    "stride": st.integers(1, 5),
    "embargo": st.integers(0, 6),
}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(layout=_layouts(), **_window_settings)
def test_windows_respect_splits_and_series(layout, lookback, horizon, stride, embargo):
    _check_windows(*layout, lookback, horizon, stride, embargo)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(layout=_fraction_layouts(), **_window_settings)
def test_windows_respect_fraction_splits(layout, lookback, horizon, stride, embargo):
    _check_windows(*layout, lookback, horizon, stride, embargo)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    lengths=st.lists(st.integers(12, 60), min_size=1, max_size=3),
    lookback=st.integers(1, 6),
    horizon=st.integers(1, 5),
    n_targets=st.integers(1, 3),
    seed=st.integers(0, 2**16),
)
def test_batches_equal_naive_slicing(lengths, lookback, horizon, n_targets, seed):
    rng = np.random.default_rng(seed)
    offsets = _offsets(lengths)
    data = rng.normal(size=(int(offsets[-1]), 3)).astype(np.float32)
    bounds = np.array([[n, n, n] for n in lengths])  # every complete window, as train
    windows = make_windows(
        torch.from_numpy(data),
        offsets,
        bounds,
        lookback=lookback,
        horizon=horizon,
        n_targets=n_targets,
        split="train",
    )
    starts = windows.starts.numpy()
    np.testing.assert_array_equal(
        windows.series.numpy(), np.searchsorted(offsets, starts, side="right") - 1
    )
    index = rng.permutation(len(windows))[: rng.integers(1, len(windows) + 1)]
    inputs, targets = windows.batch(torch.from_numpy(index))
    naive_inputs = np.stack([data[s : s + lookback] for s in starts[index]])
    naive_targets = np.stack(
        [data[s + lookback : s + lookback + horizon, :n_targets] for s in starts[index]]
    )
    assert inputs.shape == (len(index), lookback, 3)
    assert targets.shape == (len(index), horizon, n_targets)
    np.testing.assert_array_equal(inputs.numpy(), naive_inputs)
    np.testing.assert_array_equal(targets.numpy(), naive_targets)


# ---------------------------------------------------------------------------- the view
def _windows(
    data: torch.Tensor, lookback: int = 4, horizon: int = 2, n_targets: int = 1
) -> Windows:
    n = data.shape[0]
    return make_windows(
        data,
        _offsets([n]),
        np.array([[n, n, n]]),
        lookback=lookback,
        horizon=horizon,
        n_targets=n_targets,
        split="train",
    )


def test_view_shares_storage_with_the_data():
    data = torch.randn(30, 3, generator=torch.Generator().manual_seed(0))
    windows = _windows(data)
    assert windows.data is data  # already contiguous: kept, not copied
    assert windows.view.untyped_storage().data_ptr() == data.untyped_storage().data_ptr()
    assert windows.view.shape == (30 - 6 + 1, 6, 3)
    assert windows.view.stride() == (3, 3, 1)
    before = windows.view[8, 2, 1].item()
    data[10, 1] = 123.0  # a change to the data shows in every window that holds row 10
    assert before != 123.0
    assert windows.view[8, 2, 1].item() == 123.0
    assert windows.view[10, 0, 1].item() == 123.0
    assert windows.view[5, 5, 1].item() == 123.0


def test_view_of_a_sliced_tensor_starts_at_its_first_row():
    base = torch.arange(60, dtype=torch.float32).reshape(20, 3)
    data = base[5:]  # contiguous, but with a storage offset
    windows = _windows(data)
    assert windows.view.untyped_storage().data_ptr() == base.untyped_storage().data_ptr()
    torch.testing.assert_close(windows.view[0, 0], data[0])
    torch.testing.assert_close(windows.view[-1, -1], data[-1])


def test_non_contiguous_data_is_made_contiguous_once():
    data = torch.randn(3, 30, generator=torch.Generator().manual_seed(0)).T
    windows = _windows(data)
    assert windows.data.is_contiguous()
    torch.testing.assert_close(windows.data, data)
    assert windows.view.untyped_storage().data_ptr() == windows.data.untyped_storage().data_ptr()


def test_batch_by_slice_and_len():
    data = torch.arange(40, dtype=torch.float32).reshape(20, 2)
    windows = _windows(data, lookback=3, horizon=2, n_targets=1)
    assert len(windows) == 20 - 5 + 1
    inputs, targets = windows.batch(slice(2, 4))
    torch.testing.assert_close(inputs, torch.stack([data[2:5], data[3:6]]))
    torch.testing.assert_close(targets, torch.stack([data[5:7, :1], data[6:8, :1]]))


def test_data_shorter_than_a_window_gives_an_empty_view():
    windows = Windows(
        torch.zeros(3, 2),
        torch.zeros(0, dtype=torch.int64),
        torch.zeros(0, dtype=torch.int64),
        lookback=4,
        horizon=2,
        n_targets=1,
    )
    assert windows.view.shape == (0, 6, 2)
    assert len(windows) == 0


def test_to_keeps_the_windows():
    data = torch.randn(20, 2, generator=torch.Generator().manual_seed(1))
    windows = _windows(data)
    moved = windows.to(torch.device("cpu"))
    torch.testing.assert_close(moved.starts, windows.starts)
    torch.testing.assert_close(moved.series, windows.series)
    assert (moved.lookback, moved.horizon, moved.n_targets) == (4, 2, 1)
    assert moved.view.untyped_storage().data_ptr() == moved.data.untyped_storage().data_ptr()
