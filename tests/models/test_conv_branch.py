"""The conv branch: the published shapes, masked batch norm and masked pooling."""

from __future__ import annotations

import pytest
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


# ---------------------------------------------- padding invariance of the branch on its own
LENGTHS = torch.tensor([9, 2, 6, 1, 4])
FILLS = [0.0, float("nan"), 1e30, -1e6]


def _padded(fill: float, extra: int = 0) -> torch.Tensor:
    """A batch of LENGTHS, 3 features, every padded step (and ``extra`` more) set to fill."""
    x = torch.randn(len(LENGTHS), int(LENGTHS.max()), 3, generator=torch.Generator().manual_seed(1))
    x = torch.cat([x, torch.zeros(len(LENGTHS), extra, 3)], dim=1)
    for i, n in enumerate(LENGTHS):
        x[i, n:] = fill
    return x


def _branch(squeeze_excite: bool) -> ConvBranch:
    torch.manual_seed(0)
    branch = ConvBranch(3, squeeze_excite=squeeze_excite)
    branch.train()(_padded(0.0), LENGTHS)  # running statistics away from their 0 / 1 start
    return branch


@pytest.mark.parametrize("squeeze_excite", [False, True])
@pytest.mark.parametrize("fill", FILLS)
def test_evaluation_outputs_ignore_padding_alone_mixed_or_extra(squeeze_excite, fill) -> None:
    """Each sequence alone, in the mixed batch, and with 7 more padded steps of any value
    (NaN included) gives the same pooled vector."""
    branch = _branch(squeeze_excite).eval()
    clean = _padded(0.0)
    mixed = branch(clean, LENGTHS)
    alone = torch.cat([branch(clean[i : i + 1, :n], LENGTHS[i : i + 1])
                       for i, n in enumerate(LENGTHS)])  # fmt: skip
    extra = branch(_padded(fill, extra=7), LENGTHS)
    assert torch.isfinite(extra).all()
    torch.testing.assert_close(mixed, alone, atol=1e-6, rtol=0)
    torch.testing.assert_close(mixed, extra, atol=1e-6, rtol=0)


@pytest.mark.parametrize("squeeze_excite", [False, True])
@pytest.mark.parametrize("fill", FILLS)
def test_training_outputs_and_running_statistics_ignore_extra_padding(squeeze_excite, fill) -> None:
    """Training mode (batch statistics): the same batch with 7 more padded steps of any
    value gives the same outputs and the same running statistics in every norm."""
    runs = []
    for x in (_padded(0.0), _padded(fill, extra=7)):
        branch = _branch(squeeze_excite).train()
        out = branch(x, LENGTHS)
        stats = [torch.cat([n.running_mean, n.running_var]) for n in branch.norms]
        runs.append((out, torch.cat(stats)))
    assert torch.isfinite(runs[1][0]).all()
    torch.testing.assert_close(runs[0][0], runs[1][0], atol=1e-5, rtol=0)
    torch.testing.assert_close(runs[0][1], runs[1][1], atol=1e-5, rtol=0)


@pytest.mark.parametrize("squeeze_excite", [False, True])
@pytest.mark.parametrize("fill", [0.0, float("nan")])
def test_no_gradient_reaches_the_padding(squeeze_excite, fill) -> None:
    branch = _branch(squeeze_excite).train()
    x = _padded(fill, extra=3).requires_grad_(True)
    branch(x, LENGTHS).sum().backward()
    for i, n in enumerate(LENGTHS):
        assert (x.grad[i, n:] == 0).all()
    assert all(torch.isfinite(p.grad).all() for p in branch.parameters())


def test_masked_batch_norm_trains_under_bf16_autocast_with_fp32_statistics() -> None:
    """The classification default (lstm-fcn) under ``--precision bf16``: the conv output
    is bf16, the running statistics stay fp32 and are updated, not refused."""
    norm = MaskedBatchNorm1d(4).train()
    h = torch.randn(3, 4, 10)
    real = torch.ones(3, 1, 10, dtype=torch.bool)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out = norm(h.bfloat16(), real)
    assert norm.running_mean.dtype == torch.float32
    assert not torch.equal(norm.running_mean, torch.zeros(4))
    assert torch.isfinite(out).all()
