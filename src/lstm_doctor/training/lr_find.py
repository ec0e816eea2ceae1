"""The learning-rate range test: train briefly while the lr grows, and read the loss curve.

The test (Smith 2017, "Cyclical Learning Rates for Training Neural Networks", sec. 3.3,
arXiv:1506.01186, there with a linear ramp over a few epochs) trains a throwaway copy of the
model for ``n_steps`` batches while the learning rate grows geometrically from ``min_lr`` to
``max_lr`` (both included), and records the loss at each step. It follows the two
implementations most people know:

- fastai ``Learner.lr_find`` / ``LRFinder`` (``fastai/callback/schedule.py``): exponential
  schedule ``start * (end / start) ** pos``; the recorded curve is the debiased EMA of the
  batch loss with beta 0.98 (fastai's ``AvgSmoothLoss``); the test stops when the smoothed
  loss exceeds 4 x its best value; the suggestion ignores the first ``n // 10`` points and
  cuts the curve at its first NaN; the weights are restored afterwards.
- Lightning ``LearningRateFinder`` / ``Tuner.lr_find`` (``lightning/pytorch/tuner/
  lr_finder.py``): the same EMA (``beta=0.98``) and ``early_stop_threshold=4.0``, a suggestion
  at the steepest negative gradient of the smoothed loss after ``skip_begin=10`` points, the
  model restored from a checkpoint, and the global RNG isolated (``isolate_rng``).

Our suggestion rule, ``suggest_lr``, is "steepest descent before the minimum, at most a tenth
of the minimum's lr"; see its docstring and comments for why. Where both restore the weights
after training the model itself, we train a deep copy, so an exception or Ctrl-C cannot leave
the caller's model half-trained. The copy of the model is trained
as ``training.trainer`` would train it: same optimizer (``build_optimizer``), bf16 autocast,
gradient clipping, decoupled weight decay, kernel penalties (the trainer's own
``training.step.make_train_step``), augmentation and batch size, as fastai and Lightning run
their real training step.
"""

from __future__ import annotations

import copy
import logging
import math
import numbers
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.augment import make_augmenter
from lstm_doctor.data.windows import Windows
from lstm_doctor.errors import ConfigError, DataError
from lstm_doctor.training.loop import augment_generator
from lstm_doctor.training.optim import build_optimizer
from lstm_doctor.training.step import make_train_step

__all__ = ["LrFindResult", "lr_range_test", "suggest_lr"]

log = logging.getLogger(__name__)

# Fewer points than this cannot show a fall followed by a minimum.
_MIN_POINTS = 5


@dataclass(frozen=True)
class LrFindResult:
    """The curve of one range test and the learning rate it suggests.

    Attributes:
        lrs: learning rate of each step, geometric from ``min_lr`` (shorter than ``n_steps``
            when the test stopped early).
        losses: raw training loss (MSE of the batch, without penalties) at each step.
        smoothed: debiased EMA of ``losses``, the curve the suggestion and the stop read.
        suggestion: the suggested learning rate, or None when the curve gives none.
        rule: which rule produced ``suggestion`` (or why there is none), in words.
        stopped_early: the smoothed loss diverged (non-finite, or above ``diverge_factor``
            times its minimum) before ``max_lr``.
    """

    lrs: tuple[float, ...]
    losses: tuple[float, ...]
    smoothed: tuple[float, ...]
    suggestion: float | None
    rule: str
    stopped_early: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain lists and numbers, ready for JSON."""
        return {
            "lrs": list(self.lrs),
            "losses": list(self.losses),
            "smoothed": list(self.smoothed),
            "suggestion": self.suggestion,
            "rule": self.rule,
            "stopped_early": self.stopped_early,
        }


def suggest_lr(
    lrs: np.ndarray | list[float] | tuple[float, ...],
    smoothed_losses: np.ndarray | list[float] | tuple[float, ...],
    *,
    min_drop: float = 0.02,
    margin: float = 10.0,
) -> tuple[float | None, str]:
    """The lr where the smoothed loss falls fastest before its minimum, capped below it.

    The rule: cut the curve at its first non-finite value; ignore its first tenth; average it
    over a short moving window; find its minimum; between the start and the minimum, take the
    lr of the steepest fall of the loss per unit of log(lr); answer that lr, or
    ``lr_at_minimum / margin`` if that is smaller.

    Args:
        lrs: increasing learning rates, one per step.
        smoothed_losses: the smoothed loss at each step.
        min_drop: the smallest fall of the loss, relative to its level, that counts as a
            descent (below it the curve is read as flat).
        margin: the suggestion is at least this factor below the lr of the minimum.

    Returns:
        ``(suggestion, rule)``: ``suggestion`` is None when the curve never falls by
        ``min_drop`` before its minimum (flat or rising) or has too few points; ``rule`` says
        which case applied and starts with ``steepest``, ``minimum/<margin>`` or ``none``.

    Raises:
        ValueError: ``lrs`` and ``smoothed_losses`` differ in length or are not 1-D.
    """
    lr = np.asarray(lrs, dtype=np.float64)
    loss = np.asarray(smoothed_losses, dtype=np.float64)
    if lr.ndim != 1 or lr.shape != loss.shape:
        raise ValueError(
            f"lrs and smoothed_losses must be 1-D and of one length; got shapes {lr.shape} "
            f"and {loss.shape}."
        )
    n = len(loss)
    # As fastai does: the first NaN (or inf) ends the curve; the run diverged there.
    bad = ~(np.isfinite(loss) & np.isfinite(lr) & (lr > 0))
    n_valid = int(np.argmax(bad)) if bad.any() else n
    # The first points are the EMA of a handful of batches, as noisy as single batches, and
    # the loss of a fresh model often plunges there whatever the lr: fastai skips n // 10,
    # Lightning 10 of its default 100 steps.
    start = n // 10
    if n_valid - start < _MIN_POINTS:
        return None, (
            f"none: too few finite points ({n_valid} of {n}) to read a curve; raise n_steps "
            "or lower min_lr"
        )
    # A centred moving average over ~n/10 points: the minimum, the size of the fall and the
    # slopes then rest on several points each, so one wiggle cannot decide any of them.
    level = _moving_average(loss[:n_valid], half_width=max(1, n // 20))
    i_min = start + int(np.argmin(level[start:]))
    # Only the stretch before the minimum: past it the loss climbs towards divergence.
    high = float(level[start : i_min + 1].max())
    if high - level[i_min] <= min_drop * abs(high):
        return None, (
            f"none: the smoothed loss never falls by {min_drop:.0%} before its minimum (flat or "
            "rising curve); lower min_lr, or check the model and the data"
        )
    region = slice(start, i_min + 1)
    slope = np.gradient(level[region], np.log(lr[region]))  # d loss / d log(lr)
    i_steep = start + int(np.argmin(slope))
    lr_steep, lr_at_min = float(lr[i_steep]), float(lr[i_min])
    note = " (loss still falling at the last lr: raise max_lr)" if i_min == n_valid - 1 else ""
    # Why the steepest fall (Smith 2017; fastai's ``steep``; Lightning's ``suggestion``) and
    # not the minimum: at the minimum the lr is already as large as training tolerates, and
    # the EMA lags the raw loss by up to smooth / (1 - smooth) steps (49 at 0.98), so the
    # smoothed minimum sits far past the raw one (1.5-2 decades on our sine benchmark, where
    # a tenth of it would already be too large). An EMA falls fastest where its input
    # falls, or at worst at the end of that fall, so its steepest point lags far less; on
    # the benchmark it landed within the best lrs of a 10-epoch sweep for Adam and SGD.
    # The slope is of the loss, not of its log: the argmin is scale-free either way, and
    # dividing by a falling loss pushes it on towards the minimum (by ~0.5 decades on a
    # noisy sigmoid). Against log(lr), not lr as Lightning does: on a geometric grid
    # d/dlr divides every slope by lr and favours the noisy small-lr end.
    # Why not fastai's ``valley`` (longest decreasing subsequence, its default since 2021):
    # O(n^2), a midpoint chosen by heuristic, and no steadier on a curve already smoothed.
    # Why the cap: on a curve that falls off a cliff just before diverging, the steepest
    # point is the cliff edge; a decade below the minimum is the classic rule of thumb
    # (fastai's ``minimum``).
    if lr_steep <= lr_at_min / margin:
        return lr_steep, "steepest: steepest fall of the smoothed loss before its minimum" + note
    capped = max(lr_at_min / margin, float(lr[0]))
    return capped, (
        f"minimum/{margin:g}: the steepest fall lies within x{margin:g} of the minimum at lr "
        f"{lr_at_min:.3g}; {margin:g} times below the minimum" + note
    )


def _moving_average(values: np.ndarray, half_width: int) -> np.ndarray:
    """Centred mean over ``2 * half_width + 1`` points, over fewer at the two ends."""
    total = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(len(values))
    low = np.maximum(index - half_width, 0)
    high = np.minimum(index + half_width, len(values) - 1) + 1
    return (total[high] - total[low]) / (high - low)


def _check_arguments(
    min_lr: float, max_lr: float, n_steps: int, smooth: float, diverge_factor: float
) -> None:
    def bad(name: str, expected: str, value: object) -> ConfigError:
        return ConfigError(
            f"The '{name}' parameter of lr_range_test must be {expected}. Got {value!r} instead."
        )

    def finite(value: object) -> bool:
        real = isinstance(value, numbers.Real) and not isinstance(value, bool)
        return real and math.isfinite(value)

    if not (finite(min_lr) and min_lr > 0):
        raise bad("min_lr", "a finite number > 0", min_lr)
    if not (finite(max_lr) and max_lr > min_lr):
        raise bad("max_lr", f"a finite number > min_lr ({min_lr:g})", max_lr)
    if isinstance(n_steps, bool) or not isinstance(n_steps, int) or n_steps < _MIN_POINTS:
        raise bad("n_steps", f"an integer >= {_MIN_POINTS}", n_steps)
    if not (finite(smooth) and 0 <= smooth < 1):
        raise bad("smooth", "a number >= 0 and < 1", smooth)
    if not (finite(diverge_factor) and diverge_factor > 1):
        raise bad("diverge_factor", "a finite number > 1", diverge_factor)


def _batches(n_windows: int, batch_size: int, generator: torch.Generator) -> Iterator[torch.Tensor]:
    """Endless random batches of indices: a fresh permutation per pass, no short batches."""
    size = min(batch_size, n_windows)
    while True:
        order = torch.randperm(n_windows, generator=generator)
        for first in range(0, n_windows - size + 1, size):
            yield order[first : first + size]


def lr_range_test(
    model: nn.Module,
    train_windows: Windows,
    config: TrainConfig,
    *,
    min_lr: float = 1e-6,
    max_lr: float = 1.0,
    n_steps: int = 100,
    smooth: float = 0.98,
    diverge_factor: float = 4.0,
) -> LrFindResult:
    """Run the LR range test on a copy of ``model`` and suggest a learning rate.

    The copy trains for up to ``n_steps`` random batches of ``train_windows`` (seeded by
    ``config.seed``), the lr growing geometrically from ``min_lr`` to ``max_lr``, with the
    optimizer, precision, clipping, weight decay, penalties, augmentation and batch size of
    ``config``; ``config.lr`` and its schedule are ignored. The test stops early once the
    smoothed loss (debiased EMA with factor ``smooth``) is non-finite or above
    ``diverge_factor`` times its minimum. ``model``, its weights and mode, and the global
    torch RNG are left as they were.

    Raises:
        ConfigError: an argument is out of range.
        DataError: ``train_windows`` is empty.
    """
    _check_arguments(min_lr, max_lr, n_steps, smooth, diverge_factor)
    if len(train_windows) == 0:
        raise DataError(
            "The LR range test needs training windows and got none. Give the training split "
            "more rows than lookback + horizon."
        )
    device = next(model.parameters()).device
    windows = train_windows.to(device)
    schedule = min_lr * (max_lr / min_lr) ** (np.arange(n_steps) / (n_steps - 1))
    cuda = [device.index or 0] if device.type == "cuda" else []
    # Dropout draws from the global RNG: seed it for a reproducible test, and hand the
    # caller's RNG back untouched afterwards (Lightning's ``isolate_rng`` does the same).
    with torch.random.fork_rng(devices=cuda):
        torch.manual_seed(config.seed)
        lrs, losses, smoothed, stopped = _sweep(
            copy.deepcopy(model),  # the caller's model is never trained
            windows,
            config,
            schedule,
            smooth,
            diverge_factor,
        )
    suggestion, rule = suggest_lr(lrs, smoothed)
    if stopped:
        log.info("LR range test stopped at lr %.3g after %d steps: diverged", lrs[-1], len(lrs))
    return LrFindResult(
        lrs=tuple(lrs),
        losses=tuple(losses),
        smoothed=tuple(smoothed),
        suggestion=suggestion,
        rule=rule,
        stopped_early=stopped,
    )


def _sweep(
    probe: nn.Module,
    windows: Windows,
    config: TrainConfig,
    schedule: np.ndarray,
    smooth: float,
    diverge_factor: float,
) -> tuple[list[float], list[float], list[float], bool]:
    """Train ``probe`` one batch per lr in ``schedule``; stop once the smoothed loss diverges."""
    device = next(probe.parameters()).device
    optimizer = build_optimizer(probe, config)
    take_step = make_train_step(probe, optimizer, config)
    augment = make_augmenter(config, augment_generator(config))
    batches = _batches(len(windows), config.batch_size, torch.Generator().manual_seed(config.seed))
    lrs: list[float] = []
    losses: list[float] = []
    smoothed: list[float] = []
    average, best = 0.0, math.inf
    probe.train()
    for step, lr in enumerate(schedule.tolist()):
        for group in optimizer.param_groups:
            group["lr"] = lr
        x, y = windows.batch(next(batches).to(device))
        if augment is not None:
            x, y = augment(x, y)
        loss, _ = take_step(x, y, lr)
        # One device sync per step: the stop needs the value now, and the test is ~100 steps.
        value = float(loss)
        average = smooth * average + (1 - smooth) * value
        current = average / (1 - smooth ** (step + 1))  # debiased, as fastai and Lightning
        lrs.append(lr)
        losses.append(value)
        smoothed.append(current)
        best = min(best, current)
        if not math.isfinite(current) or current > diverge_factor * best:
            return lrs, losses, smoothed, True
    return lrs, losses, smoothed, False
