"""Report sections that need the forecasts (``ForecastData``): forecast vs actual, errors,
the split and scaling audit, and the distribution shift."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.reporting.forecast_charts import (
    acf_chart,
    error_distribution_chart,
    errors_over_time_chart,
    horizon_chart,
    overlay_chart,
    shift_chart,
    windows_chart,
)
from lstm_doctor.reporting.forecast_data import ForecastData
from lstm_doctor.reporting.page import Section, esc, figure, table

__all__ = ["audit_section", "errors_section", "forecast_section", "shift_section"]

# What check_data and the pipeline checks look at; their findings (if any) are listed.
_CHECKS = (
    "no target step in two splits",
    "no window crosses series",
    "scaler fitted on training rows only",
    "file scaled on all rows before the split",
    "time order shuffled",
    "windows duplicated between train and test",
    "a covariate that is the target shifted into the future",
    "splits too small to judge",
    "near-constant columns",
    "outliers that dominate a standard scaler",
)


def _scope(data: ForecastData) -> str:
    panel = data.prepared.panel
    parts = []
    if panel.n_targets > 1:
        parts.append(f"target {panel.columns[0]!r} (first of {panel.n_targets})")
    if panel.n_series > 1:
        parts.append(f"series {panel.series_ids[0]!r} (first of {panel.n_series})")
    return (" Shown: " + ", ".join(parts) + ".") if parts else ""


def forecast_section(data: ForecastData, split: str = "test") -> Section | None:
    """Best, median and worst windows with their lookback; the whole split as overlays."""
    if split not in data.splits or not len(data.splits[split].starts):
        return None
    body = figure(
        windows_chart(data, split),
        "Windows chosen by their MSE, not by hand: the best, the median and the worst of the "
        f"{split} split, each with its {data.lookback}-step lookback (what the model saw) and "
        "the best baseline on the same window." + _scope(data),
    )
    body += figure(
        overlay_chart(data, split),
        f"The whole {split} period: every window's first forecast step (one-step-ahead), and "
        f"its last ({data.horizon}-step-ahead), against what happened." + _scope(data),
    )
    return Section("forecast", "Forecast vs actual", body)


def errors_section(data: ForecastData) -> Section | None:
    """Errors by horizon step, over time, their distribution and the residual ACF."""
    if "test" not in data.splits:
        return None
    body = figure(
        horizon_chart(data),
        "Test MSE at each step of the horizon, model and "
        "baselines on the same windows (scaled units).",
    )
    body += figure(
        errors_over_time_chart(data),
        "Each window's MSE by the time its forecast "
        "was made, on validation and test: where in time the errors sit." + _scope(data),
    )
    body += figure(
        error_distribution_chart(data),
        "Distribution of the test errors, every "
        "horizon step, model and best baseline." + _scope(data),
    )
    body += figure(
        acf_chart(data),
        "Autocorrelation of the one-step-ahead test residuals: "
        "bars outside the band are structure the model left unexplained." + _scope(data),
    )
    return Section("errors", "Errors", body)


def audit_section(
    data: ForecastData, findings: Sequence[dict[str, Any]], tested: bool = True
) -> Section:
    """Row ranges of train/val/test, the scaler's statistics, and the leakage checks."""
    panel, bounds, scaler = data.prepared.panel, data.prepared.bounds, data.prepared.scaler
    times = panel.time
    rows = []
    for s in range(min(panel.n_series, 5)):
        edges = [0, *[int(b) for b in bounds[s]]]
        offset = int(panel.offsets[s])
        for k, name in enumerate(("train", "val", "test")):
            lo, hi = edges[k], edges[k + 1]
            span = "–"
            if times is not None and hi > lo:
                span = f"{_when(times[offset + lo])} → {_when(times[offset + hi - 1])}"
            label = name if panel.n_series == 1 else f"{panel.series_ids[s]} · {name}"
            rows.append([label, f"{lo}–{hi - 1}" if hi > lo else "(none)", span, hi - lo])
    body = table(["split", "rows (within series)", "time span", "rows"], rows, left=3)
    body += (
        f'<p class="cap">Windows belong to the split that holds their targets; a window\'s '
        f"lookback may reach into the split before it (the standard protocol). Lookback "
        f"{data.lookback}, horizon {data.horizon}, embargo "
        f"{data.prepared.config.embargo}.</p>"
    )
    stats = [
        [
            c,
            "target" if j < panel.n_targets else "covariate",
            float(scaler.center[0, j]),
            float(scaler.scale[0, j]),
        ]
        for j, c in enumerate(panel.columns)
    ]
    series_note = "" if panel.n_series == 1 else f" (series {panel.series_ids[0]!r} shown)"
    body += (
        f"<h3>Scaler: {esc(scaler.kind)}, fitted on the training rows only{esc(series_note)}</h3>"
    )
    body += table(["column", "role", "center", "scale"], stats, left=2)
    leaks = [f for f in findings if f.get("kind") in ("leakage", "data_issue")]
    if not tested:
        body += "<p>The data and leakage checks read test rows; this run did not read them.</p>"
    elif leaks:
        body += (
            "<h3>Leakage and data checks: findings</h3><ul>"
            + "".join(
                f'<li><span class="sev-{esc(f["severity"])}">{esc(f["severity"])}</span> '
                f"{esc(f['summary'])}</li>"
                for f in leaks
            )
            + "</ul>"
        )
    else:
        body += (
            '<h3>Leakage and data checks: none raised a finding</h3><p class="cap">Checked: '
            + esc("; ".join(_CHECKS))
            + ".</p>"
        )
    return Section("audit", "Split and scaling audit", body)


def _when(value: Any) -> str:
    """A timestamp without numpy's nanoseconds; other time values as they are."""
    if isinstance(value, np.datetime64):
        return str(pd.Timestamp(value))
    return str(value)


def shift_section(data: ForecastData, findings: Sequence[dict[str, Any]]) -> Section | None:
    """Train/val/test histograms of each column a distribution-shift finding names."""
    columns = []
    for f in findings:
        column = (f.get("evidence") or {}).get("column")
        shifted = f.get("kind") == "distribution_shift"
        if shifted and column in data.prepared.panel.columns and column not in columns:
            columns.append(column)
    if not columns:
        return None
    summaries = [f["summary"] for f in findings if f.get("kind") == "distribution_shift"]
    body = figure(
        shift_chart(data, columns[:4]),
        "Histograms (density) of each shifted "
        "column in the training, validation and test rows, original units.",
    )
    body += "<ul>" + "".join(f"<li>{esc(s)}</li>" for s in summaries) + "</ul>"
    return Section("shift", "Distribution shift", body)
