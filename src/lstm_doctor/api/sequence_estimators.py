"""Estimators for separate sequences of different lengths, one label each.

    >>> from lstm_doctor import SequenceClassifier
    >>> model = SequenceClassifier(pooling="attention")
    >>> model.fit(frame, sequence="sequence_id", label="label", time="t")  # doctest: +SKIP
    >>> model.metrics_["test"]["accuracy"], model.metrics_["baselines"]   # doctest: +SKIP
    >>> model.predict_proba(new_frame)   # one row per sequence             # doctest: +SKIP

The split is by sequence (stratified by label, by group with ``group=``) or, with
``test=``, the official test file is the test split and validation is carved from the
training file. The scaler and the baselines are fitted on training sequences only.
``ensemble=N`` trains N seeded models on the same split and averages their probabilities;
``refit=True`` then retrains each on train + val for its chosen epoch count (metrics.val
stays the selection fit's). Both are on by default for classification.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from time import perf_counter
from typing import Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor.api.estimator import Estimator, run_fingerprint
from lstm_doctor.api.sequence_member_fit import MemberFit, checkpoint_files, member_of
from lstm_doctor.api.sequence_scoring import diagnose_fit, model_scores, score_splits
from lstm_doctor.artifacts.provenance import fit_provenance
from lstm_doctor.artifacts.sequence import load_sequence_run
from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.config.sequence import SequenceConfig, SequenceRunConfig
from lstm_doctor.data.load import read_table
from lstm_doctor.data.sequence_scale import apply_sequence_scaler, fit_sequence_scaler
from lstm_doctor.data.sequence_split import split_sequences
from lstm_doctor.data.sequences import SequenceSet, build_sequences
from lstm_doctor.diagnosis.fallback import diagnose_or_warn
from lstm_doctor.errors import ConfigError
from lstm_doctor.evaluation.classification_metrics import classification_metrics, regression_metrics
from lstm_doctor.models.sequence_ensemble import SequenceEnsemble
from lstm_doctor.training.device import resolve_device
from lstm_doctor.training.sequence_members import (
    member_seed,
    member_train_config,
    refit_train_config,
)
from lstm_doctor.training.sequence_trainer import (
    EpochCallback,
    SequenceLoss,
    predict_sequences,
)

__all__ = ["SequenceClassifier", "SequenceEstimator", "SequenceRegressor", "checkpoint_files"]

_SECTIONS = {
    "sequence": {f.name for f in dataclasses.fields(SequenceConfig)} - {"task"},
    "model": {f.name for f in dataclasses.fields(ModelConfig)},
    "train": {f.name for f in dataclasses.fields(TrainConfig)},
}
# Defaults for sequences where the forecasting defaults do not fit: chosen on splits carved
# from the JapaneseVowels training file (validation and a hold-out, 3 seeds; see README),
# never on its test file.
DEFAULTS = {"layers": 1, "units": 64, "bidirectional": True, "dropout": 0.2, "lr": 3e-3,
            "batch_size": 32, "patience": 20, "epochs": 150}  # fmt: skip
# For classification, checked by 5-fold cross-validation on the JapaneseVowels training
# file only (benchmarks/sequence_defaults_cv.py, 3 seeds): batch 16 had the best mean CV
# accuracy (0.9716 vs 0.9679 at 32, CV log loss 0.196 vs 0.201); units 128, 2 layers,
# one direction, mean or attention pooling, no label smoothing, lr 1e-3, patience 40 and
# batch 8 did not beat the rest of these defaults; without jitter it tied (0.9679).
# A second round (sequence_defaults_cv.py --ensemble, same folds and seeds, on top of those
# defaults): a 5-seed ensemble refitted on train + val had the best mean CV accuracy, 0.9790
# (CV log loss 0.1765, 14.9 s per fit on one thread), against 0.9778 (0.1922) for the
# ensemble alone, 0.9728 (0.1836) for the refit alone and 0.9716 (0.1959, 2.3 s) without.
# Then across eight UCR/UEA training files (benchmarks/sequence_suite.py, 3-fold CV, one
# seed; docs/sequence_defaults.md), by a rule fixed before the table: mean CV accuracy
# 0.7836 with the LSTM-FCN conv branch and the summary features in the head, 0.7779 with
# the conv branch alone (a tie within 0.01, the cheaper won), 0.7290 for MLSTM-FCN and
# 0.5859 for the LSTM alone (at chance on long univariate series). The 5-seed ensemble
# refitted on train + val kept its place: +0.0142 mean CV accuracy over the four smallest
# training files (Coffee, ArrowHead, BasicMotions, GunPoint; the bar was 0.01).
CLASSIFY_DEFAULTS = {"label_smoothing": 0.1, "jitter": 0.1, "batch_size": 16, "ensemble": 5,
                     "refit": True, "encoder": "lstm-fcn", "summary_features": True}  # fmt: skip


class SequenceEstimator(Estimator):
    """The base of SequenceClassifier and SequenceRegressor (``load`` picks the task)."""

    task = "classify"
    task_section = "sequence"

    def _check_settings(self, settings: dict[str, Any]) -> None:
        known = set().union(*_SECTIONS.values())
        unknown = sorted(set(settings) - known)
        if unknown:
            raise ConfigError(
                f"{type(self).__name__} got unknown setting(s) {', '.join(unknown)}. Known "
                f"settings: {', '.join(sorted(known))}."
            )

    def setting(self, name: str) -> Any:
        """A setting as a fit would resolve it: given, else this task's default, else the
        config field's default."""
        defaults = {**DEFAULTS, **(CLASSIFY_DEFAULTS if self.task == "classify" else {})}
        if name in self.settings or name in defaults:
            return self.settings.get(name, defaults.get(name))
        for config_class in (SequenceConfig, ModelConfig, TrainConfig):
            for field in dataclasses.fields(config_class):
                if field.name == name:
                    return field.default
        raise ConfigError(f"Unknown setting {name!r}.")

    def _resolve(self, columns: dict[str, Any]) -> SequenceRunConfig:
        defaults = {**DEFAULTS, **(CLASSIFY_DEFAULTS if self.task == "classify" else {})}
        merged = {**defaults, **self.settings, **{k: v for k, v in columns.items() if v}}
        parts = {
            s: {k: v for k, v in merged.items() if k in names} for s, names in _SECTIONS.items()
        }
        for needed, flag in (("sequence_id", "sequence"), ("label", "label")):
            if needed not in parts["sequence"]:
                raise ConfigError(
                    f"{type(self).__name__}.fit needs {flag}=: fit(data, sequence='id', "
                    "label='label')."
                )
        return SequenceRunConfig(
            sequence=SequenceConfig(task=self.task, **parts["sequence"]),
            model=ModelConfig(**parts["model"]),
            train=TrainConfig(**parts["train"]),
        )

    # ----------------------------------------------------------------------------- fitting
    def fit(
        self,
        data: pd.DataFrame | str | Path,
        sequence: str | None = None,
        label: str | None = None,
        *,
        time: str | None = None,
        group: str | None = None,
        features: list[str] | None = None,
        test: pd.DataFrame | str | Path | None = None,
        on_epoch: EpochCallback | None = None,
        evaluate_test: bool = True,
        init_from: SequenceEstimator | None = None,
        checkpoint: str | Path | None = None,
        resume: bool = False,
    ) -> SequenceEstimator:
        """Split, scale, train with early stopping on validation, score val and test.

        With ``checkpoint`` (a file path), the training state is saved there after every
        epoch; ``resume=True`` continues a killed run from it, to the same result as an
        uninterrupted run. A checkpoint only resumes the same data and settings.
        ``evaluate_test=False`` leaves the test split (or file) unread: metrics and
        diagnosis use validation only, for model selection; ``finish`` scores it later.
        ``init_from`` (a fitted estimator with the same columns and network shape) starts
        training from its weights: a warm start.
        """
        config = self._resolve(
            {"sequence_id": sequence, "label": label, "time": time, "group": group,
             "features": tuple(features or ())}
        )  # fmt: skip
        seq, train_config = config.sequence, config.train
        self._check_resume(checkpoint, resume)
        frame = read_table(data)
        self.config_ = config
        parts = self._split(frame, test, read_test=evaluate_test)
        self.scaler_ = fit_sequence_scaler(seq.scaler, parts["train"])
        train_labels = parts["train"].labels
        if self.task == "regress":
            spread = float(np.std(train_labels))
            self.label_scale_ = (float(np.mean(train_labels)), spread if spread > 0 else 1.0)
        scaled = {name: apply_sequence_scaler(self.scaler_, s) for name, s in parts.items()}
        device = resolve_device(train_config.device)
        n_outputs = len(self.classes_) if self.task == "classify" else 1
        fit_member = MemberFit(
            config.model, seq.pooling, seq.packing, len(self.features_), n_outputs, scaled,
            {name: self._targets(part) for name, part in parts.items() if name != "test"},
            self._loss(train_labels), device, on_epoch,
            None if checkpoint is None else Path(checkpoint), resume,
            _fingerprint(config, scaled), seq.architecture(),
        )  # fmt: skip
        started = perf_counter()
        members, histories = [], []
        for k in range(seq.ensemble):
            source = None
            if init_from is not None:
                init_from._check_fitted()
                source = member_of(init_from.model_, k)
            model, history = fit_member(k, member_train_config(train_config, k), init=source)
            members.append(model)
            histories.append(history)
        self.history_ = histories[0]  # the curves the diagnosis reads: the first member's
        self.model_ = self._combine(members)
        splits = ("val", "test") if evaluate_test else ("val",)
        selection_val = None  # with a refit: the honest val scores, before it sees val
        if seq.refit:
            selection_val = model_scores(self, parts["val"], scaled["val"], keep_losses=True)
        refit_epochs_ = []
        if seq.refit:
            refitted = []
            for k, history in enumerate(histories):
                refit_config = refit_train_config(member_train_config(train_config, k), history)
                refit_epochs_.append(refit_config.epochs)
                refitted.append(fit_member(k, refit_config, refit=True)[0])
            self.model_ = self._combine(refitted)
        self.metrics_ = score_splits(self, parts, scaled, splits, selection_val=selection_val)
        self.metrics_["training"] = {
            "epochs": len(self.history_), "best_epoch": self.history_.best_epoch,
            "stop_reason": self.history_.stop_reason, "seconds": perf_counter() - started,
            "device": str(device),
        }  # fmt: skip
        if seq.ensemble > 1:
            self.metrics_["training"]["members"] = [
                {"seed": member_seed(train_config.seed, k), "epochs": len(h),
                 "best_epoch": h.best_epoch, "stop_reason": h.stop_reason}
                for k, h in enumerate(histories)
            ]  # fmt: skip
        if seq.refit:
            self.metrics_["training"]["refit_epochs"] = refit_epochs_
        self.diagnosis_ = diagnose_or_warn(
            lambda: diagnose_fit(self, frame, train_labels, include_test=evaluate_test)
        )
        self.provenance_ = fit_provenance(data, frame, train_config.seed, str(device))
        return self

    def _combine(self, members: list[torch.nn.Module]) -> torch.nn.Module:
        """One model, or the ensemble averaging the members' probabilities (or numbers)."""
        if len(members) == 1:
            return members[0]
        return SequenceEnsemble(members, average_probabilities=self.task == "classify")  # type: ignore[arg-type]

    def _split(
        self, frame: pd.DataFrame, test: pd.DataFrame | str | Path | None, *, read_test: bool
    ) -> dict[str, SequenceSet]:
        """Train / val / test sequences (test: carved, or the test file when given; left
        unread without ``read_test``). The same seed and data give the same split."""
        seq = self.config_.sequence
        every = build_sequences(frame, seq, source="training data")
        self.features_, self.classes_ = every.features, every.classes
        test_fraction = None if test is not None else seq.test_fraction
        index = split_sequences(
            every.labels, val_fraction=seq.val_fraction, test_fraction=test_fraction,
            seed=self.config_.train.seed, groups=every.groups, stratify=self.task == "classify",
        )  # fmt: skip
        parts = {name: every.subset(i) for name, i in index.items()}
        if seq.refit:  # what the final refit trains on: every training sequence, never test
            parts["train_all"] = every.subset(np.concatenate([index["train"], index["val"]]))
        if not read_test:
            parts.pop("test", None)
        elif test is not None:
            parts["test"] = build_sequences(
                read_table(test), seq, features=every.features, classes=every.classes,
                source="test file",
            )  # fmt: skip
        return parts

    def finish(
        self, data: pd.DataFrame | str | Path, test: pd.DataFrame | str | Path | None = None
    ) -> SequenceEstimator:
        """Score the test split (or file) once, after ``fit(..., evaluate_test=False)``, and
        diagnose with it: ``metrics_`` and ``diagnosis_`` become those of a plain ``fit``."""
        self._check_fitted()
        frame = read_table(data)
        parts = self._split(frame, test, read_test=True)
        scaled = {name: apply_sequence_scaler(self.scaler_, s) for name, s in parts.items()}
        selection_val = self.metrics_["val"] if self.config_.sequence.refit else None
        return self._finish_with(
            score_splits(self, parts, scaled, ("val", "test"), selection_val=selection_val),
            lambda: diagnose_fit(self, frame, parts["train"].labels, include_test=True),
        )

    def _targets(self, sequences: SequenceSet) -> torch.Tensor:
        if self.task == "classify":
            return torch.from_numpy(sequences.labels)
        center, scale = self.label_scale_
        return torch.from_numpy((sequences.labels - center) / scale).float()

    def _loss(self, train_labels: np.ndarray) -> SequenceLoss:
        seq = self.config_.sequence
        if self.task == "regress":
            return SequenceLoss("regress")
        weights = None
        if seq.class_weights == "balanced":
            counts = np.bincount(train_labels, minlength=len(self.classes_)).astype(np.float64)
            balanced = len(train_labels) / (len(counts) * np.maximum(counts, 1.0))
            weights = torch.tensor(balanced, dtype=torch.float32)
        return SequenceLoss("classify", weights, seq.label_smoothing)

    # ---------------------------------------------------------------------------- using it
    def _outputs(self, data: pd.DataFrame | str | Path) -> tuple[SequenceSet, torch.Tensor]:
        self._check_fitted()
        sequences = build_sequences(
            read_table(data), self.config_.sequence, features=self.features_,
            classes=self.classes_ or None, require_label=False,
        )  # fmt: skip
        scaled = apply_sequence_scaler(self.scaler_, sequences)
        precision = self.config_.train.precision  # as in training: the same numbers
        return sequences, predict_sequences(self.model_, scaled, precision=precision)

    def evaluate(self, data: pd.DataFrame | str | Path) -> dict[str, Any]:
        """Score the fitted model on every labelled sequence of ``data`` (nothing refitted)."""
        sequences, output = self._outputs(data)
        if sequences.labels is None:
            raise ConfigError(
                f"evaluate needs the label column {self.config_.sequence.label!r} in the data."
            )
        if self.task == "classify":
            return classification_metrics(sequences.labels, torch.softmax(output, 1).numpy())
        center, scale = self.label_scale_
        return regression_metrics(sequences.labels, output[:, 0].numpy() * scale + center)

    # --------------------------------------------------------------------------- persistence
    def _run_meta(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "shape": {"n_features": self.model_.n_features, "n_outputs": self.model_.n_outputs},
            "features": list(self.features_),
            "classes": list(self.classes_),
            "label_scale": list(getattr(self, "label_scale_", ())) or None,
        }

    @classmethod
    def load(cls, path: str | Path) -> SequenceEstimator:
        """Rebuild a fitted estimator from a run directory (never unpickles anything)."""
        run = load_sequence_run(path)
        estimator_class = (
            SequenceClassifier if run.meta["task"] == "classify" else SequenceRegressor
        )
        if cls is not SequenceEstimator and estimator_class is not cls:
            raise ConfigError(
                f"{str(path)!r} holds a {run.meta['task']} run; load it with "
                f"{estimator_class.__name__}.load."
            )
        estimator = estimator_class()
        estimator._restore(run)
        estimator.features_ = tuple(run.meta["features"])
        estimator.classes_ = tuple(run.meta["classes"])
        if run.meta.get("label_scale"):
            estimator.label_scale_ = tuple(run.meta["label_scale"])
        return estimator

    def report(self, path: str | Path) -> Path:
        """Write the one-file HTML report of this model to ``path`` and return the path."""
        from lstm_doctor.reporting.run_report import sequence_report_file

        self._check_fitted()
        return sequence_report_file(self, path)


def _fingerprint(config: SequenceRunConfig, scaled: dict[str, SequenceSet]) -> str:
    """The run's fingerprint over its scaled training and validation sequences."""
    arrays = []
    for name in ("train", "val"):
        sequences = scaled[name]
        arrays += [sequences.values.numpy(), sequences.lengths.numpy(), sequences.labels]
    return run_fingerprint(config, arrays)


class SequenceClassifier(SequenceEstimator):
    """An LSTM classifier of variable-length sequences, scored against two baselines.

    Keywords are fields of ``SequenceConfig``, ``ModelConfig`` and ``TrainConfig`` (the CLI
    flags of ``lstm-doctor fit --task classify``). After ``fit``: ``config_``, ``model_``,
    ``scaler_``, ``classes_``, ``features_``, ``history_``, ``metrics_`` (val and test
    accuracy, balanced accuracy, macro-F1, log loss, confusion matrix; ``baselines``:
    majority and summary features) and ``diagnosis_``.
    """

    task = "classify"

    def predict_proba(self, data: pd.DataFrame | str | Path) -> pd.DataFrame:
        """One row per sequence: its id and one probability column per class (``p_<class>``)."""
        sequences, output = self._outputs(data)
        probabilities = torch.softmax(output, 1).numpy()
        frame = pd.DataFrame({self.config_.sequence.sequence_id: sequences.ids})
        for j, name in enumerate(self.classes_):
            frame[f"p_{name}"] = probabilities[:, j]
        return frame

    def predict(self, data: pd.DataFrame | str | Path) -> pd.DataFrame:
        """One row per sequence: its id, the predicted class, and the class probabilities."""
        frame = self.predict_proba(data)
        probabilities = frame.iloc[:, 1:].to_numpy()
        frame.insert(
            1, self.config_.sequence.label, np.asarray(self.classes_)[probabilities.argmax(1)]
        )
        return frame


class SequenceRegressor(SequenceEstimator):
    """An LSTM regressor of variable-length sequences (MSE), scored against two baselines."""

    task = "regress"

    def predict(self, data: pd.DataFrame | str | Path) -> pd.DataFrame:
        """One row per sequence: its id and the predicted number."""
        sequences, output = self._outputs(data)
        center, scale = self.label_scale_
        return pd.DataFrame(
            {
                self.config_.sequence.sequence_id: sequences.ids,
                self.config_.sequence.label: output[:, 0].numpy() * scale + center,
            }
        )
