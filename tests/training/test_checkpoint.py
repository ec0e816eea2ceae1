from __future__ import annotations

import json

import pytest
import torch
from safetensors.torch import load_file
from sine_data import HORIZON, N_INPUTS, N_TARGETS

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.errors import ArtifactError
from lstm_doctor.models import build_model
from lstm_doctor.training import train
from lstm_doctor.training.checkpoint import (
    LoopState,
    load_checkpoint,
    save_checkpoint,
    tag_difference,
)
from lstm_doctor.training.optim import build_optimizer
from lstm_doctor.training.schedules import PlateauRule

AUGMENT = {"window_slice": 0.3, "time_warp": 0.3, "scaling": 0.2, "jitter": 0.1}


def _model(seed: int) -> torch.nn.Module:
    torch.manual_seed(seed)
    # Two layers with dropout: resuming must also restore the global RNG that dropout uses.
    return build_model(ModelConfig(layers=2, units=8, dropout=0.3), N_INPUTS, N_TARGETS, HORIZON)


def _config(**changes) -> TrainConfig:
    base = {"epochs": 6, "batch_size": 16, "patience": None, "lr": 1e-2, "seed": 3}
    return TrainConfig(**{**base, **changes})


class Crash(Exception):
    pass


def _crash_at(epoch: int):
    def on_epoch(row: dict[str, float]) -> None:
        if row["epoch"] == epoch:
            raise Crash  # after the epoch's checkpoint: like a kill between two epochs

    return on_epoch


def _rows(history) -> list[dict[str, float]]:
    return [{k: v for k, v in row.items() if k != "seconds"} for row in history.rows]


@pytest.mark.parametrize(
    ("schedule", "augment"),
    [("plateau", {}), ("onecycle", {}), ("plateau", AUGMENT)],
    ids=["plateau", "onecycle", "augmented"],
)
def test_a_resumed_run_ends_exactly_like_an_uninterrupted_one(
    sine_windows, tmp_path, schedule, augment
):
    # Augmented: the augmentation generator's state must come back from the file too.
    train_w, val_w = sine_windows
    config = _config(schedule=schedule, **augment)
    whole = _model(0)
    expected = train(whole, train_w, val_w, config)

    checkpoint = tmp_path / "run.ckpt"
    with pytest.raises(Crash):
        train(_model(0), train_w, val_w, config, checkpoint=checkpoint, on_epoch=_crash_at(3))
    assert checkpoint.exists()
    resumed_model = _model(99)  # other initial weights: everything must come from the file
    resumed = train(resumed_model, train_w, val_w, config, checkpoint=checkpoint, resume=True)

    assert _rows(resumed) == _rows(expected)
    assert resumed.best_epoch == expected.best_epoch
    assert resumed.stop_reason == expected.stop_reason == "max_epochs"
    resumed_state = resumed_model.state_dict()
    for name, weight in whole.state_dict().items():
        assert torch.equal(weight, resumed_state[name]), name


def test_resume_without_a_checkpoint_file_starts_afresh(sine_windows, tmp_path):
    train_w, val_w = sine_windows
    history = train(_model(0), train_w, val_w, _config(epochs=2), checkpoint=tmp_path / "c",
                    resume=True)  # fmt: skip
    assert len(history) == 2 and (tmp_path / "c").exists()


def test_a_checkpoint_of_another_run_is_refused(sine_windows, tmp_path):
    train_w, val_w = sine_windows
    checkpoint = tmp_path / "run.ckpt"
    train(_model(0), train_w, val_w, _config(epochs=2), checkpoint=checkpoint)
    changed = r"other data or settings \(setting 'lr' was 0\.01, now 0\.5\)"
    with pytest.raises(ArtifactError, match=changed):
        train(_model(0), train_w, val_w, _config(epochs=2, lr=0.5), checkpoint=checkpoint,
              resume=True)  # fmt: skip


def test_a_corrupt_checkpoint_is_refused(sine_windows, tmp_path):
    train_w, val_w = sine_windows
    checkpoint = tmp_path / "run.ckpt"
    checkpoint.write_bytes(b"garbage")
    with pytest.raises(ArtifactError, match="Cannot read checkpoint"):
        train(_model(0), train_w, val_w, _config(), checkpoint=checkpoint, resume=True)


def test_checkpoints_leave_no_temporary_files(sine_windows, tmp_path):
    train_w, val_w = sine_windows
    train(_model(0), train_w, val_w, _config(epochs=3), checkpoint=tmp_path / "run.ckpt")
    assert [p.name for p in tmp_path.iterdir()] == ["run.ckpt"]


def test_the_augmentation_generator_is_saved_only_when_augmenting(sine_windows, tmp_path):
    train_w, val_w = sine_windows
    for name, augment in (("plain", {}), ("augmented", AUGMENT)):
        train(_model(0), train_w, val_w, _config(epochs=1, **augment),
              checkpoint=tmp_path / name)  # fmt: skip
    assert "rng.augment" not in load_file(tmp_path / "plain")
    assert "rng.augment" in load_file(tmp_path / "augmented")


def test_a_checkpoint_without_the_augmentation_generator_is_refused(tmp_path):
    model = _model(0)
    optimizer = build_optimizer(model, _config())
    plateau = PlateauRule(4, 0.5, 0.0)
    checkpoint = tmp_path / "run.ckpt"
    save_checkpoint(checkpoint, model=model, optimizer=optimizer, generator=torch.Generator(),
                    state=LoopState(plateau=plateau), tag="t")  # fmt: skip
    with pytest.raises(ArtifactError, match="no state of the augmentation generator"):
        load_checkpoint(checkpoint, model=model, optimizer=optimizer, generator=torch.Generator(),
                        plateau=plateau, tag="t", augment_generator=torch.Generator())  # fmt: skip


def test_load_restores_the_augmentation_generator(tmp_path):
    model = _model(0)
    optimizer = build_optimizer(model, _config())
    plateau = PlateauRule(4, 0.5, 0.0)
    saved = torch.Generator().manual_seed(11)
    torch.rand(5, generator=saved)  # somewhere in its stream
    checkpoint = tmp_path / "run.ckpt"
    save_checkpoint(checkpoint, model=model, optimizer=optimizer, generator=torch.Generator(),
                    state=LoopState(plateau=plateau), tag="t", augment_generator=saved)  # fmt: skip
    restored = torch.Generator()
    load_checkpoint(checkpoint, model=model, optimizer=optimizer, generator=torch.Generator(),
                    plateau=plateau, tag="t", augment_generator=restored)  # fmt: skip
    assert torch.equal(torch.rand(5, generator=restored), torch.rand(5, generator=saved))


def test_resuming_a_run_that_had_already_stopped_early_trains_no_further(sine_windows, tmp_path):
    # Killed after the last checkpoint of a run whose patience was spent: nothing left to do.
    train_w, val_w = sine_windows
    config = _config(epochs=60, patience=2, lr=5e-2)
    checkpoint = tmp_path / "run.ckpt"
    whole = _model(0)
    expected = train(whole, train_w, val_w, config, checkpoint=checkpoint)
    assert expected.stop_reason == "early_stopping" and len(expected) < 60
    again = _model(0)
    resumed = train(again, train_w, val_w, config, checkpoint=checkpoint, resume=True)
    assert _rows(resumed) == _rows(expected) and resumed.stop_reason == "early_stopping"
    for name, weight in whole.state_dict().items():
        torch.testing.assert_close(again.state_dict()[name], weight, rtol=0, atol=0)


def test_the_tag_difference_names_the_setting_or_the_data():
    run = json.dumps({"config": {"data": {"lookback": 24}}, "data": "abc"})
    old = json.dumps({"train": {"lr": 0.1}, "run": run, "n": 10})
    new_run = json.dumps({"config": {"data": {"lookback": 48}}, "data": "abc"})
    new = json.dumps({"train": {"lr": 0.1}, "run": new_run, "n": 10})
    assert tag_difference(old, new) == "setting 'lookback' was 24, now 48"
    other_data = json.dumps({"train": {"lr": 0.1}, "run": run.replace("abc", "xyz"), "n": 10})
    assert tag_difference(old, other_data) == "the data differ: other rows or values"
