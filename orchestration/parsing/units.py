"""Unit standardisation, read from the dbt seed so Python and SQL share one table."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "unit_conversions.csv"


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, float, str]]:
    with SEED.open(encoding="utf-8") as f:
        return {r["unit"]: (r["unit_std"], float(r["factor"]), r["unit_family"]) for r in csv.DictReader(f)}


def standardise(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """(value in the base unit, base unit): 1.5 万人 -> (15000.0, '人'). Unknown units pass through."""
    if unit is None:
        return value, None
    std, factor, _ = _table().get(unit, (unit, 1.0, unit))
    return (None if value is None else value * factor), std


def family(unit: str | None) -> str | None:
    """Units of one family measure the same kind of thing (户/家/个 are all counts of entities)."""
    if unit is None:
        return None
    return _table().get(unit, (unit, 1.0, "unit:" + unit))[2]


def comparable(u1: str | None, u2: str | None) -> bool:
    return u1 is not None and u2 is not None and family(u1) == family(u2)


def is_known_unit(unit: str) -> bool:
    return unit in _table()


CATALOGUE = SEED.with_name("indicator_catalogue.csv")


@lru_cache(maxsize=1)
def _synonyms() -> list[tuple[str, str]]:
    """(synonym, canonical indicator name), longest synonym first, from the dbt seed."""
    with CATALOGUE.open(encoding="utf-8") as f:
        pairs = {(r["synonym"], r["indicator_name"]) for r in csv.DictReader(f) if r["synonym"] != r["indicator_name"]}
    return sorted(pairs, key=lambda p: -len(p[0]))


def canonical(metric: str) -> str:
    """Metric with known synonyms spelled the canonical way: 'GDP增速' -> '地区生产总值增速'."""
    for syn, name in _synonyms():
        if syn in metric and name not in metric:
            return metric.replace(syn, name.removesuffix("增速"))
    return metric
