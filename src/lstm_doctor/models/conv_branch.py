"""The fully convolutional branch of LSTM-FCN and MLSTM-FCN, exact on padded batches.

As in Karim et al. (LSTM-FCN, 2017; MLSTM-FCN, 2019; ``titu1994/LSTM-FCN``,
``titu1994/MLSTM-FCN``): three blocks of ``Conv1d`` (128 filters of width 8, 256 of 5,
128 of 3, ``same`` padding, He-uniform initialization), batch norm and ReLU, then global
average pooling over time. The multivariate variant adds a squeeze-and-excitation block
(reduction 16) after the first two blocks.

Padding is never read:
- the padded steps are set to 0 before every convolution, so near its last real step a
  sequence reads zeros whether they come from padding or from the convolution's own
  ``same`` zero padding: each sequence is convolved as if zero-padded at both of its ends,
  and its outputs do not depend on how much padding follows it (NaN padding included);
- batch norm counts real steps only (``MaskedBatchNorm1d``): its batch statistics, and so
  its running statistics, are those of the real steps of the batch;
- the squeeze of squeeze-and-excitation and the final pooling average real steps only.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

__all__ = ["ConvBranch", "MaskedBatchNorm1d", "SqueezeExcite", "masked_mean"]

FILTERS = (128, 256, 128)
KERNELS = (8, 5, 3)
SE_REDUCTION = 16


def masked_mean(h: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
    """(batch, channels, time) averaged over the real steps of ``real`` (batch, 1, time)."""
    total = torch.where(real, h, 0.0).sum(dim=2)
    return total / real.sum(dim=2).clamp(min=1).to(h.dtype)


class MaskedBatchNorm1d(nn.Module):
    """Batch norm over (batch, channels, time) whose statistics count real steps only.

    Training: normalizes with the mean and (biased) variance of the batch's real steps and
    updates the running statistics (unbiased variance, as ``nn.BatchNorm1d``); evaluation:
    the running statistics. Padded steps come out as 0.
    """

    def __init__(self, channels: int, *, eps: float = 1e-5, momentum: float = 0.1) -> None:
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer("running_mean", torch.zeros(channels))
        self.register_buffer("running_var", torch.ones(channels))

    def forward(self, h: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        # Statistics in fp32, as torch's own batch norm under autocast: bf16 sums over a
        # whole batch lose digits, and the running buffers are fp32.
        h = h.float()
        if self.training:
            count = real.sum().clamp(min=1).to(h.dtype)
            mean = torch.where(real, h, 0.0).sum(dim=(0, 2)) / count
            centered = torch.where(real, h - mean[None, :, None], 0.0)
            var = centered.pow(2).sum(dim=(0, 2)) / count
            with torch.no_grad():
                unbiased = var * count / (count - 1).clamp(min=1)
                self.running_mean.lerp_(mean.detach(), self.momentum)
                self.running_var.lerp_(unbiased.detach(), self.momentum)
        else:
            mean, var = self.running_mean, self.running_var
        scale = self.weight / torch.sqrt(var + self.eps)
        out = (h - mean[None, :, None]) * scale[None, :, None] + self.bias[None, :, None]
        return torch.where(real, out, 0.0)


class SqueezeExcite(nn.Module):
    """Reweights channels by a gate computed from their mean over the real steps."""

    def __init__(self, channels: int, reduction: int = SE_REDUCTION) -> None:
        super().__init__()
        hidden = max(channels // reduction, 1)
        self.squeeze = nn.Linear(channels, hidden, bias=False)
        self.excite = nn.Linear(hidden, channels, bias=False)
        for layer in (self.squeeze, self.excite):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")  # as he_normal

    def forward(self, h: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        gate = torch.sigmoid(self.excite(torch.relu(self.squeeze(masked_mean(h, real)))))
        return h * gate[:, :, None]


class ConvBranch(nn.Module):
    """(batch, time, features) + lengths (batch,) -> (batch, 128): the pooled conv features.

    ``squeeze_excite`` adds the MLSTM-FCN squeeze-and-excitation blocks.
    """

    def __init__(self, n_features: int, *, squeeze_excite: bool = False) -> None:
        super().__init__()
        widths = (n_features, *FILTERS)
        # "same" padding done by hand, as Keras and torch place it: (k - 1) // 2 zeros
        # before, the rest after (torch's padding="same" warns on even kernels).
        self.convs = nn.ModuleList(
            nn.Conv1d(widths[i], widths[i + 1], KERNELS[i]) for i in range(len(FILTERS))
        )
        for conv in self.convs:
            nn.init.kaiming_uniform_(conv.weight, nonlinearity="relu")  # as he_uniform
        self.norms = nn.ModuleList(MaskedBatchNorm1d(width) for width in FILTERS)
        self.excites = nn.ModuleList(
            SqueezeExcite(width) for width in FILTERS[:2] if squeeze_excite
        )
        self.width = FILTERS[-1]

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        steps = torch.arange(x.shape[1], device=x.device)
        real = (steps[None, :] < lengths.to(x.device)[:, None])[:, None, :]
        h = torch.where(real, x.transpose(1, 2), 0.0)  # (batch, features, time)
        for i, (conv, norm) in enumerate(zip(self.convs, self.norms, strict=True)):
            k = conv.kernel_size[0]
            h = F.pad(torch.where(real, h, 0.0), ((k - 1) // 2, k // 2))
            h = torch.relu(norm(conv(h), real))
            if i < len(self.excites):
                h = self.excites[i](h, real)
        return masked_mean(h, real)
