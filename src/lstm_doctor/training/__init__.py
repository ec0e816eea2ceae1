"""Training: a plain loop that returns a History."""

from lstm_doctor.training.device import resolve_device
from lstm_doctor.training.inference import predict_windows, windows_loss
from lstm_doctor.training.lr_find import LrFindResult, lr_range_test, suggest_lr
from lstm_doctor.training.trainer import train

__all__ = [
    "LrFindResult",
    "lr_range_test",
    "predict_windows",
    "resolve_device",
    "suggest_lr",
    "train",
    "windows_loss",
]
