"""Charts of how a model was trained and chosen: learning curves, the LR range test, the
heal steps, the tune trials, and a classifier's confusion matrix. Each returns SVG text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.ticker import MaxNLocator

from lstm_doctor.history import History
from lstm_doctor.reporting.figures import (
    COLORS,
    GREY,
    log_scale_wanted,
    new_figure,
    note,
    plain_log_ticks,
    to_svg,
)

__all__ = [
    "confusion_chart",
    "curves_chart",
    "heal_chart",
    "importance_chart",
    "lr_find_chart",
    "per_class_chart",
    "trials_chart",
]


def _finite(values: Sequence[float]) -> np.ndarray:
    return np.array([v if v is not None and math.isfinite(v) else np.nan for v in values])


def curves_chart(
    history: History,
    findings: Sequence[dict[str, Any]] = (),
    loss_unit: str = "MSE, scaled units",
    metric: str | None = None,
) -> str:
    """Train and val loss per epoch, best epoch, early stop, NaN rollbacks, the learning rate
    on a second axis, and the diagnosis' evidence where it lives on the curve.

    ``metric`` (a History column, e.g. ``val_accuracy``) adds a second panel.
    """
    epochs = np.array(history.column("epoch"))
    train, val = _finite(history.column("train_loss")), _finite(history.column("val_loss"))
    panels = 2 if metric and metric in history.columns else 1
    fig, axes = new_figure(7.5, 3.2, ncols=panels)
    ax = axes[0, 0]
    marker = "o" if len(epochs) <= 30 else None
    ax.plot(epochs, train, color=COLORS[1], ls="-", marker=marker, ms=3, label="train loss")
    if np.isfinite(val).any():
        ax.plot(epochs, val, color=COLORS[2], ls="--", marker=marker, ms=3, label="val loss")
    else:
        note(ax, "no validation loss in this run")
    losses = [*train[np.isfinite(train)], *val[np.isfinite(val)]]
    if log_scale_wanted(losses) and min(losses, default=0) > 0:
        ax.set_yscale("log")
        plain_log_ticks(ax)
        ax.set_ylabel(f"loss ({loss_unit}; log scale)")
    else:
        ax.set_ylabel(f"loss ({loss_unit})")
        ax.set_ylim(bottom=0)  # a linear loss axis starts at zero: no exaggerated gaps
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    best = history.best_epoch
    if best is not None:
        ax.axvline(best, color=COLORS[3], ls="-.", lw=1, label=f"best epoch {best} (restored)")
    if history.stop_reason == "early_stopping" and len(epochs):
        last = int(epochs[-1])
        ax.axvline(last, color=COLORS[0], ls="--", lw=0.8, label=f"early stop (epoch {last})")
    rollbacks = [e["epoch"] for e in history.events if e.get("kind") == "nonfinite_loss"]
    for k, epoch in enumerate(rollbacks):
        ax.axvline(
            epoch,
            color=COLORS[5],
            ls=(0, (1, 2)),
            lw=1.2,
            label="non-finite loss: rolled back, lr halved" if k == 0 else None,
        )
    _evidence(ax, findings, epochs)
    lr = _finite(history.column("lr"))
    if np.isfinite(lr).any() and np.nanmax(lr) > 0 and len(epochs) > 1:
        twin = ax.twinx()
        twin.step(epochs, lr, where="post", color=GREY, ls=":", lw=1, label="learning rate")
        twin.set_ylabel("learning rate (log scale)", color=GREY)
        twin.set_yscale("log")
        plain_log_ticks(twin)
        twin.tick_params(axis="y", colors=GREY, labelsize=7)
        twin.grid(False)
        handles, labels = ax.get_legend_handles_labels()
        extra, extra_labels = twin.get_legend_handles_labels()
        ax.legend(handles + extra, labels + extra_labels, loc="best", framealpha=0.85)
    else:
        ax.legend(loc="best", framealpha=0.85)
    if panels == 2 and metric:
        ax2 = axes[0, 1]
        ax2.plot(
            epochs,
            _finite(history.column(metric)),
            color=COLORS[2],
            ls="--",
            marker=marker,
            ms=3,
            label=metric.replace("_", " "),
        )
        ax2.set_xlabel("epoch")
        ax2.set_ylabel(metric.replace("_", " "))
        ax2.set_ylim(0, 1.02)
        ax2.legend(loc="lower right")
    return to_svg(fig)


def _evidence(ax, findings: Sequence[dict[str, Any]], epochs: np.ndarray) -> None:
    """Draw a finding's evidence on the curve: where val turned up, spikes, blow-ups."""
    for finding in findings:
        evidence = finding.get("evidence") or {}
        kind = finding.get("kind")
        start = evidence.get("measured_from_epoch", evidence.get("best_epoch"))
        if kind == "overfitting" and start is not None and len(epochs):
            ax.axvspan(start, epochs[-1], color=COLORS[2], alpha=0.08, lw=0)
            rise = evidence.get("val_rise_pct")
            # shaded from the epoch the rise or stall is measured from (older runs' evidence
            # has only the lowest val epoch)
            label = (
                f"overfitting: val rose {rise:.0f}% after the best epoch"
                if rise
                else "overfitting after the best epoch"
            )
            ax.text(
                start,
                0.02,
                " " + label,
                transform=ax.get_xaxis_transform(),
                fontsize=7,
                color=COLORS[2],
                va="bottom",
            )
        for key, label in (("spike_epochs", "val spike"), ("nonfinite_epochs", "non-finite")):
            for epoch in evidence.get(key) or []:
                ax.annotate(
                    label,
                    xy=(epoch, 1.0),
                    xycoords=("data", "axes fraction"),
                    fontsize=6.5,
                    color=COLORS[5],
                    ha="center",
                    va="bottom",
                )


def lr_find_chart(lr_find: dict[str, Any]) -> str:
    """The LR range test: smoothed loss over the learning rate (log x), the suggestion marked."""
    lrs, smoothed = np.array(lr_find["lrs"], float), _finite(lr_find["smoothed"])
    fig, axes = new_figure(7.5, 2.6)
    ax = axes[0, 0]
    if lr_find.get("losses"):
        ax.plot(lrs, _finite(lr_find["losses"]), color=GREY, lw=0.7, label="loss per batch")
    ax.plot(lrs, smoothed, color=COLORS[1], label="smoothed loss")
    ax.set_xscale("log")
    finite = smoothed[np.isfinite(smoothed)]
    if len(finite) and log_scale_wanted(list(finite)):
        ax.set_yscale("log")
    ax.set_xlabel("learning rate (log scale)")
    ax.set_ylabel("training loss (MSE, scaled units)")
    if lr_find.get("suggestion"):
        ax.axvline(
            lr_find["suggestion"],
            color=COLORS[2],
            ls="--",
            label=f"suggested lr {lr_find['suggestion']:.2e}",
        )
    ax.legend(loc="lower left", framealpha=0.85)
    return to_svg(fig)


def heal_chart(steps: Sequence[dict[str, Any]], start_val: float) -> str:
    """Val MSE of each heal step's candidate, kept or reverted, and the incumbent over steps."""
    fig, axes = new_figure(7.5, 2.8)
    ax = axes[0, 0]
    numbers = [0] + [s["step"] for s in steps]
    incumbent, current = [start_val], start_val
    for step in steps:
        if step.get("kept") and step.get("val_after") is not None:
            current = step["val_after"]
        incumbent.append(current)
    ax.step(numbers, incumbent, where="post", color=COLORS[0], label="incumbent (kept so far)")
    for kept, color, mark, label in (
        (True, COLORS[3], "o", "kept"),
        (False, COLORS[2], "x", "reverted"),
    ):
        xs = [s["step"] for s in steps if bool(s.get("kept")) == kept and s.get("val_after")]
        ys = [s["val_after"] for s in steps if bool(s.get("kept")) == kept and s.get("val_after")]
        if xs:
            ax.scatter(xs, ys, color=color, marker=mark, s=36, zorder=3, label=f"candidate {label}")
    ax.scatter([0], [start_val], color=COLORS[0], marker="s", s=30, zorder=3, label="start model")
    ax.set_xticks(numbers)
    ax.set_xlabel("heal step")
    ax.set_ylabel("val MSE (scaled units)")
    values = [v for v in [start_val, *(s.get("val_after") for s in steps)] if v is not None]
    if log_scale_wanted(values):
        ax.set_yscale("log")
    else:
        ax.set_ylim(0, 1.12 * max(values))  # every candidate inside, from zero
    ax.legend(loc="upper right", framealpha=0.85)
    return to_svg(fig)


def trials_chart(trials: Sequence[dict[str, Any]]) -> str:
    """Each trial's val/naive in the order trials finished; pruned trials hollow."""
    fig, axes = new_figure(7.5, 2.8)
    ax = axes[0, 0]
    best_so_far, best, xs_best = [], math.inf, []
    for state, color, mark in (("complete", COLORS[1], "o"), ("pruned", COLORS[4], "v")):
        rows = [t for t in trials if t.get("state") == state and _is_number(t.get("value"))]
        if rows:
            ax.scatter(
                [t["number"] for t in rows],
                [t["value"] for t in rows],
                marker=mark,
                s=28,
                facecolors=color if state == "complete" else "none",
                edgecolors=color,
                label=f"{state} ({len(rows)})",
                zorder=3,
            )
    for t in sorted(trials, key=lambda t: t["number"]):
        if t.get("state") == "complete" and _is_number(t.get("value")):
            best = min(best, t["value"])
        if math.isfinite(best):
            best_so_far.append(best)
            xs_best.append(t["number"])
    if xs_best:
        ax.step(xs_best, best_so_far, where="post", color=COLORS[0], lw=1, label="best so far")
    ax.axhline(1.0, color=GREY, ls=":", lw=1, label="naive (= 1)")
    ax.set_xlabel("trial number")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("val MSE / naive's val MSE")
    values = [t["value"] for t in trials if _is_number(t.get("value"))]
    ax.set_ylim(0, 1.12 * max([1.0, *values]))
    ax.legend(loc="best", framealpha=0.85)
    return to_svg(fig)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def importance_chart(importances: dict[str, float]) -> str:
    """Parameter importances (PED-ANOVA) as horizontal bars, largest on top."""
    names = list(importances)[::-1]
    fig, axes = new_figure(7.5, 0.35 * len(names) + 0.9)
    ax = axes[0, 0]
    ax.barh(names, [importances[n] for n in names], color=COLORS[1], hatch="//", edgecolor="white")
    ax.set_xlabel("importance (PED-ANOVA, share of the best trials' spread)")
    ax.set_xlim(left=0)
    return to_svg(fig)


def confusion_chart(matrix: Sequence[Sequence[int]], classes: Sequence[str]) -> str:
    """Confusion matrix on test: counts, rows the true class, greyscale (darker = more)."""
    values = np.asarray(matrix, dtype=float)
    n = len(classes)
    size = min(7.5, 1.2 + 0.45 * n)
    fig, axes = new_figure(size, size * 0.85)
    ax = axes[0, 0]
    ax.grid(False)
    image = ax.imshow(values, cmap="Greys", vmin=0)
    ax.set_xticks(range(n), [str(c) for c in classes], rotation=45 if n > 6 else 0)
    ax.set_yticks(range(n), [str(c) for c in classes])
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    top = values.max() if values.size else 0
    if n <= 20:
        for i in range(n):
            for j in range(n):
                if values[i, j]:
                    ax.text(
                        j,
                        i,
                        f"{int(values[i, j])}",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if values[i, j] > top / 2 else "black",
                    )
    fig.colorbar(image, ax=ax, label="test sequences", shrink=0.8)
    return to_svg(fig)


def per_class_chart(matrix: Sequence[Sequence[int]], classes: Sequence[str]) -> str:
    """Accuracy (recall) of each class on test, with each class's count in its label."""
    values = np.asarray(matrix, dtype=float)
    totals = values.sum(axis=1)
    recall = np.divide(np.diag(values), totals, out=np.zeros(len(totals)), where=totals > 0)
    fig, axes = new_figure(7.5, 2.6)
    ax = axes[0, 0]
    labels = [f"{c}\n(n={int(t)})" for c, t in zip(classes, totals, strict=True)]
    ax.bar(range(len(labels)), recall, color=COLORS[1], edgecolor="white", hatch="//")
    ax.set_xticks(range(len(labels)), labels, fontsize=7)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("accuracy within class (recall)")
    ax.set_xlabel("true class")
    return to_svg(fig)
