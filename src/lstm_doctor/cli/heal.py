"""The heal command: treat the model one diagnosed change at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from lstm_doctor.cli.app import err, out
from lstm_doctor.cli.fit import check_forecast_only, print_run
from lstm_doctor.cli.options import (
    REPORT_HELP,
    LogDir,
    check_task,
    data_settings,
    default_out,
    forecast_columns,
    given_settings,
    sequence_columns,
    sequence_flags,
    with_data_flags,
    with_task_flags,
)
from lstm_doctor.errors import ConfigError


@with_data_flags(after="test")
@with_task_flags()
def heal(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    epochs: Annotated[int | None, typer.Option(help="Maximum epochs per fit [100].")] = None,
    patience: Annotated[int | None, typer.Option(help="Early stopping patience [10].")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Batch size [64].")] = None,
    precision: Annotated[str | None, typer.Option(help="fp32 | bf16.")] = None,
    device: Annotated[str | None, typer.Option(help="auto | cpu | cuda[:N].")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed [0].")] = None,
    ensemble: Annotated[
        int | None, typer.Option(help="Final model: seeds averaged (sequences).")
    ] = None,
    refit: Annotated[
        bool | None, typer.Option(help="Final model: refit on train+val (sequences).")
    ] = None,
    budget: Annotated[
        float, typer.Option(help="Budget in minutes: converted to epochs up front.")
    ] = 20.0,
    budget_epochs: Annotated[
        int | None, typer.Option(help="Budget in training epochs: same treatment anywhere.")
    ] = None,
    max_steps: Annotated[int, typer.Option(help="Most treatment steps.")] = 20,
    recipe: Annotated[
        bool,
        typer.Option(
            help="Also fit the textbook recipe (outside the budget): it challenges the "
            "healed model on validation, then joins the comparison."
        ),
    ] = True,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Run directory to write.")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing --out.")] = False,
    report: Annotated[bool, typer.Option(help=REPORT_HELP, envvar="LSTM_DOCTOR_REPORT")] = True,
    log_dir: LogDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    **flags: Any,
) -> None:
    """Treat the model: start small, diagnose, change one thing, keep what helps on val.

    Never reads the test split until the end; then scores it once and saves a run
    directory with treatment.json (every step: finding, change, val before/after, kept).
    """
    from lstm_doctor.api.forecast_heal import heal as run_heal
    from lstm_doctor.artifacts import check_out_dir, write_json_atomic
    from lstm_doctor.cli.report import note_command, write_run_report
    from lstm_doctor.cli.sequences import SequenceJob, heal_sequences_command
    from lstm_doctor.reporting.terminal import comparison_table, step_line
    from lstm_doctor.treatment.heal import HealStep

    check_task(flags["task"])
    settings = given_settings(
        **data_settings(flags),
        epochs=epochs,
        batch_size=batch_size, precision=precision, device=device, seed=seed,
    )  # fmt: skip
    if patience is not None:
        settings["patience"] = patience if patience > 0 else None
    out_dir = out_dir or default_out(f"heal-{data.stem}")
    check_out_dir(out_dir, overwrite=overwrite)  # now, not after the treatment

    def on_step(step: HealStep) -> None:
        if not as_json:
            out.print(step_line(step))

    if flags["task"] != "forecast":
        if log_dir is not None:
            raise ConfigError(
                "--log-dir is for forecasting heals; drop it with --task " + flags["task"]
            )
        columns = sequence_columns(flags)
        final = given_settings(ensemble=ensemble, refit=refit)
        job = SequenceJob(data, flags["task"], columns, {**settings, **final}, flags["test"],
                          out_dir)  # fmt: skip
        heal_sequences_command(
            job, overwrite=overwrite, as_json=as_json, budget=budget, max_steps=max_steps,
            on_step=on_step, out=out, report=report, err=err,
        )  # fmt: skip
        return
    check_forecast_only(flags["target"], **sequence_flags(flags),
                   ensemble=ensemble, refit=refit)  # fmt: skip

    outcome = run_heal(
        data, **forecast_columns(flags["target"], flags),
        budget_minutes=budget, budget_epochs=budget_epochs, max_steps=max_steps,
        on_step=on_step, compare_recipe=recipe, log_dir=log_dir, **settings,
    )  # fmt: skip
    note_command(outcome.forecaster, data)
    run = outcome.forecaster.save(out_dir, overwrite=overwrite)
    treatment = outcome.treatment()
    write_json_atomic(run / "treatment.json", treatment)
    page = write_run_report(outcome.forecaster, run, err, treatment=treatment) if report else None
    if as_json:
        summary = {k: v for k, v in treatment.items() if k != "steps"}
        extra = {"treatment": treatment["steps"], "treatment_summary": summary}
        print_run(outcome.forecaster, run, as_json=True, extra=extra, report=page)
        return
    if outcome.verdict is not None:  # decided on validation, before the test split was read
        style = "green" if outcome.verdict["beats_best_baseline_on_val"] else "bold yellow"
        out.print(f"verdict (validation only): the healed model {outcome.verdict['text']}",
                  style=style, markup=False)  # fmt: skip
    out.print(
        f"treatment stopped ({outcome.stop_reason}) after {len(outcome.steps)} step(s): val MSE "
        f"{treatment['start_val_mse']:.4f} (start) -> {treatment['final_val_mse']:.4f}"
    )
    out.print(f"budget: {escape(treatment['budget']['rule'])}", style="dim")
    selection = treatment["selection"]
    if selection["origins"] > 1:
        out.print(f"selection: the steps' val MSE pools {selection['origins']} validation origins; "
                  "the line above is the main validation split", style="dim")  # fmt: skip
    if "note" in selection:
        out.print(f"selection: {escape(selection['note'])}", style="dim")
    out.print(comparison_table(treatment["comparison"]))
    print_run(outcome.forecaster, run, as_json=False, table=False, report=page)
