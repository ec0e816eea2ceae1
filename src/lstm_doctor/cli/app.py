"""The ``lstm-doctor`` app: the Typer object, the consoles, and the entry point.

Only the ``cli`` package prints or reads ``sys.argv``. A user error (bad file, bad flag)
becomes one line on stderr and exit status 2; ``--debug`` anywhere on the line shows the
traceback. The commands live one group per module (``fit``, ``runs``, ``heal``, ``tune``,
``diagnostics``); ``lstm_doctor.cli`` registers them on ``app``.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from typer.core import TyperCommand

from lstm_doctor import __version__
from lstm_doctor.cli.os_errors import describe_os_error
from lstm_doctor.errors import LstmDoctorError

app = typer.Typer(
    name="lstm-doctor",
    help="Train LSTM forecasters that generalize, and see why they do not.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


_ARGS: list[str] = []  # this invocation's arguments, for the provenance of the runs it writes


class RunCommand(TyperCommand):
    """A command that records this invocation's arguments (the provenance of the runs it
    writes) once its flags are parsed, before it runs.

    The commands import the library (torch, pandas, optuna) inside their bodies, so
    ``--help``, ``--version`` and a mistyped flag answer without importing it (seconds on a
    cold machine).
    """

    def invoke(self, ctx: Any) -> Any:
        importlib.import_module("lstm_doctor.cli.report").remember_command(_ARGS)
        return super().invoke(ctx)


def use_run_commands() -> None:
    """Every registered command records its arguments (called once all are in)."""
    for info in app.registered_commands:
        info.cls = RunCommand


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Show the version.")] = False,
    threads: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="CPU threads for torch in this command [auto: from the model's size and "
            "the cores this process may use].",
        ),
    ] = None,
) -> None:
    if version:
        print(f"lstm-doctor {__version__}")
        raise typer.Exit()
    if threads is not None:
        from lstm_doctor.training.threads import set_threads  # turns the automatic choice off

        set_threads(threads)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one-line errors and exit status 2 for user errors."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    _ARGS[:] = args
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        handlers=[RichHandler(console=err, show_path=False)],
        format="%(message)s",
    )
    try:
        result = app(args=args, prog_name="lstm-doctor", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # bad flag or argument: click's UsageError family
        if debug:
            raise
        ctx = getattr(exc, "ctx", None)
        command = "" if ctx is None or ctx.info_name == "lstm-doctor" else f" {ctx.info_name}"
        hint = f" (see: lstm-doctor{command} --help)"
        message = " ".join(exc.format_message().split())
        err.print(f"error: {message}{hint}", highlight=False, markup=False, soft_wrap=True)
        return 2
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted", highlight=False)
        return 130
    except LstmDoctorError as exc:
        if debug:
            raise
        err.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
        return 2
    except OSError as exc:  # a full disk, a path through a file: the user's to fix
        if debug:
            raise
        line = describe_os_error(exc)
        if line is not None:
            err.print(f"error: {line}", highlight=False, markup=False, soft_wrap=True)
            return 2
        err.print(f"error: {exc} (add --debug for the traceback)", highlight=False,
                  markup=False, soft_wrap=True)  # fmt: skip
        return 1
    return result if isinstance(result, int) else 0
