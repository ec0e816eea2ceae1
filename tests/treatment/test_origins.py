"""Rolling validation origins for small validation splits (pure arithmetic)."""

from __future__ import annotations

from lstm_doctor.treatment.origins import MAX_EXTRA_ORIGINS, TARGET_EFFECTIVE, rolling_origins
from lstm_doctor.treatment.paired import effective_windows


def test_a_large_validation_split_keeps_one_origin() -> None:
    splits, plan = rolling_origins(17420, 8640, 2880, lookback=96, horizon=24)
    assert splits == [] and plan["origins"] == 1 and plan["supports_fine_choices"]
    assert plan["val_effective_windows"] >= TARGET_EFFECTIVE


def test_a_small_one_moves_the_validation_block_back_inside_train() -> None:
    splits, plan = rolling_origins(1000, 600, 60, lookback=24, horizon=6)
    assert 1 <= len(splits) <= MAX_EXTRA_ORIGINS and plan["origins"] == 1 + len(splits)
    assert splits[0] == "540,60,400" and (len(splits) < 2 or splits[1] == "480,60,460")
    for split in splits:  # every origin's train+val ends before the real validation starts
        train, val, _ = (int(v) for v in split.split(","))
        assert train + val <= 600
    assert plan["effective_windows"] > plan["val_effective_windows"]
    assert plan["pooled_windows"] == 55 * plan["origins"]


def test_origins_stop_when_training_would_be_shorter_than_validation() -> None:
    splits, plan = rolling_origins(144, 86, 28, lookback=12, horizon=6)
    assert splits == ["58,28,58"]  # a second origin would leave 30 train rows: 13 windows
    assert not plan["supports_fine_choices"] and "cannot support fine choices" in plan["note"]
    assert plan["effective_windows"] == round(effective_windows(46, 6), 2)


def test_several_series_keep_one_origin_and_say_so() -> None:
    splits, plan = rolling_origins(500, 300, 40, lookback=24, horizon=6, n_series=3)
    assert splits == [] and "several series" in plan["note"]
