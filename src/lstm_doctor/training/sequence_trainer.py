"""The training loop for sequence classification and regression: bucketed batches of
packed sequences, plain PyTorch, returning a History.

Batches are bucketed by length: the sequences are put in a random order, sorted by length
(a stable sort, so sequences of equal length stay in random order), cut into batches, and
the batches are shuffled. Each batch is cut to its own longest sequence, so little padding
is stored and packing skips what remains. The same seed gives the same batches.

Hot path rules (as ``training.trainer``): losses, gradient norms and hits are summed on the
device and read once per epoch, the learning rate is written only when it changes, batches
reach a CUDA device from pinned memory without blocking, and ``precision`` autocasts the
forward pass in training and evaluation alike.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.sequence_augment import make_sequence_augmenter
from lstm_doctor.data.sequences import SequenceSet
from lstm_doctor.errors import TrainingError
from lstm_doctor.history import History
from lstm_doctor.training.checkpoint import LoopState, load_checkpoint, save_checkpoint
from lstm_doctor.training.inference import autocast_for
from lstm_doctor.training.optim import build_optimizer, decay_parameters, kernel_penalty
from lstm_doctor.training.schedules import PlateauRule, schedule_factor
from lstm_doctor.training.trainer import StopTraining

__all__ = ["SequenceLoss", "bucket_batches", "predict_sequences", "train_sequences"]

log = logging.getLogger(__name__)

EpochCallback = Callable[[dict[str, float]], None]
_MIN_LR_FRACTION = 1e-3  # as training.trainer: plateau cuts stop at this fraction
_AUGMENT_SEED_OFFSET = 7919  # as training.trainer: augmentation never moves the batch order


@dataclass(frozen=True)
class SequenceLoss:
    """Cross-entropy (with optional class weights and label smoothing) or MSE.

    Calling it gives the training objective; ``score`` the plain criterion (cross-entropy
    without weights or smoothing, or MSE) that the curves, early stopping and ``heal``
    compare, so that runs with different smoothing or class weights stay comparable.
    """

    task: str
    class_weights: torch.Tensor | None = None
    label_smoothing: float = 0.0

    def __call__(self, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        if self.task == "classify":
            weight = None if self.class_weights is None else self.class_weights.to(output.device)
            return nn.functional.cross_entropy(
                output, target, weight=weight, label_smoothing=self.label_smoothing
            )
        return nn.functional.mse_loss(output[:, 0], target)

    def score(self, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """The plain criterion: cross-entropy (no weights, no smoothing) or MSE."""
        if self.task == "classify":
            return nn.functional.cross_entropy(output, target)
        return nn.functional.mse_loss(output[:, 0], target)


def bucket_batches(
    lengths: torch.Tensor, batch_size: int, generator: torch.Generator | None
) -> list[torch.Tensor]:
    """Index batches of sequences of similar length; random (seeded) unless no generator."""
    n = len(lengths)
    order = torch.randperm(n, generator=generator) if generator is not None else torch.arange(n)
    order = order[torch.argsort(lengths[order], stable=True)]
    batches = list(order.split(batch_size))
    if generator is not None:
        batches = [batches[i] for i in torch.randperm(len(batches), generator=generator)]
    return batches


def _to_device(tensor: torch.Tensor, device: torch.device) -> torch.Tensor:
    """Host to device; on CUDA from pinned memory, without blocking the host."""
    if device.type == "cuda":
        return tensor.pin_memory().to(device, non_blocking=True)
    return tensor.to(device)


def _gather(sequences: SequenceSet, index: torch.Tensor, device: torch.device):
    lengths = sequences.lengths[index]  # stay on the host: packing reads them there
    x = sequences.values[index, : int(lengths.max())]
    return _to_device(x, device), lengths


@torch.no_grad()
def predict_sequences(
    model: nn.Module, sequences: SequenceSet, batch_size: int = 256, precision: str = "fp32"
) -> torch.Tensor:
    """The model's outputs (n, n_outputs) in eval mode, in the order of ``sequences``."""
    model.eval()
    device = next(model.parameters()).device
    out = torch.empty(len(sequences), model.n_outputs)
    for index in bucket_batches(sequences.lengths, batch_size, None):
        x, lengths = _gather(sequences, index, device)
        with autocast_for(device, precision):
            out[index] = model(x, lengths).float().cpu()
    return out


def _evaluate(
    model: nn.Module,
    sequences: SequenceSet,
    targets: torch.Tensor,
    loss: SequenceLoss,
    precision: str = "fp32",
) -> tuple[float, float]:
    """Plain criterion and accuracy (NaN for regression) of the whole set, in eval mode."""
    output = predict_sequences(model, sequences, precision=precision)
    value = float(loss.score(output, targets))
    accuracy = math.nan
    if loss.task == "classify":
        accuracy = float((output.argmax(1) == targets).double().mean())
    return value, accuracy


def _snapshot(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def train_sequences(
    model: nn.Module,
    train: SequenceSet,
    train_targets: torch.Tensor,
    val: SequenceSet,
    val_targets: torch.Tensor,
    config: TrainConfig,
    loss: SequenceLoss,
    *,
    on_epoch: EpochCallback | None = None,
    checkpoint: Path | None = None,
    resume: bool = False,
    checkpoint_tag: str = "",
    restore_best: bool = True,
) -> History:
    """Train ``model`` in place; select on the validation loss; restore the best weights.

    Early stopping, the learning-rate schedule, gradient clipping, decoupled weight decay,
    the L1/L2 kernel penalties and augmentation (of training batches only, within each
    sequence's length) follow ``config`` as in ``training.trainer``, and so does
    ``precision`` (bf16 autocasts the forward passes; weights and loss stay fp32). A
    non-finite loss rolls back to the best weights and halves the learning rate; Ctrl-C stops
    cleanly, and so does an ``on_epoch`` callback that raises ``StopTraining`` (the History's
    ``stop_reason`` is its reason).

    With ``checkpoint``, the loop's whole state is written there (atomically, by
    ``training.checkpoint``) after every epoch; with ``resume`` as well, a killed run
    continues from its last epoch and ends exactly as if it had never stopped.
    ``checkpoint_tag`` names the data and settings, so a checkpoint never resumes another run.
    ``restore_best=False`` keeps the last epoch's weights (a refit for a fixed epoch count,
    whose "validation" data are part of its training data).

    Both loss columns hold the plain criterion (``SequenceLoss.score``), not the smoothed or
    weighted objective: early stopping, the curve diagnosis and ``heal`` compare them.

    Returns:
        History rows: ``train_loss`` (training mode, augmented batches), ``val_loss``,
        ``lr``, ``grad_norm``, ``seconds`` and, for classification, ``train_accuracy`` and
        ``val_accuracy``.
    """
    device = next(model.parameters()).device
    generator = torch.Generator().manual_seed(config.seed)
    augment_rng = torch.Generator().manual_seed(config.seed + _AUGMENT_SEED_OFFSET)
    augment = make_sequence_augmenter(config, augment_rng)
    augment_generator = augment_rng if augment is not None else None  # checkpointed if used
    optimizer = build_optimizer(model, config)
    plateau = PlateauRule(config.lr_patience, config.lr_factor, config.min_delta)
    tag = json.dumps({"train": config.to_dict(), "run": checkpoint_tag, "n": len(train)})
    saved = {"generator": generator, "tag": tag, "augment_generator": augment_generator}
    if checkpoint is not None and resume and checkpoint.exists():
        state = load_checkpoint(checkpoint, model=model, optimizer=optimizer, plateau=plateau,
                                **saved)  # fmt: skip
        log.info("resumed from %s after epoch %d", checkpoint, state.epoch)
    else:
        state = LoopState(plateau=plateau, best_state=_snapshot(model))
    history = state.history
    params = [p for p in model.parameters() if p.requires_grad]
    decayed, weight_decay = decay_parameters(model), config.resolved_weight_decay
    kernels = model.kernels()
    steps_per_epoch = math.ceil(len(train) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    classify = loss.task == "classify"
    current_lr = math.nan
    try:
        for epoch in range(state.epoch + 1, config.epochs + 1):
            if config.patience is not None and state.bad_epochs >= config.patience:
                history.stop_reason = "early_stopping"  # resumed after the stopping epoch
                break
            started = time.perf_counter()
            model.train()
            # Summed on the device in float64 (as Python floats were), read once per epoch.
            sums = torch.zeros(3, device=device, dtype=torch.float64)  # loss, norm, hits
            for index in bucket_batches(train.lengths, config.batch_size, generator):
                factor = schedule_factor(config.schedule, state.step, total_steps)
                lr = config.lr * state.lr_scale * factor
                if lr != current_lr:  # written only when it changes
                    for group in optimizer.param_groups:
                        group["lr"] = lr
                    current_lr = lr
                x, lengths = _gather(train, index, device)
                if augment is not None:
                    x = augment(x, lengths)
                target = _to_device(train_targets[index], device)
                with autocast_for(device, config.precision):
                    output = model(x, lengths)
                output = output.float()  # the loss in fp32, also under bf16 autocast
                data_loss = loss(output, target)
                penalty = kernel_penalty(kernels, config.l1, config.l2)
                objective = data_loss if penalty is None else data_loss + penalty
                optimizer.zero_grad(set_to_none=True)
                objective.backward()
                if config.clip is not None:
                    norm = nn.utils.clip_grad_norm_(params, config.clip)
                else:
                    norm = nn.utils.get_total_norm([p.grad for p in params if p.grad is not None])
                if weight_decay:
                    with torch.no_grad():
                        for p in decayed:
                            p.mul_(1.0 - lr * weight_decay)
                optimizer.step()
                state.step += 1
                with torch.no_grad():
                    sums[0] += loss.score(output, target).double() * len(index)
                    sums[1] += norm.double()
                    if classify:
                        sums[2] += (output.argmax(1) == target).sum()
            loss_sum, norm_sum, hits = sums.tolist()  # the epoch's one host sync
            val_loss, val_accuracy = _evaluate(model, val, val_targets, loss, config.precision)
            train_loss = loss_sum / len(train)
            row = {
                "epoch": epoch,
                "train_loss": train_loss,
                "val_loss": val_loss,
                "lr": current_lr,
                "grad_norm": norm_sum / steps_per_epoch,
                "seconds": time.perf_counter() - started,
            }
            if classify:
                row.update(train_accuracy=hits / len(train), val_accuracy=val_accuracy)
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
                    scale = state.lr_scale * plateau.update(val_loss)
                    state.lr_scale = max(scale, _MIN_LR_FRACTION)
            # After the bookkeeping: a Ctrl-C inside the callback keeps this epoch's weights.
            stop = None
            if on_epoch is not None:
                try:
                    on_epoch(row)
                except StopTraining as signal:  # as training.trainer: stop after this epoch
                    stop = signal.reason
            if not finite:
                _roll_back(model, state, config, epoch)
                optimizer = build_optimizer(model, config)  # its moments hold NaN now
                current_lr = math.nan  # the new optimizer's lr must be written
            if checkpoint is not None:
                save_checkpoint(checkpoint, model=model, optimizer=optimizer, state=state,
                                **saved)  # fmt: skip
            if stop is not None:
                history.stop_reason = stop
                break
            if config.patience is not None and state.bad_epochs >= config.patience:
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


def _roll_back(model: nn.Module, state: LoopState, config: TrainConfig, epoch: int) -> None:
    """After a non-finite loss: back to the best weights, half the learning rate."""
    state.lr_scale *= 0.5
    events = state.history.events
    lr_after = config.lr * state.lr_scale
    events.append({"epoch": epoch, "kind": "nonfinite_loss", "lr_after": lr_after})
    if len(events) > config.max_nan_events:
        raise TrainingError(
            f"The loss became NaN or infinite {len(events)} times (last at epoch {epoch}); "
            "lower --lr, set --clip, or check the data."
        )
    model.load_state_dict(state.best_state)
