"""The ``lstm-doctor`` command line: ``app`` (Typer) and ``main`` (the console entry point).

Importing this package registers every command and imports no torch, pandas or optuna:
``--help`` and ``--version`` answer at once; each command imports the library when it runs.
"""

from lstm_doctor.cli import diagnostics, fit, heal, runs, tune
from lstm_doctor.cli.app import app, err, main, out, use_run_commands
from lstm_doctor.cli.backtest import backtest_command

# In the order ``--help`` lists them.
app.command()(fit.fit)
app.command("backtest")(backtest_command(fit.fit, out, err))
app.command()(fit.demo)
app.command()(runs.evaluate)
app.command()(runs.predict)
app.command()(runs.export)
app.command()(heal.heal)
app.command()(tune.tune)
app.command("lr-find")(diagnostics.lr_find)
app.command()(diagnostics.check)
app.command()(diagnostics.diagnose)
app.command()(diagnostics.report)
use_run_commands()

__all__ = ["app", "main"]
