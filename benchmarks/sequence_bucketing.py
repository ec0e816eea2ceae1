"""What exact variable-length training costs against plain padding: sequences/s, one JSON line.

Four ways to train the same LSTM classifier (12 -> 64 units) on sequences of 20..400 steps,
forward and backward, one thread:
(a) ``pad_global``: every batch padded to the longest sequence of the dataset, dense, no
    masking (the naive way: the LSTM runs over all the padding; the head reads the output
    at each sequence's last step, so the bidirectional backward pass would be wrong);
(b) ``pack_random``: random batches cut to their own longest sequence, packed;
(c) ``pack_bucketed``: batches of similar lengths (``bucket_batches``), packed;
(d) ``dense_bucketed``: batches of similar lengths, the exact dense mode (the default on
    CPU: the fused kernel over the little padding a bucket holds, never read).
The variants alternate within each repeat (in a rotating order) and the medians are
reported, so the ratios come from the same run under the same machine load.
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

N_SEQUENCES, N_FEATURES, N_CLASSES, BATCH, REPEATS = 192, 12, 4, 32, 5
MIN_LEN, MAX_LEN = 20, 400


def _epoch(model, values, lengths, labels, batches, *, naive: bool) -> float:
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    started = time.perf_counter()
    for index in batches:
        width = values.shape[1] if naive else int(lengths[index].max())
        x, n = values[index, :width], lengths[index]
        if naive:  # the LSTM reads every padded step
            outputs, _ = model.encoder.cells[0](x)
            output = model.head(outputs[torch.arange(len(index)), n - 1])
        else:
            output = model(x, n)
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
    labels = torch.randint(0, N_CLASSES, (N_SEQUENCES,), generator=generator)
    config = ModelConfig(layers=1, units=64)
    models = {}
    for packing in ("packed", "dense"):
        torch.manual_seed(0)  # the same weights in every variant
        models[packing] = build_sequence_model(config, N_FEATURES, N_CLASSES, "last", packing)
    variants = {  # name: (model, bucketed batches, naive padding)
        "pad_global": (models["dense"], False, True),
        "pack_random": (models["packed"], False, False),
        "pack_bucketed": (models["packed"], True, False),
        "dense_bucketed": (models["dense"], True, False),
    }
    rates: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for repeat in range(REPEATS):
        random = list(torch.randperm(N_SEQUENCES, generator=generator).split(BATCH))
        bucketed = bucket_batches(lengths, BATCH, generator)
        for name in names[repeat % 4 :] + names[: repeat % 4]:
            model, bucket, naive = variants[name]
            batches = bucketed if bucket else random
            rates[name].append(_epoch(model, values, lengths, labels, batches, naive=naive))
    median = {name: statistics.median(r) for name, r in rates.items()}
    real = int(lengths.sum())
    bucketed = bucket_batches(lengths, BATCH, None)
    bucket_steps = sum(len(b) * int(lengths[b].max()) for b in bucketed)
    print(
        json.dumps(
            {
                "benchmark": "sequence_bucketing",
                "n_sequences": N_SEQUENCES,
                "lengths": [MIN_LEN, MAX_LEN],
                "features": N_FEATURES,
                "units": config.units,
                "batch_size": BATCH,
                "threads": torch.get_num_threads(),
                "repeats": REPEATS,
                "sequences_per_s": {k: round(v, 1) for k, v in median.items()},
                "vs_pad_global": {k: round(v / median["pad_global"], 2) for k, v in median.items()},
                "padding_share": {
                    "pad_global": round(1 - real / (N_SEQUENCES * MAX_LEN), 3),
                    "bucketed": round(1 - real / bucket_steps, 3),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
