from __future__ import annotations

import torch
from sine_data import HORIZON, N_INPUTS, N_TARGETS

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.models import build_model
from lstm_doctor.training.optim import build_optimizer
from lstm_doctor.training.step import make_train_step


def _setup(**train):
    torch.manual_seed(0)
    model = build_model(ModelConfig(layers=1, units=4), N_INPUTS, N_TARGETS, HORIZON)
    config = TrainConfig(**train)
    optimizer = build_optimizer(model, config)
    for group in optimizer.param_groups:
        group["lr"] = 0.1
    return model, config, optimizer


def test_a_step_returns_the_data_loss_and_the_gradient_norm(sine_windows) -> None:
    train_windows, _ = sine_windows
    x, y = train_windows.batch(slice(0, 16))
    model, config, optimizer = _setup(l2=1.0, clip=None, optimizer="sgd", momentum=0.0)
    expected = torch.nn.functional.mse_loss(model(x), y)
    loss, norm = make_train_step(model, optimizer, config)(x, y, 0.1)
    assert torch.allclose(loss, expected)  # the penalty is trained on, not reported
    assert norm > 0


def test_decoupled_weight_decay_spares_biases(sine_windows) -> None:
    train_windows, _ = sine_windows
    x, y = train_windows.batch(slice(0, 16))
    model, config, optimizer = _setup(weight_decay=0.5, optimizer="sgd", momentum=0.0, lr=0.1)
    for p in model.parameters():  # freeze the gradient part: only decay can move weights
        p.register_hook(lambda g: torch.zeros_like(g))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    make_train_step(model, optimizer, config)(x, y, 0.1)
    after = model.state_dict()
    assert torch.allclose(after["head.weight"], before["head.weight"] * (1 - 0.1 * 0.5))
    assert torch.equal(after["head.bias"], before["head.bias"])


def test_each_loss_trains_on_its_objective_and_reports_the_mse(sine_windows) -> None:
    train_windows, _ = sine_windows
    x, y = train_windows.batch(slice(0, 16))
    objectives = {
        "mse": torch.nn.functional.mse_loss,
        "mae": torch.nn.functional.l1_loss,
        "huber": torch.nn.functional.huber_loss,
    }
    for name, objective in objectives.items():
        model, config, optimizer = _setup(loss=name, clip=None, optimizer="sgd", momentum=0.0)
        reference, _, _ = _setup(clip=None)
        expected_mse = torch.nn.functional.mse_loss(model(x), y).detach()
        objective(reference(x), y).backward()
        loss, _ = make_train_step(model, optimizer, config)(x, y, 0.1)

        assert torch.allclose(loss, expected_mse)  # reported: MSE, whatever is trained on
        for p, q in zip(model.parameters(), reference.parameters(), strict=True):
            # plain SGD at lr 0.1 moved each weight by -0.1 x the objective's gradient
            torch.testing.assert_close(p, q.detach() - 0.1 * q.grad)
