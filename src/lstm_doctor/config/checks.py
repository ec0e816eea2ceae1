"""The checks every settings dataclass runs on itself, and its dict round trip.

Each check raises a ``ConfigError`` in scikit-learn's words: which parameter of which
config, what it must be, what it got.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any, Self

from lstm_doctor.errors import ConfigError

__all__ = ["FromDict", "check_choice", "check_float", "check_int"]


def check_choice(owner: str, name: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(
            f"The '{name}' parameter of {owner} must be one of {', '.join(choices)}. "
            f"Got {value!r} instead."
        )


def check_int(owner: str, name: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ConfigError(
            f"The '{name}' parameter of {owner} must be an integer >= {minimum}. "
            f"Got {value!r} instead."
        )


def check_float(
    owner: str, name: str, value: Any, low: float, high: float = math.inf, *, open_low: bool
) -> None:
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
    ok = ok and (value > low if open_low else value >= low) and value <= high
    if not ok:
        bound = f"> {low}" if open_low else f">= {low}"
        if high != math.inf:
            bound += f" and <= {high}"
        raise ConfigError(
            f"The '{name}' parameter of {owner} must be a finite number {bound}. "
            f"Got {value!r} instead."
        )


def check_no_covariates(n_inputs: int, n_targets: int, rule: str, fix: str) -> None:
    """A model that forecasts each channel from its own past has no room for covariates."""
    if n_inputs != n_targets:
        raise ConfigError(f"{rule}: the model has {n_inputs} inputs for {n_targets} targets. {fix}")


class FromDict:
    """``from_dict`` that rejects unknown keys and ``to_dict`` that round-trips through JSON."""

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Self:
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(values) - names)
        if unknown:
            raise ConfigError(
                f"Unknown setting(s) for {cls.__name__}: {', '.join(unknown)}. "
                f"Known settings: {', '.join(sorted(names))}."
            )
        fixed = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        required = [
            f.name
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        missing = [name for name in required if name not in fixed]
        if missing:
            raise ConfigError(f"{cls.__name__} needs the setting(s): {', '.join(missing)}.")
        return cls(**fixed)

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)  # type: ignore[call-overload]
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}
