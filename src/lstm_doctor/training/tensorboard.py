"""Live curves where users already look: TensorBoard event files written as training runs.

``TensorBoardLog`` is an ``on_epoch`` callback (the training loop is not touched): each
epoch adds ``train_loss``, ``val_loss``, ``lr`` and ``grad_norm`` at step = epoch, so
TensorBoard and ``lstm-doctor diagnose LOG_DIR/RUN`` see the same curves; ``close`` adds the
run's settings as hparams with its final scores. One directory (a TensorBoard "run") per
fit, heal step or tune trial, named after it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from lstm_doctor.errors import ConfigError

__all__ = ["TensorBoardLog", "chain"]

_TAGS = ("train_loss", "val_loss", "lr", "grad_norm")


def _run_name(name: str) -> str:
    """A directory name: letters, digits and ``._=,+-``; the rest becomes ``_``."""
    cleaned = re.sub(r"[^A-Za-z0-9._=,+-]+", "_", name).strip("._") or "run"
    return cleaned[:120]


def _hparam(value: Any) -> Any:
    """TensorBoard's hparams take numbers, strings and booleans; the rest is written as text."""
    if isinstance(value, bool | int | float | str):
        return value
    return "none" if value is None else str(value)


class TensorBoardLog:
    """Writes one run's per-epoch scalars under ``log_dir/name`` (call it with each epoch's
    row; ``close`` when the fit ends).

    Raises:
        ConfigError: the tensorboard package is not installed.
    """

    def __init__(self, log_dir: str | Path, name: str) -> None:
        try:
            from torch.utils.tensorboard import SummaryWriter
        except ImportError:
            raise ConfigError(
                '--log-dir needs TensorBoard: pip install "lstm-doctor[tensorboard]".'
            ) from None
        self.path = Path(log_dir) / _run_name(name)
        self._writer = SummaryWriter(log_dir=str(self.path))

    def __call__(self, row: dict[str, float]) -> None:
        epoch = int(row["epoch"])
        for tag in _TAGS:
            value = row.get(tag)
            if value is not None and math.isfinite(value):
                self._writer.add_scalar(tag, float(value), epoch)
        self._writer.flush()

    def close(
        self, hparams: dict[str, Any] | None = None, metrics: dict[str, float] | None = None
    ) -> None:
        """Write ``hparams`` (the run's settings) with ``metrics`` (its final scores) into
        this run, so TensorBoard's HPARAMS tab lists it; then close the file."""
        if hparams:
            from torch.utils.tensorboard.summary import hparams as hparams_summary

            scores = {k: float(v) for k, v in (metrics or {}).items()
                      if v is not None and math.isfinite(v)}  # fmt: skip
            experiment, start, end = hparams_summary(
                {k: _hparam(v) for k, v in hparams.items()}, scores
            )
            writer = self._writer._get_file_writer()  # where add_hparams writes too
            for summary in (experiment, start, end):
                writer.add_summary(summary)
            for key, value in scores.items():
                self._writer.add_scalar(key, value)
        self._writer.close()


def chain(*callbacks: Any) -> Any:
    """One ``on_epoch`` callback calling each of ``callbacks`` (None ones skipped) in order."""
    active = [c for c in callbacks if c is not None]
    if not active:
        return None
    if len(active) == 1:
        return active[0]

    def on_epoch(row: dict[str, float]) -> None:
        for callback in active:
            callback(row)

    return on_epoch
