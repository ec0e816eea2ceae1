"""Pick the device a run uses: CUDA when available, else CPU, unless told otherwise."""

from __future__ import annotations

import torch

from lstm_doctor.errors import ConfigError

__all__ = ["resolve_device"]


def resolve_device(name: str) -> torch.device:
    """``auto`` -> cuda if available else cpu; anything else is checked before use."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(name)
    except RuntimeError:
        raise ConfigError(
            f"--device {name} is not a device; use auto, cpu, cuda, cuda:0 (or another GPU "
            "index) or mps."
        ) from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(
            f"--device {name} was asked for, but this torch build sees no CUDA GPU "
            f"(torch {torch.__version__}). Use --device cpu, or install the CUDA build "
            "(see README, 'GPU')."
        )
    if device.type == "cuda" and (device.index or 0) >= torch.cuda.device_count():
        n_gpus = torch.cuda.device_count()
        raise ConfigError(
            f"--device {name} was asked for, but torch sees {n_gpus} CUDA GPU(s); use "
            f"--device cuda:0 to cuda:{n_gpus - 1} (or check CUDA_VISIBLE_DEVICES)."
        )
    if device.type == "mps" and not torch.backends.mps.is_available():
        raise ConfigError(f"--device {name} was asked for, but MPS is not available here.")
    return device
