"""Team offers: the offers/bands CSV import, region_of, and p25/p50/p75 team stats."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Iterable, Sequence

from scoring.salary.figures import _HUNDRED, _q, format_money
from scoring.salary.query import SalaryQuery, _match_at, _tokens, _year_form
from scoring.salary.seeds import _data
from scoring.salary.vocabulary import (
    _LEVEL_ALIASES,
    _REGION_ALIASES,
    _ROLE_ALIASES,
    _SPECIALTY_ROLE,
    _TITLE_ALIASES,
    LEVELS,
    ROLES,
    _closest,
    _phrase,
)


@dataclass(frozen=True, slots=True)
class TeamStats:
    """Percentiles of a team's own offers (linear interpolation between ranks)."""

    n: int
    p25: Decimal
    p50: Decimal
    p75: Decimal
    currency: str | None = None

    @property
    def display(self) -> str:
        """`p25 $150K · median $160K · p75 $172.5K (5 offers)`."""
        m = (lambda v: format_money(v, self.currency))
        return f"p25 {m(self.p25)} · median {m(self.p50)} · p75 {m(self.p75)} ({self.n} offers)"


MIN_TEAM_N = 3


def _percentile(ordered: Sequence[Decimal], p: Decimal) -> Decimal:
    rank = (len(ordered) - 1) * p
    lo = int(rank)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (rank - lo)


def team_percentiles(values: list[Decimal], currency: str | None = None) -> TeamStats | None:
    """p25/p50/p75 of a team's figures; None below 3 values, so no single offer can be read back."""
    ordered = sorted(Decimal(v) for v in values if v is not None)
    if len(ordered) < MIN_TEAM_N:
        return None
    p = [_percentile(ordered, Decimal(x)).quantize(Decimal("0.01"), ROUND_HALF_UP)
         for x in ("0.25", "0.5", "0.75")]
    return TeamStats(len(ordered), p[0], p[1], p[2], currency)


@dataclass(frozen=True, slots=True)
class OfferRow:
    """One line of a team's offers/bands CSV, normalised."""

    line: int
    role: str
    level: str
    base: Decimal
    currency: str | None = None
    location: str = ""
    region: str | None = None
    bonus: Decimal | None = None  # money; a "15%" bonus is turned into money from base
    bonus_pct: Decimal | None = None
    equity_pct: Decimal | None = None  # "0.5%": a share of the company
    equity_value: Decimal | None = None  # "$40,000": a money grant
    date: date | None = None
    specialty: str | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    """A CSV line that could not be used, and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


_CSV_COLUMNS = ("role", "level", "location", "base", "bonus", "equity", "date")
_HEADER_ALIASES = {"title": "role", "job": "role", "seniority": "level", "base salary": "base", "salary": "base",
                   "base pay": "base", "country": "location", "city": "location", "region": "location",
                   "offer date": "date", "currency": "currency"}
_CURRENCY_MARKS = (("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("usd", "USD"), ("eur", "EUR"), ("gbp", "GBP"))


def _money(text: str) -> tuple[Decimal, str | None]:
    """`$150,000`, `150k`, `€95K`, `150000 USD` -> (amount, currency or None)."""
    raw = text.strip()
    low = raw.lower()
    currency = None
    for mark, code in _CURRENCY_MARKS:
        if mark in low:
            currency = code
            low = low.replace(mark, "")
    low = low.replace(",", "").replace("_", "").replace(" ", "")
    mult = Decimal(1)
    if low.endswith("k"):
        mult, low = Decimal(1000), low[:-1]
    try:
        value = Decimal(low) * mult
    except InvalidOperation:
        raise ValueError(f"'{raw}' is not an amount") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"'{raw}' is not an amount")
    return value, currency


def _percent(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().rstrip("%").strip())
    except InvalidOperation:
        raise ValueError(f"'{text.strip()}' is not a percentage") from None
    if not value.is_finite() or value < 0 or value > 100:
        raise ValueError(f"'{text.strip()}' is not a percentage")
    return value


def region_of(location: str) -> str | None:
    """The salary region a free-text location falls in (`Berlin, DE` -> western-europe), if any."""
    text = _phrase(location or "")
    if not text:
        return None
    if text in _REGION_ALIASES:
        return _REGION_ALIASES[text]
    if "remote" in text.split():
        return "remote"
    padded = f" {re.sub(r'[^a-z. ]+', ' ', text)} "
    for alias in sorted(_REGION_ALIASES, key=len, reverse=True):
        if len(alias) > 2 and f" {alias} " in padded:
            return _REGION_ALIASES[alias]
    return None


def _csv_role(text: str) -> tuple[str, str | None]:
    m = _match_at([text], 0) if text.strip() else None
    if m is None and text.strip():
        m = _match_at(_tokens(text), 0)
        if m and m[2] != len(_tokens(text)):
            m = None
    if m and m[0] == "role":
        return m[1], None
    if m and m[0] == "title":
        tm = _data()["title_map"][m[1]]
        return tm["row"], tm.get("specialty")
    if m and m[0] == "specialty":
        tm = _data()["title_map"][_SPECIALTY_ROLE[m[1]]]
        return tm["row"], m[1]
    close = _closest(text, _ROLE_ALIASES | _TITLE_ALIASES, ROLES)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise ValueError(f"role '{text.strip()}' is not one of {', '.join(ROLES)}{hint}")


def _csv_level(text: str) -> str:
    words = _tokens(text)
    if words and re.match(r"^\d", words[0]):
        hit = _year_form(words[0], words[1] if len(words) > 1 else None)
        if hit:
            return hit[0]
    level = _LEVEL_ALIASES.get(_phrase(text))
    if level is None:
        close = _closest(text, _LEVEL_ALIASES, LEVELS)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ValueError(f"level '{text.strip()}' is not junior, mid, senior or years like 4y{hint}")
    return level


def parse_offers_csv(text: str) -> tuple[tuple[OfferRow, ...], tuple[RowError, ...]]:
    """Read a team's offers CSV (role, level, location, base, bonus, equity, date); bad lines are reported, the rest kept."""
    reader = csv.reader(io.StringIO((text or "").lstrip("\ufeff")))
    header: dict[str, int] | None = None
    rows: list[OfferRow] = []
    errors: list[RowError] = []
    start = 1
    for cells in reader:
        line = start
        start = reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            names = [_phrase(c) for c in cells]
            names = [_HEADER_ALIASES.get(n, n) for n in names]
            header = {n: i for i, n in reversed(list(enumerate(names))) if n}
            missing = [c for c in ("role", "level", "base") if c not in header]
            if missing:
                errors.append(RowError(line, f"missing column(s) {', '.join(missing)}; expected a header "
                                             f"{','.join(_CSV_COLUMNS)}"))
                return (), tuple(errors)
            continue

        def cell(name: str) -> str:
            i = header.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        try:
            if not cell("role"):
                raise ValueError("role is empty")
            role, specialty = _csv_role(cell("role"))
            if not cell("level"):
                raise ValueError("level is empty")
            level = _csv_level(cell("level"))
            if not cell("base"):
                raise ValueError("base is empty")
            base, currency = _money(cell("base"))
            if cell("currency"):
                currency = cell("currency").upper()
            bonus = bonus_pct = equity_pct = equity_value = None
            if b := cell("bonus"):
                if b.endswith("%"):
                    bonus_pct = _percent(b)
                    bonus = _q(base * bonus_pct / _HUNDRED)
                else:
                    bonus = _money(b)[0]
            if e := cell("equity"):
                if e.endswith("%"):
                    equity_pct = _percent(e)
                else:
                    equity_value = _money(e)[0]
            when = None
            if dt := cell("date"):
                try:
                    when = date.fromisoformat(dt.replace("/", "-")[:10])
                except ValueError:
                    raise ValueError(f"date '{dt}' is not YYYY-MM-DD") from None
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        rows.append(OfferRow(line=line, role=role, level=level, base=base, currency=currency,
                             location=cell("location"), region=region_of(cell("location")), bonus=bonus,
                             bonus_pct=bonus_pct, equity_pct=equity_pct, equity_value=equity_value, date=when,
                             specialty=specialty))
    if header is None:
        errors.append(RowError(1, f"the file is empty; expected a header {','.join(_CSV_COLUMNS)}"))
    return tuple(rows), tuple(errors)


def team_stats_for(rows: Iterable[OfferRow], query: SalaryQuery) -> TeamStats | None:
    """Percentiles of the team's base for the query's role, level and region (None below 3 offers)."""
    region = "us" if query.region == "remote" else query.region
    currency = "EUR" if region == "western-europe" else "USD"
    picked = [r.base for r in rows
              if r.role == query.role and r.level == query.level
              and ("us" if r.region == "remote" else r.region) == region
              and r.currency in (None, currency)]
    return team_percentiles(picked, currency)
