"""Tests of where the checks' rows lie: training rows, forecast targets, input-frame rows."""

from __future__ import annotations

import numpy as np
from check_frames import make_frame, prepare_frame

from lstm_doctor.diagnosis.panel_rows import locate_row, target_mask, train_slices


def test_train_slices_cover_each_series_training_rows(panel_frame):
    prepared = prepare_frame(panel_frame, id="sid")  # series a: 400 rows, b: 300 rows
    assert train_slices(prepared) == [slice(0, 280), slice(400, 610)]


def test_target_mask_marks_the_rows_that_windows_forecast():
    prepared = prepare_frame(make_frame())  # lookback 8, horizon 4
    mask = target_mask(prepared, np.array([0, 2]))
    assert np.flatnonzero(mask).tolist() == [8, 9, 10, 11, 12, 13]
    assert not target_mask(prepared, np.empty(0, dtype=np.int64)).any()


def test_locate_row_gives_the_series_and_the_input_frame_row(panel_frame):
    prepared = prepare_frame(panel_frame, id="sid")
    # The frame interleaves a and b by time for 300 hours, then holds a alone.
    assert locate_row(prepared, 3) == {"series": "a", "row": 6}
    assert locate_row(prepared, 350) == {"series": "a", "row": 650}
    assert locate_row(prepared, 401) == {"series": "b", "row": 3}
