"""Tests of read_log on logs written the way each tool writes them.

The writers below follow the tools' own code: Keras' ``CSVLogger`` (keras/src/callbacks/
csv_logger.py: ``epoch`` first, the other keys sorted, 0-based epoch, ``NA`` for a missing
value, ``csv.excel`` dialect), Lightning's ``CSVLogger`` (lightning/fabric/loggers/csv_logs.py:
one row per ``log_metrics`` call plus ``step``; the LearningRateMonitor logs without
``epoch``), Keras' ``TensorBoard`` callback (``train/`` and ``validation/`` runs, tags
``epoch_*`` stepped by the 0-based epoch) and Lightning's ``TensorBoardLogger`` (one
``add_scalar`` per key, ``epoch`` among them, stepped by the global step).
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

import pytest

from lstm_doctor.artifacts import to_json
from lstm_doctor.diagnosis.diagnose import diagnose
from lstm_doctor.diagnosis.logs import SOURCES, LoadedLog, read_log
from lstm_doctor.errors import DataError
from lstm_doctor.history import HISTORY_COLUMNS, History

try:  # only the TensorBoard tests need it: the other formats are tested without it
    import tensorboard  # noqa: F401
    from torch.utils.tensorboard import SummaryWriter
except ImportError:
    SummaryWriter = None
needs_tensorboard = pytest.mark.skipif(SummaryWriter is None, reason="tensorboard not installed")

TRAIN = [0.9, 0.6, 0.45, 0.4]
VAL = [1.0, 0.7, 0.6, 0.62]
MAE = [0.8, 0.6, 0.5, 0.48]
VAL_MAE = [0.85, 0.65, 0.58, 0.59]
LR = [1e-3, 1e-3, 5e-4, 5e-4]


def keras_logs() -> list[dict[str, float]]:
    """The ``logs`` dict Keras 3 hands to ``on_epoch_end`` (with ReduceLROnPlateau on)."""
    return [
        {"loss": t, "mae": m, "val_loss": v, "val_mae": vm, "learning_rate": lr}
        for t, m, v, vm, lr in zip(TRAIN, MAE, VAL, VAL_MAE, LR, strict=True)
    ]


def write_keras_csv(path: Path, logs: list[dict], *, sep: str = ",", append: bool = False):
    """What ``keras.callbacks.CSVLogger(path, separator=sep, append=append)`` writes."""
    keys = sorted(logs[0])
    header = not (append and path.exists() and path.read_text())

    class Dialect(csv.excel):
        delimiter = sep

    with open(path, "a" if append else "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["epoch", *keys], dialect=Dialect)
        if header:
            writer.writeheader()
        for epoch, row in enumerate(logs):
            writer.writerow({"epoch": epoch, **{k: row.get(k, "NA") for k in keys}})


def write_lightning_csv(path: Path, rows: list[dict], *, sorted_header: bool = True) -> None:
    """What Lightning's ``_ExperimentWriter.save`` writes: one row per ``log_metrics`` call.

    Lightning >= 2.2 sorts the header; earlier versions keep the keys' first-seen order.
    """
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    fieldnames = sorted(keys) if sorted_header else list(keys)
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


def lightning_calls(*, batches: int = 4, every: int = 2, val_per_epoch: int = 1):
    """``(metrics, step)`` of each ``logger.log_metrics`` call of a short Lightning fit.

    ``self.log("train_loss", ..., on_step=True, on_epoch=True)`` in training_step,
    ``self.log_dict({"val_loss": ..., "val_mae": ...})`` in validation_step,
    ``LearningRateMonitor(logging_interval="epoch")``, ``log_every_n_steps=every``.
    """
    calls = []
    for epoch, (t, v, vm, lr) in enumerate(zip(TRAIN, VAL, VAL_MAE, LR, strict=True)):
        first = epoch * batches
        calls.append(({"lr-Adam": lr}, first))  # the monitor calls the logger directly
        for batch in range(batches):
            step = first + batch
            if (step + 1) % every == 0:
                loss = t + (0.1 if batch < batches // 2 else -0.1)  # averages to t
                calls.append(({"train_loss_step": loss, "epoch": epoch}, step))
            if val_per_epoch == 2 and batch == batches // 2 - 1:
                calls.append(({"val_loss": 99.0, "val_mae": 99.0, "epoch": epoch}, step))
        last = first + batches - 1  # epoch-end metrics reuse the last step
        calls.append(({"val_loss": v, "val_mae": vm, "epoch": epoch}, last))
        calls.append(({"train_loss_epoch": t, "epoch": epoch}, last))
    return calls


def lightning_rows(**kwargs) -> list[dict]:
    return [{**metrics, "step": step} for metrics, step in lightning_calls(**kwargs)]


def assert_curves(log: LoadedLog, *, lr: bool = True) -> None:
    history = log.history
    assert log.source in SOURCES
    assert [r["epoch"] for r in history.rows] == [1, 2, 3, 4]
    assert history.column("train_loss") == pytest.approx(TRAIN)
    assert history.column("val_loss") == pytest.approx(VAL)
    if lr:
        assert history.column("lr") == pytest.approx(LR)
    for row in history.rows:
        assert set(HISTORY_COLUMNS) <= set(row)
        assert isinstance(row["epoch"], int)
        assert math.isnan(row["grad_norm"]) and math.isnan(row["seconds"])


def assert_one_line(exc: pytest.ExceptionInfo) -> None:
    assert "\n" not in str(exc.value)


# --------------------------------------------------------------------------- lstm-doctor run
def test_reads_an_lstm_doctor_run_directory(tmp_path):
    history = History()
    for epoch, (t, v, lr) in enumerate(zip(TRAIN, VAL, LR, strict=True), start=1):
        history.append(epoch=epoch, train_loss=t, val_loss=v, lr=lr, grad_norm=1.5, seconds=0.2)
    history.to_csv(tmp_path / "history.csv")
    event = {"epoch": 3, "kind": "nonfinite_loss", "lr_after": 5e-4}
    header = {
        "format": 1,
        "package": "lstm-doctor",
        "config": {},
        "training": {"best_epoch": 3, "stop_reason": "early_stopping", "events": [event]},
    }
    (tmp_path / "config.json").write_text(to_json(header) + "\n")

    log = read_log(tmp_path)

    assert log.source == "lstm-doctor"
    assert log.meta == header
    assert log.history.best_epoch == 3 and log.history.stop_reason == "early_stopping"
    assert log.history.events == [event]
    assert log.history.column("train_loss") == pytest.approx(TRAIN)
    assert log.history.column("grad_norm") == pytest.approx([1.5] * 4)


def test_a_run_with_broken_config_json_is_a_data_error(tmp_path):
    History(rows=[{"epoch": 1, "train_loss": 1.0, "val_loss": 1.0}]).to_csv(
        tmp_path / "history.csv"
    )
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(DataError, match=r"Cannot read run .* as a training log"):
        read_log(tmp_path)


# --------------------------------------------------------------------------- Keras
@pytest.mark.parametrize("lr_key", ["learning_rate", "lr"])  # Keras 3 / Keras 2
def test_reads_keras_history_json(tmp_path, lr_key):
    history = {"loss": TRAIN, "mae": MAE, "val_loss": VAL, "val_mae": VAL_MAE, lr_key: LR}
    path = tmp_path / "history.json"
    with open(path, "w") as handle:
        json.dump(history, handle)  # json.dump(model.fit(...).history, f)

    log = read_log(path)

    assert log.source == "keras-json"
    assert_curves(log)
    assert log.history.column("mae") == pytest.approx(MAE)
    assert log.history.column("val_mae") == pytest.approx(VAL_MAE)
    assert log.meta["columns"] == {"train_loss": "loss", "val_loss": "val_loss", "lr": lr_key}


def test_reads_keras_csv_logger(tmp_path):
    path = tmp_path / "training.log"  # the name in Keras' docstring: detection is by content
    write_keras_csv(path, keras_logs())
    assert path.read_text().splitlines()[0] == "epoch,learning_rate,loss,mae,val_loss,val_mae"
    assert path.read_bytes().count(b"\r\n") == 5  # csv.excel line ends

    log = read_log(path)

    assert log.source == "keras-csv"
    assert_curves(log)
    assert log.history.column("val_mae") == pytest.approx(VAL_MAE)


def test_keras_csv_with_separator_na_and_an_appended_second_fit(tmp_path):
    path = tmp_path / "log.csv"
    logs = keras_logs()
    del logs[1]["val_loss"], logs[1]["val_mae"]  # validation_freq=[1, 3]: Keras writes NA
    write_keras_csv(path, logs[:2], sep=";")  # the first fit() ...
    write_keras_csv(path, logs[2:], sep=";", append=True)  # ... and a second, from epoch 0
    assert path.read_text().splitlines()[2] == "1;0.001;0.6;0.6;NA;NA"

    log = read_log(path)

    assert log.source == "keras-csv"
    assert [r["epoch"] for r in log.history.rows] == [1, 2, 3, 4]
    val = log.history.column("val_loss")
    assert math.isnan(val[1]) and val[:1] + val[2:] == pytest.approx(VAL[:1] + VAL[2:])


# --------------------------------------------------------------------------- Lightning CSV
@pytest.mark.parametrize("sorted_header", [True, False])
def test_reads_lightning_metrics_csv(tmp_path, sorted_header):
    path = tmp_path / "metrics.csv"
    write_lightning_csv(path, lightning_rows(), sorted_header=sorted_header)
    header = path.read_text().splitlines()[0]
    if sorted_header:
        assert header == "epoch,lr-Adam,step,train_loss_epoch,train_loss_step,val_loss,val_mae"
    assert ",," in path.read_text()  # the NaN gaps between step rows and epoch rows

    log = read_log(path)

    assert log.source == "lightning-csv"
    assert_curves(log)  # train_loss_epoch wins over the per-step values
    assert log.history.column("val_mae") == pytest.approx(VAL_MAE)
    assert "train_loss_step" not in log.history.columns
    assert log.meta["columns"]["lr"] == "lr-Adam"


def test_lightning_per_step_train_loss_is_averaged_and_the_last_validation_kept(tmp_path):
    rows = lightning_rows(val_per_epoch=2)  # val_check_interval=0.5: two validations an epoch
    for row in rows:  # self.log("train_loss", loss): per step only, no _step/_epoch suffix
        if "train_loss_step" in row:
            row["train_loss"] = row.pop("train_loss_step")
    rows = [r for r in rows if "train_loss_epoch" not in r]
    write_lightning_csv(tmp_path / "metrics.csv", rows)
    (tmp_path / "hparams.yaml").write_text("lr: 0.001\n")

    log = read_log(tmp_path)  # the version_0 directory itself

    assert log.source == "lightning-csv"
    assert_curves(log)  # the mean of t + 0.1 and t - 0.1 is t; the 99.0 are overwritten


def test_lightning_columns_can_be_named_raw_or_merged(tmp_path):
    rows = lightning_rows()
    for row in rows:  # self.log("val_rmse", ...): no loss named val_*loss
        if "val_loss" in row:
            row["val_rmse"] = row.pop("val_loss")
    write_lightning_csv(tmp_path / "metrics.csv", rows)

    for train_col in ("train_loss_epoch", "train_loss"):
        log = read_log(tmp_path / "metrics.csv", train_col=train_col, val_col="val_rmse")
        assert_curves(log)


# --------------------------------------------------------------------------- TensorBoard
def write_keras_tensorboard(logdir: Path, *, tensors: bool = False) -> None:
    """What ``keras.callbacks.TensorBoard(logdir)`` writes, without TensorFlow.

    ``tensors=True`` writes the tensor-valued scalars of TF2's ``tf.summary.scalar``;
    otherwise ``SummaryWriter.add_scalar``'s simple values.
    """
    from tensorboard.plugins.scalar.summary import scalar_pb

    train, val = SummaryWriter(logdir / "train"), SummaryWriter(logdir / "validation")

    def scalar(writer, tag, value, step):
        if tensors:
            writer._get_file_writer().add_summary(scalar_pb(tag, value), step)
        else:
            writer.add_scalar(tag, value, step)

    for epoch, logs in enumerate(keras_logs()):
        for batch in range(3):  # update_freq="batch": ignored, stepped by global batch
            scalar(train, "batch_loss", 5.0, epoch * 3 + batch + 1)
        for name in ("loss", "mae", "learning_rate"):
            scalar(train, f"epoch_{name}", logs[name], epoch)
        scalar(val, "evaluation_loss_vs_iterations", logs["val_loss"], (epoch + 1) * 3)
        for name in ("val_loss", "val_mae"):
            scalar(val, "epoch_" + name.removeprefix("val_"), logs[name], epoch)
    train.close()
    val.close()


@needs_tensorboard
@pytest.mark.parametrize("tensors", [False, True])
def test_reads_keras_tensorboard_logs(tmp_path, tensors):
    write_keras_tensorboard(tmp_path, tensors=tensors)

    log = read_log(tmp_path)

    assert log.source == "tensorboard"
    assert_curves(log)
    assert log.history.column("val_mae") == pytest.approx(VAL_MAE)
    assert "batch_loss" not in log.history.columns
    assert log.meta["tags"]["val_loss"] == "validation/epoch_loss"


@needs_tensorboard
def test_reads_lightning_tensorboard_logs(tmp_path):
    version = tmp_path / "lightning_logs" / "version_0"
    writer = SummaryWriter(version)
    writer.add_scalar("hp_metric", -1, 0)
    for metrics, step in lightning_calls():
        for key, value in metrics.items():  # TensorBoardLogger.log_metrics
            writer.add_scalar(key, float(value), step)
    writer.close()

    log = read_log(tmp_path / "lightning_logs")

    assert log.source == "tensorboard"
    assert_curves(log)
    assert "hp_metric" not in log.history.columns


@needs_tensorboard
@pytest.mark.parametrize("first_step", [0, 1])
def test_summary_writer_stepped_by_epoch(tmp_path, first_step):
    writer = SummaryWriter(tmp_path)
    for epoch, (t, v) in enumerate(zip(TRAIN, VAL, strict=True), start=first_step):
        writer.add_scalar("Loss/train", t, epoch)
        writer.add_scalar("Loss/val", v, epoch)
    writer.close()
    (event_file,) = tmp_path.glob("events.out.tfevents.*")

    log = read_log(event_file)  # one event file, not its directory

    assert log.source == "tensorboard"
    assert_curves(log, lr=False)
    assert log.meta["columns"] == {"train_loss": "Loss/train", "val_loss": "Loss/val", "lr": None}


@needs_tensorboard
def test_summary_writer_stepped_by_global_step_is_numbered_in_order(tmp_path):
    writer = SummaryWriter(tmp_path)
    for epoch, (t, v) in enumerate(zip(TRAIN, VAL, strict=True), start=1):
        writer.add_scalar("train_loss", t, epoch * 250)
        writer.add_scalar("val_loss", v, epoch * 250)
    writer.close()

    assert_curves(read_log(tmp_path), lr=False)


@needs_tensorboard
def test_tensorboard_runs_with_the_same_tags_are_ambiguous(tmp_path):
    for version in ("version_0", "version_1"):
        with SummaryWriter(tmp_path / version) as writer:
            writer.add_scalar("val_loss", 1.0, 0)
    with pytest.raises(DataError, match="tag 'val_loss' is in runs") as exc:
        read_log(tmp_path)
    assert_one_line(exc)


@needs_tensorboard
def test_several_keras_runs_are_ambiguous(tmp_path):
    write_keras_tensorboard(tmp_path / "fit" / "20240101-120000")
    write_keras_tensorboard(tmp_path / "fit" / "20240102-120000")
    with pytest.raises(DataError, match="several Keras runs"):
        read_log(tmp_path)


@needs_tensorboard
def test_tensorboard_events_without_scalars(tmp_path):
    with SummaryWriter(tmp_path) as writer:
        writer.add_text("note", "no scalars here", 0)
    with pytest.raises(DataError, match="hold no scalars"):
        read_log(tmp_path)


@needs_tensorboard
def test_tensorboard_missing_says_how_to_install_it(tmp_path, monkeypatch):
    with SummaryWriter(tmp_path) as writer:
        writer.add_scalar("val_loss", 1.0, 0)
    for name in [m for m in sys.modules if m.split(".")[0] == "tensorboard"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    with pytest.raises(DataError, match=r'pip install "lstm-doctor\[tensorboard\]"'):
        read_log(tmp_path)


# --------------------------------------------------------------------------- generic tables
def test_generic_csv_with_iteration_and_long_names(tmp_path):
    path = tmp_path / "log.csv"
    lines = ["iteration,training_loss,validation_loss,learning_rate,phase"]
    lines += [
        f"{(i + 1) * 100},{t},{v},{lr},fit"
        for i, (t, v, lr) in enumerate(zip(TRAIN, VAL, LR, strict=True))
    ]
    path.write_text("\n".join(lines) + "\n")

    log = read_log(path)

    assert log.source == "generic-csv"
    assert_curves(log)
    assert "phase" not in log.history.columns  # text, not a metric


@pytest.mark.parametrize(
    ("train_name", "val_name"),
    [
        ("train_nll", "val_nll"),
        ("epoch_loss", "val_epoch_loss"),
        ("train_loss_epoch", "val_loss_epoch"),
        ("loss", "val_loss"),
    ],
)
def test_loss_columns_as_people_name_them(tmp_path, train_name, val_name):
    path = tmp_path / "log.csv"
    rows = "".join(
        f"{e},{t},{v}\n" for e, (t, v) in enumerate(zip(TRAIN, VAL, strict=True), start=1)
    )
    path.write_text(f"epoch,{train_name},{val_name}\n" + rows)

    log = read_log(path)

    assert_curves(log, lr=False)
    assert log.meta["notes"] == []


def test_a_keras_csv_without_validation_is_read_and_noted(tmp_path):
    path = tmp_path / "training.log"  # CSVLogger writes NA for a val_loss it never got
    path.write_text("epoch,loss,val_loss\n" + "".join(f"{e},{t},NA\n" for e, t in enumerate(TRAIN)))

    log = read_log(path)

    assert log.history.column("train_loss") == pytest.approx(TRAIN)
    assert all(math.isnan(v) for v in log.history.column("val_loss"))
    assert log.meta["notes"] == ["column 'val_loss' holds no finite value"]


def test_a_resumed_run_keeps_the_last_occurrence_of_each_epoch_and_says_so(tmp_path):
    path = tmp_path / "log.csv"
    stale = "3,9.0,9.0\n4,9.0,9.0\n"  # written before the crash, then redone
    rows = [f"{e},{t},{v}\n" for e, (t, v) in enumerate(zip(TRAIN, VAL, strict=True), start=1)]
    path.write_text("epoch,train_loss,val_loss\n" + "".join(rows[:2]) + stale + "".join(rows[2:]))

    log = read_log(path)

    assert_curves(log, lr=False)
    assert log.meta["notes"] == [
        "epochs 3-4 were logged more than once (a resumed run?): the last occurrence of each "
        "is kept"
    ]


def test_per_step_rows_are_averaged_to_epochs_and_it_says_so(tmp_path):
    path = tmp_path / "steps.csv"
    lines = ["step,epoch,loss,val_loss"]
    for e, (t, v) in enumerate(zip(TRAIN, VAL, strict=True)):
        lines += [
            f"{3 * e},{e},{t - 0.01},",
            f"{3 * e + 1},{e},{t + 0.01},",
            f"{3 * e + 2},{e},{t},{v}",
        ]
    path.write_text("\n".join(lines) + "\n")

    log = read_log(path)

    assert_curves(log, lr=False)
    assert any("per-step rows were averaged to 4 epochs" in n for n in log.meta["notes"])


@pytest.mark.parametrize("scale", [1.0, 100.0])
def test_an_accuracy_only_log_is_read_as_an_error(tmp_path, scale):
    path = tmp_path / "acc.csv"
    rows = "".join(
        f"{e},{scale * (1 - t / 2)},{scale * (1 - v / 2)}\n"
        for e, (t, v) in enumerate(zip(TRAIN, VAL, strict=True), start=1)
    )
    path.write_text("epoch,train_acc,val_acc\n" + rows)

    log = read_log(path)

    assert log.history.column("train_loss") == pytest.approx([t / 2 for t in TRAIN])
    assert log.history.column("val_loss") == pytest.approx([v / 2 for v in VAL])
    assert log.meta["notes"] == ["no loss column: the error 1 - accuracy is read as the loss"]


def test_generic_csv_without_epoch_column_uses_row_order(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "train/loss,val/loss\n" + "".join(f"{t},{v}\n" for t, v in zip(TRAIN, VAL, strict=True))
    )
    assert_curves(read_log(path), lr=False)


def test_our_own_history_csv_reads_as_a_generic_csv(tmp_path):
    history = History()
    for epoch, (t, v, lr) in enumerate(zip(TRAIN, VAL, LR, strict=True), start=1):
        history.append(epoch=epoch, train_loss=t, val_loss=v, lr=lr, grad_norm=2.0, seconds=0.1)
    history.to_csv(tmp_path / "history.csv")

    log = read_log(tmp_path / "history.csv")

    assert log.source == "generic-csv"
    assert log.history.rows == history.rows


def test_column_overrides(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "epoch,mse_fit,mse_holdout\n"
        + "".join(
            f"{e},{t},{v}\n" for e, (t, v) in enumerate(zip(TRAIN, VAL, strict=True), start=1)
        )
    )

    log = read_log(path, train_col="mse_fit", val_col="mse_holdout")

    assert_curves(log, lr=False)
    assert "mse_fit" not in log.history.columns


def test_generic_json_records_and_dict_of_lists(tmp_path):
    records = [
        {"epoch": e, "train_loss": t, "val_loss": v, "lr": lr}
        for e, (t, v, lr) in enumerate(zip(TRAIN, VAL, LR, strict=True))
    ]
    (tmp_path / "records.json").write_text(json.dumps(records))
    columns = {"epoch": [1, 2, 3, 4], "train_loss": TRAIN, "val_loss": VAL, "lr": LR}
    (tmp_path / "columns.json").write_text(json.dumps(columns))

    for name in ("records.json", "columns.json"):
        log = read_log(tmp_path / name)
        assert log.source == "generic-json"
        assert_curves(log)


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            "epoch,a,b\n1,0.5,0.6\n",
            r"no train/val loss columns among a, b; name them with "
            r"--train-col/--val-col\.",
        ),
        (
            "epoch,loss,train_loss,val_loss\n1,1,1,1\n",
            r"several train loss columns "
            r"\(loss, train_loss\); pick one with --train-col",
        ),
        ("epoch,train_loss,val_loss\n1,high,low\n", r"column 'train_loss' holds no finite"),
        ("epoch,step,train_loss,val_loss\n1,1,high,nan\n1,2,low,nan\n", r"'train_loss' holds no"),
        ("epoch,train_loss\nfirst,0.5\n", r"column 'epoch' holds no numbers"),
        ("epoch,train_loss,val_loss\n", r"holds no epochs"),
        ("", r"Cannot read '.*log\.csv' as a training log"),
    ],
)
def test_unreadable_csv(tmp_path, text, match):
    path = tmp_path / "log.csv"
    path.write_text(text)
    with pytest.raises(DataError, match=match) as exc:
        read_log(path)
    assert_one_line(exc)


def test_an_override_that_does_not_exist_lists_the_columns(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("epoch,train_loss,val_loss\n1,0.5,0.6\n")
    with pytest.raises(
        DataError,
        match=r"no val column 'valid'; the columns are train_loss, "
        r"val_loss\.",
    ):
        read_log(path, val_col="valid")


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            '{"loss": [1.0, 0.9], "val_loss": [1.0]}',
            r"lists differ in length \(loss has 2, "
            r"val_loss has 1\)",
        ),
        ("[1, 2, 3]", r"found JSON list, expected a dict of per-epoch lists"),
        ('{"loss": [1.0', r"bad JSON"),
    ],
)
def test_unreadable_json(tmp_path, text, match):
    path = tmp_path / "history.json"
    path.write_text(text)
    with pytest.raises(DataError, match=match) as exc:
        read_log(path)
    assert_one_line(exc)


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        read_log(tmp_path / "nope.csv")
    with pytest.raises(DataError, match=r"no TensorBoard event files and no metrics\.csv"):
        read_log(tmp_path)


# ----------------------------------------------------------- runs that diverged at once
def test_a_run_that_diverged_at_its_first_epoch_is_read_and_diagnosed_diverging(tmp_path):
    path = tmp_path / "training.log"  # Keras' CSVLogger: every loss NaN from epoch 0 on
    path.write_text("epoch,loss,val_loss\n" + "".join(f"{e},nan,nan\n" for e in range(30)))

    log = read_log(path)

    assert len(log.history) == 30
    assert log.meta["notes"] == [
        "column 'loss' holds no finite value",
        "column 'val_loss' holds no finite value",
    ]
    assert diagnose(log.history).primary.kind == "diverging"


def test_a_lightning_log_of_blanks_and_nan_is_a_divergence_not_an_error(tmp_path):
    rows = "".join(f"{e},{34 * (e + 1)},,nan\n{e},{34 * (e + 1)},nan,\n" for e in range(25))
    (tmp_path / "metrics.csv").write_text("epoch,step,train_loss,val_loss\n" + rows)

    log = read_log(tmp_path / "metrics.csv")

    assert diagnose(log.history).primary.kind == "diverging"


def test_a_finite_train_column_with_an_all_nan_val_column_is_no_validation(tmp_path):
    path = tmp_path / "log.csv"
    train = [0.9, 0.6, 0.45, 0.4, 0.38, 0.37, 0.36, 0.355]
    rows = "".join(f"{e},{t},nan\n" for e, t in enumerate(train, start=1))
    path.write_text("epoch,train_loss,val_loss\n" + rows)

    kinds = diagnose(read_log(path).history).kinds()

    assert "no_validation" in kinds and "diverging" not in kinds
