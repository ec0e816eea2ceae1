"""A stacked LSTM with a linear head that predicts the whole horizon at once."""

from __future__ import annotations

import torch
from torch import nn

from lstm_doctor.config import ModelConfig

__all__ = ["LSTMForecaster", "build_model"]


class LSTMForecaster(nn.Module):
    """(batch, lookback, inputs) -> (batch, horizon, targets), direct multi-output.

    The head reads the last layer's final hidden state; with ``bidirectional`` it reads both
    directions' final states (the backward one is the state after reading the whole window
    from its end, not the state at the last step, which would have seen one step).
    """

    def __init__(self, config: ModelConfig, n_inputs: int, n_targets: int, horizon: int) -> None:
        super().__init__()
        self.config = config
        self.n_inputs, self.n_targets, self.horizon = n_inputs, n_targets, horizon
        self.lstm = nn.LSTM(
            input_size=n_inputs,
            hidden_size=config.units,
            num_layers=config.layers,
            dropout=config.dropout if config.layers > 1 else 0.0,
            bidirectional=config.bidirectional,
            batch_first=True,
        )
        n_directions = 2 if config.bidirectional else 1
        self.head = nn.Linear(config.units * n_directions, horizon * n_targets)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h_n, _) = self.lstm(x)
        last = torch.cat([h_n[-2], h_n[-1]], dim=-1) if self.config.bidirectional else h_n[-1]
        return self.head(last).view(-1, self.horizon, self.n_targets)

    def kernels(self) -> list[nn.Parameter]:
        """LSTM weight matrices (input and recurrent kernels), the targets of ``l1``/``l2``."""
        return [p for name, p in self.lstm.named_parameters() if name.startswith("weight_")]


def build_model(config: ModelConfig, n_inputs: int, n_targets: int, horizon: int) -> LSTMForecaster:
    """Build a freshly initialized forecaster (weights come from the global torch seed)."""
    return LSTMForecaster(config, n_inputs, n_targets, horizon)
