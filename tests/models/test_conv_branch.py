"""The conv branch: the published shapes, masked batch norm and masked pooling."""

from __future__ import annotations

import torch

from lstm_doctor.models.conv_branch import ConvBranch, MaskedBatchNorm1d, masked_mean


def test_the_published_filters_and_kernels() -> None:
    branch = ConvBranch(2, squeeze_excite=True)
    shapes = [tuple(conv.weight.shape) for conv in branch.convs]
    assert shapes == [(128, 2, 8), (256, 128, 5), (128, 256, 3)]
    assert [se.squeeze.out_features for se in branch.excites] == [8, 16]  # reduction 16
    out = branch(torch.randn(3, 10, 2), torch.tensor([10, 4, 1]))
    assert out.shape == (3, 128)


def test_masked_batch_norm_matches_batch_norm_on_the_real_steps() -> None:
    torch.manual_seed(0)
    h = torch.randn(3, 4, 6)
    lengths = torch.tensor([6, 2, 4])
    real = (torch.arange(6)[None, :] < lengths[:, None])[:, None, :]
    ours = MaskedBatchNorm1d(4).train()
    reference = torch.nn.BatchNorm1d(4).train()
    out = ours(h, real)
    # the real steps of every sequence side by side, as one batch of one long sequence
    flat = torch.cat([h[i, :, :n] for i, n in enumerate(lengths)], dim=1)[None]
    expected = reference(flat)[0]
    torch.testing.assert_close(
        torch.cat([out[i, :, :n] for i, n in enumerate(lengths)], dim=1), expected
    )
    torch.testing.assert_close(ours.running_mean, reference.running_mean)
    torch.testing.assert_close(ours.running_var, reference.running_var)
    assert (out[1, :, 2:] == 0).all()


def test_masked_mean_averages_real_steps_only() -> None:
    h = torch.tensor([[[1.0, 3.0, float("nan")]]]).expand(2, 1, 3)
    real = torch.tensor([[[True, True, False]], [[True, False, False]]])
    torch.testing.assert_close(masked_mean(h, real), torch.tensor([[2.0], [1.0]]))


def test_a_sequence_is_convolved_as_if_zero_padded_at_both_ends() -> None:
    """A sequence of 5 steps in a batch padded to 12 gives what a lone 5-step batch gives."""
    torch.manual_seed(0)
    branch = ConvBranch(1).eval()
    x = torch.randn(1, 5, 1)
    padded = torch.cat([x, torch.full((1, 7, 1), 123.0)], dim=1)
    torch.testing.assert_close(
        branch(x, torch.tensor([5])), branch(padded, torch.tensor([5])), atol=1e-6, rtol=0
    )
