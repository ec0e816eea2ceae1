from __future__ import annotations

import torch

from lstm_doctor.config import ModelConfig
from lstm_doctor.models.sequence_ensemble import SequenceEnsemble, build_sequence_predictor
from lstm_doctor.models.sequence_lstm import SequenceLSTM

CONFIG = ModelConfig(layers=1, units=6)


def _batch() -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(0)
    return torch.randn(5, 9, 3), torch.tensor([9, 4, 7, 1, 9])


def test_softmax_of_the_output_is_the_mean_of_the_members_probabilities() -> None:
    torch.manual_seed(1)
    ensemble = build_sequence_predictor(CONFIG, 3, 4, "last", "dense", n_members=3, classify=True)
    assert isinstance(ensemble, SequenceEnsemble)
    ensemble.eval()
    x, lengths = _batch()
    members = torch.stack([torch.softmax(m(x, lengths), 1) for m in ensemble.members])
    assert torch.allclose(torch.softmax(ensemble(x, lengths), 1), members.mean(0), atol=1e-6)


def test_regression_averages_the_outputs() -> None:
    ensemble = build_sequence_predictor(CONFIG, 3, 1, "mean", "dense", n_members=2, classify=False)
    ensemble.eval()
    x, lengths = _batch()
    expected = (ensemble.members[0](x, lengths) + ensemble.members[1](x, lengths)) / 2
    assert torch.allclose(ensemble(x, lengths), expected, atol=1e-6)


def test_one_member_is_the_plain_model_and_keys_are_prefixed() -> None:
    single = build_sequence_predictor(CONFIG, 3, 4, "last", "dense", n_members=1, classify=True)
    assert isinstance(single, SequenceLSTM)
    ensemble = build_sequence_predictor(CONFIG, 3, 4, "last", "dense", n_members=2, classify=True)
    keys = list(ensemble.state_dict())
    assert all(k.startswith(("members.0.", "members.1.")) for k in keys)
    assert (ensemble.n_features, ensemble.n_outputs) == (3, 4)
