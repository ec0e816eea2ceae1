"""Scores on the same windows as the baselines: metrics, evaluation, baselines' forecasts,
conformal intervals and rolling-origin backtests."""
