"""Settings shared by tests: small models that train in a second, and the benchmark data."""

from __future__ import annotations

from pathlib import Path

# ../shared/data beside the repository (absent in a bare clone: tests that need it skip).
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

FAST = {"lookback": 24, "horizon": 6, "layers": 1, "units": 8, "epochs": 3, "batch_size": 32}
