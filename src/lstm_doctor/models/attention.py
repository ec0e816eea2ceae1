"""Additive attention pooling: one vector from every step of a sequence."""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["AttentionPooling"]


class AttentionPooling(nn.Module):
    """(batch, time, features) -> (batch, features): a softmax-weighted sum over time.

    Scores are additive (Bahdanau et al. 2015): ``score_t = v . tanh(W h_t + b)``; the weights
    are their softmax over time, so they are positive and sum to 1 for every sequence.
    """

    def __init__(self, n_features: int) -> None:
        super().__init__()
        self.project = nn.Linear(n_features, n_features)
        self.score = nn.Linear(n_features, 1, bias=False)

    def forward(
        self, outputs: torch.Tensor, mask: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Return the pooled vectors (batch, features) and the weights (batch, time).

        ``mask`` (batch, time), True on real steps, gives padded steps a weight of exactly 0
        (and keeps whatever they hold, even NaN, out of the sum).
        """
        scores = self.score(torch.tanh(self.project(outputs))).squeeze(-1)
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
            outputs = outputs.masked_fill(~mask.unsqueeze(-1), 0.0)
        weights = torch.softmax(scores, dim=1)
        pooled = (weights.unsqueeze(-1) * outputs).sum(dim=1)
        return pooled, weights
