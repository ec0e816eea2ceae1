"""Report sections built from plain run data (metrics dicts, a History, findings as dicts,
treatment.json, a study's trials): each builder returns a ``Section``, or None when the run
has nothing for it. No model, no data file: these also serve a saved run and a log."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from lstm_doctor.history import History
from lstm_doctor.reporting.page import Section, esc, figure, fmt, raw, table
from lstm_doctor.reporting.training_charts import (
    confusion_chart,
    curves_chart,
    heal_chart,
    importance_chart,
    lr_find_chart,
    per_class_chart,
    trials_chart,
)

__all__ = [
    "baselines_section",
    "curves_section",
    "diagnosis_section",
    "footer_html",
    "heal_section",
    "lr_find_section",
    "primary_finding",
    "sequence_scores_section",
    "sequence_section",
    "tune_section",
    "verdict_section",
]

_NAMES = {"naive": "naive", "seasonal_naive": "seasonal naive", "mean": "mean"}


def _change(change: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in change.items()) or "(no change)"


def primary_finding(findings: Sequence[dict[str, Any]]) -> str:
    """The primary finding, its evidence and its first remedy, as HTML."""
    if not findings:
        return "<p>No finding: the diagnosis had nothing to report.</p>"
    first = findings[0]
    remedies = [r for r in first.get("remedies", []) if r.get("available", True)]
    evidence = first.get("evidence") or {}
    shown = ", ".join(
        f"{k}={fmt(v) if isinstance(v, float) else esc(v)}"
        for k, v in evidence.items()
        if isinstance(v, int | float | str) and not isinstance(v, bool)
    )
    text = (
        f'<p><span class="sev-{esc(first.get("severity"))}">{esc(first.get("severity"))}</span> '
        f"<b>Why:</b> {esc(first.get('summary'))}</p>"
    )
    if shown:
        text += f'<p class="cap">evidence: {shown}</p>'
    if remedies:
        text += (
            f"<p><b>Remedy:</b> <code>{esc(_change(remedies[0]['change']))}</code> — "
            f"{esc(remedies[0]['reason'])}</p>"
        )
    return text


def verdict_section(metrics: dict[str, Any], findings: Sequence[dict[str, Any]]) -> Section:
    """Does the model beat the best baseline on test, by how much; the cause; the remedy."""
    test, val = metrics.get("test"), metrics.get("val") or {}
    skill = metrics.get("skill") or {}
    if not test or not skill:
        head = "Not scored on test (validation only): no verdict on unseen data."
        kind = "info"
    else:
        best = _NAMES.get(skill["best_baseline"], skill["best_baseline"])
        model, base = test["mse"], skill["best_baseline_mse"]
        if skill["skill"] > 0:
            head = (
                f"The LSTM beats every baseline on test: MSE {fmt(model)} vs {best} "
                f"{fmt(base)} ({100 * skill['skill']:.1f}% better)."
            )
            kind = "good"
        else:
            ratio = model / base if base > 0 else math.inf
            head = (
                f"The LSTM does NOT beat {best} on test: MSE {fmt(model)} vs {fmt(base)} "
                f"({ratio:.2f}x the error)."
            )
            kind = "bad"
    lines = [f'<p class="big">{esc(head)}</p>']
    if test and val.get("mse"):
        ratio = test["mse"] / val["mse"] if val["mse"] > 0 else math.inf
        gap = "far worse than" if ratio > 2 else "close to" if ratio < 1.25 else "worse than"
        lines.append(
            f"<p>Validation MSE {fmt(val['mse'])} → test MSE {fmt(test['mse'])}: test is "
            f"{ratio:.2f}x validation ({gap} validation).</p>"
        )
    lines.append(primary_finding(findings))
    return Section("verdict", "Verdict", f'<div class="card {kind}">{"".join(lines)}</div>')


def curves_section(
    history: History,
    findings: Sequence[dict[str, Any]] = (),
    loss_unit: str = "MSE, scaled units",
    metric: str | None = None,
) -> Section | None:
    """Learning curves with best epoch, early stop, LR, NaN rollbacks and the evidence."""
    if len(history) == 0:
        return None
    caption = (
        f"{len(history)} epoch(s); best epoch {history.best_epoch} "
        f"({history.stop_reason or 'stop reason not recorded'})."
    )
    if len(history) == 1:
        caption += " A single epoch: there is no curve to read, only one point."
    rollbacks = [e for e in history.events if e.get("kind") == "nonfinite_loss"]
    if rollbacks:
        caption += f" {len(rollbacks)} non-finite loss event(s) rolled back (marked)."
    svg = curves_chart(history, findings, loss_unit, metric)
    return Section("curves", "Learning curves", figure(svg, caption))


def diagnosis_section(findings: Sequence[dict[str, Any]]) -> Section:
    """Every finding, most important first, with its evidence and remedies."""
    if not findings:
        return Section("diagnosis", "Diagnosis", "<p>No findings.</p>")
    items = []
    for f in findings:
        evidence = ", ".join(
            f"{esc(k)}={fmt(v) if isinstance(v, float) else esc(v)}"
            for k, v in (f.get("evidence") or {}).items()
        )
        remedies = "".join(
            f"<li><code>{esc(_change(r['change']))}</code> {esc(r['reason'])}</li>"
            for r in f.get("remedies", [])
        )
        items.append(
            f'<li><span class="sev-{esc(f.get("severity"))}">{esc(f.get("severity"))}</span> '
            f'{esc(f.get("summary"))}<div class="cap">evidence: {evidence or "–"}</div>'
            + (f"<ul>{remedies}</ul>" if remedies else "")
            + "</li>"
        )
    return Section("diagnosis", "Diagnosis", f"<ol>{''.join(items)}</ol>")


def baselines_section(metrics: dict[str, Any]) -> Section:
    """Model vs baselines on val and test, scaled and original units (MSE and MAE)."""
    splits = [s for s in ("val", "test") if metrics.get(s)]
    original = metrics.get("original_units") or {}
    header = ["model"]
    for s in splits:
        header += [f"{s} MSE", f"{s} MAE", f"{s} MAE (orig.)"]
    rows = [["LSTM", *_cells(metrics, original.get("metrics", {}), splits)]]
    for name, values in (metrics.get("baselines") or {}).items():
        if values is None:
            rows.append([f"{_NAMES.get(name, name)} (not computable)"] + ["–"] * (len(header) - 1))
            continue
        orig = (original.get("baselines") or {}).get(name) or {}
        rows.append([_NAMES.get(name, name), *_baseline_cells(values, orig, splits)])
    windows = metrics.get("n_windows") or {}
    caption = (
        "Scaled units are the training split's scaling (as the ETT papers report); "
        "original units are the target's own. Windows: "
        + ", ".join(f"{k} {v:,}" for k, v in windows.items())
        + f"; season {metrics.get('season')}."
    )
    return Section(
        "baselines",
        "Model vs baselines",
        table(header, rows) + f'<p class="cap">{esc(caption)}</p>',
    )


def _cells(metrics: dict[str, Any], original: dict[str, Any], splits: list[str]) -> list[Any]:
    out: list[Any] = []
    for s in splits:
        out += [metrics[s].get("mse"), metrics[s].get("mae"), (original.get(s) or {}).get("mae")]
    return out


def _baseline_cells(values: dict[str, Any], orig: dict[str, Any], splits: list[str]) -> list[Any]:
    headline = splits[-1]
    out: list[Any] = []
    for s in splits:
        scaled = values if s == headline else values.get(s) or {}
        original = orig if s == headline else orig.get(s) or {}
        out += [scaled.get("mse"), scaled.get("mae"), original.get("mae")]
    return out


def heal_section(treatment: dict[str, Any]) -> Section | None:
    """One row per heal step, val MSE over the steps, and the final comparison."""
    steps = treatment.get("steps") or []
    rows = []
    for s in steps:
        verdict = raw(
            '<span class="kept">kept</span>'
            if s.get("kept")
            else '<span class="reverted">reverted</span>'
        )
        if s.get("error"):
            verdict = raw(f'<span class="reverted">failed: {esc(s["error"])}</span>')
        rows.append(
            [
                s["step"],
                s.get("finding", ""),
                _change(s.get("change") or {}),
                s.get("val_before"),
                s.get("val_after"),
                verdict,
                _seconds(s.get("seconds")),
            ]
        )
    body = (
        f"<p>Stopped ({esc(treatment.get('stop_reason'))}) after {len(steps)} step(s): val MSE "
        f"{fmt(treatment.get('start_val_mse'))} (start) → {fmt(treatment.get('final_val_mse'))}. "
        "Every decision read validation only; test was scored once, at the end.</p>"
    )
    if rows:
        header = ["step", "finding", "change", "val before", "val after", "decision", "seconds"]
        body += table(header, rows, left=3)
        body += figure(
            heal_chart(steps, treatment["start_val_mse"]),
            "Val MSE of each candidate; the line is the model kept so far.",
        )
    comparison = treatment.get("comparison") or []
    if comparison:
        names = {"healed": "healed", "start": "starting model", "recipe": "textbook recipe"}
        rows = [
            [
                names.get(r["model"], _NAMES.get(r["model"], r["model"])),
                r.get("val_mse"),
                r.get("test_mse"),
            ]
            for r in comparison
        ]
        body += "<h3>Healed vs start, recipe and baselines (same windows, scaled)</h3>"
        body += table(["model", "val MSE", "test MSE"], rows)
    return Section("heal", "Heal steps", body)


def _seconds(value: Any) -> Any:
    return raw(f"{value:.1f}") if isinstance(value, int | float) else value


def lr_find_section(lr_find: dict[str, Any] | None) -> Section | None:
    """The LR range test's curve and suggestion, when the run kept the curve."""
    if not lr_find or not lr_find.get("lrs"):
        return None
    caption = f"Suggestion: {fmt(lr_find.get('suggestion'))} — {lr_find.get('rule', '')}"
    return Section("lr-find", "LR range test", figure(lr_find_chart(lr_find), caption))


def tune_section(
    trials: Sequence[dict[str, Any]], importances: dict[str, float] | None, best: dict[str, Any]
) -> Section | None:
    """Trials over time (val/naive, pruned vs complete), importances, the best settings."""
    if not trials:
        return None
    body = figure(
        trials_chart(trials),
        "Each trial's val MSE relative to naive's (lower is "
        "better); hollow triangles were pruned at the value they had reached.",
    )
    if importances:
        body += figure(importance_chart(importances), "Parameter importances over complete trials.")
    if best:
        rows = [[k, raw(esc(f"{v:.4g}" if isinstance(v, float) else v))]
                for k, v in (best.get("params") or {}).items()]  # fmt: skip
        body += (
            f"<h3>Best trial {esc(best.get('number'))}: val/naive {fmt(best.get('val_vs_naive'))},"
            f" val MSE {fmt(best.get('val_mse'))}</h3>" + table(["setting", "value"], rows, left=2)
        )
    return Section("tune", "Tune trials", body)


def sequence_section(metrics: dict[str, Any], classes: Sequence[str] | None) -> Section | None:
    """A classifier's confusion matrix and per-class accuracy on test."""
    matrix = (metrics.get("test") or {}).get("confusion_matrix")
    if not matrix or not classes:
        return None
    body = figure(confusion_chart(matrix, classes), "Confusion matrix on the test sequences.")
    body += figure(per_class_chart(matrix, classes), "Accuracy within each true class on test.")
    return Section("classes", "Classes", body)


def sequence_scores_section(metrics: dict[str, Any]) -> Section | None:
    """The sequence model vs its baselines on val and test, every scalar metric."""
    splits = [s for s in ("val", "test") if metrics.get(s)]
    if not splits:
        return None
    names = [k for k, v in metrics[splits[-1]].items() if isinstance(v, int | float)]
    header = ["model", *(f"{s} {n.replace('_', ' ')}" for s in splits for n in names)]
    rows = [["LSTM", *(metrics[s].get(n) for s in splits for n in names)]]
    for name, values in (metrics.get("baselines") or {}).items():
        if values:
            rows.append(
                [
                    name,
                    *(
                        (values.get(s) or values if s == splits[-1] else values.get(s) or {}).get(n)
                        for s in splits
                        for n in names
                    ),
                ]
            )
    return Section("baselines", "Model vs baselines", table(header, rows))


def footer_html(provenance: dict[str, Any] | None, meta: dict[str, Any] | None = None) -> str:
    """Command line, versions, seed, device, the data file's SHA-256 and row count."""
    p = provenance or {}
    data = p.get("data") or {}
    rows = [
        ("command", p.get("command")),
        ("lstm-doctor", p.get("lstm_doctor") or (meta or {}).get("version")),
        (
            "torch / Python / numpy",
            " / ".join(str(p.get(k, "?")) for k in ("torch", "python", "numpy")) if p else None,
        ),
        ("platform", p.get("platform")),
        ("seed / device", f"{p.get('seed')} / {p.get('device')}" if p else None),
        ("data", data.get("path") or data.get("source")),
        ("data SHA-256", data.get("sha256")),
        ("data rows", f"{data['rows']:,}" if isinstance(data.get("rows"), int) else None),
        ("fitted at (UTC)", p.get("created")),
    ]
    items = "".join(
        f'<tr><td>{esc(k)}</td><td class="l"><code>{esc(v)}</code></td></tr>'
        for k, v in rows
        if v is not None
    )
    if not items:
        return (
            "<p>Reproducibility: this run recorded no provenance (saved by an older version).</p>"
        )
    return f"<h3>Reproducibility</h3><table>{items}</table>"
