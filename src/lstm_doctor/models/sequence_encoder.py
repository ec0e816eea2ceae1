"""An exact LSTM encoder of right-padded variable-length sequences, in two modes.

One single-layer, single-direction ``nn.LSTM`` per layer and direction holds the weights;
both modes use them, so they compute the same function:

- ``packed``: each layer and direction packs its input (``pack_padded_sequence``), the
  recurrence skips the padding. cuDNN's packed kernel is fast; PyTorch's CPU one steps
  through the batch time step by time step and is ~5x slower than the fused dense kernel.
- ``dense``: the fused kernel runs over the right-padded batch. An LSTM is causal, so the
  forward direction's outputs at real steps are those of the unpadded sequence. The
  backward direction reads each sequence reversed *within its own length* (padding stays
  at the end), so it is causal too, and its outputs are reversed back the same way. The
  padding is zeroed before every layer, so whatever it holds (NaN included) never enters
  a real step, and no gradient reaches it.

``auto`` is dense on CPU and packed on CUDA. Outputs at padded steps are 0 in both modes.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstm_doctor.models.weight_drop import LSTMStack, build_lstm

__all__ = ["PACKINGS", "SequenceEncoder", "resolve_packing", "reverse_within"]

PACKINGS = ("auto", "packed", "dense")


def resolve_packing(packing: str, device: torch.device) -> str:
    """``packed`` or ``dense``: ``auto`` packs on CUDA only (see the module docstring)."""
    if packing == "auto":
        return "packed" if device.type == "cuda" else "dense"
    return packing


def reverse_within(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Reverse each sequence of (batch, time, features) within its length; padding stays.

    ``out[b, t] = x[b, L_b - 1 - t]`` for ``t < L_b`` and ``x[b, t]`` after; its own inverse.
    """
    steps = torch.arange(x.shape[1], device=x.device)[None, :]
    ends = lengths.to(x.device)[:, None]
    index = torch.where(steps < ends, ends - 1 - steps, steps)
    return x.gather(1, index[:, :, None].expand(-1, -1, x.shape[2]))


def _packed_run(lstm: nn.LSTM, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
    outputs, _ = lstm(packed)
    padded, _ = pad_packed_sequence(outputs, batch_first=True, total_length=x.shape[1])
    return padded


class SequenceEncoder(nn.Module):
    """(batch, time, features) + lengths (batch,) -> outputs (batch, time, width).

    ``width`` is ``units`` times the number of directions (forward first). ``dropout`` acts
    between stacked layers, as ``nn.LSTM``'s; ``weight_drop`` is DropConnect on each
    recurrent matrix (``WeightDropLSTM``).
    """

    def __init__(self, n_features: int, stack: LSTMStack, *, packing: str = "auto") -> None:
        super().__init__()
        self.units, self.layers, self.packing = stack.units, stack.layers, packing
        self.n_directions = 2 if stack.bidirectional else 1
        self.width = stack.width
        self.dropout = stack.dropout
        # One cell a direction a layer: the backward one reads each sequence reversed within
        # its own length, which a bidirectional nn.LSTM cannot do on padded input.
        cell = stack.one_layer(bidirectional=False)
        self.cells = nn.ModuleList(
            build_lstm(n_features if layer == 0 else self.width, cell)
            for layer in range(stack.layers)
            for _ in range(self.n_directions)
        )

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        mode = resolve_packing(self.packing, x.device)
        real = torch.arange(x.shape[1], device=x.device)[None, :] < lengths.to(x.device)[:, None]
        real = real[:, :, None]
        h = x.masked_fill(~real, 0.0)  # NaN padding would poison the dense backward pass
        for layer in range(self.layers):
            if layer > 0 and self.dropout > 0:
                h = F.dropout(h, self.dropout, self.training)
            outputs = []
            for direction in range(self.n_directions):
                lstm = self.cells[layer * self.n_directions + direction]
                step_in = h if direction == 0 else reverse_within(h, lengths)
                if mode == "packed":
                    out = _packed_run(lstm, step_in, lengths)
                else:
                    out, _ = lstm(step_in)
                outputs.append(out if direction == 0 else reverse_within(out, lengths))
            h = torch.cat(outputs, dim=-1) if len(outputs) > 1 else outputs[0]
            h = h.masked_fill(~real, 0.0)
        return h

    def last_state(self, outputs: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """(batch, width): the forward output at the last real step and, if bidirectional,
        the backward output at step 0 (after reading the whole sequence from its end)."""
        rows = torch.arange(outputs.shape[0], device=outputs.device)
        last = outputs[rows, lengths.to(outputs.device) - 1, : self.units]
        if self.n_directions == 1:
            return last
        return torch.cat([last, outputs[:, 0, self.units :]], dim=-1)
