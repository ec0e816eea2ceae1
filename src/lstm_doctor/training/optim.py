"""Optimizers, decoupled weight decay and the Keras-style kernel penalties."""

from __future__ import annotations

import torch
from torch import nn

from lstm_doctor.config import TrainConfig

__all__ = ["build_optimizer", "decay_parameters", "kernel_penalty"]


def decay_parameters(model: nn.Module) -> list[nn.Parameter]:
    """Weight matrices only: biases and norm gains stay out of weight decay (as in nanoGPT)."""
    return [p for p in model.parameters() if p.requires_grad and p.dim() >= 2]


def build_optimizer(model: nn.Module, config: TrainConfig) -> torch.optim.Optimizer:
    """The optimizer named in ``config``, without built-in weight decay.

    Weight decay is applied by the trainer, decoupled from the gradient (p <- p - lr*wd*p) for
    every optimizer, as AdamW and Keras 3 do: with coupled L2 inside Adam, the decay of a
    weight would shrink with its gradient history, which is not what users ask for.
    """
    params = [p for p in model.parameters() if p.requires_grad]
    if config.optimizer in ("adam", "adamw"):
        return torch.optim.Adam(params, lr=config.lr)
    if config.optimizer == "rmsprop":
        return torch.optim.RMSprop(params, lr=config.lr)
    if config.optimizer == "sgd":
        return torch.optim.SGD(params, lr=config.lr, momentum=config.momentum)
    raise ValueError(f"unknown optimizer {config.optimizer!r}")


def kernel_penalty(kernels: list[nn.Parameter], l1: float, l2: float) -> torch.Tensor | None:
    """Keras ``l1_l2`` regularizer on the LSTM kernels: ``l1*sum|w| + l2*sum(w^2)``."""
    if not (l1 or l2):
        return None
    total = kernels[0].new_zeros(())
    for weight in kernels:
        if l2:
            total = total + l2 * weight.pow(2).sum()
        if l1:
            total = total + l1 * weight.abs().sum()
    return total
