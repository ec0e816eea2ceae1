"""Per-window normalization: taken off the inputs, put back on the forecast.

Each class maps inputs (batch, lookback, channels) to normalized inputs and a context, and a
forecast (batch, horizon, targets) back with that context. Targets are the first channels of
the inputs, so a target's statistics are those of its own lookback.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["Difference", "LastValue", "RevIN", "Seasonal", "WindowNorm", "build_normalization"]

Context = tuple[torch.Tensor, ...]


class WindowNorm(nn.Module):
    """Interface: ``normalize(x) -> (x, context)`` and ``denormalize(y, context) -> y``."""

    def __init__(self, n_targets: int) -> None:
        super().__init__()
        self.n_targets = n_targets

    def normalize(self, x: torch.Tensor) -> tuple[torch.Tensor, Context]:
        raise NotImplementedError

    def denormalize(self, y: torch.Tensor, context: Context) -> torch.Tensor:
        raise NotImplementedError


class RevIN(WindowNorm):
    """Reversible instance normalization (Kim et al. 2022).

    Each window's channels are z-scored with their own lookback mean and std
    (``sqrt(var + eps)``); with ``affine``, a learned per-channel scale and shift follow. The
    forecast goes back through the same steps in reverse, with the target channels' values.
    """

    def __init__(self, n_channels: int, n_targets: int, *, affine: bool, eps: float = 1e-5):
        super().__init__(n_targets)
        self.eps = eps
        self.affine = affine
        if affine:
            self.weight = nn.Parameter(torch.ones(n_channels))
            self.bias = nn.Parameter(torch.zeros(n_channels))

    def normalize(self, x: torch.Tensor) -> tuple[torch.Tensor, Context]:
        # Constants of the window, as in the reference implementation: no gradient through them.
        mean = x.mean(dim=1, keepdim=True).detach()
        std = torch.sqrt(x.var(dim=1, keepdim=True, unbiased=False) + self.eps).detach()
        x = (x - mean) / std
        if self.affine:
            x = x * self.weight + self.bias
        return x, (mean, std)

    def denormalize(self, y: torch.Tensor, context: Context) -> torch.Tensor:
        mean, std = (c[..., : self.n_targets] for c in context)
        if self.affine:
            targets = slice(None, self.n_targets)
            y = (y - self.bias[targets]) / (self.weight[targets] + self.eps * self.eps)
        return y * std + mean


class LastValue(WindowNorm):
    """Subtract each channel's last lookback value; add the targets' back to the forecast."""

    def normalize(self, x: torch.Tensor) -> tuple[torch.Tensor, Context]:
        last = x[:, -1:]
        return x - last, (last,)

    def denormalize(self, y: torch.Tensor, context: Context) -> torch.Tensor:
        return y + context[0][..., : self.n_targets]


class Difference(WindowNorm):
    """Model first differences: the forecast is the last value plus the summed steps.

    Inputs become differences along time (the first step 0); the network's outputs are read
    as per-step differences of the targets over the horizon.
    """

    def normalize(self, x: torch.Tensor) -> tuple[torch.Tensor, Context]:
        # torch.diff(x, dim=1, prepend=x[:, :1]), written with slices: the same numbers, and
        # an op ONNX has (aten::diff does not export).
        steps = torch.cat([torch.zeros_like(x[:, :1]), x[:, 1:] - x[:, :-1]], dim=1)
        return steps, (x[:, -1:],)

    def denormalize(self, y: torch.Tensor, context: Context) -> torch.Tensor:
        return context[0][..., : self.n_targets] + torch.cumsum(y, dim=1)


class Seasonal(WindowNorm):
    """Forecast the change from one season ago (seasonal naive is the network's zero).

    The forecast of target step ``h`` (1-based) is the network's output plus the value one
    season before it — ``x[t + h - season]``, repeating the last lookback season when the
    horizon is longer than a season, exactly the seasonal-naive forecast. The inputs lose
    their level as under ``LastValue`` (each channel minus its last value): every input
    step stays informative whatever the lookback, as long as it holds one season.
    """

    def __init__(self, n_targets: int, season: int) -> None:
        super().__init__(n_targets)
        self.season = int(season)

    def normalize(self, x: torch.Tensor) -> tuple[torch.Tensor, Context]:
        if x.shape[1] < self.season:
            raise ValueError(f"seasonal normalization needs lookback >= season {self.season}")
        last = x[:, -1:]
        return x - last, (x[:, -self.season :],)

    def denormalize(self, y: torch.Tensor, context: Context) -> torch.Tensor:
        last_season = context[0][..., : self.n_targets]
        steps = torch.arange(y.shape[1], device=y.device) % self.season
        return y + last_season[:, steps]


def build_normalization(
    name: str, n_channels: int, n_targets: int, *, affine: bool, season: int | None = None
) -> WindowNorm | None:
    """The normalization called ``name`` (a ModelConfig choice), or None for ``"none"``.

    ``affine`` is RevIN's learned scale and shift; the other normalizations have no
    parameters and ignore it. ``season`` is needed by (only) ``"seasonal"``.
    """
    if name == "none":
        return None
    if name == "revin":
        return RevIN(n_channels, n_targets, affine=affine)
    if name == "last_value":
        return LastValue(n_targets)
    if name == "difference":
        return Difference(n_targets)
    if name == "seasonal":
        if season is None:
            raise ValueError("seasonal normalization needs a season")
        return Seasonal(n_targets, season)
    raise ValueError(f"unknown normalization {name!r}")
