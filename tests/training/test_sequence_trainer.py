from __future__ import annotations

import torch

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.data.sequences import build_sequences
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.sequence_config import SequenceConfig
from lstm_doctor.training.sequence_trainer import SequenceLoss, bucket_batches, train_sequences
from sequence_frames import make_sequence_frame


def test_bucketed_batches_cover_everything_once_with_similar_lengths() -> None:
    lengths = torch.randint(1, 200, (101,), generator=torch.Generator().manual_seed(0))
    batches = bucket_batches(lengths, 10, torch.Generator().manual_seed(1))
    assert sorted(torch.cat(batches).tolist()) == list(range(101))
    spread = max(int(lengths[b].max() - lengths[b].min()) for b in batches)
    assert spread < 60  # sorted by length: a batch holds neighbours, not the whole range
    again = bucket_batches(lengths, 10, torch.Generator().manual_seed(1))
    assert all(torch.equal(a, b) for a, b in zip(batches, again, strict=True))


def _fit(**train):
    sequences = build_sequences(
        make_sequence_frame(n_sequences=30),
        SequenceConfig(label="label", sequence_id="sequence_id", time="t"),
    )
    torch.manual_seed(0)
    model = build_sequence_model(ModelConfig(layers=1, units=8), 2, 3, "last")
    targets = torch.from_numpy(sequences.labels)
    config = TrainConfig(epochs=3, batch_size=8, **train)
    history = train_sequences(
        model, sequences, targets, sequences, targets, config, SequenceLoss("classify")
    )
    return model, history


def test_history_has_loss_and_accuracy_columns_and_is_seeded() -> None:
    _, history = _fit(jitter=0.1, time_warp=0.2, window_slice=0.2, scaling=0.1)
    assert len(history) == 3 and history.stop_reason == "max_epochs"
    assert {"train_accuracy", "val_accuracy"} <= set(history.columns)
    _, again = _fit(jitter=0.1, time_warp=0.2, window_slice=0.2, scaling=0.1)
    assert history.column("val_loss") == again.column("val_loss")


def test_early_stopping_records_the_best_epoch() -> None:
    _, history = _fit(patience=1, lr=0.5)
    assert history.best_epoch is not None
    best = history.column("val_loss")[history.best_epoch - 1]
    assert best == min(history.column("val_loss"))
