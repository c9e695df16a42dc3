"""Extraction helpers: number and date formatting, the date clock, diminishing-returns combining."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from scoring.signals.tuning import (
    AGE_FLOOR,
    HALF_LIFE_DAYS,
    INACTIVE_DAYS,
    MAX_TEXT,
    RECENT_DAYS,
    UNDATED,
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _num(n: int) -> str:
    """12000 -> '12k', 1500 -> '1.5k', 2300000 -> '2.3M'."""
    if n < 1000:
        return str(n)
    if n < 9_950:
        return f"{n / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    if n < 999_500:
        return f"{round(n / 1000)}k"
    return f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"


def _day(d: date, today: date) -> str:
    """'Nov 3' this year, 'Nov 3, 2024' otherwise (fixed English names: locale-independent)."""
    month = _MONTHS[d.month - 1]
    return f"{month} {d.day}" if d.year == today.year else f"{month} {d.day}, {d.year}"


def _month(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1].rstrip() + "…"


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class _Clock:
    """Cut-off dates for one `today`, so age checks are date comparisons (cheap) not subtractions."""

    __slots__ = ("today", "recent", "half_year", "year", "inactive")

    def __init__(self, today: date):
        self.today = today
        self.recent = today - timedelta(days=RECENT_DAYS)
        self.half_year = today - timedelta(days=180)
        self.year = today - timedelta(days=365)
        self.inactive = today - timedelta(days=INACTIVE_DAYS)


@lru_cache(maxsize=64)
def _clock(today: date) -> _Clock:
    return _Clock(today)


def _age_factor(d: date | None, ck: _Clock) -> float:
    """Weight of dated work by age: halves every HALF_LIFE_DAYS, never below AGE_FLOOR (recent work
    counts more: 001_1d3b2ab28759786c.txt, "current and active in the field")."""
    if d is None:
        return UNDATED
    days = (ck.today - d).days
    if days <= RECENT_DAYS:
        return 1.0
    return max(AGE_FLOOR, 0.5 ** ((days - RECENT_DAYS) / HALF_LIFE_DAYS))


# Categories whose lines are alternatives, not additions: the strongest (relevance-weighted) counts.
MAX_CATEGORIES = frozenset({"recency"})


def base_of(tag: str) -> str:
    """'oss:training' -> 'oss'."""
    i = tag.find(":")
    return tag if i < 0 else tag[:i]


def _combine(values: list[float], names: list[str], decay: float) -> tuple[float, list[float]]:
    """Diminishing returns over items sorted best first: v1 + v2*d + v3*d^2 ..., capped at 1.

    Returns the strength and each item's contribution (in the input order, summing to the strength);
    equal values are ranked by name, so the result does not depend on the input order.
    """
    order = sorted(range(len(values)), key=lambda i: (-values[i], names[i]))
    contrib = [0.0] * len(values)
    f = 1.0
    for i in order:
        contrib[i] = values[i] * f
        f *= decay
    total = sum(contrib)
    if total > 1.0:
        contrib = [c / total for c in contrib]
        total = 1.0
    return total, contrib
