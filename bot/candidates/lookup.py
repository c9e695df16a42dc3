"""Find a candidate by what a person remembers: `#id`, a handle or email, part of the name, without accents.

One match acts; several list the choices; none suggests the closest. Ids are ASCII digits only
(`١٢` must not select #12) and in range, so a 5,000-digit `#id` is a clear message, not an error id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from unidecode import unidecode

from bot.core.errors import NotFound, UserError
from bot.core.models import Candidate

MAX_ID = 2**63 - 1
CHOICES_SHOWN = 5
SUGGEST_CUTOFF = 70  # rapidfuzz WRatio: below this a "did you mean" is more noise than help
ADD_EXAMPLE = "/candidate add github:octocat role:ml-engineer"
_ID = re.compile(r"^#?(\d+)$")
_PREFIXES = ("github:", "gh:", "hf:", "huggingface:", "email:", "https://github.com/", "https://huggingface.co/",
             "http://github.com/", "http://huggingface.co/", "mailto:")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case, accents and other scripts transliterated (Lucía -> lucia, Dvořáková -> dvorakova)."""
    return unidecode(text or "").lower()


def words(text: str | None) -> list[str]:
    """The folded words of a name or handle (hyphens, dots and spaces split)."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class _Row:
    id: int
    name: str
    github: str | None
    huggingface: str | None
    email: str | None

    def label(self) -> str:
        handle = self.github or self.huggingface
        return f"{self.name} (#{self.id}" + (f", {handle})" if handle else ")")


def _clean(ref: str) -> str:
    ref = ref.strip().removeprefix("@")
    for prefix in _PREFIXES:
        if ref.lower().startswith(prefix):
            ref = ref[len(prefix):].strip("/")
    return ref.strip()


def _by_id(session: Session, team_id: str, ref: str) -> Candidate | None:
    """The `#id` form: ASCII digits in range, else a message naming the word; None when it is no id at all."""
    m = _ID.match(ref)
    if not m:
        if ref.startswith("#") and ref[1:].isdigit():  # digits, but not ASCII ones
            raise UserError(f"`{ref}` is not a candidate id: use ASCII digits, e.g. `#12`.", example="/candidate show #12")
        return None
    digits = m.group(1)
    if not digits.isascii() or len(digits) > 19 or int(digits) > MAX_ID:
        raise UserError(f"`{ref[:30]}` is not a candidate id (too large).", example="/candidate show #12")
    found = session.scalar(select(Candidate).where(Candidate.team_id == team_id, Candidate.id == int(digits)))
    if found is None:
        raise NotFound(f"No candidate #{digits} in this team.", example=ADD_EXAMPLE)
    return found


def _matches(rows: list[_Row], ref: str) -> list[_Row]:
    """The best non-empty tier: exact handle or email, exact name, then every word a prefix of a name/handle word."""
    low, folded, query = ref.lower(), fold(ref), words(ref)
    exact = [r for r in rows if low in {(r.github or "").lower(), (r.huggingface or "").lower(), (r.email or "").lower()}]
    if exact:
        return exact
    named = [r for r in rows if fold(r.name) == folded]
    if named:
        return named
    if not query:
        return []

    def covers(r: _Row) -> bool:
        for source in (r.name, r.github, r.huggingface):
            have = words(source)
            if have and all(any(h.startswith(q) for h in have) for q in query):
                return True
        return False

    return [r for r in rows if covers(r)]


WORD_MATCH_CAP = 2000  # rows a name query reads at most (a word like "a" matches half a team)
SUGGEST_CAP = 5000  # rows the "closest" suggestion reads at most


def _columns() -> tuple:
    return (Candidate.id, Candidate.name, Candidate.github, Candidate.huggingface, Candidate.email)


def _rows(session: Session, team_id: str, *conds: Any, limit: int | None = None) -> list[_Row]:
    q = select(*_columns()).where(Candidate.team_id == team_id, *conds).order_by(Candidate.id)
    return [_Row(*r) for r in session.execute(q.limit(limit) if limit else q)]


def _word_rows(session: Session, team_id: str, query: list[str]) -> list[_Row]:
    """Rows where every query word appears in the folded name or a handle (a superset of the prefix tier)."""
    conds = [or_(Candidate.name_folded.contains(q, autoescape=True),
                 func.lower(Candidate.github).contains(q, autoescape=True),
                 func.lower(Candidate.huggingface).contains(q, autoescape=True)) for q in query]
    return _rows(session, team_id, *conds, limit=WORD_MATCH_CAP)


def _suggestion_rows(session: Session, team_id: str, query: list[str]) -> list[_Row]:
    """Rows worth a fuzzy look: sharing the first three letters of a query word; the whole team when small."""
    stems = {q[:3] for q in query if len(q) >= 3}
    if stems:
        conds = [Candidate.name_folded.contains(t, autoescape=True) for t in stems]
        conds += [func.lower(Candidate.github).contains(t, autoescape=True) for t in stems]
        rows = _rows(session, team_id, or_(*conds), limit=SUGGEST_CAP)
        if rows:
            return rows
    return _rows(session, team_id, limit=SUGGEST_CAP)


def find_candidate(*, session: Session, team_id: str, ref: str) -> Candidate:
    """One candidate of the team for what was typed; UserError listing the choices or suggesting the closest.

    Every tier is an indexed or filtered query (handles and email by `lower()`, names by `name_folded`):
    a team of 100,000 is never read whole."""
    ref = _clean(ref)
    if not ref:
        raise UserError("Say which candidate: a name, a handle or `#id`.", example="/candidate show #12")
    by_id = _by_id(session, team_id, ref)
    if by_id is not None:
        return by_id
    low, folded, query = ref.lower(), fold(ref), words(ref)
    found = _rows(session, team_id, or_(func.lower(Candidate.github) == low, func.lower(Candidate.huggingface) == low,
                                        func.lower(Candidate.email) == low))
    if not found:
        found = _rows(session, team_id, Candidate.name_folded == folded[:200])
    rows: list[_Row] = []
    if not found and query:
        rows = _word_rows(session, team_id, query)
        found = _matches(rows, ref)
    if len(found) == 1:
        return session.get(Candidate, found[0].id)
    shown = ref if len(ref) <= 60 else ref[:59] + "…"
    if found:
        found.sort(key=lambda r: r.id)
        listed = ", ".join(r.label() for r in found[:CHOICES_SHOWN]) + ("…" if len(found) > CHOICES_SHOWN else "")
        raise UserError(f"{len(found)} candidates match {shown!r}: {listed}. Say which, by `#id` or handle.",
                        example=f"/candidate show #{found[0].id}")
    rows = _suggestion_rows(session, team_id, query)
    choices = {r.id: " ".join(filter(None, (fold(r.name), fold(r.github), fold(r.huggingface)))) for r in rows}
    best = process.extractOne(folded, choices, scorer=fuzz.WRatio, score_cutoff=SUGGEST_CUTOFF)
    suggestion = next((r for r in rows if best and r.id == best[2]), None)
    raise NotFound(f"No candidate {shown!r} in this team." + (f" Closest: {suggestion.label()}." if suggestion else ""),
                   suggestions=(f"#{suggestion.id}",) if suggestion else (), example=ADD_EXAMPLE)
