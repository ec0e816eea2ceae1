"""Tests of device resolution: auto picks what is there, a missing device is a ConfigError."""

from __future__ import annotations

import pytest
import torch

from lstm_doctor.errors import ConfigError
from lstm_doctor.training import resolve_device

NO_CUDA = not torch.cuda.is_available()


def test_auto_picks_cuda_when_available_else_cpu():
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert resolve_device("auto").type == expected


@pytest.mark.skipif(not NO_CUDA, reason="this machine has a CUDA GPU")
def test_auto_is_cpu_without_a_gpu():
    assert resolve_device("auto") == torch.device("cpu")


def test_cpu_is_cpu():
    assert resolve_device("cpu") == torch.device("cpu")


@pytest.mark.skipif(not NO_CUDA, reason="this machine has a CUDA GPU")
@pytest.mark.parametrize("name", ["cuda", "cuda:0"])
def test_cuda_without_a_gpu_is_a_config_error_that_says_what_to_do(name):
    with pytest.raises(ConfigError, match=rf"--device {name} .* sees no CUDA GPU.*--device cpu"):
        resolve_device(name)


def test_a_cuda_index_beyond_the_visible_gpus_is_a_config_error(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)

    assert resolve_device("cuda:0") == torch.device("cuda:0")
    with pytest.raises(ConfigError, match=r"--device cuda:1 .* sees 1 CUDA GPU.*cuda:0 to cuda:0"):
        resolve_device("cuda:1")


def test_a_malformed_device_name_is_a_config_error():
    with pytest.raises(ConfigError, match=r"--device cuda:x is not a device.*cuda:0"):
        resolve_device("cuda:x")


@pytest.mark.skipif(torch.backends.mps.is_available(), reason="this machine has MPS")
def test_mps_where_it_is_missing_is_a_config_error():
    with pytest.raises(ConfigError, match="--device mps was asked for, but MPS is not available"):
        resolve_device("mps")
