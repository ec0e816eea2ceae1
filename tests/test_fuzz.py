"""Fuzz the path a user's file takes: read -> validate -> check (and a tiny fit).

Hypothesis writes hostile CSV files (delimiters, encodings, byte-order marks, quoting,
ragged rows, truncation) and DataFrames (DatetimeIndex, odd dtypes) holding hostile values
(NaN, inf, 1e308, -0.0, huge integers, text, booleans, empty cells), hostile timestamps
(UTC offsets, DST, gaps, duplicates, shuffled, day-first) and hostile column names (unicode,
duplicates, flag-like). Every run must either succeed or raise one of our errors
(DataError/ConfigError) with a one-line message: never another exception.

The bounded ``fuzz-ci`` profile runs in the normal suite; ``HYPOTHESIS_PROFILE=fuzz-long``
(tests/fuzz_profiles.py) runs a long search on demand.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import event, given
from hypothesis import strategies as st

from fuzz_profiles import fuzz
from lstm_doctor import Forecaster
from lstm_doctor.config import DataConfig
from lstm_doctor.diagnosis.sources import check_frame
from lstm_doctor.errors import ConfigError, DataError, TrainingError

_OURS = (DataError, ConfigError)
_WHY = bool(os.environ.get("FUZZ_WHY"))  # events name the message too (to tune the strategies)

# ------------------------------------------------------------------------------- values
_ODD_NUMBERS = st.sampled_from(
    [float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 1e307, -0.0, 0.0, 5e-324,
     2**63, -(2**63) - 1, 10**30, 3.4e38, 1e38]
)  # fmt: skip
_PLAIN = st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-(10**6), 10**6)
_TEXT = st.sampled_from(["", " ", "n/a", "NaN", "null", "1,5", "1e5", "abc", "True", "—", "😀"])
_NAMES = st.sampled_from(
    ["y", "x", "time", "date", "température", "ȳ", "🙂", "--target", "-h", " y", "y ", "",
     "Unnamed: 0", "a;b", 'q"uote', "1", "NaN"]
)  # fmt: skip
_ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]
_FORMATS = ["%Y-%m-%d %H:%M:%S%z", "%Y-%m-%dT%H:%M:%S%z", "%d/%m/%Y", "%m/%d/%Y",
            "%Y-%m-%d", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"]  # fmt: skip


@st.composite
def _time_column(draw, n: int, clean: bool = False) -> list[object]:
    """Timestamps: a regular range, then perhaps gaps, duplicates, shuffles or a bad cell."""
    freq = draw(st.sampled_from(["h", "D", "MS", "15min", "W"]))
    zone = draw(st.sampled_from([None, *_ZONES]))
    start = draw(st.sampled_from(["2024-03-30", "2024-10-26", "1995-01-01", "2023-12-31 22:00"]))
    times = pd.date_range(start, periods=max(n, 1), freq=freq, tz=zone)[:n]
    kind = draw(st.sampled_from(["text", "text", "numeric", "datetime"]))
    if kind == "numeric":
        values: list[object] = list(np.arange(n, dtype=float) * draw(st.sampled_from([1, 0.5])))
    elif kind == "datetime":
        values = list(times)
    else:
        fmt = draw(st.sampled_from(_FORMATS))
        values = [t.strftime(fmt) for t in times]
    if n > 3 and not clean:
        damage = draw(st.sampled_from(["none", "none", "gap", "duplicate", "shuffle", "bad"]))
        i = draw(st.integers(1, n - 2))
        if damage == "gap":
            values = values[:i] + values[i + 1 :] + values[-1:]
        elif damage == "duplicate":
            values[i] = values[i - 1]
        elif damage == "shuffle":
            values[i], values[i + 1] = values[i + 1], values[i]
        elif damage == "bad":
            values[i] = draw(_TEXT)
    return values


@st.composite
def _value_column(draw, n: int, clean: bool = False) -> list[object]:
    kinds = ["smooth", "smooth", "int", "bool"]
    kind = draw(st.sampled_from(kinds if clean else [*kinds, "odd", "text", "empty"]))
    base = np.sin(np.arange(n) / 3.0) * draw(st.sampled_from([1.0, 1e-30, 1e30]))
    values: list[object] = list(base)
    if kind == "odd":
        for _ in range(draw(st.integers(1, 3))):
            if n:
                values[draw(st.integers(0, n - 1))] = draw(_ODD_NUMBERS)
    elif kind == "text" and n:
        values[draw(st.integers(0, n - 1))] = draw(_TEXT)
    elif kind == "bool":
        values = [bool(v > 0) for v in base]
    elif kind == "int":
        values = [int(v * 1000) + draw(st.sampled_from([0, 2**62])) for v in base]
    elif kind == "empty" and n:
        values[draw(st.integers(0, n - 1))] = None
    return values


@st.composite
def _table(draw) -> tuple[list[str], list[list[object]], str | None]:
    """(column names, columns, the name of the time column or None); a "clean" table (about
    half) has no damage but its names, dialect and encoding, so deeper paths run too."""
    clean = draw(st.booleans())
    n = draw(st.sampled_from([30, 60] if clean else [0, 1, 2, 5, 30, 60, 60]))
    names = draw(st.lists(_NAMES, min_size=1, max_size=4, unique=clean))
    with_time = draw(st.booleans())
    if with_time:
        time_name = draw(st.sampled_from(["time", "date", "Datum"]))
        names = [time_name, *(n for n in names if not clean or n != time_name)]
    columns = []
    for j, _ in enumerate(names):
        kind = _time_column if with_time and j == 0 else _value_column
        columns.append(draw(kind(n, clean)))
    return names, columns, names[0] if with_time else None


def _render(draw, names: list[str], columns: list[list[object]]) -> tuple[bytes, str]:
    """The table as CSV bytes, with a drawn dialect, encoding and damage; and the encoding."""
    sep = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, quoting=quoting, lineterminator="\n")
    writer.writerow(names)
    rows = list(zip(*columns, strict=True)) if columns and columns[0] else []
    ragged = draw(st.integers(-1, len(rows) - 1)) if draw(st.integers(0, 5)) == 0 else -1
    for i, row in enumerate(rows):
        cells = ["" if v is None else v for v in row]
        if i == ragged:  # a cell too many or too few
            cells = cells[:-1] if draw(st.booleans()) else [*cells, "extra"]
        writer.writerow(cells)
    text = buffer.getvalue()
    if draw(st.integers(0, 10)) == 0:  # cut off mid-file
        text = text[: draw(st.integers(0, len(text)))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace"), encoding


@st.composite
def _settings(draw, names: list[str], time: str | None) -> dict[str, object]:
    others = [c for c in names if c != time] or names
    target = draw(st.sampled_from(others)) if draw(st.integers(0, 9)) else "missing"
    covariates = draw(st.lists(st.sampled_from(others), max_size=2))
    return {
        "target": (target,),
        "covariates": tuple(c for c in covariates if c != target),
        "time": time if draw(st.integers(0, 4)) else None,
        "lookback": draw(st.sampled_from([1, 2, 4])),
        "horizon": draw(st.sampled_from([1, 2])),
        "split": draw(st.sampled_from(["0.6,0.2,0.2", "0.7,0.1,0.2", "20,5,5"])),
        "fill": draw(st.sampled_from([None, None, "ffill", "interpolate"])),
        "scaler": draw(st.sampled_from(["standard", "robust", "minmax", "none"])),
    }


def _one_line(exc: Exception) -> None:
    message = str(exc)
    assert message and "\n" not in message, f"{type(exc).__name__} is not one line: {message!r}"


def _check(source: object, settings: dict[str, object], encoding: str | None = None) -> None:
    """``lstm-doctor check``'s path: settings, read, validate, prepare, checks."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy's on degenerate splits: not our contract here
        try:
            config = DataConfig(**settings, encoding=encoding)
            check_frame(source, config)  # type: ignore[arg-type]
            event("checked")
        except _OURS as exc:
            event(f"refused: {type(exc).__name__}" + (f" {str(exc)[:45]}" if _WHY else ""))
            _one_line(exc)


@fuzz()
@given(data=st.data())
def test_fuzz_a_hostile_csv_file_is_read_or_refused_in_one_line(data) -> None:
    names, columns, time = data.draw(_table(), label="table")
    raw, written = _render(data.draw, names, columns)
    suffix = data.draw(st.sampled_from([".csv", ".csv", ".tsv", ".txt"]))
    settings = data.draw(_settings(names, time), label="settings")
    encoding = data.draw(st.sampled_from([None, None, None, written, "latin-1", "nope"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"data{suffix}"
        path.write_bytes(raw)
        _check(path, settings, encoding)


@fuzz()
@given(data=st.data())
def test_fuzz_a_hostile_dataframe_is_used_or_refused_in_one_line(data) -> None:
    names, columns, time = data.draw(_table(), label="table")
    frame = pd.DataFrame(dict(enumerate(columns)) if columns[0] else {})
    frame.columns = names[: frame.shape[1]] if frame.shape[1] else frame.columns
    settings = data.draw(_settings(names, time), label="settings")
    unique = not frame.columns.duplicated().any() and len(frame)
    if time is not None and unique and data.draw(st.booleans()):  # time as a DatetimeIndex
        parsed = pd.to_datetime(frame[time], errors="coerce", utc=True, format="mixed")
        if parsed.notna().all():
            frame = frame.drop(columns=[time]).set_index(pd.DatetimeIndex(parsed, name=time))
            settings["time"] = None
            settings["covariates"] = tuple(c for c in settings["covariates"] if c != time)
    _check(frame, settings)


@fuzz(scale=0.25)
@given(data=st.data())
def test_fuzz_a_tiny_fit_on_a_hostile_sample_trains_or_refuses_in_one_line(data) -> None:
    names, columns, time = data.draw(_table(), label="table")
    raw, written = _render(data.draw, names, columns)
    settings = data.draw(_settings(names, time), label="settings")
    settings["encoding"] = None if written.startswith(("utf-8", "utf-16")) else written
    tiny = {"layers": 1, "units": 2, "epochs": 1, "batch_size": 8, "patience": None}
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = Path(folder) / "data.csv"
        path.write_bytes(raw)
        try:
            model = Forecaster(**{**settings, **tiny}).fit(path)
        except (*_OURS, TrainingError) as exc:  # TrainingError: losses that stay non-finite
            event(f"refused: {type(exc).__name__}" + (f" {str(exc)[:45]}" if _WHY else ""))
            _one_line(exc)
            return
        event("trained")
        model.save(Path(folder) / "run")
        forecast = Forecaster.load(Path(folder) / "run").predict(path)
        assert len(forecast) == settings["horizon"]
