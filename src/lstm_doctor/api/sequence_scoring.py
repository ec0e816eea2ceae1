"""Scores and diagnosis of a sequence fit: the model and its two baselines (majority or
mean, and a linear model on summary features) on each split, and the findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor.data.sequences import SequenceSet
from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose
from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.diagnosis.sequence_baselines import (
    fit_summary_model,
    majority_probabilities,
    summary_features,
)
from lstm_doctor.diagnosis.sequence_checks import check_group_column, worse_than_baseline
from lstm_doctor.diagnosis.sequence_remedies import add_sequence_remedies
from lstm_doctor.evaluation.classification_metrics import classification_metrics, regression_metrics
from lstm_doctor.training.sequence_trainer import predict_sequences

if TYPE_CHECKING:
    from lstm_doctor.api.sequence_estimators import SequenceEstimator

__all__ = ["diagnose_fit", "model_scores", "score_splits"]


def model_scores(
    estimator: SequenceEstimator,
    sequences: SequenceSet,
    scaled: SequenceSet,
    *,
    keep_losses: bool = False,
) -> dict[str, Any]:
    output = predict_sequences(
        estimator.model_, scaled, precision=estimator.config_.train.precision
    )
    if keep_losses:  # heal's paired test compares two models sequence by sequence
        estimator.val_sequence_losses_ = sequence_losses(estimator, sequences, output)
    if estimator.task == "classify":
        return classification_metrics(sequences.labels, torch.softmax(output, 1).numpy())
    center, scale = estimator.label_scale_
    return regression_metrics(sequences.labels, output[:, 0].numpy() * scale + center)


def sequence_losses(
    estimator: SequenceEstimator, sequences: SequenceSet, output: torch.Tensor
) -> np.ndarray:
    """Per-sequence plain loss: cross-entropy (no smoothing, no class weights), or the
    squared error in the training labels' scaled units — the scale ``val_loss`` uses."""
    if estimator.task == "classify":
        log_p = torch.log_softmax(output.float(), 1).numpy()
        return -log_p[np.arange(len(sequences.labels)), sequences.labels].astype(np.float64)
    center, scale = estimator.label_scale_
    scaled_labels = (sequences.labels - center) / scale
    return (output[:, 0].double().numpy() - scaled_labels) ** 2


def score_splits(
    estimator: SequenceEstimator,
    parts: dict[str, SequenceSet],
    scaled: dict[str, SequenceSet],
    splits: tuple[str, ...] = ("val", "test"),
    *,
    selection_val: dict[str, Any] | None = None,
) -> dict:
    """Scores of the model and the baselines. With a refit, ``selection_val`` (the
    selection fit's validation scores) stands for val, and the test baselines are
    fitted on train + validation, the data the refitted model saw."""
    metrics: dict[str, Any] = {"task": estimator.task}
    refit = estimator.config_.sequence.refit
    for name in splits:
        honest = name != "val" or not refit or selection_val is None
        metrics[name] = (
            model_scores(estimator, parts[name], scaled[name], keep_losses=name == "val")
            if honest
            else selection_val
        )

    def summary(s: SequenceSet) -> np.ndarray:
        return summary_features(s.values.numpy(), s.lengths.numpy())

    n_classes = len(estimator.classes_)
    fitted = {}
    for name in {"train", "train_all"} & set(parts):
        data = parts[name]
        fitted[name] = fit_summary_model(summary(data), data.labels, estimator.task, n_classes)
    baselines: dict[str, dict[str, Any]] = {}
    for name in splits:
        s = parts[name]
        train_name = "train_all" if refit and name == "test" else "train"
        train, linear = parts[train_name], fitted[train_name]
        if estimator.task == "classify":
            trivial = majority_probabilities(train.labels, n_classes, len(s))
            scores = {
                "majority": classification_metrics(s.labels, trivial),
                "summary": classification_metrics(s.labels, linear.predict(summary(s))),
            }
        else:
            mean = np.full(len(s), float(np.mean(train.labels)))
            scores = {
                "mean": regression_metrics(s.labels, mean),
                "summary": regression_metrics(s.labels, linear.predict(summary(s))),
            }
        for baseline, values in scores.items():
            baselines.setdefault(baseline, {})[name] = values
    metrics["baselines"] = baselines
    metrics["n_sequences"] = {n: len(s) for n, s in parts.items() if n != "train_all"}
    if refit:
        metrics["refit"] = {
            "n_sequences": len(parts["train_all"]),
            "note": "the final model was refitted on train + val: metrics.val is the "
            "selection fit's (before the refit; the refitted model saw val); the test "
            "baselines are fitted on train + val too",
        }
    metrics["classes"] = list(estimator.classes_)
    return metrics


def diagnose_fit(
    estimator: SequenceEstimator,
    frame: pd.DataFrame,
    train_labels: np.ndarray,
    *,
    include_test: bool = True,
) -> Diagnosis:
    settings = {**estimator.config_.model.to_dict(), **estimator.config_.train.to_dict()}
    settings.update(estimator.config_.sequence.to_dict())
    metric, higher = ("accuracy", True) if estimator.task == "classify" else ("mse", False)
    splits = ("val", "test") if include_test else ("val",)
    model = {s: estimator.metrics_[s][metric] for s in splits}
    baselines = {
        name: {s: values[s][metric] for s in values if s in splits}
        for name, values in estimator.metrics_["baselines"].items()
    }
    findings = check_group_column(frame, estimator.config_.sequence)
    worse = worse_than_baseline(metric, model, baselines, higher_is_better=higher)
    findings += [worse] if worse is not None else []
    diagnosis = diagnose(estimator.history_, RunContext(settings=settings), findings)
    return add_sequence_remedies(
        diagnosis,
        settings,
        estimator.task,
        train_labels=train_labels,
        n_classes=len(estimator.classes_),
    )
