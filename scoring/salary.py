"""Salary benchmarks: read `/salary` queries, look figures up in data/salary.json, team offer stats.

Every figure comes from the seed documents (../shared/seeds, see data/salary.json) and carries
its file, line and quote. Where the seeds disagree, the answer shows each figure with its source
instead of picking one. Derived numbers (total comp, LatAm) say how they were derived.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from scoring.types import BadInput

DATA_PATH = Path(__file__).resolve().parent / "data" / "salary.json"

ROLES = ("ml-engineer", "data-scientist", "ai-engineer", "mlops-engineer")
LEVELS = ("junior", "mid", "senior")
REGIONS = ("us", "western-europe", "eastern-europe", "asia", "latam", "remote")
SPECIALTIES = ("llm", "deep-learning", "nlp", "computer-vision")
EXAMPLE = "/salary ml-engineer senior western-europe llm"

REGION_LABELS = {
    "us": "US", "western-europe": "Western Europe", "eastern-europe": "Eastern Europe", "asia": "Asia",
    "latam": "Latin America (nearshore)", "remote": "Remote (US-facing)",
}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_HUNDRED = Decimal(100)


# --- vocabulary -------------------------------------------------------------------------------
# Aliases are written with spaces; a typed word's hyphens and underscores count as spaces.

_ROLE_ALIASES: dict[str, str] = {
    "ml engineer": "ml-engineer", "mle": "ml-engineer", "ml": "ml-engineer", "mlengineer": "ml-engineer",
    "machine learning engineer": "ml-engineer", "machine learning": "ml-engineer", "ml eng": "ml-engineer",
    "data scientist": "data-scientist", "ds": "data-scientist", "datascientist": "data-scientist",
    "data science": "data-scientist", "data scientist (ml focus)": "data-scientist",
    "ai engineer": "ai-engineer", "ai": "ai-engineer", "aiengineer": "ai-engineer",
    "mlops engineer": "mlops-engineer", "mlops": "mlops-engineer", "ml ops": "mlops-engineer",
    "ml ops engineer": "mlops-engineer", "ml platform engineer": "mlops-engineer",
}
# Titles with no row of their own: mapped to the closest row (data/salary.json "title_map").
_TITLE_ALIASES: dict[str, str] = {
    "research engineer": "research-engineer",
    "applied scientist": "applied-scientist", "applied ml scientist": "applied-scientist",
    "nlp engineer": "nlp-engineer", "cv engineer": "cv-engineer", "computer vision engineer": "cv-engineer",
    "vision engineer": "cv-engineer", "deep learning engineer": "deep-learning-engineer",
    "dl engineer": "deep-learning-engineer", "llm engineer": "llm-engineer", "genai engineer": "llm-engineer",
    "gen ai engineer": "llm-engineer", "generative ai engineer": "llm-engineer", "llm ops engineer": "llm-engineer",
}
_LEVEL_ALIASES: dict[str, str] = {
    "junior": "junior", "jr": "junior", "jr.": "junior", "entry": "junior", "entry level": "junior",
    "graduate": "junior", "grad": "junior", "new grad": "junior",
    "mid": "mid", "mid level": "mid", "midlevel": "mid", "intermediate": "mid", "middle": "mid",
    "mid career": "mid", "medior": "mid",
    "senior": "senior", "sr": "senior", "sr.": "senior", "snr": "senior",
    "lead": "senior", "staff": "senior", "principal": "senior",
}
_ABOVE_TABLE = {"lead", "staff", "principal"}
_REGION_ALIASES: dict[str, str] = {
    "us": "us", "usa": "us", "u.s": "us", "u.s.a": "us", "united states": "us", "america": "us",
    "us based": "us", "sf": "us", "bay area": "us", "san francisco": "us", "new york": "us", "nyc": "us",
    "seattle": "us", "boston": "us", "austin": "us", "denver": "us",
    "western europe": "western-europe", "west europe": "western-europe", "europe": "western-europe",
    "eu": "western-europe", "we": "western-europe", "emea": "western-europe", "germany": "western-europe",
    "de": "western-europe", "uk": "western-europe", "gb": "western-europe", "united kingdom": "western-europe",
    "france": "western-europe", "netherlands": "western-europe", "nl": "western-europe",
    "ireland": "western-europe", "spain": "western-europe", "belgium": "western-europe",
    "austria": "western-europe", "london": "western-europe", "berlin": "western-europe",
    "paris": "western-europe", "amsterdam": "western-europe", "munich": "western-europe",
    "dublin": "western-europe",
    "eastern europe": "eastern-europe", "east europe": "eastern-europe", "ee": "eastern-europe",
    "cee": "eastern-europe", "poland": "eastern-europe", "ukraine": "eastern-europe",
    "romania": "eastern-europe", "bulgaria": "eastern-europe", "serbia": "eastern-europe",
    "hungary": "eastern-europe", "czechia": "eastern-europe", "czech republic": "eastern-europe",
    "warsaw": "eastern-europe", "krakow": "eastern-europe", "kyiv": "eastern-europe",
    "asia": "asia", "apac": "asia", "india": "asia", "vietnam": "asia", "philippines": "asia",
    "bangalore": "asia", "bengaluru": "asia",
    "latam": "latam", "latin america": "latam", "south america": "latam", "nearshore": "latam",
    "brazil": "latam", "mexico": "latam", "argentina": "latam", "colombia": "latam", "chile": "latam",
    "remote": "remote", "remote us": "remote", "us remote": "remote", "anywhere": "remote",
}
_UK_WORDS = {"uk", "gb", "united kingdom", "london"}
_SPECIALTY_ALIASES: dict[str, str] = {
    "llm": "llm", "llms": "llm", "genai": "llm", "gen ai": "llm", "generative ai": "llm",
    "llm/genai": "llm", "llm/generative ai": "llm", "large language models": "llm",
    "deep learning": "deep-learning", "dl": "deep-learning",
    "nlp": "nlp", "natural language processing": "nlp",
    "cv": "computer-vision", "computer vision": "computer-vision", "vision": "computer-vision",
}
# A specialty typed with no role names its own closest row ("/salary nlp senior").
_SPECIALTY_ROLE = {"llm": "llm-engineer", "nlp": "nlp-engineer", "computer-vision": "cv-engineer",
                   "deep-learning": "deep-learning-engineer"}
_CHART_WORDS = {"chart", "graph", "plot", "--chart"}
_FILLER = {"in", "for", "a", "an", "the", "at", "of", "with", "based", "level", "role", "salary",
           "engineer", "engineers", "experience", "exp", "and", "please", "what", "whats", "is", "cost"}
_YEAR_WORDS = {"y", "yr", "yrs", "year", "years", "yoe"}
_KEYS = {"role", "level", "region", "location", "specialty", "years"}

_RANGE_YEARS = re.compile(r"^(\d{1,3})-(\d{1,3})(?:y|yr|yrs|years?|yoe)?$")
_PLUS_YEARS = re.compile(r"^(\d{1,3})\+(?:y|yr|yrs|years?|yoe)?$")
_N_YEARS = re.compile(r"^(\d{1,3})(y|yr|yrs|years?|yoe)?$")
_MAX_YEARS = 60


def _phrase(word: str) -> str:
    return re.sub(r"[-_\s]+", " ", word.lower().strip(" \t.,;:!?\"'()[]")).strip() or word.lower()


def _closest(word: str, vocab: Mapping[str, str], ids: Sequence[str], cutoff: float = 0.6) -> tuple[str, ...]:
    """The canonical ids whose names or aliases are closest to `word`, best first."""
    names = list(vocab) + [i.replace("-", " ") for i in ids]
    found: list[str] = []
    for name in difflib.get_close_matches(_phrase(word), names, n=6, cutoff=cutoff):
        canonical = vocab.get(name) or name.replace(" ", "-")
        if canonical not in found:
            found.append(canonical)
    return tuple(found[:3])


def _years_to_level(years: int) -> str:
    if years < 0 or years > _MAX_YEARS:
        raise BadInput(f"{years} years of experience is outside the tables (0-2, 3-5, 6+).",
                       suggestions=LEVELS, example="/salary ml-engineer 7y us")
    return "junior" if years <= 2 else "mid" if years <= 5 else "senior"


def _year_form(word: str, following: str | None) -> tuple[str, int] | None:
    """(level, words consumed) when `word` is a years-of-experience form, else None."""
    w = word.lower().strip(".,;")
    if m := _RANGE_YEARS.match(w):
        lo, hi = int(m.group(1)), int(m.group(2))
        a, b = _years_to_level(lo), _years_to_level(hi)
        if lo > hi or a != b:
            raise BadInput(f"'{word}' spans more than one band; the tables use 0-2, 3-5 and 6+ years.",
                           suggestions=("0-2", "3-5", "6+"), example="/salary ml-engineer 3-5 us")
        return a, 1
    if m := _PLUS_YEARS.match(w):
        return _years_to_level(int(m.group(1))), 1
    if m := _N_YEARS.match(w):
        if m.group(2):
            return _years_to_level(int(m.group(1))), 1
        if following is not None and following.lower().strip(".,;") in _YEAR_WORDS:
            return _years_to_level(int(m.group(1))), 2
        return _years_to_level(int(m.group(1))), 1
    return None


# --- query ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SalaryQuery:
    """A parsed `/salary` request: role row, level, region, optional specialty, and what was ignored."""

    role: str
    level: str = "mid"
    region: str = "us"
    specialty: str | None = None
    chart: bool = False
    title: str | None = None  # a title with no row of its own (research-engineer), mapped to `role`
    assumed: tuple[str, ...] = ()  # "level" / "region" when the default was used
    ignored: tuple[str, ...] = ()  # words the parser did not use, as typed
    notes: tuple[str, ...] = ()

    @property
    def normalized(self) -> str:
        """The query in canonical words, e.g. `ml-engineer senior us llm`; parse_query reads it back."""
        words = [self.title or self.role, self.level, self.region]
        if self.specialty and not (self.title and _title_specialty(self.title) == self.specialty):
            words.append(self.specialty)
        return " ".join(words)


def _title_specialty(title: str) -> str | None:
    return _data()["title_map"].get(title, {}).get("specialty")


def _tokens(text: str) -> list[str]:
    return [t for t in re.findall(r"[^\s,;]+", text or "") if t.strip("\"'()[]")]


def _match_at(words: list[str], i: int) -> tuple[str, str, int] | None:
    """(kind, canonical id, length) of the longest known phrase starting at words[i]."""
    for n in range(min(4, len(words) - i), 0, -1):
        phrase = " ".join(_phrase(w) for w in words[i:i + n])
        for kind, vocab in (("role", _ROLE_ALIASES), ("title", _TITLE_ALIASES), ("level", _LEVEL_ALIASES),
                            ("region", _REGION_ALIASES), ("specialty", _SPECIALTY_ALIASES)):
            if phrase in vocab:
                return kind, vocab[phrase], n
            if n == 1 and kind in ("role", "region", "specialty") and phrase.replace(" ", "-") in vocab.values():
                return kind, phrase.replace(" ", "-"), 1
        if n == 1 and phrase.replace(" ", "-") in _data()["title_map"]:
            return "title", phrase.replace(" ", "-"), 1
    return None


def _bad(kind: str, word: str) -> BadInput:
    vocab, ids = {"role": (_ROLE_ALIASES | _TITLE_ALIASES, ROLES), "level": (_LEVEL_ALIASES, LEVELS),
                  "region": (_REGION_ALIASES, REGIONS), "specialty": (_SPECIALTY_ALIASES, SPECIALTIES)}[kind]
    extra = {"role": " (also research-engineer, applied-scientist, llm-engineer, nlp, cv)",
             "level": " (or years: 0-2, 3-5, 6+, 4y, 7 years)",
             "region": " (remote means a US-facing range)", "specialty": ""}[kind]
    close = _closest(word, vocab, ids)
    hint = f" Did you mean {close[0]}?" if close else ""
    plural = {"specialty": "Specialties"}.get(kind, kind.capitalize() + "s")
    return BadInput(f"No {kind} called '{word}'.{hint} {plural}: {', '.join(ids)}{extra}.",
                    suggestions=close or tuple(ids), example=EXAMPLE)


def parse_query(text: str) -> SalaryQuery:
    """Read `/salary <role> [level] [region] [specialty] [chart]`; unknown extra words are reported, not fatal."""
    words = _tokens(text)
    if not words:
        raise BadInput(f"Which role? Roles: {', '.join(ROLES)}.", suggestions=ROLES, example=EXAMPLE)
    found: dict[str, str] = {}
    typed: dict[str, str] = {}
    ignored: list[str] = []
    notes: list[str] = []
    unknown: list[str] = []
    chart = False

    def put(kind: str, value: str, raw: str) -> None:
        if kind == "title":
            kind = "role_title"
        if kind in found and found[kind] != value:
            ignored.append(raw)
            notes.append(f"Ignored '{raw}': {kind.replace('role_title', 'role')} is already {found[kind]}.")
        else:
            found.setdefault(kind, value)
            typed.setdefault(kind, raw)

    i = 0
    while i < len(words):
        word = words[i]
        key, sep, value = word.partition(":")
        if sep and key.lower() in _KEYS and value:
            kind = {"location": "region", "years": "level"}.get(key.lower(), key.lower())
            hit = _year_form(value, None) if kind == "level" else None
            if hit:
                put("level", hit[0], word)
            else:
                m = _match_at([value], 0)
                if not m or (m[0] != kind and not (kind == "role" and m[0] == "title")):
                    raise _bad(kind, value)
                put(m[0], m[1], word)
            i += 1
            continue
        following = words[i + 1] if i + 1 < len(words) else None
        hit = _year_form(word, following) if re.match(r"^\d", word) else None
        if hit:
            level, used = hit
            put("level", level, " ".join(words[i:i + used]))
            if used == 1 and _N_YEARS.match(word.lower()) and not _N_YEARS.match(word.lower()).group(2):
                notes.append(f"Read '{word}' as years of experience.")
            i += used
            continue
        if _phrase(word) in _CHART_WORDS or word.lower() in _CHART_WORDS:
            chart = True
            i += 1
            continue
        m = _match_at(words, i)
        if m:
            kind, value, n = m
            put(kind, value, " ".join(words[i:i + n]))
            i += n
            continue
        if _phrase(word) in _FILLER:
            i += 1
            continue
        unknown.append(word)
        i += 1

    title = found.get("role_title")
    titles = _data()["title_map"]
    if "role" not in found and title is None and "specialty" in found:
        title = _SPECIALTY_ROLE[found["specialty"]]
    if title:
        tm = titles[title]
        if "role" in found and found["role"] != tm["row"]:
            ignored.append(typed["role_title"])
            notes.append(f"Ignored '{typed['role_title']}': role is already {found['role']}.")
            title = None
        else:
            found["role"] = tm["row"]
            spec = tm.get("specialty")
            if spec and found.setdefault("specialty", spec) != spec:
                notes.append(f"{tm['title']} implies {spec}; using {found['specialty']} as typed.")
            row_title = _data()["us_base"]["roles"][tm["row"]]["title"]
            notes.append(f"{tm['title']} has no row of its own in the salary tables; using the closest row, "
                         f"{row_title}" + (f", with the {_data()['specialties'][spec]['label']} figures." if spec else "."))
    if "role" not in found:
        if unknown:
            raise _bad("role", unknown[0])
        raise BadInput(f"Which role? Roles: {', '.join(ROLES)}.", suggestions=ROLES, example=EXAMPLE)

    for n, word in enumerate(unknown):
        if n >= 20:  # a pasted paragraph is noise, not typos: skip the fuzzy matching
            ignored.append(word)
            continue
        for kind, vocab, ids in (("level", _LEVEL_ALIASES, LEVELS), ("region", _REGION_ALIASES, REGIONS),
                                 ("specialty", _SPECIALTY_ALIASES, SPECIALTIES)):
            # only near-misses of a word we know are typos; anything else is reported as ignored
            if len(_phrase(word)) >= 3 and _closest(word, {k: v for k, v in vocab.items() if len(k) >= 3}, ids, 0.8):
                raise _bad(kind, word)
        ignored.append(word)

    assumed = tuple(k for k in ("level", "region") if k not in found)
    region_word = _phrase(typed.get("region", "").rpartition(":")[2])
    if region_word in _UK_WORDS:
        notes.append("UK is counted as Western Europe; the source gives Western Europe in EUR.")
    level_word = _phrase(typed.get("level", "").rpartition(":")[2])
    if level_word in _ABOVE_TABLE:
        notes.append(f"The tables stop at senior (6+ years); {level_word} uses the senior figures.")
    return SalaryQuery(role=found["role"], level=found.get("level", "mid"), region=found.get("region", "us"),
                       specialty=found.get("specialty"), chart=chart, title=title, assumed=assumed,
                       ignored=tuple(ignored), notes=tuple(notes))


# --- figures ----------------------------------------------------------------------------------

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


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(DATA_PATH.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)


def _cites(raw: Iterable[Mapping[str, Any]]) -> tuple[Cite, ...]:
    return tuple(Cite(c["source"], int(c["line"]), c["quote"]) for c in raw)


def _range(fig: Mapping[str, Any], label: str = "", **over: Any) -> Range:
    args = dict(low=fig["low"], high=fig["high"], currency=fig.get("currency"), unit=fig.get("unit", "year"),
                open_high=bool(fig.get("open_high")), approx=bool(fig.get("approx")),
                label=label or fig.get("label", ""), cites=_cites(fig["cites"]))
    args.update(over)
    return Range(**args)


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


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), ROUND_HALF_UP)


def _q1k(value: Decimal) -> Decimal:
    # estimates are rounded to the thousand: more digits would claim a precision they lack
    return (value / 1000).quantize(Decimal("1"), ROUND_HALF_UP) * 1000


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


def level_bands(query: SalaryQuery) -> tuple[SalaryAnswer, ...]:
    """The same role, region and specialty at every level, junior first (what the chart draws)."""
    return tuple(lookup(replace(query, level=lvl, assumed=tuple(a for a in query.assumed if a != "level")))
                 for lvl in LEVELS)


# --- team offers --------------------------------------------------------------------------------

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
