"""The estimator base: what Forecaster, SequenceClassifier and SequenceRegressor share.

Settings in (keywords named like the config fields and the CLI flags), checked when the
estimator is built; the fitted check; the resume guard; the resolved settings; the test
split scored once by ``finish``; the run directory written and read back; the fingerprint
that ties a checkpoint to its data and settings. A task says what is its own: its config
sections, how it fits and scores, and what its run directory holds besides the shared.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Self

import numpy as np

from lstm_doctor.artifacts import save_run
from lstm_doctor.diagnosis.fallback import diagnose_or_warn
from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.errors import ConfigError, NotFittedError

__all__ = ["Estimator", "run_fingerprint"]


def run_fingerprint(config: Any, arrays: Iterable[np.ndarray]) -> str:
    """Names the settings and the exact (scaled) data of a run, for checkpoint matching."""
    digest = hashlib.sha256()
    for array in arrays:
        digest.update(np.asarray(array).tobytes())
    return json.dumps({"config": config.to_dict(), "data": digest.hexdigest()}, sort_keys=True)


class Estimator:
    """The shared half of every estimator; learned state ends in ``_`` and is set only by
    ``fit`` (or ``load``)."""

    # The config section that is the task's own (``data`` or ``sequence``): first in the
    # resolved settings, before ``model`` and ``train``.
    task_section = "data"

    def __init__(self, **settings: Any) -> None:
        self._check_settings(settings)  # reject unknown names now, not at fit time
        self.settings = dict(settings)

    def _check_settings(self, settings: dict[str, Any]) -> None:
        raise NotImplementedError

    def get_params(self) -> dict[str, Any]:
        return dict(self.settings)

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            name = type(self).__name__
            raise NotFittedError(
                f"This {name} is not fitted yet; call fit(...) or {name}.load(path) first."
            )

    @staticmethod
    def _check_resume(checkpoint: str | Path | None, resume: bool) -> None:
        """``resume`` needs a checkpoint file to continue from."""
        if resume and (checkpoint is None or not Path(checkpoint).exists()):
            raise ConfigError(
                f"Nothing to resume: no checkpoint at {str(checkpoint)!r}. Run without resume."
            )

    def resolved_settings(self) -> dict[str, Any]:
        """The resolved settings as one flat dict (the names of the CLI flags)."""
        self._check_fitted()
        config = self.config_
        own = getattr(config, self.task_section)
        flat = {**own.to_dict(), **config.model.to_dict(), **config.train.to_dict()}
        flat["weight_decay"] = config.train.resolved_weight_decay
        return flat

    def _finish_with(self, metrics: dict[str, Any], diagnose: Callable[[], Diagnosis]) -> Self:
        """Replace the scores by ``metrics`` (keeping the training record) and diagnose anew:
        the end of ``finish``, once the test split was scored."""
        training = self.metrics_.get("training")
        self.metrics_ = metrics
        if training is not None:
            self.metrics_["training"] = training
        self.diagnosis_ = diagnose_or_warn(diagnose)
        return self

    # --------------------------------------------------------------------------- persistence
    def _run_meta(self) -> dict[str, Any]:
        """What this task's run directory records besides the shared (shape, classes, ...)."""
        raise NotImplementedError

    def save(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """Write the run directory (safetensors + JSON); see ``lstm_doctor.artifacts``."""
        self._check_fitted()
        history = self.history_
        meta = {
            **self._run_meta(),
            "training": {
                "best_epoch": history.best_epoch,
                "stop_reason": history.stop_reason,
                "events": history.events,
            },
            "provenance": getattr(self, "provenance_", None),
        }
        extra = {}
        if getattr(self, "calibration_", None) is not None:
            extra["calibration"] = self.calibration_
        return save_run(
            path, config=self.config_, model=self.model_, scaler=self.scaler_,
            history=history, metrics=self.metrics_, meta=meta,
            diagnosis=self.diagnosis_.to_dict(), overwrite=overwrite, **extra,
        )  # fmt: skip

    def _restore(self, run: Any) -> None:
        """The learned state every run directory holds, from a loaded run."""
        self.config_, self.model_, self.scaler_ = run.config, run.model, run.scaler
        self.history_, self.metrics_ = run.history, run.metrics
        self.diagnosis_ = Diagnosis.from_dict(run.diagnosis)
        self.provenance_ = run.meta.get("provenance")
