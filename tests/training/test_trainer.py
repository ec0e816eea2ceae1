"""Tests of the training loop.

Stopping, plateau and rollback logic are tested as Keras tests ``EarlyStopping``: with scripted
validation losses (``windows_loss`` replaced) and a tiny model. Determinism, restoring the best
weights, weight decay, penalties, precision and real non-finite losses are tested on real runs
of a 1x8 LSTM over a noisy sine (fixture ``sine_windows``, see conftest.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

import lstm_doctor.training.trainer as trainer_module
from lstm_doctor.config import SCHEDULES, ModelConfig, TrainConfig
from lstm_doctor.data import Windows, make_windows
from lstm_doctor.errors import TrainingError
from lstm_doctor.history import HISTORY_COLUMNS, History
from lstm_doctor.models import LSTMForecaster, build_model
from lstm_doctor.training import predict_windows, train, windows_loss
from lstm_doctor.training.schedules import schedule_factor
from lstm_doctor.training.trainer import StopTraining

N_INPUTS, N_TARGETS, HORIZON = 2, 1, 3


def make_model(seed: int = 0, **model: Any) -> LSTMForecaster:
    torch.manual_seed(seed)
    config = ModelConfig(**{"layers": 1, "units": 8, **model})
    return build_model(config, N_INPUTS, N_TARGETS, HORIZON)


def make_config(**train: Any) -> TrainConfig:
    settings = {"lr": 1e-2, "batch_size": 32, "epochs": 4, "patience": None, "schedule": "none"}
    return TrainConfig(**{**settings, **train})


def state(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def assert_same_state(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> None:
    assert a.keys() == b.keys()
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=0, atol=0, msg=key)


def steps_per_epoch(windows: Windows, config: TrainConfig) -> int:
    return math.ceil(len(windows) / config.batch_size)


class Recorder:
    """``on_epoch`` callback keeping each row and the model's weights when it was called."""

    def __init__(self, model: nn.Module, interrupt_at: int | None = None) -> None:
        self.model, self.interrupt_at = model, interrupt_at
        self.rows: list[dict[str, float]] = []
        self.states: dict[int, dict[str, torch.Tensor]] = {}

    def __call__(self, row: dict[str, float]) -> None:
        self.rows.append(row)
        self.states[int(row["epoch"])] = state(self.model)
        if row["epoch"] == self.interrupt_at:
            raise KeyboardInterrupt


@pytest.fixture
def scripted_val(monkeypatch: pytest.MonkeyPatch):
    """Replace the trainer's validation loss by a scripted list, one value per epoch."""

    def install(losses: Iterable[float]) -> None:
        script = iter(losses)
        monkeypatch.setattr(trainer_module, "windows_loss", lambda *args, **kwargs: next(script))

    return install


# --- the History ------------------------------------------------------------------------------


def test_history_has_one_row_per_epoch_with_the_documented_columns(sine_windows):
    train_windows, val_windows = sine_windows
    history = train(make_model(), train_windows, val_windows, make_config(epochs=3))

    assert isinstance(history, History)
    assert list(HISTORY_COLUMNS) == [
        "epoch",
        "train_loss",
        "val_loss",
        "lr",
        "grad_norm",
        "seconds",
    ]
    assert history.columns == list(HISTORY_COLUMNS)
    assert list(history.to_frame().columns) == list(HISTORY_COLUMNS)
    assert history.column("epoch") == [1, 2, 3]
    for name in ("train_loss", "val_loss", "grad_norm", "seconds"):
        assert all(math.isfinite(v) and v > 0 for v in history.column(name)), name
    assert history.column("lr") == [1e-2] * 3
    assert history.stop_reason == "max_epochs"
    assert history.events == []


def test_on_epoch_receives_every_row_as_it_is_appended(sine_windows):
    train_windows, val_windows = sine_windows
    model = make_model()
    recorder = Recorder(model)

    history = train(model, train_windows, val_windows, make_config(epochs=3), on_epoch=recorder)

    assert recorder.rows == history.rows
    assert [set(row) for row in recorder.rows] == [set(HISTORY_COLUMNS)] * 3


def test_val_loss_is_the_eval_mode_mse_of_the_epochs_weights(sine_windows):
    train_windows, val_windows = sine_windows
    model = make_model(layers=2, dropout=0.5)
    recorder = Recorder(model)
    history = train(model, train_windows, val_windows, make_config(epochs=3), on_epoch=recorder)

    for epoch, weights in recorder.states.items():
        model.load_state_dict(weights)
        assert windows_loss(model, val_windows) == pytest.approx(
            history.rows[epoch - 1]["val_loss"], rel=1e-6
        )


def test_train_loss_is_the_plain_mse_without_the_kernel_penalty(sine_windows):
    # With a negligible lr the weights stay put, so the epoch's mean training loss is the
    # initial model's MSE on the training windows; a huge l2 must not show up in it.
    train_windows, val_windows = sine_windows
    model = make_model()
    initial_mse = windows_loss(model, train_windows)
    config = make_config(optimizer="sgd", momentum=0.0, lr=1e-12, l2=10.0, epochs=1)

    history = train(model, train_windows, val_windows, config)

    assert history.rows[0]["train_loss"] == pytest.approx(initial_mse, rel=1e-5)


# --- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_the_same_history_and_weights(sine_windows):
    train_windows, val_windows = sine_windows
    config = make_config(epochs=3, seed=7)
    models, histories = [], []
    for _ in range(2):
        models.append(make_model(seed=3))
        histories.append(train(models[-1], train_windows, val_windows, config))

    first, second = (
        [{k: v for k, v in row.items() if k != "seconds"} for row in h.rows] for h in histories
    )
    assert first == second
    assert histories[0].best_epoch == histories[1].best_epoch
    assert histories[0].stop_reason == histories[1].stop_reason
    assert_same_state(models[0].state_dict(), models[1].state_dict())


def test_another_seed_shuffles_differently(sine_windows):
    train_windows, val_windows = sine_windows
    histories = [
        train(make_model(), train_windows, val_windows, make_config(epochs=2, seed=seed))
        for seed in (0, 1)
    ]
    assert histories[0].column("train_loss") != histories[1].column("train_loss")


# --- early stopping, scripted (Keras style) ---------------------------------------------------


def test_patience_stops_after_that_many_epochs_without_improvement(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 0.8, 0.9, 0.85, 0.95, 0.1, 0.1])
    model = make_model()
    recorder = Recorder(model)

    history = train(
        model, train_windows, val_windows, make_config(epochs=7, patience=3), on_epoch=recorder
    )

    assert history.stop_reason == "early_stopping"
    assert len(history) == 5
    assert history.best_epoch == 2
    assert_same_state(model.state_dict(), recorder.states[2])
    assert not model.training


def test_an_improvement_resets_the_patience_counter(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 1.1, 0.9, 1.0, 0.95, 1.2, 1.3])
    model = make_model()
    recorder = Recorder(model)

    history = train(
        model, train_windows, val_windows, make_config(epochs=7, patience=2), on_epoch=recorder
    )

    assert (history.stop_reason, len(history), history.best_epoch) == ("early_stopping", 5, 3)
    assert_same_state(model.state_dict(), recorder.states[3])


def test_min_delta_ignores_improvements_that_are_too_small(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 0.95, 0.92, 0.91, 0.5])
    config = make_config(epochs=5, patience=3, min_delta=0.1)

    history = train(make_model(), train_windows, val_windows, config)

    assert (history.stop_reason, len(history), history.best_epoch) == ("early_stopping", 4, 1)


def test_without_patience_the_run_goes_to_max_epochs_and_keeps_the_best(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 0.5, 0.7, 0.9, 1.1, 1.3])
    model = make_model()
    recorder = Recorder(model)

    history = train(
        model, train_windows, val_windows, make_config(epochs=6, patience=None), on_epoch=recorder
    )

    assert (history.stop_reason, len(history), history.best_epoch) == ("max_epochs", 6, 2)
    assert_same_state(model.state_dict(), recorder.states[2])


# --- early stopping, real ---------------------------------------------------------------------


def test_early_stopping_restores_the_weights_of_the_best_epoch(sine_windows):
    train_windows, val_windows = sine_windows
    model = make_model()
    config = make_config(lr=0.03, epochs=40, patience=3)

    history = train(model, train_windows, val_windows, config)

    val_losses = history.column("val_loss")
    assert history.stop_reason == "early_stopping"
    assert history.best_epoch == int(np.argmin(val_losses)) + 1
    assert history.best_epoch < len(history)  # restoring is not a no-op
    assert len(history) == history.best_epoch + config.patience
    assert windows_loss(model, val_windows) == pytest.approx(min(val_losses), abs=1e-6)


def test_patience_stops_a_real_run_that_max_epochs_lets_go_on(sine_windows):
    train_windows, val_windows = sine_windows
    stopped = train(
        make_model(), train_windows, val_windows, make_config(lr=0.03, epochs=30, patience=2)
    )
    full = train(
        make_model(), train_windows, val_windows, make_config(lr=0.03, epochs=30, patience=None)
    )

    assert stopped.stop_reason == "early_stopping"
    assert len(stopped) < 30
    assert full.stop_reason == "max_epochs"
    assert len(full) == 30
    # Same seed, same start: the stopped run is a prefix of the full one.
    assert stopped.column("val_loss") == full.column("val_loss")[: len(stopped)]


# --- non-finite losses ------------------------------------------------------------------------


class NaNOnCalls(nn.Module):
    """Wraps a model; its forward returns NaN (keeping the graph) on chosen training calls."""

    def __init__(self, model: LSTMForecaster, calls: set[int] | None) -> None:
        super().__init__()
        self.model, self.calls, self.n_calls = model, calls, 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.model(x)
        if not self.training:
            return out
        self.n_calls += 1
        if self.calls is None or self.n_calls in self.calls:
            return out * math.nan
        return out

    def kernels(self) -> list[nn.Parameter]:
        return self.model.kernels()


def test_a_non_finite_loss_is_rolled_back_with_the_lr_halved(sine_windows):
    train_windows, val_windows = sine_windows
    config = make_config(lr=1e-2, epochs=5)
    n_steps = steps_per_epoch(train_windows, config)
    model = NaNOnCalls(make_model(), calls={n_steps + 2})  # a batch in epoch 2
    recorder = Recorder(model)

    history = train(model, train_windows, val_windows, config, on_epoch=recorder)

    assert math.isnan(history.rows[1]["train_loss"])
    assert math.isnan(history.rows[1]["val_loss"])  # the NaN reached the weights
    assert history.events == [{"epoch": 2, "kind": "nonfinite_loss", "lr_after": 5e-3}]
    assert history.column("lr") == [1e-2, 1e-2, 5e-3, 5e-3, 5e-3]
    assert history.stop_reason == "max_epochs"
    assert len(history) == 5
    assert all(math.isfinite(v) for v in history.column("val_loss")[2:])
    assert all(torch.isfinite(p).all() for p in model.parameters())
    assert history.best_epoch != 2
    assert_same_state(model.state_dict(), recorder.states[history.best_epoch])
    assert windows_loss(model, val_windows) == pytest.approx(
        min(v for v in history.column("val_loss") if math.isfinite(v)), abs=1e-6
    )


def test_a_non_finite_loss_rolls_back_to_the_best_weights(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 0.5, math.inf, 0.9])
    config = make_config(epochs=4)
    model = make_model()
    recorder = Recorder(model)
    loaded: list[dict[str, torch.Tensor]] = []
    load_state_dict = model.load_state_dict

    def spy(weights, *args, **kwargs):
        loaded.append({k: v.clone() for k, v in weights.items()})
        return load_state_dict(weights, *args, **kwargs)

    model.load_state_dict = spy  # type: ignore[method-assign]
    history = train(model, train_windows, val_windows, config, on_epoch=recorder)

    assert history.events == [{"epoch": 3, "kind": "nonfinite_loss", "lr_after": 5e-3}]
    assert len(loaded) == 2  # the rollback after epoch 3, the restore at the end
    assert_same_state(loaded[0], recorder.states[2])
    assert history.best_epoch == 2
    assert history.column("lr") == [1e-2, 1e-2, 1e-2, 5e-3]


def test_too_many_non_finite_losses_raise_training_error(sine_windows):
    # A real divergence: plain SGD with a huge lr and no clipping overflows every time.
    train_windows, val_windows = sine_windows
    config = make_config(
        optimizer="sgd", lr=1e6, clip=None, momentum=0.0, epochs=10, max_nan_events=2
    )
    recorder = Recorder(make_model())

    with pytest.raises(TrainingError, match=r"NaN or infinite 3 times \(last at epoch 3\)"):
        train(recorder.model, train_windows, val_windows, config, on_epoch=recorder)
    assert len(recorder.rows) == 3


def test_training_error_message_says_how_to_fix_it(sine_windows):
    train_windows, val_windows = sine_windows
    model = NaNOnCalls(make_model(), calls=None)  # every training batch is NaN
    config = make_config(epochs=5, max_nan_events=1)

    with pytest.raises(TrainingError, match=r"2 times.*\(now 0\.0025\)\. Lower --lr, set --clip"):
        train(model, train_windows, val_windows, config)


# --- weight decay and penalties ---------------------------------------------------------------


class WithIdleLayer(nn.Module):
    """A forecaster plus a linear layer that gets no gradient: only weight decay moves it."""

    def __init__(self, model: LSTMForecaster) -> None:
        super().__init__()
        self.model, self.idle = model, nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.model(x)


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_weight_decay_is_decoupled_and_spares_biases(sine_windows, optimizer):
    train_windows, val_windows = sine_windows
    model = WithIdleLayer(make_model())
    weight, bias = model.idle.weight.detach().clone(), model.idle.bias.detach().clone()
    config = make_config(optimizer=optimizer, lr=0.01, weight_decay=2.0, epochs=2)
    n_steps = config.epochs * steps_per_epoch(train_windows, config)

    train(model, train_windows, val_windows, config)

    shrink = (1.0 - config.lr * config.weight_decay) ** n_steps
    torch.testing.assert_close(model.idle.weight, weight * shrink)
    torch.testing.assert_close(model.idle.bias, bias, rtol=0, atol=0)


def test_adamw_decays_by_default(sine_windows):
    train_windows, val_windows = sine_windows
    model = WithIdleLayer(make_model())
    weight = model.idle.weight.detach().clone()
    config = make_config(optimizer="adamw", epochs=1)

    train(model, train_windows, val_windows, config)

    n_steps = steps_per_epoch(train_windows, config)
    torch.testing.assert_close(model.idle.weight, weight * (1.0 - 0.01 * 0.01) ** n_steps)


def test_weight_decay_shrinks_the_trained_weights(sine_windows):
    train_windows, val_windows = sine_windows
    norms = {}
    for weight_decay in (0.0, 1.0):
        model = make_model()
        train(model, train_windows, val_windows, make_config(weight_decay=weight_decay))
        norms[weight_decay] = sum(float(p.detach().pow(2).sum()) for p in model.kernels())
        norms[weight_decay] += float(model.head.weight.detach().pow(2).sum())
    assert norms[1.0] < 0.9 * norms[0.0]


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_kernel_penalty_changes_the_result_and_shrinks_kernels(sine_windows, penalty):
    train_windows, val_windows = sine_windows
    results = {}
    for strength in (0.0, 1e-2):
        model = make_model()
        history = train(model, train_windows, val_windows, make_config(**{penalty: strength}))
        results[strength] = (history, model)

    (plain, plain_model), (penalized, penalized_model) = results[0.0], results[1e-2]
    assert penalized.column("val_loss") != plain.column("val_loss")

    def size(model: LSTMForecaster) -> float:
        order = 1 if penalty == "l1" else 2
        return sum(float(p.detach().abs().pow(order).sum()) for p in model.kernels())

    assert size(penalized_model) < size(plain_model)


# --- precision, interruption, schedules -------------------------------------------------------


def test_bf16_precision_trains_with_fp32_weights(sine_windows):
    train_windows, val_windows = sine_windows
    model = make_model()

    history = train(model, train_windows, val_windows, make_config(precision="bf16", epochs=2))

    assert len(history) == 2
    assert all(math.isfinite(v) for v in history.column("train_loss") + history.column("val_loss"))
    assert history.column("val_loss")[-1] < windows_loss(make_model(), val_windows)
    assert all(p.dtype == torch.float32 for p in model.parameters())


def test_keyboard_interrupt_stops_cleanly_with_the_best_weights(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 0.5, 0.7, 0.8, 0.9])
    model = make_model()
    recorder = Recorder(model, interrupt_at=4)

    history = train(model, train_windows, val_windows, make_config(epochs=5), on_epoch=recorder)

    assert history.stop_reason == "interrupted"
    assert len(history) == 4
    assert history.best_epoch == 2
    assert_same_state(model.state_dict(), recorder.states[2])
    assert not model.training


def test_keyboard_interrupt_keeps_the_epoch_it_interrupted_when_that_is_the_best(
    sine_windows, scripted_val
):
    # The row of the interrupted epoch is in the History, so its weights are candidates too.
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 0.5, 0.2, 0.1])
    model = make_model()
    recorder = Recorder(model, interrupt_at=3)

    history = train(model, train_windows, val_windows, make_config(epochs=4), on_epoch=recorder)

    assert (history.stop_reason, len(history), history.best_epoch) == ("interrupted", 3, 3)
    assert_same_state(model.state_dict(), recorder.states[3])


def test_stop_training_from_the_callback_ends_the_run_with_its_reason_and_best_weights(
    sine_windows, scripted_val
):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 0.5, 0.7, 0.8, 0.9])
    model = make_model()
    recorder = Recorder(model)

    def prune_at_epoch_3(row: dict[str, float]) -> None:
        recorder(row)
        if row["epoch"] == 3:
            raise StopTraining("pruned")

    history = train(
        model, train_windows, val_windows, make_config(epochs=5), on_epoch=prune_at_epoch_3
    )

    assert (history.stop_reason, len(history), history.best_epoch) == ("pruned", 3, 2)
    assert history.column("val_loss") == [1.0, 0.5, 0.7]
    assert_same_state(model.state_dict(), recorder.states[2])
    assert not model.training


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_every_schedule_runs_and_the_lr_column_follows_it(sine_windows, schedule):
    train_windows, val_windows = sine_windows
    config = make_config(schedule=schedule, lr=1e-2, epochs=6)
    n_steps = steps_per_epoch(train_windows, config)

    history = train(make_model(), train_windows, val_windows, config)

    lrs = history.column("lr")
    assert len(lrs) == 6
    assert all(math.isfinite(v) for v in history.column("val_loss"))
    if schedule == "plateau":
        assert lrs[0] == config.lr
        assert np.all(np.diff(lrs) <= 0)
        return
    # The column holds the lr of each epoch's last step.
    expected = [
        config.lr * schedule_factor(schedule, epoch * n_steps - 1, config.epochs * n_steps)
        for epoch in range(1, 7)
    ]
    assert lrs == pytest.approx(expected, rel=1e-12)
    if schedule == "cosine":
        assert np.all(np.diff(lrs) < 0)
        assert lrs[-1] < 0.01 * config.lr
    if schedule == "onecycle":
        peak = int(np.argmax(lrs))
        assert 0 < peak < 5
        assert lrs[-1] < lrs[0] < lrs[peak]


def test_plateau_lowers_the_lr_after_lr_patience_bad_epochs(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.6, 0.7])
    config = make_config(schedule="plateau", lr=1e-2, lr_patience=2, lr_factor=0.5, epochs=8)

    history = train(make_model(), train_windows, val_windows, config)

    # Bad epochs 2, 3 -> halved from epoch 4; bad 4, 5 -> from 6; 6 improves; bad 7, 8.
    assert history.column("lr") == pytest.approx(
        [1e-2, 1e-2, 1e-2, 5e-3, 5e-3, 2.5e-3, 2.5e-3, 2.5e-3]
    )


def test_plateau_never_lowers_the_lr_below_a_thousandth(sine_windows, scripted_val):
    train_windows, val_windows = sine_windows
    scripted_val([1.0] * 12)
    config = make_config(schedule="plateau", lr=1e-2, lr_patience=1, lr_factor=0.1, epochs=12)

    history = train(make_model(), train_windows, val_windows, config)

    assert min(history.column("lr")) == pytest.approx(1e-5)
    assert history.column("lr")[-1] == pytest.approx(1e-5)


# --- augmentation -----------------------------------------------------------------------------

AUGMENT = {"window_slice": 0.3, "time_warp": 0.3, "scaling": 0.2, "jitter": 0.1}


class InputRecorder(nn.Module):
    """Wraps a model; keeps a copy of every input it is given, by training or eval mode."""

    def __init__(self, model: LSTMForecaster) -> None:
        super().__init__()
        self.model = model
        self.inputs: dict[str, list[torch.Tensor]] = {"train": [], "eval": []}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.inputs["train" if self.training else "eval"].append(x.detach().clone())
        return self.model(x)

    def kernels(self) -> list[nn.Parameter]:
        return self.model.kernels()


def nearest_windows(inputs: list[torch.Tensor], windows: Windows) -> tuple[torch.Tensor, ...]:
    """Distance from each recorded input to the nearest raw window, and that window's index."""
    raw = windows.batch(slice(None))[0].flatten(1)
    # Without the matmul shortcut, a distance is 0 exactly when the input is that window.
    distances = torch.cdist(
        torch.cat(inputs).flatten(1), raw, compute_mode="donot_use_mm_for_euclid_dist"
    )
    return tuple(distances.min(dim=1))


def make_test_windows(train_windows: Windows) -> Windows:
    """The test split of the series behind the ``sine_windows`` fixture."""
    n_rows = train_windows.data.shape[0]
    bounds = np.array([[int(n_rows * 2 / 3), int(n_rows * 5 / 6), n_rows]])
    return make_windows(
        train_windows.data,
        np.array([0, n_rows]),
        bounds,
        lookback=train_windows.lookback,
        horizon=train_windows.horizon,
        n_targets=train_windows.n_targets,
        split="test",
    )


@pytest.mark.parametrize("augment", [{}, {"jitter": 0.05}, AUGMENT], ids=["none", "jitter", "all"])
def test_only_training_batches_are_augmented(sine_windows, augment):
    train_windows, val_windows = sine_windows
    test = make_test_windows(train_windows)
    model = InputRecorder(make_model())

    train(model, train_windows, val_windows, make_config(epochs=2, **augment))
    predict_windows(model, test)
    windows_loss(model, test)

    # Validation (one batch an epoch), then prediction and loss on the test split: raw windows.
    raw_val, raw_test = val_windows.batch(slice(None))[0], test.batch(slice(None))[0]
    expected = [raw_val, raw_val, raw_test, raw_test]
    assert len(model.inputs["eval"]) == len(expected)
    for seen, raw in zip(model.inputs["eval"], expected, strict=True):
        assert torch.equal(seen, raw)
    # Training batches: raw windows exactly without augmentation, none of them with it.
    distance, _ = nearest_windows(model.inputs["train"], train_windows)
    assert len(distance) == 2 * len(train_windows)
    if augment:
        assert float(distance.min()) > 0
    else:
        assert float(distance.max()) == 0


def test_augmentation_leaves_the_batch_order_alone(sine_windows):
    # Its generator is not the batch-order one: with a whisper of jitter, every training input
    # is nearest to the very window the unaugmented run saw at that place.
    train_windows, val_windows = sine_windows
    picked = []
    for jitter in (0.0, 1e-3):
        model = InputRecorder(make_model())
        train(model, train_windows, val_windows, make_config(epochs=2, jitter=jitter))
        picked.append(nearest_windows(model.inputs["train"], train_windows)[1])
    assert torch.equal(picked[0], picked[1])


def test_augmented_runs_are_reproducible_and_differ_from_plain_ones(sine_windows):
    train_windows, val_windows = sine_windows

    def run(**augment: float) -> tuple[list[float], dict[str, torch.Tensor]]:
        model = make_model()
        history = train(model, train_windows, val_windows, make_config(epochs=2, **augment))
        return history.column("train_loss") + history.column("val_loss"), state(model)

    (losses, weights), (again, weights_again) = run(**AUGMENT), run(**AUGMENT)
    assert losses == again
    assert_same_state(weights, weights_again)
    assert run()[0] != losses
