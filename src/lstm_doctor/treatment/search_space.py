"""The search space of ``lstm-doctor tune``: which settings vary, and over what.

The default space holds the levers that close the train/test gap: capacity (layers, units),
regularization (dropout, weight-drop, weight decay), the optimizer's step and batch, the
lookback, the scaler, per-window normalization, the attention head and augmentation
(jitter, magnitude scaling, time warping; each with "off" as a choice). A TOML file
replaces it; each table names a setting (a ``fit`` flag) and its range::

    [lr]
    type = "float"      # float | int | categorical
    low = 1e-4
    high = 1e-2
    log = true          # optional; or step = ... (not both)

    [scaler]
    type = "categorical"
    choices = ["standard", "robust"]

Every bound and choice is checked against the settings' own validation when the space is
loaded, so a bad space fails before any trial runs.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lstm_doctor.config import DataConfig, ModelConfig, TrainConfig, setting_names
from lstm_doctor.errors import ConfigError

__all__ = ["DEFAULT_SPACE", "Param", "load_space", "parse_space", "space_start", "suggest"]

# Settings that only one architecture has: a trial of the other one does not draw them.
_ONLY_FOR = {
    "step": {"head", "weight_drop", "bidirectional", "layer_norm", "channel_independent"},
    "segment": {"segment_length", "decoder"},
}
# Column roles are not hyperparameters; neither are these run-level switches.
_NOT_SEARCHABLE = {"target", "time", "id", "covariates", "split", "device", "seed", "epochs"}
_TYPES = ("int", "float", "categorical")
_KEYS = {
    "int": {"type", "low", "high", "log", "step"},
    "float": {"type", "low", "high", "log", "step"},
    "categorical": {"type", "choices"},
}


@dataclass(frozen=True)
class Param:
    """One searched setting: a numeric range (``low``..``high``) or a list of choices."""

    name: str
    type: str
    low: float | int | None = None
    high: float | int | None = None
    log: bool = False
    step: float | int | None = None
    choices: tuple[Any, ...] = ()

    def suggest(self, trial: Any) -> Any:
        """The value an Optuna trial picks for this setting."""
        if self.type == "categorical":
            return trial.suggest_categorical(self.name, list(self.choices))
        if self.type == "int":
            step = 1 if self.step is None else int(self.step)
            return trial.suggest_int(self.name, self.low, self.high, step=step, log=self.log)
        return trial.suggest_float(self.name, self.low, self.high, step=self.step, log=self.log)

    def nearest(self, value: Any) -> Any:
        """``value`` moved into this range (or onto a choice), for the enqueued first trials."""
        if self.type == "categorical":
            if value in self.choices:
                return value
            numbers = [c for c in self.choices if isinstance(c, int | float)]
            if isinstance(value, int | float) and len(numbers) == len(self.choices):
                return min(numbers, key=lambda c: abs(c - value))
            return self.choices[0]
        low, high = self.low, self.high
        clipped = min(max(value if value is not None else low, low), high)
        if self.step is not None:
            clipped = low + round((clipped - low) / self.step) * self.step
            clipped = min(clipped, high)
        return round(clipped) if self.type == "int" else float(clipped)

    def to_dict(self) -> dict[str, Any]:
        if self.type == "categorical":
            return {"type": self.type, "choices": list(self.choices)}
        out: dict[str, Any] = {"type": self.type, "low": self.low, "high": self.high}
        if self.log:
            out["log"] = True
        if self.step is not None:
            out["step"] = self.step
        return out


_DEFAULT_TABLES: dict[str, dict[str, Any]] = {
    "layers": {"type": "int", "low": 1, "high": 3},
    "units": {"type": "categorical", "choices": [16, 32, 64, 128]},
    "dropout": {"type": "float", "low": 0.0, "high": 0.5},
    "weight_drop": {"type": "float", "low": 0.0, "high": 0.5},
    "weight_decay": {"type": "float", "low": 1e-6, "high": 1e-2, "log": True},
    "lr": {"type": "float", "low": 1e-4, "high": 1e-2, "log": True},
    "batch_size": {"type": "categorical", "choices": [32, 64, 128]},
    "lookback": {"type": "categorical", "choices": [48, 96, 192]},
    "scaler": {"type": "categorical", "choices": ["standard", "robust", "minmax"]},
    "normalization": {"type": "categorical", "choices": ["none", "revin", "last_value"]},
    "head": {"type": "categorical", "choices": ["last", "attention"]},
    # The segment LSTM (SegRNN-style) and its segment; the training loss for both.
    "architecture": {"type": "categorical", "choices": ["step", "segment"]},
    "segment_length": {"type": "categorical", "choices": [12, 24, 48]},
    "loss": {"type": "categorical", "choices": ["mse", "mae", "huber"]},
    # Augmentation: off is a choice (and the default), so a search can tell it does not help.
    "jitter": {"type": "categorical", "choices": [0.0, 0.02, 0.05, 0.1]},
    "scaling": {"type": "categorical", "choices": [0.0, 0.05, 0.1]},
    "time_warp": {"type": "categorical", "choices": [0.0, 0.1, 0.2]},
}


def parse_space(tables: Mapping[str, Any], source: str = "search space") -> dict[str, Param]:
    """Check a space given as ``{setting: {type: ..., ...}}`` and build its Params.

    Raises:
        ConfigError: naming the setting and the key at fault, for an unknown setting, an
            unknown key, a missing or inverted range, a log range through 0, empty choices,
            or a bound or choice the setting itself rejects.
    """
    if not tables:
        raise ConfigError(f"The {source} is empty; give at least one [setting] table.")
    known = setting_names() - _NOT_SEARCHABLE
    space: dict[str, Param] = {}
    for name, table in tables.items():
        where = f"{source}, [{name}]"
        if name not in known:
            raise ConfigError(
                f"{where}: {name!r} is not a setting that can be searched. Searchable "
                f"settings: {', '.join(sorted(known))}."
            )
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where} must be a table (type = ..., low/high or choices).")
        space[name] = _parse_param(name, dict(table), where)
    return space


def _parse_param(name: str, table: dict[str, Any], where: str) -> Param:
    kind = table.get("type")
    if kind not in _TYPES:
        raise ConfigError(f"{where}: type must be one of {', '.join(_TYPES)}. Got {kind!r}.")
    unknown = sorted(set(table) - _KEYS[kind])
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)} for type {kind!r}; "
            f"allowed: {', '.join(sorted(_KEYS[kind]))}."
        )
    if kind == "categorical":
        choices = table.get("choices")
        if not isinstance(choices, list) or not choices:
            raise ConfigError(f"{where}: choices must be a non-empty list.")
        if len(set(map(repr, choices))) != len(choices):
            raise ConfigError(f"{where}: choices has a value twice: {choices!r}.")
        param = Param(name, kind, choices=tuple(choices))
        values = list(choices)
    else:
        param = _numeric_param(name, kind, table, where)
        values = [param.low, param.high]
    for value in values:
        _check_value(name, value, where)
    return param


def _numeric_param(name: str, kind: str, table: dict[str, Any], where: str) -> Param:
    number = int if kind == "int" else (int, float)
    bounds = {}
    for key in ("low", "high"):
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, number) or not math.isfinite(value):
            raise ConfigError(f"{where}: {key} must be a finite {kind}. Got {value!r}.")
        bounds[key] = value
    low, high = bounds["low"], bounds["high"]
    if not low < high:
        raise ConfigError(f"{where}: low ({low!r}) must be below high ({high!r}).")
    log, step = table.get("log", False), table.get("step")
    if not isinstance(log, bool):
        raise ConfigError(f"{where}: log must be true or false. Got {log!r}.")
    if log and low <= 0:
        raise ConfigError(f"{where}: a log range needs low > 0. Got low = {low!r}.")
    if step is not None:
        if isinstance(step, bool) or not isinstance(step, number) or not step > 0:
            raise ConfigError(f"{where}: step must be a {kind} > 0. Got {step!r}.")
        if log:
            raise ConfigError(f"{where}: give log or step, not both.")
    if kind == "float":
        low, high = float(low), float(high)
    return Param(name, kind, low=low, high=high, log=log, step=step)


def _check_value(name: str, value: Any, where: str) -> None:
    """Let the setting's own config class judge ``value``; report it under the space's name."""
    try:
        if name in DataConfig.__dataclass_fields__:
            DataConfig(target="y", **{name: value})
        elif name in ModelConfig.__dataclass_fields__:
            ModelConfig(**{name: value})
        else:
            TrainConfig(**{name: value})
    except ConfigError as exc:
        raise ConfigError(f"{where}: {value!r} is not a valid {name}: {exc}") from None


def suggest(space: Mapping[str, Param], trial: Any, fixed: Mapping[str, Any]) -> dict[str, Any]:
    """A trial's values for ``space``: the architecture first (unless ``fixed`` holds it),
    then only the settings that architecture has (a conditional space, as Optuna's
    define-by-run API allows)."""
    params: dict[str, Any] = {}
    if "architecture" in space:
        params["architecture"] = space["architecture"].suggest(trial)
    architecture = params.get("architecture", fixed.get("architecture", "step"))
    other = next(k for k in _ONLY_FOR if k != architecture) if architecture in _ONLY_FOR else ""
    for name, param in space.items():
        if name != "architecture" and name not in _ONLY_FOR.get(other, ()):
            params[name] = param.suggest(trial)
    return params


DEFAULT_SPACE: dict[str, Param] = parse_space(_DEFAULT_TABLES, "default search space")


def load_space(path: str | Path) -> dict[str, Param]:
    """Read a search space from a TOML file (it replaces the default space)."""
    path = Path(path)
    try:
        tables = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise ConfigError(f"Search space file {str(path)!r} does not exist.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Search space file {str(path)!r} is not valid TOML: {exc}.") from None
    return parse_space(tables, f"search space {path}")


def space_start(space: Mapping[str, Param], settings: Mapping[str, Any]) -> dict[str, Any]:
    """The point of ``space`` nearest to ``settings`` (defaults where a setting is unset)."""
    # Built, not read off the fields: a None default is resolved when a config is built.
    defaults = {
        **DataConfig(target="y").to_dict(),
        **ModelConfig().to_dict(),
        **TrainConfig().to_dict(),
    }
    return {
        name: param.nearest(settings.get(name, defaults.get(name))) for name, param in space.items()
    }
