"""ONNX export of fitted models, and running an exported model with onnxruntime.

A forecaster exports as ``x (batch, lookback, inputs) -> forecast (batch, horizon,
targets)``, both in the run's *scaled* units: whatever the model does per window (RevIN,
last value, differencing, ...) is part of its ``forward`` and therefore of the graph, and
only the run's scaler stays outside (``scaled = (value - center) / scale`` per series and
column; ``scaler.json`` holds ``center`` and ``scale``; the same text is in the ONNX file's
metadata). Any ``nn.Module`` with that forward signature exports the same way.

A sequence model exports as ``x (batch, time, features)`` right-padded plus ``lengths
(batch,)`` -> ``output (batch, n_outputs)``, scaled the same way. The graph uses the dense
encoder (``models.sequence_encoder``): padding is masked, never packed, because
``pack_padded_sequence`` does not export.

Exporter: the TorchScript-based ``torch.onnx.export(..., dynamo=False)``. It maps
``nn.LSTM`` to one ONNX ``LSTM`` node per layer and direction, needs no extra package, and
handles the dynamic batch (and time) axes of these small graphs; see
docs/backtest_and_export.md for why not the dynamo exporter.
"""

from __future__ import annotations

import copy
import json
import os
import uuid
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from lstm_doctor.errors import ArtifactError, ConfigError

__all__ = [
    "OPSET",
    "OnnxModule",
    "export_forecaster",
    "export_sequence_model",
    "load_session",
    "run_session",
    "session_metadata",
]

OPSET = 17


def _onnx_modules() -> tuple[Any, Any]:
    try:
        import onnx
        import onnxruntime
    except ImportError:
        raise ConfigError(
            "ONNX export and inference need the onnx extra: pip install 'lstm-doctor[onnx]'."
        ) from None
    return onnx, onnxruntime


def _export(
    module: nn.Module,
    args: tuple[torch.Tensor, ...],
    path: Path,
    *,
    input_names: list[str],
    output_names: list[str],
    dynamic_axes: dict[str, dict[int, str]],
    metadata: dict[str, str],
) -> Path:
    """Export ``module`` in eval mode to ``path`` atomically, with ``metadata`` attached."""
    onnx, _ = _onnx_modules()
    path = Path(path)
    if path.suffix.lower() != ".onnx":
        raise ConfigError(f"--onnx must name a .onnx file. Got {str(path)!r}.")
    module = copy.deepcopy(module).cpu().eval()
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with warnings.catch_warnings():
            # The legacy exporter warns that it is legacy, and that a batch-first LSTM with
            # a dynamic batch is exported with a fixed-size hidden state it then recomputes.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                module,
                args,
                str(tmp),
                input_names=input_names,
                output_names=output_names,
                dynamic_axes=dynamic_axes,
                opset_version=OPSET,
                dynamo=False,
            )
        model = onnx.load(str(tmp))
        for key, value in metadata.items():
            entry = model.metadata_props.add()
            entry.key, entry.value = key, value
        onnx.checker.check_model(model)
        onnx.save(model, str(tmp))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def export_forecaster(
    model: nn.Module,
    path: str | Path,
    *,
    lookback: int,
    n_inputs: int,
    metadata: dict[str, Any] | None = None,
) -> Path:
    """Export a forecaster ``(batch, lookback, n_inputs) -> (batch, horizon, targets)``.

    ``metadata`` (JSON-able) is stored under the key ``lstm_doctor`` of the file's metadata.
    """
    example = torch.randn(2, lookback, n_inputs)
    return _export(
        model,
        (example,),
        Path(path),
        input_names=["x"],
        output_names=["forecast"],
        dynamic_axes={"x": {0: "batch"}, "forecast": {0: "batch"}},
        metadata={"lstm_doctor": json.dumps(metadata or {})},
    )


def export_sequence_model(
    model: nn.Module, path: str | Path, *, n_features: int, metadata: dict[str, Any] | None = None
) -> Path:
    """Export a sequence model ``x (batch, time, features), lengths (batch,) -> output``.

    The encoder is switched to its dense mode in the exported copy (no packing in the graph).
    """
    model = copy.deepcopy(model)
    for module in model.modules():
        if hasattr(module, "packing"):
            module.packing = "dense"
    lengths = torch.tensor([5, 3], dtype=torch.int64)
    example = torch.randn(2, 5, n_features)
    return _export(
        model,
        (example, lengths),
        Path(path),
        input_names=["x", "lengths"],
        output_names=["output"],
        dynamic_axes={
            "x": {0: "batch", 1: "time"},
            "lengths": {0: "batch"},
            "output": {0: "batch"},
        },
        metadata={"lstm_doctor": json.dumps(metadata or {})},
    )


def load_session(path: str | Path, threads: int | None = None) -> Any:
    """An onnxruntime session on the CPU for the exported model at ``path``.

    Raises:
        ArtifactError: the file is missing or not a loadable ONNX model.
        ConfigError: onnxruntime is not installed.
    """
    _, ort = _onnx_modules()
    path = Path(path)
    if not path.is_file():
        raise ArtifactError(f"No ONNX file at {str(path)!r}; write one with lstm-doctor export.")
    options = ort.SessionOptions()
    if threads is not None:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    try:
        return ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise ArtifactError(f"{path} is not a loadable ONNX model: {exc}") from None


def run_session(session: Any, *inputs: np.ndarray) -> np.ndarray:
    """Run ``session`` on ``inputs`` (in the order of its input names); the first output."""
    names = [i.name for i in session.get_inputs()]
    if len(names) != len(inputs):
        raise ConfigError(f"The ONNX model takes {names}; got {len(inputs)} input(s).")
    feeds = dict(zip(names, inputs, strict=True))
    return session.run(None, feeds)[0]


def session_metadata(session: Any) -> dict[str, Any]:
    """The ``lstm_doctor`` metadata of an exported file ({} when there is none)."""
    text = session.get_modelmeta().custom_metadata_map.get("lstm_doctor", "{}")
    return json.loads(text)


class OnnxModule(nn.Module):
    """An exported model behind a torch ``forward``: onnxruntime computes, torch only wraps.

    Lets every caller of a fitted model (batching, scaling, labels, metrics) run the
    exported graph unchanged. It has no weights (one empty parameter says its device).
    """

    def __init__(self, session: Any, *, n_outputs: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.n_outputs = n_outputs
        self._device = nn.Parameter(torch.zeros(0), requires_grad=False)

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        arrays = [t.detach().cpu().numpy() for t in inputs]
        return torch.from_numpy(run_session(self.session, *arrays))
