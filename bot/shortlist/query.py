"""Reading `/shortlist` text, plain English or `<role> [N] [key:value...]`, into a checked request.

The words are read by scoring.query (pure, deterministic); this module checks what it read against the
rules of the short form (a wrong `key:value`, a number that is no count) and says which word was wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from bot.core.errors import UserError
from bot.core.text import split_args, unescape_slack
from scoring.query import KEYS, ShortlistQuery, read_shortlist

DEFAULT_N = 10
MAX_N = 25
EXAMPLE = "/shortlist ml-engineer 10 location:europe min:60"
PLAIN_EXAMPLE = "/shortlist senior ml engineers in europe who know pytorch"
FILTERS = set(KEYS)
KEY_EXAMPLES = {"location": "location:europe", "loc": "loc:berlin", "min": "min:60", "skill": "skill:pytorch",
                "stage": "stage:interview", "level": "level:senior", "active": "active:30d"}
STAGES = ("sourced", "shortlisted", "contacted", "replied", "review", "interview", "offer", "hired", "passed")
ALL_STAGES = "all"  # stage:all shows passed, hired and do-not-contact people too
LEVELS = ("junior", "mid", "senior", "staff", "principal", "lead")
_NUMBERISH = re.compile(r"^[+-]?\d[\d.,]*$")
_CONTRACTION = re.compile(r"\w['\u2019]\w")
_ACTIVE = re.compile(r"^\d{1,4}[dwmy]?$")


@dataclass(frozen=True)
class ShortlistRequest:
    """A checked shortlist request: the role name to look up, N, and the filters."""

    query: ShortlistQuery
    role_name: str
    n: int
    plain: bool  # read from plain English (the reply says how), not typed in the short form

    @property
    def min_score(self) -> int | None:
        """The score floor asked for, if any."""
        return self.query.min_score

    def service_filters(self) -> dict[str, object]:
        """Keyword arguments for bot.shortlist.service.shortlist / shortlist_count."""
        q = self.query
        return {"min_score": q.min_score, "location": q.location, "skills": q.skills, "remote": q.remote,
                "stage": q.stage, "active_within_days": q.active_days}

    def context(self, slug: str) -> str:
        """The short form of this request for a role slug (what buttons carry to refresh it)."""
        return self.query_for(slug).command(self.n).removeprefix("/shortlist ")

    def query_for(self, slug: str) -> ShortlistQuery:
        """The query with the role as the resolved slug."""
        q = self.query
        return ShortlistQuery(role=slug, level=q.level, n=q.n, location=q.location, remote=q.remote, skills=q.skills,
                              min_score=q.min_score, active_days=q.active_days, stage=q.stage, unread=q.unread)


def words_of(text: str) -> list[str]:
    """The words of a command text; plain English with contractions ("haven't") is split on spaces only."""
    if _CONTRACTION.search(text or ""):
        return unescape_slack(text).replace('"', " ").split()
    return split_args(text)


def _check_words(words: list[str]) -> None:
    """A wrong `key:value` word or a number that is no count: a message naming it (nothing else is read)."""
    for w in words:
        key, sep, value = w.partition(":")
        low = key.lower()
        if sep and key and low not in FILTERS and not w.lower().startswith(("http:", "https:")) and key.isascii() \
                and key.isalpha() and not value.startswith("//"):
            raise UserError(f"`{w}`: /shortlist has no `{key}:` filter. It knows "
                            + ", ".join(f"`{k}`" for k in KEY_EXAMPLES.values()) + " and `remote`.", example=EXAMPLE)
        if sep and low in FILTERS and not value:
            raise UserError(f"`{w}` needs a value after the colon, e.g. `{KEY_EXAMPLES[low]}`.", example=EXAMPLE)
        if sep and low == "min" and not (value.isascii() and value.isdigit() and 0 <= int(value) <= 100):
            raise UserError(f"`min:{value}`: min takes a score from 0 to 100.", example=EXAMPLE)
        if sep and low == "stage" and value.lower() not in (*STAGES, ALL_STAGES):
            raise UserError(f"`stage:{value}` is not a stage: " + ", ".join(STAGES) + f", or `{ALL_STAGES}`.",
                            example="/shortlist ml-engineer stage:hired")
        if sep and low == "level" and value.lower() not in LEVELS and value.lower() not in ("sr", "jr"):
            raise UserError(f"`level:{value}` is not a level: " + ", ".join(LEVELS) + ".",
                            example="/shortlist ml-engineer level:senior")
        if sep and low == "active" and not (value.isascii() and _ACTIVE.match(value.lower())):
            raise UserError(f"`active:{value}`: active takes days, weeks or months, like 30d, 6w or 3m.",
                            example="/shortlist ml-engineer active:90d")
        if not sep and (_NUMBERISH.match(w) and not w.isdigit() or (w.isdigit() and not w.isascii())):
            raise UserError(f"`{w}` is not a number of candidates: give a whole number from 1 to {MAX_N}.",
                            example=EXAMPLE)


def parse_shortlist(text: str, roles: Mapping[str, str] | None = None) -> ShortlistRequest:
    """Read `/shortlist` text, short form or plain English; `roles` maps the team's slugs to titles.

    UserError names the word that could not be read (a wrong filter, a bad count, no role)."""
    words = words_of(text)
    _check_words(words)
    q = read_shortlist(words, roles=roles)
    if q.role is None:
        if q.unread:  # the role is among the words not understood: let the role lookup suggest the closest
            role_name = " ".join(q.unread)
        else:
            known = ", ".join(sorted(roles)) if roles else ""
            raise UserError("Say which role to shortlist" + (f" (this team's roles: {known})." if known else "."),
                            example=PLAIN_EXAMPLE)
    else:
        role_name = q.role
    n = DEFAULT_N if q.n is None else q.n
    if not 1 <= n <= MAX_N:
        raise UserError(f"N must be between 1 and {MAX_N}; you asked for {n}.", example=EXAMPLE)
    if q.min_score is not None and not 0 <= q.min_score <= 100:
        raise UserError(f"A minimum score is 0 to 100; you asked for {q.min_score}.", example=EXAMPLE)
    if q.stage is not None and q.stage not in (*STAGES, ALL_STAGES):
        raise UserError(f"`{q.stage}` is not a stage: " + ", ".join(STAGES) + ".", example="/shortlist ml-engineer stage:interview")
    if q.role is None:
        return ShortlistRequest(q, role_name, n, plain=True)
    short = q.command(n).removeprefix("/shortlist ")
    plain = " ".join(w.lower() for w in words) != short.lower() and not _is_short_form(words, q)
    return ShortlistRequest(q, role_name, n, plain=plain)


def _is_short_form(words: list[str], q: ShortlistQuery) -> bool:
    """Typed as `<role> [N] [key:value] [remote]`: the first word is the role, the rest numbers, filters, remote."""
    if not words or q.unread or len(q.role_words) != 1 or words[0] != q.role_words[0]:
        return False
    return all(":" in w or w.isdigit() or w.lower() in ("remote", "top") or w.lower() in _COUNT_WORDS for w in words[1:])


_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                         "sixteen seventeen eighteen nineteen twenty twenty-five".split())
