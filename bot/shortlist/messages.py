"""The /shortlist reply as data for templates/shortlist/shortlist.json.j2 (which escapes and links)."""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple

from bot.candidates.messages import candidate_item, evidence, profile_url
from bot.core.csvsafe import csv_text
from bot.core.paging import EXPORT_MAX, paging
from bot.core.render import render
from bot.roles.service import explain, get_role, list_roles
from bot.shortlist.query import ShortlistRequest, parse_shortlist
from bot.shortlist.service import hidden_count, scored_count, shortlist

FULL_CARDS = 10  # past this many, entries are compact (no button row) to stay within 50 blocks
CSV_HEADER = ("rank", "name", "score", "location", "stage", "github", "huggingface", "profile", "top reasons")


class _Shown(NamedTuple):
    """What an entry reads of a score; the ORM row is left untouched, so showing it never writes."""

    total: int
    breakdown: dict[str, Any]


def _explained(session: Any, role: Any, rows: list[Any]) -> list[_Shown]:
    """The rows' scores with their breakdowns (bulk-rescored rows keep none: explained from stored features)."""
    return [_Shown(r.score.total, b) for r, b in zip(rows, explain(session=session, role=role, scores=[r.score for r in rows]))]


def read_request(*, session: Any, team_id: str, text: str) -> tuple[ShortlistRequest, Any]:
    """The checked request and the team's role it names (UserError/NotFound naming the wrong word)."""
    roles = list_roles(session=session, team_id=team_id)
    req = parse_shortlist(text, {r.slug: r.title for r in roles})
    return req, get_role(session=session, team_id=team_id, name=req.role_name)


def reading(req: ShortlistRequest, role: Any) -> dict[str, Any] | None:
    """How a plain-English request was read, its short form, the words not used, and a note on level."""
    q = req.query_for(role.slug)
    if not req.plain and not q.unread and not q.level:
        return None
    level_note = None
    if q.level:
        level_note = (f"Level {q.level}: scores read public work, not titles"
                      + (f" ({role.title} is set to {role.level})" if role.level and role.level != q.level else "")
                      + ".")
    return {"summary": q.summary(req.n), "command": q.command(req.n), "unread": list(q.unread), "level_note": level_note}


def shortlist_message(*, session: Any, team_id: str, text: str, notice: str | None = None,
                      offset: int = 0) -> dict[str, Any]:
    """The rendered shortlist for a command text, from row `offset` (also used to refresh it after a click)."""
    req, role = read_request(session=session, team_id=team_id, text=text)
    q = req.query
    rows = shortlist(session=session, team_id=team_id, role=role, limit=req.n + 1, offset=offset, **req.service_filters())
    more, rows = len(rows) > req.n, rows[:req.n]
    context = req.context(role.slug)
    items = [candidate_item(offset + i, r.candidate, score, stage=r.stage, role_id=role.id, context=context)
             for i, (r, score) in enumerate(zip(rows, _explained(session, role, rows)), 1)]
    best = rows[0] if rows else None
    filters = {"location": q.location, "skill": ", ".join(q.skills) or None, "min_score": q.min_score,
               "remote": q.remote, "stage": q.stage,
               "active": f"active in the last {q.active_days} days" if q.active_days else None}
    empty = not rows and not offset
    return render("shortlist/shortlist.json.j2", role={"title": role.title, "slug": role.slug}, items=items,
                  filters=filters, reading=reading(req, role),
                  scored=scored_count(session=session, team_id=team_id, role=role) if empty else None,
                  hidden=hidden_count(session=session, team_id=team_id, role=role) if empty and not q.stage else 0,
                  best={"name": best.candidate.name, "score": best.score.total} if best else None,
                  notice=notice, notice_id=uuid.uuid4().hex[:8], compact=len(items) > FULL_CARDS,
                  paging=paging("shortlist", context, offset=offset, shown=len(items), more=more, page=req.n))


def shortlist_csv(*, session: Any, team_id: str, text: str) -> tuple[str, str, int]:
    """The whole shortlist (up to EXPORT_MAX rows) as safe CSV: (file name, content, rows)."""
    req, role = read_request(session=session, team_id=team_id, text=text)
    rows = shortlist(session=session, team_id=team_id, role=role, limit=EXPORT_MAX, offset=0, **req.service_filters())
    lines = [(i, r.candidate.name, r.score.total, r.candidate.location, r.stage or "sourced", r.candidate.github,
              r.candidate.huggingface, profile_url(r.candidate),
              "; ".join(x["text"] for x in evidence(score.breakdown)["reasons"]))
             for i, (r, score) in enumerate(zip(rows, _explained(session, role, rows)), 1)]
    return f"shortlist-{role.slug}.csv", csv_text(CSV_HEADER, lines), len(lines)
