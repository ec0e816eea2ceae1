from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import torch

from lstm_doctor import NotFittedError, SequenceClassifier, SequenceRegressor
from lstm_doctor.errors import ArtifactError, ConfigError
from sequence_frames import make_sequence_frame

# Single models unless a test asks for more (the classify defaults: a 5-seed ensemble, refit).
FAST = {"units": 8, "epochs": 4, "batch_size": 16, "ensemble": 1, "refit": False}
COLUMNS = {"sequence": "sequence_id", "label": "label", "time": "t"}


@pytest.fixture(scope="module")
def fitted() -> SequenceClassifier:
    return SequenceClassifier(**FAST).fit(make_sequence_frame(), **COLUMNS)


def test_fit_scores_model_and_baselines_on_the_same_sequences(fitted) -> None:
    m = fitted.metrics_
    for split in ("val", "test"):
        assert {"accuracy", "balanced_accuracy", "macro_f1", "log_loss"} <= set(m[split])
        assert m["baselines"]["majority"][split]["n"] == m[split]["n"]
        assert m["baselines"]["summary"][split]["n"] == m[split]["n"]
    assert sum(m["n_sequences"].values()) == 48
    assert fitted.diagnosis_.findings  # always diagnosed
    assert "group_column_unused" in str(fitted.diagnosis_.to_dict())  # 'speaker' unused


def test_predict_has_one_row_per_sequence(fitted) -> None:
    frame = make_sequence_frame(n_sequences=7, seed=9).drop(columns="label")
    proba = fitted.predict_proba(frame)
    assert list(proba.columns) == ["sequence_id", "p_c0", "p_c1", "p_c2"] and len(proba) == 7
    assert np.allclose(proba.iloc[:, 1:].sum(axis=1), 1.0, atol=1e-6)
    predicted = fitted.predict(frame)
    assert list(predicted.columns[:2]) == ["sequence_id", "label"]
    assert set(predicted["label"]) <= {"c0", "c1", "c2"}


def test_save_load_round_trip_gives_identical_probabilities(fitted, tmp_path) -> None:
    fitted.save(tmp_path / "run")
    loaded = SequenceClassifier.load(tmp_path / "run")
    frame = make_sequence_frame(n_sequences=7, seed=9)
    pd.testing.assert_frame_equal(fitted.predict_proba(frame), loaded.predict_proba(frame))
    assert loaded.evaluate(frame) == fitted.evaluate(frame)
    assert {p.name for p in (tmp_path / "run").iterdir()} >= {
        "model.safetensors", "config.json", "scaler.json", "history.csv", "metrics.json",
        "diagnosis.json",
    }  # fmt: skip
    with pytest.raises(ConfigError, match=r"SequenceClassifier\.load"):
        SequenceRegressor.load(tmp_path / "run")


def test_same_seed_same_result() -> None:
    a = SequenceClassifier(**FAST).fit(make_sequence_frame(), **COLUMNS)
    b = SequenceClassifier(**FAST).fit(make_sequence_frame(), **COLUMNS)
    assert a.history_.column("val_loss") == b.history_.column("val_loss")


def test_group_split_and_official_test_file() -> None:
    train, test = make_sequence_frame(seed=1), make_sequence_frame(n_sequences=12, seed=2)
    model = SequenceClassifier(**FAST, pooling="attention", class_weights="balanced")
    model.fit(train, **COLUMNS, group="speaker", test=test)
    assert model.metrics_["n_sequences"]["test"] == 12
    assert "group_column_unused" not in str(model.diagnosis_.to_dict())


def test_regressor() -> None:
    frame = make_sequence_frame(regress=True)
    model = SequenceRegressor(**FAST, pooling="mean").fit(frame, **COLUMNS)
    assert {"mse", "mae"} <= set(model.metrics_["test"])
    assert set(model.metrics_["baselines"]) == {"mean", "summary"}
    assert list(model.predict(frame).columns) == ["sequence_id", "label"]


def test_errors() -> None:
    with pytest.raises(NotFittedError):
        SequenceClassifier().predict(make_sequence_frame())
    with pytest.raises(ConfigError, match="unknown setting"):
        SequenceClassifier(lookback=3)
    with pytest.raises(ConfigError, match="needs label="):
        SequenceClassifier().fit(make_sequence_frame(), sequence="sequence_id")
    with pytest.raises(ConfigError, match="'pooling'"):
        SequenceClassifier(pooling="max").fit(make_sequence_frame(), **COLUMNS)


def test_selection_fit_leaves_test_unread_and_finish_scores_it() -> None:
    frame = make_sequence_frame()
    model = SequenceClassifier(**FAST).fit(frame, **COLUMNS, evaluate_test=False)
    assert "test" not in model.metrics_ and "test" not in model.metrics_["n_sequences"]
    assert all("test" not in b for b in model.metrics_["baselines"].values())
    plain = SequenceClassifier(**FAST).fit(frame, **COLUMNS)
    model.finish(frame)
    assert model.metrics_["test"] == plain.metrics_["test"]
    assert model.metrics_["n_sequences"] == plain.metrics_["n_sequences"]


def test_warm_start_copies_weights_and_may_add_weight_drop(fitted) -> None:
    frame = make_sequence_frame()
    warm = SequenceClassifier(**{**FAST, "epochs": 1, "lr": 1e-9, "weight_drop": 0.2})
    warm.fit(frame, **COLUMNS, init_from=fitted)
    cells = warm.model_.encoder.cells[0]
    torch_equal = np.allclose(
        cells.weight_ih_l0.detach().numpy(),
        fitted.model_.encoder.cells[0].weight_ih_l0.detach().numpy(),
        atol=1e-6,
    )
    assert torch_equal
    with pytest.raises(ConfigError, match="another network shape"):
        SequenceClassifier(**{**FAST, "units": 4}).fit(frame, **COLUMNS, init_from=fitted)


def test_a_killed_fit_resumes_to_the_same_model(tmp_path) -> None:
    frame = make_sequence_frame()
    settings = {**FAST, "patience": None, "dropout": 0.2, "layers": 2}
    columns = {"sequence": "sequence_id", "label": "label", "time": "t"}
    whole = SequenceClassifier(**settings).fit(frame, **columns)

    def kill_after_epoch_2(row: dict[str, float]) -> None:
        if row["epoch"] == 2:
            raise SystemExit("killed")

    checkpoint = tmp_path / "fit.ckpt"
    with pytest.raises(SystemExit):
        SequenceClassifier(**settings).fit(
            frame, **columns, checkpoint=checkpoint, on_epoch=kill_after_epoch_2
        )
    resumed = SequenceClassifier(**settings).fit(
        frame, **columns, checkpoint=checkpoint, resume=True
    )
    assert resumed.metrics_["test"] == whole.metrics_["test"]
    assert len(resumed.history_) == 4
    pd.testing.assert_frame_equal(resumed.predict_proba(frame), whole.predict_proba(frame))


def test_resume_needs_a_checkpoint(tmp_path) -> None:
    with pytest.raises(ConfigError, match="Nothing to resume"):
        SequenceClassifier(**FAST).fit(
            make_sequence_frame(), sequence="sequence_id", label="label",
            checkpoint=tmp_path / "none.ckpt", resume=True,
        )  # fmt: skip


def test_a_checkpoint_of_other_data_is_refused(tmp_path) -> None:
    checkpoint = tmp_path / "fit.ckpt"
    columns = {"sequence": "sequence_id", "label": "label", "checkpoint": checkpoint}
    SequenceClassifier(**FAST).fit(make_sequence_frame(seed=0), **columns)
    with pytest.raises(ArtifactError, match="belongs to a run with other data"):
        SequenceClassifier(**FAST).fit(make_sequence_frame(seed=5), **columns, resume=True)


# ------------------------------------------------------------------ ensemble and refit
ENSEMBLE = {**FAST, "ensemble": 3}


@pytest.fixture(scope="module")
def ensemble_fitted() -> SequenceClassifier:
    # A module fixture is set up before the per-test one-thread fixture: fit on one thread
    # here too, so that a refit inside a test is comparable bit for bit.
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return SequenceClassifier(**{**ENSEMBLE, "refit": True}).fit(
            make_sequence_frame(), **COLUMNS
        )
    finally:
        torch.set_num_threads(before)


def test_ensemble_probabilities_are_the_mean_of_the_members() -> None:
    frame = make_sequence_frame()
    model = SequenceClassifier(**ENSEMBLE).fit(frame, **COLUMNS)
    assert len(model.model_.members) == 3
    members = []
    for member in model.model_.members:
        model_k = SequenceClassifier(**FAST).fit(frame, **COLUMNS)  # a shell of the same run
        model_k.model_ = member
        members.append(model_k.predict_proba(frame).iloc[:, 1:].to_numpy())
    averaged = model.predict_proba(frame).iloc[:, 1:].to_numpy()
    assert np.allclose(averaged, np.mean(members, axis=0), atol=1e-6)
    assert not np.allclose(members[0], members[1])  # the members differ (their own seeds)
    single = SequenceClassifier(**FAST).fit(frame, **COLUMNS)  # member 0 is the single model
    assert np.allclose(members[0], single.predict_proba(frame).iloc[:, 1:].to_numpy())
    training = model.metrics_["training"]
    assert [m["seed"] for m in training["members"]] == [0, 10007, 20014]
    assert training["best_epoch"] == training["members"][0]["best_epoch"]


def test_ensemble_with_refit_round_trips_and_is_deterministic(ensemble_fitted, tmp_path) -> None:
    frame = make_sequence_frame(n_sequences=7, seed=9)
    ensemble_fitted.save(tmp_path / "run")
    loaded = SequenceClassifier.load(tmp_path / "run")
    pd.testing.assert_frame_equal(ensemble_fitted.predict_proba(frame), loaded.predict_proba(frame))
    saved = json.loads((tmp_path / "run" / "config.json").read_text())["config"]["sequence"]
    assert (saved["ensemble"], saved["refit"]) == (3, True)
    again = SequenceClassifier(**{**ENSEMBLE, "refit": True}).fit(make_sequence_frame(), **COLUMNS)
    pd.testing.assert_frame_equal(ensemble_fitted.predict_proba(frame), again.predict_proba(frame))


def test_refit_trains_on_train_and_val_for_the_chosen_epochs(monkeypatch) -> None:
    from lstm_doctor.api import sequence_member_fit

    calls = []
    original = sequence_member_fit.train_sequences

    def recording(model, train, train_targets, val, val_targets, config, loss, **kw):
        calls.append({"ids": set(train.ids), "val": set(val.ids), "epochs": config.epochs,
                      "patience": config.patience, "restore": kw["restore_best"]})  # fmt: skip
        return original(model, train, train_targets, val, val_targets, config, loss, **kw)

    monkeypatch.setattr(sequence_member_fit, "train_sequences", recording)
    settings = {**FAST, "ensemble": 2, "refit": True, "epochs": 6}
    test = make_sequence_frame(n_sequences=12, seed=2)
    test["sequence_id"] = "test-" + test["sequence_id"].astype(str)  # ids of its own
    model = SequenceClassifier(**settings).fit(make_sequence_frame(), **COLUMNS, test=test)
    selection, refits = calls[:2], calls[2:]
    assert len(refits) == 2 and all(c["restore"] for c in selection)
    histories = model.metrics_["training"]["members"]
    for selected, refit, member in zip(selection, refits, histories, strict=True):
        assert refit["ids"] == selected["ids"] | selected["val"]  # train + val, nothing else
        assert (refit["epochs"], refit["patience"]) == (member["best_epoch"], None)
        assert not refit["restore"]
    test_ids = set(test["sequence_id"])
    assert not any(test_ids & c["ids"] for c in calls)
    assert model.metrics_["training"]["refit_epochs"] == [m["best_epoch"] for m in histories]
    assert model.metrics_["refit"]["n_sequences"] == len(refits[0]["ids"])
    assert "selection fit" in model.metrics_["refit"]["note"]


def test_refit_reports_the_selection_fits_val_scores() -> None:
    frame = make_sequence_frame()
    selected = SequenceClassifier(**FAST).fit(frame, **COLUMNS)
    refitted = SequenceClassifier(**{**FAST, "refit": True}).fit(frame, **COLUMNS)
    assert refitted.metrics_["val"] == selected.metrics_["val"]
    assert refitted.metrics_["n_sequences"] == selected.metrics_["n_sequences"]
    assert "refit" not in selected.metrics_
    later = SequenceClassifier(**{**FAST, "refit": True}).fit(frame, **COLUMNS, evaluate_test=False)
    later.finish(frame)
    assert later.metrics_["val"] == selected.metrics_["val"]
    assert later.metrics_["test"] == refitted.metrics_["test"]


def test_ensemble_and_refit_settings_are_checked() -> None:
    with pytest.raises(ConfigError, match="'ensemble' parameter of SequenceConfig"):
        SequenceClassifier(ensemble=0).fit(make_sequence_frame(), **COLUMNS)
    with pytest.raises(ConfigError, match="'refit' parameter of SequenceConfig"):
        SequenceClassifier(refit="yes").fit(make_sequence_frame(), **COLUMNS)
    assert SequenceClassifier(ensemble=4).setting("ensemble") == 4
    assert SequenceRegressor().setting("refit") is False
    assert (SequenceClassifier().setting("ensemble"), SequenceClassifier().setting("refit")) == (
        5,
        True,
    )
    with pytest.raises(ConfigError, match="Unknown setting"):
        SequenceClassifier().setting("lookback")


def test_classification_defaults_to_lstm_fcn_with_summary_features() -> None:
    """Chosen across eight UCR/UEA training files (docs/sequence_defaults.md); regression
    keeps the plain LSTM."""
    classifier = SequenceClassifier()
    assert classifier.setting("encoder") == "lstm-fcn"
    assert classifier.setting("summary_features") is True
    assert SequenceClassifier(encoder="lstm").setting("encoder") == "lstm"
    assert SequenceRegressor().setting("encoder") == "lstm"
    assert SequenceRegressor().setting("summary_features") is False


def test_a_killed_ensemble_fit_resumes_to_the_same_model(tmp_path) -> None:
    frame = make_sequence_frame()
    settings = {**FAST, "patience": None, "ensemble": 2, "refit": True}
    whole = SequenceClassifier(**settings).fit(frame, **COLUMNS)
    seen = []

    def kill_in_member_1(row: dict[str, float]) -> None:
        seen.append(row["epoch"])
        if len(seen) == 6:  # epoch 2 of the second member
            raise SystemExit("killed")

    checkpoint = tmp_path / "fit.ckpt"
    with pytest.raises(SystemExit):
        SequenceClassifier(**settings).fit(
            frame, **COLUMNS, checkpoint=checkpoint, on_epoch=kill_in_member_1
        )
    resumed = SequenceClassifier(**settings).fit(
        frame, **COLUMNS, checkpoint=checkpoint, resume=True
    )
    pd.testing.assert_frame_equal(resumed.predict_proba(frame), whole.predict_proba(frame))


def test_a_failing_diagnosis_keeps_the_fitted_model(monkeypatch, tmp_path) -> None:
    def fail(*args, **kwargs):
        raise ValueError("SVD did not converge")

    monkeypatch.setattr("lstm_doctor.api.sequence_scoring.diagnose", fail)
    model = SequenceClassifier(**FAST).fit(make_sequence_frame(), **COLUMNS)
    assert "SVD did not converge" in model.diagnosis_.findings[0].summary
    model.save(tmp_path / "run")
    assert SequenceClassifier.load(tmp_path / "run").diagnosis_.findings[0].severity == "warning"


@pytest.mark.slow
def test_report_shows_the_confusion_matrix_and_the_provenance(fitted, tmp_path) -> None:
    path = fitted.report(tmp_path / "r.html")
    html = path.read_text()
    assert 'id="classes"' in html and 'id="curves"' in html and "true class" in html
    assert "baseline on test: accuracy" in html  # the verdict read the nested baselines
    assert fitted.provenance_["data"]["rows"] == len(make_sequence_frame())
    loaded = SequenceClassifier.load(fitted.save(tmp_path / "run"))
    assert loaded.provenance_ == fitted.provenance_
    with pytest.raises(NotFittedError, match="not fitted"):
        SequenceClassifier().report(tmp_path / "x.html")


def test_conv_encoder_with_summary_and_series_norm_fits_and_round_trips(tmp_path) -> None:
    settings = {**FAST, "encoder": "mlstm-fcn", "summary_features": True, "series_norm": True}
    model = SequenceClassifier(**settings).fit(make_sequence_frame(), **COLUMNS)
    assert model.model_.conv is not None and model.model_.summary is not None
    assert float(model.model_.summary.scale.min()) > 0  # fitted on the training sequences
    model.save(tmp_path / "run")
    loaded = SequenceClassifier.load(tmp_path / "run")
    frame = make_sequence_frame(n_sequences=7, seed=9)
    pd.testing.assert_frame_equal(model.predict_proba(frame), loaded.predict_proba(frame))
    again = SequenceClassifier(**settings).fit(make_sequence_frame(), **COLUMNS)
    assert again.metrics_["test"] == model.metrics_["test"]  # same seed, same result


def test_architecture_settings_are_checked() -> None:
    with pytest.raises(ConfigError, match="'encoder' parameter of SequenceConfig"):
        SequenceClassifier(encoder="fcn").fit(make_sequence_frame(), **COLUMNS)
    with pytest.raises(ConfigError, match="'summary_features' parameter of SequenceConfig"):
        SequenceClassifier(summary_features="yes").fit(make_sequence_frame(), **COLUMNS)
    with pytest.raises(ConfigError, match="'series_norm' parameter of SequenceConfig"):
        SequenceClassifier(series_norm=1).fit(make_sequence_frame(), **COLUMNS)
