from __future__ import annotations

import os

import pytest
import torch

import lstm_doctor.training.threads as threads
from lstm_doctor.config import ModelConfig
from lstm_doctor.models.lstm import build_model
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.training.threads import (
    MACS_PER_THREAD,
    auto_threads,
    available_cpus,
    choose_threads,
    step_macs,
)


def test_step_macs_counts_every_lstm_kernel_for_the_whole_batch() -> None:
    model = build_model(ModelConfig(layers=2, units=64), 1, 1, 24)
    # layer 1: 4*64 gates x (1 input + 64 recurrent); layer 2: 4*64 x (64 + 64)
    assert step_macs(model, 64) == 64 * (256 * 65 + 256 * 128)
    weight_dropped = build_model(ModelConfig(layers=2, units=64, weight_drop=0.3), 1, 1, 24)
    layer_norm = build_model(ModelConfig(layers=2, units=64, layer_norm=True), 1, 1, 24)
    assert step_macs(weight_dropped, 64) == step_macs(layer_norm, 64) == step_macs(model, 64)
    bidirectional = build_sequence_model(
        ModelConfig(layers=1, units=8, bidirectional=True), 3, 2, "last"
    )
    assert step_macs(bidirectional, 1) == 2 * 32 * (3 + 8)


@pytest.mark.parametrize(
    ("macs", "cpus", "expected"),
    [(0, 8, 1), (MACS_PER_THREAD - 1, 8, 1), (2 * MACS_PER_THREAD, 8, 2), (10**12, 4, 4)],
)
def test_one_thread_per_macs_per_thread_capped_by_the_cpus(macs, cpus, expected) -> None:
    assert choose_threads(macs, cpus) == expected


def _affinity() -> int:
    return len(os.sched_getaffinity(0))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"cpu.max": "100000 100000\n"}, 1),
        ({"cpu.max": "50000 100000\n"}, 1),  # half a core still runs one thread
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "100000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({}, None),
    ],
)
def test_available_cpus_is_the_cpu_mask_capped_by_the_cgroup_quota(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert available_cpus(tmp_path) == (expected or _affinity())


@pytest.fixture
def no_choice(monkeypatch: pytest.MonkeyPatch):
    """No explicit thread choice in this test, whatever ran before; threads restored after."""
    before = torch.get_num_threads()
    monkeypatch.setattr(threads, "_chosen", None)
    monkeypatch.setattr(threads, "_TORCH_DEFAULT", before)
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(threads, "available_cpus", lambda: 8)
    yield before
    torch.set_num_threads(before)


def test_auto_threads_sets_the_choice_for_the_block_and_restores_after(no_choice) -> None:
    small = build_model(ModelConfig(layers=1, units=8), 1, 1, 24)
    with auto_threads(small, 32) as n:
        assert n == 1 and torch.get_num_threads() == 1
    assert torch.get_num_threads() == no_choice


def test_an_explicit_choice_wins_over_the_automatic_one(no_choice, monkeypatch) -> None:
    small = build_model(ModelConfig(layers=1, units=8), 1, 1, 24)
    threads.set_threads(2)
    with auto_threads(small, 32) as n:
        assert n == 2 and torch.get_num_threads() == 2
    monkeypatch.setattr(threads, "_chosen", None)
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    with auto_threads(small, 32) as n:
        assert n == 2 and torch.get_num_threads() == 2
