"""Tests of the search space: the default space, TOML files, and every error they can raise."""

from __future__ import annotations

from pathlib import Path

import optuna
import pytest

from lstm_doctor.errors import ConfigError
from lstm_doctor.treatment.search_space import (
    DEFAULT_SPACE,
    Param,
    load_space,
    parse_space,
    space_start,
    suggest,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "space.toml"
    path.write_text(text)
    return path


def test_default_space_holds_the_levers_of_the_gap():
    assert {"layers", "units", "dropout", "weight_decay", "lr", "batch_size", "lookback"} <= set(
        DEFAULT_SPACE
    )
    assert {"scaler", "normalization", "weight_drop"} <= set(DEFAULT_SPACE)
    assert {"head", "jitter", "scaling", "time_warp"} <= set(DEFAULT_SPACE)  # where they exist


def test_the_first_point_is_the_library_defaults_moved_into_the_space():
    start = space_start(DEFAULT_SPACE, {})
    assert start["layers"] == 2 and start["units"] == 64 and start["lr"] == 1e-3
    assert start["lookback"] == 96 and start["scaler"] == "standard"
    assert start["normalization"] == "none" and start["dropout"] == 0.0
    assert start["weight_decay"] == 1e-6  # 0 is outside the log range: its lowest value
    assert start["head"] == "last" and start["jitter"] == start["time_warp"] == 0.0
    assert start["architecture"] == "step" and start["loss"] == "mse"


def test_a_trial_draws_only_the_settings_of_its_architecture():
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    seen = set()
    for _ in range(30):
        trial = study.ask()
        values = suggest(DEFAULT_SPACE, trial, fixed={})
        study.tell(trial, 0.0)
        seen.add(values["architecture"])
        if values["architecture"] == "segment":
            assert "segment_length" in values and not {"head", "weight_drop"} & set(values)
        else:
            assert "head" in values and "segment_length" not in values
        assert {"units", "dropout", "loss"} <= set(values)
    assert seen == {"step", "segment"}
    fixed = suggest(DEFAULT_SPACE, study.ask(), fixed={"architecture": "segment"})
    assert "segment_length" in fixed and "head" not in fixed


def test_the_first_point_follows_given_settings():
    start = space_start(DEFAULT_SPACE, {"units": 32, "lr": 0.5, "layers": 9})
    assert (start["units"], start["lr"], start["layers"]) == (32, 1e-2, 3)


def test_a_toml_space_replaces_the_default_and_suggests_from_its_ranges(tmp_path):
    path = write(
        tmp_path,
        """
        [lr]
        type = "float"
        low = 1e-4
        high = 1e-2
        log = true

        [units]
        type = "int"
        low = 8
        high = 64
        step = 8

        [scaler]
        type = "categorical"
        choices = ["standard", "robust"]
        """,
    )
    space = load_space(path)
    assert list(space) == ["lr", "units", "scaler"]
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    for _ in range(20):
        trial = study.ask()
        values = {name: p.suggest(trial) for name, p in space.items()}
        study.tell(trial, 0.0)
        assert 1e-4 <= values["lr"] <= 1e-2
        assert values["units"] % 8 == 0 and 8 <= values["units"] <= 64
        assert values["scaler"] in ("standard", "robust")


def test_a_stepped_param_moves_the_start_onto_its_grid():
    param = Param("units", "int", low=8, high=64, step=8)
    assert param.nearest(30) == 32 and param.nearest(100) == 64 and param.nearest(None) == 8


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("[colour]\ntype='int'\nlow=1\nhigh=2", r"\[colour\]: 'colour' is not a setting"),
        ("[target]\ntype='categorical'\nchoices=['a']", r"'target' is not a setting that can"),
        ("[lr]\ntype='number'\nlow=1\nhigh=2", r"\[lr\]: type must be one of int, float"),
        ("[lr]\ntype='float'\nlow=1e-2\nhigh=1e-4", r"\[lr\]: low \(0.01\) must be below"),
        ("[lr]\ntype='float'\nlow=0.0\nhigh=1.0\nlog=true", r"\[lr\]: a log range needs low > 0"),
        ("[lr]\ntype='float'\nlow=1e-4\nhigh=1.0\nlog=true\nstep=0.1", "log or step, not both"),
        ("[lr]\ntype='float'\nlow=1e-4\nhight=1.0", r"\[lr\]: unknown key\(s\) hight"),
        ("[lr]\ntype='float'\nhigh=1.0", r"\[lr\]: low must be a finite float"),
        ("[layers]\ntype='int'\nlow=1.5\nhigh=3", r"\[layers\]: low must be a finite int"),
        ("[units]\ntype='int'\nlow=8\nhigh=64\nstep=0", r"\[units\]: step must be a int > 0"),
        ("[scaler]\ntype='categorical'\nchoices=[]", r"\[scaler\]: choices must be a non-empty"),
        ("[scaler]\ntype='categorical'\nchoices=['a', 'a']", r"\[scaler\]: choices has a value"),
        ("[lr]\ntype='float'\nlow=-1.0\nhigh=1.0", r"\[lr\]: -1.0 is not a valid lr"),
        ("[dropout]\ntype='float'\nlow=0.0\nhigh=0.99", r"\[dropout\]: 0.99 is not a valid"),
        ("[scaler]\ntype='categorical'\nchoices=['standard', 'log']", r"'log' is not a valid"),
        ("lr = 3", r"\[lr\] must be a table"),
        ("", "is empty"),
    ],
)
def test_an_invalid_space_gets_an_error_naming_the_setting_and_key(tmp_path, text, match):
    with pytest.raises(ConfigError, match=match):
        load_space(write(tmp_path, text))


def test_a_missing_or_broken_file_gets_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_space(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_space(write(tmp_path, "[lr\ntype="))


def test_parse_space_round_trips_through_to_dict():
    tables = {name: p.to_dict() for name, p in DEFAULT_SPACE.items()}
    assert parse_space(tables) == DEFAULT_SPACE
