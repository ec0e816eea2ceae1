"""Tests for lstm_doctor.export.onnx: torch and onnxruntime give the same outputs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

pytest.importorskip("onnxruntime")

from lstm_doctor import ArtifactError, ConfigError
from lstm_doctor.config import NORMALIZATIONS, ModelConfig
from lstm_doctor.export.onnx import (
    export_forecaster,
    export_sequence_model,
    load_session,
    run_session,
    session_metadata,
)
from lstm_doctor.models.lstm import build_model
from lstm_doctor.models.sequence_ensemble import build_sequence_predictor

RTOL = 1e-4  # the bound on the relative difference


def _close(torch_out: torch.Tensor, onnx_out: np.ndarray) -> float:
    """Largest difference relative to the output's own scale (max |torch output|)."""
    reference = torch_out.detach().numpy()
    return float(np.max(np.abs(reference - onnx_out)) / np.max(np.abs(reference)))


FORECASTERS = [
    *({"normalization": n, "revin_affine": True} for n in NORMALIZATIONS),
    {"head": "attention", "bidirectional": True},
    {"layer_norm": True, "normalization": "revin"},
    {"weight_drop": 0.3, "dropout": 0.2},
]


@pytest.mark.parametrize("settings", FORECASTERS, ids=lambda s: "-".join(map(str, s.values())))
def test_forecaster_parity_with_a_dynamic_batch(settings, tmp_path):
    torch.manual_seed(0)
    model = build_model(ModelConfig(units=16, **settings), 3, 2, 6, season=4).eval()
    path = export_forecaster(
        model, tmp_path / "m.onnx", lookback=12, n_inputs=3, metadata={"lookback": 12}
    )
    session = load_session(path, threads=1)
    for batch in (1, 37):  # exported with a batch of 2
        x = torch.randn(batch, 12, 3) * 2 + 5  # away from 0, as raw levels are
        assert _close(model(x), run_session(session, x.numpy())) <= RTOL
    assert session_metadata(session) == {"lookback": 12}


@pytest.mark.parametrize("normalization", ["last_value", "revin", "none"])
def test_segment_forecaster_parity(normalization, tmp_path):
    torch.manual_seed(4)
    config = ModelConfig(architecture="segment", units=16, normalization=normalization)
    model = build_model(config, 2, 2, 6, lookback=12).eval()
    path = export_forecaster(model, tmp_path / "seg.onnx", lookback=12, n_inputs=2)
    session = load_session(path, threads=1)
    for batch in (1, 19):
        x = torch.randn(batch, 12, 2) * 2 + 5
        assert _close(model(x), run_session(session, x.numpy())) <= RTOL


def test_channel_independent_forecaster_parity(tmp_path):
    torch.manual_seed(1)
    config = ModelConfig(units=8, channel_independent=True, normalization="revin")
    model = build_model(config, 2, 2, 4).eval()
    session = load_session(export_forecaster(model, tmp_path / "ci.onnx", lookback=10, n_inputs=2))
    x = torch.randn(5, 10, 2)
    assert _close(model(x), run_session(session, x.numpy())) <= RTOL


class _TinyGRU(nn.Module):
    """Not one of ours: any (batch, lookback, inputs) -> (batch, horizon, targets) module."""

    def __init__(self) -> None:
        super().__init__()
        self.gru = nn.GRU(3, 8, batch_first=True)
        self.head = nn.Linear(8, 4 * 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        last = x[:, -1:, :2]
        out, _ = self.gru(x - x[:, -1:])
        return self.head(out[:, -1]).view(x.shape[0], 4, 2) + last


def test_any_forecaster_module_with_the_same_signature_exports(tmp_path):
    torch.manual_seed(2)
    model = _TinyGRU().eval()
    session = load_session(export_forecaster(model, tmp_path / "g.onnx", lookback=9, n_inputs=3))
    x = torch.randn(4, 9, 3)
    assert _close(model(x), run_session(session, x.numpy())) <= RTOL


@pytest.mark.parametrize(
    ("pooling", "bidirectional", "members"),
    [("last", False, 1), ("last", True, 1), ("mean", True, 1), ("attention", False, 2)],
)
def test_sequence_model_parity_on_a_mixed_length_batch(pooling, bidirectional, members, tmp_path):
    torch.manual_seed(3)
    config = ModelConfig(units=8, layers=2, bidirectional=bidirectional)
    model = build_sequence_predictor(
        config, 3, 4, pooling, "packed", n_members=members, classify=True
    ).eval()  # packed: the graph must still use the dense, maskable path
    path = export_sequence_model(model, tmp_path / "s.onnx", n_features=3)
    session = load_session(path, threads=1)
    lengths = torch.tensor([9, 1, 4, 7, 9, 2])
    x = torch.randn(6, 9, 3)
    x[torch.arange(9)[None, :] >= lengths[:, None]] = 0.0  # right padding
    onnx_out = run_session(session, x.numpy(), lengths.numpy())
    assert _close(model(x, lengths), onnx_out) <= RTOL
    # each sequence alone, unpadded, gives what the padded batch gave it
    for i in (1, 2):
        alone = model(x[i : i + 1, : lengths[i]], lengths[i : i + 1])
        assert _close(alone, onnx_out[i : i + 1]) <= RTOL
    import onnx

    ops = {node.op_type for node in onnx.load(str(path)).graph.node}
    assert "LSTM" in ops


def test_export_and_load_errors(tmp_path):
    model = build_model(ModelConfig(units=4, layers=1), 1, 1, 2).eval()
    with pytest.raises(ConfigError, match=r"--onnx must name a \.onnx file"):
        export_forecaster(model, tmp_path / "m.bin", lookback=5, n_inputs=1)
    with pytest.raises(ArtifactError, match="No ONNX file at"):
        load_session(tmp_path / "missing.onnx")
    (tmp_path / "bad.onnx").write_bytes(b"not a model")
    with pytest.raises(ArtifactError, match="is not a loadable ONNX model"):
        load_session(tmp_path / "bad.onnx")
    session = load_session(export_forecaster(model, tmp_path / "m.onnx", lookback=5, n_inputs=1))
    with pytest.raises(ConfigError, match="The ONNX model takes"):
        run_session(session, np.zeros((1, 5, 1), np.float32), np.zeros(1))
