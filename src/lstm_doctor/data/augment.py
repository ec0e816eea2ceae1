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
from lstm_doctor.data.augment_ops import (
    WARP_KNOTS,
    draw_numbers,
    resample_at,
    scale_factors,
    warp_map,
)

__all__ = ["Augmenter", "make_augmenter"]

Augmenter = Callable[[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]]


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
            "warp": batch * WARP_KNOTS if resample and time_warp else 0,
            "scale": batch if scaling else 0,
            "jitter": x.numel() if jitter else 0,
        }
        draws = draw_numbers(sizes, generator, x.device)

        if resample:
            # unit: (batch, lookback) where each output step reads the input, as a fraction of
            # the (cropped) lookback, from 0 to exactly 1.
            if time_warp:
                # A strictly increasing map with both ends fixed: the first and last inputs
                # stay where they are, so the last input is still the step just before the
                # first target, and the order of events never changes; only the pace of the
                # history in between does, as when the same pattern unfolds faster or slower.
                unit = warp_map(draws["warp"].view(batch, WARP_KNOTS), time_warp, lookback)
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
            x = resample_at(x, positions)
        if scaling:
            # One factor per window for every channel and for the targets: the whole window
            # is the same series at another amplitude (around the training mean, as the
            # data are standardized), so every proportional relation within and across
            # channels, over the inputs and on into the targets, still holds. A factor per
            # channel would change how the target responds to each covariate.
            factor = scale_factors(draws["scale"], scaling)
            x, y = x * factor.to(x.dtype), y * factor.to(y.dtype)
        if jitter:
            # Noise on what the model observes, not on what it must predict: the true future
            # is the same whatever the measurement noise on the past, so the targets stay.
            x = x + jitter * draws["jitter"].view(batch, lookback, n_features).to(x.dtype)
        return x, y

    return augment
