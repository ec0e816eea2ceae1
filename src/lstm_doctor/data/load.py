"""Read a CSV or Parquet file (or take a DataFrame) into a pandas DataFrame."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lstm_doctor.errors import DataError

__all__ = ["read_table"]

_CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}


def read_table(source: str | Path | pd.DataFrame) -> pd.DataFrame:
    """Return ``source`` as a DataFrame: a path to a CSV/Parquet file, or a DataFrame.

    Raises:
        DataError: the file does not exist, has an unknown suffix, or cannot be parsed.
    """
    if isinstance(source, pd.DataFrame):
        return source.reset_index(drop=True)
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
        elif suffix in _CSV_SUFFIXES or path.name.endswith(".csv.gz"):
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",")
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
