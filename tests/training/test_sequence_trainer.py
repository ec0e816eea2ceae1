from __future__ import annotations

import pytest
import torch

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.data.sequences import build_sequences
from lstm_doctor.errors import ArtifactError
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


class Crash(Exception):
    pass


def _model(seed: int) -> torch.nn.Module:
    """Two bidirectional layers with dropout: resuming must restore the weights and the
    global random generator that dropout draws from."""
    torch.manual_seed(seed)
    config = ModelConfig(layers=2, units=8, dropout=0.3, bidirectional=True)
    return build_sequence_model(config, 2, 3, "mean")


def _run(model: torch.nn.Module, config: TrainConfig, **kwargs):
    sequences = build_sequences(
        make_sequence_frame(n_sequences=30),
        SequenceConfig(label="label", sequence_id="sequence_id", time="t"),
    )
    targets = torch.from_numpy(sequences.labels)
    loss = SequenceLoss("classify", label_smoothing=0.1)
    return train_sequences(model, sequences, targets, sequences, targets, config, loss, **kwargs)


def _rows(history) -> list[dict[str, float]]:
    return [{k: v for k, v in row.items() if k != "seconds"} for row in history.rows]


@pytest.mark.parametrize("schedule", ["plateau", "cosine"])
def test_a_resumed_run_ends_exactly_like_an_uninterrupted_one(tmp_path, schedule) -> None:
    config = TrainConfig(epochs=6, batch_size=8, lr=1e-2, patience=3, lr_patience=1,
                         jitter=0.1, seed=3, schedule=schedule)  # fmt: skip
    whole = _model(0)
    expected = _run(whole, config)

    def crash_after_epoch_3(row: dict[str, float]) -> None:
        if row["epoch"] == 3:
            raise Crash  # before epoch 3's checkpoint: the file holds epoch 2

    checkpoint = tmp_path / "run.ckpt"
    with pytest.raises(Crash):
        _run(_model(0), config, checkpoint=checkpoint, on_epoch=crash_after_epoch_3)
    assert checkpoint.exists()
    # Other initial weights: everything must come from the file.
    resumed_model = _model(99)
    resumed = _run(resumed_model, config, checkpoint=checkpoint, resume=True)

    assert _rows(resumed) == _rows(expected)
    assert (resumed.best_epoch, resumed.stop_reason) == (expected.best_epoch, expected.stop_reason)
    resumed_state = resumed_model.state_dict()
    for name, weight in whole.state_dict().items():
        assert torch.equal(weight, resumed_state[name]), name
    assert [p.name for p in tmp_path.iterdir()] == ["run.ckpt"]  # no temporary files left


def test_resuming_after_the_stopping_epoch_trains_no_further(tmp_path) -> None:
    # A kill between the last checkpoint and the end of the run: nothing is left to train.
    config = TrainConfig(epochs=40, batch_size=8, lr=0.5, patience=1, seed=1)
    checkpoint = tmp_path / "run.ckpt"
    expected = _run(_model(0), config, checkpoint=checkpoint)
    assert expected.stop_reason == "early_stopping" and len(expected) < 40
    resumed = _run(_model(99), config, checkpoint=checkpoint, resume=True)
    assert _rows(resumed) == _rows(expected) and resumed.stop_reason == "early_stopping"


def test_a_checkpoint_of_other_settings_is_refused(tmp_path) -> None:
    checkpoint = tmp_path / "run.ckpt"
    _run(_model(0), TrainConfig(epochs=1, batch_size=8), checkpoint=checkpoint)
    with pytest.raises(ArtifactError, match="belongs to a run with other data or settings"):
        config = TrainConfig(epochs=1, batch_size=8, lr=0.5)
        _run(_model(0), config, checkpoint=checkpoint, resume=True)


def test_ctrl_c_stops_cleanly_with_the_best_weights() -> None:
    model = _model(0)
    snapshots: list[dict[str, torch.Tensor]] = []

    def interrupt_at_epoch_3(row: dict[str, float]) -> None:
        snapshots.append({k: v.clone() for k, v in model.state_dict().items()})
        if row["epoch"] == 3:
            raise KeyboardInterrupt

    config = TrainConfig(epochs=5, batch_size=8, lr=1e-2, patience=None)
    history = _run(model, config, on_epoch=interrupt_at_epoch_3)
    assert history.stop_reason == "interrupted" and len(history) == 3
    best = history.best_epoch
    assert history.column("val_loss")[best - 1] == min(history.column("val_loss"))
    for name, weight in snapshots[best - 1].items():
        assert torch.equal(model.state_dict()[name], weight), name
    assert not model.training
