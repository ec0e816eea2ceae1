"""Frozen, self-checking settings: data, model, training (``forecast``) and sequence tasks.

A config field and its CLI flag share a name (``weight_decay`` <-> ``--weight-decay``).
"""

from lstm_doctor.config.checks import FromDict, check_choice, check_float, check_int
from lstm_doctor.config.forecast import (
    ARCHITECTURE_DEFAULTS,
    ARCHITECTURES,
    DECODERS,
    FILLS,
    HEADS,
    LOSSES,
    NORMALIZATIONS,
    OPTIMIZERS,
    PRECISIONS,
    SCALERS,
    SCHEDULES,
    DataConfig,
    ModelConfig,
    RunConfig,
    TrainConfig,
    setting_names,
)
from lstm_doctor.config.sequence import (
    ENCODERS,
    PACKINGS,
    POOLINGS,
    SEQUENCE_TASKS,
    SequenceConfig,
    SequenceRunConfig,
    sequence_setting_names,
)
from lstm_doctor.config.split_spec import SplitSpec, parse_split

__all__ = [
    "ARCHITECTURES",
    "ARCHITECTURE_DEFAULTS",
    "DECODERS",
    "ENCODERS",
    "FILLS",
    "HEADS",
    "LOSSES",
    "NORMALIZATIONS",
    "OPTIMIZERS",
    "PACKINGS",
    "POOLINGS",
    "PRECISIONS",
    "SCALERS",
    "SCHEDULES",
    "SEQUENCE_TASKS",
    "DataConfig",
    "FromDict",
    "ModelConfig",
    "RunConfig",
    "SequenceConfig",
    "SequenceRunConfig",
    "SplitSpec",
    "TrainConfig",
    "check_choice",
    "check_float",
    "check_int",
    "parse_split",
    "sequence_setting_names",
    "setting_names",
]
