"""DropConnect on an LSTM's recurrent weights (AWD-LSTM), keeping torch's fused LSTM kernel."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F

__all__ = ["LSTMStack", "WeightDropLSTM", "build_lstm", "lstm_kernels"]

# cuDNN says this on every call whose weights are not views of one flat buffer. Freshly dropped
# weights never are: the copy it warns about is the price of DropConnect, and its advice
# (flatten_parameters) cannot help.
_NOT_FLAT = r"RNN module weights are not part of single contiguous chunk of memory"


class WeightDropLSTM(nn.LSTM):
    """A batch-first ``nn.LSTM`` whose hidden-to-hidden weights are dropped on every call.

    The learned recurrent matrices are the parameters ``weight_hh_l{k}[_reverse]_raw``. For
    the length of each call, ``F.dropout`` of each is assigned to the plain attribute
    ``weight_hh_l{k}``, which ``RNNBase.__setattr__`` writes into ``_flat_weights``: the list
    the fused op (``_VF.lstm``, cuDNN on GPU) reads. So the whole window still runs in one
    fused call, with one mask per call shared by every time step and every window of the
    batch, as in Merity et al. (2018). In eval mode the raw weights are used as they are.
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        weight_drop: float,
        num_layers: int = 1,
        dropout: float = 0.0,
        bidirectional: bool = False,
    ) -> None:
        super().__init__(
            input_size,
            hidden_size,
            num_layers=num_layers,
            dropout=dropout,
            bidirectional=bidirectional,
            batch_first=True,
        )
        self.weight_drop = weight_drop
        self._dropped = tuple(n for n in self._flat_weights_names if n.startswith("weight_hh"))
        for name in self._dropped:
            self.register_parameter(f"{name}_raw", self._parameters.pop(name))
            setattr(self, name, None)  # set only during a call, so no graph outlives it
        # With a None in the list, RNNBase never tries to flatten (cuDNN) the weights, and
        # never mistakes this call's dropped weights for weights changed by the user.
        self._init_flat_weights()

    def forward(  # type: ignore[override]
        self, input: torch.Tensor, hx: tuple[torch.Tensor, torch.Tensor] | None = None
    ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        for name in self._dropped:
            raw = getattr(self, f"{name}_raw")
            # Always a plain tensor: in eval, F.dropout returns the Parameter itself, which
            # Module.__setattr__ would register as a second copy of the weights.
            weight = F.dropout(raw, self.weight_drop) if self.training else raw.view_as(raw)
            setattr(self, name, weight)
        try:
            if not input.is_cuda:
                return super().forward(input, hx)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=_NOT_FLAT)
                return super().forward(input, hx)
        finally:
            for name in self._dropped:
                setattr(self, name, None)

    def extra_repr(self) -> str:
        return f"{super().extra_repr()}, weight_drop={self.weight_drop}"


@dataclass(frozen=True)
class LSTMStack:
    """A stack of LSTM layers, all but its input size: what ``build_lstm`` builds.

    ``dropout`` acts between stacked layers only; ``weight_drop`` is DropConnect on each
    recurrent matrix (``WeightDropLSTM``).
    """

    units: int
    layers: int = 1
    dropout: float = 0.0
    bidirectional: bool = False
    weight_drop: float = 0.0

    @classmethod
    def of(cls, config: Any) -> LSTMStack:
        """The stack a model config asks for (forecast and sequence configs name it alike)."""
        return cls(
            config.units, config.layers, config.dropout, config.bidirectional, config.weight_drop
        )

    @property
    def width(self) -> int:
        """Features per step of the stack's output: units times directions."""
        return self.units * (2 if self.bidirectional else 1)

    def one_layer(self, *, bidirectional: bool | None = None) -> LSTMStack:
        """One layer of this stack, for models that put something of their own between
        layers (so dropout between layers is theirs to apply)."""
        both = self.bidirectional if bidirectional is None else bidirectional
        return replace(self, layers=1, dropout=0.0, bidirectional=both)


def build_lstm(input_size: int, stack: LSTMStack) -> nn.LSTM:
    """A batch-first ``nn.LSTM``, with DropConnect on its recurrent weights when asked.

    ``dropout`` acts between stacked layers only, so a single layer gets none.
    """
    shape = {
        "num_layers": stack.layers,
        "dropout": stack.dropout if stack.layers > 1 else 0.0,
        "bidirectional": stack.bidirectional,
    }
    if stack.weight_drop > 0:
        return WeightDropLSTM(input_size, stack.units, weight_drop=stack.weight_drop, **shape)
    return nn.LSTM(input_size, stack.units, batch_first=True, **shape)


# The LSTM weight matrices, input and recurrent (weight_hh_l{k}_raw too, under weight drop).
_KERNELS = ("weight_ih", "weight_hh")


def lstm_kernels(module: nn.Module) -> list[nn.Parameter]:
    """The LSTM input and recurrent kernels in ``module``: the targets of ``l1`` / ``l2``.

    Under weight drop the recurrent kernels are the raw (undropped) weights.
    """
    return [
        p for name, p in module.named_parameters() if name.rsplit(".", 1)[-1].startswith(_KERNELS)
    ]
