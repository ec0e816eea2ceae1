"""Across seeds: how often the healed model beats the textbook recipe, series by series.

The issue's bar "beats the recipe on every dataset" is read on one seed. Both models are
trained from random starts, and on the suite's small test splits (often under one effective
window) the sign of their difference can flip with the seed. This reads the JSON lines
``heal_suite.py`` wrote for several seeds (one file per suite and seed) and prints ONE JSON
line: the (series, seed) pairs won, tied and lost, and per series the seeds it lost on, so a
systematic loss (every seed) can be told from a coin flip.

    for seed in 0 1 2 3; do for suite in dev heldout fresh fresh2 fresh3; do
      python benchmarks/heal_suite.py --suite $suite --budget-epochs 1200 --budget 20 \\
          --max-steps 8 --threads 1 --seed $seed > results/heal_suite_${suite}_seed$seed.jsonl
    done; done
    python benchmarks/heal_suite_seeds.py results/heal_suite_*_seed*.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path


def read(paths: list[Path]) -> dict[tuple[str, str], dict[int, dict]]:
    """(suite, dataset) -> seed -> test MSEs; the seed is taken from the file name."""
    runs: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)
    for path in paths:
        match = re.search(r"seed(\d+)", path.name)
        if match is None:
            raise SystemExit(f"{path}: the file name must say its seed (…seed3.jsonl)")
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                runs[(row["suite"], row["dataset"])][int(match.group(1))] = row["test_mse"]
    return runs


def summary(runs: dict[tuple[str, str], dict[int, dict]]) -> dict:
    seeds = sorted(set.intersection(*(set(by_seed) for by_seed in runs.values())))
    outcome: Counter = Counter()
    lost_on: dict[str, list[int]] = {}
    worse_than_start = 0
    for (suite, dataset), by_seed in sorted(runs.items()):
        losses = []
        for seed in seeds:
            mse = by_seed[seed]
            healed, recipe = mse["healed"], mse["recipe"]
            outcome["beats" if healed < recipe else "ties" if healed == recipe else "loses"] += 1
            worse_than_start += healed > mse["start"]
            if healed > recipe:
                losses.append(seed)
        if losses:
            lost_on[f"{suite}/{dataset}"] = losses
    by_count = Counter(len(v) for v in lost_on.values())
    return {
        "benchmark": "heal_suite_seeds",
        "seeds": seeds,
        "series": len(runs),
        "pairs": len(runs) * len(seeds),
        "healed_vs_recipe": dict(outcome),
        "healed_worse_than_start": worse_than_start,
        "series_losing_on_k_seeds": {
            str(k): by_count.get(k, 0) if k else len(runs) - len(lost_on)
            for k in range(len(seeds) + 1)
        },
        "lost_on_seeds": lost_on,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+", type=Path)
    print(json.dumps(summary(read(parser.parse_args().files))))


if __name__ == "__main__":
    main()
