"""TensorBoard runs written while training, read back with tensorboard's own reader."""

from __future__ import annotations

import math
import sys

import pytest

from lstm_doctor.errors import ConfigError
from lstm_doctor.training.tensorboard import TensorBoardLog, chain

ea = pytest.importorskip(
    "tensorboard.backend.event_processing.event_accumulator",
    reason="tensorboard (the [tensorboard] extra) is not installed",
)


def read_run(path) -> tuple[dict[str, list[tuple[int, float]]], ea.EventAccumulator]:
    """Scalars of one run directory by tag, with tensorboard's EventAccumulator."""
    accumulator = ea.EventAccumulator(str(path))
    accumulator.Reload()
    scalars = {
        tag: [(e.step, e.value) for e in accumulator.Scalars(tag)]
        for tag in accumulator.Tags()[ea.SCALARS]
    }
    return scalars, accumulator


def rows(n: int = 3) -> list[dict[str, float]]:
    return [{"epoch": e, "train_loss": 1.0 / e, "val_loss": 1.5 / e, "lr": 1e-3,
             "grad_norm": 0.5, "seconds": 0.1} for e in range(1, n + 1)]  # fmt: skip


def test_each_epoch_writes_losses_lr_and_grad_norm_and_close_writes_hparams(tmp_path) -> None:
    board = TensorBoardLog(tmp_path, "step-01 units=64/../x")
    assert board.path.parent == tmp_path and "/" not in board.path.name  # one run, named
    for row in rows():
        board(row)
    board({"epoch": 4, "train_loss": math.nan, "val_loss": math.inf, "lr": 1e-3})  # skipped
    board.close({"units": 64, "clip": None, "target": ("a",)}, {"final/val_mse": 0.25})
    scalars, accumulator = read_run(board.path)
    assert scalars["train_loss"] == [(1, 1.0), (2, 0.5), (3, pytest.approx(1 / 3))]
    assert [s for s, _ in scalars["val_loss"]] == [1, 2, 3]
    assert scalars["lr"][0][1] == pytest.approx(1e-3) and scalars["grad_norm"][0][1] == 0.5
    assert scalars["final/val_mse"][0][1] == pytest.approx(0.25)
    content = accumulator.PluginTagToContent("hparams")
    assert {"_hparams_/experiment", "_hparams_/session_start_info"} <= set(content)
    assert b"units" in content["_hparams_/session_start_info"]


def test_our_diagnose_reads_the_same_curves(tmp_path) -> None:
    from lstm_doctor.diagnosis.logs import read_log

    board = TensorBoardLog(tmp_path, "fit")
    for row in rows(6):
        board(row)
    board.close()
    log = read_log(board.path)
    assert log.source == "tensorboard"
    assert log.history.column("train_loss") == pytest.approx([1.0 / e for e in range(1, 7)])
    assert log.history.column("val_loss") == pytest.approx([1.5 / e for e in range(1, 7)])


def test_without_tensorboard_log_dir_is_one_line_naming_the_extra(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "torch.utils.tensorboard", None)  # import fails
    with pytest.raises(ConfigError, match=r'pip install "lstm-doctor\[tensorboard\]"'):
        TensorBoardLog(tmp_path, "fit")


def test_chain_calls_every_callback_in_order() -> None:
    seen: list[str] = []
    assert chain(None, None) is None
    one = seen.append
    assert chain(None, one) is one
    chain(lambda r: seen.append("a"), None, lambda r: seen.append("b"))({"epoch": 1})
    assert seen == ["a", "b"]


def test_fit_log_dir_writes_one_run_named_after_the_run_dir(demo_frame, tmp_path, capsys) -> None:
    from fast_settings import FAST
    from lstm_doctor.cli import main

    csv = tmp_path / "demo.csv"
    demo_frame.to_csv(csv, index=False)
    flags = [f"--{k.replace('_', '-')}={v}" for k, v in FAST.items()]
    code = main(["fit", str(csv), "--target", "load", "--time", "time", *flags, "--out",
                 str(tmp_path / "myrun"), "--log-dir", str(tmp_path / "tb"), "--json"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    scalars, accumulator = read_run(tmp_path / "tb" / "myrun")
    assert [s for s, _ in scalars["val_loss"]] == [1, 2, 3]  # FAST: 3 epochs
    assert {"final/val_mse", "final/test_mse"} <= set(scalars)
    assert accumulator.PluginTagToContent("hparams")


def test_a_sequence_fit_logs_too_and_a_sequence_heal_refuses_log_dir(tmp_path, capsys) -> None:
    from lstm_doctor.cli import main
    from sequence_frames import make_sequence_frame

    csv = tmp_path / "seq.csv"
    make_sequence_frame().to_csv(csv, index=False)
    args = ["--task", "classify", "--sequence-id", "sequence_id", "--label", "label", "--time",
            "t", "--units", "8", "--epochs", "2", "--ensemble", "1", "--no-refit"]  # fmt: skip
    code = main(["fit", str(csv), *args, "--out", str(tmp_path / "seqrun"), "--json",
                 "--log-dir", str(tmp_path / "tb")])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    scalars, _ = read_run(tmp_path / "tb" / "seqrun")
    assert [s for s, _ in scalars["train_loss"]] == [1, 2] and "final/test_accuracy" in scalars
    assert main(["heal", str(csv), *args[:8], "--log-dir", str(tmp_path / "tb")]) == 2
    assert "--log-dir is for forecasting heals" in capsys.readouterr().err
