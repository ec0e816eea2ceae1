"""JapaneseVowels with the official split, through the CLI defaults (slow)."""

from __future__ import annotations

import json

import pytest

from fast_settings import SHARED_DATA
from lstm_doctor.cli import main

TRAIN = SHARED_DATA / "JapaneseVowels_train.csv"
TEST = SHARED_DATA / "JapaneseVowels_test.csv"


@pytest.mark.slow
@pytest.mark.skipif(not TRAIN.is_file(), reason=f"{TRAIN} is missing (../shared/data)")
def test_japanese_vowels_official_split(tmp_path, capsys) -> None:
    code = main(["fit", str(TRAIN), "--test", str(TEST), "--task", "classify", "--sequence-id",
                 "sequence_id", "--time", "t", "--label", "label", "--out", str(tmp_path / "run"),
                 "--json"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["n_sequences"]["test"] == 370
    assert out["metrics"]["test"]["accuracy"] > 0.9  # a sane model; the figure is in README
    assert out["metrics"]["test"]["accuracy"] > out["baselines"]["majority"]["test"]["accuracy"]
