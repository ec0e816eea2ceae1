"""An LSTM over packed variable-length sequences with a many-to-one head.

The sequences are packed (``pack_padded_sequence``), so the recurrence never reads a padded
step: a sequence gives the same output alone, in a batch with longer ones, or with any
amount of padding. The head reads the last real step (``last``), the mean over real steps
(``mean``) or an attention pooling whose padded steps get weight 0 (``attention``).
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstm_doctor.config import ModelConfig
from lstm_doctor.models.attention import AttentionPooling
from lstm_doctor.models.weight_drop import build_lstm

__all__ = ["SequenceLSTM", "build_sequence_model"]

_KERNELS = ("weight_ih", "weight_hh")


class SequenceLSTM(nn.Module):
    """(batch, time, features) + lengths (batch,) -> (batch, n_outputs).

    ``n_outputs`` is the number of classes (logits) or 1 (regression). With the ``last``
    pooling and ``bidirectional``, the head reads the forward state at the last real step
    and the backward state after reading the whole sequence from its last real step.
    ``dropout`` also acts on the pooled vector before the head (for one layer too).
    """

    def __init__(self, config: ModelConfig, n_features: int, n_outputs: int, pooling: str):
        super().__init__()
        self.config, self.pooling = config, pooling
        self.n_features, self.n_outputs = n_features, n_outputs
        self.lstm = build_lstm(
            n_features,
            config.units,
            num_layers=config.layers,
            dropout=config.dropout,
            bidirectional=config.bidirectional,
            weight_drop=config.weight_drop,
        )
        width = config.units * (2 if config.bidirectional else 1)
        self.attention = AttentionPooling(width) if pooling == "attention" else None
        self.drop = nn.Dropout(config.dropout)
        self.head = nn.Linear(width, n_outputs)

    def encode(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """The pooled vector of each sequence (batch, width); padding is never read."""
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        outputs, (h_n, _) = self.lstm(packed)
        if self.pooling == "last":
            if self.config.bidirectional:
                return torch.cat([h_n[-2], h_n[-1]], dim=-1)
            return h_n[-1]
        padded, _ = pad_packed_sequence(outputs, batch_first=True)  # zeros after each end
        lengths = lengths.to(padded.device)
        if self.attention is not None:
            mask = torch.arange(padded.shape[1], device=padded.device)[None, :] < lengths[:, None]
            pooled, _ = self.attention(padded, mask)
            return pooled
        return padded.sum(dim=1) / lengths[:, None].to(padded.dtype)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        return self.head(self.drop(self.encode(x, lengths)))

    def kernels(self) -> list[nn.Parameter]:
        """LSTM input and recurrent kernels, the targets of ``l1`` / ``l2``."""
        return [
            p
            for name, p in self.lstm.named_parameters()
            if name.rsplit(".", 1)[-1].startswith(_KERNELS)
        ]


def build_sequence_model(
    config: ModelConfig, n_features: int, n_outputs: int, pooling: str
) -> SequenceLSTM:
    """A freshly initialized sequence model (weights from the global torch seed)."""
    return SequenceLSTM(config, n_features, n_outputs, pooling)
