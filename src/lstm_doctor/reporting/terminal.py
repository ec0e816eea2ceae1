"""Rich renderables for the terminal: the model-vs-baselines table, the verdict, the
diagnosis with its evidence and remedies, and text sparklines of the learning curves.

Nothing here prints: the CLI owns the console.
"""

from __future__ import annotations

import math
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from lstm_doctor.diagnosis.findings import Diagnosis, Finding
from lstm_doctor.history import History
from lstm_doctor.treatment.heal import HealStep

__all__ = [
    "comparison_table",
    "diagnosis_view",
    "evaluation_table",
    "sparkline",
    "step_line",
    "summary_table",
    "verdict",
]

_BARS = "▁▂▃▄▅▆▇█"
_MARKS = {"critical": ("✖", "bold red"), "warning": ("▲", "yellow"), "info": ("●", "green")}


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def summary_table(metrics: dict[str, Any]) -> Table:
    """Model and baselines, val and test, on the same windows (scaled units)."""
    table = Table(title="Model vs naive baselines (same windows; scaled units)")
    for name in ("", "val MSE", "val MAE", "test MSE", "test MAE", "test MAE (orig.)"):
        table.add_column(name, justify="left" if not name else "right")
    orig = metrics["original_units"]
    table.add_row(
        "[bold]LSTM",
        _fmt(metrics["val"]["mse"]),
        _fmt(metrics["val"]["mae"]),
        _fmt(metrics["test"]["mse"]),
        _fmt(metrics["test"]["mae"]),
        _fmt(orig["metrics"]["test"]["mae"]),
    )
    for name, values in metrics["baselines"].items():
        if values is None:
            table.add_row(name.replace("_", " "), "—", "—", "—", "—", "—")
            continue
        val = values.get("val", {})
        table.add_row(
            name.replace("_", " "),
            _fmt(val.get("mse")),
            _fmt(val.get("mae")),
            _fmt(values["mse"]),
            _fmt(values["mae"]),
            _fmt(orig["baselines"][name]["mae"]),
        )
    return table


def evaluation_table(metrics: dict[str, Any], split: str) -> Table:
    """Model and baselines on one split: MSE, MAE, RMSE, MASE, and MAE in original units."""
    table = Table(title=f"{split} windows: {metrics['n_windows'][split]} (scaled units)")
    for name in ("", "MSE", "MAE", "RMSE", "MASE", "MAE (orig.)"):
        table.add_column(name, justify="left" if not name else "right")
    original = metrics["original_units"]
    rows = [("[bold]LSTM", metrics[split], original["metrics"][split])]
    rows += [
        (name.replace("_", " "), values, original["baselines"][name])
        for name, values in metrics["baselines"].items()
    ]
    for name, values, in_original in rows:
        if values is None:
            table.add_row(name, "—", "—", "—", "—", "—")
            continue
        table.add_row(
            name,
            _fmt(values["mse"]),
            _fmt(values["mae"]),
            _fmt(values["rmse"]),
            _fmt(values["mase"]),
            _fmt(in_original["mae"]),
        )
    return table


def verdict(model_mse: float, skill: dict[str, Any], split: str = "test") -> Text:
    """One line: does the model beat the best baseline on ``split``?"""
    best = skill["best_baseline"].replace("_", " ")
    base_mse = skill["best_baseline_mse"]
    if skill["skill"] > 0:
        return Text(
            f"The LSTM beats every baseline on {split}: MSE {model_mse:.4f} vs {best} "
            f"{base_mse:.4f} ({100 * skill['skill']:.1f}% better).",
            style="green",
        )
    return Text.assemble(
        (
            f"The LSTM does NOT beat {best} on {split}: MSE {model_mse:.4f} vs {base_mse:.4f} "
            f"({model_mse / base_mse:.2f}x the error).",
            "bold red",
        ),
        " A naive rule does as well; do not deploy this model as it is.",
    )


def sparkline(values: list[float], width: int = 40) -> str:
    """A text sparkline of ``values`` on a log scale (NaN shows as a gap)."""
    finite = [v for v in values if math.isfinite(v) and v > 0]
    if not finite:
        return ""
    if len(values) > width:  # keep the last value; sample the rest evenly
        step = len(values) / width
        values = [values[min(int(i * step), len(values) - 1)] for i in range(width - 1)]
        values.append(values[-1])
    low, high = math.log(min(finite)), math.log(max(finite))
    span = high - low or 1.0
    chars = []
    for v in values:
        if not (math.isfinite(v) and v > 0):
            chars.append(" ")
        else:
            chars.append(_BARS[min(int((math.log(v) - low) / span * len(_BARS)), len(_BARS) - 1)])
    return "".join(chars)


def _evidence_text(evidence: dict[str, Any]) -> str:
    parts = []
    for key, value in evidence.items():
        if isinstance(value, float):
            value = f"{value:.4g}"
        parts.append(f"{key}={value}")
    return ", ".join(parts)


def _finding_view(finding: Finding) -> Group:
    mark, style = _MARKS[finding.severity]
    lines: list[Text] = [Text.assemble((f"{mark} {finding.severity:<8} ", style), finding.summary)]
    if finding.evidence:
        lines.append(Text(f"    evidence: {_evidence_text(finding.evidence)}", style="dim"))
    for remedy in finding.remedies:
        change = ", ".join(f"{k}={v}" for k, v in remedy.change.items())
        note = "" if remedy.available else " (not a setting of this version)"
        lines.append(Text(f"    → {change + ': ' if change else ''}{remedy.reason}{note}"))
    return Group(*lines)


def diagnosis_view(diagnosis: Diagnosis, history: History | None = None) -> Group:
    """The findings, most important first, and the curves as sparklines."""
    parts: list[Any] = [Text("Diagnosis", style="bold underline")]
    parts += [_finding_view(f) for f in diagnosis.findings]
    if history is not None and len(history):
        best = f", best epoch {history.best_epoch}" if history.best_epoch else ""
        parts.append(Text(f"curves (log scale, {len(history)} epochs{best}):", style="dim"))
        parts.append(Text(f"  train {sparkline(history.column('train_loss'))}"))
        parts.append(Text(f"  val   {sparkline(history.column('val_loss'))}"))
    return Group(*parts)


def step_line(step: HealStep) -> Text:
    """One treatment step: "step 4 · overfitting (...) → dropout 0.1→0.3 · val 0.41→0.38 ✓"."""
    change = ", ".join(f"{k} {step.before.get(k)}→{v}" for k, v in step.change.items())
    mark, style = ("✓ kept", "green") if step.kept else ("✗ reverted", "yellow")
    summary = step.summary.split(":", 1)[-1].strip()
    if step.error is not None:
        return Text.assemble(
            f"step {step.step} · {step.finding.replace('_', ' ')} → {change} · ",
            ("✗ could not fit: ", "yellow"),
            step.error,
        )
    return Text.assemble(
        f"step {step.step} · {step.finding.replace('_', ' ')} ",
        (f"({summary[:70]}{'…' if len(summary) > 70 else ''}) ", "dim"),
        f"→ {change} · val {step.val_before:.4g}→{step.val_after:.4g} ",
        _interval(step.decision),
        (mark, style),
        f" ({step.seconds:.0f} s{', warm start' if step.warm_start else ''})",
    )


def _interval(decision: dict[str, Any] | None) -> str:
    """``Δ -4.2% [-6.1%, -2.3%] at 99.4% · `` from a paired decision (empty without one)."""
    if decision is None:
        return ""
    low, high = decision["interval_relative"]
    return (
        f"Δ {decision['relative_change']:+.1%} [{low:+.1%}, {high:+.1%}] "
        f"at {decision['level']:.1%} · "
    )


_COMPARISON_NAMES = {
    "healed": "[bold]healed",
    "start": "starting model",
    "recipe": "textbook recipe",
}


def comparison_table(rows: list[dict[str, Any]]) -> Table:
    """The healed model against where it started, the textbook recipe and the baselines."""
    table = Table(title="Treatment result (same windows; scaled units)")
    for name in ("", "val MSE", "test MSE", "test vs healed"):
        table.add_column(name, justify="left" if not name else "right")
    healed = rows[0]["test_mse"]
    for row in rows:
        test = row["test_mse"]
        ratio = "—" if test is None or not healed else f"{test / healed:.2f}x"
        name = _COMPARISON_NAMES.get(row["model"], row["model"].replace("_", " "))
        table.add_row(name, _fmt(row["val_mse"]), _fmt(test), ratio)
    return table
