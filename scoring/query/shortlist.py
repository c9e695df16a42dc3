"""Read a plain-English shortlist request ("senior ML engineers in Europe who know PyTorch") into filters.

Deterministic: tables of words and phrases, longest match first, no model. Every word that becomes no
filter and is not filler is kept in `unread`, so the reply can name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from unidecode import unidecode

from scoring.query.words import (
    ACTIVE_WORDS,
    BARE_SKILLS,
    COMPARATORS,
    COUNT_LEADS,
    FILLER,
    KNOWN_SKILLS,
    LATELY_DAYS,
    LEVELS,
    NUMBER_WORDS,
    PLACES,
    RECENT_WORDS,
    REMOTE_WORDS,
    ROLE_NOUNS,
    SCORE_LEADS,
    SCORE_TAILS,
    SKILL_TAILS,
    STAGE_PHRASES,
    STRONG_CUES,
    THIS_UNITS,
    UNIT_DAYS,
    UPPER_CODES,
)
from scoring.scorecard.roles import DEFAULT_ROLES, ROLE_ALIASES
from scoring.scorecard.skills import normalize_skill

KEYS = ("location", "loc", "min", "skill", "stage", "level", "active")  # the `key:value` words of the short form
_EDGE = re.compile(r"^[\"'`([{]+|[\"'`)\]}.,;:!?]+$")
_DAYS = re.compile(r"^(\d{1,4})([dwmy]?)$")
_ROLE_PUNCT = re.compile(r"[^a-z0-9]+")
_LOCATION_RESETS = frozenset({"from", "in", "at", "based", "near", "around"})
_YEARS = frozenset({"years", "year", "yrs", "yr", "y", "yoe"})
_NOT_ROLES = FILLER | {"as", "re", "research", "scientist", "vision", "machine-learning", "ml"}


@dataclass(frozen=True, slots=True)
class ShortlistQuery:
    """What a shortlist request asks for; None/empty means the word was not given."""

    role: str | None = None
    level: str | None = None
    n: int | None = None
    location: str | None = None
    remote: bool = False
    skills: tuple[str, ...] = ()
    min_score: int | None = None
    active_days: int | None = None
    stage: str | None = None
    unread: tuple[str, ...] = ()
    role_words: tuple[str, ...] = field(default=(), compare=False)  # the words read as the role, as typed

    def filters(self) -> list[tuple[str, str]]:
        """(key, value) of every filter given, in the short form's order."""
        out = [("location", self.location)] if self.location else []
        out += [("skill", s) for s in self.skills]
        out += [(k, v) for k, v in (("min", self.min_score), ("active", f"{self.active_days}d" if self.active_days else None),
                                    ("stage", self.stage), ("level", self.level)) if v]
        return [(k, str(v)) for k, v in out]

    def summary(self, n: int) -> str:
        """'ml-engineer · senior · europe · skill pytorch · 10': how the request was read."""
        parts = [self.role or "no role", *([self.level] if self.level else []), *([self.location] if self.location else []),
                 *(["remote"] if self.remote else []), *(f"skill {s}" for s in self.skills)]
        parts += [f"min {self.min_score}"] if self.min_score is not None else []
        parts += [f"active in {self.active_days} days"] if self.active_days else []
        parts += [f"stage {self.stage}"] if self.stage else []
        return " · ".join([*parts, str(n)])

    def command(self, n: int) -> str:
        """The short form of the same request: `/shortlist ml-engineer 10 location:europe skill:pytorch`."""
        words = [self.role or "<role>", str(n), *(f"{k}:{v}" for k, v in self.filters())]
        return "/shortlist " + " ".join(words + (["remote"] if self.remote else []))


@dataclass(slots=True)
class _Token:
    raw: str
    norm: str
    kv: tuple[str, str] | None = None


def tokens(words: Sequence[str]) -> list[_Token]:
    """Words as typed -> tokens: `key:value` kept whole, others folded to ASCII lower case without edge punctuation."""
    out: list[_Token] = []
    for word in words:
        key, sep, value = word.partition(":")
        if sep and key.lower() in KEYS and value:
            out.append(_Token(word, word.lower(), (key.lower(), value)))
            continue
        norm = _EDGE.sub("", unidecode(word).lower().replace("'", "").replace("\u2019", ""))
        norm = _EDGE.sub("", norm)
        if not norm:
            continue
        if norm.endswith("+") and norm[:-1].isdigit():
            out += [_Token(word, norm[:-1]), _Token("", "+")]
        elif norm.startswith(">=") and norm[2:].isdigit():
            out += [_Token(">=", ">="), _Token(word, norm[2:])]
        else:
            out.append(_Token(word, norm))
    return out


def _number(norm: str) -> int | None:
    if norm.isascii() and norm.isdigit() and len(norm) <= 4:
        return int(norm)
    return NUMBER_WORDS.get(norm)


def role_keys(roles: Mapping[str, str]) -> dict[str, str]:
    """Every way to name a known role -> its slug: slugs, titles, and the built-in aliases for known slugs."""
    out: dict[str, str] = {}
    for slug, title in roles.items():
        out[slug] = slug
        key = _ROLE_PUNCT.sub("-", unidecode(title or "").lower()).strip("-")
        if key:
            out.setdefault(key, slug)
    for alias, slug in ROLE_ALIASES.items():
        if slug in roles and alias not in _NOT_ROLES - {"ml"}:
            out.setdefault(alias, slug)
    return out


class _Reader:
    def __init__(self, toks: list[_Token], roles: Mapping[str, str], skills: frozenset[str]) -> None:
        self.t = toks
        self.roles = role_keys(roles)
        self.skills = KNOWN_SKILLS | skills
        self.bare = BARE_SKILLS | skills
        self.q: dict[str, object] = {"skills": [], "unread": [], "role_words": []}
        self.cue: str | None = None
        self.cue_fresh = False

    def norm(self, i: int) -> str:
        return self.t[i].norm if 0 <= i < len(self.t) and self.t[i].kv is None else ""

    def norms(self, i: int, k: int) -> tuple[str, ...] | None:
        if i + k > len(self.t) or any(x.kv for x in self.t[i:i + k]):
            return None
        return tuple(x.norm for x in self.t[i:i + k])

    # -- matchers: each returns (length, kind, value) or None ------------------------------------------
    def stage(self, i: int) -> tuple[int, str, object] | None:
        for k in range(6, 0, -1):
            key = self.norms(i, k)
            if key and key in STAGE_PHRASES:
                return k, "stage", STAGE_PHRASES[key]
        return None

    def _window(self, i: int) -> tuple[int, int] | None:
        """`(in|within|over) (the) (last|past) [N] unit` or `this unit` at i: (length, days)."""
        j = i
        if self.norm(j) in ("in", "within", "over", "during", "for"):
            j += 1
        if self.norm(j) == "the":
            j += 1
        if self.norm(j) == "this" and self.norm(j + 1) in THIS_UNITS:
            return j + 2 - i, THIS_UNITS[self.norm(j + 1)]
        if self.norm(j) not in ("last", "past"):
            if self.norm(i) == "within" and (m := _DAYS.match(self.norm(j))) and m.group(2):
                return j + 1 - i, int(m.group(1)) * UNIT_DAYS[m.group(2)]
            return None
        j += 1
        count = _number(self.norm(j))
        if count is not None:
            j += 1
        elif (m := _DAYS.match(self.norm(j))) and m.group(2):
            return j + 1 - i, int(m.group(1)) * UNIT_DAYS[m.group(2)]
        unit = self.norm(j)
        if unit not in UNIT_DAYS or len(unit) == 1:
            return None
        return j + 1 - i, (count or 1) * UNIT_DAYS[unit]

    def active(self, i: int) -> tuple[int, str, object] | None:
        w = self.norm(i)
        if w in ACTIVE_WORDS or w in ("recently", "recent"):
            if w in ("recently", "recent") and self.norm(i + 1) not in ACTIVE_WORDS:
                return 1, "active", LATELY_DAYS
            k = 1 if w in ACTIVE_WORDS else 2
            if self.norm(i + k) in RECENT_WORDS:
                return k + 1, "active", RECENT_WORDS[self.norm(i + k)]
            win = self._window(i + k)
            if win:
                return k + win[0], "active", win[1]
            return k, "active", LATELY_DAYS
        win = self._window(i)
        return (win[0], "active", win[1]) if win else None

    def min_score(self, i: int) -> tuple[int, str, object] | None:
        j, lead, comp = i, False, False
        if self.norm(j) == "with":
            j += 1
        if self.norm(j) in SCORE_LEADS:
            lead, j = True, j + 1
            if self.norm(j) in ("score", "scores"):
                j += 1
        for phrase in sorted(COMPARATORS, key=len, reverse=True):
            if self.norms(j, len(phrase)) == phrase and (phrase != ("of",) or lead):
                comp, j = True, j + len(phrase)
                break
        value = self.norm(j)
        if not (value.isascii() and value.isdigit() and len(value) <= 3):
            return None
        j += 1
        tail = False
        while self.norm(j) in SCORE_TAILS and (self.norm(j) not in ("and", "or") or self.norm(j + 1) in ("up", "more")):
            tail, j = True, j + 1
        if not (lead or comp or tail) or (self.norm(i) == "with" and not (lead or comp)):
            return None
        return j - i, "min", int(value)

    def count(self, i: int) -> tuple[int, str, object] | None:
        k = 1 if self.norm(i) in COUNT_LEADS else 0
        if self.norms(i + k, 2) == ("a", "dozen"):
            return k + 2, "n", 12
        n = _number(self.norm(i + k))
        return (k + 1, "n", n) if n is not None else None

    def place(self, i: int) -> tuple[int, str, object] | None:
        for k in (4, 3, 2, 1):
            key = self.norms(i, k)
            if key and key in PLACES and key != ("us",):
                return k, "location", PLACES[key]
        raw = self.t[i].raw.strip(".,;:!?()")
        if self.t[i].kv is None and (raw in UPPER_CODES or raw == "US" or (self.norm(i) == "us" and self.norm(i - 1) in ("in", "from", "based"))):
            return 1, "location", PLACES[("usa",)] if raw.upper() == "US" else PLACES.get((self.norm(i),), raw.lower())
        return None

    def remote(self, i: int) -> tuple[int, str, object] | None:
        if self.norms(i, 2) in (("fully", "remote"), ("working", "remotely"), ("work", "remotely"), ("remote", "anywhere")):
            return 2, "remote", True
        return (1, "remote", True) if self.norm(i) in REMOTE_WORDS else None

    def level(self, i: int) -> tuple[int, str, object] | None:
        pair = self.norms(i, 2)
        if pair in (("mid", "level"), ("tech", "lead"), ("entry", "level")):
            return 2, "level", LEVELS["-".join(pair)]
        return (1, "level", LEVELS[self.norm(i)]) if self.norm(i) in LEVELS else None

    def role(self, i: int) -> tuple[int, str, object] | None:
        for k in (4, 3, 2, 1):
            key = self.norms(i, k)
            if not key:
                continue
            joined = "-".join(key)
            tries = [(joined, k), (joined[:-1], k)] if joined.endswith("s") else [(joined, k)]
            if k > 1 and key[-1] in ROLE_NOUNS:
                tries.append(("-".join(key[:-1]), k))
            for name, length in tries:
                if name in self.roles and (k > 1 or name not in _NOT_ROLES):
                    return length, "role", self.roles[name]
        return None

    def skill(self, i: int) -> tuple[int, str, object] | None:
        for k in (3, 2, 1):
            key = self.norms(i, k)
            if not key:
                continue
            name = normalize_skill("-".join(key))
            cued = self.cue == "strong" or self.norm(i + k) in SKILL_TAILS
            if name in self.bare or (cued and name in self.skills):
                return k, "skill", name
        return None

    # -- the pass ---------------------------------------------------------------------------------------
    def read(self) -> dict[str, object]:
        i = 0
        while i < len(self.t):
            i += self.step(i)
        return self.q

    def step(self, i: int) -> int:
        tok = self.t[i]
        if tok.kv:
            self.key_value(*tok.kv)
            self.cue = None
            return 1
        k = 2 if self.norm(i + 1) == "+" else 1
        if _number(tok.norm) is not None and self.norm(i + k) in _YEARS:  # "5 years of experience": no column holds it
            self.q["unread"].extend(t.raw for t in self.t[i:i + k + 1] if t.raw)  # type: ignore[union-attr]
            return k + 1
        found = [m for m in (self.stage(i), self.active(i), self.min_score(i), self.count(i), self.place(i),
                             self.remote(i), self.level(i)) if m]
        role, skill = self.role(i), self.skill(i)
        if role and skill and role[0] == skill[0]:
            use_skill = self.q.get("role") is not None or self.cue == "strong" or (self.cue == "weak" and self.cue_fresh)
            found.append(skill if use_skill else role)
        else:
            found += [m for m in (role, skill) if m]
        if found:
            length, kind, value = max(found, key=lambda m: m[0])  # longest; ties keep the earlier matcher
            if kind == "role" and self.q.get("role") is not None and skill:
                length, kind, value = skill
            self.take(i, length, kind, value)
            return length
        w = tok.norm
        if (self.cue == "strong" and self.cue_fresh or self.norm(i + 1) in SKILL_TAILS) and w not in FILLER \
                and w not in STRONG_CUES and w not in UNIT_DAYS:
            self.take(i, 1, "skill", normalize_skill(w))
            return 1
        if w in FILLER or w in STRONG_CUES:
            fresh = w in STRONG_CUES or w == "with"
            if w in STRONG_CUES:
                self.cue = "strong"
            elif w == "with":
                self.cue = "weak"
            elif w in _LOCATION_RESETS and not self.cue_fresh:
                self.cue = None
            self.cue_fresh = fresh or (self.cue_fresh and w in ("in", "with", "on"))
            return 1
        self.q["unread"].append(tok.raw)  # type: ignore[union-attr]
        self.cue, self.cue_fresh = None, False
        return 1

    def take(self, i: int, length: int, kind: str, value: object) -> None:
        if kind == "skill":
            if value not in self.q["skills"]:  # type: ignore[operator]
                self.q["skills"].append(value)  # type: ignore[union-attr]
            self.cue_fresh = self.cue is not None
            return
        if kind == "role" and self.q.get("role") not in (None, value):
            self.q["unread"].extend(t.raw for t in self.t[i:i + length])  # type: ignore[union-attr]
            return
        if kind == "role":
            self.q["role_words"] = [t.raw for t in self.t[i:i + length]]
        self.q[kind] = value
        self.cue, self.cue_fresh = None, False

    def key_value(self, key: str, value: str) -> None:
        v = value.strip().lower()
        if key in ("location", "loc"):
            self.q["location"] = "-".join(v.split())
        elif key == "skill":
            name = normalize_skill(v)
            if name not in self.q["skills"]:  # type: ignore[operator]
                self.q["skills"].append(name)  # type: ignore[union-attr]
        elif key == "min":
            self.q["min"] = int(v) if v.isascii() and v.isdigit() and len(v) <= 3 else v
        elif key == "stage":
            self.q["stage"] = v
        elif key == "level":
            self.q["level"] = LEVELS.get(v, v)
        elif key == "active":
            m = _DAYS.match(v)
            self.q["active"] = int(m.group(1)) * UNIT_DAYS.get(m.group(2) or "d", 1) if m else v


def read_shortlist(words: Sequence[str], *, roles: Mapping[str, str] | None = None,
                   skills: Iterable[str] = ()) -> ShortlistQuery:
    """Read the words of a shortlist request; `roles` maps the team's role slugs to titles (default: built-ins)."""
    known = roles if roles is not None else {slug: card.title for slug, card in DEFAULT_ROLES.items()}
    q = _Reader(tokens(words), known, frozenset(normalize_skill(s) for s in skills)).read()
    return ShortlistQuery(
        role=q.get("role"), level=q.get("level"), n=q.get("n"), location=q.get("location"),  # type: ignore[arg-type]
        remote=bool(q.get("remote")), skills=tuple(q["skills"]), min_score=q.get("min"),  # type: ignore[arg-type]
        active_days=q.get("active"), stage=q.get("stage"), unread=tuple(q["unread"]),  # type: ignore[arg-type]
        role_words=tuple(q["role_words"]))  # type: ignore[arg-type]
