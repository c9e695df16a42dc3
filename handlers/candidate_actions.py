"""Buttons on shortlist and digest entries: Shortlist, Pass, and the overflow (Details, Salary)."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import App

from bot.candidates import store
from bot.candidates.messages import card_message, parse_value
from bot.core.audit import audit
from bot.core.errors import NotFound, UserError
from bot.core.ids import ActionId
from bot.core.models import Candidate, Role
from bot.core.render import escape_mrkdwn, slack_date
from bot.salary.messages import salary_message
from bot.shortlist.messages import shortlist_message
from handlers.access import hiring_team
from handlers.common import services, team_of
from handlers.outreach import start_from_click


def _load(session: Any, team_id: str, cid: int, rid: int) -> tuple[Candidate, Role]:
    cand = session.get(Candidate, cid)
    role = session.get(Role, rid)
    if cand is None or cand.team_id != team_id or role is None or role.team_id != team_id:
        raise NotFound("That candidate is no longer here (they may have been forgotten).")
    return cand, role


def _outcome_blocks(body: dict[str, Any], block_prefix: str, outcome: str) -> list[dict[str, Any]] | None:
    """The clicked message's blocks with this candidate's buttons replaced by the outcome line."""
    blocks = (body.get("message") or {}).get("blocks") or []
    if not blocks:
        return None
    out = []
    for b in blocks:
        if b.get("block_id", "") == block_prefix + "-act":
            out.append({"type": "context", "block_id": f"{block_prefix}-done-{int(time.time())}",
                        "elements": [{"type": "mrkdwn", "text": outcome}]})
        else:
            out.append(b)
    return out


def _set_stage_from_click(ack: Any, body: dict[str, Any], context: Any, respond: Any, stage: str, verb: str) -> None:
    ack()
    action = body["actions"][0]
    cid, rid, ctx = parse_value(action.get("value") or action.get("selected_option", {}).get("value", "").split(":", 1)[-1])
    hb = services(context)
    team_id = team_of(context, body)
    user = body["user"]["id"]
    with hb.db.session() as session:
        cand, role = _load(session, team_id, cid, rid)
        store.set_stage(session=session, candidate=cand, role=role, stage=stage, user_id=user)
        outcome = f"{verb} {escape_mrkdwn(cand.name)} by <@{user}>, {slack_date(time.time())}"
        blocks = _outcome_blocks(body, f"cand-{cid}-{rid}", outcome)
        if blocks is not None:  # a message in a channel (a digest): edit it in place for everyone
            update = {"replace_original": True, "text": (body.get("message") or {}).get("text") or outcome, "blocks": blocks}
        elif ctx:  # an ephemeral shortlist: re-run it with the outcome on top

            update = {"replace_original": True, **shortlist_message(session=session, team_id=team_id, text=ctx, notice=outcome)}
        else:
            update = {"replace_original": False, "response_type": "ephemeral", "text": outcome}
    # The click is acked when this listener returns; the message update follows without holding it.
    hb.background.submit(respond, **update)


def handle_pass(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """Pass: the candidate leaves this role's shortlist."""
    _set_stage_from_click(ack, body, context, respond, "passed", "❌ Passed on")


def handle_shortlist_click(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """Shortlist: move the candidate to 'shortlisted' (the hiring clock starts)."""
    _set_stage_from_click(ack, body, context, respond, "shortlisted", "✅ Shortlisted")


def handle_more(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """The overflow menu: details, salary for the role, or start outreach."""
    ack()
    choice = (body["actions"][0].get("selected_option") or {}).get("value") or ""  # a button here: "older message"
    kind, _, value = choice.partition(":")
    cid, rid, _ctx = parse_value(value)
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand, role = _load(session, team_id, cid, rid)
        if kind == "details":

            audit(session=session, team_id=team_id, user_id=body["user"]["id"], action="view", candidate_id=cid)
            respond(replace_original=False, response_type="ephemeral", **card_message(session=session, candidate=cand))
        elif kind == "salary":

            respond(replace_original=False, response_type="ephemeral",
                    **salary_message(session=session, team_id=team_id, text=f"{role.slug} {role.level or ''}".strip()))
        elif kind == "outreach":

            start_from_click(hb=hb, session=session, body=body, candidate=cand, role=role, respond=respond)
        else:
            raise UserError("That menu option is from an older Hirebot message; run the command again.")


def register(app: App) -> None:
    """Register the candidate buttons."""
    app.action(ActionId.CANDIDATE_PASS, middleware=[hiring_team])(handle_pass)
    app.action(ActionId.CANDIDATE_SHORTLIST, middleware=[hiring_team])(handle_shortlist_click)
    app.action(ActionId.CANDIDATE_MORE, middleware=[hiring_team])(handle_more)
