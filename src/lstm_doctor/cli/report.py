"""The report side of the CLI: ``lstm-doctor report RUN``, the report.html that fit, heal
and tune write after saving, ``diagnose --report``, and the command line in a run's
provenance. Imported by the ``cli`` command modules (and ``cli.sequences``) only; prints
through their consoles.
"""

from __future__ import annotations

import logging
import shlex
from pathlib import Path
from typing import Any

from rich.console import Console

from lstm_doctor.api.runs import report_run
from lstm_doctor.reporting.report import log_report, write_report
from lstm_doctor.reporting.run_report import (
    DEMO_SOURCE,
    REPORT_NAME,
    forecaster_report_file,
    sequence_report_file,
    study_of,
)
from lstm_doctor.reporting.terminal import diagnosis_view

__all__ = [
    "DEMO_SOURCE",
    "note_command",
    "print_diagnosis",
    "record_provenance",
    "remember_command",
    "report_command",
    "study_of",
    "write_log_report",
    "write_run_report",
]

log = logging.getLogger(__name__)

_COMMAND: list[str] = []  # the arguments of this invocation, set by cli.main


def remember_command(args: list[str]) -> None:
    """Keep this invocation's arguments for the runs it writes (their provenance)."""
    _COMMAND[:] = list(args)


def note_command(estimator: Any, data: Any = None) -> None:
    """Put the command line (and, for the demo, the data's origin) into a fitted
    estimator's provenance before it is saved."""
    provenance = getattr(estimator, "provenance_", None)
    if not isinstance(provenance, dict):
        return
    if _COMMAND:
        provenance["command"] = "lstm-doctor " + shlex.join(_COMMAND)
    if data == DEMO_SOURCE:
        provenance.setdefault("data", {})["source"] = DEMO_SOURCE
    elif isinstance(data, Path) and data.is_file():
        from lstm_doctor.artifacts.provenance import file_sha256

        info = provenance.setdefault("data", {})
        info.update(path=str(data.resolve()), sha256=file_sha256(data))
        info.pop("source", None)


def record_provenance(run: Path, estimator: Any) -> None:
    """Put ``estimator``'s provenance (after ``note_command``) into a run saved before it was
    known: tune saves OUT/best itself. Rewritten atomically."""
    import json

    from lstm_doctor.artifacts import write_json_atomic

    header = json.loads((run / "config.json").read_text())
    header["provenance"] = getattr(estimator, "provenance_", None)
    write_json_atomic(run / "config.json", header)


def write_run_report(
    estimator: Any,
    run: Path,
    err: Console,
    *,
    data: Any = None,
    treatment: dict[str, Any] | None = None,
    study: dict[str, Any] | None = None,
) -> Path | None:
    """RUN/report.html after the run was saved. A failure never costs the model: it is one
    warning line (the traceback under --debug) and the command goes on."""
    target = run / REPORT_NAME
    try:
        if getattr(estimator, "task", "forecast") == "forecast":
            return forecaster_report_file(estimator, target, data=data, treatment=treatment,
                                          study=study)  # fmt: skip
        return sequence_report_file(estimator, target, treatment)
    except Exception as exc:  # any failure: the model is saved, the report is a bonus
        log.debug("report failed", exc_info=True)
        err.print(
            f"warning: the report could not be written ({type(exc).__name__}: {exc}); the "
            f"run is saved. Retry with: lstm-doctor report {run}",
            highlight=False, markup=False, soft_wrap=True,
        )  # fmt: skip
        return None


def report_command(run: Path, out_file: Path | None, data: Path | None, out: Console) -> None:
    """``lstm-doctor report RUN``: write RUN/report.html (or --out) and say where."""
    path = report_run(run, out_file, data)
    out.print(f"report written to [bold]{path}[/] ({path.stat().st_size / 1024:.0f} KB)")


def write_log_report(history: Any, diagnosis: Any, source: str, target: Path) -> Path:
    """``diagnose LOG --report FILE``: the curves and the diagnosis of anyone's log."""
    return write_report(target, log_report(history, diagnosis.to_dict(), source))


def print_diagnosis(out: Console, estimator: Any, page: Path | None) -> None:
    """A fitted estimator's diagnosis and where its report went, after its scores."""
    out.print()
    out.print(diagnosis_view(estimator.diagnosis_, estimator.history_))
    if page is not None:
        out.print(f"report: [bold]{page}[/] (one HTML file; open it in a browser)")
