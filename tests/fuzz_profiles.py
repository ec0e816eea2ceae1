"""Hypothesis profiles of the fuzz tests: a bounded one for CI, a long one on demand.

    HYPOTHESIS_PROFILE=fuzz-long pytest tests/test_fuzz.py tests/test_artifacts.py -k fuzz

``fuzz-ci`` is derandomized (the same examples every run, so CI is stable); ``fuzz-long``
draws new examples each run. ``FUZZ_EXAMPLES`` overrides either's example count.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("fuzz-ci", max_examples=40, derandomize=True, **_COMMON)
settings.register_profile("fuzz-long", max_examples=2000, **_COMMON)

_name = os.environ.get("HYPOTHESIS_PROFILE", "fuzz-ci")
_profile = settings.get_profile(_name if _name in ("fuzz-ci", "fuzz-long") else "fuzz-ci")
_examples = os.environ.get("FUZZ_EXAMPLES")


def fuzz(scale: float = 1.0) -> settings:
    """The profile's settings with ``scale`` times its example count (a slow target: < 1)."""
    count = int(_examples) if _examples else _profile.max_examples
    return settings(_profile, max_examples=max(1, int(count * scale)))
