"""The README cannot drift from the CLI: every command it shows parses, and what can run fast runs.

Each ``$ lstm-doctor ...`` line of the README's console blocks (with its ``\\`` continuations)
is parsed by the real command-line parser: an unknown command, a renamed flag or a value of
the wrong type fails here. The error example is run for real and its line compared.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer

from fast_settings import SHARED_DATA
from lstm_doctor.cli import app, main

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_commands() -> list[list[str]]:
    text = README.read_text()
    commands = []
    for block in re.findall(r"```(?:console|bash)\n(.*?)```", text, flags=re.S):
        lines = block.replace("\\\n", " ").splitlines()
        for line in lines:
            line = line.strip()
            if line.startswith("$ "):
                line = line[2:]
            if line.startswith("lstm-doctor "):
                commands.append(shlex.split(line)[1:])
    return commands


COMMANDS = _readme_commands()


def test_the_readme_shows_the_main_commands() -> None:
    shown = {
        next(a for a in args if not a.startswith("-") and not a.isdigit()) for args in COMMANDS
    }
    assert {"fit", "evaluate", "predict", "heal", "tune", "backtest", "export"} <= shown


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_every_readme_command_parses(args: list[str]) -> None:
    group = typer.main.get_command(app)
    k = 0
    while args[k].startswith("-"):  # the global options before the command
        k += 2 if args[k] == "--threads" else 1
    name, rest = args[k], args[k + 1 :]
    try:
        with group.make_context("lstm-doctor", [*args[:k], name]) as ctx:
            command = group.get_command(ctx, name)
            assert command is not None, f"unknown command {name!r}"
            command.make_context(name, list(rest), parent=ctx)
    except Exception as exc:  # a usage error: a flag the CLI no longer has, a bad value
        pytest.fail(f"README command does not parse: lstm-doctor {' '.join(args)}: {exc}")


@pytest.mark.skipif(not (SHARED_DATA / "ETTh1.csv").is_file(), reason="../shared/data is absent")
def test_the_readme_error_example_prints_what_it_shows(capsys, monkeypatch) -> None:
    monkeypatch.chdir(SHARED_DATA.parent.parent / README.parent.name)
    shown = re.search(r"^\$ lstm-doctor (fit \S+ --target OTT --time date)\n(error: .*)$",
                      README.read_text(), flags=re.M)  # fmt: skip
    assert shown is not None
    args = shlex.split(shown.group(1))
    args[1] = str(SHARED_DATA / "ETTh1.csv")
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err == shown.group(2)
