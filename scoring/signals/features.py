"""Extracted features: Evidence lines and the role-independent Features of one candidate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Mapping

from scoring.signals.helpers import MAX_CATEGORIES, base_of
from scoring.signals.tuning import SCORER_VERSION
from scoring.types import Reason


@dataclass(frozen=True, slots=True)
class Evidence:
    """One explained observation and what it adds to one or more categories.

    `shares` are (tag, share): the tag is "category" or "category:kind" (kind says which ecosystem or
    sort of work, and so how much it counts for a role: scoring/scorecard/relevance.py); a role's
    points for the line are weight[category] x relevance(tag) x share, a category giving at most its
    weight.
    """

    text: str
    url: str | None
    shares: tuple[tuple[str, float], ...]

    @property
    def signal(self) -> str:
        """The category this line is filed under (its first share's)."""
        return base_of(self.shares[0][0])


@dataclass(frozen=True, slots=True)
class Features:
    """Role-independent facts about one candidate: strengths in 0..1, their evidence, red flags, skills.

    `skills` are the evidenced skills only; `skill_evidence` maps each to (what shows it, its link);
    `claimed` are self-declared skills nothing shows yet ("claimed, not yet evidenced": a weak hint
    that never gates or adds points).
    """

    strengths: Mapping[str, float]
    evidence: tuple[Evidence, ...]
    red_flags: tuple[Reason, ...]
    skills: frozenset[str]
    as_of: date
    version: str = SCORER_VERSION
    skill_evidence: Mapping[str, tuple[str, str | None]] = field(default_factory=lambda: MappingProxyType({}))
    claimed: frozenset[str] = frozenset()

    def reasons_for(self, category: str) -> tuple[Reason, ...]:
        """The reasons behind one category's strength (every kind counted fully); they sum to the strength."""
        rows = [(ev, v) for ev in self.evidence for t, v in ev.shares if base_of(t) == category and v > 0]
        if category in MAX_CATEGORIES and rows:
            rows = [(ev, max(v for e, v in rows if e is ev)) for ev in dict.fromkeys(e for e, _ in rows)]
        raw = sum(v for _, v in rows)
        scale = 1.0 / raw if raw > 1.0 else 1.0
        return tuple(Reason(category, v * scale, ev.text, ev.url) for ev, v in rows)
