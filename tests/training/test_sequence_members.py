from __future__ import annotations

from lstm_doctor.config import TrainConfig
from lstm_doctor.history import History
from lstm_doctor.training.sequence_members import (
    member_seed,
    member_train_config,
    refit_epochs,
    refit_train_config,
)


def _history(n_epochs: int, best: int | None) -> History:
    history = History()
    for epoch in range(1, n_epochs + 1):
        history.append(epoch=epoch, train_loss=1.0, val_loss=1.0)
    history.best_epoch = best
    return history


def test_member_zero_keeps_the_run_seed_and_the_others_differ() -> None:
    assert member_seed(3, 0) == 3
    seeds = {member_seed(s, k) for s in range(3) for k in range(5)}
    assert len(seeds) == 15  # no two members of nearby run seeds share a seed
    assert member_train_config(TrainConfig(seed=2), 1).seed == member_seed(2, 1)


def test_refit_runs_the_best_epoch_count_without_early_stopping() -> None:
    assert refit_epochs(_history(30, 12)) == 12
    assert refit_epochs(_history(7, None)) == 7
    config = refit_train_config(TrainConfig(epochs=150, patience=20, lr=3e-3), _history(30, 12))
    assert (config.epochs, config.patience, config.lr) == (12, None, 3e-3)
