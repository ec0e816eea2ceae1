"""Models: the LSTM forecaster and the pieces it is built from."""

from lstm_doctor.models.attention import AttentionPooling
from lstm_doctor.models.layer_norm import LayerNormLSTM
from lstm_doctor.models.lstm import LSTMForecaster, build_model
from lstm_doctor.models.normalization import Difference, LastValue, RevIN, build_normalization
from lstm_doctor.models.weight_drop import LSTMStack, WeightDropLSTM, build_lstm

__all__ = [
    "AttentionPooling",
    "Difference",
    "LSTMForecaster",
    "LSTMStack",
    "LastValue",
    "LayerNormLSTM",
    "RevIN",
    "WeightDropLSTM",
    "build_lstm",
    "build_model",
    "build_normalization",
]
