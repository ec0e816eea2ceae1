"""What packing and bucketing by length save: training sequences/s, one JSON line.

Three ways to train the same LSTM classifier on sequences of 20..400 steps:
(a) ``pad_global``: every batch padded to the longest sequence of the dataset, no packing
    (the LSTM runs over the padding; the head reads the output at each sequence's last step);
(b) ``pack_random``: random batches cut to their own longest sequence, packed;
(c) ``pack_bucketed``: batches of similar lengths (``bucket_batches``), packed.
The variants alternate within each repeat, and the medians are reported, so the ratios
come from the same run under the same machine load.
"""

from __future__ import annotations

import json
import statistics
import time

import torch
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.training.sequence_trainer import bucket_batches

N_SEQUENCES, N_FEATURES, BATCH, REPEATS = 192, 8, 32, 3
MIN_LEN, MAX_LEN = 20, 400


def _epoch(model, values, lengths, labels, batches, *, pack: bool, pad_global: bool) -> float:
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    started = time.perf_counter()
    for index in batches:
        width = values.shape[1] if pad_global else int(lengths[index].max())
        x, n = values[index, :width], lengths[index]
        if pack:
            output = model(x, n)
        else:  # plain padding: the LSTM reads every padded step
            outputs, _ = model.lstm(x)
            last = outputs[torch.arange(len(index)), n - 1]
            output = model.head(last)
        loss = nn.functional.cross_entropy(output, labels[index])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return len(values) / (time.perf_counter() - started)


def main() -> None:
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)
    lengths = torch.randint(MIN_LEN, MAX_LEN + 1, (N_SEQUENCES,), generator=generator)
    values = torch.randn(N_SEQUENCES, MAX_LEN, N_FEATURES, generator=generator)
    values[torch.arange(MAX_LEN)[None, :] >= lengths[:, None]] = 0.0
    labels = torch.randint(0, 4, (N_SEQUENCES,), generator=generator)
    torch.manual_seed(0)
    model = build_sequence_model(ModelConfig(layers=1, units=64), N_FEATURES, 4, "last")
    rates: dict[str, list[float]] = {"pad_global": [], "pack_random": [], "pack_bucketed": []}
    for repeat in range(REPEATS):
        random = list(torch.randperm(N_SEQUENCES, generator=generator).split(BATCH))
        bucketed = bucket_batches(lengths, BATCH, generator)
        runs = {
            "pad_global": (random, False, True),
            "pack_random": (random, True, False),
            "pack_bucketed": (bucketed, True, False),
        }
        names = list(runs) if repeat % 2 == 0 else list(runs)[::-1]
        for name in names:
            batches, pack, pad_global = runs[name]
            rates[name].append(
                _epoch(model, values, lengths, labels, batches, pack=pack, pad_global=pad_global)
            )
    median = {name: statistics.median(r) for name, r in rates.items()}
    real = int(lengths.sum())
    print(
        json.dumps(
            {
                "benchmark": "sequence_bucketing",
                "n_sequences": N_SEQUENCES,
                "lengths": [MIN_LEN, MAX_LEN],
                "batch_size": BATCH,
                "threads": 1,
                "sequences_per_s": {k: round(v, 1) for k, v in median.items()},
                "padding_share": {
                    "pad_global": round(1 - real / (N_SEQUENCES * MAX_LEN), 3),
                },
                "speedup_pack_random_vs_pad_global": round(
                    median["pack_random"] / median["pad_global"], 2
                ),
                "speedup_pack_bucketed_vs_pad_global": round(
                    median["pack_bucketed"] / median["pad_global"], 2
                ),
                "speedup_bucketed_vs_random": round(
                    median["pack_bucketed"] / median["pack_random"], 2
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
