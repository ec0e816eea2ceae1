"""tune for sequence tasks: a tiny real search on the synthetic sequences."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lstm_doctor import SequenceClassifier, SequenceRegressor
from lstm_doctor.api.sequence_tune import SEQUENCE_SPACE, sequence_space, tune_sequences
from lstm_doctor.errors import ConfigError
from lstm_doctor.treatment.search import SearchConfig
from sequence_frames import make_sequence_frame

FIXED = {"units": 8, "epochs": 3, "batch_size": 16, "pooling": "last", "jitter": 0.0}


@pytest.mark.slow
@pytest.mark.parametrize("task", ["classify", "regress"])
def test_a_small_search_refits_the_best_and_scores_test_once(task, tmp_path) -> None:
    frame = make_sequence_frame()
    if task == "regress":
        frame["label"] = frame["sequence_id"].rank(method="dense")
    events = []
    estimator, run, summary = tune_sequences(
        frame, task=task, out=tmp_path, sequence="sequence_id", label="label", time="t",
        search=SearchConfig(trials=3, pruner="none"), on_trial=events.append, **FIXED,
    )  # fmt: skip
    assert summary["trials"]["complete"] == 3 and len(events) == 3
    assert set(summary["best"]["params"]) == set(sequence_space(task, FIXED))
    assert "test" in estimator.metrics_ and (run / "model.safetensors").is_file()
    assert estimator.config_.sequence.ensemble == 1  # trials and the refit: one model
    trials = pd.read_csv(tmp_path / "trials.csv")
    assert len(trials) == 3 and "objective" in trials.columns
    saved = json.loads((tmp_path / "study.json").read_text())
    assert saved["task"] == task and saved["fixed"]["units"] == 8
    # the first trial is the library defaults (nearest point of the space): for classify
    # the LSTM-FCN encoder with the summary features, for regression the plain LSTM
    defaults = (SequenceClassifier if task == "classify" else SequenceRegressor)()
    assert trials.loc[0, "param_encoder"] == defaults.setting("encoder")
    assert bool(trials.loc[0, "param_summary_features"]) is defaults.setting("summary_features")


def test_the_space_drops_fixed_settings_and_checks_its_arguments(tmp_path) -> None:
    assert "label_smoothing" not in sequence_space("regress", {})
    assert "encoder" not in sequence_space("classify", {"encoder": "lstm"})
    with pytest.raises(ConfigError, match="fixed by a flag"):
        sequence_space("classify", dict.fromkeys(SEQUENCE_SPACE, 1))
    with pytest.raises(ConfigError, match="one worker"):
        tune_sequences(
            make_sequence_frame(), task="classify", out=tmp_path, sequence="sequence_id",
            label="label", search=SearchConfig(n_jobs=2),
        )  # fmt: skip
    with pytest.raises(ConfigError, match="classify or regress"):
        tune_sequences(make_sequence_frame(), task="forecast", out=tmp_path,
                       sequence="sequence_id", label="label")  # fmt: skip
