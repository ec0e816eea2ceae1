"""Settings for one run: what data, which model, how to train.

Frozen dataclasses that check themselves when built, so a bad value fails where it enters
(the CLI flag or the API argument), not deep inside training. A config field and its CLI
flag share a name: ``weight_decay`` <-> ``--weight-decay``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from lstm_doctor.config.checks import FromDict, check_choice, check_float, check_int
from lstm_doctor.config.split_spec import parse_split
from lstm_doctor.errors import ConfigError

__all__ = ["DataConfig", "ModelConfig", "RunConfig", "TrainConfig", "setting_names"]

SCALERS = ("standard", "robust", "minmax", "none")
FILLS = ("ffill", "interpolate")
OPTIMIZERS = ("adam", "adamw", "rmsprop", "sgd")
SCHEDULES = ("plateau", "cosine", "onecycle", "none")
PRECISIONS = ("fp32", "bf16")
NORMALIZATIONS = ("none", "revin", "last_value", "difference", "seasonal")
HEADS = ("last", "attention")
ARCHITECTURES = ("step", "segment")
DECODERS = ("parallel", "recurrent")
LOSSES = ("mse", "mae", "huber")
# What None means for these settings, per architecture (the segment model follows SegRNN:
# one layer, last-value normalization, MAE loss).
ARCHITECTURE_DEFAULTS = {
    "step": {"layers": 2, "normalization": "none", "loss": "mse"},
    "segment": {"layers": 1, "normalization": "last_value", "loss": "mae"},
}
_DEVICE = re.compile(r"auto|cpu|mps|cuda(:\d+)?")


@dataclass(frozen=True)
class DataConfig(FromDict):
    """Which columns to read and how to cut them into splits and windows.

    ``split`` is a string: fractions ``"0.7,0.1,0.2"``, row counts per series
    ``"8640,2880,2880"`` (rows after the last count are unused, as in the ETT protocol), or
    dates ``"2017-06-26,2017-10-24[,END]"`` where validation and test start.
    """

    target: tuple[str, ...]
    time: str | None = None
    id: str | None = None
    covariates: tuple[str, ...] = ()
    lookback: int = 96
    horizon: int = 24
    stride: int = 1
    split: str = "0.7,0.1,0.2"
    embargo: int = 0
    scaler: str = "standard"
    fill: str | None = None
    season: int | None = None
    time_format: str | None = None  # strftime format of the time column (default: inferred)
    encoding: str | None = None  # of a CSV file (default: UTF-8, or UTF-16 with a BOM)

    def __post_init__(self) -> None:
        owner = "DataConfig"
        # Accept a single name or any sequence, store a tuple: configs stay hashable and equal
        # to their own JSON round trip.
        for name in ("target", "covariates"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        if not self.target or not all(isinstance(t, str) and t for t in self.target):
            raise ConfigError(
                "The 'target' parameter of DataConfig needs at least one column name."
            )
        columns = list(self.target) + list(self.covariates)
        named = [c for c in (self.time, self.id) if c is not None]
        for col in set(columns + named):
            if (columns + named).count(col) > 1:
                raise ConfigError(
                    f"Column {col!r} is given more than one role (target, covariate, time, id); "
                    "give each column one role."
                )
        check_int(owner, "lookback", self.lookback, 1)
        check_int(owner, "horizon", self.horizon, 1)
        check_int(owner, "stride", self.stride, 1)
        check_int(owner, "embargo", self.embargo, 0)
        if self.season is not None:
            check_int(owner, "season", self.season, 2)
        check_choice(owner, "scaler", self.scaler, SCALERS)
        if self.fill is not None:
            check_choice(owner, "fill", self.fill, FILLS)
        parse_split(self.split)  # validates the split string


@dataclass(frozen=True)
class ModelConfig(FromDict):
    """The LSTM: ``layers`` stacked layers of ``units`` cells and a head.

    ``dropout`` acts between layers; ``weight_drop`` is DropConnect on the recurrent
    (hidden-to-hidden) weights, as in AWD-LSTM; ``layer_norm`` normalizes between stacked
    layers. ``head`` reads the last state or attention-pools all steps. ``normalization``
    works per window: ``revin`` (reversible instance normalization, ``revin_affine`` adds a
    learned scale and shift), ``last_value`` (subtract the last input value),
    ``difference`` (model first differences) or ``seasonal`` (forecast the change from one
    season before each target step; needs a season <= lookback). ``channel_independent``
    runs one shared LSTM over each target channel separately.

    ``architecture`` is ``step`` (the LSTM reads the lookback one step at a time) or
    ``segment`` (it reads segments of ``segment_length`` steps and decodes the horizon
    segment by segment with a ``parallel`` or ``recurrent`` decoder; see
    ``models.segment_lstm``; ``segment_length=None`` is chosen from the lookback and the
    season when the model is built). ``layers=None`` and ``normalization=None`` take the
    architecture's default (step: 2 layers, none; segment: 1 layer, last_value).
    """

    layers: int | None = None
    units: int = 64
    dropout: float = 0.0
    bidirectional: bool = False
    weight_drop: float = 0.0
    layer_norm: bool = False
    head: str = "last"
    normalization: str | None = None
    revin_affine: bool = False
    channel_independent: bool = False
    architecture: str = "step"
    segment_length: int | None = None
    decoder: str = "parallel"

    def __post_init__(self) -> None:
        check_choice("ModelConfig", "architecture", self.architecture, ARCHITECTURES)
        for name in ("layers", "normalization"):
            if getattr(self, name) is None:
                default = ARCHITECTURE_DEFAULTS[self.architecture][name]
                object.__setattr__(self, name, default)
        check_int("ModelConfig", "layers", self.layers, 1)
        check_int("ModelConfig", "units", self.units, 1)
        check_float("ModelConfig", "dropout", self.dropout, 0.0, 0.95, open_low=False)
        check_float("ModelConfig", "weight_drop", self.weight_drop, 0.0, 0.95, open_low=False)
        for name in ("bidirectional", "layer_norm", "revin_affine", "channel_independent"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(
                    f"The '{name}' parameter of ModelConfig must be true or false. "
                    f"Got {getattr(self, name)!r} instead."
                )
        check_choice("ModelConfig", "head", self.head, HEADS)
        check_choice("ModelConfig", "normalization", self.normalization, NORMALIZATIONS)
        check_choice("ModelConfig", "decoder", self.decoder, DECODERS)
        if self.segment_length is not None:
            check_int("ModelConfig", "segment_length", self.segment_length, 1)
        if self.architecture == "segment":
            _check_segment(self)


def _check_segment(config: ModelConfig) -> None:
    """Options of the step LSTM that the segment LSTM does not have: refused, not ignored."""
    unsupported = {
        "bidirectional": config.bidirectional,
        "layer_norm": config.layer_norm,
        "weight_drop": config.weight_drop > 0,
        "head": config.head != "last",
    }
    given = [name for name, on in unsupported.items() if on]
    if given:
        raise ConfigError(
            f"architecture 'segment' does not support {', '.join(given)}; drop "
            f"{'it' if len(given) == 1 else 'them'} or use architecture 'step'."
        )


@dataclass(frozen=True)
class TrainConfig(FromDict):
    """Optimization settings for one training run.

    ``weight_decay`` is decoupled (AdamW-style) for every optimizer and never touches biases;
    ``None`` means 0.01 for adamw and 0 otherwise. ``l2`` and ``l1`` are Keras-style penalties
    on the LSTM kernels, added to the loss. ``patience=None`` turns early stopping off.
    Augmentation of training batches only (0 = off): ``jitter`` (std of Gaussian noise, in
    scaled units), ``scaling`` (std of a random magnitude factor around 1), ``time_warp``
    (strength of a smooth monotone warp of the time axis), ``window_slice`` (largest fraction
    of the lookback cropped and stretched back). ``loss`` is the training objective (mse,
    mae or huber with delta 1); early stopping and the reported ``val_loss`` are the
    validation MSE whatever it is. ``None`` is the architecture's default (RunConfig fills
    it in: mse for step, mae for segment; mse for a TrainConfig alone).
    """

    optimizer: str = "adam"
    lr: float = 1e-3
    weight_decay: float | None = None
    l2: float = 0.0
    l1: float = 0.0
    momentum: float = 0.9
    clip: float | None = 1.0
    batch_size: int = 64
    epochs: int = 100
    patience: int | None = 10
    min_delta: float = 0.0
    schedule: str = "plateau"
    lr_patience: int = 4
    lr_factor: float = 0.5
    precision: str = "fp32"
    device: str = "auto"
    seed: int = 0
    max_nan_events: int = 3
    jitter: float = 0.0
    scaling: float = 0.0
    time_warp: float = 0.0
    window_slice: float = 0.0
    loss: str | None = None

    def __post_init__(self) -> None:
        owner = "TrainConfig"
        if self.loss is not None:
            check_choice(owner, "loss", self.loss, LOSSES)
        check_choice(owner, "optimizer", self.optimizer, OPTIMIZERS)
        check_float(owner, "lr", self.lr, 0.0, open_low=True)
        if self.weight_decay is not None:
            check_float(owner, "weight_decay", self.weight_decay, 0.0, open_low=False)
        check_float(owner, "l2", self.l2, 0.0, open_low=False)
        check_float(owner, "l1", self.l1, 0.0, open_low=False)
        check_float(owner, "momentum", self.momentum, 0.0, 1.0, open_low=False)
        if self.clip is not None:
            check_float(owner, "clip", self.clip, 0.0, open_low=True)
        check_int(owner, "batch_size", self.batch_size, 1)
        check_int(owner, "epochs", self.epochs, 1)
        if self.patience is not None:
            check_int(owner, "patience", self.patience, 1)
        check_float(owner, "min_delta", self.min_delta, 0.0, open_low=False)
        check_choice(owner, "schedule", self.schedule, SCHEDULES)
        check_int(owner, "lr_patience", self.lr_patience, 1)
        check_float(owner, "lr_factor", self.lr_factor, 0.0, 1.0, open_low=True)
        check_choice(owner, "precision", self.precision, PRECISIONS)
        if not (isinstance(self.device, str) and _DEVICE.fullmatch(self.device)):
            raise ConfigError(
                f"The 'device' parameter of TrainConfig must be auto, cpu, cuda, cuda:N or mps. "
                f"Got {self.device!r} instead."
            )
        check_int(owner, "seed", self.seed, 0)
        check_int(owner, "max_nan_events", self.max_nan_events, 1)
        check_float(owner, "jitter", self.jitter, 0.0, 10.0, open_low=False)
        check_float(owner, "scaling", self.scaling, 0.0, 1.0, open_low=False)
        check_float(owner, "time_warp", self.time_warp, 0.0, 1.0, open_low=False)
        check_float(owner, "window_slice", self.window_slice, 0.0, 0.5, open_low=False)

    @property
    def resolved_loss(self) -> str:
        return self.loss or "mse"

    @property
    def resolved_weight_decay(self) -> float:
        if self.weight_decay is not None:
            return self.weight_decay
        return 0.01 if self.optimizer == "adamw" else 0.0


@dataclass(frozen=True)
class RunConfig(FromDict):
    """Everything that defines a run; written as ``config.json`` in every run directory."""

    data: DataConfig
    model: ModelConfig = dataclasses.field(default_factory=ModelConfig)
    train: TrainConfig = dataclasses.field(default_factory=TrainConfig)

    def __post_init__(self) -> None:
        if self.train.loss is None:
            loss = ARCHITECTURE_DEFAULTS[self.model.architecture]["loss"]
            object.__setattr__(self, "train", dataclasses.replace(self.train, loss=loss))

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> RunConfig:
        unknown = sorted(set(values) - {"data", "model", "train"})
        if unknown:
            raise ConfigError(f"Unknown section(s) in run config: {', '.join(unknown)}.")
        if not isinstance(values.get("data"), dict):
            raise ConfigError("The run config has no 'data' section (a table of settings).")
        for section in ("model", "train"):
            if not isinstance(values.get(section, {}), dict):
                raise ConfigError(f"The run config's {section!r} section must be a table.")
        return cls(
            data=DataConfig.from_dict(values["data"]),
            model=ModelConfig.from_dict(values.get("model", {})),
            train=TrainConfig.from_dict(values.get("train", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "data": self.data.to_dict(),
            "model": self.model.to_dict(),
            "train": self.train.to_dict(),
        }


def setting_names() -> set[str]:
    """Every setting name of DataConfig, ModelConfig and TrainConfig (= the CLI flags)."""
    classes = (DataConfig, ModelConfig, TrainConfig)
    return {f.name for cls in classes for f in dataclasses.fields(cls)}
