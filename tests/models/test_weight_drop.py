"""Tests of DropConnect on the recurrent weights: fused kernel, masks, eval, persistence."""

from __future__ import annotations

import copy
import warnings

import pytest
import torch
from safetensors.torch import load_file, save_file
from torch import nn
from torch.overrides import TorchFunctionMode

from lstm_doctor.models.weight_drop import LSTMStack, WeightDropLSTM, build_lstm


class _CallLog(TorchFunctionMode):
    """Names of the torch functions called inside the block."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.names.append(getattr(func, "__name__", str(func)))
        return func(*args, **(kwargs or {}))


def make_lstm(p: float = 0.5, **kwargs) -> WeightDropLSTM:
    torch.manual_seed(0)
    return WeightDropLSTM(3, 8, weight_drop=p, **kwargs)


def plain_copy(lstm: WeightDropLSTM) -> nn.LSTM:
    """An nn.LSTM of the same shape holding the raw weights."""
    plain = nn.LSTM(
        lstm.input_size,
        lstm.hidden_size,
        num_layers=lstm.num_layers,
        bidirectional=lstm.bidirectional,
        batch_first=True,
    )
    state = {k.removesuffix("_raw"): v for k, v in lstm.state_dict().items()}
    plain.load_state_dict(state, strict=True)
    return plain


@pytest.fixture
def x() -> torch.Tensor:
    return torch.randn(5, 7, 3, generator=torch.Generator().manual_seed(1))


def test_is_an_nn_lstm_and_runs_one_fused_call_for_the_whole_window():
    lstm = WeightDropLSTM(1, 64, weight_drop=0.3, num_layers=2).train()
    x = torch.randn(64, 96, 1)

    with _CallLog() as log:
        outputs, _ = lstm(x)
    outputs.sum().backward()

    assert isinstance(lstm, nn.LSTM)
    assert outputs.shape == (64, 96, 64)
    assert log.names.count("lstm") == 1  # torch's fused op, not one cell call per step
    assert "lstm_cell" not in log.names
    assert len(log.names) < 50  # independent of the 96 steps


def test_recurrent_weights_are_raw_parameters_and_nothing_else_changes():
    lstm = make_lstm(bidirectional=True, num_layers=2)
    plain_names = {name for name, _ in nn.LSTM(3, 8, 2, bidirectional=True).named_parameters()}

    names = {name for name, _ in lstm.named_parameters()}

    raw = {n for n in plain_names if n.startswith("weight_hh")}
    assert names == (plain_names - raw) | {f"{n}_raw" for n in raw}
    assert set(lstm.state_dict()) == names  # the dropped copies are never saved
    assert all(getattr(lstm, n) is None for n in raw)  # set only during a call


def test_training_calls_draw_new_masks_and_eval_calls_are_deterministic(x):
    lstm = make_lstm(num_layers=2)

    lstm.train()
    assert not torch.equal(lstm(x)[0], lstm(x)[0])
    lstm.eval()
    assert torch.equal(lstm(x)[0], lstm(x)[0])


@pytest.mark.parametrize("bidirectional", [False, True])
def test_eval_equals_a_plain_lstm_with_the_raw_weights(x, bidirectional):
    lstm = make_lstm(num_layers=2, dropout=0.5, bidirectional=bidirectional).eval()
    plain = plain_copy(lstm).eval()

    out, (h, c) = lstm(x)
    ref, (h_ref, c_ref) = plain(x)

    torch.testing.assert_close(out, ref, rtol=0, atol=0)
    torch.testing.assert_close(h, h_ref, rtol=0, atol=0)
    torch.testing.assert_close(c, c_ref, rtol=0, atol=0)


def test_one_mask_per_call_shared_by_every_step_and_window(x):
    lstm = make_lstm(p=0.5).train()

    lstm(x)[0].sum().backward()

    # A dropped weight gets no gradient at all; with a mask per step or per window it would.
    zero = (lstm.weight_hh_l0_raw.grad == 0).float().mean()
    assert 0.3 < zero < 0.7
    assert lstm.weight_ih_l0.grad.abs().min() > 0


class _FusedWeights(TorchFunctionMode):
    """The weight list handed to torch's fused LSTM op."""

    weights: list[torch.Tensor] | None = None

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if getattr(func, "__name__", "") == "lstm":
            self.weights = [w.detach().clone() for w in args[2]]
        return func(*args, **(kwargs or {}))


def test_the_fused_op_gets_the_dropped_and_rescaled_recurrent_weights(x):
    lstm = make_lstm(p=0.25).train()
    raw = lstm.weight_hh_l0_raw.detach()

    with _FusedWeights() as fused:
        lstm(x)

    w_ih, w_hh = fused.weights[:2]
    kept = w_hh != 0
    assert torch.equal(w_ih, lstm.weight_ih_l0.detach())  # input kernel untouched
    assert 0.6 < kept.float().mean() < 0.9
    torch.testing.assert_close(w_hh[kept], raw[kept] / 0.75)


def test_no_warnings_and_survives_dtype_moves_and_copies(x):
    lstm = make_lstm(num_layers=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lstm.train()(x)
        lstm.eval()(x)
        doubled = copy.deepcopy(lstm).double()
        out, _ = doubled(x.double())
    assert out.dtype == torch.float64
    assert doubled.weight_hh_l0_raw.dtype == torch.float64


def test_state_dict_round_trips_through_safetensors(tmp_path, x):
    lstm = make_lstm(num_layers=2, bidirectional=True).eval()
    save_file(lstm.state_dict(), tmp_path / "w.safetensors")

    torch.manual_seed(1)
    again = WeightDropLSTM(3, 8, weight_drop=0.5, num_layers=2, bidirectional=True).eval()
    again.load_state_dict(load_file(tmp_path / "w.safetensors"), strict=True)

    assert torch.equal(again(x)[0], lstm(x)[0])


def test_build_lstm_uses_weight_drop_only_when_asked():
    plain = build_lstm(3, LSTMStack(8, layers=1, dropout=0.5))
    dropped = build_lstm(3, LSTMStack(8, layers=2, dropout=0.5, weight_drop=0.1))

    assert type(plain) is nn.LSTM
    assert plain.dropout == 0.0  # nothing to drop between layers of a single layer
    assert plain.batch_first
    assert isinstance(dropped, WeightDropLSTM)
    assert (dropped.dropout, dropped.weight_drop, dropped.batch_first) == (0.5, 0.1, True)
