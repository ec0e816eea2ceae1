"""A seed ensemble of sequence models: the members' class probabilities (or numbers) averaged.

Each member is a ``SequenceLSTM`` trained on its own seed on the same split. For
classification the ensemble returns ``log(mean_k softmax(member_k))``, so that a softmax of
its output is exactly the mean of the members' probabilities and every caller that reads
logits (``predict_sequences``, the metrics, ``predict_proba``) works unchanged; for
regression it returns the mean output. One state dict, keys prefixed ``members.<k>.``, so
a run keeps one ``model.safetensors``.
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.models.sequence_lstm import SequenceLSTM, build_sequence_model

__all__ = ["SequenceEnsemble", "build_sequence_predictor"]


class SequenceEnsemble(nn.Module):
    """(batch, time, features) + lengths -> (batch, n_outputs): the members averaged."""

    def __init__(self, members: list[SequenceLSTM], *, average_probabilities: bool):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.average_probabilities = average_probabilities
        self.n_features, self.n_outputs = members[0].n_features, members[0].n_outputs

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        outputs = torch.stack([member(x, lengths) for member in self.members])
        if self.average_probabilities:
            # log of the mean probability, computed stably in log space
            log_p = torch.log_softmax(outputs, dim=-1)
            return torch.logsumexp(log_p, dim=0) - math.log(len(self.members))
        return outputs.mean(0)


def build_sequence_predictor(
    config: ModelConfig,
    n_features: int,
    n_outputs: int,
    pooling: str,
    packing: str,
    *,
    n_members: int,
    classify: bool,
    architecture: dict[str, Any] | None = None,
) -> SequenceLSTM | SequenceEnsemble:
    """An untrained model of a run's shape: one ``SequenceLSTM``, or an ensemble of them."""
    members = [
        build_sequence_model(
            config, n_features, n_outputs, pooling, packing, **(architecture or {})
        )
        for _ in range(n_members)
    ]
    if n_members == 1:
        return members[0]
    return SequenceEnsemble(members, average_probabilities=classify)
