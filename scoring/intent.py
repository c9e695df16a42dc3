"""Reply intent: sort a candidate's answer to outreach into one of eight labels.

`classify(text, today=...)` returns an `Intent`: the label, a confidence, the phrases that
decided it, the next step for the owner, and the fields the bot acts on (`until`: the
out-of-office return date or the not-now re-engage date; `referral`: the person to add).
The AI sourcing tools in `../shared/seeds/000_43590e2982354659.txt` sort replies "by
interest level" with intent/sentiment analysis; this module is Hirebot's version of that.

Why rules and not a model
-------------------------
* Transparent: every label comes with the phrases that matched (`Intent.matched`), so the
  owner sees *why* a reply was read as "not now", and a wrong label is fixed by editing
  one pattern, not by retraining.
* Instant and pure: standard library only, well under a millisecond per reply, no GPU, no
  network, no weights to ship or version, deterministic in tests.
* The domain is narrow: replies to recruiting outreach are short and formulaic ("not
  interested", "ping me in Q2", "Automatic reply: out of office until ..."), so phrase
  rules reach high accuracy. Their weakness is unusual wording (see the bench's misses).

How the rules are ordered
-------------------------
1. Normalise: undo Slack escaping (`&amp; &lt; &gt;`, `<mailto:a@b|a@b>`, `<https://x|label>`,
   `<@U123>`), drop quoted history (`> ...`, "On ... wrote:"), turn thumbs-up/down emoji
   into words, straighten quotes, lowercase a copy for matching.
2. Every rule of every label runs and records hits (label, weight, phrase). Positive
   interest cues are checked for a negator just before them ("not interested", "don't
   want to chat"); a negated interest cue counts as a decline instead.
3. Corrections between labels: a decline that invites you back ("not right now",
   "ping me in March", "keep me in mind") is `not_now`, so it cancels the plain decline;
   a decline followed by "but ... happy to hear more" is interest. A soft absence ("I'm
   travelling, back Monday") without auto-reply wording yields to any other intent, since a
   person wrote it.
4. The winner is the first label in `PRIORITY` that has a hit, most consequential first:
   `unsubscribe` (a legal/consent duty: must win over everything) > `out_of_office` (an
   auto-reply says nothing about the person's intent; any other cue in it is boilerplate)
   > `referral` ("not interested, but my friend X might be" creates a new lead, which a
   plain decline would lose) > `not_interested` > `not_now` (an explicit decline beats a
   soft timing remark such as "I just started a new job") > `compensation` ("interested,
   but what's the salary?" is compensation: the owner must answer with numbers before a
   call makes sense, and both stop the sequence) > `question` ("interested, is it remote?"
   needs an answer first) > `interested`.
   Scheduling questions ("when works for you?") are interest, not questions.
5. Nothing matched: `question` with low confidence, because its next step (keep it open,
   make the owner read and answer) is the safe one for a reply nobody understood.

Dates (`until`), resolved against the caller's `today`
--------------------------------------------------------
Explicit dates ("Dec 3", "3 January 2027", "2026-12-03", "7. Dezember", "2 de diciembre",
"12/07" read US month/day unless the first part is over 12), weekdays ("back on Monday":
the next one after today), "the 14th" (this month, else next), "tomorrow", "next
week/month/quarter/year", "Q2", "in March" (March 1), seasons ("in the spring": March 1),
"in 3 months", "after the new year" (January 2). A day or month without a year is the next
one (a day up to two weeks past stays this year). "after X" moves to the day or month
after X. Out of office: the date after "back/returning" wins, then after "until", then
the latest; none found is None. Not now: the latest future date, else today + 90 days.

Confidence: 1 - prod(1 - weight) over the winner's hits, minus 0.05 for each other label
that also matched, kept within 0.35..0.97; 0.25 for the nothing-matched fallback.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Iterable

__all__ = ["Label", "PRIORITY", "Referral", "Intent", "classify", "NOT_NOW_DEFAULT_DAYS"]


class Label(StrEnum):
    """The eight reply intents (DESIGN.md); values are the strings stored and shown."""

    INTERESTED = "interested"
    QUESTION = "question"
    COMPENSATION = "compensation"
    NOT_NOW = "not_now"
    NOT_INTERESTED = "not_interested"
    REFERRAL = "referral"
    UNSUBSCRIBE = "unsubscribe"
    OUT_OF_OFFICE = "out_of_office"


PRIORITY: tuple[Label, ...] = (
    Label.UNSUBSCRIBE, Label.OUT_OF_OFFICE, Label.REFERRAL, Label.NOT_INTERESTED,
    Label.NOT_NOW, Label.COMPENSATION, Label.QUESTION, Label.INTERESTED,
)
NOT_NOW_DEFAULT_DAYS = 90


@dataclass(frozen=True, slots=True)
class Referral:
    """A person the candidate pointed us to; `kind` is github, huggingface, email or slack."""

    name: str | None = None
    handle: str | None = None
    kind: str | None = None

    @property
    def candidate_ref(self) -> str | None:
        """The handle in `/candidate add` form (`github:janedoe`, `email:a@b.c`), or None."""
        return f"{self.kind}:{self.handle}" if self.handle and self.kind else None


@dataclass(frozen=True, slots=True)
class Intent:
    """A classified reply: label, confidence 0..1, deciding phrases, next step, extracted fields."""

    label: Label
    confidence: float
    matched: tuple[str, ...]
    next_step: str
    until: date | None = None
    referral: Referral | None = None
    also: tuple[Label, ...] = ()  # other labels that matched but lost on priority


# --------------------------------------------------------------------------- normalising

_SLACK_TOKEN = re.compile(r"<([^<>]+)>")
_QUOTE_CUT = re.compile(
    r"^\s*(?:-{2,}\s*original message\s*-{2,}|on .{3,160}wrote:|am .{3,160}schrieb.{0,60}:"
    r"|el .{3,160}escribi[oó]:|le .{3,160}a [ée]crit\s?:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_THUMBS_UP = re.compile(r"\U0001F44D[\U0001F3FB-\U0001F3FF]?|:(?:\+1|thumbsup|thumbs_up)(?:::skin-tone-\d)?:")
_THUMBS_DOWN = re.compile(r"\U0001F44E[\U0001F3FB-\U0001F3FF]?|:(?:-1|thumbsdown|thumbs_down)(?:::skin-tone-\d)?:")
_SHORTCODE = re.compile(r":[a-z][a-z0-9_+-]*:")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                         "\u2014": " - ", "\u2013": " - ", "\u2026": "..."})


def _slack_token(m: re.Match[str]) -> str:
    body = m.group(1)
    target, _, label = body.partition("|")
    if target.startswith("mailto:"):
        return target[len("mailto:"):]
    if target.startswith("@"):
        return target  # user mention: keep the id, it is the handle we can act on
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        return ""  # <!here>, <!channel>
    if re.match(r"[a-z][a-z0-9+.-]*://", target):
        return target
    return m.group(0)


def _normalise(text: str) -> str:
    """Undo Slack escaping, drop quoted history, map emoji to words, straighten punctuation."""
    text = unicodedata.normalize("NFC", text or "")
    text = _SLACK_TOKEN.sub(_slack_token, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    cut = _QUOTE_CUT.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    text = _THUMBS_UP.sub(" thumbs-up ", text)
    text = _THUMBS_DOWN.sub(" thumbs-down ", text)
    text = _SHORTCODE.sub(" ", text)
    text = text.translate(_QUOTES)
    return re.sub(r"[ \t]+", " ", text).strip()


def _lower_same_length(text: str) -> str:
    # Spans found in the lowercase copy must index the original, so keep lengths equal.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH_RE = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
_WEEKDAY_RE = "|".join(sorted(map(re.escape, _WEEKDAYS), key=len, reverse=True))
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "ein": 1, "einem": 1, "einen": 1, "un": 1, "una": 1, "une": 1,
    "two": 2, "a couple of": 2, "a couple": 2, "couple of": 2, "zwei": 2, "dos": 2, "deux": 2,
    "three": 3, "a few": 3, "few": 3, "several": 3, "ein paar": 3, "drei": 3, "tres": 3, "unos": 3,
    "unas": 3, "trois": 3, "quelques": 3, "four": 4, "five": 5, "six": 6, "sechs": 6, "seis": 6,
    "nine": 9, "twelve": 12, "half a": 6,
}
_NUMBER_RE = r"\d{1,3}|" + "|".join(sorted(map(re.escape, _NUMBERS), key=len, reverse=True))
_UNITS = {
    "day": "d", "days": "d", "tag": "d", "tagen": "d", "día": "d", "días": "d", "dias": "d", "jour": "d", "jours": "d",
    "week": "w", "weeks": "w", "woche": "w", "wochen": "w", "semana": "w", "semanas": "w", "semaine": "w",
    "semaines": "w",
    "month": "m", "months": "m", "monat": "m", "monaten": "m", "mes": "m", "meses": "m", "mois": "m",
    "year": "y", "years": "y", "jahr": "y", "jahren": "y", "año": "y", "años": "y", "an": "y", "ans": "y",
}
_UNIT_RE = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_SEASONS = {"spring": 3, "frühjahr": 3, "frühling": 3, "primavera": 3, "printemps": 3,
            "summer": 6, "sommer": 6, "verano": 6, "été": 6,
            "fall": 9, "autumn": 9, "herbst": 9, "otoño": 9, "automne": 9,
            "winter": 12, "invierno": 12, "hiver": 12}
_SEASON_RE = "|".join(sorted(map(re.escape, _SEASONS), key=len, reverse=True))

_D = r"(?<![\w/.-])"  # a date token starts after a non-word, non-separator character
_RX_ISO = re.compile(_D + r"(\d{4})-(\d{1,2})-(\d{1,2})\b")
_RX_DOTTED = re.compile(_D + r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\d])")
_RX_SLASH = re.compile(_D + r"(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")
_RX_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s*(?:of\s+|de\s+)?(" + _MONTH_RE + r")\b\.?(?:,?\s+(?:de\s+)?(\d{4}))?")
_RX_MONTH_DAY = re.compile(
    r"\b(" + _MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(\d{4}))?")
_RX_MONTH_ONLY = re.compile(
    r"\b(?:(in|until|till|til|after|by|around|from|early|mid|late|start of|beginning of|im|bis|ab|nach|anfang|"
    r"en|hasta|después de|despues de|a partir de|jusqu'en|après|apres|début|debut)\s+(?:(?:early|mid|late)\s+)?)"
    r"(" + _MONTH_RE + r")\b(?:\s+(\d{4}))?|\b(" + _MONTH_RE + r")\s+(\d{4})\b")
_RX_THE_DAY = re.compile(r"\b(?:the\s+)(\d{1,2})(?:st|nd|rd|th)\b")
_RX_WEEKDAY = re.compile(r"\b(?:el\s+|le\s+|am\s+)?(" + _WEEKDAY_RE + r")\b")
_RX_TOMORROW = re.compile(r"\b(?:tomorrow|demain)\b|(?<!guten )\bmorgen\b|(?<!la )\bma[ñn]ana\b")
_RX_NEXT = re.compile(
    r"\b(?:(next|this coming|n[äa]chste[nsr]?|pr[oó]xim[oa]|la\s+semana\s+que\s+viene|el\s+mes\s+que\s+viene|"
    r"el\s+a[ñn]o\s+que\s+viene)\s*(week|month|quarter|year|woche|monat|quartal|jahr|semana|mes|trimestre|a[ñn]o)?"
    r"|(?:la\s+)?(semaine|mois|ann[ée]e)\s+prochaine?)\b")
_RX_QUARTER = re.compile(r"\b(q|h)([1-4])(?:\s*(?:of\s+)?'?(\d{4}|\d{2}))?\b")
_RX_NEW_YEAR = re.compile(
    r"\b(?:(after|past|post|nach|despu[ée]s\s+de|apr[èe]s)\s+(?:the\s+|den\s+|las\s+|les\s+)?"
    r"(?:new\s+year'?s?|holidays|christmas|xmas|festive\s+season|feiertagen|neujahr|fiestas|a[ñn]o\s+nuevo|f[êe]tes|"
    r"nouvel\s+an)"
    r"|(?:in\s+the\s+|im\s+)?new\s+year|neuen\s+jahr)\b")
_RX_EARLY_NEXT_YEAR = re.compile(r"\b(?:early|beginning of|start of|anfang)\s+(?:next year|n[äa]chsten jahres)\b")
_RX_RELATIVE = re.compile(
    r"\b(?:in|en|dans|within)\s+(?:about\s+|around\s+|roughly\s+|another\s+)?"
    r"(" + _NUMBER_RE + r")\s+(" + _UNIT_RE + r")\b"
    r"|\b(" + _NUMBER_RE + r")\s+(" + _UNIT_RE + r")\s+from\s+now\b")
_RX_SEASON = re.compile(
    r"\b(?:in|next|this|by|until|after|early|late|over the|im|en|au|nach|despu[ée]s de|apr[èe]s)\s+(?:the\s+)?"
    r"(?:early\s+|late\s+)?(" + _SEASON_RE + r")\b")
_AFTER_BEFORE = re.compile(r"(?:\bafter|\bnach|despu[ée]s de|apr[èe]s|\bpost)\s+(?:the\s+|my\s+|el\s+|le\s+)?$")


@dataclass(frozen=True, slots=True)
class _DateMention:
    start: int
    end: int
    when: date
    grain: str  # day | month | period


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(y: str | None) -> int | None:
    if not y:
        return None
    n = int(y)
    return n + 2000 if n < 100 else n


def _day_month(today: date, d: int, m: int, y: int | None) -> date | None:
    """A day and month; without a year, the next one not more than two weeks in the past."""
    if y:
        return _safe_date(y, m, d)
    when = _safe_date(today.year, m, d)
    if when and when < today - timedelta(days=14):
        when = _safe_date(today.year + 1, m, d)
    return when


def _month_start(today: date, m: int, y: int | None) -> date:
    """The first day of a month named without a day: the next such month after today."""
    if y:
        return date(y, m, 1)
    when = date(today.year, m, 1)
    return when if when > today else date(today.year + 1, m, 1)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word, 1)


def _find_dates(low: str, today: date) -> list[_DateMention]:
    """Every date the text mentions, resolved against `today`, with where it was said."""
    found: list[_DateMention] = []

    def add(m: re.Match[str], when: date | None, grain: str) -> None:
        if when is None:
            return
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            return  # a more specific pattern already claimed these characters
        found.append(_DateMention(m.start(), m.end(), when, grain))

    for m in _RX_ISO.finditer(low):
        add(m, _safe_date(int(m[1]), int(m[2]), int(m[3])), "day")
    for m in _RX_DAY_MONTH.finditer(low):
        add(m, _day_month(today, int(m[1]), _MONTHS[m[2]], _year(m[3])), "day")
    for m in _RX_MONTH_DAY.finditer(low):
        add(m, _day_month(today, int(m[2]), _MONTHS[m[1]], _year(m[3])), "day")
    for m in _RX_DOTTED.finditer(low):
        add(m, _day_month(today, int(m[1]), int(m[2]), _year(m[3])), "day")
    for m in _RX_SLASH.finditer(low):
        a, b = int(m[1]), int(m[2])
        day, month = (a, b) if a > 12 else (b, a)  # US month/day unless the first part can't be a month
        add(m, _day_month(today, day, month, _year(m[3])), "day")
    for m in _RX_MONTH_ONLY.finditer(low):
        name, year = (m[2], m[3]) if m[2] else (m[4], m[5])
        if name == "may" and not m[1] and not year:
            continue
        add(m, _month_start(today, _MONTHS[name], _year(year)), "month")
    for m in _RX_NEW_YEAR.finditer(low):
        jan1 = date(today.year + 1, 1, 1) if today.month > 1 or today.day > 1 else today
        add(m, jan1 + timedelta(days=1) if m[1] else jan1, "period")
    for m in _RX_EARLY_NEXT_YEAR.finditer(low):
        add(m, date(today.year + 1, 1, 1), "period")
    for m in _RX_QUARTER.finditer(low):
        size = 3 if m[1] == "q" else 6
        n = int(m[2])
        if m[1] == "h" and n > 2:
            continue
        month = 1 + (n - 1) * size
        year = _year(m[3])
        when = date(year, month, 1) if year else date(today.year, month, 1)
        if not year and when <= today:
            when = date(today.year + 1, month, 1)
        add(m, when, "period")
    for m in _RX_NEXT.finditer(low):
        unit = (m[2] or m[3] or "").lower()
        if not unit and m[1] and "que viene" in m[1]:
            unit = m[1].split()[1]
        if unit in ("week", "woche", "semana", "semaine"):
            add(m, today + timedelta(days=7 - today.weekday()), "period")
        elif unit in ("month", "monat", "mes", "mois"):
            add(m, _add_months(today.replace(day=1), 1), "period")
        elif unit in ("quarter", "quartal", "trimestre"):
            q_month = 3 * ((today.month - 1) // 3) + 1
            add(m, _add_months(date(today.year, q_month, 1), 3), "period")
        elif unit in ("year", "jahr", "año", "ano", "année", "annee"):
            add(m, date(today.year + 1, 1, 1), "period")
    for m in _RX_RELATIVE.finditer(low):
        n, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
        k, u = _number(n), _UNITS[unit]
        if unit == "an" and not (m[0].startswith("dans")):
            continue  # 'an' is the French year ("dans un an"), nothing in English
        delta = {"d": lambda: today + timedelta(days=k), "w": lambda: today + timedelta(weeks=k),
                 "m": lambda: _add_months(today, k), "y": lambda: _add_months(today, 12 * k)}[u]()
        add(m, delta, "period")
    for m in _RX_SEASON.finditer(low):
        add(m, _month_start(today, _SEASONS[m[1]], None), "period")
    for m in _RX_THE_DAY.finditer(low):
        d = int(m[1])
        when = _safe_date(today.year, today.month, d) if d >= today.day else None
        if when is None:
            nxt = _add_months(today.replace(day=1), 1)
            when = _safe_date(nxt.year, nxt.month, d)
        add(m, when, "day")
    for m in _RX_TOMORROW.finditer(low):
        add(m, today + timedelta(days=1), "day")
    for m in _RX_WEEKDAY.finditer(low):
        if re.match(r"\s*,?\s*(?:the\s+)?\d{1,2}\b", low[m.end():]):
            continue  # "Monday 30 November": the explicit date that follows is the one
        ahead = (_WEEKDAYS[m[1]] - today.weekday()) % 7 or 7
        add(m, today + timedelta(days=ahead), "day")

    out = []
    for f in sorted(found, key=lambda f: f.start):
        if _AFTER_BEFORE.search(low[max(0, f.start - 14): f.start]) and f.grain != "period":
            # "after March" is April 1; "after Dec 15" is Dec 16 (the earliest day that honours it)
            bumped = _add_months(f.when.replace(day=1), 1) if f.grain == "month" else f.when + timedelta(days=1)
            f = _DateMention(f.start, f.end, bumped, f.grain)
        out.append(f)
    return out


_RETURN_WORDS = re.compile(
    r"\b(?:back|return|returning|returns|vuelvo|regreso|regresar[ée]|retour|zur[üu]ck|wieder)\b")
_UNTIL_WORDS = re.compile(r"\b(?:until|till|til|through|thru|bis|hasta|jusqu)\b")


def _return_date(low: str, dates: list[_DateMention]) -> date | None:
    """The out-of-office return date: a date after 'back'/'returning', else after 'until', else the latest."""
    if not dates:
        return None

    def rank(f: _DateMention) -> int:
        before = low[max(0, f.start - 40): f.start]
        before = re.split(r"[.!?\n]", before)[-1]
        if _RETURN_WORDS.search(before):
            return 2
        return 1 if _UNTIL_WORDS.search(before) else 0

    return max(dates, key=lambda f: (rank(f), f.when)).when


# --------------------------------------------------------------------------- rules

def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


_NEG = r"(?:\b(?:not|no|never|hardly|neither|nor|without|nicht|kein|pas|nunca)\b|n't)"
_NEGATED_BEFORE = re.compile(_NEG + r"\s+(?:[\w']+\s+){0,2}$")

# Each label: (weight, pattern). Patterns run on the lowercase, normalised text.
_UNSUBSCRIBE = [
    (0.97, _rx(r"\bunsubscribe\b", r"\bopt(?:-| )?(?:me )?out\b", r"^\W*stop\W*$", r"\bdo[- ]not[- ]contact\b",
               r"\bstop (?:\w+ )?(?:e-?mailing|messaging|contacting|texting|writing|sending|reaching out|spamming|"
               r"pinging|bugging|bothering|harass\w*)", r"\bleave me alone\b", r"\bremove me\b",
               r"(?:n't|\bnot|\bno longer)\s+(?:\w+\s+){0,2}(?:receive|get|be sent)\s+(?:\w+\s+){0,2}(?:e-?mails|"
               r"messages)\b",
               r"\bno more (?:e-?mails|messages|mails)\b",
               r"\b(?:remove|take|delete|drop|erase) me (?:from|off)\b",
               r"\b(?:remove|delete|erase|lose|forget) (?:all )?(?:of )?my (?:personal )?(?:data|details|info\w*|"
               r"e-?mail(?: address)?|address|number|contact\w*)\b",
               r"\b(?:erase|delete|remove)\b[^.]{0,40}\bpersonal (?:data|information)\b",
               r"\bmy (?:personal )?(?:data|details|info\w*|e-?mail(?: address)?|address|number|profile) "
               r"(?:deleted|removed|erased)\b", r"\bgdpr\b",
               r"\bnever (?:\w+ )?(?:contact|e-?mail|message|write to|reach out to|dm|ping) me\b",
               r"(?:\b(?:do not|never|not)|n't)\s+(?:\w+\s+){0,2}(?:contact|e-?mail|message|write to|reach out to|dm|"
               r"ping|text|bother) me\s+(?:again|any ?more|further|ever)\b",
               r"\b(?:do not|don't|dont) (?:ever )?(?:contact|e-?mail|message|dm) me\b",
               r"(?:\b(?:never|not)|n't)\s+(?:\w+\s+){0,2}hear from (?:you|your \w+)(?: again| any ?more)?\b")),
    (0.85, _rx(r"\bspam(?:ming)?\b", r"\bhow did you get my (?:e-?mail|address|number|details)\b")),
    (0.95, _rx(r"\bentfernen sie mich\b", r"\baustragen\b", r"\babmelden\b", r"\bverteiler\b",
               r"\bkeine (?:weiteren )?(?:e-?mails|nachrichten)\b",
               r"\bnicht (?:mehr|wieder) (?:kontaktieren|anschreiben)\b",
               r"\bno me (?:\w+ )?(?:vuelva[ns]? a (?:contactar|escribir)|contacte[ns]? m[aá]s|escriba[ns]? m[aá]s)",
               r"\bdar(?:me)? de baja\b", r"\bne (?:me )?(?:contactez|[ée]crivez|recontactez) (?:plus|jamais)\b",
               r"\bd[ée]sabonne", r"\bd[ée]sinscri")),
]
_OOO_STRONG = [
    (0.95, _rx(r"\b(?:automatic|auto)[- ]?(?:reply|response|answer|message)\b", r"\bautoreply\b", r"^\W*auto\s*:",
               r"\bout of (?:the )?office\b", r"\booo\b", r"\bout-of-office\b")),
    (0.85, _rx(r"\b(?:limited|no|without|intermittent|sporadic) (?:access to (?:my )?)?(?:e-?mail|email access|"
               r"connectivity|laptop|internet|access)\b",
               r"\b(?:will|i'll|shall) (?:\w+ )?(?:respond|reply|get back to you|answer|read)\b[^.]{0,40}"
               r"\b(?:when|once|upon|after) (?:i(?:'m| am)? (?:back|return)|my return|returning|i get back)",
               r"\bupon my return\b",
               r"\bfor (?:urgent|immediate|pressing) (?:matters|issues|requests|inquiries|enquiries|"
               r"questions|help)\b", r"\bif (?:this|it) is urgent\b",
               r"\b(?:for|with|regarding) (?:anything|something|matters?|issues?|requests?) (?:urgent|pressing|"
               r"time-sensitive)\b",
               r"\burgent (?:matters|issues|requests|inquiries|enquiries)\b",
               r"\bif (?:your|the) (?:matter|request) is urgent\b",
               r"\b(?:responses?|replies) (?:will|may|might) be (?:delayed|slow)\b", r"\bdelayed (?:response|reply)",
               r"\bmailbox is (?:not|un)monitored\b", r"\b(?:not|un)monitored\b",
               r"\bnot (?:be )?(?:checking|reading|monitoring|answering) (?:my )?(?:e-?mails?|messages|mailbox|"
               r"slack)\b")),
    (0.9, _rx(r"\babwesenheit", r"\bnicht im b[üu]ro\b", r"\bau[ßs]er (?:haus|dem b[üu]ro)\b",
              r"\bkeinen zugriff auf\b", r"\bautomatische antwort\b",
              r"\bfuera de la oficina\b", r"\brespuesta autom[aá]tica\b", r"\ba mi regreso\b",
              r"\babsente? du bureau\b", r"\br[ée]ponse automatique\b", r"\b[àa] mon retour\b")),
]
_ABSENCE = _rx(r"\b(?:i(?:'m| am| will be|'ll be)|currently|presently)\s+(?:\w+\s+)?(?:away|offline|off (?:work|sick|"
               r"until|till)|"
               r"out (?:sick|of town|of the country|until|till|on)|travel+ing|"
               r"unavailable|on (?:vacation|holiday|holidays|leave|pto|annual leave|parental leave|maternity leave|"
               r"paternity leave|sick leave|sabbatical|a trip|the road))\b",
               r"\bon (?:vacation|holiday|holidays|pto|annual leave|parental leave|maternity leave|paternity leave|"
               r"sabbatical)\b",
               r"\bim urlaub\b", r"\bin elternzeit\b", r"\babwesend\b", r"\bde vacaciones\b", r"\bde viaje\b",
               r"\ben vacances\b",
               r"\ben cong[ée]s?\b", r"\bde cong[ée]\b", r"\bnot available\b")
_REFERRAL = [
    (0.9, _rx(r"\b(?:introduce|intro) you to\b", r"\bput you in touch with\b", r"\bconnect you with\b",
              r"\bmake an? intro(?:duction)?\b",
              r"(?<!looking )(?<!look )(?<!looks )\bforward(?:ed|ing)? (?:your |this |the |it )?"
              r"(?:message |email |e-mail |note |mail |role |job |posting |details |info )?(?:on |along )?to\b"
              r"(?! (?:you|me|it|hearing|meeting|talking|speaking|chatting|working)\b)",
              r"\bpass(?:ed|ing)? (?:this|it|your \w+|the \w+) (?:on|along)\b", r"\bpass on your\b",
              r"\bshare (?:this|it|the role|your message) with\b", r"\bcc(?:'?ing|'?d|:)", r"\blooping in\b",
              r"\bi know (?:someone|somebody|a (?:person|guy|woman|few people|couple of people))\b",
              r"\b(?:someone|somebody) (?:else )?(?:who|that) (?:might|may|would|could)\b")),
    (0.85, _rx(r"\b(?:talk(?:ing)?|speak(?:ing)?|reach(?:ing)? out|get(?:ting)? in touch|chat(?:ting)?|connect(?:ing)?)"
               r"(?: (?:to|with))\s+(?!you\b|me\b|us\b|your\b|our\b|them\b)",
               r"\bhave you (?:tried )?(?:talked|spoken|reached out|reaching out|contacting|asked|asking) (?:to |"
               r"with )?(?!me\b)\w",
               r"\btry (?:reaching out to |contacting |emailing |pinging |asking )?(?=[\w.+-]+@|@|https?://|github|"
               r"huggingface)",
               r"\b(?:i(?:'d| would)|we(?:'d| would)) (?:\w+ )?recommend (?!you\b|that you\b|we\b)",
               r"\bcheck out (?!my\b|our\b|the\b|this\b|it\b|your\b)\w",
               r"\b(?:his|her|their) (?:github|gh|hugging ?face|hf|e-?mail|handle|profile)\b",
               r"\b(?:he|she|they)(?:'s| is|'re| are)? (?:on|at) (?:github|hugging ?face)\b")),
    (0.85, _rx(r"\bfrag (?:mal|doch)\b", r"\bwende[nt]? (?:dich|sie sich) an\b", r"\bhabla(?:r)? con\b",
               r"\bte recomiendo\b", r"\ble recomiendo\b", r"\bje (?:vous|te) recommande\b",
               r"\bcontactez plut[ôo]t\b")),
]
_RELATION = re.compile(
    r"\b(?:my|a|an|our)\s+(?:former\s+|old\s+|ex-|good\s+|close\s+|best\s+)?(?:colleague|friend|teammate|team mate|"
    r"lab ?mate|coworker|co-worker|classmate|brother|sister|cousin|partner|wife|husband|mentee|student|buddy|peer|"
    r"intern|collaborator|manager|report|roommate|flatmate)s?\b|\b(?:friend|colleague)s? of mine\b"
    r"|\bmeine?\s+(?:\w+\s+)?(?:kollegin|kollege|kollegen|freundin|freund)\b|\bmis?\s+(?:colega|amig[oa]|"
    r"compa[ñn]er[oa])s?\b"
    r"|\b(?:mon|ma|mes)\s+(?:ancien(?:ne)?\s+)?(?:coll[èe]gue|ami|amie)s?\b")
_THIRD_PARTY_KEEN = re.compile(
    r"\b(?:might|may|would|could|will)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:interested|keen|up for|open|"
    r"a (?:great|good|better|perfect|strong|much better) (?:fit|match|candidate))"
    r"|\b(?:is|are|'s|'re)\s+(?:\w+\s+)?(?:looking|job hunting|on the market|interested|open to|searching)"
    r"|\b(?:might|may|would|could)(?: well)? be\s*(?:[.!,;)]|-|$)"
    r"|\bwould (?:love|be perfect|be great|fit)\b"
    r"|\b(?:who|that)\s+(?:is|are)\s+(?:\w+\s+)?(?:looking|job hunting|interested)"
    r"|\bsucht\b|\bbusca\b|\bcherche\b")
_NOT_INTERESTED = [
    (0.9, _rx(r"\b(?:not|no longer|never)\s+(?:\w+\s+)?interested\b", r"\buninterested\b",
              r"\b(?:no|zero|little|any) interest\b", r"\bno,? thanks?\b", r"\bno thank you\b", r"\bthanks?,? but no\b",
              r"\bi(?:'ll| will|'m going to| am going to|'d rather| have to| must| need to) pass\b",
              r"\bpass(?:ing)? on this\b",
              r"\bnot for me\b", r"\bnot (?:a |the )?(?:good |great |right )?(?:fit|match)\b",
              r"\b(?:isn't|is not|isnt) (?:a |the )?(?:good |great |right )?(?:fit|match)\b",
              r"\bnot what i(?:'m| am) looking for\b", r"\bnot (?:currently )?looking\b(?! for)",
              r"\b(?:happy|content|very happy|quite happy|settled|satisfied) (?:where i am|at my|in my|with my|here|"
              r"at \w+ (?:right now|currently))\b",
              r"\bno (?:plans|intention) (?:to|of) (?:leave|leaving|move|moving|change|changing|switch)",
              r"\bnot (?:considering|open to|moving|leaving|planning (?:to|on) (?:leave|leaving|move|moving))\b",
              r"\b(?:not|isn't|is not) something i(?:'d| would)?\b",
              r"\bnot my (?:thing|cup of tea|area)\b", r"\bpolitely decline\b",
              r"\bi(?:'ll| will| must|'d like to) decline\b",
              r"\bthumbs-down\b", r"^\W*(?:no|nope|nah)\W*$", r"^\W*(?:nope|nah)\b",
              r"\bi'?m good,?\s*(?:thanks?|thank you)?\W*$", r"\bno (?:desire|wish|appetite)\b",
              r"\b(?:have to|must|'ll|will|going to|gonna|need to) say no\b", r"\b(?:still|said|answer is) no\b",
              r"\bnot (?:going to|gonna|planning to|looking to) (?:leave|move|switch|change)\b",
              r"\bcommitted to (?:my|the) (?:current )?(?:company|team|role|job|employer|mission)\b", r"\bdecline\b",
              r"\b(?:not|isn't|is not|isnt) for me\b",
              r"\bdon't (?:do|want|wish to do) (?:\w+ )?(?:anymore|any more)\b",
              r"\b(?:don't|do not) want to (?:leave|move|switch|change|work (?:at|for|in|on)|join)\b")),
    (0.55, _rx(r"\bgood luck (?:with|in) (?:the|your) (?:search|hiring|role|recruiting)\b",
               r"\bwish(?:ing)? you (?:the best|all the best|luck)\b", r"\bbest of luck\b")),
    (0.9, _rx(r"\bkein(?:e|en)? interesse\b", r"\bnicht interessiert\b", r"\bnein,? danke\b", r"\bsehr zufrieden\b",
              r"\bno (?:me )?interesa\b", r"\bno estoy interesad[oa]\b", r"\bno,? gracias\b",
              r"\bpas int[ée]ress[ée]e?s?\b", r"\bnichts f[üu]r mich\b", r"\bno es para m[ií]\b",
              r"\bpas pour moi\b", r"\bne m'int[ée]resse pas\b", r"\bnon,? merci\b")),
]
# Not-now rules flagged True turn a decline into a not-now: they qualify it ("not right now")
# or invite a return ("ping me in March").
_NOT_NOW = [
    (0.9, True, _rx(r"\bnot (?:right )?now\b", r"\bnot (?:right )?(?:at )?(?:the|this) moment\b",
                    r"\bnot at this (?:time|point|stage)\b",
                    r"\bnot this (?:year|quarter|cycle|time|round)\b",
                    r"\bnot for (?:a while|a bit|some time|the time being)\b",
                    r"\b(?:not|no)\s+(?:[\w']+\s+){0,3}(?:right now|at the moment|at this (?:time|point|stage)|for now|"
                    r"currently|this (?:year|quarter|cycle|time))\b", r"\bnot (?:just |quite )?yet\b",
                    r"\bnot (?:looking|moving|leaving|ready|interested|going to \w+|planning \w+)\b[^.?!]{0,30}\byet\b",
                    r"\bkeep me in mind\b", r"\bkeep (?:my (?:details|info|cv|contact\w*)|me posted|me in the loop)\b",
                    r"\bmaybe (?:later|next|in|after|early|down the|some ?time)\b", r"\b(?:another|some other) time\b",
                    r"\b(?:reach out|ping me|contact me|get in touch|check back|circle back|follow up|revisit|"
                    r"reconnect|"
                    r"try me|come back|touch base|write me|e-?mail me|message me|ask me|reach me)\b(?:\s+[\w']+){0,3}?"
                    r"\s+(?:again|later|after|afterwards|in|next|around|towards|early|once|when)\b",
                    r"\b(?:circle back|check back|revisit|reconnect)\b",
                    r"\b(?:down the (?:road|line)|in the future)\b",
                    r"\bgerade (?:passt|nicht)\b", r"\b(?:im moment|derzeit|zurzeit|momentan) (?:nicht|passt)\b",
                    r"\bvielleicht (?:sp[äa]ter|im|n[äa]chste)", r"\bsp[äa]ter (?:gerne|wieder)\b",
                    r"\b(?:en este momento|ahora) no\b", r"\bm[aá]s adelante\b",
                    r"\bpas (?:pour le moment|maintenant|en ce moment|pour l'instant|tout de suite)\b",
                    r"\bplus tard\b")),
    (0.8, False, _rx(r"\b(?:bad|wrong|poor|tough|terrible) timing\b",
                     r"\btiming (?:isn't|is not|isnt|'s not|is) (?:\w+ )?(?:right|great|ideal|good|bad|off|tricky)\b",
                     r"\bjust (?:started|joined|began|switched|moved|signed)\b", r"\b(?:vesting )?cliff\b",
                     r"\bnot (?:\w+ )?(?:ready|in a position) to\b", r"\bjust (?:got|been) promoted\b",
                     r"\b(?:too )?(?:busy|swamped|slammed) (?:right now|at the moment|currently|these days|until)\b",
                     r"\bthings are (?:hectic|crazy|busy)\b", r"\bnot going to (?:move|leave|switch) (?:yet|now)\b")),
]
_COMPENSATION = [
    (0.9, _rx(r"\b(?:salary|salaries|compensation|comp|pay|paid|paying|pays|remuneration|wages?|stipend|"
              r"equity|rsus?|bonus|bonuses|stock options?|total comp|tc|base pay|base salary|day rate|hourly rate|"
              r"how much)\b", r"\bsalary (?:range|band)\b", r"[$€£]\s?\d", r"\b\d{2,3}(?:[.,]\d)?\s?k\b",
              r"\bgehalt\b", r"\bverg[üu]tung\b", r"\bsalari(?:o|al)\b", r"\bsueldo\b", r"\bsalaire\b",
              r"\br[ée]mun[ée]ration\b")),
    (0.7, _rx(r"\b(?:the|your|a|what's the|what is the) (?:budget|range|band|package|numbers)\b",
              r"\b(?:right|the) package\b", r"\b(?:the|your) base\b", r"\bcounter-?offer\b", r"\bshow me the money\b",
              r"\brate\b",
              r"\b(?:beat|match) (?:that|my current|it)\b")),
]
_SCHEDULING = _rx(
    r"\b(?:when|what time|what times|which day|what day|which time)\b.{0,30}\b(?:work|works|suit|suits|good|free|"
    r"available|convenient|best)\b",
    r"\b(?:does|would|could|can|is)\s+(?:\w+\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week|"
    r"this week|"
    r"\d{1,2}(?::\d{2})?\s*(?:am|pm))\b.{0,20}\b(?:work|suit|ok|okay|good)\b",
    r"\b(?:can|could|shall|should) (?:we|i) (?:set|schedule|book|do|have|hop|jump|talk|chat|meet|arrange|grab)\b",
    r"\bset (?:something|a call|a time|a meeting|it) up\b",
    r"\bsend (?:me )?(?:a |an |the )?(?:calendar )?(?:invite|link)\b",
    r"\bshould i (?:send|share|apply|book|fill)\b", r"\bwhen can we\b", r"\bare you free\b",
    r"\b(?:number|best way|how)\s+(?:\w+\s+){0,3}(?:reach|call|contact) you\b",
    r"\b(?:\d+|fifteen|thirty|twenty)[ -]?(?:min|mins|minutes?)\b")
_INTERESTED = [
    (0.85, _rx(r"\binterested\b",
               r"\b(?:sounds?|looks?|seems?) (?:\w+ )?(?:interesting|great|good|exciting|cool|amazing|"
               r"intriguing|fun|promising|awesome)\b",
               r"\b(?:happy|glad|keen|eager|excited|open|up|down|available|willing)\s+(?:to|for)\s+(?:have\s+|do\s+|"
               r"set\s+up\s+|"
               r"get\s+on\s+|hop\s+on\s+|jump\s+on\s+)?(?:a\s+|an\s+)?(?:chat|"
               r"talk|connect|hear|learn|discuss|call|conversation|meet|explore|jump|hop|speak|quick)",
               r"\bopen (?:to|for) (?:a |an |new )?(?:chat|call|conversation|hearing|learning|talking|opportunit|"
               r"it|discuss|explor)", r"\b(?:would|'d) love to\b",
               r"\blet'?s (?:talk|chat|do|set|schedule|grab|hop|jump|"
               r"connect|meet|find|book|speak)\b", r"\bcount me in\b", r"\bsign me up\b", r"\bi'm in\b",
               r"\bsend (?:me )?(?:a |an |the )?(?:calendar )?invite\b", r"\bcalendly\b", r"\bnext steps?\b",
               r"\b(?:tell|hear|learn|know) (?:me )?more\b", r"\bcaught my (?:eye|attention)\b", r"\ball ears\b",
               r"\bthumbs-up\b", r"\blet me know the (?:process|next)", r"\bintrigued\b",
               r"\blet me know (?:what|when|which) (?:works|suits|time|times|day|days|slot)",
               r"\bi(?:'m| am) (?:available|free)\b",
               r"\b(?:free|available) (?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|week)\b",
               r"\bset (?:something|a call|a time|a meeting|it) up\b", r"\bhappy to\b",
               r"\b(?:monday|tuesday|wednesday|thursday|friday|tomorrow|\d{1,2}(?::\d{2})?\s*(?:am|pm))\b[^.?!]{0,20}"
               r"\b(?:works|work for me|suits me|is fine|is good|is perfect)\b",
               r"\b(?:wouldn't|would not|can't|cannot|couldn't|could not) say no\b",
               r"\b(?:could|would|might|may) be a (?:great|good|perfect|strong|nice|interesting) (?:fit|match|"
               r"next step)\b",
               r"\blooking forward to (?:it|hearing|talking|chatting|speaking|meeting|connecting|the call|our|"
               r"learning)\b",
               r"\b(?:want|wanna|like|keen) to (?:chat|talk|hear more|learn more|connect|meet|explore|discuss|apply)\b",
               r"\bmy (?:schedule|calendar|diary) is (?:\w+ )?(?:open|free|flexible)\b",
               r"\binteressiert\b", r"\bgerne\b", r"\binteresad[oa]\b", r"\bme interesa\b", r"\bint[ée]ress[ée]e?\b")),
    (0.65, _rx(r"^\W*(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|why not|sounds good|ok|okay|alright|"
               r"great|"
               r"perfect|cool|ja|s[ií]|oui|claro|d'accord)\b", r"\bwhy not\b")),
]
_QUESTION_WORDS = _rx(
    r"^(?:is|are|do|does|did|can|could|would|will|what|what's|which|who|how|where|why|when|any)\b",
    r"^(?:wie|was|wo|wer|welche\w*|gibt es|ist|sind|kann|k[öo]nnen|qu[ée]|cu[aá]l\w*|c[oó]mo|d[oó]nde|qui[ée]n|hay|"
    r"quel\w*|comment|o[uù]|est-ce)\b")
_QUESTION_CUES = _rx(r"\b(?:i'd|i would|i) (?:need|like|want) to (?:know|understand)\b",
                     r"\bwondering (?:if|whether|about|what|how)\b",
                     r"\bcurious (?:about|if|whether|what|how)\b",
                     r"\b(?:can|could) you (?:clarify|explain|tell|share|send|confirm|describe|elaborate)\b",
                     r"\b(?:a |one |quick |couple of |few )?questions?\b", r"\bfrage\b", r"\bpregunta\b")


@dataclass(frozen=True, slots=True)
class _Hit:
    label: Label
    weight: float
    phrase: str
    start: int
    overrides_decline: bool = False  # a not-now that qualifies a decline ("not right now")
    soft: bool = False  # an absence a person may have written, not auto-reply wording


def _hits(label: Label, rules: Iterable[tuple[float, re.Pattern[str]]], low: str, norm: str) -> list[_Hit]:
    return [_Hit(label, w, norm[m.start():m.end()].strip(), m.start())
            for w, rx in rules for m in rx.finditer(low)]


def _sentences(low: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in re.finditer(r"[.!?]+(?=\s|$)|\n+|$", low):
        chunk = low[start:m.end()]
        if chunk.strip():
            out.append((start + len(chunk) - len(chunk.lstrip()), chunk.strip()))
        start = m.end()
        if m.end() >= len(low):
            break
    return out


def _collect(low: str, norm: str, dates: list[_DateMention], today: date) -> list[_Hit]:
    """Run every rule; return all hits after the negation and cross-label corrections."""
    hits: list[_Hit] = []
    hits += _hits(Label.UNSUBSCRIBE, _UNSUBSCRIBE, low, norm)
    ooo = _hits(Label.OUT_OF_OFFICE, _OOO_STRONG, low, norm)
    hits += ooo
    # "I'd rather not discuss salary yet" is not asking about money.
    hits += [h for h in _hits(Label.COMPENSATION, _COMPENSATION, low, norm)
             if not _NEGATED_BEFORE.search(low[max(0, h.start - 30): h.start])]
    hits += _hits(Label.NOT_INTERESTED, _NOT_INTERESTED, low, norm)
    for w, overrides, rx in _NOT_NOW:
        hits += [_Hit(Label.NOT_NOW, w, norm[m.start():m.end()].strip(), m.start(), overrides)
                 for m in rx.finditer(low)]

    # Interest cues: a negator right before one flips it into a decline ("not interested").
    for h in _hits(Label.INTERESTED, _INTERESTED, low, norm):
        if _NEGATED_BEFORE.search(low[max(0, h.start - 30): h.start]):
            hits.append(_Hit(Label.NOT_INTERESTED, 0.7, h.phrase, h.start))
        else:
            hits.append(h)

    # Referral: explicit hand-offs, or a relation ("my colleague") said to be keen or looking.
    hits += _hits(Label.REFERRAL, _REFERRAL, low, norm)
    for sent_start, sent in _sentences(low):
        rel = _RELATION.search(sent)
        if rel and _THIRD_PARTY_KEEN.search(sent, rel.end()):
            hits.append(_Hit(Label.REFERRAL, 0.9, norm[sent_start + rel.start(): sent_start + rel.end()], sent_start))
        elif rel and _third_party_handles(norm):
            hits.append(_Hit(Label.REFERRAL, 0.75, norm[sent_start + rel.start(): sent_start + rel.end()], sent_start))
        elif _THIRD_PARTY_KEEN.search(sent):
            original = norm[sent_start: sent_start + len(sent)]
            named = [m for m in _NAMED_SUBJECT.finditer(original) if not set(m.group(1).split()) & _NOT_NAMES]
            if named or _third_party_handles(original):
                hits.append(_Hit(Label.REFERRAL, 0.75, original[:60], sent_start))

    # Future dates: a return date with an absence is an out-of-office; a far date is a "not now".
    far = [d for d in dates if (d.when - today).days >= 21]
    absence = [m for m in _ABSENCE.finditer(low)]
    if absence:
        dated = any(_RETURN_WORDS.search(low[max(0, d.start - 40): d.start]) or
                    _UNTIL_WORDS.search(low[max(0, d.start - 40): d.start]) for d in dates)
        m = absence[0]
        hits.append(_Hit(Label.OUT_OF_OFFICE, 0.8 if dated else 0.55, norm[m.start():m.end()], m.start(),
                         soft=True))
    elif not ooo:
        m = re.search(r"\b(?:back|returning|vuelvo|regreso|de retour|zur[üu]ck)\b", low)
        if m and any(d.start > m.start() and d.start - m.end() < 25 for d in dates):
            hits.append(_Hit(Label.OUT_OF_OFFICE, 0.6, norm[m.start():m.end()], m.start(), soft=True))
    for d in far:
        before = low[max(0, d.start - 60): d.start]
        before = re.split(r"[.!?\n]", before)[-1]
        if re.search(r"\b(?:started|joined|since|ago|last|was|were|did)\b", before):
            continue
        hits.append(_Hit(Label.NOT_NOW, 0.6, norm[d.start:d.end], d.start))

    # Questions: sentences asking something that is not scheduling, money or timing.
    for sent_start, sent in _sentences(low):
        asks = sent.endswith("?") or sent.startswith("¿") or _QUESTION_WORDS.search(sent)
        if not asks:
            continue
        span = range(sent_start, sent_start + len(sent))
        if _SCHEDULING.search(sent):
            hits.append(_Hit(Label.INTERESTED, 0.75, norm[sent_start:sent_start + len(sent)], sent_start))
            continue
        if any(h.start in span and h.label in (Label.COMPENSATION, Label.NOT_NOW, Label.UNSUBSCRIBE) for h in hits):
            continue
        if not sent.endswith("?") and any(h.start in span and h.label is Label.INTERESTED for h in hits):
            continue  # "Would love to learn more." starts like a question but is not one
        weight = 0.75 if sent.endswith("?") or sent.startswith("¿") else 0.55
        hits.append(_Hit(Label.QUESTION, weight, norm[sent_start:sent_start + len(sent)][:80], sent_start))
    for m in _QUESTION_CUES.finditer(low):
        hits.append(_Hit(Label.QUESTION, 0.6, norm[m.start():m.end()], m.start()))

    return _correct(hits, low)


def _correct(hits: list[_Hit], low: str) -> list[_Hit]:
    """Cross-label corrections: qualified declines are not-now, 'no but happy to hear more' is interest."""
    labels = {h.label for h in hits}
    if any(h.label is Label.NOT_NOW and h.overrides_decline for h in hits):
        hits = [h for h in hits if h.label is not Label.NOT_INTERESTED]
    interest = [h for h in hits if h.label is Label.INTERESTED]
    if interest:
        keep = []
        for h in hits:
            if h.label is Label.NOT_INTERESTED:
                but = re.search(r"\b(?:but|however|though|although|aber|pero|mais)\b", low[h.start:])
                if but and any(i.start > h.start + but.start() for i in interest):
                    continue
            keep.append(h)
        hits = keep
    # A soft absence (no auto-reply wording) yields to what the person actually said.
    labels = {h.label for h in hits}
    strong_ooo = any(h.label is Label.OUT_OF_OFFICE and not h.soft for h in hits)
    others = labels - {Label.OUT_OF_OFFICE, Label.QUESTION}
    if not strong_ooo and others:
        hits = [h for h in hits if h.label is not Label.OUT_OF_OFFICE]
    return hits


# --------------------------------------------------------------------------- referral extraction

_NAME = r"([A-ZÀ-ÖØ-Þ][\w'-]+(?:[ \t]+(?:(?:van|von|de|da|di|del|der|le|la|bin|al)[ \t]+)?[A-ZÀ-ÖØ-Þ][\w'-]+){0,2})"
_NAME_AFTER = re.compile(
    r"(?i:colleague|friend|teammate|team mate|lab ?mate|coworker|co-worker|classmate|brother|sister|cousin|partner|"
    r"wife|husband|mentee|student|buddy|peer|intern|collaborator|kollegin|kollege|freundin|freund|colega|amig[oa]|"
    r"compa[ñn]er[oa]|coll[èe]gue|amie?|talk to|speak to|speak with|talk with|reach out to|contact|try|ask|ping|"
    r"introduce you to|intro you to|put you in touch with|connect you with|forward (?:\w+ ){0,2}to|"
    r"pass (?:\w+ ){0,2}to|"
    r"recommend|check out|cc'?ing|looping in|frag mal|habla con)[,:]?[ \t]+(?:(?i:my|our)[ \t]+)?" + _NAME)
_NOT_NAMES = {
    "I", "I'm", "I'd", "I'll", "The", "This", "That", "He", "She", "They", "We", "You", "It", "His", "Her", "Their",
    "My", "Our", "Not", "But", "And", "Thanks", "Thank", "Hi", "Hey", "Hello", "GitHub", "Github", "Hugging", "Face",
    "ML", "AI", "LLM", "PyTorch", "Google", "Meta", "DeepMind", "OpenAI", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Please", "Maybe", "Also", "Someone", "Somebody", "Kein", "Not",
    "Yes", "Yeah", "Sure", "Ok", "OK", "Okay", "So", "Well", "Honestly", "Actually", "Definitely", "Absolutely",
    "Perhaps", "Sorry", "Great", "Sounds", "Happy", "Glad", "Currently", "Right", "Now", "Then", "Oh", "Cool",
    "Nice", "Dear", "Best", "Regards", "Cheers", "Unfortunately", "Anyway", "Frankly", "Personally", "What", "Who",
    "Which", "Why", "How", "When", "Where", "Is", "Are", "Would", "Could", "Can", "Do", "Does", "Will", "Should",
    "It's", "That's", "There", "Here", "If", "As", "At", "In", "On", "For", "With", "Anyone", "Everyone", "Nobody",
    "Team", "Company", "Role", "Job", "Position", "Everything", "Nothing", "Your", "Both",
}
_NAMED_SUBJECT = re.compile(_NAME + r"[ \t]+(?:would|might|may|could|is|will)\b")
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
_GITHUB = re.compile(r"(?:https?://)?(?:www\.)?github\.com/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))"
                     r"|\bgithub\b(?:\s+(?:is|handle|username|as|name)|:)+\s*@?(?!https?:|www\.|"
                     r"github\.com)([A-Za-z0-9][A-Za-z0-9-]{0,38})\b", re.I)
_HF = re.compile(r"(?:https?://)?(?:huggingface\.co|hf\.co)/([A-Za-z0-9][\w.-]*[A-Za-z0-9])", re.I)
_SLACK_USER = re.compile(r"(?<![\w.+-])@([A-Za-z0-9][\w.-]*[A-Za-z0-9])(?![\w@])")
_SELF = re.compile(r"(?:\bmy\s+(?:\w+\s+)?(?:github|gh|profile|e-?mail|address|hf|hugging ?face|handle|calendly|cv|"
                   r"resume|website|site|blog|portfolio|page|account|username)\b|\bhere(?:'s| is) my\b|\breach me\b|"
                   r"\bme at\b|\bfor urgent|\bplease contact\b)[^.\n]{0,30}$", re.I)


def _third_party_handles(norm: str) -> list[tuple[int, str, str]]:
    """Handles in the text that are not the writer's own, as (position, kind, handle)."""
    found: list[tuple[int, str, str]] = []
    for kind, rx in (("github", _GITHUB), ("huggingface", _HF), ("email", _EMAIL), ("slack", _SLACK_USER)):
        for m in rx.finditer(norm):
            handle = next(g for g in m.groups() if g)
            if kind == "slack" and handle.lower() in {"here", "channel", "everyone"}:
                continue
            if _SELF.search(norm[max(0, m.start() - 40): m.start()]):
                continue
            if any(p <= m.start() < p + len(h) + 25 and k == "github" and kind != "github" for p, k, h in found):
                continue
            found.append((m.start(), kind, handle.rstrip(".")))
    return sorted(found)


def _extract_referral(norm: str) -> Referral:
    """The referred person: a capitalised name after a relation or hand-off verb, and a handle."""
    name = None
    for m in _NAME_AFTER.finditer(norm):
        words = m.group(1).split()
        while words and words[-1] in _NOT_NAMES:
            words.pop()
        if words and words[0] not in _NOT_NAMES:
            name = " ".join(words)
            break
    if name is None:
        for m in _NAMED_SUBJECT.finditer(norm):  # "Jane Doe would be a great fit"
            if not set(m.group(1).split()) & _NOT_NAMES:
                name = m.group(1)
                break
    handles = _third_party_handles(norm)
    if not handles:
        return Referral(name=name)
    _, kind, handle = handles[0]
    return Referral(name=name, handle=handle, kind=kind)


# --------------------------------------------------------------------------- public API

def _next_step(label: Label, until: date | None, referral: Referral | None, *, understood: bool = True) -> str:
    if not understood:
        return "Unclear reply: keep the conversation open and ask the owner to read and answer it."
    if label is Label.INTERESTED:
        return "Stop the sequence, move to 'replied' and suggest times to talk."
    if label is Label.QUESTION:
        return "Keep the conversation open and remind the owner to answer the question."
    if label is Label.COMPENSATION:
        return "Stop the sequence and answer with the /salary benchmark for the role."
    if label is Label.NOT_NOW:
        return f"Stop the sequence and re-engage on {until:%a %d %b %Y}."
    if label is Label.NOT_INTERESTED:
        return "Stop the sequence; thank them and close."
    if label is Label.REFERRAL:
        ref = referral or Referral()
        who = " ".join(p for p in (ref.name, f"({ref.candidate_ref})" if ref.candidate_ref else None) if p)
        if who:
            return f"Stop the sequence and add {who} as a new candidate, referred by this one."
        return "Stop the sequence; ask who they recommend, then add that person as a new candidate."
    if label is Label.UNSUBSCRIBE:
        return "Stop everything and mark the candidate do-not-contact."
    if until:
        return f"Keep the sequence; move the next step past the return date ({until:%a %d %b %Y})."
    return "Keep the sequence; no return date found, so move the next step back a week."


def classify(text: str, *, today: date) -> Intent:
    """Label a candidate's reply, with the phrases that decided it and the next step."""
    if isinstance(today, datetime):
        today = today.date()
    norm = _normalise(text)
    low = _lower_same_length(norm)
    dates = _find_dates(low, today)
    hits = _collect(low, norm, dates, today)

    if not hits:
        label: Label = Label.QUESTION
        confidence, matched, also = 0.25, (), ()
    else:
        by_label: dict[Label, list[_Hit]] = {}
        for h in hits:
            by_label.setdefault(h.label, []).append(h)
        label = next(lbl for lbl in PRIORITY if lbl in by_label)
        mine = sorted(by_label[label], key=lambda h: (-h.weight, h.start))
        miss = 1.0
        for h in mine:
            miss *= 1 - h.weight
        also = tuple(lbl for lbl in PRIORITY if lbl in by_label and lbl is not label)
        confidence = min(0.97, max(0.35, 1 - miss - 0.05 * len(also)))
        matched = tuple(dict.fromkeys(h.phrase for h in mine if h.phrase))[:4]

    until: date | None = None
    referral: Referral | None = None
    if label is Label.OUT_OF_OFFICE:
        until = _return_date(low, dates)
    elif label is Label.NOT_NOW:
        future = [d.when for d in dates if d.when > today]
        until = max(future) if future else today + timedelta(days=NOT_NOW_DEFAULT_DAYS)
    elif label is Label.REFERRAL:
        referral = _extract_referral(norm)
    return Intent(label=label, confidence=round(confidence, 2), matched=matched,
                  next_step=_next_step(label, until, referral, understood=bool(hits)),
                  until=until, referral=referral, also=also)
