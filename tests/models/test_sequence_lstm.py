"""Padding invariance, in both encoder modes: a sequence gives the same output and loss
alone, in a batch with other lengths, and with extra padding (of any value: NaN and huge
numbers included); no gradient reaches the padding; dense and packed modes agree."""

from __future__ import annotations

import pytest
import torch

from lstm_doctor.config import ModelConfig
from lstm_doctor.models.sequence_encoder import resolve_packing
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.training.sequence_trainer import SequenceLoss

LENGTHS = torch.tensor([9, 2, 6, 1, 4])
MODES = ("dense", "packed")
CASES = [
    (pooling, bidirectional, layers)
    for pooling in ("last", "mean", "attention")
    for bidirectional in (False, True)
    for layers in (1, 2)
]


def _batch(fill: float) -> torch.Tensor:
    x = torch.randn(len(LENGTHS), int(LENGTHS.max()), 3, generator=torch.Generator().manual_seed(1))
    for i, n in enumerate(LENGTHS):
        x[i, n:] = fill
    return x


def _model(packing: str, pooling: str, bidirectional: bool = True, layers: int = 2, **model):
    torch.manual_seed(0)
    config = ModelConfig(layers=layers, units=8, bidirectional=bidirectional, **model)
    return build_sequence_model(config, 3, 4, pooling, packing)


@pytest.mark.parametrize("packing", MODES)
@pytest.mark.parametrize(("pooling", "bidirectional", "layers"), CASES)
def test_padding_invariance_of_outputs_and_loss(packing, pooling, bidirectional, layers) -> None:
    model = _model(packing, pooling, bidirectional, layers, dropout=0.3).eval()
    targets = torch.tensor([0, 3, 1, 2, 1])
    loss = SequenceLoss("classify", label_smoothing=0.1)
    x = _batch(0.0)
    mixed = model(x, LENGTHS)
    alone = torch.cat([model(x[i : i + 1, :n], LENGTHS[i : i + 1]) for i, n in enumerate(LENGTHS)])
    extra = model(torch.cat([x, torch.zeros(len(LENGTHS), 7, 3)], dim=1), LENGTHS)
    torch.testing.assert_close(mixed, alone, atol=1e-6, rtol=0)
    torch.testing.assert_close(mixed, extra, atol=1e-6, rtol=0)
    torch.testing.assert_close(loss(mixed, targets), loss(alone, targets), atol=1e-6, rtol=0)
    torch.testing.assert_close(loss(mixed, targets), loss(extra, targets), atol=1e-6, rtol=0)


@pytest.mark.parametrize("packing", MODES)
@pytest.mark.parametrize("pooling", ["last", "mean", "attention"])
@pytest.mark.parametrize("fill", [float("nan"), 1e30, -1e6])
def test_the_recurrence_never_sees_padding(packing, pooling, fill) -> None:
    model = _model(packing, pooling).eval()
    clean = model(_batch(0.0), LENGTHS)
    dirty = model(_batch(fill), LENGTHS)
    assert torch.isfinite(dirty).all()
    torch.testing.assert_close(clean, dirty, atol=0, rtol=0)


@pytest.mark.parametrize("packing", MODES)
@pytest.mark.parametrize("pooling", ["last", "mean", "attention"])
@pytest.mark.parametrize("fill", [0.0, float("nan")])
def test_gradients_do_not_reach_padding(packing, pooling, fill) -> None:
    model = _model(packing, pooling)
    x = _batch(fill).requires_grad_(True)
    model(x, LENGTHS).sum().backward()
    for i, n in enumerate(LENGTHS):
        assert (x.grad[i, n:] == 0).all()
    assert all(torch.isfinite(p.grad).all() for p in model.parameters() if p.grad is not None)


@pytest.mark.parametrize("pooling", ["last", "mean", "attention"])
@pytest.mark.parametrize(("bidirectional", "layers"), [(False, 1), (True, 1), (True, 2)])
def test_dense_and_packed_modes_give_the_same_outputs_and_gradients(
    pooling, bidirectional, layers
) -> None:
    dense = _model("dense", pooling, bidirectional, layers)
    packed = _model("packed", pooling, bidirectional, layers)
    packed.load_state_dict(dense.state_dict(), strict=True)
    targets = torch.tensor([0, 3, 1, 2, 1])
    outputs = {}
    for name, model in (("dense", dense), ("packed", packed)):
        output = model(_batch(0.0), LENGTHS)
        SequenceLoss("classify")(output, targets).backward()
        outputs[name] = output
    torch.testing.assert_close(outputs["dense"], outputs["packed"], atol=1e-5, rtol=0)
    for (name, a), b in zip(dense.named_parameters(), packed.parameters(), strict=True):
        torch.testing.assert_close(a.grad, b.grad, atol=1e-5, rtol=0, msg=name)


def test_the_encoder_computes_torchs_bidirectional_stacked_lstm() -> None:
    model = _model("dense", "mean", True, 2).eval()
    reference = torch.nn.LSTM(3, 8, num_layers=2, bidirectional=True, batch_first=True)
    with torch.no_grad():
        for layer in range(2):
            for direction, suffix in enumerate(("", "_reverse")):
                cell = model.encoder.cells[2 * layer + direction]
                for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                    getattr(reference, f"{kind}_l{layer}{suffix}").copy_(
                        getattr(cell, f"{kind}_l0")
                    )
    x = _batch(0.0)
    expected = [reference(x[i : i + 1, :n])[0][0] for i, n in enumerate(LENGTHS)]
    outputs = model.encoder(x, LENGTHS)
    for i, n in enumerate(LENGTHS):
        torch.testing.assert_close(outputs[i, :n], expected[i], atol=1e-6, rtol=0)
        assert (outputs[i, n:] == 0).all()


@pytest.mark.parametrize("packing", MODES)
def test_weight_drop_model_runs(packing) -> None:
    model = _model(packing, "last", False, 1, weight_drop=0.3)
    assert model(_batch(0.0), LENGTHS).shape == (5, 4)
    assert len(model.kernels()) == 2


def test_auto_is_dense_on_cpu() -> None:
    assert resolve_packing("auto", torch.device("cpu")) == "dense"
    assert resolve_packing("auto", torch.device("cuda")) == "packed"
    assert resolve_packing("packed", torch.device("cpu")) == "packed"


# ------------------------------------------------ the LSTM-FCN family, summary, series norm
ARCHITECTURES = [
    {"encoder": "lstm-fcn"},
    {"encoder": "mlstm-fcn"},
    {"encoder": "lstm", "summary": True},
    {"encoder": "lstm", "series_norm": True},
    {"encoder": "mlstm-fcn", "summary": True, "series_norm": True},
]


def _wide_model(packing: str, pooling: str = "mean", **architecture):
    torch.manual_seed(0)
    config = ModelConfig(layers=1, units=8, bidirectional=True, dropout=0.0)
    model = build_sequence_model(config, 3, 4, pooling, packing, **architecture)
    model.fit_inputs(_batch(0.0), LENGTHS)
    return model


@pytest.mark.parametrize("packing", MODES)
@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_every_encoder_is_padding_invariant(packing, architecture) -> None:
    model = _wide_model(packing, **architecture).eval()
    x = _batch(0.0)
    mixed = model(x, LENGTHS)
    alone = torch.cat([model(x[i : i + 1, :n], LENGTHS[i : i + 1]) for i, n in enumerate(LENGTHS)])
    extra = model(torch.cat([x, torch.zeros(len(LENGTHS), 7, 3)], dim=1), LENGTHS)
    torch.testing.assert_close(mixed, alone, atol=1e-5, rtol=0)
    torch.testing.assert_close(mixed, extra, atol=1e-5, rtol=0)


@pytest.mark.parametrize("packing", MODES)
@pytest.mark.parametrize("pooling", ["last", "mean", "attention"])
@pytest.mark.parametrize("encoder", ["lstm", "lstm-fcn", "mlstm-fcn"])
@pytest.mark.parametrize("fill", [float("nan"), 1e30])
def test_every_encoder_and_pooling_ignores_extra_nan_padding(packing, pooling, encoder, fill):
    """Seven more padded steps of NaN (or huge values) after every sequence, in evaluation
    mode: the same outputs as the batch without them, and as each sequence alone."""
    model = _wide_model(packing, pooling, encoder=encoder).eval()
    x = _batch(0.0)
    mixed = model(x, LENGTHS)
    dirty = _batch(fill)
    extra = model(torch.cat([dirty, torch.full((len(LENGTHS), 7, 3), fill)], dim=1), LENGTHS)
    alone = torch.cat([model(x[i : i + 1, :n], LENGTHS[i : i + 1]) for i, n in enumerate(LENGTHS)])
    assert torch.isfinite(extra).all()
    torch.testing.assert_close(mixed, extra, atol=1e-5, rtol=0)
    torch.testing.assert_close(mixed, alone, atol=1e-5, rtol=0)


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("fill", [float("nan"), 1e30, -1e6])
def test_no_encoder_reads_padding_values(architecture, fill) -> None:
    model = _wide_model("dense", **architecture).eval()
    clean = model(_batch(0.0), LENGTHS)
    dirty = model(_batch(fill), LENGTHS)
    assert torch.isfinite(dirty).all()
    torch.testing.assert_close(clean, dirty, atol=0, rtol=0)


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("fill", [0.0, float("nan")])
def test_conv_and_summary_gradients_do_not_reach_padding(architecture, fill) -> None:
    model = _wide_model("dense", **architecture)
    x = _batch(fill).requires_grad_(True)
    model(x, LENGTHS).sum().backward()
    for i, n in enumerate(LENGTHS):
        assert (x.grad[i, n:] == 0).all()
    assert all(torch.isfinite(p.grad).all() for p in model.parameters() if p.grad is not None)


@pytest.mark.parametrize("encoder", ["lstm-fcn", "mlstm-fcn"])
def test_training_mode_batch_norm_ignores_extra_padding(encoder) -> None:
    """Batch statistics count real steps only: extra (NaN) padding changes neither the
    outputs in training mode nor the running statistics."""
    runs = []
    for extra, fill in ((0, 0.0), (7, float("nan"))):
        model = _wide_model("dense", encoder=encoder).train()
        x = _batch(fill)
        x = torch.cat([x, torch.full((len(LENGTHS), extra, 3), fill)], dim=1)
        runs.append((model(x, LENGTHS), model.conv.norms[0].running_mean.clone()))
    torch.testing.assert_close(runs[0][0], runs[1][0], atol=1e-5, rtol=0)
    torch.testing.assert_close(runs[0][1], runs[1][1], atol=1e-6, rtol=0)


def test_conv_encoders_add_their_branch_to_the_head() -> None:
    lstm = _wide_model("dense")
    fcn = _wide_model("dense", encoder="lstm-fcn")
    mlstm = _wide_model("dense", encoder="mlstm-fcn", summary=True)
    assert lstm.conv is None and lstm.head.in_features == 16
    assert fcn.head.in_features == 16 + 128 and len(fcn.conv.excites) == 0
    assert len(mlstm.conv.excites) == 2 and mlstm.head.in_features == 16 + 128 + 5 * 3
