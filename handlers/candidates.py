"""/candidate: add, show, note, stage, discover, export, forget, find, list."""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from slack_bolt import App

from bot.candidates import store
from bot.candidates.discover import add_contributors, recent_contributors
from bot.candidates.messages import card_message
from bot.candidates.results import find_message, list_message
from bot.candidates.service import (
    add_note,
    add_or_update,
    candidate_of,
    enrich_candidate,
    parse_intake,
    pipeline_role,
    score_now,
)
from bot.core.audit import audit
from bot.core.errors import UserError
from bot.core.ids import Command
from bot.core.render import escape_mrkdwn
from bot.core.text import key_values
from bot.privacy.export import export_data
from bot.privacy.forget import erase_from_disk, forget_candidate
from bot.roles.messages import best_match_note
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
        cand = candidate_of(session=session, candidate_id=candidate_id)
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
        added = add_or_update(session=session, team_id=team_id, intake=intake, user_id=_caller(body), source="slack")
        cand, created = added.candidate, added.created
        cid, name, pending = cand.id, cand.name, cand.enrichment_status == "pending"
        if not pending:

            score_now(session=session, candidate=cand, now=hb.now())
    verb = "Added" if created else "Updated"
    notices = "".join("\n" + n for n in added.notices)  # service-built, already escaped
    if pending:
        hb.background.submit(_enrich_then_report, hb, cid, respond)
        return {"text": f"{verb} *{escape_mrkdwn(name)}* (#{cid}). Looking up their public work now; "
                        "the scores follow in a moment." + notices}
    return {"text": f"{verb} *{escape_mrkdwn(name)}* (#{cid}). `/candidate show #{cid}` for the card." + notices}


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
        add_note(session=session, team_id=team_id, candidate=cand, user_id=_caller(body), text=" ".join(args[1:]))
        return {"text": f"Noted on *{escape_mrkdwn(cand.name)}*."}


def cmd_edit(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Correct a candidate's name or location, or set the name drafts greet them by."""
    positional, named = key_values(args, set(store.EDITABLE))
    example = '/candidate edit tsai preferred:"Ming-Hui"'
    unknown = [w for w in positional if ":" in w]
    if unknown:
        raise UserError(f"`{escape_mrkdwn(unknown[0])}`: edit changes " + ", ".join(f"`{k}:`" for k in store.EDITABLE) + ".",
                        example=example)
    if not positional or not named:
        raise UserError("Say which candidate and what to change (" + ", ".join(f"{k}:" for k in store.EDITABLE) + ").",
                        example=example)
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=" ".join(positional))
        changed = store.edit_candidate(session=session, candidate=cand, changes={k: v[-1] for k, v in named.items()})
        return {"text": f"Updated {', '.join(changed)} for *{escape_mrkdwn(cand.name)}*."}


def cmd_stage(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Move a candidate to a hiring stage for a role."""
    positional, named = key_values(args, {"role"})
    if len(positional) < 2:
        raise UserError("Say which candidate and which stage (" + ", ".join(store.STAGES) + ").",
                        example="/candidate stage octocat interview role:ml-engineer")
    ref, stage = " ".join(positional[:-1]), positional[-1].lower()  # a name may have several words
    if stage not in store.STAGES:

        raise UserError(f"{stage!r} is not a stage. Stages: " + ", ".join(store.STAGES) + ".",
                        suggestions=tuple(difflib.get_close_matches(stage, store.STAGES, n=2)),
                        example=f"/candidate stage {ref} interview")
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=ref)
        inferred = "role" not in named and not store.in_any_pipeline(session=session, candidate=cand)
        role = pipeline_role(session=session, team_id=team_id, candidate=cand,
                             name=named["role"][-1] if "role" in named else None,
                             example=f"/candidate stage {ref} {stage}")
        store.set_stage(session=session, candidate=cand, role=role, stage=stage, user_id=_caller(body))
        text = f"*{escape_mrkdwn(cand.name)}* is now at *{stage}* for {escape_mrkdwn(role.title)}."
        if not inferred:
            return {"text": text}
        note = best_match_note(role)
        return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}, note]}


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
    erase_from_disk(hb.db)
    return {"text": f"Forgot candidate #{cid}: every row about them is erased (the audit log keeps only the id)."}


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


DISCOVER_OPTIONS = ("repo", "since", "role", "limit")  # the help and README name each


def cmd_discover(*, args: list[str], body: dict[str, Any], context: Any, respond: Any, **_: Any) -> dict[str, Any]:
    """Add the recent merged-PR authors of a repository as candidates (bounded, deduplicated)."""
    example = "/candidate discover repo:pytorch/pytorch since:90d role:ml-engineer"
    positional, named = key_values(args, set(DISCOVER_OPTIONS))
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
    try:
        logins = recent_contributors(hb, repo=repo, days=days, limit=limit)
    except SourceError as exc:
        if respond:
            respond(text=f":hourglass: GitHub is unavailable right now ({exc.reason}); try again later.",
                    response_type="ephemeral", replace_original=False)
        return
    added, known = add_contributors(hb, team_id=team_id, repo=repo, logins=logins, roles=roles, user_id=user_id)
    if respond:
        respond(response_type="ephemeral", replace_original=False,
                text=f"Found {len(logins)} recent contributors to *{escape_mrkdwn(repo)}*: {len(added)} added, {known} already known. "
                     "They are being enriched and scored; `/shortlist` shows them as scores land.")


def cmd_find(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Search the team's candidates by name, handle, email, skill, place or repository, best first."""
    hb = services(context)
    with hb.db.session() as session:
        return find_message(session=session, team_id=team_of(context, body), text=_args_text(args), caller=_caller(body))


def cmd_list(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """The pipeline as a list, filtered by stage, role, owner and time at the stage."""
    hb = services(context)
    with hb.db.session() as session:
        return list_message(session=session, team_id=team_of(context, body), text=_args_text(args), caller=_caller(body))


def _args_text(args: list[str]) -> str:
    """The words again as one command text (quoted when a word has a space), for the paging buttons to re-run."""
    return " ".join(f'"{a}"' if " " in a and '"' not in a else a for a in args)


SUBCOMMANDS = {
    "add": Sub(cmd_add, hiring_team), "show": Sub(cmd_show, hiring_team), "note": Sub(cmd_note, hiring_team),
    "edit": Sub(cmd_edit, hiring_team),
    "stage": Sub(cmd_stage, hiring_team), "forget": Sub(cmd_forget, hiring_team),
    "export": Sub(cmd_export, hiring_team), "discover": Sub(cmd_discover, hiring_team),
    "find": Sub(cmd_find, hiring_team), "list": Sub(cmd_list, hiring_team),
}


def register(app: App) -> None:
    """Register /candidate."""
    app.command(Command.CANDIDATE, middleware=[hiring_team])(subcommand_router(Command.CANDIDATE, SUBCOMMANDS))
