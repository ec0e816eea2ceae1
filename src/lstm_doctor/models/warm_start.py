"""Warm starts: a fresh model begins from a fitted model's weights."""

from __future__ import annotations

from torch import nn

from lstm_doctor.errors import ConfigError

__all__ = ["load_weights"]


def load_weights(model: nn.Module, source: nn.Module, *, same: str) -> None:
    """Load ``source``'s weights into ``model``, which must have the same shapes.

    DropConnect keeps a recurrent matrix as ``weight_hh_l0_raw``: the same weight under
    another name, so a warm start may add or drop weight-drop. ``same`` names what must
    match, for the error message.
    """
    names = {k.removesuffix("_raw"): k for k in model.state_dict()}
    ours = {k.removesuffix("_raw"): v for k, v in model.state_dict().items()}
    theirs = {k.removesuffix("_raw"): v for k, v in source.state_dict().items()}
    mismatched = sorted(
        k for k in ours.keys() | theirs.keys()
        if k not in ours or k not in theirs or ours[k].shape != theirs[k].shape
    )  # fmt: skip
    if mismatched:
        raise ConfigError(
            f"init_from has another network shape ({', '.join(mismatched[:3])} differ); "
            f"a warm start needs the same {same}."
        )
    model.load_state_dict({names[k]: v for k, v in theirs.items()}, strict=True)
