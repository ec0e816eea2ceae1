"""Charts of forecasts and their errors: chosen windows with their lookback, the whole test
period as overlays, errors by horizon step, over time, their distribution, the residuals'
autocorrelation, and the splits' distributions when they shifted. Each returns SVG text.

Time plots show the first target of the first series (the caption says so when there are
more); long lines are decimated (min/max per bucket) and say so on the figure.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np

from lstm_doctor.reporting.figures import (
    COLORS,
    GREY,
    STYLES,
    decimate,
    decimation_note,
    log_scale_wanted,
    new_figure,
    note,
    plain_log_ticks,
    to_svg,
)
from lstm_doctor.reporting.forecast_data import BASELINE_NAMES, ForecastData, SplitForecast

__all__ = [
    "acf_chart",
    "error_distribution_chart",
    "errors_over_time_chart",
    "horizon_chart",
    "overlay_chart",
    "residual_acf",
    "shift_chart",
    "window_choice",
    "windows_chart",
]


def _time_label(data: ForecastData) -> str:
    if data.prepared.panel.time is None:
        return "row of the file"
    return "time" if data.has_datetime() else "time (time column)"


def _dates(ax, data: ForecastData) -> None:
    """Short date ticks (no overlapping full timestamps) on a datetime x axis."""
    if data.has_datetime():
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _unit(data: ForecastData) -> str:
    return f"{data.target_names[0]} (original units)"


def window_choice(split: SplitForecast) -> list[tuple[str, int]]:
    """The best, median and worst windows by MSE, labelled so (not picked to flatter)."""
    mse = split.window_mse()
    order = np.argsort(mse, kind="stable")
    picks = [
        ("best (lowest MSE)", int(order[0])),
        ("median MSE", int(order[len(order) // 2])),
        ("worst (highest MSE)", int(order[-1])),
    ]
    seen, out = set(), []
    for label, index in picks:
        if index not in seen:
            seen.add(index)
            out.append((label, index))
    return out


def _best_baseline(split: SplitForecast) -> str | None:
    if not split.baselines:
        return None
    return min(
        split.baselines, key=lambda k: float(np.mean((split.baselines[k] - split.truth) ** 2))
    )


def windows_chart(data: ForecastData, split: str = "test") -> str:
    """Three test windows with their lookback: truth, model, the best baseline (target 1)."""
    part = data.splits[split]
    picks = window_choice(part)
    times, values = data.times(), data.prepared.panel.values[:, 0]
    lookback, horizon = data.lookback, data.horizon
    baseline = _best_baseline(part)
    fig, axes = new_figure(7.5, 2.4 * len(picks), nrows=len(picks))
    mse = part.window_mse()
    for ax, (label, w) in zip(axes[:, 0], picks, strict=True):
        start = int(part.starts[w])
        context = slice(start, start + lookback + horizon)
        origin = start + lookback
        ax.plot(times[context], values[context], color=COLORS[0], label="actual")
        ax.plot(
            times[origin : origin + horizon],
            part.model_original[w, :, 0],
            color=COLORS[1],
            ls="--",
            marker="o" if horizon <= 48 else None,
            ms=2.5,
            label="LSTM forecast",
        )
        if baseline is not None:
            ax.plot(
                times[origin : origin + horizon],
                part.baselines_original[baseline][w, :, 0],
                color=COLORS[2],
                ls=":",
                label=BASELINE_NAMES.get(baseline, baseline),
            )
        ax.axvline(times[origin], color=GREY, ls="-.", lw=0.8)
        ax.text(
            times[origin],
            0.98,
            " forecast origin",
            transform=ax.get_xaxis_transform(),
            fontsize=7,
            color=GREY,
            va="top",
        )
        ax.set_title(
            f"{label} of {len(mse):,} {split} windows: MSE {mse[w]:.4f} (scaled)", loc="left"
        )
        ax.set_ylabel(_unit(data))
        ax.legend(loc="best", fontsize=7, framealpha=0.85)
        _dates(ax, data)
    axes[-1, 0].set_xlabel(f"{_time_label(data)} (lookback {lookback}, horizon {horizon})")
    return to_svg(fig)


def _first_series(part: SplitForecast) -> np.ndarray:
    return np.flatnonzero(part.series == part.series.min())


def overlay_chart(data: ForecastData, split: str = "test") -> str:
    """The whole split: actual vs one-step-ahead forecasts, and vs horizon-h forecasts."""
    part = data.splits[split]
    index = _first_series(part)
    times, horizon = data.times(), data.horizon
    origin = part.starts[index] + data.lookback
    end = origin[-1] + horizon
    actual_rows = np.arange(origin[0], end)
    steps = [(1, "one-step-ahead")] + ([(horizon, f"{horizon}-step-ahead")] if horizon > 1 else [])
    fig, axes = new_figure(7.5, 2.5 * len(steps), nrows=len(steps))
    values = data.prepared.panel.values[:, 0]
    n_points = len(actual_rows)
    for ax, (h, label) in zip(axes[:, 0], steps, strict=True):
        x, y = decimate(times[actual_rows], values[actual_rows])
        ax.plot(x, y, color=COLORS[0], lw=1, label="actual")
        x, y = decimate(times[origin + h - 1], part.model_original[index, h - 1, 0])
        ax.plot(x, y, color=COLORS[1], lw=1, ls="--", label=f"LSTM, {label}")
        ax.set_ylabel(_unit(data))
        ax.set_title(f"{split}: actual vs the forecast made {h} step(s) before", loc="left")
        ax.legend(loc="lower left", fontsize=7, framealpha=0.85)
        note(ax, decimation_note(n_points))
        _dates(ax, data)
    axes[-1, 0].set_xlabel(_time_label(data))
    return to_svg(fig)


def horizon_chart(data: ForecastData, split: str = "test") -> str:
    """MSE at each horizon step, the model and every baseline (scaled units)."""
    part = data.splits[split]
    steps = np.arange(1, data.horizon + 1)
    fig, axes = new_figure(7.5, 2.8)
    ax = axes[0, 0]
    series = {
        "LSTM": part.model,
        **{BASELINE_NAMES.get(k, k): v for k, v in part.baselines.items()},
    }
    all_mse: list[float] = []
    for k, (name, forecast) in enumerate(series.items()):
        mse = ((forecast - part.truth) ** 2).mean(axis=(0, 2))
        all_mse += [float(v) for v in mse]
        ax.plot(
            steps,
            mse,
            color=COLORS[(k + 1) % len(COLORS)],
            ls=STYLES[k % len(STYLES)],
            marker="o" if data.horizon <= 48 else None,
            ms=2.5,
            label=name,
        )
    ax.set_xlabel("horizon step")
    if log_scale_wanted(all_mse):  # the mean baseline is often decades above the rest
        ax.set_yscale("log")
        plain_log_ticks(ax)
        ax.set_ylabel(f"{split} MSE (scaled units; log scale)")
    else:
        ax.set_ylabel(f"{split} MSE (scaled units)")
        ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=7, framealpha=0.85)
    return to_svg(fig)


def errors_over_time_chart(data: ForecastData) -> str:
    """Each window's MSE by its forecast origin, on val and on test (model, best baseline)."""
    fig, axes = new_figure(7.5, 2.8)
    ax = axes[0, 0]
    times = data.times()
    n_max = 0
    for k, (name, part) in enumerate(data.splits.items()):
        index = _first_series(part)
        origin = times[part.starts[index] + data.lookback]
        n_max = max(n_max, len(index))
        x, y = decimate(origin, part.window_mse()[index])
        ax.plot(x, y, color=COLORS[1 + 2 * k], lw=0.9, label=f"LSTM, {name}")
        baseline = _best_baseline(part)
        if baseline is not None:
            err = ((part.baselines[baseline] - part.truth) ** 2).mean(axis=(1, 2))[index]
            x, y = decimate(origin, err)
            ax.plot(
                x,
                y,
                color=COLORS[2 + 2 * k],
                lw=0.8,
                ls=":",
                label=f"{BASELINE_NAMES.get(baseline, baseline)}, {name}",
            )
    ax.set_xlabel(f"forecast origin ({_time_label(data)})")
    _dates(ax, data)
    ax.set_ylabel("window MSE (scaled units)")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=7, framealpha=0.85)
    note(ax, decimation_note(n_max))
    return to_svg(fig)


def error_distribution_chart(data: ForecastData, split: str = "test") -> str:
    """Histogram of forecast errors (all steps and targets, original units of target 1)."""
    part = data.splits[split]
    fig, axes = new_figure(7.5, 2.6)
    ax = axes[0, 0]
    errors = {"LSTM": (part.model_original - part.truth_original)[:, :, 0].ravel()}
    baseline = _best_baseline(part)
    if baseline is not None:
        diff = part.baselines_original[baseline] - part.truth_original
        errors[BASELINE_NAMES.get(baseline, baseline)] = diff[:, :, 0].ravel()
    everything = np.concatenate(list(errors.values()))
    lo, hi = np.nanpercentile(everything, [0.5, 99.5])
    bins = np.linspace(lo, hi, 60)
    for k, (name, values) in enumerate(errors.items()):
        ax.hist(
            np.clip(values, lo, hi),
            bins=bins,
            histtype="step",
            density=True,
            lw=1.3,
            color=COLORS[1 + k],
            ls=STYLES[k],
            label=name,
        )
    ax.axvline(0, color=GREY, lw=0.8)
    ax.set_xlabel(f"forecast − actual, {_unit(data)}")
    ax.set_ylabel("density")
    ax.legend(loc="upper left", fontsize=7)
    note(ax, "0.5% tails on each side folded into the edge bins")
    return to_svg(fig)


def residual_acf(residuals: np.ndarray, max_lag: int) -> np.ndarray:
    """Sample autocorrelation at lags 1..max_lag (NaN-free input)."""
    x = residuals - residuals.mean()
    denominator = float(np.dot(x, x))
    if denominator == 0:
        return np.zeros(max_lag)
    return np.array([np.dot(x[:-lag], x[lag:]) / denominator for lag in range(1, max_lag + 1)])


def acf_chart(data: ForecastData, split: str = "test") -> str:
    """ACF of the one-step-ahead residuals with the ±1.96/√n band of white noise."""
    part = data.splits[split]
    index = _first_series(part)
    residuals = (part.model[index, 0, 0] - part.truth[index, 0, 0]).astype(float)
    n = len(residuals)
    max_lag = int(max(1, min(2 * (data.season or 24), n // 4, 200)))
    acf = residual_acf(residuals, max_lag)
    fig, axes = new_figure(7.5, 2.6)
    ax = axes[0, 0]
    lags = np.arange(1, max_lag + 1)
    ax.vlines(lags, 0, acf, color=COLORS[1], lw=1.2)
    ax.plot(lags, acf, "o", color=COLORS[1], ms=2.5)
    band = 1.96 / np.sqrt(max(n, 1))
    ax.axhspan(
        -band,
        band,
        color=COLORS[6],
        alpha=0.25,
        lw=0,
        label=f"95% band of white noise (±{band:.3f}, n={n})",
    )
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlabel("lag (steps)")
    ax.set_ylabel("autocorrelation")
    ax.set_ylim(-1, 1)
    ax.legend(loc="upper right", fontsize=7)
    return to_svg(fig)


def shift_chart(data: ForecastData, columns: list[str]) -> str:
    """Train, val and test histograms of each shifted column (original units)."""
    panel, bounds = data.prepared.panel, data.prepared.bounds
    fig, axes = new_figure(7.5, 2.3 * len(columns), nrows=len(columns))
    for ax, column in zip(axes[:, 0], columns, strict=True):
        j = panel.columns.index(column)
        parts: dict[str, list[np.ndarray]] = {"train": [], "val": [], "test": []}
        for s in range(panel.n_series):
            values = panel.values[panel.offsets[s] : panel.offsets[s + 1], j]
            edges = [0, *bounds[s]]
            for k, name in enumerate(parts):
                parts[name].append(values[edges[k] : edges[k + 1]])
        joined = {k: np.concatenate(v) for k, v in parts.items() if sum(map(len, v))}
        bins = np.histogram_bin_edges(np.concatenate(list(joined.values())), bins=50)
        for k, (name, values) in enumerate(joined.items()):
            ax.hist(
                values,
                bins=bins,
                density=True,
                histtype="step",
                lw=1.4,
                color=COLORS[1 + k],
                ls=STYLES[k],
                label=f"{name} ({len(values):,} rows)",
            )
        ax.set_xlabel(f"{column} (original units)")
        ax.set_ylabel("density")
        ax.legend(loc="upper right", fontsize=7)
    return to_svg(fig)
