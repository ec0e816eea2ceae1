"""Read a CSV or Parquet file (or take a DataFrame) into a pandas DataFrame.

A CSV's delimiter is read from its header line (comma unless the header has none and holds
semicolons, tabs or pipes, as European and spreadsheet exports do); its encoding is UTF-8
(with or without a byte-order mark), UTF-16 with a byte-order mark, or the one given.
Duplicate column names are refused: pandas would rename them silently (``y``, ``y.1``).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
from pathlib import Path

import pandas as pd

from lstm_doctor.errors import DataError

__all__ = ["read_table"]

_CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_DELIMITERS = (",", ";", "\t", "|")


def _duplicates(names: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({n for n in names if n in seen or seen.add(n)})  # type: ignore[func-returns-value]


def _refuse_duplicates(names: list[str], where: str) -> None:
    repeated = _duplicates([str(n) for n in names])
    if repeated:
        raise DataError(
            f"{where} has duplicate column names: {', '.join(map(repr, repeated))}. Give every "
            "column its own name."
        )


def _from_frame(source: pd.DataFrame) -> pd.DataFrame:
    _refuse_duplicates(list(source.columns), "The DataFrame")
    if isinstance(source.index, pd.DatetimeIndex):  # keep the time axis as a column
        name = source.index.name or "time"
        if name not in source.columns:
            return source.rename_axis(name).reset_index()
    return source.reset_index(drop=True)


def _open_bytes(path: Path, size: int) -> bytes:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        return handle.read(size)


def _encoding(head: bytes, given: str | None) -> str:
    if given is not None:
        try:
            codecs.lookup(given)
        except LookupError:
            raise DataError(
                f"--encoding {given!r} is not a known text encoding; try utf-8, latin-1, cp1252."
            ) from None
        return given
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"  # UTF-8, dropping a byte-order mark if there is one


def _header_line(head: bytes, encoding: str) -> str:
    text = head.decode(encoding, errors="replace")
    return text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""


def _delimiter(header: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: header.count(d) for d in _DELIMITERS}
    if counts[","] or not any(counts.values()):
        return ","
    return max(_DELIMITERS[1:], key=lambda d: counts[d])


def _read_csv(path: Path, suffix: str, encoding: str | None) -> pd.DataFrame:
    head = _open_bytes(path, 1 << 16)
    chosen = _encoding(head, encoding)
    header = _header_line(head, chosen)
    sep = _delimiter(header, suffix)
    names = next(csv.reader(io.StringIO(header), delimiter=sep), [])
    _refuse_duplicates([n.strip() for n in names], f"Data file {str(path)!r}")
    try:
        return pd.read_csv(path, sep=sep, encoding=chosen)
    except UnicodeDecodeError as exc:
        raise DataError(
            f"Data file {str(path)!r} is not {chosen.replace('-sig', '')} text (byte "
            f"{exc.start}: {exc.reason}); pass its encoding, e.g. --encoding latin-1 or "
            "--encoding cp1252."
        ) from None


def read_table(source: str | Path | pd.DataFrame, *, encoding: str | None = None) -> pd.DataFrame:
    """Return ``source`` as a DataFrame: a path to a CSV/Parquet file, or a DataFrame.

    A DataFrame with a DatetimeIndex keeps it as a column (named after the index, else
    ``time``), so it can be the time axis.

    Raises:
        DataError: the file does not exist, has an unknown suffix, another encoding, duplicate
            column names, or cannot be parsed.
    """
    if isinstance(source, pd.DataFrame):
        return _from_frame(source)
    path = Path(source)
    if not path.exists():
        raise DataError(f"Data file {str(path)!r} does not exist; check the path.")
    if path.is_dir():
        raise DataError(f"Data path {str(path)!r} is a directory; pass a .csv or .parquet file.")
    suffix = "".join(s for s in path.suffixes[-2:] if s != ".gz").lower() or path.suffix.lower()
    suffix = suffix if suffix in _CSV_SUFFIXES | _PARQUET_SUFFIXES else path.suffix.lower()
    try:
        if suffix in _PARQUET_SUFFIXES:
            frame = pd.read_parquet(path)
            _refuse_duplicates(list(frame.columns), f"Data file {str(path)!r}")
        elif suffix in _CSV_SUFFIXES or path.name.endswith(".csv.gz"):
            frame = _read_csv(path, suffix, encoding)
        else:
            raise DataError(
                f"Data file {str(path)!r} has suffix {path.suffix!r}; "
                "expected .csv, .tsv, .csv.gz or .parquet."
            )
    except DataError:
        raise
    except Exception as exc:  # pandas/pyarrow raise many types; the user needs one line
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataError(f"Could not read {str(path)!r}: {first_line}") from exc
    if frame.shape[1] == 0 or len(frame) == 0:
        raise DataError(f"Data file {str(path)!r} has no rows or no columns.")
    return frame
