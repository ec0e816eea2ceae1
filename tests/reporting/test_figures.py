from __future__ import annotations

import math

import numpy as np

from lstm_doctor.reporting.figures import (
    decimate,
    decimation_note,
    log_scale_wanted,
    new_figure,
    note,
    to_svg,
)


def test_decimate_keeps_short_lines_and_the_extremes_of_long_ones() -> None:
    x = np.arange(100)
    assert decimate(x, x * 1.0, max_points=200)[1].tolist() == (x * 1.0).tolist()
    y = np.zeros(10_000)
    y[1234], y[8765] = 50.0, -40.0  # single-point spikes a plain stride would drop
    xs, ys = decimate(np.arange(10_000), y, max_points=500)
    assert len(ys) <= 500
    assert ys.max() == 50.0 and ys.min() == -40.0
    assert 1234 in xs and 8765 in xs
    assert np.all(np.diff(xs) > 0)  # still in time order


def test_decimate_survives_all_nan_buckets() -> None:
    y = np.full(5000, np.nan)
    y[-10:] = 1.0
    xs, ys = decimate(np.arange(5000), y, max_points=100)
    assert len(xs) <= 100 and np.nanmax(ys) == 1.0


def test_decimation_note_only_when_points_were_dropped() -> None:
    assert decimation_note(100, max_points=1200) is None
    assert "5,000 points" in decimation_note(5000, max_points=1200)


def test_log_scale_wanted_when_values_span_a_decade() -> None:
    assert log_scale_wanted([1.0, 0.05])
    assert not log_scale_wanted([1.0, 0.5])
    assert not log_scale_wanted([1.0, math.nan])  # one finite value: nothing to span
    assert not log_scale_wanted([0.0, -1.0])


def test_to_svg_is_inline_text_without_prolog_or_fixed_size() -> None:
    fig, axes = new_figure()
    axes[0, 0].plot([1, 2, 3], [1, 4, 9])
    axes[0, 0].set_xlabel("epoch <x>")
    note(axes[0, 0], "a note")
    svg = to_svg(fig)
    assert svg.startswith("<svg") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert "viewBox" in svg and 'width="' not in svg.split(">", 1)[0]
    assert "epoch &lt;x&gt;" in svg  # text kept as text (svg.fonttype none), escaped
    assert "a note" in svg
    again, axes = new_figure()
    axes[0, 0].plot([1, 2, 3], [1, 4, 9])
    axes[0, 0].set_xlabel("epoch <x>")
    note(axes[0, 0], "a note")
    assert to_svg(again) == svg  # same figure, same bytes (no dates, salted ids)
