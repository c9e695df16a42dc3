"""The /shortlist reply as data for templates/shortlist/shortlist.json.j2 (which escapes and links)."""

from __future__ import annotations

import uuid
from typing import Any

from bot.candidates.messages import candidate_item
from bot.core.render import render
from bot.roles.service import get_role
from bot.shortlist.query import parse_shortlist
from bot.shortlist.service import hidden_count, scored_count, shortlist

FULL_CARDS = 10  # past this many, entries are compact (no button row) to stay within 50 blocks


def shortlist_message(*, session: Any, team_id: str, text: str, notice: str | None = None) -> dict[str, Any]:
    """The rendered shortlist for a command text (also used to refresh it after a click)."""
    q = parse_shortlist(text)
    role = get_role(session=session, team_id=team_id, name=q["role"])
    rows = shortlist(session=session, team_id=team_id, role=role, limit=q["n"], min_score=q["min_score"],
                           location=q["location"], skill=q["skill"], remote=q["remote"], stage=q["stage"])
    context = f"{role.slug} {q['n']}" + "".join(
        f" {k}:{v}" for k, v in (("location", q["location"]), ("min", q["min_score"] or None), ("skill", q["skill"]),
                                 ("stage", q["stage"])) if v
    ) + (" remote" if q["remote"] else "")
    items = [candidate_item(i, r.candidate, r.score, stage=r.stage, role_id=role.id, context=context)
             for i, r in enumerate(rows, 1)]
    best = rows[0] if rows else None
    return render("shortlist/shortlist.json.j2", role={"title": role.title, "slug": role.slug}, items=items,
                  filters={"location": q["location"], "skill": q["skill"], "min_score": q["min_score"], "remote": q["remote"],
                           "stage": q["stage"]},
                  scored=scored_count(session=session, team_id=team_id, role=role) if not rows else None,
                  hidden=hidden_count(session=session, team_id=team_id, role=role) if not rows and not q["stage"] else 0,
                  best={"name": best.candidate.name, "score": best.score.total} if best else None,
                  notice=notice, notice_id=uuid.uuid4().hex[:8], compact=len(items) > FULL_CARDS)
