"""Resumable training: the loop's whole state in one safetensors file, written atomically.

Tensors (current and best weights, optimizer moments, the states of the batch-order,
augmentation and global torch random generators) are the file's tensors; everything else
(epoch, step, best loss, plateau counters, the History so far, optimizer settings) is JSON
in the file's metadata. The file is written beside its final name and renamed over it, so a
crash leaves the previous epoch's checkpoint intact. Resuming from it continues the exact
same run: same seed, same result as uninterrupted.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, safe_open, save_file
from torch import nn

from lstm_doctor.errors import ArtifactError
from lstm_doctor.history import History
from lstm_doctor.training.schedules import PlateauRule

__all__ = [
    "CHECKPOINT_FORMAT",
    "LoopState",
    "load_checkpoint",
    "save_checkpoint",
    "tag_difference",
]

CHECKPOINT_FORMAT = 1


@dataclass
class LoopState:
    """What the training loop carries from one epoch to the next."""

    plateau: PlateauRule
    history: History = field(default_factory=History)
    best_state: dict[str, torch.Tensor] = field(default_factory=dict)
    epoch: int = 0
    step: int = 0
    best_loss: float = math.inf
    bad_epochs: int = 0
    lr_scale: float = 1.0


def _cpu(tensor: torch.Tensor) -> torch.Tensor:
    return tensor.detach().cpu().contiguous()


def _split_optimizer(state: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    tensors, plain = {}, {}
    for index, values in state["state"].items():
        for key, value in values.items():
            if isinstance(value, torch.Tensor):
                tensors[f"optim.{index}.{key}"] = _cpu(value)
            else:
                plain[f"{index}.{key}"] = value
    groups = [{k: v for k, v in g.items()} for g in state["param_groups"]]
    return tensors, {"plain": plain, "param_groups": groups}


def _join_optimizer(tensors: dict[str, torch.Tensor], saved: dict[str, Any]) -> dict[str, Any]:
    state: dict[int, dict[str, Any]] = {}
    for name, value in tensors.items():
        if name.startswith("optim."):
            _, index, key = name.split(".", 2)
            state.setdefault(int(index), {})[key] = value
    for name, value in saved["plain"].items():
        index, key = name.split(".", 1)
        state.setdefault(int(index), {})[key] = value
    return {"state": state, "param_groups": saved["param_groups"]}


def save_checkpoint(
    path: Path,
    *,
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    generator: torch.Generator,
    state: LoopState,
    tag: str,
    augment_generator: torch.Generator | None = None,
) -> None:
    """Write the loop state after an epoch; ``tag`` identifies the run it belongs to.

    ``augment_generator``, the generator of the batch augmentation, is saved beside the
    batch-order generator when given.
    """
    tensors = {f"model.{k}": v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    tensors.update(
        {f"best.{k}": v.detach().cpu().contiguous() for k, v in state.best_state.items()}
    )
    optimizer_tensors, optimizer_plain = _split_optimizer(optimizer.state_dict())
    tensors.update(optimizer_tensors)
    tensors["rng.loop"] = generator.get_state()
    tensors["rng.torch"] = torch.get_rng_state()
    if augment_generator is not None:
        tensors["rng.augment"] = augment_generator.get_state()
    meta = {
        "format": CHECKPOINT_FORMAT,
        "tag": tag,
        "epoch": state.epoch,
        "step": state.step,
        "best_loss": state.best_loss if math.isfinite(state.best_loss) else None,
        "bad_epochs": state.bad_epochs,
        "lr_scale": state.lr_scale,
        "plateau": {"best": state.plateau.best, "bad_epochs": state.plateau.bad_epochs},
        "history": {
            "rows": state.history.rows,
            "events": state.history.events,
            "best_epoch": state.history.best_epoch,
        },
        "optimizer": optimizer_plain,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    text = json.dumps(meta, allow_nan=True)  # a NaN epoch is part of the story: keep it
    try:
        save_file(tensors, tmp, metadata={"lstm_doctor": text})
        os.replace(tmp, path)
    except (SafetensorError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise ArtifactError(f"Cannot write checkpoint {str(path)!r}: {exc}") from None


def load_checkpoint(
    path: Path,
    *,
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    generator: torch.Generator,
    plateau: PlateauRule,
    tag: str,
    augment_generator: torch.Generator | None = None,
) -> LoopState:
    """Restore model, optimizer, random generators and loop state from ``path``.

    Raises:
        ArtifactError: the file is unreadable, of another format, from another run, or has
            no augmentation generator state when ``augment_generator`` asks for one.
    """
    try:
        with safe_open(path, framework="pt") as handle:
            meta = json.loads((handle.metadata() or {})["lstm_doctor"])
        tensors = load_file(path)
    except (SafetensorError, OSError, KeyError, ValueError) as exc:
        raise ArtifactError(f"Cannot read checkpoint {str(path)!r}: {exc}") from None
    if meta.get("format") != CHECKPOINT_FORMAT:
        raise ArtifactError(
            f"Checkpoint {str(path)!r} has format {meta.get('format')}, expected "
            f"{CHECKPOINT_FORMAT}; start the run again without --resume."
        )
    if meta.get("tag") != tag:
        raise ArtifactError(
            f"Checkpoint {str(path)!r} belongs to a run with other data or settings "
            f"({tag_difference(meta.get('tag'), tag)}); resume with the same command, or start "
            "again without --resume."
        )
    if augment_generator is not None and "rng.augment" not in tensors:
        raise ArtifactError(
            f"Checkpoint {str(path)!r} holds no state of the augmentation generator, so the "
            "run cannot continue exactly; start it again without --resume."
        )
    model.load_state_dict({k[6:]: v for k, v in tensors.items() if k.startswith("model.")})
    optimizer.load_state_dict(_join_optimizer(tensors, meta["optimizer"]))
    generator.set_state(tensors["rng.loop"])
    torch.set_rng_state(tensors["rng.torch"])
    if augment_generator is not None:
        augment_generator.set_state(tensors["rng.augment"])
    plateau.best = meta["plateau"]["best"]
    plateau.bad_epochs = meta["plateau"]["bad_epochs"]
    history = History(
        rows=meta["history"]["rows"],
        events=meta["history"]["events"],
        best_epoch=meta["history"]["best_epoch"],
    )
    best = {k[5:]: v for k, v in tensors.items() if k.startswith("best.")}
    return LoopState(
        plateau=plateau,
        history=history,
        best_state=best,
        epoch=meta["epoch"],
        step=meta["step"],
        best_loss=math.inf if meta["best_loss"] is None else meta["best_loss"],
        bad_epochs=meta["bad_epochs"],
        lr_scale=meta["lr_scale"],
    )


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted paths to leaves; a string holding a JSON object is opened too (nested tags)."""
    if isinstance(value, str) and value.startswith("{"):
        with contextlib.suppress(ValueError):
            value = json.loads(value)
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): value}


def tag_difference(old: Any, new: str) -> str:
    """What differs between a checkpoint's tag and this run's, for a person: the first
    setting that changed with both values, or that the data changed."""
    before, after = _flatten(old if old is not None else {}), _flatten(new)
    changed = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    settings = [k for k in changed if not k.endswith(("data", "n"))]
    if settings:
        key = settings[0]
        name = key.rsplit(".", 1)[-1]
        return f"setting {name!r} was {before.get(key)!r}, now {after.get(key)!r}"
    if changed:
        return "the data differ: other rows or values"
    return "its tag differs"
