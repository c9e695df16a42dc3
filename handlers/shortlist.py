"""/shortlist <role> [N] [filters]: the team's best candidates for a role, answered in the ack."""

from __future__ import annotations

import re
import uuid
from typing import Any

from slack_bolt import App
from sqlalchemy import select

from bot.candidates.messages import candidate_item
from bot.core.errors import UserError
from bot.core.ids import Command
from bot.core.models import Team
from bot.core.render import escape_mrkdwn, render
from bot.core.versioning import RenderCache
from bot.roles.service import get_role
from bot.shortlist.service import shortlist
from handlers.access import hiring_team
from handlers.common import key_values, services, split_args, team_of, wants_help
from handlers.help import help_message

DEFAULT_N, MAX_N, FULL_CARDS = 10, 25, 10
# Rendered shortlists, reused until the team's data version moves (bot/versioning.py). Safe
# because the reply depends only on the team's data and the command text, never on the caller.
_CACHE = RenderCache()
EXAMPLE = "/shortlist ml-engineer 10 location:europe min:60"
FILTERS = {"location", "loc", "min", "skill"}


def parse_shortlist(text: str) -> dict[str, Any]:
    """Read `<role> [N] [location:x] [min:S] [skill:x] [remote]` into a query; UserError on bad input."""
    words = split_args(text)
    positional, named = key_values(words, FILTERS)
    remote = any(w.lower() == "remote" for w in positional)
    positional = [w for w in positional if w.lower() != "remote"]
    if not positional:
        raise UserError("Say which role to shortlist.", example=EXAMPLE)
    n = DEFAULT_N
    role_words = []
    for w in positional:
        if re.fullmatch(r"\d+", w):
            n = int(w)
        else:
            role_words.append(w)
    if not 1 <= n <= MAX_N:
        raise UserError(f"N must be between 1 and {MAX_N}; you asked for {n}.", example=EXAMPLE)
    min_score = 0
    if "min" in named:
        raw = named["min"][-1]
        if not raw.isdigit() or not 0 <= int(raw) <= 100:
            raise UserError(f"min: takes a score from 0 to 100, not {raw!r}.", example=EXAMPLE)
        min_score = int(raw)
    location = (named.get("location") or named.get("loc") or [None])[-1]
    return {"role": " ".join(role_words), "n": n, "min_score": min_score, "location": location,
            "skill": (named.get("skill") or [None])[-1], "remote": remote}


def shortlist_message(*, session: Any, team_id: str, text: str, notice: str | None = None) -> dict[str, Any]:
    """The rendered shortlist for a command text (also used to refresh it after a click)."""
    q = parse_shortlist(text)
    role = get_role(session=session, team_id=team_id, name=q["role"])
    rows = shortlist(session=session, team_id=team_id, role=role, limit=q["n"], min_score=q["min_score"],
                           location=q["location"], skill=q["skill"], remote=q["remote"])
    context = f"{role.slug} {q['n']}" + "".join(
        f" {k}:{v}" for k, v in (("location", q["location"]), ("min", q["min_score"] or None), ("skill", q["skill"])) if v
    ) + (" remote" if q["remote"] else "")
    items = [candidate_item(i, r.candidate, r.score, stage=r.stage, role_id=role.id, context=context)
             for i, r in enumerate(rows, 1)]
    filters = [f"{k}: {escape_mrkdwn(v)}" for k, v in (("location", q["location"]), ("skill", q["skill"])) if v]
    if q["min_score"]:
        filters.append(f"min score {q['min_score']}")
    if q["remote"]:
        filters.append("remote only")
    meta = f"Top {len(items)} for *{escape_mrkdwn(role.title)}*" + (f" · {', '.join(filters)}" if filters else "") + \
        " · every point links to its evidence · `/candidate show <name>` for the full card"
    best = rows[0] if rows else None
    summary = (f"{len(rows)} {role.title} candidates; best: {escape_mrkdwn(best.candidate.name)}, {best.score.total}." if best
               else f"No {role.title} candidates match yet.")
    empty = ("No candidates match. Add some with `/candidate add github:<login> role:" + role.slug + "`"
             + (", or loosen the filters." if filters else ", or load the fictional sample team with `hirebot demo-data`."))
    return render("shortlist.json.j2", role_title=role.title, items=items, meta=meta, summary=summary,
                  notice=notice, notice_id=uuid.uuid4().hex[:8], compact=len(items) > FULL_CARDS, empty_hint=empty)


def handle_shortlist(ack: Any, body: dict[str, Any], context: Any) -> None:
    """Stored scores make this cheap, so the answer goes in the ack."""
    if wants_help(split_args(body.get("text", ""))):
        ack(**help_message(Command.SHORTLIST))
        return
    hb = services(context)
    team_id = team_of(context, body)
    text = " ".join(body.get("text", "").split())
    with hb.db.session() as session:
        version = session.execute(select(Team.data_version, Team.created_at).where(Team.team_id == team_id)).first()
        key = (team_id, *version, text) if version else None
        message = _CACHE.get(key) if key else None
        if message is None:
            message = shortlist_message(session=session, team_id=team_id, text=text)
            if key:
                _CACHE.put(key, message)
    ack(response_type="ephemeral", **message)


def register(app: App) -> None:
    """Register /shortlist (its buttons live in handlers.candidate_actions)."""
    app.command(Command.SHORTLIST, middleware=[hiring_team])(handle_shortlist)
