"""The short /salary answer: reported market percentiles first, the guides' range beside them, total comp."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from scoring.salary.countries import country_name
from scoring.salary.figures import _HUNDRED, format_money
from scoring.salary.market import SalaryAnswer, lookup
from scoring.salary.market_table import CREDIT, LEVEL_LABELS, MarketFigure, fx_rate, market_for
from scoring.salary.query import SalaryQuery
from scoring.salary.seeds import _data
from scoring.salary.vocabulary import REGION_LABELS


@dataclass(frozen=True, slots=True)
class Brief:
    """What the short answer shows; `guide` keeps everything the Details view lists."""

    query: SalaryQuery
    guide: SalaryAnswer
    market: MarketFigure | None
    currency: str = "USD"  # market figures are shown in this currency
    rate: Decimal = Decimal(1)  # units of `currency` per USD (the survey's own rate)
    notes: tuple[str, ...] = ()

    @property
    def place(self) -> str:
        """`Germany`, `US`, `Western Europe`."""
        return country_name(self.query.country) if self.query.country else REGION_LABELS[self.query.region]

    @property
    def role_label(self) -> str:
        """`ML Engineer`, or the typed title (`Research Engineer`)."""
        return _data()["title_map"][self.query.title]["title"] if self.query.title else self.guide.role_title

    @property
    def headline(self) -> str:
        """`ML Engineer · Senior · US · LLM/Generative AI`."""
        level = LEVEL_LABELS["staff" if self.query.staff else self.query.level]
        parts = [self.role_label, level, self.place]
        spec = self.query.specialty
        if spec and not (self.query.title and _data()["title_map"][self.query.title].get("specialty") == spec):
            parts.append(_data()["specialties"][spec]["label"])
        return " · ".join(parts)

    def money(self, usd: Decimal) -> str:
        """A market figure in the shown currency: `$202K`, `€181.6K`."""
        return format_money((usd * self.rate).quantize(Decimal(1), ROUND_HALF_UP), self.currency)

    @property
    def market_text(self) -> str | None:
        """`p25 $161K · median $201.7K · p75 $259K`."""
        m = self.market
        return m and f"p25 {self.money(m.p25)} · median {self.money(m.p50)} · p75 {self.money(m.p75)}"

    @property
    def market_meta(self) -> str | None:
        """`n=3,002 · 2024–2025 · United States · USD as reported`."""
        m = self.market
        if m is None:
            return None
        label = m.family_label if m.family != self.query.role or self.query.title else None
        unit = ("USD as reported" if self.currency == "USD" else
                f"{self.currency} at {self.rate.normalize():f} per USD (the survey's rate; reported in USD)")
        return " · ".join(filter(None, (f"n={m.n:,}", m.years, m.geo_label, label, unit)))

    @property
    def total_comp(self) -> str:
        """Base plus bonus and benefits on the market median (or the guides' range when there is no market cell)."""
        tc = self.guide.total_comp
        lo = 1 + (tc.bonus.low + tc.benefits.low) / _HUNDRED
        hi = 1 + (tc.bonus.high + tc.benefits.high) / _HUNDRED
        extra = f"+ bonus {tc.bonus.display} + benefits {tc.benefits.display}; equity not priced"
        if self.market is None:
            return f"{tc.range.display} on the guides' base ({extra})"
        return f"about {self.money(self.market.p50 * lo)}–{self.money(self.market.p50 * hi)} on the median ({extra})"

    @property
    def summary(self) -> str:
        """A sentence for the message's top-level text."""
        if self.market is None:
            return f"{self.headline}: no market figure; guides say base {self.guide.base.display} a year."
        return (f"{self.headline}: market median {self.money(self.market.p50)} a year "
                f"(n={self.market.n:,}, {self.market.years}); guides say {self.guide.base.display}.")


def brief(query: SalaryQuery) -> Brief:
    """The short answer for a query: market cell (with fallback), guides' base, currency as asked."""
    guide = lookup(query)
    market = market_for(query)
    currency, rate = "USD", Decimal(1)
    notes = []
    if query.currency and query.currency != "USD":
        found = fx_rate(query.currency)
        if found is None:
            notes.append(f"No survey rate for {query.currency}; figures stay in USD.")
        else:
            currency, rate = query.currency, found
    if market is None:
        notes.append("Too few reported salaries for this role and level anywhere (under 20); the guides' range stands.")
    else:
        notes += [n for n in (market.family_note, market.fallback_note) if n]
        if market.geo == "global":
            notes.append("All countries means mostly US reports.")
    if query.staff:
        notes.append("Guides stop at senior; their senior range is shown.")
    said = {"level": "mid level", "region": "US"}
    if query.assumed:
        notes.append("Assumed " + " and ".join(said[k] for k in query.assumed) + ".")
    if query.ignored:
        notes.append("Ignored: " + ", ".join(query.ignored) + ".")
    return Brief(query, guide, market, currency, rate, tuple(notes))
