"""Stacked one-layer LSTMs with layer normalization between them."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from lstm_doctor.models.weight_drop import LSTMStack, build_lstm

__all__ = ["LayerNormLSTM"]


class LayerNormLSTM(nn.Module):
    """A multi-layer LSTM with ``LayerNorm`` then dropout between layers.

    Called like a batch-first ``nn.LSTM``: (batch, time, inputs) -> outputs (batch, time,
    directions * units) and ``(h_n, c_n)`` of shape (layers * directions, batch, units), in
    ``nn.LSTM``'s order. Each layer is its own fused ``nn.LSTM`` (with weight drop when
    asked), so normalization costs one kernel launch per layer, not one per step.
    """

    def __init__(self, input_size: int, stack: LSTMStack) -> None:
        super().__init__()
        self.dropout = stack.dropout
        layer = stack.one_layer()
        self.layers = nn.ModuleList(
            build_lstm(input_size if k == 0 else stack.width, layer) for k in range(stack.layers)
        )
        self.norms = nn.ModuleList(nn.LayerNorm(stack.width) for _ in range(stack.layers - 1))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        h_n, c_n = [], []
        for k, layer in enumerate(self.layers):
            if k > 0:
                x = F.dropout(self.norms[k - 1](x), self.dropout, self.training)
            x, (h, c) = layer(x)
            h_n.append(h)
            c_n.append(c)
        return x, (torch.cat(h_n), torch.cat(c_n))
