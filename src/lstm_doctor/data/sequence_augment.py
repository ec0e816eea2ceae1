"""The training-batch augmentations of ``data.augment``, for padded variable-length batches.

Same settings (``jitter``, ``scaling``, ``time_warp``, ``window_slice`` of ``TrainConfig``)
and the same seeded CPU generator, but each sequence is changed within its own length: a
warp or a slice resamples its real steps onto its real steps, noise and scaling touch real
steps only, and padding stays exactly 0. The label of a sequence does not change: a class
is the same class spoken faster, louder or with a noisier sensor.

Unlike forecasting windows, a slice may start and end anywhere inside the sequence (there is
no target right after the last step to stay next to): a random part of at least
``(1 - window_slice)`` of the sequence, stretched back to its length (Le Guennec et al. 2016).
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

__all__ = ["SequenceAugmenter", "make_sequence_augmenter"]

SequenceAugmenter = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def make_sequence_augmenter(
    config: TrainConfig, generator: torch.Generator
) -> SequenceAugmenter | None:
    """``augment(x, lengths) -> x`` for (batch, time, features) padded batches, or None.

    Returns a new tensor; real steps beyond each length stay 0 (padding).
    """
    window_slice, time_warp = config.window_slice, config.time_warp
    scaling, jitter = config.scaling, config.jitter
    if not (window_slice or time_warp or scaling or jitter):
        return None

    def augment(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        batch, n_steps, n_features = x.shape
        lengths = lengths.to(x.device)
        mask = (torch.arange(n_steps, device=x.device)[None, :] < lengths[:, None]).unsqueeze(-1)
        resample = n_steps > 1 and bool(window_slice or time_warp)
        sizes = {
            "slice": 2 * batch if resample and window_slice else 0,
            "warp": batch * WARP_KNOTS if resample and time_warp else 0,
            "scale": batch if scaling else 0,
            "jitter": x.numel() if jitter else 0,
        }
        draws = draw_numbers(sizes, generator, x.device)
        if resample:
            last = (lengths - 1).to(x.dtype)[:, None]  # (batch, 1)
            steps = torch.arange(n_steps, device=x.device, dtype=x.dtype)[None, :]
            unit = (steps / last.clamp(min=1.0)).clamp(max=1.0)  # 0..1 over the real steps
            if time_warp:
                grid = warp_map(draws["warp"].view(batch, WARP_KNOTS), time_warp, n_steps)
                where = unit * (n_steps - 1)
                low = where.floor().long().clamp(max=n_steps - 2)
                unit = torch.lerp(grid.gather(1, low), grid.gather(1, low + 1), where - low)
            first = torch.zeros_like(last)
            end = last
            if window_slice:
                cut, shift = draws["slice"].view(2, batch)
                removed = window_slice * cut[:, None] * last  # steps cropped away in all
                first = removed * shift[:, None]
                end = last - removed * (1 - shift[:, None])
            positions = torch.lerp(first.expand(-1, n_steps), end.expand(-1, n_steps), unit)
            x = resample_at(x, positions)
        if scaling:
            factor = scale_factors(draws["scale"], scaling)
            x = x * factor.to(x.dtype)
        if jitter:
            x = x + jitter * draws["jitter"].view(batch, n_steps, n_features).to(x.dtype)
        return torch.where(mask, x, 0.0)

    return augment
