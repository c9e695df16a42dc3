"""`/salary` query parsing: SalaryQuery, parse_query, years of experience, hints for typos."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.salary.countries import _WORD_CODES, country_name, country_of, guide_region
from scoring.salary.seeds import _data, _title_specialty
from scoring.salary.vocabulary import (
    _ABOVE_TABLE,
    _CHART_WORDS,
    _CURRENCIES,
    _FILLER,
    _KEYS,
    _LEVEL_ALIASES,
    _MAX_YEARS,
    _N_YEARS,
    _PLUS_YEARS,
    _RANGE_YEARS,
    _REGION_ALIASES,
    _ROLE_ALIASES,
    _SPECIALTY_ALIASES,
    _SPECIALTY_ROLE,
    _TITLE_ALIASES,
    _UK_WORDS,
    _YEAR_WORDS,
    EXAMPLE,
    LEVELS,
    REGIONS,
    ROLES,
    SPECIALTIES,
    _closest,
    _phrase,
)
from scoring.types import BadInput


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
    country: str | None = None  # ISO code when a country (or a city in it) was named; region is then the guides'
    currency: str | None = None  # market figures converted to this currency when asked
    staff: bool = False  # staff, principal, lead: the guides stop at senior, the market table has staff+

    @property
    def place(self) -> str:
        """The country as a word parse_query reads back (`de`, `india`), else the region."""
        if not self.country:
            return self.region
        code = self.country.lower()
        return country_name(self.country).lower().replace(" ", "-") if code in _WORD_CODES else code

    @property
    def normalized(self) -> str:
        """The query in canonical words, e.g. `ml-engineer senior us llm`; parse_query reads it back."""
        words = [self.title or self.role, "staff" if self.staff else self.level, self.place]
        if self.specialty and not (self.title and _title_specialty(self.title) == self.specialty):
            words.append(self.specialty)
        if self.currency:
            words.append(self.currency.lower())
        return " ".join(words)


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
        if code := country_of(phrase):
            return "country", code, n
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
        if sep and key.lower() == "currency" and value:
            if _phrase(value) not in _CURRENCIES:
                raise BadInput(f"No currency called '{value}'. Currencies: {', '.join(sorted(set(_CURRENCIES.values())))}.",
                               suggestions=tuple(sorted(set(_CURRENCIES.values()))), example=EXAMPLE + " eur")
            put("currency", _CURRENCIES[_phrase(value)], word)
            i += 1
            continue
        if sep and key.lower() in _KEYS and value:
            kind = {"location": "region", "years": "level", "country": "region"}.get(key.lower(), key.lower())
            hit = _year_form(value, None) if kind == "level" else None
            if hit:
                put("level", hit[0], word)
            else:
                m = _match_at([value], 0)
                if m and m[0] == "country" and kind == "region":
                    m = ("region", guide_region(m[1]), 1)
                if not m or (m[0] != kind and not (kind == "role" and m[0] == "title")):
                    raise _bad(kind, value)
                put(m[0], m[1], word)
                if kind == "region" and (code := country_of(value)) and code != "US":
                    put("country", code, word)
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
            raw = " ".join(words[i:i + n])
            if kind == "country":
                kind, value, code = "region", guide_region(value), value
            else:
                code = country_of(raw) if kind == "region" else None
            put(kind, value, raw)
            if code and code != "US":
                put("country", code, raw)
            i += n
            continue
        if _phrase(word) in _CURRENCIES:
            put("currency", _CURRENCIES[_phrase(word)], word)
            i += 1
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
                       ignored=tuple(ignored), notes=tuple(notes), country=found.get("country"),
                       currency=found.get("currency"), staff=level_word in _ABOVE_TABLE)
