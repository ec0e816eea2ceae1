"""A Forecaster's settings: flat keywords sorted into the RunConfig's sections, and the
checks a fit runs on the prepared data and the built model's shape."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor.api.estimator import run_fingerprint
from lstm_doctor.config import DataConfig, ModelConfig, RunConfig, TrainConfig
from lstm_doctor.data.prepare import Prepared, prepare
from lstm_doctor.data.validate import validate_frame
from lstm_doctor.errors import ConfigError

__all__ = [
    "SECTIONS",
    "check_season",
    "fingerprint",
    "index_time",
    "prepare_checked",
    "split_settings",
    "with_segment_length",
]

SECTIONS = {
    "data": {f.name for f in dataclasses.fields(DataConfig)},
    "model": {f.name for f in dataclasses.fields(ModelConfig)},
    "train": {f.name for f in dataclasses.fields(TrainConfig)},
}


def split_settings(settings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {"data": {}, "model": {}, "train": {}}
    for name, value in settings.items():
        section = next((k for k, names in SECTIONS.items() if name in names), None)
        if section is None:
            known = sorted(set().union(*SECTIONS.values()))
            raise ConfigError(
                f"Forecaster got an unknown setting {name!r}. Known settings: {', '.join(known)}."
            )
        out[section][name] = value
    return out


def prepare_checked(frame: pd.DataFrame, config: RunConfig) -> Prepared:
    prepared = prepare(validate_frame(frame, config.data), config.data)
    for split in ("train", "val", "test"):  # fail now, not after training: too short
        prepared.windows(split)
    return prepared


def check_season(season: int | None, prepared: Prepared) -> None:
    """A given season must fit in every training split, or seasonal naive has no past season."""
    if season is None:
        return
    train = prepared.bounds[:, 0]
    s = int(np.argmin(train))
    if season >= train[s]:
        where = f" of series {prepared.panel.series_ids[s]!r}" if len(train) > 1 else ""
        raise ConfigError(
            f"--season {season} is not shorter than the training split{where} ({int(train[s])} "
            "rows): seasonal naive needs a full past season. Pass a smaller --season (or none "
            "to detect it)."
        )


def index_time(data: pd.DataFrame | str | Path | None) -> str | None:
    """The column ``read_table`` makes of a DataFrame's DatetimeIndex, if it makes one."""
    if not isinstance(data, pd.DataFrame) or not isinstance(data.index, pd.DatetimeIndex):
        return None
    name = data.index.name or "time"
    return None if name in data.columns else str(name)


def with_segment_length(config: RunConfig, model: torch.nn.Module) -> RunConfig:
    """``config`` with the segment length the model was built with (None resolved)."""
    segment = getattr(model, "segment_length", None)
    if segment is None or config.model.segment_length == segment:
        return config
    return dataclasses.replace(
        config, model=dataclasses.replace(config.model, segment_length=segment)
    )


def fingerprint(config: RunConfig, prepared: Prepared) -> str:
    """Names the settings and the exact (scaled) data of a run, for checkpoint matching."""
    return run_fingerprint(config, [prepared.data.numpy()])
