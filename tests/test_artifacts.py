from __future__ import annotations

import json

import pytest
from safetensors.torch import load_file

from fast_settings import FAST
from lstm_doctor import ArtifactError, Forecaster
from lstm_doctor.artifacts import FORMAT, RUN_FILES, load_run, to_json


@pytest.fixture
def run_dir(demo_frame, tmp_path):
    model = Forecaster(**{**FAST, "epochs": 1}).fit(demo_frame, target="load", time="time")
    return model.save(tmp_path / "run")


def _edit_config(run_dir, change) -> None:
    path = run_dir / "config.json"
    header = json.loads(path.read_text())
    change(header)
    path.write_text(json.dumps(header))


def test_run_directory_is_safetensors_plus_json(run_dir) -> None:
    optional = ["diagnosis.json", "calibration.safetensors"]
    assert sorted(p.name for p in run_dir.iterdir()) == sorted([*RUN_FILES, *optional])
    header = json.loads((run_dir / "config.json").read_text())
    assert header["format"] == FORMAT and header["package"] == "lstm-doctor"
    assert header["config"]["data"]["target"] == ["load"]
    assert "lstm.weight_ih_l0" in load_file(run_dir / "model.safetensors")
    history = (run_dir / "history.csv").read_text().splitlines()[0]
    assert history == "epoch,train_loss,val_loss,lr,grad_norm,seconds"


def test_missing_directory_and_missing_file(run_dir, tmp_path) -> None:
    with pytest.raises(ArtifactError, match="does not exist"):
        load_run(tmp_path / "nope")
    (run_dir / "scaler.json").unlink()
    with pytest.raises(ArtifactError, match=r"scaler\.json' is missing"):
        load_run(run_dir)


def test_newer_format_is_refused(run_dir) -> None:
    _edit_config(run_dir, lambda h: h.update(format=FORMAT + 1))
    with pytest.raises(ArtifactError, match="newer than this lstm-doctor"):
        load_run(run_dir)


def test_weights_that_do_not_match_the_config_are_refused(run_dir) -> None:
    _edit_config(run_dir, lambda h: h["config"]["model"].update(units=9))
    with pytest.raises(ArtifactError, match=r"do not match config\.json"):
        load_run(run_dir)


def test_corrupt_weights_are_refused(run_dir) -> None:
    (run_dir / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ArtifactError, match="Cannot read weights"):
        load_run(run_dir)


def test_malformed_config_is_refused(run_dir) -> None:
    (run_dir / "config.json").write_text("{not json")
    with pytest.raises(ArtifactError, match="not valid JSON"):
        load_run(run_dir)
    (run_dir / "config.json").write_text(json.dumps({"format": 1, "config": {"data": {}}}))
    with pytest.raises(ArtifactError, match="malformed"):
        load_run(run_dir)


def test_existing_run_is_not_overwritten_without_asking(demo_frame, run_dir) -> None:
    model = Forecaster.load(run_dir)
    with pytest.raises(ArtifactError, match="already exists"):
        model.save(run_dir)
    model.save(run_dir, overwrite=True)
    assert load_run(run_dir).config == model.config_


def test_a_crash_while_writing_leaves_no_partial_run(demo_frame, tmp_path, monkeypatch) -> None:
    model = Forecaster(**{**FAST, "epochs": 1}).fit(demo_frame, target="load", time="time")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("lstm_doctor.history.History.to_csv", explode)
    with pytest.raises(OSError, match="disk full"):
        model.save(tmp_path / "run")
    assert list(tmp_path.iterdir()) == []


def test_json_never_contains_nan() -> None:
    text = to_json({"a": float("nan"), "b": [float("inf"), 1.0]})
    assert json.loads(text) == {"a": None, "b": [None, 1.0]}
