"""The ground-truth suite: real training runs that produce each problem (see scenarios.py)."""

from __future__ import annotations

import pytest
from scenarios import SCENARIOS

pytestmark = pytest.mark.slow

SEEDS = (0, 1, 2)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_each_scenario_gets_its_primary_finding(scenario, seed) -> None:
    diagnosis = scenario.fit(seed).diagnosis_
    assert diagnosis.primary is not None
    assert diagnosis.primary.kind in scenario.expected, diagnosis.to_dict()[:3]
    if scenario.name == "healthy":  # no false alarm of any kind
        assert all(f.severity == "info" for f in diagnosis.findings), diagnosis.to_dict()
    if scenario.name == "leakage":
        assert "good_fit" not in diagnosis.kinds()
        checks = {f.evidence.get("check") for f in diagnosis.findings if f.kind == "leakage"}
        assert {"prescaled_file", "future_covariate"} <= checks
