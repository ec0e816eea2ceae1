"""The training loop: plain PyTorch, read top to bottom, returning a History.

Hot path rules: batches are gathered from a strided view of one tensor (no DataLoader, no
copies beyond the batch), losses and gradient norms are summed on the device and read once
per epoch, and the learning rate is written only when it changes.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.windows import Windows
from lstm_doctor.errors import TrainingError
from lstm_doctor.history import History
from lstm_doctor.training.inference import autocast_for, windows_loss
from lstm_doctor.training.optim import build_optimizer, decay_parameters, kernel_penalty
from lstm_doctor.training.schedules import PlateauRule, schedule_factor

__all__ = ["EpochCallback", "train"]

log = logging.getLogger(__name__)

EpochCallback = Callable[[dict[str, float]], None]
# Plateau reductions stop at this fraction of the base learning rate.
_MIN_LR_FRACTION = 1e-3


def _grad_norm(params: list[nn.Parameter], clip: float | None) -> torch.Tensor:
    if clip is not None:
        return nn.utils.clip_grad_norm_(params, clip)
    return nn.utils.get_total_norm([p.grad for p in params if p.grad is not None])


def _snapshot(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def train(
    model: nn.Module,
    train_windows: Windows,
    val_windows: Windows,
    config: TrainConfig,
    *,
    on_epoch: EpochCallback | None = None,
) -> History:
    """Train ``model`` in place on ``train_windows``, select on ``val_windows``.

    Early stopping (``patience``, ``min_delta``) restores the best weights at the end. A
    non-finite loss rolls back to the best weights so far, halves the learning rate and goes
    on; more than ``max_nan_events`` such events raise ``TrainingError``. Ctrl-C stops the
    run cleanly with the best weights restored (``stop_reason == "interrupted"``).

    Returns:
        The History: one row per epoch with ``train_loss`` (mean over the epoch's batches, in
        training mode, without penalties), ``val_loss`` (eval mode), ``lr``, ``grad_norm``
        (mean pre-clipping norm) and ``seconds``.
    """
    device = next(model.parameters()).device
    train_windows, val_windows = train_windows.to(device), val_windows.to(device)
    generator = torch.Generator().manual_seed(config.seed)
    params = [p for p in model.parameters() if p.requires_grad]
    decayed = decay_parameters(model)
    weight_decay = config.resolved_weight_decay
    kernels = model.kernels() if hasattr(model, "kernels") else []
    optimizer = build_optimizer(model, config)
    plateau = PlateauRule(config.lr_patience, config.lr_factor, config.min_delta)

    n_windows, batch_size = len(train_windows), config.batch_size
    steps_per_epoch = math.ceil(n_windows / batch_size)
    total_steps = steps_per_epoch * config.epochs
    history = History()
    best_loss, best_state, bad_epochs = math.inf, _snapshot(model), 0
    lr_scale, step, current_lr = 1.0, 0, math.nan

    try:
        for epoch in range(1, config.epochs + 1):
            started = time.perf_counter()
            model.train()
            order = torch.randperm(n_windows, generator=generator).to(device)
            loss_sum = torch.zeros((), device=device, dtype=torch.float64)
            norm_sum = torch.zeros((), device=device, dtype=torch.float64)
            for first in range(0, n_windows, batch_size):
                lr = config.lr * lr_scale * schedule_factor(config.schedule, step, total_steps)
                if lr != current_lr:
                    for group in optimizer.param_groups:
                        group["lr"] = lr
                    current_lr = lr
                x, y = train_windows.batch(order[first : first + batch_size])
                with autocast_for(device, config.precision):
                    prediction = model(x)
                loss = nn.functional.mse_loss(prediction.float(), y)
                penalty = kernel_penalty(kernels, config.l1, config.l2)
                objective = loss if penalty is None else loss + penalty
                optimizer.zero_grad(set_to_none=True)
                objective.backward()
                norm_sum += _grad_norm(params, config.clip)
                if weight_decay:
                    with torch.no_grad():
                        for p in decayed:
                            p.mul_(1.0 - lr * weight_decay)
                optimizer.step()
                loss_sum += loss.detach() * x.shape[0]
                step += 1

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
            finite = math.isfinite(train_loss) and math.isfinite(val_loss)
            # Before the callback: a Ctrl-C inside it must still count this epoch's weights.
            if finite and val_loss < best_loss - config.min_delta:
                best_loss, best_state, bad_epochs = val_loss, _snapshot(model), 0
                history.best_epoch = epoch
            elif finite:
                bad_epochs += 1
            if on_epoch is not None:
                on_epoch(row)

            if not finite:
                lr_scale *= 0.5
                history.events.append(
                    {"epoch": epoch, "kind": "nonfinite_loss", "lr_after": config.lr * lr_scale}
                )
                log.warning("epoch %d: non-finite loss; rolled back, lr halved", epoch)
                if len(history.events) > config.max_nan_events:
                    raise TrainingError(
                        f"The loss became NaN or infinite {len(history.events)} times (last at "
                        f"epoch {epoch}) even after halving the learning rate each time. Lower "
                        f"--lr (now {config.lr:g}), set --clip, or check the data for extreme "
                        "values."
                    )
                model.load_state_dict(best_state)
                optimizer = build_optimizer(model, config)  # its moments hold NaN now
                current_lr = math.nan
                continue

            if config.schedule == "plateau":
                lr_scale = max(lr_scale * plateau.update(val_loss), _MIN_LR_FRACTION)
            if config.patience is not None and bad_epochs >= config.patience:
                history.stop_reason = "early_stopping"
                break
        else:
            history.stop_reason = "max_epochs"
    except KeyboardInterrupt:
        history.stop_reason = "interrupted"
        log.warning("interrupted; keeping the best weights so far")

    model.load_state_dict(best_state)
    model.eval()
    return history
