from __future__ import annotations

import math

import pytest
import torch

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.config.sequence import SequenceConfig
from lstm_doctor.data.sequences import build_sequences
from lstm_doctor.errors import ArtifactError, TrainingError
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.training import sequence_trainer
from lstm_doctor.training.sequence_trainer import SequenceLoss, bucket_batches, train_sequences
from lstm_doctor.training.trainer import StopTraining
from sequence_frames import make_sequence_frame


def test_bucketed_batches_cover_everything_once_with_similar_lengths() -> None:
    lengths = torch.randint(1, 200, (101,), generator=torch.Generator().manual_seed(0))
    batches = bucket_batches(lengths, 10, torch.Generator().manual_seed(1))
    assert sorted(torch.cat(batches).tolist()) == list(range(101))
    spread = max(int(lengths[b].max() - lengths[b].min()) for b in batches)
    assert spread < 60  # sorted by length: a batch holds neighbours, not the whole range
    again = bucket_batches(lengths, 10, torch.Generator().manual_seed(1))
    assert all(torch.equal(a, b) for a, b in zip(batches, again, strict=True))


def _fit(
    *,
    on_epoch=None,
    record: dict[int, dict[str, torch.Tensor]] | None = None,
    wrap: set[int] | bool | None = False,
    probe: bool = False,
    **train,
):
    """A 1x8 classifier on 30 small sequences (validated on its own training set).

    ``record`` collects the weights at each epoch's callback; ``wrap`` makes the forward
    NaN on those training calls (None: every call); ``probe`` records autocast.
    """
    sequences = build_sequences(
        make_sequence_frame(n_sequences=30),
        SequenceConfig(label="label", sequence_id="sequence_id", time="t"),
    )
    torch.manual_seed(0)
    model = build_sequence_model(ModelConfig(layers=1, units=8), 2, 3, "last")
    if wrap is not False:
        model = NaNOnCalls(model, wrap)
    if probe:
        model = AutocastProbe(model)
    targets = torch.from_numpy(sequences.labels)
    config = TrainConfig(**{"epochs": 3, "batch_size": 8, **train})

    def callback(row: dict[str, float]) -> None:
        if record is not None:
            record[int(row["epoch"])] = _state(model)
        if on_epoch is not None:
            on_epoch(row)

    history = train_sequences(
        model, sequences, targets, sequences, targets, config, SequenceLoss("classify"),
        on_epoch=callback,
    )  # fmt: skip
    return model, history


def test_history_has_loss_and_accuracy_columns_and_is_seeded() -> None:
    _, history = _fit(jitter=0.1, time_warp=0.2, window_slice=0.2, scaling=0.1)
    assert len(history) == 3 and history.stop_reason == "max_epochs"
    assert {"train_accuracy", "val_accuracy"} <= set(history.columns)
    _, again = _fit(jitter=0.1, time_warp=0.2, window_slice=0.2, scaling=0.1)
    assert history.column("val_loss") == again.column("val_loss")


def _state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _assert_same_state(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), key


def test_patience_stops_a_real_run_and_restores_the_best_epochs_weights() -> None:
    # Real losses, no script: the stopped run is a prefix of the run that max_epochs lets go
    # on, and the weights it ends with score exactly the best validation loss it recorded.
    states: dict[int, dict[str, torch.Tensor]] = {}
    model, stopped = _fit(patience=1, lr=0.5, epochs=30, record=states)
    _, full = _fit(patience=None, lr=0.5, epochs=30)
    assert stopped.stop_reason == "early_stopping" and len(stopped) < 30
    assert full.stop_reason == "max_epochs" and len(full) == 30
    assert stopped.column("val_loss") == full.column("val_loss")[: len(stopped)]
    assert stopped.best_epoch < len(stopped)  # stopped after a worse epoch ...
    _assert_same_state(_state(model), states[stopped.best_epoch])  # ... and went back
    assert not model.training


# --- scripted validation losses, as the forecasting loop's tests (Keras EarlyStopping style) ---


@pytest.fixture
def scripted_val(monkeypatch: pytest.MonkeyPatch):
    """Replace the loop's validation score by a scripted list, one value per epoch."""

    def install(losses: list[float]) -> None:
        script = iter(losses)
        monkeypatch.setattr(
            sequence_trainer, "_evaluate", lambda *args, **kwargs: (next(script), math.nan)
        )

    return install


def test_patience_stops_after_that_many_bad_epochs_with_the_best_weights(scripted_val) -> None:
    scripted_val([1.0, 0.8, 0.9, 0.85, 0.95, 0.1, 0.1])
    states: dict[int, dict[str, torch.Tensor]] = {}
    model, history = _fit(epochs=7, patience=3, record=states)
    assert (history.stop_reason, len(history), history.best_epoch) == ("early_stopping", 5, 2)
    _assert_same_state(_state(model), states[2])
    assert not model.training


def test_plateau_lowers_the_lr_after_lr_patience_bad_epochs(scripted_val) -> None:
    scripted_val([1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.6, 0.7])
    _, history = _fit(epochs=8, schedule="plateau", lr=1e-2, lr_patience=2, lr_factor=0.5)
    # Bad epochs 2, 3 -> halved from epoch 4; bad 4, 5 -> from 6; 6 improves; bad 7, 8.
    assert history.column("lr") == pytest.approx(
        [1e-2, 1e-2, 1e-2, 5e-3, 5e-3, 2.5e-3, 2.5e-3, 2.5e-3]
    )


def test_a_non_finite_loss_rolls_back_to_the_best_weights_with_the_lr_halved(
    scripted_val,
) -> None:
    scripted_val([1.0, 0.5, math.inf, 0.9])
    states: dict[int, dict[str, torch.Tensor]] = {}
    model, history = _fit(epochs=4, lr=1e-2, schedule="none", record=states)
    assert history.events == [{"epoch": 3, "kind": "nonfinite_loss", "lr_after": 5e-3}]
    assert history.column("lr") == pytest.approx([1e-2, 1e-2, 1e-2, 5e-3])
    assert history.best_epoch == 2
    _assert_same_state(_state(model), states[2])  # epoch 4 (0.9) did not beat 0.5


class NaNOnCalls(torch.nn.Module):
    """Wraps a sequence model; its forward returns NaN on chosen training calls."""

    def __init__(self, model: torch.nn.Module, calls: set[int] | None) -> None:
        super().__init__()
        self.model, self.calls, self.n_calls = model, calls, 0
        self.n_outputs = model.n_outputs

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        out = self.model(x, lengths)
        if not self.training:
            return out
        self.n_calls += 1
        if self.calls is None or self.n_calls in self.calls:
            return out * math.nan
        return out

    def kernels(self) -> list[torch.nn.Parameter]:
        return self.model.kernels()


def test_a_real_nan_batch_is_rolled_back_and_training_goes_on() -> None:
    # 30 sequences in batches of 8: 4 steps per epoch; call 6 is a batch of epoch 2.
    states: dict[int, dict[str, torch.Tensor]] = {}
    model, history = _fit(epochs=4, lr=1e-2, schedule="none", wrap={6}, record=states)
    assert math.isnan(history.rows[1]["train_loss"]) and math.isnan(history.rows[1]["val_loss"])
    assert history.events == [{"epoch": 2, "kind": "nonfinite_loss", "lr_after": 5e-3}]
    assert history.column("lr") == pytest.approx([1e-2, 1e-2, 5e-3, 5e-3])
    assert all(math.isfinite(v) for v in history.column("val_loss")[2:])
    assert history.best_epoch != 2
    _assert_same_state(_state(model), states[history.best_epoch])


def test_too_many_non_finite_losses_raise_training_error() -> None:
    with pytest.raises(TrainingError, match=r"NaN or infinite 2 times \(last at epoch 2\)"):
        _fit(epochs=5, max_nan_events=1, wrap=None)


def test_stop_training_from_the_callback_ends_the_run_with_its_reason_and_best_weights(
    scripted_val,
) -> None:
    scripted_val([1.0, 0.5, 0.7, 0.8, 0.9])
    states: dict[int, dict[str, torch.Tensor]] = {}

    def prune_at_epoch_3(row: dict[str, float]) -> None:
        if row["epoch"] == 3:
            raise StopTraining("pruned")

    model, history = _fit(epochs=5, on_epoch=prune_at_epoch_3, record=states)
    assert (history.stop_reason, len(history), history.best_epoch) == ("pruned", 3, 2)
    _assert_same_state(_state(model), states[2])
    assert not model.training


class AutocastProbe(torch.nn.Module):
    """Wraps a sequence model; records whether each training forward ran under autocast."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model, self.autocast = model, []
        self.n_outputs = model.n_outputs

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        if self.training:
            self.autocast.append(torch.is_autocast_enabled("cpu"))
        return self.model(x, lengths)

    def kernels(self) -> list[torch.nn.Parameter]:
        return self.model.kernels()


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_precision_is_honoured_with_fp32_weights(precision: str) -> None:
    model, history = _fit(epochs=2, precision=precision, probe=True)
    assert model.autocast and set(model.autocast) == {precision == "bf16"}
    assert all(math.isfinite(v) for v in history.column("train_loss") + history.column("val_loss"))
    assert all(p.dtype == torch.float32 for p in model.parameters())


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
