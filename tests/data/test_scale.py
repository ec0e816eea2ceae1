"""Tests for lstm_doctor.data.scale: training-split statistics, round trips, persistence."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lstm_doctor.data.scale import Scaler, fit_scaler
from lstm_doctor.errors import ArtifactError

COLUMNS = ("y", "x")
IDS = ("a", "b")


def _values(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two series of 30 and 20 rows with different levels; 12 and 8 training rows."""
    rng = np.random.default_rng(seed)
    a = rng.normal([5.0, -1.0], [2.0, 0.5], size=(30, 2))
    b = rng.normal([50.0, 3.0], [10.0, 4.0], size=(20, 2))
    return np.vstack([a, b]), np.array([0, 30, 50]), np.array([12, 8])


def _series_of_rows(offsets: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))


def _train_rows(values: np.ndarray, offsets: np.ndarray, n_train: np.ndarray) -> list[np.ndarray]:
    return [values[offsets[s] : offsets[s] + n_train[s]] for s in range(len(n_train))]


@pytest.mark.parametrize(
    ("kind", "center_of", "spread_of"),
    [
        ("standard", lambda r: r.mean(axis=0), lambda r: r.std(axis=0, ddof=0)),
        (
            "robust",
            lambda r: np.median(r, axis=0),
            lambda r: np.quantile(r, 0.75, axis=0) - np.quantile(r, 0.25, axis=0),
        ),
        ("minmax", lambda r: r.min(axis=0), lambda r: r.max(axis=0) - r.min(axis=0)),
        ("none", lambda r: np.zeros(r.shape[1]), lambda r: np.ones(r.shape[1])),
    ],
)
def test_statistics_come_from_each_series_training_rows(kind, center_of, spread_of):
    values, offsets, n_train = _values()
    scaler = fit_scaler(kind, values, offsets, n_train, COLUMNS, IDS)
    assert scaler.kind == kind
    assert scaler.center.shape == scaler.scale.shape == (2, 2)
    for s, rows in enumerate(_train_rows(values, offsets, n_train)):
        np.testing.assert_allclose(scaler.center[s], center_of(rows), rtol=1e-12)
        np.testing.assert_allclose(scaler.scale[s], spread_of(rows), rtol=1e-12)


def test_standard_uses_the_population_std():
    values = np.array([[1.0], [3.0], [100.0]])
    scaler = fit_scaler("standard", values, np.array([0, 3]), np.array([2]), ("y",), ("0",))
    assert scaler.center[0, 0] == 2.0
    assert scaler.scale[0, 0] == 1.0  # ddof=0; ddof=1 would give sqrt(2)


@pytest.mark.parametrize("kind", ["standard", "robust", "minmax", "none"])
def test_val_and_test_rows_do_not_change_the_scaler(kind):
    values, offsets, n_train = _values()
    scaler = fit_scaler(kind, values, offsets, n_train, COLUMNS, IDS)
    changed = values.copy()
    for s in range(2):
        changed[offsets[s] + n_train[s] : offsets[s + 1]] = 1e6 * (s + 1)
    again = fit_scaler(kind, changed, offsets, n_train, COLUMNS, IDS)
    np.testing.assert_array_equal(again.center, scaler.center)
    np.testing.assert_array_equal(again.scale, scaler.scale)


@pytest.mark.parametrize("kind", ["standard", "robust", "minmax"])
def test_column_constant_on_training_rows_gets_scale_one(kind):
    values, offsets, n_train = _values()
    values[: n_train[0], 1] = 7.5  # constant on series 'a' training rows, varies afterwards
    scaler = fit_scaler(kind, values, offsets, n_train, COLUMNS, IDS)
    assert scaler.scale[0, 1] == 1.0
    assert scaler.center[0, 1] == 7.5  # keeps its level
    assert scaler.scale[1, 1] != 1.0
    out = scaler.transform(values, _series_of_rows(offsets))
    assert np.all(np.isfinite(out))
    np.testing.assert_array_equal(out[: n_train[0], 1], 0.0)


@pytest.mark.parametrize("kind", ["standard", "robust", "minmax", "none"])
def test_inverse_transform_undoes_transform(kind):
    values, offsets, n_train = _values()
    scaler = fit_scaler(kind, values, offsets, n_train, COLUMNS, IDS)
    series = _series_of_rows(offsets)
    scaled = scaler.transform(values, series)
    np.testing.assert_allclose(scaler.inverse_transform(scaled, series), values, rtol=1e-12)


def test_transform_by_hand():
    scaler = Scaler(
        "standard",
        np.array([[1.0, 2.0], [10.0, 0.0]]),
        np.array([[2.0, 4.0], [5.0, 1.0]]),
        COLUMNS,
        IDS,
    )
    out = scaler.transform(np.array([[3.0, 2.0], [0.0, 1.0]]), np.array([0, 1]))
    np.testing.assert_array_equal(out, [[1.0, 0.0], [-2.0, 1.0]])


def test_inverse_transform_of_forecasts_with_a_horizon_axis_and_a_column_subset():
    values, offsets, n_train = _values()
    scaler = fit_scaler("standard", values, offsets, n_train, COLUMNS, IDS)
    rng = np.random.default_rng(1)
    forecast = rng.normal(size=(3, 5, 1))  # (windows, horizon, targets), scaled
    series = np.array([1, 0, 1])
    out = scaler.inverse_transform(forecast, series, columns=[0])
    expected = (
        forecast * scaler.scale[series, 0][:, None, None] + scaler.center[series, 0][:, None, None]
    )
    np.testing.assert_allclose(out, expected, rtol=1e-12)
    # and back through transform, window by window
    for i, s in enumerate(series):
        rows = np.column_stack([out[i, :, 0], np.zeros(5)])
        np.testing.assert_allclose(scaler.transform(rows, np.full(5, s))[:, 0], forecast[i, :, 0])


@pytest.mark.parametrize("kind", ["standard", "robust", "minmax", "none"])
def test_dict_round_trip_through_json(kind):
    values, offsets, n_train = _values()
    scaler = fit_scaler(kind, values, offsets, n_train, COLUMNS, IDS)
    back = Scaler.from_dict(json.loads(json.dumps(scaler.to_dict())))
    assert back.kind == kind
    assert back.columns == COLUMNS
    assert back.series_ids == IDS
    np.testing.assert_array_equal(back.center, scaler.center)
    np.testing.assert_array_equal(back.scale, scaler.scale)


def _good_dict() -> dict:
    values, offsets, n_train = _values()
    return fit_scaler("standard", values, offsets, n_train, COLUMNS, IDS).to_dict()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("center"), r"scaler\.json is malformed: KeyError\('center'\)"),
        (lambda d: d.pop("kind"), r"scaler\.json is malformed: KeyError\('kind'\)"),
        (lambda d: d.update(center=[[1.0, 2.0], [3.0]]), r"scaler\.json is malformed"),
        (lambda d: d.update(scale="wide"), r"scaler\.json is malformed"),
        (lambda d: d.update(columns=3), r"scaler\.json is malformed"),
        (
            lambda d: d.update(center=[[1.0, 2.0]]),
            r"statistics of shape \(1, 2\), expected \(2, 2\)",
        ),
        (lambda d: d.update(scale=[[1.0], [2.0]]), r"expected \(2, 2\)"),
        (lambda d: d.update(series_ids=["a"]), r"statistics of shape \(2, 2\), expected \(1, 2\)"),
        (
            lambda d: d.update(scale=[[1.0, 0.0], [1.0, 1.0]]),
            r"field 'scale' holds 0\.0 for column 'x' of series 'a'; it must be finite and > 0",
        ),
        (lambda d: d.update(scale=[[1.0, 1.0], [-2.0, 1.0]]), r"'scale' holds -2\.0"),
        (lambda d: d.update(center=[[1.0, 1.0], [1.0, float("nan")]]), r"'center' holds nan"),
        (lambda d: d.update(scale=[[float("inf"), 1.0], [1.0, 1.0]]), r"'scale' holds inf"),
    ],
)
def test_malformed_dict(change, message):
    values = _good_dict()
    change(values)
    with pytest.raises(ArtifactError, match=message):
        Scaler.from_dict(values)


@pytest.mark.parametrize("values", [None, [], "scaler"])
def test_from_dict_of_a_non_dict(values):
    with pytest.raises(ArtifactError, match=r"scaler\.json is malformed"):
        Scaler.from_dict(values)
