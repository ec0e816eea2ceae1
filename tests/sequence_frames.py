"""Small synthetic sequence tables: the class sets the frequency of a noisy sine."""

from __future__ import annotations

import numpy as np
import pandas as pd


def make_sequence_frame(
    n_sequences: int = 48,
    n_classes: int = 3,
    seed: int = 0,
    min_len: int = 4,
    max_len: int = 20,
    n_groups: int = 6,
    regress: bool = False,
) -> pd.DataFrame:
    """Long format: sequence_id, t, a, b, speaker, label (rows shuffled between sequences)."""
    rng = np.random.default_rng(seed)
    parts = []
    for i in range(n_sequences):
        label = i % n_classes
        n = int(rng.integers(min_len, max_len + 1))
        t = np.arange(n)
        freq = 0.15 + 0.25 * label
        target = float(rng.uniform(0, 2)) if regress else label
        level = target if regress else 0.0
        parts.append(
            pd.DataFrame(
                {
                    "sequence_id": f"s{i:03d}",
                    "t": t,
                    "a": np.sin(freq * t + rng.uniform(0, 1)) + level + rng.normal(0, 0.1, n),
                    "b": rng.normal(0, 1, n),
                    "speaker": f"spk{i % n_groups}",
                    "label": target if regress else f"c{label}",
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
