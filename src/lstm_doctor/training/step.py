"""One optimization step, exactly as training takes it.

Shared by both tasks' training (windows and sequences) and the LR range test, so the range
test measures the very step that training will take: same autocast, loss, kernel
penalties, clipping and decoupled weight decay.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.training.inference import autocast_for
from lstm_doctor.training.optim import decay_parameters, kernel_penalty

__all__ = ["OptimizerStep", "TrainStep", "make_optimizer_step", "make_train_step"]

# (inputs, targets, learning rate) -> (data loss, gradient norm before clipping)
TrainStep = Callable[[torch.Tensor, torch.Tensor, float], tuple[torch.Tensor, torch.Tensor]]
# (model inputs, targets, learning rate) -> (fp32 output, objective's data loss, norm)
OptimizerStep = Callable[
    [tuple[torch.Tensor, ...], torch.Tensor, float],
    tuple[torch.Tensor, torch.Tensor, torch.Tensor],
]


_LOSSES: dict[str, Callable[[torch.Tensor, torch.Tensor], torch.Tensor]] = {
    "mse": nn.functional.mse_loss,
    "mae": nn.functional.l1_loss,
    "huber": nn.functional.huber_loss,  # delta 1, in scaled units
}


def _grad_norm(params: list[nn.Parameter], clip: float | None) -> torch.Tensor:
    if clip is not None:
        return nn.utils.clip_grad_norm_(params, clip)
    return nn.utils.get_total_norm([p.grad for p in params if p.grad is not None])


def make_optimizer_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    config: TrainConfig,
    objective: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
) -> OptimizerStep:
    """One step of any task: forward under ``config.precision`` autocast, ``objective`` on
    the output in fp32 plus the kernel penalties, backward, the gradient norm (clipped to
    ``config.clip``), decoupled weight decay, the optimizer's step. The optimizer's lr must
    already be set. Everything returned stays on the device."""
    device = next(model.parameters()).device
    params = [p for p in model.parameters() if p.requires_grad]
    decayed = decay_parameters(model)
    weight_decay = config.resolved_weight_decay
    kernels = model.kernels() if hasattr(model, "kernels") else []

    def step(
        inputs: tuple[torch.Tensor, ...], target: torch.Tensor, lr: float
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        with autocast_for(device, config.precision):
            output = model(*inputs)
        output = output.float()  # the loss in fp32, also under bf16 autocast
        loss = objective(output, target)
        penalty = kernel_penalty(kernels, config.l1, config.l2)
        total = loss if penalty is None else loss + penalty
        optimizer.zero_grad(set_to_none=True)
        total.backward()
        norm = _grad_norm(params, config.clip)
        if weight_decay:  # decoupled: p <- p - lr * wd * p, biases and norms excluded
            with torch.no_grad():
                for p in decayed:
                    p.mul_(1.0 - lr * weight_decay)
        optimizer.step()
        return output, loss, norm

    return step


def make_train_step(
    model: nn.Module, optimizer: torch.optim.Optimizer, config: TrainConfig
) -> TrainStep:
    """A function that takes one step on a batch of windows; the optimizer's lr must already
    be set.

    The model is trained on ``config.loss`` (mse, mae or huber); the returned loss is the
    batch's MSE whatever the objective (without penalties), detached, so training and
    validation curves stay comparable. Both tensors stay on the device so the caller decides
    when to synchronize.
    """
    objective_loss = _LOSSES[config.resolved_loss]
    take_step = make_optimizer_step(model, optimizer, config, objective_loss)

    def step(x: torch.Tensor, y: torch.Tensor, lr: float) -> tuple[torch.Tensor, torch.Tensor]:
        prediction, loss, norm = take_step((x,), y, lr)
        if objective_loss is not nn.functional.mse_loss:
            loss = nn.functional.mse_loss(prediction.detach(), y)
        return loss.detach(), norm

    return step
