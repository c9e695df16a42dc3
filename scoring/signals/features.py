"""Extracted features: Evidence lines and the role-independent Features of one candidate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from scoring.signals.tuning import SCORER_VERSION
from scoring.types import Reason


@dataclass(frozen=True, slots=True)
class Evidence:
    """One explained observation and its share of one or more category strengths."""

    text: str
    url: str | None
    shares: tuple[tuple[str, float], ...]  # (category, part of that category's 0..1 strength)

    @property
    def signal(self) -> str:
        """The category this line is filed under (its first share)."""
        return self.shares[0][0]


@dataclass(frozen=True, slots=True)
class Features:
    """Role-independent facts about one candidate: strengths in 0..1, their evidence, red flags, skills."""

    strengths: Mapping[str, float]
    evidence: tuple[Evidence, ...]
    red_flags: tuple[Reason, ...]
    skills: frozenset[str]
    as_of: date
    version: str = SCORER_VERSION

    def reasons_for(self, category: str) -> tuple[Reason, ...]:
        """The reasons behind one category's strength; points are shares of it (they sum to the strength)."""
        return tuple(Reason(category, s, ev.text, ev.url)
                     for ev in self.evidence for c, s in ev.shares if c == category)
