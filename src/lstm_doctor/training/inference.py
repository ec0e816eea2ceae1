"""Forward passes without gradients: predictions and mean losses over a set of windows."""

from __future__ import annotations

import contextlib

import numpy as np
import torch
from torch import nn

from lstm_doctor.data.windows import Windows

__all__ = ["autocast_for", "predict_windows", "windows_loss"]

EVAL_BATCH = 1024


def autocast_for(device: torch.device, precision: str) -> contextlib.AbstractContextManager:
    """bf16 autocast for the forward pass when asked; weights and loss stay fp32."""
    if precision == "bf16":
        return torch.autocast(device_type=device.type, dtype=torch.bfloat16)
    return contextlib.nullcontext()


@torch.no_grad()
def predict_windows(
    model: nn.Module, windows: Windows, precision: str = "fp32", batch_size: int = EVAL_BATCH
) -> np.ndarray:
    """Model outputs for every window, (n_windows, horizon, targets), in scaled units."""
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    outputs = []
    try:
        for first in range(0, len(windows), batch_size):
            x, _ = windows.batch(slice(first, first + batch_size))
            with autocast_for(device, precision):
                outputs.append(model(x.to(device)).float().cpu())
    finally:
        model.train(was_training)
    if not outputs:
        return np.empty((0, windows.horizon, windows.n_targets), dtype=np.float32)
    return torch.cat(outputs).numpy()


@torch.no_grad()
def windows_loss(
    model: nn.Module, windows: Windows, precision: str = "fp32", batch_size: int = EVAL_BATCH
) -> float:
    """Mean squared error over every window, target step and target, in eval mode."""
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    total = torch.zeros((), dtype=torch.float64, device=device)
    try:
        for first in range(0, len(windows), batch_size):
            x, y = windows.batch(slice(first, first + batch_size))
            x, y = x.to(device), y.to(device)  # as in predict_windows: CPU windows, GPU model
            with autocast_for(device, precision):
                prediction = model(x).float()
            total += (prediction - y).pow(2).sum(dtype=torch.float64)
    finally:
        model.train(was_training)
    count = len(windows) * windows.horizon * windows.n_targets
    return float(total / max(count, 1))
