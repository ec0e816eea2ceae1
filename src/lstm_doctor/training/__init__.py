"""Training: a plain loop that returns a History."""

from lstm_doctor.training.device import resolve_device
from lstm_doctor.training.inference import predict_windows, windows_loss
from lstm_doctor.training.trainer import train

__all__ = ["predict_windows", "resolve_device", "train", "windows_loss"]
