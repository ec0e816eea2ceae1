"""Tests of gradient-free predictions and losses over windows."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.data import Windows
from lstm_doctor.models import LSTMForecaster, build_model
from lstm_doctor.training import predict_windows, windows_loss


def make_model(**model) -> LSTMForecaster:
    torch.manual_seed(0)
    return build_model(ModelConfig(**{"layers": 1, "units": 8, **model}), 2, 1, 3)


def all_windows(windows: Windows) -> tuple[torch.Tensor, torch.Tensor]:
    return windows.batch(slice(None))


class Failing(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.layer = nn.Linear(1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise RuntimeError("boom")


def test_predict_windows_gives_one_forecast_per_window(sine_windows):
    _, val = sine_windows

    prediction = predict_windows(make_model(), val)

    assert isinstance(prediction, np.ndarray)
    assert prediction.shape == (len(val), val.horizon, val.n_targets) == (38, 3, 1)
    assert prediction.dtype == np.float32


def test_predict_windows_matches_the_eval_mode_forward_pass(sine_windows):
    _, val = sine_windows
    model = make_model(layers=2, dropout=0.5).train()
    x, _ = all_windows(val)

    first, second = predict_windows(model, val), predict_windows(model, val, batch_size=5)

    model.eval()
    with torch.no_grad():
        expected = model(x).numpy()
    np.testing.assert_allclose(first, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(second, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("function", [predict_windows, windows_loss])
@pytest.mark.parametrize("training", [True, False])
def test_the_models_mode_is_restored(sine_windows, function, training):
    _, val = sine_windows
    model = make_model(layers=2, dropout=0.5).train(training)

    function(model, val)

    assert model.training is training
    assert all(m.training is training for m in model.modules())


@pytest.mark.parametrize("function", [predict_windows, windows_loss])
def test_the_models_mode_is_restored_when_the_forward_pass_fails(sine_windows, function):
    _, val = sine_windows
    model = Failing().train()

    with pytest.raises(RuntimeError, match="boom"):
        function(model, val)
    assert model.training


def test_predict_windows_on_no_windows_is_empty(sine_windows):
    _, val = sine_windows
    empty = Windows(val.data, val.starts[:0], val.series[:0], val.lookback, val.horizon, 1)

    prediction = predict_windows(make_model(), empty)

    assert prediction.shape == (0, 3, 1)
    assert windows_loss(make_model(), empty) == 0.0


def test_predict_windows_leaves_gradients_alone(sine_windows):
    _, val = sine_windows
    model = make_model()
    predict_windows(model, val)
    windows_loss(model, val)
    assert all(p.grad is None for p in model.parameters())


def test_windows_loss_is_the_mean_squared_error_over_every_element(sine_windows):
    train, _ = sine_windows
    model = make_model()
    _, y = all_windows(train)
    prediction = predict_windows(model, train).astype(np.float64)
    expected = float(np.mean((prediction - y.numpy().astype(np.float64)) ** 2))

    loss = windows_loss(model, train)

    assert isinstance(loss, float)
    assert loss == pytest.approx(expected, rel=1e-6)
    assert windows_loss(model, train, batch_size=7) == pytest.approx(expected, rel=1e-6)


def test_bf16_predictions_are_float32_and_close_to_fp32(sine_windows):
    _, val = sine_windows
    model = make_model()

    fp32 = predict_windows(model, val)
    bf16 = predict_windows(model, val, precision="bf16")

    assert bf16.dtype == np.float32
    np.testing.assert_allclose(bf16, fp32, atol=0.05)
    assert windows_loss(model, val, precision="bf16") == pytest.approx(
        windows_loss(model, val), rel=0.05
    )
