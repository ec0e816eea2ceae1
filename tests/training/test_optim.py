"""Tests of optimizer construction, the weight-decay parameter set and the kernel penalty."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.models import LSTMForecaster, build_model
from lstm_doctor.training.optim import build_optimizer, decay_parameters, kernel_penalty


@pytest.fixture
def model() -> LSTMForecaster:
    torch.manual_seed(0)
    return build_model(ModelConfig(layers=2, units=4, bidirectional=True), 3, 2, 5)


def test_decay_parameters_are_the_weight_matrices_and_never_biases(model):
    decayed = {id(p) for p in decay_parameters(model)}
    names = {name for name, p in model.named_parameters() if id(p) in decayed}

    assert names == {
        "lstm.weight_ih_l0",
        "lstm.weight_hh_l0",
        "lstm.weight_ih_l0_reverse",
        "lstm.weight_hh_l0_reverse",
        "lstm.weight_ih_l1",
        "lstm.weight_hh_l1",
        "lstm.weight_ih_l1_reverse",
        "lstm.weight_hh_l1_reverse",
        "head.weight",
    }
    assert not any("bias" in name for name in names)


def test_decay_parameters_skip_frozen_weights(model):
    model.head.weight.requires_grad_(False)
    assert all(p is not model.head.weight for p in decay_parameters(model))


def test_decay_parameters_skip_norm_gains():
    layers = nn.Sequential(nn.Linear(3, 4), nn.LayerNorm(4))
    assert [p for p in decay_parameters(layers)] == [layers[0].weight]


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("adam", torch.optim.Adam),
        ("adamw", torch.optim.Adam),  # its decay is decoupled by the trainer, for every optimizer
        ("rmsprop", torch.optim.RMSprop),
        ("sgd", torch.optim.SGD),
    ],
)
def test_each_optimizer_name_builds_its_torch_class_without_builtin_decay(model, name, cls):
    config = TrainConfig(optimizer=name, lr=0.02, weight_decay=0.5)

    optimizer = build_optimizer(model, config)

    assert type(optimizer) is cls
    assert len(optimizer.param_groups) == 1
    group = optimizer.param_groups[0]
    assert group["lr"] == 0.02
    assert group["weight_decay"] == 0
    assert {id(p) for p in group["params"]} == {id(p) for p in model.parameters()}


def test_sgd_uses_the_configured_momentum(model):
    optimizer = build_optimizer(model, TrainConfig(optimizer="sgd", momentum=0.7))
    assert optimizer.param_groups[0]["momentum"] == 0.7


def test_build_optimizer_leaves_frozen_parameters_out(model):
    model.head.bias.requires_grad_(False)
    optimizer = build_optimizer(model, TrainConfig())
    assert all(p is not model.head.bias for p in optimizer.param_groups[0]["params"])


def test_adamw_resolves_to_a_default_weight_decay():
    assert TrainConfig(optimizer="adamw").resolved_weight_decay == 0.01
    assert TrainConfig(optimizer="adam").resolved_weight_decay == 0.0
    assert TrainConfig(optimizer="adamw", weight_decay=0.0).resolved_weight_decay == 0.0


def test_build_optimizer_rejects_an_unknown_name(model):
    # TrainConfig rejects it first; this guards callers that pass a duck-typed config.
    config = SimpleNamespace(optimizer="lion", lr=1e-3, momentum=0.9)
    with pytest.raises(ValueError, match="unknown optimizer 'lion'"):
        build_optimizer(model, config)  # type: ignore[arg-type]


@pytest.mark.parametrize(("l1", "l2"), [(0.0, 1e-3), (1e-2, 0.0), (3e-3, 2e-2)])
def test_kernel_penalty_is_l1_sum_abs_plus_l2_sum_squares(model, l1, l2):
    kernels = model.kernels()
    arrays = [k.detach().double().numpy() for k in kernels]
    expected = l1 * sum(np.abs(a).sum() for a in arrays) + l2 * sum((a**2).sum() for a in arrays)

    penalty = kernel_penalty(kernels, l1, l2)

    assert penalty is not None
    assert penalty.shape == ()
    assert float(penalty.detach()) == pytest.approx(expected, rel=1e-5)


def test_kernel_penalty_gradient_is_that_of_l1_l2(model):
    kernels = model.kernels()
    l1, l2 = 3e-3, 2e-2

    kernel_penalty(kernels, l1, l2).backward()

    for kernel in kernels:
        expected = l1 * torch.sign(kernel.detach()) + 2 * l2 * kernel.detach()
        torch.testing.assert_close(kernel.grad, expected)
    assert model.head.weight.grad is None
    assert all(p.grad is None for name, p in model.named_parameters() if "bias" in name)


def test_kernel_penalty_is_none_without_l1_and_l2(model):
    assert kernel_penalty(model.kernels(), 0.0, 0.0) is None
