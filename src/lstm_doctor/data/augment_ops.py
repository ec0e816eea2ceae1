"""The seeded building blocks of the batch augmentations (``augment`` for forecasting
windows, ``sequence_augment`` for padded sequences): the batch's random numbers, the time
warp, resampling at fractional positions, and the magnitude factors."""

from __future__ import annotations

import torch

__all__ = ["MIN_SCALE", "WARP_KNOTS", "draw_numbers", "resample_at", "scale_factors", "warp_map"]

# Time warping: the local speed of the warp is random at this many evenly spaced knots and
# linear in between (Um et al. 2017 use 4 knots); the warp is its cumulative sum.
WARP_KNOTS = 4
# Scaling factors are clipped here so that a window never flips sign or collapses to zero.
MIN_SCALE = 0.1


def draw_numbers(
    sizes: dict[str, int], generator: torch.Generator, device: torch.device
) -> dict[str, torch.Tensor]:
    """A batch's random numbers, drawn at once in a fixed order and copied to ``device`` in
    one transfer: uniforms for ``sizes["slice"]``, then standard normals for the rest, split
    by name in the order of ``sizes``."""
    n_uniform, n_total = sizes["slice"], sum(sizes.values())
    # On CUDA, pinned memory and a non-blocking copy keep the hot loop free of host syncs;
    # the caching host allocator keeps the buffer alive until the copy is done.
    pinned = device.type == "cuda"
    numbers = torch.empty(n_total, pin_memory=pinned)
    numbers[:n_uniform].uniform_(generator=generator)
    numbers[n_uniform:].normal_(generator=generator)
    numbers = numbers.to(device, non_blocking=pinned)
    return dict(zip(sizes, numbers.split(list(sizes.values())), strict=True))


def warp_map(knots: torch.Tensor, strength: float, lookback: int) -> torch.Tensor:
    """A smooth random increasing map of the lookback's steps onto [0, 1], ends fixed.

    Returns (batch, lookback): 0 at the first step, exactly 1 at the last.
    """
    batch = knots.shape[0]
    # Local speed: log-normal at the knots (always > 0, median 1, spread ~ strength), linear
    # in between; its cumulative sum is a piecewise quadratic, continuously differentiable
    # and strictly increasing warp.
    speed_at_knots = torch.exp(strength * knots)
    where = (torch.arange(lookback - 1, device=knots.device) + 0.5) * (
        (WARP_KNOTS - 1) / (lookback - 1)
    )
    low = where.floor().long().clamp_(max=WARP_KNOTS - 2)
    speed = torch.lerp(speed_at_knots[:, low], speed_at_knots[:, low + 1], where - low)
    elapsed = torch.cat([torch.zeros(batch, 1, device=knots.device), speed.cumsum(1)], dim=1)
    return elapsed / elapsed[:, -1:]  # x / x is exactly 1: the last step stays the last


def resample_at(x: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
    """``x`` (batch, time, features) read at fractional ``positions`` (batch, time')."""
    n_steps, n_features = x.shape[1], x.shape[2]
    low = positions.floor().long().clamp_(0, n_steps - 2)
    weight = (positions - low).unsqueeze(2).to(x.dtype)
    low = low.unsqueeze(2).expand(-1, -1, n_features)
    # lerp is exact at weight 0 and 1, so integer positions return the input values.
    return torch.lerp(x.gather(1, low), x.gather(1, low + 1), weight)


def scale_factors(normals: torch.Tensor, scaling: float) -> torch.Tensor:
    """One magnitude factor per window (batch, 1, 1) from standard normals (batch,)."""
    return (1.0 + scaling * normals).clamp_(min=MIN_SCALE).view(-1, 1, 1)
