from __future__ import annotations

import pytest
import torch

from lstm_doctor.errors import ConfigError
from lstm_doctor.models.warm_start import load_weights
from lstm_doctor.models.weight_drop import WeightDropLSTM


def test_weights_cross_weight_drop_and_shapes_must_match() -> None:
    torch.manual_seed(0)
    plain, dropped = torch.nn.LSTM(3, 4), WeightDropLSTM(3, 4, weight_drop=0.5)
    load_weights(dropped, plain, same="units")
    torch.testing.assert_close(dropped.weight_hh_l0_raw, plain.weight_hh_l0)
    with pytest.raises(ConfigError, match="needs the same units"):
        load_weights(torch.nn.LSTM(3, 5), plain, same="units")
