from __future__ import annotations

import pytest
import torch

from conftest import HORIZON, N_INPUTS, N_TARGETS
from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.errors import ArtifactError
from lstm_doctor.models import build_model
from lstm_doctor.training import train


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


@pytest.mark.parametrize("schedule", ["plateau", "onecycle"])
def test_a_resumed_run_ends_exactly_like_an_uninterrupted_one(sine_windows, tmp_path, schedule):
    train_w, val_w = sine_windows
    config = _config(schedule=schedule)
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
    with pytest.raises(ArtifactError, match="belongs to a run with other data or settings"):
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
