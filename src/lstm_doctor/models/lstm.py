"""A stacked LSTM with a linear head that predicts the whole horizon at once."""

from __future__ import annotations

import torch
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.config.checks import check_no_covariates
from lstm_doctor.errors import ConfigError
from lstm_doctor.models.attention import AttentionPooling
from lstm_doctor.models.layer_norm import LayerNormLSTM
from lstm_doctor.models.normalization import WindowNorm, build_normalization
from lstm_doctor.models.weight_drop import LSTMStack, build_lstm, lstm_kernels

__all__ = ["LSTMForecaster", "build_model"]


class LSTMForecaster(nn.Module):
    """(batch, lookback, inputs) -> (batch, horizon, targets), direct multi-output.

    The inputs hold the targets first, then covariates. With the ``"last"`` head, the head
    reads the last layer's final hidden state; with ``bidirectional`` it reads both
    directions' final states (the backward one is the state after reading the whole window
    from its end, not the state at the last step, which would have seen one step). The
    ``"attention"`` head reads an attention-weighted sum of the last layer's outputs at every
    step. Normalization wraps the network per window; with ``channel_independent`` one network
    of one input and one output reads each channel as a separate window.

    Raises:
        ConfigError: ``channel_independent`` with covariates (``n_inputs != n_targets``).
    """

    def __init__(
        self,
        config: ModelConfig,
        n_inputs: int,
        n_targets: int,
        horizon: int,
        season: int | None = None,
    ) -> None:
        super().__init__()
        if config.channel_independent:
            check_no_covariates(
                n_inputs,
                n_targets,
                "channel_independent needs no covariates",
                "Drop the covariates or set channel_independent to false.",
            )
        self.config = config
        self.n_inputs, self.n_targets, self.horizon = n_inputs, n_targets, horizon
        n_in, n_out = (1, 1) if config.channel_independent else (n_inputs, n_targets)
        # Without layer_norm: one multi-layer nn.LSTM, whose state-dict keys older runs hold.
        encoder = LayerNormLSTM if config.layer_norm else build_lstm
        stack = LSTMStack.of(config)
        self.lstm = encoder(n_in, stack)
        width = stack.width
        self.attention = AttentionPooling(width) if config.head == "attention" else None
        self.head = nn.Linear(width, horizon * n_out)
        self.normalization: WindowNorm | None = build_normalization(
            config.normalization, n_inputs, n_targets, affine=config.revin_affine, season=season
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        context = None
        if self.normalization is not None:
            x, context = self.normalization.normalize(x)
        if self.config.channel_independent:
            batch, lookback, channels = x.shape
            x = x.transpose(1, 2).reshape(batch * channels, lookback, 1)
            y = self._network(x).view(batch, channels, self.horizon).transpose(1, 2).contiguous()
        else:
            y = self._network(x)
        if self.normalization is not None:
            y = self.normalization.denormalize(y, context)
        return y

    def _network(self, x: torch.Tensor) -> torch.Tensor:
        """The LSTM and its head: (batch, lookback, n_in) -> (batch, horizon, n_out)."""
        outputs, (h_n, _) = self.lstm(x)
        if self.attention is not None:
            features, _ = self.attention(outputs)
        elif self.config.bidirectional:
            features = torch.cat([h_n[-2], h_n[-1]], dim=-1)
        else:
            features = h_n[-1]
        return self.head(features).view(x.shape[0], self.horizon, -1)

    def kernels(self) -> list[nn.Parameter]:
        """LSTM weight matrices (input and recurrent kernels), the targets of ``l1``/``l2``.

        Under weight drop the recurrent kernels are the raw (undropped) weights.
        """
        return lstm_kernels(self.lstm)


def build_model(
    config: ModelConfig,
    n_inputs: int,
    n_targets: int,
    horizon: int,
    lookback: int | None = None,
    season: int | None = None,
) -> nn.Module:
    """Build a freshly initialized forecaster (weights come from the global torch seed).

    ``architecture`` picks the step LSTM (``LSTMForecaster``) or the segment LSTM
    (``SegmentLSTM``, which needs the ``lookback``). ``season``: the run's season, which
    the ``seasonal`` normalization (step architecture only) needs.

    Raises:
        ConfigError: ``channel_independent`` or the segment architecture with covariates
            (``n_inputs != n_targets``); ``seasonal`` normalization without a season or
            with the segment architecture.
    """
    if config.normalization == "seasonal" and (season is None or config.architecture != "step"):
        raise ConfigError(
            "normalization 'seasonal' needs the step architecture and a season (none was "
            "given or detected); pass season=N (--season N) or choose another normalization."
        )
    if config.architecture == "segment":
        from lstm_doctor.models.segment_lstm import SegmentLSTM

        if lookback is None:
            raise ValueError("build_model needs the lookback for architecture 'segment'")
        return SegmentLSTM(config, n_inputs, n_targets, horizon, lookback)
    return LSTMForecaster(config, n_inputs, n_targets, horizon, season)
