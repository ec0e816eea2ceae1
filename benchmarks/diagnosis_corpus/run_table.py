"""The one way a held-out list of runs is written: ids per framework, a seed triple per run."""

from __future__ import annotations

from typing import Any


class RunTable:
    """Runs in the order they are added: ``{prefix}-{framework}-{nn}`` ids numbered per
    framework, and seeds ``base + index`` (index from 1) for the model, the data subsample
    and the shuffling, so that no two runs of any set share a seed."""

    def __init__(self, prefix: str, *, seed: int, data_seed: int, shuffle_seed: int) -> None:
        self.prefix, self.bases = prefix, (seed, data_seed, shuffle_seed)
        self.runs: list[dict[str, Any]] = []

    def add(self, fw: str, fmt: str, data: str, designed: str, **knobs: Any) -> None:
        index = len(self.runs) + 1
        number = sum(run["framework"] == fw for run in self.runs) + 1
        seed, data_seed, shuffle_seed = (base + index for base in self.bases)
        self.runs.append(
            dict(id=f"{self.prefix}-{fw}-{number:02d}", framework=fw, format=fmt, dataset=data,
                 designed=designed, seed=seed, data_seed=data_seed, shuffle_seed=shuffle_seed,
                 **knobs)
        )  # fmt: skip
