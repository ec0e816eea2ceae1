"""The seeds of an ensemble's members and the training settings of a final refit.

Member 0 trains on the run's own seed, so ``ensemble=1`` is exactly the single model; the
others on seeds far apart. The split is made once, with the run's seed, for every member.

A refit trains from scratch on train + validation for the epoch count that early stopping
chose on validation, with early stopping off and the last weights kept. It runs the *same*
number of epochs E, not ``E * n_all / n_train``: overfitting follows the number of passes
over each example, and E passes over more sequences already take ``n_all / n_train`` times
more optimizer steps; scaling the epochs as well would stretch that twice.
"""

from __future__ import annotations

import dataclasses

from lstm_doctor.config import TrainConfig
from lstm_doctor.history import History

__all__ = ["member_seed", "member_train_config", "refit_epochs", "refit_train_config"]

_MEMBER_SEED_STEP = 10_007  # a prime; keeps members of nearby run seeds apart


def member_seed(seed: int, member: int) -> int:
    """The training seed of ensemble member ``member`` of a run seeded ``seed``."""
    return seed + _MEMBER_SEED_STEP * member


def member_train_config(config: TrainConfig, member: int) -> TrainConfig:
    """``config`` with the member's seed (model initialization, batch order, augmentation)."""
    return dataclasses.replace(config, seed=member_seed(config.seed, member))


def refit_epochs(history: History) -> int:
    """The epoch count of a refit: the selection fit's best epoch (all its epochs if none)."""
    return history.best_epoch if history.best_epoch is not None else max(len(history), 1)


def refit_train_config(config: TrainConfig, history: History) -> TrainConfig:
    """``config`` (a member's) for its refit: ``refit_epochs`` epochs, no early stopping."""
    return dataclasses.replace(config, epochs=refit_epochs(history), patience=None)
