"""One member of a sequence fit: a seeded model trained on the run's split, or its refit on
train + validation; with its own checkpoint file beside the run's, so an ensemble resumes
member by member.

Used by ``sequence_estimators`` (the estimators), which makes the split, the scaler and the loss
once for every member.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.data.sequences import SequenceSet
from lstm_doctor.history import History
from lstm_doctor.models.sequence_ensemble import SequenceEnsemble
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.models.warm_start import load_weights
from lstm_doctor.training.sequence_trainer import EpochCallback, SequenceLoss, train_sequences
from lstm_doctor.training.threads import auto_threads

__all__ = ["MemberFit", "checkpoint_files", "member_of"]


def checkpoint_files(checkpoint: Path, n_members: int, refit: bool) -> list[Path]:
    """Every checkpoint file of a fit: one per member and per refit, beside ``checkpoint``."""
    return [
        _member_checkpoint(checkpoint, k, stage)
        for stage in ((False, True) if refit else (False,))
        for k in range(n_members)
    ]


def _member_checkpoint(checkpoint: Path, member: int, refit: bool) -> Path:
    """The first member's selection fit keeps ``checkpoint``; the others get a suffix."""
    if member == 0 and not refit:
        return checkpoint
    suffix = f".member{member}" + (".refit" if refit else "")
    return checkpoint.with_name(checkpoint.stem + suffix + checkpoint.suffix)


@dataclass
class MemberFit:
    """Trains one member (or its refit): seeded model, the run's data, loss and checkpoint.

    ``scaled`` and ``targets`` hold ``train``, ``val`` and, for a refit, ``train_all``
    (train + val); the test split is not among them.
    """

    model: ModelConfig
    pooling: str
    packing: str
    n_features: int
    n_outputs: int
    scaled: dict[str, SequenceSet]
    targets: dict[str, torch.Tensor]
    loss: SequenceLoss
    device: torch.device
    on_epoch: EpochCallback | None
    checkpoint: Path | None
    resume: bool
    tag: str
    architecture: dict[str, Any] = field(default_factory=dict)

    def __call__(
        self,
        member: int,
        train_config: TrainConfig,
        *,
        init: torch.nn.Module | None = None,
        refit: bool = False,
    ) -> tuple[torch.nn.Module, History]:
        """Train member ``member`` on ``train_config`` (its seed); a refit trains on
        ``train_all`` and keeps its last weights. Returns the model (on CPU) and History."""
        torch.manual_seed(train_config.seed)
        model = build_sequence_model(
            self.model, self.n_features, self.n_outputs, self.pooling, self.packing,
            **self.architecture,
        )  # fmt: skip
        train = "train_all" if refit else "train"
        model.fit_inputs(self.scaled[train].values, self.scaled[train].lengths)
        if init is not None:
            load_weights(model, init, same="features, classes, layers, units and pooling")
        model = model.to(self.device)
        checkpoint = None
        if self.checkpoint is not None:
            checkpoint = _member_checkpoint(self.checkpoint, member, refit)
        with auto_threads(model, train_config.batch_size):  # unless the user chose
            history = train_sequences(
                model, self.scaled[train], self.targets[train], self.scaled["val"],
                self.targets["val"], train_config, self.loss, on_epoch=self.on_epoch,
                checkpoint=checkpoint, resume=self.resume, checkpoint_tag=self.tag,
                restore_best=not refit,
            )  # fmt: skip
        return model.cpu(), history


def member_of(model: torch.nn.Module, k: int) -> torch.nn.Module:
    """Member ``k`` of a fitted model (the model itself when it is not an ensemble)."""
    if isinstance(model, SequenceEnsemble):
        return model.members[k % len(model.members)]
    return model
