"""Settings of a sequence task: which columns make the sequences, what is predicted, how the
model pools its steps and how the loss treats the classes.

A frozen dataclass that checks itself, like the configs in ``config.forecast``; the model and the
optimization reuse ``ModelConfig`` and ``TrainConfig``. A field and its CLI flag share a
name (``sequence_id`` <-> ``--sequence-id``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from lstm_doctor.config.checks import FromDict, check_choice, check_float, check_int
from lstm_doctor.config.forecast import SCALERS, ModelConfig, TrainConfig
from lstm_doctor.errors import ConfigError

__all__ = [
    "ENCODERS",
    "PACKINGS",
    "POOLINGS",
    "SEQUENCE_TASKS",
    "SequenceConfig",
    "SequenceRunConfig",
    "sequence_setting_names",
]

SEQUENCE_TASKS = ("classify", "regress")
POOLINGS = ("last", "mean", "attention")
PACKINGS = ("auto", "packed", "dense")  # as models.sequence_encoder
ENCODERS = ("lstm", "lstm-fcn", "mlstm-fcn")  # as models.sequence_lstm
CLASS_WEIGHTS = ("none", "balanced")


@dataclass(frozen=True)
class SequenceConfig(FromDict):
    """One label per sequence, read from a long table of (sequence, step) rows.

    ``features`` empty means every numeric column that has no other role. ``val_fraction``
    and ``test_fraction`` are fractions of the sequences (never of the rows); with a test
    file the test fraction is unused. ``class_weights="balanced"`` weighs each class by
    ``n / (n_classes * count)`` in the loss (as scikit-learn's ``class_weight``).
    ``packing`` picks how the LSTM skips padding (both exact, same weights): ``packed``
    (``pack_padded_sequence``), ``dense`` (the fused kernel on right-padded batches), or
    ``auto``: dense on CPU, where torch's packed kernel is ~5x slower, packed on CUDA.
    ``ensemble`` trains that many models on the same split, each on its own seed, and
    averages their class probabilities (or numbers). ``refit`` trains each model again from
    scratch on train + validation for the epoch count early stopping chose on validation
    (see ``training.sequence_members``); the validation figures are then those of the
    selection fit.
    ``encoder`` adds the convolutional branch of LSTM-FCN (``lstm-fcn``) or MLSTM-FCN
    (``mlstm-fcn``, with squeeze-and-excitation) beside the LSTM; ``summary_features``
    feeds the summary baseline's per-sequence features (standardized on the training
    sequences) into the head; ``series_norm`` z-normalizes each sequence over its own
    steps (see ``models.sequence_lstm``).
    The estimators (and so the CLI) start from their own defaults on top of these fields:
    ``api.sequence_estimators.DEFAULTS`` and, for classification, ``CLASSIFY_DEFAULTS``
    (label smoothing 0.1, jitter 0.1, batch 16, a 5-seed ensemble refitted on train + val,
    the ``lstm-fcn`` encoder with the summary features: chosen by
    ``benchmarks/sequence_defaults_cv.py`` and ``benchmarks/sequence_suite.py``).
    """

    label: str
    sequence_id: str
    task: str = "classify"
    time: str | None = None
    group: str | None = None
    features: tuple[str, ...] = ()
    pooling: str = "last"
    packing: str = "auto"
    class_weights: str = "none"
    label_smoothing: float = 0.0
    val_fraction: float = 0.2
    test_fraction: float = 0.2
    scaler: str = "standard"
    ensemble: int = 1
    refit: bool = False
    encoder: str = "lstm"
    summary_features: bool = False
    series_norm: bool = False

    def __post_init__(self) -> None:
        owner = "SequenceConfig"
        value = self.features
        object.__setattr__(self, "features", (value,) if isinstance(value, str) else tuple(value))
        for name in ("label", "sequence_id"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise ConfigError(f"The '{name}' parameter of {owner} needs a column name.")
        check_choice(owner, "task", self.task, SEQUENCE_TASKS)
        check_choice(owner, "pooling", self.pooling, POOLINGS)
        check_choice(owner, "packing", self.packing, PACKINGS)
        check_choice(owner, "class_weights", self.class_weights, CLASS_WEIGHTS)
        check_choice(owner, "scaler", self.scaler, SCALERS)
        check_choice(owner, "encoder", self.encoder, ENCODERS)
        check_int(owner, "ensemble", self.ensemble, 1)
        for name in ("refit", "summary_features", "series_norm"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(
                    f"The '{name}' parameter of {owner} must be true or false. Got "
                    f"{getattr(self, name)!r} instead."
                )
        check_float(owner, "label_smoothing", self.label_smoothing, 0.0, 0.5, open_low=False)
        check_float(owner, "val_fraction", self.val_fraction, 0.0, 0.5, open_low=True)
        check_float(owner, "test_fraction", self.test_fraction, 0.0, 0.5, open_low=True)
        roles = [self.label, self.sequence_id, self.time, self.group, *self.features]
        named = [c for c in roles if c is not None]
        for col in named:
            if named.count(col) > 1:
                raise ConfigError(
                    f"Column {col!r} is given more than one role (label, sequence id, time, "
                    "group, feature); give each column one role."
                )
        if self.task == "regress" and (self.class_weights != "none" or self.label_smoothing):
            raise ConfigError(
                "class_weights and label_smoothing apply to --task classify only; drop them "
                "for --task regress."
            )

    def architecture(self) -> dict[str, Any]:
        """The keywords of ``build_sequence_model`` beyond pooling and packing."""
        return {
            "encoder": self.encoder,
            "summary": self.summary_features,
            "series_norm": self.series_norm,
        }


@dataclass(frozen=True)
class SequenceRunConfig:
    """Everything that defines a sequence run; written as ``config.json``."""

    sequence: SequenceConfig
    model: ModelConfig = dataclasses.field(default_factory=ModelConfig)
    train: TrainConfig = dataclasses.field(default_factory=TrainConfig)

    def __post_init__(self) -> None:
        unsupported = {
            "layer_norm": self.model.layer_norm,
            "channel_independent": self.model.channel_independent,
            "normalization": self.model.normalization != "none",
            "head": self.model.head != "last",
        }
        used = [name for name, on in unsupported.items() if on]
        if used:
            raise ConfigError(
                f"Setting(s) {', '.join(used)} apply to forecasting only; for sequences use "
                "--pooling last|mean|attention and leave them at their defaults."
            )

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> SequenceRunConfig:
        unknown = sorted(set(values) - {"sequence", "model", "train"})
        if unknown:
            raise ConfigError(f"Unknown section(s) in sequence config: {', '.join(unknown)}.")
        return cls(
            sequence=SequenceConfig.from_dict(values["sequence"]),
            model=ModelConfig.from_dict(values.get("model", {})),
            train=TrainConfig.from_dict(values.get("train", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence.to_dict(),
            "model": self.model.to_dict(),
            "train": self.train.to_dict(),
        }


def sequence_setting_names() -> set[str]:
    """Every setting name of SequenceConfig (= the sequence CLI flags)."""
    return {f.name for f in dataclasses.fields(SequenceConfig)}
