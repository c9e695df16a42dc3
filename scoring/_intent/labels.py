"""The eight reply labels, their priority, and the Intent / Referral results classify() returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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
