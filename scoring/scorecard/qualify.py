"""The 70-30 rule: scorecards pre-split for fast must-have / nice-to-have coverage checks."""

from __future__ import annotations

from typing import Iterable

from scoring.scorecard.relevance import relevance_table
from scoring.scorecard.skills import expand_skills, normalize_requirement
from scoring.types import Scorecard

# 000_43590e2982354659.txt: "hire for 70% of the required skills and train for the remaining 30%".
QUALIFY_NUM, QUALIFY_DEN = 7, 10


class _Prepared:
    """A scorecard's requirements pre-split into alternative sets, so per-candidate checks are cheap."""

    __slots__ = ("card", "must", "nice", "vocabulary", "weights", "memo", "relevance")

    def __init__(self, card: Scorecard):
        self.card = card
        self.must = tuple((t, frozenset(t.split("|"))) for t in map(normalize_requirement, card.must_have) if t)
        self.nice = tuple((t, frozenset(t.split("|"))) for t in map(normalize_requirement, card.nice_to_have) if t)
        # Only these skills matter to this card: results keyed on `skills & vocabulary` repeat a lot.
        self.vocabulary = frozenset().union(*(alts for _, alts in self.must + self.nice))
        self.weights = {k: float(v) for k, v in card.weights.items() if v}
        self.memo: dict = {}  # evidence tag -> relevance for this role (see signals.score)
        self.relevance = relevance_table(card.slug, self.vocabulary)


_PREPARED: dict[int, _Prepared] = {}


def prepared(card: Scorecard) -> _Prepared:
    """The card's requirements pre-split (cached by identity: scorecards are frozen)."""
    p = _PREPARED.get(id(card))
    if p is None or p.card is not card:
        if len(_PREPARED) > 512:
            _PREPARED.clear()
        p = _PREPARED[id(card)] = _Prepared(card)
    return p


def coverage(skills: frozenset[str] | set[str], prep: _Prepared) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """skills_coverage on already-normalized, expanded skills (the hot path used by score())."""
    have_must: list[str] = []
    missing: list[str] = []
    for token, alts in prep.must:
        (missing if alts.isdisjoint(skills) else have_must).append(token)
    have_nice = tuple(t for t, alts in prep.nice if not alts.isdisjoint(skills))
    n = len(prep.must)
    qualifies = n == 0 or len(have_must) * QUALIFY_DEN >= n * QUALIFY_NUM
    return tuple(have_must), tuple(missing), have_nice, qualifies


def skills_coverage(profile_skills: Iterable[str], card: Scorecard) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """(have_must, missing_must, have_nice, qualifies): qualifies with >= 70% of must-haves (70-30 rule)."""
    return coverage(expand_skills(profile_skills), prepared(card))
