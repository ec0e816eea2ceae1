"""The allocator setting: once per process, glibc only, and an opt-out."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lstm_doctor.training import allocator


def _in_fresh_process(env_value: str | None) -> str:
    code = "from lstm_doctor.training.allocator import keep_freed_memory as k; print(k(), k())"
    env = {"PATH": "/usr/bin:/bin"}
    if env_value is not None:
        env["LSTM_DOCTOR_MALLOC"] = env_value
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt: Linux only")
def test_it_sets_the_thresholds_once_and_can_be_turned_off() -> None:
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").gnu_get_libc_version  # noqa: B018
    except (OSError, AttributeError):
        pytest.skip("not glibc")
    assert _in_fresh_process(None) == "True True"
    assert _in_fresh_process("0") == "False False"


def test_elsewhere_it_does_nothing(monkeypatch) -> None:
    monkeypatch.setattr(allocator, "_done", False)
    monkeypatch.setattr(allocator.sys, "platform", "darwin")
    assert allocator.keep_freed_memory() is False
