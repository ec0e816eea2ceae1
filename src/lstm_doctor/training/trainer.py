"""The training loop: plain PyTorch, read top to bottom, returning a History.

Hot path rules: batches are gathered from a strided view of one tensor (no DataLoader, no
copies beyond the batch), losses and gradient norms are summed on the device and read once
per epoch, and the learning rate is written only when it changes.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from pathlib import Path

import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.augment import make_augmenter
from lstm_doctor.data.windows import Windows
from lstm_doctor.errors import TrainingError
from lstm_doctor.history import History
from lstm_doctor.training.checkpoint import LoopState, load_checkpoint, save_checkpoint
from lstm_doctor.training.inference import windows_loss
from lstm_doctor.training.optim import build_optimizer
from lstm_doctor.training.schedules import PlateauRule, schedule_factor
from lstm_doctor.training.step import make_train_step

__all__ = ["EpochCallback", "StopTraining", "train"]

log = logging.getLogger(__name__)

EpochCallback = Callable[[dict[str, float]], None]
# Plateau reductions stop at this fraction of the base learning rate.
_MIN_LR_FRACTION = 1e-3
# The augmentation generator is seeded apart from the batch-order one, so turning
# augmentation on or off never changes the order of the batches.
_AUGMENT_SEED_OFFSET = 7919


class StopTraining(Exception):  # a signal, not an error
    """Raised by an ``on_epoch`` callback to end training after this epoch.

    The loop stops as after early stopping: the best weights are restored, the History is
    kept, and its ``stop_reason`` is ``reason`` (for example ``"pruned"`` when a search
    gives up on a trial).
    """

    def __init__(self, reason: str = "stopped") -> None:
        super().__init__(reason)
        self.reason = reason


def _snapshot(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


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
    generator = torch.Generator().manual_seed(config.seed)
    augment_rng = torch.Generator().manual_seed(config.seed + _AUGMENT_SEED_OFFSET)
    augment = make_augmenter(config, augment_rng)
    augment_generator = augment_rng if augment is not None else None  # checkpointed if used
    optimizer = build_optimizer(model, config)
    plateau = PlateauRule(config.lr_patience, config.lr_factor, config.min_delta)
    tag = json.dumps({"train": config.to_dict(), "run": checkpoint_tag, "n": len(train_windows)})
    if checkpoint is not None and resume and checkpoint.exists():
        state = load_checkpoint(
            checkpoint,
            model=model,
            optimizer=optimizer,
            generator=generator,
            plateau=plateau,
            tag=tag,
            augment_generator=augment_generator,
        )
        log.info("resumed from %s after epoch %d", checkpoint, state.epoch)
    else:
        state = LoopState(plateau=plateau, best_state=_snapshot(model))
    history = state.history

    n_windows, batch_size = len(train_windows), config.batch_size
    steps_per_epoch = math.ceil(n_windows / batch_size)
    total_steps = steps_per_epoch * config.epochs
    current_lr = math.nan
    step = make_train_step(model, optimizer, config)

    try:
        for epoch in range(state.epoch + 1, config.epochs + 1):
            if _patience_spent(config, state):  # resumed from the checkpoint of a finished run
                history.stop_reason = "early_stopping"
                break
            started = time.perf_counter()
            model.train()
            order = torch.randperm(n_windows, generator=generator).to(device)
            loss_sum = torch.zeros((), device=device, dtype=torch.float64)
            norm_sum = torch.zeros((), device=device, dtype=torch.float64)
            for first in range(0, n_windows, batch_size):
                lr = (
                    config.lr
                    * state.lr_scale
                    * schedule_factor(config.schedule, state.step, total_steps)
                )
                if lr != current_lr:
                    for group in optimizer.param_groups:
                        group["lr"] = lr
                    current_lr = lr
                x, y = train_windows.batch(order[first : first + batch_size])
                if augment is not None:  # training batches only, never validation
                    x, y = augment(x, y)
                loss, norm = step(x, y, lr)
                norm_sum += norm
                loss_sum += loss * x.shape[0]
                state.step += 1

            train_loss = float(loss_sum) / n_windows
            val_loss = windows_loss(model, val_windows, config.precision)
            row = {
                "epoch": epoch,
                "train_loss": train_loss,
                "val_loss": val_loss,
                "lr": current_lr,
                "grad_norm": float(norm_sum) / steps_per_epoch,
                "seconds": time.perf_counter() - started,
            }
            history.append(**row)
            state.epoch = epoch
            finite = math.isfinite(train_loss) and math.isfinite(val_loss)
            if finite:
                if val_loss < state.best_loss - config.min_delta:
                    state.best_loss, state.bad_epochs = val_loss, 0
                    state.best_state = _snapshot(model)
                    history.best_epoch = epoch
                else:
                    state.bad_epochs += 1
                if config.schedule == "plateau":
                    factor = plateau.update(val_loss)
                    state.lr_scale = max(state.lr_scale * factor, _MIN_LR_FRACTION)
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
                step = make_train_step(model, optimizer, config)
                current_lr = math.nan
            if checkpoint is not None:
                save_checkpoint(
                    checkpoint,
                    model=model,
                    optimizer=optimizer,
                    generator=generator,
                    state=state,
                    tag=tag,
                    augment_generator=augment_generator,
                )
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
