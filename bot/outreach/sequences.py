"""Sequences: the team's named step schedules (business-day offsets and draft templates)."""

from __future__ import annotations

import re
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.errors import NotFound, UserError
from bot.core.models import Sequence, SequenceStep
from bot.core.teams import ensure_team
from bot.outreach.drafts import DEFAULT_TEMPLATES, template_exists

DEFAULT_SEQUENCE = "default"


DEFAULT_OFFSETS = (0, 3, 7, 14, 21)  # 000_43590e2982354659.txt: five stages double the reply rate


MAX_STEPS = 8


MAX_OFFSET = 90


NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


# -- sequences ------------------------------------------------------------------------------------
def default_templates(n: int) -> list[str]:
    """Draft templates for an n-step sequence: the first touch, the follow-ups, the closing message."""
    if n == 1:
        return [DEFAULT_TEMPLATES[0]]
    middle = DEFAULT_TEMPLATES[1:4]
    return [DEFAULT_TEMPLATES[0]] + [middle[min(i, len(middle) - 1)] for i in range(n - 2)] + [DEFAULT_TEMPLATES[4]]


def _replace_steps(seq: Sequence, team_id: str, offsets: tuple[int, ...], templates: list[str]) -> None:
    seq.steps = [SequenceStep(team_id=team_id, position=i, day_offset=off, template=tpl)
                 for i, (off, tpl) in enumerate(zip(offsets, templates), 1)]


def ensure_default_sequence(*, session: Session, team_id: str) -> Sequence:
    """The team's default five-step sequence, created on first use."""
    seq = session.scalar(select(Sequence).where(Sequence.team_id == team_id, Sequence.name == DEFAULT_SEQUENCE))
    if seq is None:
        ensure_team(session=session, team_id=team_id)
        seq = Sequence(team_id=team_id, name=DEFAULT_SEQUENCE)
        _replace_steps(seq, team_id, DEFAULT_OFFSETS, default_templates(len(DEFAULT_OFFSETS)))
        session.add(seq)
        session.flush()
    return seq


def list_sequences(*, session: Session, team_id: str) -> list[Sequence]:
    """Every sequence of the team (the default one included), by name."""
    ensure_default_sequence(session=session, team_id=team_id)
    return list(session.scalars(select(Sequence).where(Sequence.team_id == team_id).order_by(Sequence.name)))


def get_sequence(*, session: Session, team_id: str, name: str) -> Sequence:
    """The sequence called `name`; NotFound with the team's sequence names otherwise."""
    seqs = {s.name: s for s in list_sequences(session=session, team_id=team_id)}
    found = seqs.get(name.strip().lower())
    if found is None:
        raise NotFound(f"No sequence called {name!r}.", suggestions=tuple(seqs),
                       example=f"/outreach sequence set {name.strip().lower() or 'short'} days:0,3,7")
    return found


def parse_days(text: str) -> tuple[int, ...]:
    """`0,3,7,14,21` -> offsets; UserError unless they start at 0 and increase (at most MAX_STEPS, MAX_OFFSET)."""
    example = "/outreach sequence set default days:0,3,7,14,21"
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise UserError(f"days: takes business-day offsets separated by commas, not {text!r}.", example=example)
    offsets = tuple(int(p) for p in parts)
    if offsets[0] != 0:
        raise UserError("The first step is the first message, sent the day you start: begin with 0.", example=example)
    if any(b <= a for a, b in pairwise(offsets)):
        raise UserError("Each step must come after the one before it (offsets must increase).", example=example)
    if len(offsets) > MAX_STEPS:
        raise UserError(f"A sequence has at most {MAX_STEPS} steps; five is what the research recommends.", example=example)
    if offsets[-1] > MAX_OFFSET:
        raise UserError(f"Keep the last step within {MAX_OFFSET} business days.", example=example)
    return offsets


def set_sequence(*, session: Session, team_id: str, name: str, offsets: tuple[int, ...],
                 templates: list[str] | None = None) -> Sequence:
    """Create or replace a sequence's steps (active enrollments follow the new steps from their next one)."""
    name = name.strip().lower()
    if not NAME_RE.match(name):
        raise UserError(f"{name!r} is not a sequence name: lowercase letters, digits, - and _.",
                        example="/outreach sequence set short days:0,4,9")
    templates = list(templates) if templates else default_templates(len(offsets))
    if len(templates) != len(offsets):
        raise UserError(f"Give one template per step: {len(offsets)} days but {len(templates)} templates.",
                        example="/outreach sequence set short days:0,4,9 templates:step_1,step_3,step_5")
    bad = [t for t in templates if not template_exists(t)]
    if bad:
        raise UserError("No draft template " + ", ".join(f"`{t}`" for t in bad) + ".",
                        suggestions=DEFAULT_TEMPLATES, example="/outreach sequence set short days:0,4,9 templates:step_1,step_3,step_5")
    ensure_default_sequence(session=session, team_id=team_id)
    seq = session.scalar(select(Sequence).where(Sequence.team_id == team_id, Sequence.name == name))
    if seq is None:
        seq = Sequence(team_id=team_id, name=name)
        session.add(seq)
    _replace_steps(seq, team_id, offsets, templates)
    session.flush()
    return seq


def steps_text(seq: Sequence) -> str:
    """`day 0 (step_1), day 3 (step_2), ...`"""
    return ", ".join(f"day {s.day_offset} ({s.template})" for s in seq.steps)
