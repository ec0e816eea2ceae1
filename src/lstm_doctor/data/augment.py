"""On-the-fly, seeded augmentation of training batches: slicing, time warping, scaling, jitter.

Only the training loop calls this, on each batch right after it is gathered; validation,
test and prediction windows are never augmented, so every reported loss is measured on the
real data. Nothing is fitted: the strengths come from ``TrainConfig`` and the randomness from
one CPU ``torch.Generator``, so the same seed gives the same augmented batches on any device
(numbers are drawn on the CPU and copied to the batch's device).

Each augmentation must keep the pair (inputs, targets) a plausible pair: the targets are
the next ``horizon`` steps of the first input columns, and the model must still be right to
predict them from the changed inputs. Why each one does is said where it is applied.

Applied in this order, all vectorized over the batch:

1. window slicing (``window_slice``): the last part of the lookback, of a random length
   >= ``(1 - window_slice) * lookback``, stretched back to ``lookback`` steps;
2. time warping (``time_warp``): a smooth, strictly increasing random map of the lookback's
   time axis onto itself that keeps the first and the last step in place;
3. magnitude scaling (``scaling``): inputs and targets of a window times one random factor;
4. jitter (``jitter``): Gaussian noise on the inputs only.

Slicing and warping are composed into one map of time positions and applied by one linear
interpolation, so the series is resampled once, not twice.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from lstm_doctor.config import TrainConfig

__all__ = ["Augmenter", "make_augmenter"]

Augmenter = Callable[[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]]

# Time warping: the local speed of the warp is random at this many evenly spaced knots and
# linear in between (Um et al. 2017 use 4 knots); the warp is its cumulative sum.
_WARP_KNOTS = 4
# Scaling factors are clipped here so that a window never flips sign or collapses to zero.
_MIN_SCALE = 0.1


def make_augmenter(config: TrainConfig, generator: torch.Generator) -> Augmenter | None:
    """The batch augmentation that ``config`` asks for, or None when every strength is 0.

    Args:
        config: reads ``window_slice``, ``time_warp``, ``scaling`` and ``jitter``.
        generator: a CPU generator, the only source of randomness; its state advances with
            every batch (save it with the training checkpoint to resume exactly).

    Returns:
        ``augment(x, y) -> (x, y)`` for inputs (batch, lookback, features) and targets
        (batch, horizon, targets) on any device; it returns new tensors and leaves its
        arguments unchanged. None when there is nothing to do, so the loop pays nothing.
    """
    window_slice, time_warp = config.window_slice, config.time_warp
    scaling, jitter = config.scaling, config.jitter
    if not (window_slice or time_warp or scaling or jitter):
        return None

    def augment(x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        batch, lookback, n_features = x.shape
        resample = lookback > 1 and bool(window_slice or time_warp)
        # Every random number of the batch is drawn at once, in a fixed order, then copied to
        # the device in one transfer.
        sizes = {
            "slice": batch if resample and window_slice else 0,
            "warp": batch * _WARP_KNOTS if resample and time_warp else 0,
            "scale": batch if scaling else 0,
            "jitter": x.numel() if jitter else 0,
        }
        numbers = _draw(sizes, generator, x.device).split(list(sizes.values()))
        draws = dict(zip(sizes, numbers, strict=True))

        if resample:
            # unit: (batch, lookback) where each output step reads the input, as a fraction of
            # the (cropped) lookback, from 0 to exactly 1.
            if time_warp:
                # A strictly increasing map with both ends fixed: the first and last inputs
                # stay where they are, so the last input is still the step just before the
                # first target, and the order of events never changes; only the pace of the
                # history in between does, as when the same pattern unfolds faster or slower.
                unit = _warp(draws["warp"].view(batch, _WARP_KNOTS), time_warp, lookback)
            else:
                unit = torch.linspace(0.0, 1.0, lookback, device=x.device).expand(batch, -1)
            first = torch.zeros(batch, 1, device=x.device)
            if window_slice:
                # The crop always ends at the last input step: a crop ending earlier would
                # leave a gap between the inputs and the targets, which then would no longer
                # be the next steps. It starts at up to window_slice of the way through.
                first = (window_slice * (lookback - 1) * draws["slice"]).unsqueeze(1)
            # Maps [0, 1] onto [first, lookback - 1]; lerp hits lookback - 1 exactly at 1.
            positions = torch.lerp(first, torch.full_like(first, lookback - 1.0), unit)
            x = _resample(x, positions)
        if scaling:
            # One factor per window for every channel and for the targets: the whole window
            # is the same series at another amplitude (around the training mean, as the
            # data are standardized), so every proportional relation within and across
            # channels, over the inputs and on into the targets, still holds. A factor per
            # channel would change how the target responds to each covariate.
            factor = (1.0 + scaling * draws["scale"]).clamp_(min=_MIN_SCALE).view(batch, 1, 1)
            x, y = x * factor.to(x.dtype), y * factor.to(y.dtype)
        if jitter:
            # Noise on what the model observes, not on what it must predict: the true future
            # is the same whatever the measurement noise on the past, so the targets stay.
            x = x + jitter * draws["jitter"].view(batch, lookback, n_features).to(x.dtype)
        return x, y

    return augment


def _draw(sizes: dict[str, int], generator: torch.Generator, device: torch.device) -> torch.Tensor:
    """Uniform numbers for the slice starts, then standard normals, on ``device``."""
    n_uniform, n_total = sizes["slice"], sum(sizes.values())
    # On CUDA, pinned memory and a non-blocking copy keep the hot loop free of host syncs;
    # the caching host allocator keeps the buffer alive until the copy is done.
    pinned = device.type == "cuda"
    numbers = torch.empty(n_total, pin_memory=pinned)
    numbers[:n_uniform].uniform_(generator=generator)
    numbers[n_uniform:].normal_(generator=generator)
    return numbers.to(device, non_blocking=pinned)


def _warp(knots: torch.Tensor, strength: float, lookback: int) -> torch.Tensor:
    """A smooth random increasing map of the lookback's steps onto [0, 1], ends fixed.

    Returns (batch, lookback): 0 at the first step, exactly 1 at the last.
    """
    batch = knots.shape[0]
    # Local speed: log-normal at the knots (always > 0, median 1, spread ~ strength), linear
    # in between; its cumulative sum is a piecewise quadratic, continuously differentiable
    # and strictly increasing warp.
    speed_at_knots = torch.exp(strength * knots)
    where = (torch.arange(lookback - 1, device=knots.device) + 0.5) * (
        (_WARP_KNOTS - 1) / (lookback - 1)
    )
    low = where.floor().long().clamp_(max=_WARP_KNOTS - 2)
    speed = torch.lerp(speed_at_knots[:, low], speed_at_knots[:, low + 1], where - low)
    elapsed = torch.cat([torch.zeros(batch, 1, device=knots.device), speed.cumsum(1)], dim=1)
    return elapsed / elapsed[:, -1:]  # x / x is exactly 1: the last step stays the last


def _resample(x: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
    """``x`` (batch, time, features) read at fractional ``positions`` (batch, time')."""
    n_steps, n_features = x.shape[1], x.shape[2]
    low = positions.floor().long().clamp_(0, n_steps - 2)
    weight = (positions - low).unsqueeze(2).to(x.dtype)
    low = low.unsqueeze(2).expand(-1, -1, n_features)
    # lerp is exact at weight 0 and 1, so integer positions return the input values.
    return torch.lerp(x.gather(1, low), x.gather(1, low + 1), weight)
