"""An LSTM over variable-length sequences with a many-to-one head.

The encoder (``models.sequence_encoder``) never lets padding reach the recurrence, packed
or dense: a sequence gives the same output alone, in a batch with longer ones, or with any
amount of padding. The head reads the last real step (``last``), the mean over real steps
(``mean``) or an attention pooling whose padded steps get weight 0 (``attention``).

``encoder="lstm-fcn"`` / ``"mlstm-fcn"`` add the convolutional branch of LSTM-FCN /
MLSTM-FCN (``models.conv_branch``, exact on padding too) beside the LSTM, its pooled vector
concatenated to the LSTM's before the head. Unlike the papers, the LSTM reads the
sequence over time, not "dimension-shuffled" (one step per feature, the whole series as
its input vector): that would fix the input width at the longest training length and feed
padding to the LSTM as input. ``summary=True`` concatenates the standardized summary
features (``models.sequence_summary``) into the head too; ``series_norm=True``
z-normalizes each sequence first (the summary features are read before it, so they keep
each sequence's level and spread).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.models.attention import AttentionPooling
from lstm_doctor.models.conv_branch import ConvBranch
from lstm_doctor.models.sequence_encoder import SequenceEncoder
from lstm_doctor.models.sequence_summary import SummaryFeatures, znormalize
from lstm_doctor.models.weight_drop import LSTMStack, lstm_kernels

__all__ = ["ENCODERS", "SequenceLSTM", "build_sequence_model"]

ENCODERS = ("lstm", "lstm-fcn", "mlstm-fcn")


class SequenceLSTM(nn.Module):
    """(batch, time, features) + lengths (batch,) -> (batch, n_outputs).

    ``n_outputs`` is the number of classes (logits) or 1 (regression). With the ``last``
    pooling and ``bidirectional``, the head reads the forward state at the last real step
    and the backward state after reading the whole sequence from its last real step.
    ``dropout`` also acts on the pooled vector before the head (for one layer too).
    """

    def __init__(
        self,
        config: ModelConfig,
        n_features: int,
        n_outputs: int,
        pooling: str,
        packing: str = "auto",
        *,
        encoder: str = "lstm",
        summary: bool = False,
        series_norm: bool = False,
    ):
        super().__init__()
        self.config, self.pooling = config, pooling
        self.series_norm = series_norm
        self.n_features, self.n_outputs = n_features, n_outputs
        self.encoder = SequenceEncoder(n_features, LSTMStack.of(config), packing=packing)
        width = self.encoder.width
        self.attention = AttentionPooling(width) if pooling == "attention" else None
        self.conv = None
        if encoder != "lstm":
            self.conv = ConvBranch(n_features, squeeze_excite=encoder == "mlstm-fcn")
        self.summary = SummaryFeatures(n_features) if summary else None
        head_width = width + sum(m.width for m in (self.conv, self.summary) if m is not None)
        self.drop = nn.Dropout(config.dropout)
        self.head = nn.Linear(head_width, n_outputs)

    def encode(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """The pooled vector of each sequence (batch, width); padding is never read."""
        outputs = self.encoder(x, lengths)  # zeros at padded steps
        if self.pooling == "last":
            return self.encoder.last_state(outputs, lengths)
        lengths = lengths.to(outputs.device)
        if self.attention is not None:
            steps = torch.arange(outputs.shape[1], device=outputs.device)
            pooled, _ = self.attention(outputs, steps[None, :] < lengths[:, None])
            return pooled
        return outputs.sum(dim=1) / lengths[:, None].to(outputs.dtype)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        extra = [] if self.summary is None else [self.summary(x, lengths)]
        if self.series_norm:
            x = znormalize(x, lengths)
        pooled = [self.encode(x, lengths)]
        if self.conv is not None:
            pooled.append(self.conv(x, lengths))
        return self.head(self.drop(torch.cat(pooled + extra, dim=1)))

    def fit_inputs(self, x: torch.Tensor, lengths: torch.Tensor) -> None:
        """Fit what the network standardizes from its training sequences (the summary
        features' center and scale); nothing to do without ``summary``."""
        if self.summary is not None:
            self.summary.fit(x, lengths)

    def kernels(self) -> list[nn.Parameter]:
        """LSTM input and recurrent kernels, the targets of ``l1`` / ``l2``."""
        return lstm_kernels(self.encoder)


def build_sequence_model(
    config: ModelConfig,
    n_features: int,
    n_outputs: int,
    pooling: str,
    packing: str = "auto",
    **architecture: Any,
) -> SequenceLSTM:
    """A freshly initialized sequence model (weights from the global torch seed).
    ``architecture``: ``encoder``, ``summary``, ``series_norm`` (see ``SequenceLSTM``)."""
    return SequenceLSTM(config, n_features, n_outputs, pooling, packing, **architecture)
