"""Per-sequence inputs a network computes from its own (batch, time, features) input.

- ``SummaryFeatures``: the summary baseline's features (mean, std, min, max and last value
  of each feature over the real steps, as ``diagnosis.sequence_baselines``), standardized
  with a center and scale fitted once on the training sequences (``fit``), before
  training. Concatenated into the head, they let the network start from what the summary
  baseline sees, so it need not lose to it.
- ``znormalize``: each sequence's features z-normalized over its own real steps (as UCR
  data often already is); padded steps stay 0.

Both read real steps only: padding (NaN included) never enters.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["N_SUMMARIES", "SummaryFeatures", "summary_features", "znormalize"]

N_SUMMARIES = 5  # mean, std, min, max, last
_EPS = 1e-8


def _real(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    steps = torch.arange(x.shape[1], device=x.device)
    return (steps[None, :] < lengths.to(x.device)[:, None])[:, :, None]


def _moments(
    x: torch.Tensor, real: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The input with padding zeroed (NaN must not reach even a masked-out branch, or its
    gradient turns NaN), and each sequence's mean and variance over its real steps."""
    count = real.sum(dim=1).clamp(min=1).to(x.dtype)
    x = torch.where(real, x, 0.0)
    mean = x.sum(dim=1) / count
    var = torch.where(real, (x - mean[:, None, :]) ** 2, 0.0).sum(dim=1) / count
    return x, mean, var


def summary_features(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """(batch, 5 * features): mean, std, min, max, last of each feature over real steps."""
    real = _real(x, lengths)
    x, mean, var = _moments(x, real)
    low = torch.where(real, x, torch.inf).amin(dim=1)
    high = torch.where(real, x, -torch.inf).amax(dim=1)
    rows = torch.arange(x.shape[0], device=x.device)
    last = x[rows, lengths.to(x.device) - 1]
    return torch.cat([mean, torch.sqrt(var + _EPS), low, high, last], dim=1)


def znormalize(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Each sequence's features minus their mean over its real steps, over their std (a
    constant feature becomes 0); padded steps become 0."""
    real = _real(x, lengths)
    x, mean, var = _moments(x, real)
    std = torch.sqrt(var)
    scale = torch.where(std > 1e-6, std, torch.ones_like(std))
    return torch.where(real, (x - mean[:, None, :]) / scale[:, None, :], 0.0)


class SummaryFeatures(nn.Module):
    """(batch, time, features) + lengths -> (batch, 5 * features), standardized with the
    center and scale of the training sequences (buffers, saved with the weights)."""

    def __init__(self, n_features: int) -> None:
        super().__init__()
        self.width = N_SUMMARIES * n_features
        self.register_buffer("center", torch.zeros(self.width))
        self.register_buffer("scale", torch.ones(self.width))

    @torch.no_grad()
    def fit(self, x: torch.Tensor, lengths: torch.Tensor) -> SummaryFeatures:
        """Center and scale from the training sequences (call once, before training)."""
        features = summary_features(x.to(self.center.device), lengths)
        spread = features.std(dim=0, unbiased=False) if len(features) > 1 else None
        self.center.copy_(features.mean(dim=0))
        if spread is not None:
            self.scale.copy_(torch.where(spread > 1e-6, spread, torch.ones_like(spread)))
        return self

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        return (summary_features(x, lengths) - self.center) / self.scale
