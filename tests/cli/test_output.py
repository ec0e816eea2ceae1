from __future__ import annotations

import json

import pandas as pd
import pytest

from lstm_doctor import ArtifactError, ConfigError
from lstm_doctor.cli.output import write_predictions


@pytest.fixture
def frame() -> pd.DataFrame:
    time = pd.date_range("2024-01-01", periods=3, freq="h")
    return pd.DataFrame({"step": [1, 2, 3], "time": time, "y": [0.5, 1.0, 1.5]})


def test_the_suffix_chooses_the_format(frame, tmp_path) -> None:
    write_predictions(frame, tmp_path / "f.csv")
    assert pd.read_csv(tmp_path / "f.csv")["y"].tolist() == [0.5, 1.0, 1.5]
    write_predictions(frame, tmp_path / "f.parquet")
    assert pd.read_parquet(tmp_path / "f.parquet").equals(frame)
    write_predictions(frame, tmp_path / "f.json")
    rows = json.loads((tmp_path / "f.json").read_text())
    assert rows[0]["step"] == 1 and rows[0]["time"].startswith("2024-01-01T00:00:00")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv", "f.json", "f.parquet"]


def test_an_unknown_suffix_is_refused(frame, tmp_path) -> None:
    with pytest.raises(ConfigError, match=r"suffix '\.xlsx'.*\.csv, \.parquet or \.json"):
        write_predictions(frame, tmp_path / "f.xlsx")


def test_an_existing_file_needs_overwrite(frame, tmp_path) -> None:
    (tmp_path / "f.csv").write_text("mine")
    with pytest.raises(ArtifactError, match="already exists; pass --overwrite"):
        write_predictions(frame, tmp_path / "f.csv")
    assert (tmp_path / "f.csv").read_text() == "mine"
    write_predictions(frame, tmp_path / "f.csv", overwrite=True)
    assert len(pd.read_csv(tmp_path / "f.csv")) == 3


def test_a_folder_is_refused_and_no_partial_file_is_left(frame, tmp_path) -> None:
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(ArtifactError, match="is a folder"):
        write_predictions(frame, tmp_path / "d.csv", overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]


def test_a_failed_write_leaves_no_partial_file(frame, tmp_path, monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("lstm_doctor.cli.output.os.replace", full)
    with pytest.raises(OSError, match="No space"):
        write_predictions(frame, tmp_path / "f.csv")
    assert list(tmp_path.iterdir()) == []
