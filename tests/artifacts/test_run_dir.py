from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from safetensors.torch import load_file

from fast_settings import FAST
from fuzz_profiles import fuzz
from lstm_doctor import ArtifactError, Forecaster
from lstm_doctor.artifacts import FORMAT, RUN_FILES, check_out_dir, is_run_dir, load_run, to_json


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


def test_overwrite_refuses_a_folder_that_is_not_a_run(run_dir, tmp_path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "data.csv").write_text("a,b\n1,2\n")
    model = Forecaster.load(run_dir)
    with pytest.raises(ArtifactError, match="is not an lstm-doctor run"):
        model.save(mine, overwrite=True)
    assert (mine / "data.csv").read_text() == "a,b\n1,2\n"
    (mine / "config.json").write_text('{"format": 1, "package": "someone-else"}')
    with pytest.raises(ArtifactError, match="is not an lstm-doctor run"):
        model.save(mine, overwrite=True)
    assert is_run_dir(run_dir) and not is_run_dir(mine)


def test_the_out_folder_is_checked_before_any_work(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ArtifactError, match="current folder"):
        check_out_dir(".")
    with pytest.raises(ArtifactError, match="current folder"):
        check_out_dir("..", overwrite=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ArtifactError, match="is a file, not a folder"):
        check_out_dir(tmp_path / "file")
    with pytest.raises(ArtifactError, match=r"inside .*which is a file"):
        check_out_dir(tmp_path / "file" / "run")
    assert check_out_dir("runs/new") == tmp_path / "runs" / "new"
    assert not (tmp_path / "runs").exists()  # checking creates nothing


def test_an_unwritable_out_is_refused(tmp_path, monkeypatch) -> None:
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr("pathlib.Path.mkdir", refuse)
    with pytest.raises(ArtifactError, match=r"is not writable .*Permission denied"):
        check_out_dir(tmp_path / "run")


def test_a_save_removes_the_staging_folders_an_interrupted_save_left(run_dir) -> None:
    stale = run_dir.with_name(f".{run_dir.name}.{'a' * 32}.partial")
    stale.mkdir()
    (stale / "model.safetensors").write_bytes(b"half")
    kept = run_dir.with_name(f".{run_dir.name}.notours.partial")
    kept.mkdir()
    Forecaster.load(run_dir).save(run_dir, overwrite=True)
    assert not stale.exists() and kept.exists()


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory):
    from lstm_doctor.data import make_demo_frame

    model = Forecaster(**{**FAST, "epochs": 1}).fit(
        make_demo_frame(n_hours=600, seed=1), target="load", time="time"
    )
    return model.save(tmp_path_factory.mktemp("tamper") / "run")


def test_an_edited_horizon_or_lookback_is_named(run_dir) -> None:
    _edit_config(run_dir, lambda h: h["config"]["data"].update(horizon=12))
    with pytest.raises(
        ArtifactError, match=r"field 'shape\.horizon' is 6 but its settings imply 12"
    ):
        load_run(run_dir)
    _edit_config(run_dir, lambda h: h["config"]["data"].update(horizon=6, lookback=48))
    with pytest.raises(ArtifactError, match=r"'shape\.lookback' is 24 but its settings imply 48"):
        load_run(run_dir)


def test_a_weight_mismatch_names_the_tensor_and_both_shapes(run_dir) -> None:
    _edit_config(run_dir, lambda h: h["config"]["model"].update(units=9))
    with pytest.raises(
        ArtifactError, match=r"tensor 'lstm\.weight_ih_l0' has shape \(32, 1\) in the file, "
        r"config\.json implies \(36, 1\)"
    ):  # fmt: skip
        load_run(run_dir)


def test_a_scaler_with_a_zero_scale_is_refused(run_dir) -> None:
    scaler = json.loads((run_dir / "scaler.json").read_text())
    scaler["scale"][0][0] = 0.0
    (run_dir / "scaler.json").write_text(json.dumps(scaler))
    with pytest.raises(ArtifactError, match=r"scaler\.json field 'scale' holds 0\.0"):
        load_run(run_dir)


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "is not valid JSON"), ('{"kind": 1}', "is not a list of findings"),
     ('[{"kind": "overfitting", "severity": "warning"}]', "is not a list of findings")],
)  # fmt: skip
def test_a_damaged_diagnosis_json_is_an_artifact_error(run_dir, text, message) -> None:
    (run_dir / "diagnosis.json").write_text(text)
    with pytest.raises(ArtifactError, match=rf"diagnosis\.json' {message}"):
        Forecaster.load(run_dir)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**20) | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)


def _tamper(data, run: Path) -> None:
    """One of: truncate, empty, or replace a JSON value (at any depth) by another type."""
    file = data.draw(st.sampled_from(sorted(p.name for p in run.iterdir())), label="file")
    path, how = run / file, data.draw(st.sampled_from(["truncate", "empty", "value"]))
    raw = path.read_bytes()
    if how == "truncate":
        path.write_bytes(raw[: data.draw(st.integers(0, max(0, len(raw) - 1)))])
    elif how == "empty":
        path.write_bytes(b"")
    elif file.endswith(".json"):
        value = json.loads(raw)
        parent, key, node = None, None, value
        for _ in range(data.draw(st.integers(1, 4))):  # walk down a few levels
            if not isinstance(node, dict | list) or not node:
                break
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, data.draw(st.sampled_from(keys))
            node = parent[key]
        replacement = data.draw(_JSON_VALUES, label="replacement")
        if parent is None:
            value = replacement
        else:
            parent[key] = replacement
        path.write_text(json.dumps(value))


@fuzz(scale=0.5)
@given(data=st.data())
def test_fuzz_a_tampered_run_loads_only_as_an_artifact_error(saved_run, data) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run = Path(shutil.copytree(saved_run, Path(folder) / "run"))
        _tamper(data, run)
        try:
            Forecaster.load(run)
        except ArtifactError as exc:
            assert "\n" not in str(exc)
