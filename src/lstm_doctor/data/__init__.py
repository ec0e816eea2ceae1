"""Data: read, validate, split chronologically, scale on the training split, cut windows."""

from lstm_doctor.data.augment import make_augmenter
from lstm_doctor.data.demo import make_demo_frame
from lstm_doctor.data.load import read_table
from lstm_doctor.data.scale import Scaler, fit_scaler
from lstm_doctor.data.split import SPLITS, SplitSpec, parse_split, split_bounds
from lstm_doctor.data.validate import Panel, validate_frame
from lstm_doctor.data.windows import Windows, make_windows, window_starts

__all__ = [
    "SPLITS",
    "Panel",
    "Scaler",
    "SplitSpec",
    "Windows",
    "fit_scaler",
    "make_augmenter",
    "make_demo_frame",
    "make_windows",
    "parse_split",
    "read_table",
    "split_bounds",
    "validate_frame",
    "window_starts",
]
