"""ONNX parity: torch vs onnxruntime outputs of the exported models, one JSON line.

Random weights (the default 2x64 forecaster, lookback 96, horizon 24, 7 inputs, one target,
every per-window normalization, season 24 for `seasonal`; 2x64 sequence classifiers with 12
features and 9 classes, every pooling), one batch of 256 (sequences of 7 to 29 steps,
right-padded, in one batch).
Per model: the largest absolute difference, and that divided by the largest |output|.

    python benchmarks/onnx_parity.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import onnxruntime
import torch

from lstm_doctor.config import NORMALIZATIONS, ModelConfig
from lstm_doctor.export.onnx import (
    export_forecaster,
    export_sequence_model,
    load_session,
    run_session,
)
from lstm_doctor.models.lstm import build_model
from lstm_doctor.models.sequence_ensemble import build_sequence_predictor


def _gap(reference: torch.Tensor, onnx_out: np.ndarray) -> dict[str, float]:
    ref = reference.detach().numpy()
    worst = float(np.abs(ref - onnx_out).max())
    return {"max_abs": worst, "max_over_max_output": worst / float(np.abs(ref).max())}


def main() -> None:
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(5)
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for norm in NORMALIZATIONS:
            torch.manual_seed(0)
            config = ModelConfig(normalization=norm, revin_affine=True)
            model = build_model(config, 7, 1, 24, lookback=96, season=24).eval()
            path = export_forecaster(model, Path(tmp) / f"{norm}.onnx", lookback=96, n_inputs=7)
            x = torch.randn(256, 96, 7, generator=generator)
            out[f"forecaster_{norm}"] = _gap(
                model(x), run_session(load_session(path, 1), x.numpy())
            )
        for pooling, bidirectional in (("last", True), ("mean", False), ("attention", True)):
            torch.manual_seed(0)
            config = ModelConfig(units=64, layers=2, bidirectional=bidirectional)
            model = build_sequence_predictor(
                config, 12, 9, pooling, "auto", n_members=1, classify=True
            ).eval()
            path = export_sequence_model(model, Path(tmp) / "s.onnx", n_features=12)
            lengths = torch.randint(7, 30, (256,), generator=generator)
            x = torch.randn(256, 29, 12, generator=generator)
            x[torch.arange(29)[None] >= lengths[:, None]] = 0.0
            onnx_out = run_session(load_session(path, 1), x.numpy(), lengths.numpy())
            name = f"sequence_{pooling}_{'bi' if bidirectional else 'uni'}"
            out[name] = _gap(model(x, lengths), onnx_out)
    print(
        json.dumps(
            {
                "benchmark": "onnx_parity",
                "models": {k: {m: float(f"{v:.3g}") for m, v in d.items()} for k, d in out.items()},
                "torch": torch.__version__,
                "onnxruntime": onnxruntime.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
