"""Models: the LSTM forecaster."""

from lstm_doctor.models.lstm import LSTMForecaster, build_model

__all__ = ["LSTMForecaster", "build_model"]
