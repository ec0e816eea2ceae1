"""The one epoch loop on a scripted task: what the loop itself owns, whatever the task.

The task's validation losses come from a script, and each epoch's step writes the epoch
number into the model's only weight, so the weight says which epoch's model the loop kept.
"""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.errors import TrainingError
from lstm_doctor.training.loop import StopTraining, run_epochs


class ScriptedTask:
    """Two batches an epoch; validation reads the next value of ``val_script``."""

    n_items = 2

    def __init__(self, model: nn.Module, val_script: list[float]) -> None:
        self.model, self.val_script = model, list(val_script)
        self.epoch = 0
        self.lrs: list[float] = []  # the lr of every step
        self.reads = 0  # host reads of the training sums
        self.binds = 0

    def batches(self, generator: torch.Generator):
        self.epoch += 1
        return [0, 1]

    def bind(self, optimizer: torch.optim.Optimizer) -> None:
        self.binds += 1

    def step(self, batch: int, lr: float) -> None:
        self.lrs.append(lr)
        with torch.no_grad():
            self.model.weight.fill_(float(self.epoch))

    def read_train(self) -> tuple[float, float, dict[str, float]]:
        self.reads += 1
        return 2.0, 0.0, {}

    def validate(self) -> tuple[float, dict[str, float]]:
        return self.val_script[self.epoch - 1], {}


def _fit(val_script, **settings):
    model = nn.Linear(1, 1, bias=False)
    loop = settings.pop("loop", {})
    settings = {"epochs": len(val_script), "batch_size": 1, "schedule": "none", **settings}
    task = ScriptedTask(model, val_script)
    history = run_epochs(model, task, TrainConfig(**settings), **loop)
    return model, task, history


def test_early_stopping_restores_the_best_epochs_weights() -> None:
    model, task, history = _fit([3.0, 2.0, 1.0, 1.5, 1.6, 1.7, 0.5], patience=2)
    assert history.stop_reason == "early_stopping" and len(history) == 5
    assert history.best_epoch == 3
    assert model.weight.item() == 3.0  # epoch 5's weights were trained, epoch 3's kept
    assert task.reads == 5  # one read of the training sums per epoch, none per step


def test_without_patience_it_runs_every_epoch_and_still_keeps_the_best() -> None:
    model, _, history = _fit([3.0, 1.0, 2.0, 2.5], patience=None)
    assert history.stop_reason == "max_epochs" and len(history) == 4
    assert model.weight.item() == 2.0


def test_a_non_finite_loss_rolls_back_and_halves_the_learning_rate() -> None:
    model, task, history = _fit([2.0, math.nan, 1.0], patience=None, lr=0.1)
    assert [e["kind"] for e in history.events] == ["nonfinite_loss"]
    assert history.events[0]["epoch"] == 2
    assert task.lrs == [0.1, 0.1, 0.1, 0.1, 0.05, 0.05]
    assert task.binds == 2  # a fresh optimizer after the rollback (its moments held NaN)
    assert history.best_epoch == 3 and model.weight.item() == 3.0


def test_too_many_non_finite_losses_raise_a_training_error() -> None:
    with pytest.raises(TrainingError, match="NaN or infinite 2 times"):
        _fit([1.0, math.nan, math.inf, 1.0], max_nan_events=1)


def test_stop_training_from_the_callback_ends_with_its_reason_and_the_best_weights() -> None:
    def prune_at_three(row: dict[str, float]) -> None:
        if row["epoch"] == 3:
            raise StopTraining("pruned")

    model, _, history = _fit([1.0, 2.0, 3.0, 0.1], loop={"on_epoch": prune_at_three})
    assert history.stop_reason == "pruned" and len(history) == 3
    assert model.weight.item() == 1.0


def test_the_plateau_schedule_halves_the_rate_after_lr_patience_flat_epochs() -> None:
    _, task, history = _fit(
        [1.0, 1.0, 1.0, 1.0], schedule="plateau", lr=0.1, lr_patience=1, patience=None
    )
    assert history.column("lr")[0] == pytest.approx(0.1)
    assert history.column("lr")[-1] < 0.1
    assert min(task.lrs) >= 0.1 * 1e-3  # never below the floor


def test_a_ctrl_c_keeps_the_best_weights_and_says_interrupted() -> None:
    def interrupt(row: dict[str, float]) -> None:
        if row["epoch"] == 2:
            raise KeyboardInterrupt

    model, _, history = _fit([1.0, 0.5, 0.2], loop={"on_epoch": interrupt})
    assert history.stop_reason == "interrupted" and len(history) == 2
    assert model.weight.item() == 2.0
