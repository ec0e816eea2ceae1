"""Keep the C allocator from handing tensor memory back to the OS after every step (glibc).

A training step allocates and frees the same few buffers (activations, the LSTM kernel's
workspace, gradients) over and over. glibc's malloc serves blocks above its mmap threshold
with a fresh ``mmap`` and returns the top of its heap to the OS once more than its trim
threshold is free; both thresholds start small (128 KiB) and only grow when the process
happens to free a large block first. A process that starts training right away (the CLI on
a small file, a fresh script) therefore pays page faults and zero-filling for its buffers at
every step: measured on the demo frame (2x64 LSTM, lookback 96, batch 64, one thread) at
3.1-3.4 s per epoch against 2.0 s with the thresholds raised, in the same process layout
(benchmarks/train_throughput.py). Raising both thresholds once makes the heap keep its
freed blocks for the next step, as jemalloc or tcmalloc would.

Only glibc on Linux is touched; elsewhere this does nothing. ``LSTM_DOCTOR_MALLOC=0`` in
the environment leaves the allocator alone.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["keep_freed_memory"]

M_TRIM_THRESHOLD = -1  # mallopt parameters, from glibc's <malloc.h>
M_MMAP_THRESHOLD = -3
# glibc's largest allowed mmap threshold on 64-bit (4 * 1024 * 1024 * sizeof(long)).
MMAP_THRESHOLD = 32 * 1024 * 1024
TRIM_THRESHOLD = 1024 * 1024 * 1024

_done = False


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds once per process; True if they were set."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux") or os.environ.get("LSTM_DOCTOR_MALLOC") == "0":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 - glibc only (not musl)
    except (OSError, AttributeError):
        return False
    ok = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
    ok = libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1 and ok
    _done = ok
    return ok
