"""The one epoch loop: every task trains through it and gets a History back.

The loop owns what does not depend on the task: the seeded batch order, the learning-rate
schedule (written to the optimizer only when it changes), early stopping with the best
weights restored, the plateau rule, the rollback after a non-finite loss, checkpoints and
resume, Ctrl-C and ``StopTraining``. A task (forecasting windows in ``training.trainer``,
sequences in ``training.sequence_trainer``) injects only how an epoch's batches are drawn,
one optimization step on a batch (its loss, and what it adds up on the device), and the
validation pass.

Hot path rules: the task sums losses and gradient norms on the device and reads them once
per epoch (``read_train``); the loop adds no host sync and no allocation per step.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.errors import TrainingError
from lstm_doctor.history import History
from lstm_doctor.training.allocator import keep_freed_memory
from lstm_doctor.training.checkpoint import LoopState, load_checkpoint, save_checkpoint
from lstm_doctor.training.optim import build_optimizer
from lstm_doctor.training.schedules import PlateauRule, schedule_factor

__all__ = [
    "EpochCallback",
    "EpochTask",
    "StopTraining",
    "augment_generator",
    "run_epochs",
    "snapshot",
]

log = logging.getLogger(__name__)

EpochCallback = Callable[[dict[str, float]], None]
# Plateau reductions stop at this fraction of the base learning rate.
MIN_LR_FRACTION = 1e-3
# The augmentation generator is seeded apart from the batch-order one, so turning
# augmentation on or off never changes the order of the batches.
AUGMENT_SEED_OFFSET = 7919


class StopTraining(Exception):  # a signal, not an error
    """Raised by an ``on_epoch`` callback to end training after this epoch.

    The loop stops as after early stopping: the best weights are restored, the History is
    kept, and its ``stop_reason`` is ``reason`` (for example ``"pruned"`` when a search
    gives up on a trial).
    """

    def __init__(self, reason: str = "stopped") -> None:
        super().__init__(reason)
        self.reason = reason


class EpochTask(Protocol):
    """What a kind of training injects into the loop."""

    n_items: int  # training windows or sequences: the mean loss divides by it

    def batches(self, generator: torch.Generator) -> Iterable[Any]:
        """The epoch's batches, drawn with the loop's seeded generator; starts the sums."""
        ...

    def bind(self, optimizer: torch.optim.Optimizer) -> None:
        """Take steps with ``optimizer`` (a new one after a rollback)."""
        ...

    def step(self, batch: Any, lr: float) -> None:
        """One optimization step on ``batch``; adds its loss and norm to the device sums."""
        ...

    def read_train(self) -> tuple[float, float, dict[str, float]]:
        """The epoch's summed loss and gradient norm and any other training columns: the
        epoch's one read from the device."""
        ...

    def validate(self) -> tuple[float, dict[str, float]]:
        """The validation loss (eval mode) and any other validation columns."""
        ...


def snapshot(model: nn.Module) -> dict[str, torch.Tensor]:
    """A copy of the model's weights (the best so far, restored at the end)."""
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def augment_generator(config: TrainConfig) -> torch.Generator:
    """The CPU generator of the batch augmentations, seeded apart from the batch order."""
    return torch.Generator().manual_seed(config.seed + AUGMENT_SEED_OFFSET)


def run_epochs(
    model: nn.Module,
    task: EpochTask,
    config: TrainConfig,
    *,
    on_epoch: EpochCallback | None = None,
    checkpoint: Path | None = None,
    resume: bool = False,
    checkpoint_tag: str = "",
    augment_rng: torch.Generator | None = None,
    restore_best: bool = True,
) -> History:
    """Train ``model`` in place through ``task`` for up to ``config.epochs`` epochs.

    Early stopping (``patience``, ``min_delta``) restores the best weights at the end
    (unless ``restore_best`` is False: a refit for a fixed number of epochs keeps the last).
    A non-finite loss rolls back to the best weights so far, halves the learning rate and
    goes on; more than ``max_nan_events`` such events raise ``TrainingError``. Ctrl-C stops
    the run cleanly (``stop_reason == "interrupted"``); so does an ``on_epoch`` callback that
    raises ``StopTraining`` (``stop_reason`` is its reason).

    With ``checkpoint``, the loop's whole state (and ``augment_rng``, the augmentation's
    generator when the task augments) is written there after every epoch; with ``resume``
    as well, a killed run continues from its last epoch and ends exactly as if it had never
    stopped. ``checkpoint_tag`` names the data and settings, so a checkpoint is never resumed
    by a different run.

    Returns:
        The History: ``epoch``, ``train_loss`` (the epoch's mean), ``val_loss``, ``lr``,
        ``grad_norm`` (mean per step), ``seconds``, then the task's own columns.
    """
    keep_freed_memory()  # a fresh process would otherwise mmap its step buffers anew each step
    generator = torch.Generator().manual_seed(config.seed)
    optimizer = build_optimizer(model, config)
    plateau = PlateauRule(config.lr_patience, config.lr_factor, config.min_delta)
    tag = json.dumps({"train": config.to_dict(), "run": checkpoint_tag, "n": task.n_items})
    saved = {"generator": generator, "tag": tag, "augment_generator": augment_rng}
    if checkpoint is not None and resume and checkpoint.exists():
        state = load_checkpoint(checkpoint, model=model, optimizer=optimizer, plateau=plateau,
                                **saved)  # fmt: skip
        log.info("resumed from %s after epoch %d", checkpoint, state.epoch)
    else:
        state = LoopState(plateau=plateau, best_state=snapshot(model))
    history = state.history
    task.bind(optimizer)
    steps_per_epoch = math.ceil(task.n_items / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    current_lr = math.nan
    try:
        for epoch in range(state.epoch + 1, config.epochs + 1):
            if _patience_spent(config, state):  # resumed from the checkpoint of a finished run
                history.stop_reason = "early_stopping"
                break
            started = time.perf_counter()
            model.train()
            for batch in task.batches(generator):
                lr = (
                    config.lr
                    * state.lr_scale
                    * schedule_factor(config.schedule, state.step, total_steps)
                )
                if lr != current_lr:  # written only when it changes
                    for group in optimizer.param_groups:
                        group["lr"] = lr
                    current_lr = lr
                task.step(batch, lr)
                state.step += 1
            loss_sum, norm_sum, train_columns = task.read_train()
            val_loss, val_columns = task.validate()
            train_loss = loss_sum / task.n_items
            row = {
                "epoch": epoch,
                "train_loss": train_loss,
                "val_loss": val_loss,
                "lr": current_lr,
                "grad_norm": norm_sum / steps_per_epoch,
                "seconds": time.perf_counter() - started,
                **train_columns,
                **val_columns,
            }
            history.append(**row)
            state.epoch = epoch
            finite = math.isfinite(train_loss) and math.isfinite(val_loss)
            if finite:
                if val_loss < state.best_loss - config.min_delta:
                    state.best_loss, state.bad_epochs = val_loss, 0
                    state.best_state = snapshot(model)
                    history.best_epoch = epoch
                else:
                    state.bad_epochs += 1
                if config.schedule == "plateau":
                    factor = plateau.update(val_loss)
                    state.lr_scale = max(state.lr_scale * factor, MIN_LR_FRACTION)
            # After the bookkeeping: a Ctrl-C inside the callback keeps this epoch's weights.
            stop = None
            if on_epoch is not None:
                try:
                    on_epoch(row)
                except StopTraining as signal:
                    stop = signal.reason
            if not finite:
                _roll_back(model, state, config, epoch)
                optimizer = build_optimizer(model, config)  # its moments hold NaN now
                task.bind(optimizer)
                current_lr = math.nan  # the new optimizer's lr must be written
            if checkpoint is not None:
                save_checkpoint(checkpoint, model=model, optimizer=optimizer, state=state,
                                **saved)  # fmt: skip
            if stop is not None:
                history.stop_reason = stop
                break
            if _patience_spent(config, state):
                history.stop_reason = "early_stopping"
                break
        else:
            history.stop_reason = "max_epochs"
    except KeyboardInterrupt:
        history.stop_reason = "interrupted"
        log.warning("interrupted; keeping the best weights so far")
    if restore_best:
        model.load_state_dict(state.best_state)
    model.eval()
    return history


def _patience_spent(config: TrainConfig, state: LoopState) -> bool:
    return config.patience is not None and state.bad_epochs >= config.patience


def _roll_back(model: nn.Module, state: LoopState, config: TrainConfig, epoch: int) -> None:
    """After a non-finite loss: back to the best weights, half the learning rate."""
    history = state.history
    state.lr_scale *= 0.5
    history.events.append(
        {"epoch": epoch, "kind": "nonfinite_loss", "lr_after": config.lr * state.lr_scale}
    )
    log.warning("epoch %d: non-finite loss; rolled back, lr halved", epoch)
    if len(history.events) > config.max_nan_events:
        raise TrainingError(
            f"The loss became NaN or infinite {len(history.events)} times (last at epoch "
            f"{epoch}) even after halving the learning rate each time (now "
            f"{config.lr * state.lr_scale:g}). Lower --lr, set --clip, or check the data for "
            "extreme values."
        )
    model.load_state_dict(state.best_state)
