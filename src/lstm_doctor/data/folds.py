"""Rolling-origin folds: K consecutive test blocks at the end of the split's test region.

Fold ``k`` of ``K`` tests on the block ``[end - (K - k) * N, end - (K - k - 1) * N)`` of each
series, where ``end`` is the series' test end under ``--split`` and ``N`` the fold size
(default: the split's test rows divided by ``K``). Its validation rows are the split's
validation length right before the block; its training rows are everything before them
(``expanding``) or the split's training length before them (``sliding``). Test blocks are
disjoint and ordered; a fold never sees a row after its own test block.
"""

from __future__ import annotations

import numpy as np

from lstm_doctor.errors import ConfigError, DataError

__all__ = ["WINDOWS", "plan_folds"]

WINDOWS = ("expanding", "sliding")


def plan_folds(
    bounds: np.ndarray,
    *,
    n_folds: int,
    fold_size: int | None = None,
    window: str = "expanding",
    series_ids: tuple[str, ...] | None = None,
) -> np.ndarray:
    """Series-local rows of every fold: (n_folds, n_series, 4) ``train_start, val_start,
    test_start, test_end``.

    Args:
        bounds: (n_series, 3) split bounds ``b0, b1, b2`` (``split_bounds``).
        n_folds: how many folds (test blocks).
        fold_size: test rows per fold and series; None: ``(b2 - b1) // n_folds``.
        window: ``expanding`` (train from row 0) or ``sliding`` (train of ``b0`` rows).

    Raises:
        ConfigError: ``n_folds`` or ``fold_size`` is not a positive integer, or ``window`` is
            not a choice.
        DataError: some series has no training rows left in the first fold.
    """
    if isinstance(n_folds, bool) or not isinstance(n_folds, int) or n_folds < 1:
        raise ConfigError(f"--folds must be an integer >= 1. Got {n_folds!r} instead.")
    if fold_size is not None and (
        isinstance(fold_size, bool) or not isinstance(fold_size, int) or fold_size < 1
    ):
        raise ConfigError(f"--fold-size must be an integer >= 1. Got {fold_size!r} instead.")
    if window not in WINDOWS:
        raise ConfigError(f"--window must be expanding or sliding. Got {window!r} instead.")
    bounds = np.asarray(bounds, dtype=np.int64)
    plan = np.empty((n_folds, len(bounds), 4), dtype=np.int64)
    for s, (b0, b1, b2) in enumerate(bounds):
        n_train, n_val = int(b0), int(b1 - b0)
        size = fold_size if fold_size is not None else int(b2 - b1) // n_folds
        name = series_ids[s] if series_ids else str(s)
        if size < 1:
            raise DataError(
                f"Series {name!r} has {int(b2 - b1)} test rows, too few for {n_folds} folds; "
                "use fewer --folds or give --fold-size."
            )
        for k in range(n_folds):
            test_start = int(b2) - (n_folds - k) * size
            val_start = test_start - n_val
            train_start = 0 if window == "expanding" else max(val_start - n_train, 0)
            if val_start - train_start < 1:
                raise DataError(
                    f"Series {name!r}: fold {k} would have no training rows ({n_folds} folds "
                    f"of {size} rows after {n_val} validation rows end at row {int(b2)}). Use "
                    "fewer --folds, a smaller --fold-size or a later --split."
                )
            plan[k, s] = (train_start, val_start, test_start, test_start + size)
    return plan
