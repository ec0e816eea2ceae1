"""Learning-rate schedules.

The shape of a schedule is a pure function of the step (as in nanoGPT); reduce-on-plateau is
the one stateful rule and only multiplies a scale. The learning rate at a step is
``base_lr * scale * schedule_factor(kind, step, total_steps)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["PlateauRule", "schedule_factor"]

# One-cycle constants are those of torch.optim.lr_scheduler.OneCycleLR's defaults.
_ONECYCLE_WARMUP = 0.3
_ONECYCLE_DIV = 25.0
_ONECYCLE_FINAL_DIV = 1e4


def _cosine(start: float, end: float, fraction: float) -> float:
    return end + (start - end) * 0.5 * (1.0 + math.cos(math.pi * fraction))


def schedule_factor(kind: str, step: int, total_steps: int) -> float:
    """Multiplier of the base learning rate at ``step`` (0-based) of ``total_steps``."""
    fraction = min(step / max(total_steps, 1), 1.0)
    if kind in ("none", "plateau"):
        return 1.0
    if kind == "cosine":
        return _cosine(1.0, 0.0, fraction)
    if kind == "onecycle":
        low = 1.0 / _ONECYCLE_DIV
        if fraction < _ONECYCLE_WARMUP:
            return _cosine(low, 1.0, fraction / _ONECYCLE_WARMUP)
        rest = (fraction - _ONECYCLE_WARMUP) / (1.0 - _ONECYCLE_WARMUP)
        return _cosine(1.0, low / _ONECYCLE_FINAL_DIV, rest)
    raise ValueError(f"unknown schedule {kind!r}")


@dataclass
class PlateauRule:
    """Lower the learning rate by ``factor`` after ``patience`` epochs without improvement.

    ``update`` takes the epoch's validation loss and returns the multiplier to apply now
    (``factor`` when the plateau is reached, else 1.0). Improvement means beating the best
    loss by more than ``min_delta``, as for early stopping.
    """

    patience: int
    factor: float
    min_delta: float = 0.0
    best: float = math.inf
    bad_epochs: int = 0

    def update(self, val_loss: float) -> float:
        if val_loss < self.best - self.min_delta:
            self.best, self.bad_epochs = val_loss, 0
            return 1.0
        self.bad_epochs += 1
        if self.bad_epochs >= self.patience:
            self.bad_epochs = 0
            return self.factor
        return 1.0
