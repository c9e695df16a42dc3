"""/candidate: add, show, note, stage, discover, export, forget."""

from __future__ import annotations

import difflib
import json
import re
from datetime import timedelta
from typing import Any

from slack_bolt import App
from sqlalchemy import select

from bot.candidates import store
from bot.candidates.messages import card_message
from bot.candidates.service import (
    Intake,
    add_candidate,
    check_github,
    enrich_candidate,
    enricher_for,
    parse_intake,
    referral_notes_quoting,
    score_now,
)
from bot.core.audit import audit
from bot.core.errors import UserError
from bot.core.ids import Command
from bot.core.models import AuditEvent, Candidate, Enrollment, Note, PipelineEntry, Role, Score, Signal, Touch
from bot.core.render import escape_mrkdwn
from bot.core.text import key_values
from bot.privacy.forget import forget_candidate
from bot.roles.service import get_role
from bot.sources.base import SourceError
from handlers.access import hiring_team
from handlers.common import services, team_of
from handlers.dispatch import Sub, subcommand_router


def _caller(body: dict[str, Any]) -> str | None:
    return body.get("user_id") or (body.get("user") or {}).get("id")


def _enrich_then_report(hb: Any, candidate_id: int, respond: Any) -> None:
    """Background: enrich, rescore, then replace the 'working' reply with the card."""
    enrich_candidate(hb, candidate_id)
    if respond is None:
        return
    with hb.db.session() as session:
        cand = session.get(Candidate, candidate_id)
        if cand is None:
            return
        notice = "Enriched from public sources." if cand.enrichment_status == "ok" else \
            "Saved. Some sources are unavailable right now; Hirebot retries automatically and updates the scores."
        message = card_message(session=session, candidate=cand, notice=notice)
    respond(replace_original=False, response_type="ephemeral", **message)


def cmd_add(*, args: list[str], body: dict[str, Any], context: Any, respond: Any, **_: Any) -> dict[str, Any]:
    """Add a candidate from handles or links; enrichment runs after the ack."""
    intake = parse_intake(args)
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand, created = add_candidate(session=session, team_id=team_id, intake=intake, user_id=_caller(body), source="slack")
        cid, name, pending = cand.id, cand.name, cand.enrichment_status == "pending"
        if not pending:

            score_now(session=session, candidate=cand, now=hb.now())
    verb = "Added" if created else "Updated"
    if pending:
        hb.background.submit(_enrich_then_report, hb, cid, respond)
        return {"text": f"{verb} *{escape_mrkdwn(name)}* (#{cid}). Looking up their public work now; "
                        "the scores follow in a moment."}
    return {"text": f"{verb} *{escape_mrkdwn(name)}* (#{cid}). `/candidate show #{cid}` for the card."}


def cmd_show(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Show a candidate's card."""
    if not args:
        raise UserError("Say which candidate.", example="/candidate show octocat")
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=" ".join(args))
        audit(session=session, team_id=team_id, user_id=_caller(body), action="view", candidate_id=cand.id)
        return card_message(session=session, candidate=cand)


def cmd_note(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Leave a note on a candidate."""
    if len(args) < 2:
        raise UserError("Say which candidate and what to note.", example='/candidate note octocat "Strong on serving; ask about FSDP"')
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=args[0])
        session.add(Note(team_id=team_id, candidate_id=cand.id, author_user_id=_caller(body) or "unknown",
                         text=" ".join(args[1:])[:4000]))
        return {"text": f"Noted on *{escape_mrkdwn(cand.name)}*."}


def _role_for(session: Any, team_id: str, cand: Candidate, named: dict[str, list[str]], example: str) -> Role:
    if "role" in named:
        return get_role(session=session, team_id=team_id, name=named["role"][-1])
    entries = list(session.execute(select(Role).join(PipelineEntry, PipelineEntry.role_id == Role.id)
                                   .where(PipelineEntry.candidate_id == cand.id)).scalars())
    if len(entries) == 1:
        return entries[0]
    if not entries:
        raise UserError(f"{cand.name} is not in any role's pipeline yet; say which role.", example=example + " role:ml-engineer")
    raise UserError(f"{cand.name} is in several pipelines ({', '.join(r.slug for r in entries)}); say which role.",
                    example=example + f" role:{entries[0].slug}")


def cmd_stage(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Move a candidate to a hiring stage for a role."""
    positional, named = key_values(args, {"role"})
    if len(positional) != 2:
        raise UserError("Say which candidate and which stage (" + ", ".join(store.STAGES) + ").",
                        example="/candidate stage octocat interview role:ml-engineer")
    ref, stage = positional[0], positional[1].lower()
    if stage not in store.STAGES:

        raise UserError(f"{stage!r} is not a stage. Stages: " + ", ".join(store.STAGES) + ".",
                        suggestions=tuple(difflib.get_close_matches(stage, store.STAGES, n=2)),
                        example=f"/candidate stage {ref} interview")
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=ref)
        role = _role_for(session, team_id, cand, named, f"/candidate stage {ref} {stage}")
        store.set_stage(session=session, candidate=cand, role=role, stage=stage, user_id=_caller(body))
        return {"text": f"*{escape_mrkdwn(cand.name)}* is now at *{stage}* for {escape_mrkdwn(role.title)}."}


def cmd_forget(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Erase every row about a person."""
    if not args:
        raise UserError("Say which candidate to forget.", example="/candidate forget octocat")
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=" ".join(args))
        cid = cand.id
        forget_candidate(session=session, candidate=cand, user_id=_caller(body))
    return {"text": f"Forgot candidate #{cid}: every row about them is erased (the audit log keeps only the id)."}


def export_data(*, session: Any, candidate: Candidate) -> dict[str, Any]:
    """Everything stored about a person, as plain JSON-able data: outreach and its replies and the audit trail too."""
    c = candidate

    def row(obj: Any) -> dict[str, Any]:
        return {col.name: (v.isoformat() if hasattr(v, "isoformat") else v)
                for col in obj.__table__.columns for v in [getattr(obj, col.key)]}

    enrollments = list(session.scalars(select(Enrollment).where(Enrollment.candidate_id == c.id).order_by(Enrollment.id)))
    touches = list(session.scalars(select(Touch).where(Touch.enrollment_id.in_([e.id for e in enrollments]))
                                   .order_by(Touch.at, Touch.id))) if enrollments else []
    audit = session.scalars(select(AuditEvent).where(AuditEvent.team_id == c.team_id, AuditEvent.candidate_id == c.id)
                            .order_by(AuditEvent.at, AuditEvent.id))
    return {
        "candidate": row(c),
        "signals": [row(s) for s in session.scalars(select(Signal).where(Signal.candidate_id == c.id))],
        "scores": [row(s) for s in session.scalars(select(Score).where(Score.candidate_id == c.id))],
        "pipeline": [row(p) for p in session.scalars(select(PipelineEntry).where(PipelineEntry.candidate_id == c.id))],
        "notes": [row(n) for n in session.scalars(select(Note).where(Note.candidate_id == c.id))],
        "enrollments": [row(e) for e in enrollments],
        "touches": [row(t) for t in touches],
        "quoted_in_notes": [row(n) for n in referral_notes_quoting(session=session, candidate=c)],
        "audit": [row(a) for a in audit],
    }


def cmd_export(*, args: list[str], body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """Everything stored about a person, as a JSON file sent to the caller."""
    if not args:
        raise UserError("Say which candidate to export.", example="/candidate export octocat")
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=" ".join(args))
        data = export_data(session=session, candidate=cand)
        audit(session=session, team_id=team_id, user_id=_caller(body), action="export", candidate_id=cand.id)
        cid = cand.id
    payload = json.dumps(data, indent=2, default=str)
    user = _caller(body)
    hb.background.submit(_send_export, client, user, cid, payload)
    return {"text": f"Exporting everything stored about candidate #{cid}: the JSON file arrives in your DM with Hirebot."}


def _send_export(client: Any, user_id: str, cid: int, payload: str) -> None:
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(channel=dm, content=payload, filename=f"candidate-{cid}.json",
                           title=f"Candidate #{cid}: everything Hirebot stores", initial_comment="Your export.")


_SINCE = re.compile(r"^(\d{1,4})([dwm])$")


def cmd_discover(*, args: list[str], body: dict[str, Any], context: Any, respond: Any, **_: Any) -> dict[str, Any]:
    """Add the recent merged-PR authors of a repository as candidates (bounded, deduplicated)."""
    example = "/candidate discover repo:pytorch/pytorch since:90d role:ml-engineer"
    positional, named = key_values(args, {"repo", "since", "role", "limit"})
    repo = (named.get("repo") or positional[:1] or [None])[-1]
    if not repo or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repo.removeprefix("https://github.com/")):
        raise UserError("Say which repository, as owner/name.", example=example)
    repo = repo.removeprefix("https://github.com/")
    m = _SINCE.match((named.get("since") or ["90d"])[-1])
    if not m:
        raise UserError("since: takes days, weeks or months, like 90d, 6w or 3m.", example=example)
    days = int(m.group(1)) * {"d": 1, "w": 7, "m": 30}[m.group(2)]
    limit = int((named.get("limit") or ["25"])[-1]) if (named.get("limit") or ["25"])[-1].isdigit() else 25
    limit = max(1, min(limit, 50))
    hb = services(context)
    team_id = team_of(context, body)
    roles = named.get("role") or []
    with hb.db.session() as session:
        for r in roles:
            get_role(session=session, team_id=team_id, name=r)  # validate before any work
    hb.background.submit(_discover_job, hb, team_id, repo, days, limit, roles, _caller(body), respond)
    return {"text": f"Looking for people whose PRs were merged into *{escape_mrkdwn(repo)}* in the last {days} days "
                    f"(up to {limit}). Results follow here."}


def _discover_job(hb: Any, team_id: str, repo: str, days: int, limit: int, roles: list[str], user_id: str | None,
                  respond: Any) -> None:

    since = (hb.now() - timedelta(days=days)).date()
    github = enricher_for(hb).clients["github"]
    try:
        logins = github.discover_contributors(repo, since=since, limit=limit)
    except SourceError as exc:
        if respond:
            respond(text=f":hourglass: GitHub is unavailable right now ({exc.reason}); try again later.",
                    response_type="ephemeral", replace_original=False)
        return
    added, known = [], 0
    with hb.db.session() as session:
        for login in logins:
            cand, created = add_candidate(session=session, team_id=team_id, intake=Intake(github=check_github(login), roles=list(roles)),
                                          user_id=user_id, source=f"discover:{repo}")
            if created:
                added.append(cand.id)
            else:
                known += 1
    for cid in added:
        hb.background.submit(enrich_candidate, hb, cid)
    if respond:
        respond(response_type="ephemeral", replace_original=False,
                text=f"Found {len(logins)} recent contributors to *{escape_mrkdwn(repo)}*: {len(added)} added, {known} already known. "
                     "They are being enriched and scored; `/shortlist` shows them as scores land.")


SUBCOMMANDS = {
    "add": Sub(cmd_add, hiring_team), "show": Sub(cmd_show, hiring_team), "note": Sub(cmd_note, hiring_team),
    "stage": Sub(cmd_stage, hiring_team), "forget": Sub(cmd_forget, hiring_team),
    "export": Sub(cmd_export, hiring_team), "discover": Sub(cmd_discover, hiring_team),
}


def register(app: App) -> None:
    """Register /candidate."""
    app.command(Command.CANDIDATE, middleware=[hiring_team])(subcommand_router(Command.CANDIDATE, SUBCOMMANDS))
