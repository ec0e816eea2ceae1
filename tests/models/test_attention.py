"""Tests of additive attention pooling: weights over time and the weighted sum."""

from __future__ import annotations

import torch

from lstm_doctor.models.attention import AttentionPooling


def make_outputs(batch: int = 4, time: int = 9, features: int = 6) -> torch.Tensor:
    return torch.randn(batch, time, features, generator=torch.Generator().manual_seed(0))


def test_weights_are_positive_and_sum_to_one_over_time():
    torch.manual_seed(0)
    pool = AttentionPooling(6)
    outputs = make_outputs()

    pooled, weights = pool(outputs)

    assert pooled.shape == (4, 6)
    assert weights.shape == (4, 9)
    assert (weights > 0).all()
    torch.testing.assert_close(weights.sum(dim=1), torch.ones(4))


def test_pooled_vector_is_the_weighted_sum_of_the_steps():
    torch.manual_seed(0)
    pool = AttentionPooling(6)
    outputs = make_outputs()

    pooled, weights = pool(outputs)

    expected = torch.einsum("bt,btf->bf", weights, outputs)
    torch.testing.assert_close(pooled, expected)


def test_scores_are_additive_and_pick_the_step_they_favour():
    pool = AttentionPooling(2)
    with torch.no_grad():
        pool.project.weight.copy_(torch.eye(2))
        pool.project.bias.zero_()
        pool.score.weight.copy_(torch.tensor([[50.0, 0.0]]))  # v . tanh(h): favours large h_0
    outputs = torch.tensor([[[0.0, 1.0], [2.0, -1.0], [0.0, 3.0]]])

    pooled, weights = pool(outputs)

    assert weights.argmax(dim=1).item() == 1
    torch.testing.assert_close(pooled, outputs[:, 1], atol=1e-3, rtol=0)


def test_equal_steps_get_equal_weights():
    torch.manual_seed(0)
    pool = AttentionPooling(3)
    outputs = torch.ones(2, 5, 3)

    _, weights = pool(outputs)

    torch.testing.assert_close(weights, torch.full((2, 5), 0.2))
