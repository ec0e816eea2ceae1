"""Stacked one-layer LSTMs with layer normalization between them."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from lstm_doctor.models.weight_drop import build_lstm

__all__ = ["LayerNormLSTM"]


class LayerNormLSTM(nn.Module):
    """A multi-layer LSTM with ``LayerNorm`` then dropout between layers.

    Called like a batch-first ``nn.LSTM``: (batch, time, inputs) -> outputs (batch, time,
    directions * units) and ``(h_n, c_n)`` of shape (layers * directions, batch, units), in
    ``nn.LSTM``'s order. Each layer is its own fused ``nn.LSTM`` (with weight drop when
    asked), so normalization costs one kernel launch per layer, not one per step.
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        num_layers: int,
        dropout: float,
        bidirectional: bool,
        weight_drop: float,
    ) -> None:
        super().__init__()
        width = hidden_size * (2 if bidirectional else 1)
        self.dropout = dropout
        self.layers = nn.ModuleList(
            build_lstm(
                input_size if k == 0 else width,
                hidden_size,
                num_layers=1,
                dropout=0.0,
                bidirectional=bidirectional,
                weight_drop=weight_drop,
            )
            for k in range(num_layers)
        )
        self.norms = nn.ModuleList(nn.LayerNorm(width) for _ in range(num_layers - 1))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        h_n, c_n = [], []
        for k, layer in enumerate(self.layers):
            if k > 0:
                x = F.dropout(self.norms[k - 1](x), self.dropout, self.training)
            x, (h, c) = layer(x)
            h_n.append(h)
            c_n.append(c)
        return x, (torch.cat(h_n), torch.cat(c_n))
