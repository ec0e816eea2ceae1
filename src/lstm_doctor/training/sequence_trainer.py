"""The training loop for sequence classification and regression: bucketed batches of
packed sequences, plain PyTorch, returning a History.

Batches are bucketed by length: the sequences are put in a random order, sorted by length
(a stable sort, so sequences of equal length stay in random order), cut into batches, and
the batches are shuffled. Each batch is cut to its own longest sequence, so little padding
is stored and packing skips what remains. The same seed gives the same batches.

The epoch loop is ``training.loop`` (shared with forecasting); this module injects what is
particular to sequences. Hot path rules: losses, gradient norms and hits are summed on the
device and read once per epoch, batches reach a CUDA device from pinned memory without
blocking, and ``precision`` autocasts the forward pass in training and evaluation alike.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.sequence_augment import SequenceAugmenter, make_sequence_augmenter
from lstm_doctor.data.sequences import SequenceSet
from lstm_doctor.history import History
from lstm_doctor.training.inference import autocast_for
from lstm_doctor.training.loop import EpochCallback, augment_generator, run_epochs
from lstm_doctor.training.step import OptimizerStep, make_optimizer_step

__all__ = [
    "EpochCallback",
    "SequenceLoss",
    "bucket_batches",
    "predict_sequences",
    "train_sequences",
]


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


class _SequenceTask:
    """Bucketed batches of sequences; the plain criterion (and hits) summed on the device."""

    def __init__(
        self,
        model: nn.Module,
        train: tuple[SequenceSet, torch.Tensor],
        val: tuple[SequenceSet, torch.Tensor],
        config: TrainConfig,
        loss: SequenceLoss,
        augment: SequenceAugmenter | None,
    ) -> None:
        """``train`` and ``val``: the sequences and their targets."""
        self.model, self.config, self.loss, self.augment = model, config, loss, augment
        (self.train, self.train_targets), (self.val, self.val_targets) = train, val
        self.n_items = len(train)
        self.device = next(model.parameters()).device
        self.classify = loss.task == "classify"
        self._step: OptimizerStep | None = None
        self._sums = torch.zeros(3)

    def bind(self, optimizer: torch.optim.Optimizer) -> None:
        self._step = make_optimizer_step(self.model, optimizer, self.config, self.loss)

    def batches(self, generator: torch.Generator) -> Iterator[torch.Tensor]:
        # Summed on the device in float64 (as Python floats were), read once per epoch.
        self._sums = torch.zeros(3, device=self.device, dtype=torch.float64)  # loss, norm, hits
        return iter(bucket_batches(self.train.lengths, self.config.batch_size, generator))

    def step(self, index: torch.Tensor, lr: float) -> None:
        x, lengths = _gather(self.train, index, self.device)
        if self.augment is not None:
            x = self.augment(x, lengths)
        target = _to_device(self.train_targets[index], self.device)
        output, _, norm = self._step((x, lengths), target, lr)  # type: ignore[misc]
        sums = self._sums
        with torch.no_grad():
            sums[0] += self.loss.score(output, target).double() * len(index)
            sums[1] += norm.double()
            if self.classify:
                sums[2] += (output.argmax(1) == target).sum()

    def read_train(self) -> tuple[float, float, dict[str, float]]:
        loss_sum, norm_sum, hits = self._sums.tolist()  # the epoch's one host sync
        return loss_sum, norm_sum, {"train_accuracy": hits / self.n_items} if self.classify else {}

    def validate(self) -> tuple[float, dict[str, float]]:
        val_loss, val_accuracy = _evaluate(
            self.model, self.val, self.val_targets, self.loss, self.config.precision
        )
        return val_loss, {"val_accuracy": val_accuracy} if self.classify else {}


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
    augment_rng = augment_generator(config)
    augment = make_sequence_augmenter(config, augment_rng)
    task = _SequenceTask(model, (train, train_targets), (val, val_targets), config, loss, augment)
    return run_epochs(
        model, task, config, on_epoch=on_epoch, checkpoint=checkpoint, resume=resume,
        checkpoint_tag=checkpoint_tag, augment_rng=augment_rng if augment is not None else None,
        restore_best=restore_best,
    )  # fmt: skip
