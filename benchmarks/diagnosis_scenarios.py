"""The diagnosis ground-truth suite as a table: scenario -> primary finding, confidence.

Each scenario (tests/diagnosis/scenarios.py) trains a real model that has a known problem;
this runs every scenario for several seeds and prints one JSON line: for each scenario the
expected kinds, the primary finding and its confidence per seed, and the hit rate.

    python benchmarks/diagnosis_scenarios.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "diagnosis"))
from scenarios import SCENARIOS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(1)
    table = {}
    for scenario in SCENARIOS:
        runs = []
        for seed in range(args.seeds):
            started = time.perf_counter()
            diagnosis = scenario.fit(seed).diagnosis_
            primary = diagnosis.primary
            runs.append({
                "seed": seed,
                "primary": primary.kind,
                "confidence": round(primary.confidence, 2),
                "all": diagnosis.kinds(),
                "seconds": round(time.perf_counter() - started, 1),
            })  # fmt: skip
        hits = sum(r["primary"] in scenario.expected for r in runs)
        table[scenario.name] = {
            "expected": list(scenario.expected),
            "hit_rate": f"{hits}/{len(runs)}",
            "runs": runs,
        }
    print(json.dumps({"benchmark": "diagnosis_scenarios", "seeds": args.seeds, "table": table}))


if __name__ == "__main__":
    main()
