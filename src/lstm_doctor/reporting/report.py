"""One self-contained HTML report per run: assemble the sections a run has, write the file.

``forecast_report`` takes a fitted Forecaster (and, for the forecast sections, its data);
``sequence_report`` a sequence run's metrics and History; ``log_report`` anyone's training
log. ``write_report`` writes atomically. Nothing here reads the network, and the page
needs no script: figures are inline SVG.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from lstm_doctor.errors import ArtifactError, LstmDoctorError
from lstm_doctor.history import History
from lstm_doctor.reporting.forecast_data import forecast_data
from lstm_doctor.reporting.forecast_sections import (
    audit_section,
    errors_section,
    forecast_section,
    shift_section,
)
from lstm_doctor.reporting.page import Section, esc, render_page
from lstm_doctor.reporting.sections import (
    baselines_section,
    curves_section,
    diagnosis_section,
    footer_html,
    heal_section,
    lr_find_section,
    primary_finding,
    sequence_scores_section,
    sequence_section,
    tune_section,
    verdict_section,
)

__all__ = ["MAX_BYTES", "forecast_report", "log_report", "sequence_report", "write_report"]

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # the promise: an e-mail attachment, never more than 5 MB


def _note(key: str, title: str, text: str) -> Section:
    return Section(key, title, f'<p class="cap">{esc(text)}</p>')


def forecast_report(
    forecaster: Any,
    *,
    data: pd.DataFrame | str | Path | None = None,
    data_note: str | None = None,
    treatment: dict[str, Any] | None = None,
    study: dict[str, Any] | None = None,
    title: str | None = None,
) -> str:
    """The report of a fitted (or loaded) Forecaster.

    ``data`` (the frame or file it was fitted on) gives the forecast, error, audit and shift
    sections; without it they are replaced by ``data_note``. ``treatment`` is heal's
    treatment.json; ``study`` holds a tune study's ``trials`` (list of dicts),
    ``importances`` and ``best``.
    """
    findings = forecaster.diagnosis_.to_dict()
    metrics = forecaster.metrics_
    tested = "test" in metrics
    sections = [verdict_section(metrics, findings)]
    sections.append(curves_section(forecaster.history_, findings))
    if data is not None:
        try:
            splits = ("val", "test") if tested else ("val",)
            fdata = forecast_data(forecaster, data, splits)
        except LstmDoctorError as exc:
            fdata, data_note = None, f"Forecast sections skipped: {exc}"
    else:
        fdata = None
    if fdata is not None:
        sections += [forecast_section(fdata, "test" if tested else "val"), errors_section(fdata)]
    else:
        sections.append(
            _note(
                "forecast",
                "Forecast vs actual",
                data_note
                or ("Forecast sections need the data: lstm-doctor report RUN --data FILE."),
            )
        )
    sections.append(baselines_section(metrics))
    if fdata is not None:
        sections += [audit_section(fdata, findings, tested), shift_section(fdata, findings)]
    sections.append(diagnosis_section(findings))
    if treatment:
        sections += [heal_section(treatment), lr_find_section(treatment.get("lr_find"))]
    if study:
        sections.append(
            tune_section(
                study.get("trials") or [], study.get("importances"), study.get("best") or {}
            )
        )
    provenance = getattr(forecaster, "provenance_", None)
    target = ", ".join(forecaster.config_.data.target)
    kind = "heal" if treatment else "tune" if study else "fit"
    heading = title or f"lstm-doctor report: {kind} of {target}"
    settings = forecaster.config_
    subtitle = (
        f"LSTM {settings.model.layers}x{settings.model.units}, lookback "
        f"{settings.data.lookback}, horizon {settings.data.horizon}; "
        f"{len(forecaster.history_)} epochs."
    )
    return render_page(
        heading, subtitle, [s for s in sections if s is not None], footer_html(provenance)
    )


def sequence_report(
    history: History,
    metrics: dict[str, Any],
    findings: Sequence[dict[str, Any]],
    *,
    task: str,
    classes: Sequence[str] | None = None,
    provenance: dict[str, Any] | None = None,
    treatment: dict[str, Any] | None = None,
    title: str | None = None,
) -> str:
    """The report of a sequence classifier or regressor run."""
    verdict = _sequence_verdict(metrics, findings, task)
    metric = "val_accuracy" if "val_accuracy" in history.columns else None
    loss_unit = "cross-entropy" if task == "classify" else "MSE, scaled units"
    sections = [
        verdict,
        curves_section(history, findings, loss_unit, metric),
        sequence_scores_section(metrics),
        sequence_section(metrics, classes) if task == "classify" else None,
        diagnosis_section(findings),
    ]
    if treatment:
        sections.append(heal_section(treatment))
    heading = (
        title
        or f"lstm-doctor report: sequence {'classifier' if task == 'classify' else 'regressor'}"
    )
    subtitle = f"{len(history)} epochs (first member's curves when an ensemble)."
    return render_page(
        heading, subtitle, [s for s in sections if s is not None], footer_html(provenance)
    )


def _sequence_verdict(
    metrics: dict[str, Any], findings: Sequence[dict[str, Any]], task: str
) -> Section:
    test = metrics.get("test") or {}
    key, higher = ("accuracy", True) if task == "classify" else ("mse", False)
    model = test.get(key)
    baselines = metrics.get("baselines") or {}  # a sequence run nests them: {"val", "test"}
    rivals = {n: ((v or {}).get("test") or v or {}).get(key) for n, v in baselines.items()}
    rivals = {n: v for n, v in rivals.items() if isinstance(v, int | float)}
    if model is None or not rivals:
        head, kind = "Not scored on test: no verdict on unseen data.", "info"
    else:
        best = (
            max(rivals, key=rivals.__getitem__) if higher else min(rivals, key=rivals.__getitem__)
        )
        beats = model > rivals[best] if higher else model < rivals[best]
        head = (
            f"The LSTM {'beats' if beats else 'does NOT beat'} the {best} baseline on test: "
            f"{key} {model:.4f} vs {rivals[best]:.4f}."
        )
        kind = "good" if beats else "bad"
    body = f'<p class="big">{esc(head)}</p>' + primary_finding(findings)
    return Section("verdict", "Verdict", f'<div class="card {kind}">{body}</div>')


def log_report(history: History, findings: Sequence[dict[str, Any]], source: str) -> str:
    """What a training log supports: the curves and the diagnosis."""
    sections = [
        Section(
            "verdict",
            "Verdict",
            '<div class="card info"><p class="big">'
            f"Training log: {len(history)} epochs.</p>" + primary_finding(findings) + "</div>",
        ),
        curves_section(history, findings, loss_unit="as logged"),
        diagnosis_section(findings),
    ]
    return render_page(
        "lstm-doctor report: training log",
        source,
        [s for s in sections if s is not None],
        "<p>From a training log: no model, data or baselines to show.</p>",
    )


def write_report(path: str | Path, text: str) -> Path:
    """Write the report next to ``path`` and rename it into place.

    Raises:
        ArtifactError: the report would exceed ``MAX_BYTES`` (a bug: figures are decimated).
    """
    path = Path(path)
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ArtifactError(
            f"The report would be {len(data) / 1e6:.1f} MB, above the 5 MB limit; not written."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
