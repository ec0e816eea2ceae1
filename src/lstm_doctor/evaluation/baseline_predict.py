"""Deployable baselines: naive and seasonal naive forecasts in ``predict``'s format.

When ``heal`` says its model does not beat a naive baseline on validation, the baseline is
the forecaster to deploy; ``Forecaster.predict(data, baseline=...)`` (and ``lstm-doctor
predict RUN DATA --baseline ...``) writes its forecasts exactly as it writes the model's.
"""

from __future__ import annotations

import numpy as np

from lstm_doctor.data.validate import Panel
from lstm_doctor.errors import ConfigError

__all__ = ["DEPLOYABLE_BASELINES", "baseline_forecast"]

DEPLOYABLE_BASELINES = ("naive", "seasonal_naive")


def baseline_forecast(
    panel: Panel, name: str, *, horizon: int, season: int | None, lookback: int
) -> np.ndarray:
    """(n_series, horizon, targets) forecasts in original units after each series' end:
    ``naive`` repeats the last value; ``seasonal_naive`` repeats the last season (as the
    baselines scored in ``metrics.json``, which read one lookback window).

    Raises:
        ConfigError: an unknown baseline, or seasonal naive without a usable season.
    """
    if name not in DEPLOYABLE_BASELINES:
        raise ConfigError(
            f"--baseline must be one of {', '.join(DEPLOYABLE_BASELINES)}. Got {name!r}."
        )
    if name == "seasonal_naive" and (season is None or season > lookback):
        raise ConfigError(
            f"This run has no seasonal naive baseline (season {season}, lookback {lookback}); "
            "use --baseline naive."
        )
    targets = panel.values[:, : panel.n_targets]
    ends = panel.offsets[1:]
    steps = np.arange(horizon)
    if name == "naive":
        rows = np.repeat((ends - 1)[:, None], horizon, axis=1)
    else:
        rows = (ends - season)[:, None] + (steps % season)[None, :]
    return targets[rows]
