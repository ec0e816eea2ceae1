"""Training on forecasting windows: plain PyTorch, read top to bottom, returning a History.

The epoch loop is ``training.loop`` (shared with sequence training); this module injects
what is particular to windows. Hot path rules: batches are gathered from a strided view of
one tensor (no DataLoader, no copies beyond the batch), and losses and gradient norms are
summed on the device and read once per epoch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.augment import Augmenter, make_augmenter
from lstm_doctor.data.windows import Windows
from lstm_doctor.history import History
from lstm_doctor.training.inference import windows_loss
from lstm_doctor.training.loop import (
    EpochCallback,
    StopTraining,
    augment_generator,
    run_epochs,
)
from lstm_doctor.training.step import TrainStep, make_train_step

__all__ = ["EpochCallback", "StopTraining", "train"]


class _WindowTask:
    """Batches of windows in a seeded random order; the MSE curves; the validation MSE."""

    def __init__(
        self,
        model: nn.Module,
        train_windows: Windows,
        val_windows: Windows,
        config: TrainConfig,
        augment: Augmenter | None,
    ) -> None:
        self.model, self.config, self.augment = model, config, augment
        self.train_windows, self.val_windows = train_windows, val_windows
        self.n_items = len(train_windows)
        self.device = next(model.parameters()).device
        self._step: TrainStep | None = None
        self._loss_sum = self._norm_sum = torch.zeros(())

    def bind(self, optimizer: torch.optim.Optimizer) -> None:
        self._step = make_train_step(self.model, optimizer, self.config)

    def batches(self, generator: torch.Generator) -> Iterator[torch.Tensor]:
        device, batch_size = self.device, self.config.batch_size
        order = torch.randperm(self.n_items, generator=generator).to(device)
        self._loss_sum = torch.zeros((), device=device, dtype=torch.float64)
        self._norm_sum = torch.zeros((), device=device, dtype=torch.float64)
        return (order[first : first + batch_size] for first in range(0, self.n_items, batch_size))

    def step(self, index: torch.Tensor, lr: float) -> None:
        x, y = self.train_windows.batch(index)
        if self.augment is not None:  # training batches only, never validation
            x, y = self.augment(x, y)
        loss, norm = self._step(x, y, lr)  # type: ignore[misc]
        self._norm_sum += norm
        self._loss_sum += loss * x.shape[0]

    def read_train(self) -> tuple[float, float, dict[str, float]]:
        loss_sum, norm_sum = torch.stack([self._loss_sum, self._norm_sum]).tolist()
        return loss_sum, norm_sum, {}

    def validate(self) -> tuple[float, dict[str, float]]:
        return windows_loss(self.model, self.val_windows, self.config.precision), {}


def train(
    model: nn.Module,
    train_windows: Windows,
    val_windows: Windows,
    config: TrainConfig,
    *,
    on_epoch: EpochCallback | None = None,
    checkpoint: Path | None = None,
    resume: bool = False,
    checkpoint_tag: str = "",
) -> History:
    """Train ``model`` in place on ``train_windows``, select on ``val_windows``.

    Early stopping (``patience``, ``min_delta``) restores the best weights at the end. A
    non-finite loss rolls back to the best weights so far, halves the learning rate and goes
    on; more than ``max_nan_events`` such events raise ``TrainingError``. Ctrl-C stops the
    run cleanly with the best weights restored (``stop_reason == "interrupted"``); so does
    an ``on_epoch`` callback that raises ``StopTraining`` (``stop_reason`` is its reason).

    With ``checkpoint``, the loop's whole state is written there after every epoch; with
    ``resume`` as well, a run that was killed continues from its last epoch and ends exactly
    as if it had never stopped. ``checkpoint_tag`` names the data and model settings, so a
    checkpoint is never resumed by a different run.

    Augmentation (``jitter``, ``scaling``, ``time_warp``, ``window_slice``; see
    ``data.augment``) changes the training batches only, from its own seeded generator; the
    validation pass always sees the real windows.

    Returns:
        The History: one row per epoch with ``train_loss`` (mean over the epoch's batches, in
        training mode, on the augmented batches when augmenting, without penalties),
        ``val_loss`` (eval mode), ``lr``, ``grad_norm`` (mean pre-clipping norm) and
        ``seconds``.
    """
    device = next(model.parameters()).device
    train_windows, val_windows = train_windows.to(device), val_windows.to(device)
    augment_rng = augment_generator(config)
    augment = make_augmenter(config, augment_rng)
    task = _WindowTask(model, train_windows, val_windows, config, augment)
    return run_epochs(
        model, task, config, on_epoch=on_epoch, checkpoint=checkpoint, resume=resume,
        checkpoint_tag=checkpoint_tag, augment_rng=augment_rng if augment is not None else None,
    )  # fmt: skip
