"""Salary figures: cited ranges (Cite, Range), money formatting and rounding."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Cite:
    """Where a figure comes from: seed file, 1-based line, exact quote."""

    source: str
    line: int
    quote: str

    @property
    def short(self) -> str:
        """`003 l.47`: the seed's number and the line."""
        return f"{self.source[:3]} l.{self.line}"


@dataclass(frozen=True, slots=True)
class Range:
    """A figure: low-high in a currency per year/hour, or a percentage; `high=None` means open-ended."""

    low: Decimal
    high: Decimal | None
    currency: str | None = "USD"
    unit: str = "year"  # "year", "hour" or "percent"
    open_high: bool = False  # the source writes "+" after the high end
    approx: bool = False
    label: str = ""
    cites: tuple[Cite, ...] = ()
    derived: str | None = None  # how it was computed when it is not a figure straight from a source

    @property
    def midpoint(self) -> Decimal:
        """The middle of the range (the low end when open-ended)."""
        return self.low if self.high is None else (self.low + self.high) / 2

    @property
    def display(self) -> str:
        """`$220K–$350K+`, `€95K–€140K`, `$50–$90/hour`, `10–20%`, `$300K+`."""
        if self.unit == "percent":
            lo, hi = _num(self.low), _num(self.high) if self.high is not None else None
            text = f"{lo}%+" if hi is None else f"{lo}%" if lo == hi else f"{lo}–{hi}%"
            return text + ("+" if self.open_high and hi is not None else "")
        fmt = (lambda v: format_money(v, self.currency))
        if self.high is None:
            text = f"{fmt(self.low)}+"
        elif self.low == self.high:
            text = fmt(self.low) + ("+" if self.open_high else "")
        else:
            text = f"{fmt(self.low)}–{fmt(self.high)}" + ("+" if self.open_high else "")
        if self.unit == "hour":
            text += "/hour"
        return ("about " if self.approx else "") + text

    @property
    def sources(self) -> str:
        """`003 l.47, 002 l.113`."""
        return ", ".join(c.short for c in self.cites)


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


def format_money(value: Decimal, currency: str | None) -> str:
    """`$137.5K`, `€95K`, `$50`: thousands as K with at most one decimal."""
    sym = _SYMBOLS.get(currency or "", "")
    if abs(value) >= 1000:
        text = _num((value / 1000).quantize(Decimal("0.1"), ROUND_HALF_UP)) + "K"
    else:
        text = _num(value.quantize(Decimal("1"), ROUND_HALF_UP))
    return f"{sym}{text}" if sym or not currency else f"{text} {currency}"


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), ROUND_HALF_UP)


def _q1k(value: Decimal) -> Decimal:
    # estimates are rounded to the thousand: more digits would claim a precision they lack
    return (value / 1000).quantize(Decimal("1"), ROUND_HALF_UP) * 1000
