"""Hand-made learning curves for the curve-diagnosis tests."""

from __future__ import annotations

import math

import numpy as np

from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose_curves
from lstm_doctor.history import History


def history(train, val, stop_reason="max_epochs", events=()) -> History:
    h = History(stop_reason=stop_reason, events=list(events))
    for epoch, (t, v) in enumerate(zip(train, val, strict=True), start=1):
        h.append(epoch=epoch, train_loss=t, val_loss=v, lr=1e-3, grad_norm=1.0, seconds=0.1)
    finite = [i for i, v in enumerate(val) if math.isfinite(v)]
    h.best_epoch = min(finite, key=lambda i: val[i]) + 1 if finite else None
    return h


def kinds(h: History, context: RunContext | None = None) -> set[str]:
    return {f.kind for f in diagnose_curves(h, context)}


def wobble(n: int, scale: float, seed: int = 0) -> np.ndarray:
    return np.exp(np.random.default_rng(seed).normal(0, scale, n))
