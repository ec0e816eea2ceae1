"""benchmarks/heal_suite_seeds.py: healed vs recipe across seeds, from heal_suite's lines."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "heal_suite_seeds.py"
spec = importlib.util.spec_from_file_location("heal_suite_seeds", SCRIPT)
seeds = importlib.util.module_from_spec(spec)
spec.loader.exec_module(seeds)


def _write(path: Path, rows: list[tuple[str, float, float, float]]) -> Path:
    path.write_text(
        "\n".join(
            json.dumps(
                {"suite": "dev", "dataset": d, "test_mse": {"healed": h, "recipe": r, "start": s}}
            )
            for d, h, r, s in rows
        )
    )
    return path


def test_a_series_lost_on_every_seed_is_told_from_a_coin_flip(tmp_path) -> None:
    files = [
        _write(tmp_path / "dev_seed0.jsonl", [("a", 1.0, 0.5, 1.0), ("b", 1.0, 2.0, 1.0)]),
        _write(tmp_path / "dev_seed1.jsonl", [("a", 1.0, 0.5, 0.9), ("b", 2.0, 1.0, 2.0)]),
        _write(tmp_path / "dev_seed2.jsonl", [("a", 0.5, 0.5, 0.5), ("b", 1.0, 2.0, 1.0)]),
    ]
    out = seeds.summary(seeds.read(files))
    assert out["seeds"] == [0, 1, 2] and out["pairs"] == 6
    assert out["healed_vs_recipe"] == {"loses": 3, "beats": 2, "ties": 1}
    assert out["lost_on_seeds"] == {"dev/a": [0, 1], "dev/b": [1]}
    assert out["series_losing_on_k_seeds"] == {"0": 0, "1": 1, "2": 1, "3": 0}
    assert out["healed_worse_than_start"] == 1
