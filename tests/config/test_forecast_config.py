"""Tests for lstm_doctor.config: defaults, range checks, unknown keys, round trips."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest

from lstm_doctor.config import DataConfig, ModelConfig, RunConfig, TrainConfig
from lstm_doctor.errors import ConfigError


def _range_message(owner: str, name: str, what: str) -> str:
    return rf"The '{name}' parameter of {owner} must be {what}\. Got .* instead\."


# ------------------------------------------------------------------------------ DataConfig
def test_data_config_defaults_and_string_columns():
    config = DataConfig(target="OT", covariates="HUFL")
    assert config.target == ("OT",)
    assert config.covariates == ("HUFL",)
    assert (config.lookback, config.horizon, config.stride, config.embargo) == (96, 24, 1, 0)
    assert (config.split, config.scaler, config.fill, config.season) == (
        "0.7,0.1,0.2",
        "standard",
        None,
        None,
    )


@pytest.mark.parametrize("target", [(), ("",), ("OT", 3)])
def test_data_config_needs_a_target(target):
    with pytest.raises(
        ConfigError, match=r"The 'target' parameter of DataConfig needs at least one column name"
    ):
        DataConfig(target=target)


@pytest.mark.parametrize(
    "settings",
    [
        {"target": ("OT", "OT")},
        {"target": "OT", "covariates": "OT"},
        {"target": "OT", "time": "OT"},
        {"target": "y", "time": "date", "id": "date"},
        {"target": "y", "covariates": ("x", "x")},
    ],
)
def test_data_config_one_role_per_column(settings):
    with pytest.raises(ConfigError, match=r"Column '\w+' is given more than one role"):
        DataConfig(**settings)


@pytest.mark.parametrize(
    ("name", "value", "what"),
    [
        ("lookback", 0, "an integer >= 1"),
        ("lookback", 2.0, "an integer >= 1"),
        ("lookback", True, "an integer >= 1"),
        ("horizon", 0, "an integer >= 1"),
        ("stride", -1, "an integer >= 1"),
        ("embargo", -1, "an integer >= 0"),
        ("season", 1, "an integer >= 2"),
        ("scaler", "zscore", "one of standard, robust, minmax, none"),
        ("fill", "bfill", "one of ffill, interpolate"),
    ],
)
def test_data_config_out_of_range(name, value, what):
    with pytest.raises(ConfigError, match=_range_message("DataConfig", name, what)):
        DataConfig(target="y", **{name: value})


def test_data_config_checks_the_split():
    with pytest.raises(
        ConfigError, match=r"The 'split' setting '0.7,0.7,0.7' must have three fractions"
    ):
        DataConfig(target="y", split="0.7,0.7,0.7")


# ----------------------------------------------------------------------------- ModelConfig
@pytest.mark.parametrize(
    ("name", "value", "what"),
    [
        ("layers", 0, "an integer >= 1"),
        ("units", 0, "an integer >= 1"),
        ("units", 8.5, "an integer >= 1"),
        ("dropout", -0.1, r"a finite number >= 0\.0 and <= 0\.95"),
        ("dropout", 0.96, r"a finite number >= 0\.0 and <= 0\.95"),
        ("dropout", math.nan, r"a finite number >= 0\.0 and <= 0\.95"),
        ("bidirectional", "yes", "true or false"),
    ],
)
def test_model_config_out_of_range(name, value, what):
    with pytest.raises(ConfigError, match=_range_message("ModelConfig", name, what)):
        ModelConfig(**{name: value})


def test_model_config_bounds_are_inclusive():
    assert ModelConfig(dropout=0.0).dropout == 0.0
    assert ModelConfig(dropout=0.95, layers=1, units=1).dropout == 0.95


# ----------------------------------------------------------------------------- TrainConfig
@pytest.mark.parametrize(
    ("name", "value", "what"),
    [
        ("optimizer", "lbfgs", "one of adam, adamw, rmsprop, sgd"),
        ("lr", 0.0, r"a finite number > 0\.0"),
        ("lr", -0.1, r"a finite number > 0\.0"),
        ("lr", math.nan, r"a finite number > 0\.0"),
        ("lr", math.inf, r"a finite number > 0\.0"),
        ("lr", "0.1", r"a finite number > 0\.0"),
        ("weight_decay", -1e-4, r"a finite number >= 0\.0"),
        ("l2", -1.0, r"a finite number >= 0\.0"),
        ("l1", -1.0, r"a finite number >= 0\.0"),
        ("momentum", 1.5, r"a finite number >= 0\.0 and <= 1\.0"),
        ("clip", 0.0, r"a finite number > 0\.0"),
        ("batch_size", 0, "an integer >= 1"),
        ("epochs", 0, "an integer >= 1"),
        ("patience", 0, "an integer >= 1"),
        ("min_delta", -0.1, r"a finite number >= 0\.0"),
        ("schedule", "step", "one of plateau, cosine, onecycle, none"),
        ("lr_patience", 0, "an integer >= 1"),
        ("lr_factor", 0.0, r"a finite number > 0\.0 and <= 1\.0"),
        ("lr_factor", 1.5, r"a finite number > 0\.0 and <= 1\.0"),
        ("precision", "fp16", "one of fp32, bf16"),
        ("device", "tpu", "auto, cpu, cuda, cuda:N or mps"),
        ("seed", -1, "an integer >= 0"),
        ("max_nan_events", 0, "an integer >= 1"),
    ],
)
def test_train_config_out_of_range(name, value, what):
    with pytest.raises(ConfigError, match=_range_message("TrainConfig", name, what)):
        TrainConfig(**{name: value})


def test_train_config_optional_settings_accept_none():
    config = TrainConfig(weight_decay=None, clip=None, patience=None)
    assert (config.clip, config.patience) == (None, None)


@pytest.mark.parametrize("device", ["auto", "cpu", "cuda", "cuda:1", "mps"])
def test_train_config_devices(device):
    assert TrainConfig(device=device).device == device


@pytest.mark.parametrize("device", ["cudax", "cuda:one", "mpsy"])
def test_train_config_rejects_devices_that_only_start_like_one(device):
    with pytest.raises(ConfigError, match=r"The 'device' parameter of TrainConfig"):
        TrainConfig(device=device)


@pytest.mark.parametrize(
    ("optimizer", "weight_decay", "expected"),
    [
        ("adamw", None, 0.01),
        ("adam", None, 0.0),
        ("sgd", None, 0.0),
        ("adamw", 0.0, 0.0),
        ("adam", 0.1, 0.1),
    ],
)
def test_resolved_weight_decay(optimizer, weight_decay, expected):
    config = TrainConfig(optimizer=optimizer, weight_decay=weight_decay)
    assert config.resolved_weight_decay == expected


# ------------------------------------------------------------------------ from_dict / to_dict
@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (DataConfig, {"target": "y", "lookbak": 5}),
        (ModelConfig, {"lookbak": 5}),
        (TrainConfig, {"lookbak": 5, "lr": 0.1}),
    ],
)
def test_from_dict_rejects_unknown_keys(cls, values):
    with pytest.raises(
        ConfigError, match=rf"Unknown setting\(s\) for {cls.__name__}: lookbak\. Known settings: "
    ):
        cls.from_dict(values)


def test_from_dict_names_every_unknown_key():
    with pytest.raises(ConfigError, match=r"Unknown setting\(s\) for TrainConfig: a, b\."):
        TrainConfig.from_dict({"b": 1, "a": 2})


def test_from_dict_turns_lists_into_tuples():
    config = DataConfig.from_dict({"target": ["y", "z"], "covariates": ["x"]})
    assert config.target == ("y", "z")
    assert config.covariates == ("x",)


def test_from_dict_checks_values():
    with pytest.raises(
        ConfigError, match=_range_message("ModelConfig", "units", "an integer >= 1")
    ):
        ModelConfig.from_dict({"units": 0})


def test_from_dict_without_a_target():
    with pytest.raises(ConfigError, match=r"target"):
        DataConfig.from_dict({"lookback": 5})


def test_list_target_becomes_a_tuple():
    config = DataConfig(target=["y", "z"], covariates=["x"])
    assert config.target == ("y", "z")
    assert config.covariates == ("x",)
    assert config == DataConfig.from_dict(config.to_dict())


def test_run_config_round_trips_through_json():
    config = RunConfig(
        data=DataConfig(
            target=("y", "z"), covariates=("x",), time="t", split="10,5,5", fill="ffill"
        ),
        model=ModelConfig(layers=1, units=8, dropout=0.2),
        train=TrainConfig(optimizer="adamw", lr=3e-3, patience=None, clip=None),
    )
    as_json = json.dumps(config.to_dict())
    assert RunConfig.from_dict(json.loads(as_json)) == config
    assert json.loads(as_json)["data"]["target"] == ["y", "z"]


def test_numpy_integers_are_accepted():
    assert DataConfig(target="y", lookback=np.int64(12)).lookback == 12


def test_run_config_without_a_data_table():
    with pytest.raises(ConfigError, match="no 'data' section"):
        RunConfig.from_dict({"data": None})


def test_run_config_sections_default():
    config = RunConfig.from_dict({"data": {"target": "y"}})
    assert config.model == ModelConfig()
    assert config.train == TrainConfig(loss="mse")  # the step architecture's loss


def test_run_config_rejects_unknown_sections():
    with pytest.raises(ConfigError, match=r"Unknown section\(s\) in run config: optim\."):
        RunConfig.from_dict({"data": {"target": "y"}, "optim": {}})


def test_run_config_needs_a_data_section():
    with pytest.raises(ConfigError, match=r"The run config has no 'data' section"):
        RunConfig.from_dict({"model": {}})


def test_run_config_rejects_unknown_keys_inside_a_section():
    with pytest.raises(ConfigError, match=r"Unknown setting\(s\) for TrainConfig: learning_rate"):
        RunConfig.from_dict({"data": {"target": "y"}, "train": {"learning_rate": 0.1}})


@pytest.mark.parametrize("config", [DataConfig(target="y"), ModelConfig(), TrainConfig()])
def test_configs_are_frozen(config):
    name = dataclasses.fields(config)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(config, name, None)


def test_architecture_defaults_fill_what_is_not_given():
    step, segment = ModelConfig(), ModelConfig(architecture="segment")
    assert (step.layers, step.normalization) == (2, "none")
    assert (segment.layers, segment.normalization) == (1, "last_value")
    assert ModelConfig(architecture="segment", layers=3, normalization="revin").layers == 3
    assert ModelConfig.from_dict(segment.to_dict()) == segment


def test_run_config_resolves_the_loss_by_architecture():
    data = DataConfig(target="y")
    assert RunConfig(data=data).train.loss == "mse"
    segment = RunConfig(data=data, model=ModelConfig(architecture="segment"))
    assert segment.train.loss == "mae"
    given = RunConfig(data=data, model=segment.model, train=TrainConfig(loss="huber"))
    assert given.train.loss == "huber"
    assert TrainConfig().resolved_loss == "mse"
    assert RunConfig.from_dict(segment.to_dict()) == segment


@pytest.mark.parametrize(
    ("settings", "match"),
    [
        ({"architecture": "patch"}, "'architecture' parameter of ModelConfig must be one of"),
        ({"decoder": "beam"}, "'decoder' parameter of ModelConfig must be one of"),
        ({"segment_length": 0}, "'segment_length' parameter of ModelConfig must be an integer"),
        ({"architecture": "segment", "bidirectional": True}, "does not support bidirectional;"),
        (
            {"architecture": "segment", "head": "attention", "weight_drop": 0.1},
            "does not support weight_drop, head; drop them",
        ),
        ({"architecture": "segment", "layer_norm": True}, "does not support layer_norm"),
    ],
)
def test_model_config_architecture_settings_are_checked(settings, match):
    with pytest.raises(ConfigError, match=match):
        ModelConfig(**settings)


def test_train_config_checks_the_loss():
    with pytest.raises(ConfigError, match="'loss' parameter of TrainConfig must be one of mse"):
        TrainConfig(loss="l1")
