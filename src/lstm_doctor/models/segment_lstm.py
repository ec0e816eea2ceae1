"""A segment-recurrent LSTM (SegRNN-style, Lin et al. 2023) for long lookbacks and horizons.

Each channel's lookback is cut into segments of ``segment_length`` steps; a linear layer and
a ReLU embed every segment into ``units``; an LSTM reads the segments (lookback / segment
steps instead of lookback steps). The horizon is cut into segments too and decoded from the
encoder's final state:

- ``parallel`` (SegRNN's PMF): every output segment is one step of the same LSTM from the
  encoder's final state, whose input is a learned position embedding (which output segment)
  next to a learned channel embedding (which channel); all segments of all windows and
  channels go through the LSTM in one batched call, then dropout and a linear layer to the
  segment's values.
- ``recurrent`` (SegRNN's RMF, for comparison): one output segment at a time; each forecast
  segment is embedded and fed back as the next step's input.

Channels share every weight (channel independence) and are told apart by the channel
embedding in the parallel decoder. Covariates are refused: a covariate has no forecast to
decode, and mixing channels would give up the channel independence the model rests on.

Lengths that are not multiples of the segment: the lookback is left-padded to a whole number
of segments by repeating its first value (a constant continuation the embedding can learn to
ignore; nothing of the window is dropped), and ``ceil(horizon / segment)`` segments are
decoded and the forecast cropped to the horizon (the extra steps are never scored or
returned).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.config.checks import check_no_covariates
from lstm_doctor.models.normalization import WindowNorm, build_normalization

__all__ = ["SegmentLSTM", "default_segment_length"]

# The segment length the default aims at: SegRNN's 48 steps. Chosen on validation only
# (benchmarks/segment_defaults_val.jsonl): at lookback 720, 48 beat a day of data on hourly
# ETTh1 (24) and on quarter-hourly ETTm1 (90, the divisor nearest its season of 96).
_TARGET_SEGMENT = 48
# The encoder reads at least this many segments, so the recurrence has something to do.
_MIN_SEGMENTS = 4


def default_segment_length(lookback: int, season: int | None = None) -> int:
    """The divisor of ``lookback`` nearest to 48 steps, ties to the smaller.

    Divisors that would leave fewer than four segments are skipped (lookbacks under four
    steps get one-step segments), so no padding is ever needed with the default: lookback
    720 -> 48 (15 segments), 96 -> 24, 100 -> 25. ``season`` is accepted for the callers
    and not used: a segment near a day of data (24 hourly, 96 quarter-hourly) did worse on
    validation than 48 steps on both ETT granularities (docs/segment_lstm.md).
    """
    del season  # see the docstring
    cap = max(1, lookback // _MIN_SEGMENTS)
    divisors = [d for d in range(1, cap + 1) if lookback % d == 0]
    return min(divisors, key=lambda d: (abs(d - _TARGET_SEGMENT), d))


class SegmentLSTM(nn.Module):
    """(batch, lookback, channels) -> (batch, horizon, channels), segment-recurrent.

    Raises:
        ConfigError: covariates (``n_inputs != n_targets``).
    """

    def __init__(
        self,
        config: ModelConfig,
        n_inputs: int,
        n_targets: int,
        horizon: int,
        lookback: int,
    ) -> None:
        super().__init__()
        check_no_covariates(
            n_inputs,
            n_targets,
            "architecture 'segment' forecasts every input channel and takes no covariates",
            "Make the covariates targets, drop them, or use --architecture step.",
        )
        self.config = config
        self.n_inputs, self.n_targets, self.horizon = n_inputs, n_targets, horizon
        self.lookback = lookback
        segment = config.segment_length or default_segment_length(lookback, None)
        self.segment_length = segment
        self.n_in_segments = math.ceil(lookback / segment)
        self.pad = self.n_in_segments * segment - lookback
        self.n_out_segments = math.ceil(horizon / segment)
        units = config.units
        self.embed = nn.Sequential(nn.Linear(segment, units), nn.ReLU())
        # One LSTM encodes and decodes (as in SegRNN): the decoder's step continues the
        # encoder's recurrence from its final state.
        self.lstm = nn.LSTM(
            units,
            units,
            num_layers=config.layers,
            dropout=config.dropout if config.layers > 1 else 0.0,
            batch_first=True,
        )
        if config.decoder == "parallel":
            # Half the input says which output segment, half which channel (SegRNN's split).
            self.position_embedding = nn.Parameter(
                torch.randn(self.n_out_segments, units - units // 2)
            )
            self.channel_embedding = nn.Parameter(torch.randn(n_targets, units // 2))
        self.head = nn.Sequential(nn.Dropout(config.dropout), nn.Linear(units, segment))
        self.normalization: WindowNorm | None = build_normalization(
            config.normalization, n_inputs, n_targets, affine=config.revin_affine
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        context = None
        if self.normalization is not None:
            x, context = self.normalization.normalize(x)
        batch, lookback, channels = x.shape
        series = x.transpose(1, 2).reshape(batch * channels, lookback)
        if self.pad:
            series = torch.cat([series[:, :1].expand(-1, self.pad), series], dim=1)
        segments = series.view(batch * channels, self.n_in_segments, self.segment_length)
        _, state = self.lstm(self.embed(segments))
        if self.config.decoder == "parallel":
            y = self._decode_parallel(state, batch, channels)
        else:
            y = self._decode_recurrent(state)
        y = y.view(batch, channels, -1)[:, :, : self.horizon].transpose(1, 2)
        if self.normalization is not None:
            y = self.normalization.denormalize(y, context)
        return y

    def decoder_inputs(self, channels: int) -> torch.Tensor:
        """(channels, out segments, units): position embedding next to channel embedding."""
        positions = self.position_embedding.unsqueeze(0).expand(channels, -1, -1)
        identity = self.channel_embedding[:channels].unsqueeze(1)
        identity = identity.expand(-1, self.n_out_segments, -1)
        return torch.cat([positions, identity], dim=-1)

    def _decode_parallel(
        self, state: tuple[torch.Tensor, torch.Tensor], batch: int, channels: int
    ) -> torch.Tensor:
        """One LSTM step per (window, channel, output segment), all in one call."""
        m, units = self.n_out_segments, self.config.units
        if self.config.layers == 1:
            return self.head(self._factored_step(state, batch, channels))
        # Row order (window, channel, segment): the state of row b * channels + c repeats m
        # times, next to the inputs of channel c's segments 0..m-1.
        inputs = self.decoder_inputs(channels).expand(batch, -1, -1, -1).reshape(-1, 1, units)
        h, c = (s.repeat_interleave(m, dim=1) for s in state)
        out, _ = self.lstm(inputs, (h, c))
        return self.head(out[:, 0])  # (batch * channels * m, segment)

    def _factored_step(
        self, state: tuple[torch.Tensor, torch.Tensor], batch: int, channels: int
    ) -> torch.Tensor:
        """The one-layer decoder step, (batch * channels * m, units), without repeating.

        Every row's gates are W_ih x + W_hh h + biases, but the inputs x take only
        channels x m values (the embeddings) and the states h only batch x channels: both
        products are taken once each and broadcast-added, instead of one LSTM step over
        batch x channels x m rows (a 2-3x faster decoder step on CPU; long horizons gain most).
        """
        units = self.config.units
        lstm = self.lstm
        x_gates = nn.functional.linear(
            self.decoder_inputs(channels), lstm.weight_ih_l0, lstm.bias_ih_l0 + lstm.bias_hh_l0
        )  # (channels, m, 4 units)
        h, c = (s[-1].view(batch, channels, 1, units) for s in state)
        gates = nn.functional.linear(h, lstm.weight_hh_l0) + x_gates  # (batch, ch, m, 4 u)
        # nn.LSTM's gate order: input, forget, cell, output.
        i, f, g, o = gates.chunk(4, dim=-1)
        cell = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return (torch.sigmoid(o) * torch.tanh(cell)).reshape(-1, units)

    def _decode_recurrent(self, state: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        """Autoregressive: each forecast segment is embedded and fed back as the next input."""
        h, c = state
        outputs = []
        for _ in range(self.n_out_segments):
            segment = self.head(h[-1])
            outputs.append(segment)
            _, (h, c) = self.lstm(self.embed(segment).unsqueeze(1), (h, c))
        return torch.cat(outputs, dim=1)  # (batch * channels, m * segment)

    def kernels(self) -> list[nn.Parameter]:
        """LSTM weight matrices (input and recurrent kernels), the targets of ``l1``/``l2``."""
        return [p for name, p in self.lstm.named_parameters() if name.startswith("weight_")]
