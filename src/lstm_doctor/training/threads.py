"""How many CPU threads torch uses for a fit: chosen from the model's size and the cores this
process may really use, unless the user chose.

torch's default is one thread per core the machine has, whatever the model. An LSTM step is
a chain of small matrix products (one per time step and layer); splitting a small one over
threads costs more in synchronization than it saves, and a container or a CPU mask often
grants fewer cores than the machine has. So the default here is: as many threads as the
work of one time step pays for (``MACS_PER_THREAD`` multiply-adds each, measured by
``benchmarks/thread_policy.py``), never more than the cores this process may use
(``os.sched_getaffinity`` and the cgroup CPU quota). An explicit choice (``--threads``,
``set_threads``, ``OMP_NUM_THREADS``, or ``torch.set_num_threads`` before the fit) wins.

The choice depends only on the model, the batch size and the cores granted, never on the
machine's momentary load, so the same command on the same machine always uses the same
thread count (and so gives the same numbers).
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator
from pathlib import Path

import torch
from torch import nn

__all__ = [
    "MACS_PER_THREAD",
    "auto_threads",
    "available_cpus",
    "choose_threads",
    "set_threads",
    "step_macs",
]

# Multiply-adds of one LSTM time step (all layers, the whole batch) that one more thread
# needs before it pays for itself. See benchmarks/thread_policy.py and docs/performance.md.
MACS_PER_THREAD = 1_000_000
_TORCH_DEFAULT = torch.get_num_threads()  # at import, before anyone changed it
_ENV_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")
_chosen: int | None = None  # set_threads' value: the user's choice, never overridden


def set_threads(n: int) -> None:
    """Use ``n`` torch threads from now on, and turn the automatic choice off."""
    global _chosen
    _chosen = n
    torch.set_num_threads(n)


def _cgroup_quota(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    """CPUs granted by the cgroup CPU quota (v2 ``cpu.max`` or v1 CFS), None if unlimited."""
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        period = int((root / "cpu" / "cpu.cfs_period_us").read_text())
        return None if quota <= 0 else quota / period
    except (OSError, ValueError):
        return None


def available_cpus(root: Path = Path("/sys/fs/cgroup")) -> int:
    """Cores this process may use: its CPU mask, capped by the cgroup quota (at least 1)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    quota = _cgroup_quota(root)
    if quota is not None:
        cpus = min(cpus, math.ceil(quota))
    return max(cpus, 1)


def step_macs(model: nn.Module, batch_size: int) -> int:
    """Multiply-adds of one time step of every LSTM layer in ``model``, for a whole batch.

    Counts the input and recurrent kernels by name (``weight_ih*``, ``weight_hh*``), which
    covers ``nn.LSTM``, its weight-drop and layer-norm variants and the sequence encoders.
    """
    kernels = ("weight_ih", "weight_hh")
    macs = sum(
        p.numel()
        for name, p in model.named_parameters()
        if name.rsplit(".", 1)[-1].startswith(kernels)
    )
    return macs * batch_size


def choose_threads(macs: int, cpus: int) -> int:
    """One thread per ``MACS_PER_THREAD`` multiply-adds of a time step, 1 to ``cpus``."""
    return max(1, min(cpus, macs // MACS_PER_THREAD))


def _user_chose() -> bool:
    if _chosen is not None or any(os.environ.get(v) for v in _ENV_VARS):
        return True
    return torch.get_num_threads() != _TORCH_DEFAULT  # torch.set_num_threads before the fit


@contextlib.contextmanager
def auto_threads(model: nn.Module, batch_size: int) -> Iterator[int]:
    """Run the block with the automatic thread count (unless the user chose); restore after.

    Yields the thread count in use. On a GPU the CPU threads barely matter; the choice is
    made all the same (it only feeds the host side).
    """
    before = torch.get_num_threads()
    if _user_chose():
        yield before
        return
    threads = choose_threads(step_macs(model, batch_size), available_cpus())
    torch.set_num_threads(threads)
    try:
        yield threads
    finally:
        torch.set_num_threads(before)
