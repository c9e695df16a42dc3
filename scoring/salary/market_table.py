"""Reported market salaries (data/market_salaries.json, from the aijobs.net survey): the cell for a query.

The most specific cell with MIN_N reports wins: the country, then its market region, then global; a
thin cell is named in the answer with its n. Figures are USD as reported; conversion uses the survey's
own rates and is labelled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from scoring.salary.countries import country_name, market_region, region_label
from scoring.salary.figures import format_money
from scoring.salary.query import SalaryQuery

TABLE_PATH = Path(__file__).resolve().parents[1] / "data" / "market_salaries.json"
LEVEL_CODES = {"EN": "junior", "MI": "mid", "SE": "senior", "EX": "staff"}
LEVEL_LABELS = {"junior": "Junior", "mid": "Mid-level", "senior": "Senior", "staff": "Staff+"}
MIN_N = 20  # fewer reports than this and a percentile says more about one employer than the market
CREDIT = "aijobs.net salary survey, CC0"
CREDIT_URL = "https://aijobs.net/salaries"
# The guides' region when the query named a region, not a country, and the market geography it reads.
_QUERY_REGION_GEO = {"us": "US", "remote": "US", "western-europe": "western-europe",
                     "eastern-europe": "eastern-europe", "asia": "asia", "latam": "latam"}


def cell_key(family: str, level: str, geo: str, years: str) -> str:
    """`ml-engineer|senior|US|2024-2025`: how the table names a cell."""
    return f"{family}|{level}|{geo}|{years}"


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return json.loads(TABLE_PATH.read_text(encoding="utf-8"))


def about() -> dict[str, Any]:
    """The table's provenance: source, licence, file, window."""
    return _table()["_about"]


def families() -> dict[str, dict[str, Any]]:
    """Role family -> {label, titles}: the title mapping the table was built with."""
    return _table()["families"]


def fx_rate(currency: str) -> Decimal | None:
    """Units of `currency` per USD over the survey window (the survey's own conversions), if known."""
    if currency == "USD":
        return Decimal(1)
    rate = _table()["fx"].get(currency)
    return Decimal(rate) if rate else None


@dataclass(frozen=True, slots=True)
class MarketFigure:
    """One cell of reported salaries: percentiles in USD, n, years, and the thinner cells passed over."""

    family: str
    family_label: str
    level: str
    geo: str
    geo_label: str
    years: str
    n: int
    p10: Decimal
    p25: Decimal
    p50: Decimal
    p75: Decimal
    p90: Decimal
    dist: tuple[Decimal, ...]  # p5, p10, ... p95 (what the chart draws)
    thin: tuple[tuple[str, int], ...] = ()  # (geography, n) of more specific cells under MIN_N
    family_note: str | None = None  # set when the title had too few reports and its row was used

    @property
    def level_label(self) -> str:
        """`Senior`."""
        return LEVEL_LABELS[self.level]

    def money(self, value: Decimal, currency: str = "USD") -> str:
        """`$202K`, or `€186.4K` converted at the survey's rate."""
        rate = fx_rate(currency) or Decimal(1)
        shown = (value * rate).quantize(Decimal(1), ROUND_HALF_UP)
        return format_money(shown, currency if rate != 1 or currency == "USD" else "USD")

    @property
    def fallback_note(self) -> str | None:
        """`Germany has 7 reports (under 20), so this is Western Europe.`, or None."""
        if not self.thin:
            return None
        said = " and ".join(f"{label} has {n:,} report{'s' if n != 1 else ''}" for label, n in self.thin)
        return f"{said} (under {MIN_N}), so this is {self.geo_label}."


def _cell(family: str, level: str, geo: str, years: str) -> list[int] | None:
    return _table()["cells"].get(cell_key(family, level, geo, years))


def _geos(query: SalaryQuery) -> list[tuple[str, str]]:
    """(geo key, label) from most to least specific for the query."""
    out: list[tuple[str, str]] = []
    code = query.country or _QUERY_REGION_GEO[query.region]
    if len(code) == 2:
        out.append((code, country_name(code)))
        code = market_region(code) or ""
    if code:
        out.append((code, region_label(code)))
    out.append(("global", "all countries"))
    return out


def _pick(family: str, level: str, geos: list[tuple[str, str]], years: str) -> MarketFigure | None:
    thin: list[tuple[str, int]] = []
    for geo, label in geos:
        cell = _cell(family, level, geo, years)
        n = cell[0] if cell else 0
        if n >= MIN_N:
            dist = tuple(Decimal(v) for v in _table()["dist"].get(cell_key(family, level, geo, years), ()))
            n, p10, p25, p50, p75, p90 = cell
            return MarketFigure(family, families()[family]["label"], level, geo, label, years.replace("-", "–"), n,
                                Decimal(p10), Decimal(p25), Decimal(p50), Decimal(p75), Decimal(p90), dist,
                                tuple(thin))
        thin.append((label, n))
    return None


def market_family(query: SalaryQuery) -> str:
    """The table's family for a query: the typed title when the table has it, else the guides' row."""
    return query.title if query.title in families() else query.role


def market_for(query: SalaryQuery) -> MarketFigure | None:
    """Reported percentiles for the query's role, level and place, falling back to region, then global."""
    years = about()["window"]
    level = "staff" if query.staff else query.level
    family = market_family(query)
    found = _pick(family, level, _geos(query), years)
    if found is None and family != query.role:
        found = _pick(query.role, level, _geos(query), years)
        if found is not None:
            label = families()[family]["label"]
            found = _with_note(found, f"{label} has too few reports at this level; showing {found.family_label}.")
    return found


def _with_note(fig: MarketFigure, note: str) -> MarketFigure:
    return MarketFigure(**{**{k: getattr(fig, k) for k in fig.__slots__}, "family_note": note})
