"""The ``backtest`` command: fit's data and model flags, plus the fold flags.

The command takes every forecasting flag of ``fit`` (its signature is read from ``fit``, so
the two never drift apart) and the backtest's own. Registered in ``cli/__init__.py`` with
``app.command("backtest")(backtest_command(fit))``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import fields
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from lstm_doctor.config import DataConfig, ModelConfig, TrainConfig
from lstm_doctor.errors import ConfigError

__all__ = ["backtest_command"]

# fit's flags that are not data or model settings of a forecaster
_NOT_FORWARDED = {
    "task", "sequence_id", "label", "group", "test", "features", "pooling", "packing",
    "class_weights", "label_smoothing", "ensemble", "refit", "out_dir", "overwrite", "resume",
    "as_json", "data", "report", "log_dir", "encoder", "summary_features", "series_norm",
}  # fmt: skip
_COLUMNS = ("target", "time", "id", "covariates")


def _own_parameters() -> list[inspect.Parameter]:
    def flags(
        folds: Annotated[int, typer.Option(help="Number of folds (test periods) [5].")] = 5,
        fold_size: Annotated[
            int | None, typer.Option(help="Test rows per fold [the split's test rows / folds].")
        ] = None,
        refit: Annotated[
            str, typer.Option(help="Refit the model: every | first | N (every N folds).")
        ] = "every",
        window: Annotated[
            str, typer.Option(help="Training rows: expanding (from the start) | sliding.")
        ] = "expanding",
        warm_start: Annotated[
            bool, typer.Option(help="Start each refit from the previous fold's weights.")
        ] = False,
        interval: Annotated[
            float, typer.Option(help="Conformal interval level scored on each fold, 0 = off.")
        ] = 0.9,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None: ...

    return list(inspect.signature(flags, eval_str=True).parameters.values())


def _columns(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(c.strip() for c in text.split(",") if c.strip())


def _table(result: dict[str, Any]) -> Table:
    names = list(result["folds"][0]["baselines"])
    headers = [n.replace("seasonal_naive", "s. naive") for n in names]
    table = Table("fold", "test period", "model", *headers, "cover", title="backtest: test MSE")
    table.columns[1].no_wrap = True
    for fold in result["folds"]:
        cells = [
            "-" if fold["baselines"][n] is None else f"{fold['baselines'][n]['mse']:.4f}"
            for n in names
        ]
        interval = fold.get("interval")
        table.add_row(
            str(fold["fold"]),
            f"{str(fold['test_start'])[:16]} .. {str(fold['test_end'])[:16]}",  # no seconds
            f"{fold['metrics']['mse']:.4f}",
            *cells,
            "-" if interval is None else f"{interval['coverage']:.3f}",
        )
    return table


def backtest_command(fit: Callable[..., None], out: Console, err: Console) -> Callable[..., None]:
    """The ``backtest`` command, with ``fit``'s forecasting flags."""
    fit_parameters = inspect.signature(fit, eval_str=True).parameters  # real annotations
    known = {f.name for c in (DataConfig, ModelConfig, TrainConfig) for f in fields(c)}
    forwarded = [  # only the forecaster's settings: fit's other flags (--out, ...) stay fit's
        p for name, p in fit_parameters.items() if name in known and name not in _NOT_FORWARDED
    ]

    def backtest(**flags: Any) -> None:
        """Rolling-origin backtest: K test periods at the end of DATA's split, each with its
        own scaler (training rows only), model and naive baselines; a summary and whether the
        gap comes from one period."""
        path = flags.pop("data")
        n_folds, fold_size = flags.pop("folds"), flags.pop("fold_size")
        refit, window = flags.pop("refit"), flags.pop("window")
        warm_start, interval, as_json = (
            flags.pop("warm_start"),
            flags.pop("interval"),
            flags.pop("as_json"),
        )
        if flags.get("target") is None:
            raise ConfigError("backtest needs --target (the column(s) to forecast).")
        columns = {k: flags.pop(k) for k in _COLUMNS}
        columns["target"], columns["covariates"] = (
            _columns(columns["target"]),
            _columns(columns["covariates"]),
        )
        settings = {k: v for k, v in flags.items() if v is not None}
        if "clip" in settings:
            settings["clip"] = settings["clip"] if settings["clip"] > 0 else None
        if "patience" in settings:
            settings["patience"] = settings["patience"] if settings["patience"] > 0 else None

        def on_fold(fold: dict[str, Any]) -> None:
            if not as_json:
                err.print(
                    f"fold {fold['fold']}: test {fold['test_start']} .. {fold['test_end']}, "
                    f"model MSE {fold['metrics']['mse']:.4f}",
                    highlight=False,
                )

        from lstm_doctor.api.forecaster import Forecaster  # torch: only when the command runs
        from lstm_doctor.artifacts import to_json

        result = Forecaster(**settings).backtest(
            path,
            **columns,
            n_folds=n_folds,
            fold_size=fold_size,
            refit=refit,
            window=window,
            warm_start=warm_start,
            interval=interval if interval > 0 else None,
            on_fold=on_fold,
        )
        if as_json:
            print(to_json(result, indent=None))
            return
        out.print(_table(result))
        summary = result["summary"]
        beats = ", ".join(f"{k} {v}" for k, v in summary["model_beats"].items())
        out.print(
            f"model MSE {summary['mse']['mean']:.4f} ± {summary['mse']['std']:.4f} "
            f"(worst fold {summary['worst_fold']['fold']}); beats {beats}",
            highlight=False,
        )
        out.print(result["diagnosis"]["text"], highlight=False)

    parameters = [fit_parameters["data"], *forwarded, *_own_parameters()]
    backtest.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    backtest.__annotations__ = {p.name: p.annotation for p in parameters}
    return backtest
