"""Dates a reply mentions (`until`), resolved against the caller's today, and the out-of-office return date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

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
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}
_MONTH_RE = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6,
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
# "t/m 18-12", "bis 7-12-2026": day-month with dashes, read only after an until/return word ("10-15 people" is none).
_RX_DASHED = re.compile(_D + r"(\d{1,2})-(\d{1,2})(?:-(\d{4}|\d{2}))?(?![\d-])")
_RX_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s*(?:of\s+|de\s+)?(" + _MONTH_RE + r")\b\.?(?:,?\s+(?:de\s+)?(\d{4}))?")
_RX_MONTH_DAY = re.compile(
    r"\b(" + _MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(\d{4}))?")
_RX_MONTH_ONLY = re.compile(
    r"\b(?:(in|until|till|til|after|by|around|from|early|mid|late|start of|beginning of|im|bis|ab|nach|anfang|"
    r"en|hasta|después de|despues de|a partir de|jusqu'en|après|apres|début|debut|em|até|ate|depois de|tot|vanaf|"
    r"begin|eind|na)\s+(?:(?:early|mid|late)\s+)?)"
    r"(" + _MONTH_RE + r")\b(?:\s+(\d{4}))?|\b(" + _MONTH_RE + r")\s+(\d{4})\b")
_RX_THE_DAY = re.compile(r"\b(?:the\s+)(\d{1,2})(?:st|nd|rd|th)\b")
_RX_WEEKDAY = re.compile(r"\b(?:el\s+|le\s+|am\s+)?(" + _WEEKDAY_RE + r")\b")
_RX_TOMORROW = re.compile(r"\b(?:tomorrow|demain)\b|(?<!guten )\bmorgen\b|(?<!la )\bma[ñn]ana\b")
_RX_NEXT = re.compile(
    r"\b(?:(next|this coming|n[äa]chste[nsr]?|pr[oó]xim[oa]|la\s+semana\s+que\s+viene|el\s+mes\s+que\s+viene|"
    r"el\s+a[ñn]o\s+que\s+viene|volgende?)\s*(week|month|quarter|year|woche|monat|quartal|jahr|semana|mes|m[êe]s|"
    r"trimestre|a[ñn]o|ano|maand|kwartaal|jaar)?"
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
    for m in _RX_DASHED.finditer(low):
        before = low[max(0, m.start() - 25): m.start()]
        if _UNTIL_WORDS.search(before) or _RETURN_WORDS.search(before):
            add(m, _day_month(today, int(m[1]), int(m[2]), _year(m[3])), "day")
    for m in _RX_SLASH.finditer(low):
        a, b, year = int(m[1]), int(m[2]), _year(m[3])
        # Day/month (Europe) or month/day (US): the reading that is valid and next to come; a reply
        # names a return date in the coming weeks, not one months ago ("volto a 09/12/2026").
        readings = [w for w in (_day_month(today, a, b, year), _day_month(today, b, a, year)) if w]
        if readings:
            ahead = [w for w in readings if w >= today] or readings
            add(m, min(ahead, key=lambda w: abs((w - today).days)), "day")
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
        if unit in ("week", "woche", "semana", "semaine"):  # Dutch "week" too
            add(m, today + timedelta(days=7 - today.weekday()), "period")
        elif unit in ("month", "monat", "mes", "mês", "mois", "maand"):
            add(m, _add_months(today.replace(day=1), 1), "period")
        elif unit in ("quarter", "quartal", "trimestre", "kwartaal"):
            q_month = 3 * ((today.month - 1) // 3) + 1
            add(m, _add_months(date(today.year, q_month, 1), 3), "period")
        elif unit in ("year", "jahr", "año", "ano", "année", "annee", "jaar"):
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
    r"\b(?:back|return|returning|returns|vuelvo|volver[ée]|regreso|regresar[ée]|retour|zur[üu]ck|wieder|volto|"
    r"regresso|estarei\s+de\s+volta|terug|ab(?:\s+dem)?|vanaf|a\s+partir\s+d[eou]l?|[àa]\s+partir\s+du|"
    # "je reprendrai le lundi 7", "me reincorporo el jueves 10", "regressando ... 14 de dezembro"
    r"reprend\w*|reincorpor\w*|regress\w*|regres[oa]\w*|retomo|retomarei|weer\s+aanwezig)\b")
_UNTIL_WORDS = re.compile(r"\b(?:until|till|til|through|thru|bis|hasta|jusqu|at[ée]|tot(?:\s+en\s+met)?|t/m)\b")


def _return_date(low: str, dates: list[_DateMention]) -> date | None:
    """The out-of-office return date: a date after 'back'/'returning', else after 'until', else the latest."""
    if not dates:
        return None

    def rank(f: _DateMention) -> int:
        # The nearest return or until word before the date in its sentence decides ("jusqu'au vendredi 4 décembre
        # inclus et je reprendrai ... le lundi 7 décembre": 4 is the last day away, 7 the return).
        before = low[max(0, f.start - 70): f.start]
        before = re.split(r"[.!?\n]", before)[-1]
        back = [m.end() for m in _RETURN_WORDS.finditer(before)]
        until = [m.end() for m in _UNTIL_WORDS.finditer(before)]
        if back and (not until or max(back) > max(until)):
            return 2
        return 1 if until else 0

    return max(dates, key=lambda f: (rank(f), f.when)).when
