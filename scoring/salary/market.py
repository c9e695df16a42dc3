"""Benchmark lookup: the SalaryAnswer for a query (base, other sources, premium, total comp, advice)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scoring.salary.figures import _HUNDRED, Cite, Range, _num, _q, _q1k, format_money
from scoring.salary.query import SalaryQuery
from scoring.salary.seeds import _cites, _data, _range, _title_specialty
from scoring.salary.vocabulary import EXAMPLE, LEVELS, REGION_LABELS, REGIONS, ROLES, SPECIALTIES
from scoring.types import BadInput


@dataclass(frozen=True, slots=True)
class Premium:
    """A specialty's US figure and how far it sits above (or below) the role's US base midpoint."""

    specialty: str
    label: str
    figure: Range
    base: Range  # the US base range compared against
    difference: Decimal  # figure reference value minus base midpoint, in USD
    percent: Decimal  # difference as a % of the base midpoint, whole number
    at_least: bool  # the figure is open-ended ("$300K+"), so the premium is a floor

    @property
    def display(self) -> str:
        """`$300K+: at least 5% ($15K) above the $285K midpoint of the US ML Engineer base`."""
        word = "above" if self.difference >= 0 else "below"
        floor = "at least " if self.at_least and self.difference >= 0 else ""
        return (f"{self.figure.display}: {floor}{_num(abs(self.percent))}% "
                f"({format_money(abs(self.difference), 'USD')}) {word} the "
                f"{format_money(self.base.midpoint, 'USD')} midpoint of the {self.base.label}")


@dataclass(frozen=True, slots=True)
class TotalComp:
    """Estimated total comp: base + bonus + benefits; equity as a share of the company, not in money."""

    range: Range
    bonus: Range
    benefits: Range
    equity: Range

    @property
    def display(self) -> str:
        """`$275K–$525K+ a year (base + bonus 10–20% + benefits 15–30%), plus equity 0.1–1%+ at startups`."""
        return (f"{self.range.display} a year (base + bonus {self.bonus.display} + benefits "
                f"{self.benefits.display}), plus equity {self.equity.display} at startups")


@dataclass(frozen=True, slots=True)
class Advice:
    """One line of advice quoted from the seeds."""

    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class SalaryAnswer:
    """Everything `/salary` shows for one query; every number carries its cites."""

    query: SalaryQuery
    role_title: str
    level_label: str
    region_label: str
    base: Range
    other_ranges: tuple[Range, ...]  # other sources for the same thing, when they disagree
    hourly: tuple[Range, ...]  # offshore contractor rates for this region
    premium: Premium | None
    total_comp: TotalComp
    swe_premium: tuple[Range, ...]  # ML/AI over software engineering; the sources disagree
    market: tuple[Range, ...]  # context: salary growth, top counter-offers
    advice: Advice
    notes: tuple[str, ...]

    @property
    def headline(self) -> str:
        """`ML Engineer · Senior (6+ yrs) · LLM/Generative AI · Western Europe`."""
        title = self.query.title and _data()["title_map"][self.query.title]["title"]
        parts = [f"{title} (as {self.role_title})" if title else self.role_title, self.level_label]
        implied = self.query.title and _title_specialty(self.query.title) == self.query.specialty
        if self.query.specialty and not implied:
            parts.append(_data()["specialties"][self.query.specialty]["label"])
        parts.append(self.region_label)
        return " · ".join(parts)

    @property
    def summary(self) -> str:
        """A sentence for the message's top-level text."""
        return (f"{self.headline}: base {self.base.display} a year, estimated total comp "
                f"{self.total_comp.range.display} a year.")

    @property
    def cites(self) -> tuple[Cite, ...]:
        """Every cite behind the answer, first use first, without repeats."""
        ranges: list[Range] = [self.base, *self.other_ranges, *self.hourly]
        if self.premium:
            ranges += [self.premium.figure, self.premium.base]
        tc = self.total_comp
        ranges += [tc.range, tc.bonus, tc.benefits, tc.equity, *self.swe_premium, *self.market]
        seen: dict[Cite, None] = {}
        for c in [c for r in ranges for c in r.cites] + list(self.advice.cites):
            seen.setdefault(c, None)
        return tuple(seen)


def _us_base(role: str, level: str, label: str = "") -> Range:
    roles = _data()["us_base"]["roles"]
    return _range(roles[role][level], label or f"US {roles[role]['title']} base")


def lookup(query: SalaryQuery) -> SalaryAnswer:
    """The benchmark for a query: base, disagreeing sources, specialty premium, total comp, advice."""
    d = _data()
    role, level, region = query.role, query.level, query.region
    if (role not in ROLES or level not in LEVELS or region not in REGIONS
            or query.specialty not in (None, *SPECIALTIES) or query.title not in (None, *d["title_map"])):
        words = f"{query.title or role} {level} {region} {query.specialty or ''}".strip()
        raise BadInput(f"Unknown salary query '{words}'.", suggestions=ROLES, example=EXAMPLE)
    role_title = d["us_base"]["roles"][role]["title"]
    lv = d["levels"][level]
    notes = list(query.notes)
    if query.assumed:
        said = {"level": "mid level (add junior, senior or years like 7y)",
                "region": "US (add western-europe, eastern-europe, asia, latam or remote)"}
        notes.insert(0, "Assumed " + " and ".join(said[k] for k in query.assumed) + ".")
    if query.ignored:
        notes.append("Ignored: " + ", ".join(query.ignored) + ".")
    other: list[Range] = []
    hourly: list[Range] = []
    us = _us_base(role, level)

    if region in ("us", "remote"):
        base = us
        reg = d["regional_base"]["us"][level]
        other.append(_range(reg, f"AI/ML developers (all roles), US {lv['label'].lower()}"))
        for fig in d["us_other_base"]:
            if fig["level"] == level and ("all" in fig["roles"] or role in fig["roles"]):
                other.append(_range(fig))
        if region == "remote":
            notes.append("Remote means a US-facing role paid on the US range: \"salaries must still align with "
                         "current expectations for US-facing roles\" (003 l.51).")
    elif region == "latam":
        savings = d["nearshore"]["savings"]
        keep_low, keep_high = 1 - savings["high"] / _HUNDRED, 1 - savings["low"] / _HUNDRED
        base = Range(low=_q1k(us.low * keep_low), high=None if us.high is None else _q1k(us.high * keep_high),
                     currency="USD", open_high=us.open_high,
                     label=f"{role_title}, Latin America (derived)",
                     cites=us.cites + _cites(savings["cites"]) + _cites(d["nearshore"]["where_cites"]),
                     derived=(f"Derived, not a published figure: the US base {us.display} less the "
                              f"{_range(savings).display} nearshore savings."))
        other.append(us)
        notes.append("LatAm is derived from the US table and the 40-60% nearshore savings (003 l.51); "
                     "no seed publishes a LatAm salary table.")
        notes.append("\"salaries must still align with current expectations for US-facing roles to keep strong "
                     "talent around\" (003 l.51).")
    else:
        table = d["regional_base"][region]
        base = _range(table[level], f"AI/ML developers (all roles), {table['label']} {lv['label'].lower()}")
        notes.append(f"Seed 004 gives one {table['label']} range per level for all AI/ML developer roles; "
                     f"the role does not change it.")
        if region in d["offshore_hourly"]:
            hourly += [_range(d["offshore_hourly"][region]), _range(d["offshore_hourly"]["any"])]

    premium = None
    if query.specialty:
        spec = d["specialties"][query.specialty]
        if level in spec:
            fig = _range(spec[level], f"{spec['label']}, US {lv['label'].lower()}")
            ref = fig.midpoint
            diff = ref - us.midpoint
            premium = Premium(query.specialty, spec["label"], fig, us, _q(diff), _q(diff / us.midpoint * _HUNDRED),
                              at_least=fig.high is None)
            if region not in ("us", "remote"):
                notes.append(f"The {spec['label']} figures are US figures; no seed gives specialty pay "
                             f"for {REGION_LABELS[region]}.")
        else:
            notes.append(f"The seeds give no {lv['label'].lower()} figure for {spec['label']} "
                         f"(only mid-level and senior).")

    tc = d["total_comp"]
    bonus, benefits, equity = _range(tc["bonus"]), _range(tc["benefits"]), _range(tc["equity"])
    add_low = 1 + (bonus.low + benefits.low) / _HUNDRED
    add_high = 1 + (bonus.high + benefits.high) / _HUNDRED
    total = Range(low=_q1k(base.low * add_low), high=None if base.high is None else _q1k(base.high * add_high),
                  currency=base.currency, open_high=base.open_high, label="Estimated total comp",
                  cites=bonus.cites + benefits.cites,
                  derived=(f"Base × {_num(add_low)} to × {_num(add_high)}: bonus {bonus.display} and benefits "
                           f"{benefits.display} of base (003 l.72, l.74); equity not priced."))

    if region not in ("us", "remote"):
        notes.append("Bonus and benefits shares come from a US guide (003 l.72, l.74); applied here as an estimate.")
    swe = tuple(_range(f) for f in d["swe_premium"])
    market = [_range(d["market"]["yoy_growth"])]
    if region in ("us", "remote"):
        market += [_range(f) for f in d["us_packages"]
                   if level in f["levels"] or query.specialty in f["specialties"]]
    adv = d["advice"]
    advice = Advice(
        text=(f"Lead with total value, not base: \u201c{adv['total_value']['text']}\u201d And expect the premium: "
              f"\u201c{adv['premium']['text']}.\u201d"),
        cites=_cites(adv["total_value"]["cites"]) + _cites(adv["premium"]["cites"]))
    if level == "senior" or query.specialty:
        notes.append("\u201c" + adv["top_of_range"]["text"] + "\u201d (003 l.59)")

    return SalaryAnswer(query=query, role_title=role_title, level_label=f"{lv['label']} ({lv['years']} yrs)",
                        region_label=REGION_LABELS[region], base=base, other_ranges=tuple(other),
                        hourly=tuple(hourly), premium=premium,
                        total_comp=TotalComp(total, bonus, benefits, equity), swe_premium=swe,
                        market=tuple(market), advice=advice, notes=tuple(notes))

