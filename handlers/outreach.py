"""/outreach: sequences, follow-up nudges and reply intents; the nudge buttons and the Log reply modal."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import App

from bot.candidates import store
from bot.candidates.messages import parse_value
from bot.candidates.service import candidate_of, enrich_candidate
from bot.core.errors import NotFound, UserError
from bot.core.ids import ActionId, Command
from bot.core.models import Candidate, Role
from bot.core.people import Person, known_people, lookup_person, remember_person
from bot.core.render import escape_mrkdwn, render
from bot.core.services import Services
from bot.core.slack import quick_client
from bot.core.teamclient import client_for_team
from bot.core.text import key_values, unescape_slack
from bot.outreach import service as outreach
from bot.outreach.messages import candidate_link, nudge_message, reply_message, status_lines
from bot.outreach.sequences import DEFAULT_SEQUENCE, get_sequence, list_sequences
from bot.outreach.stats import duration_text, stats
from bot.roles.messages import best_match_note
from bot.roles.service import get_role, role_of
from bot.salary.messages import salary_message
from handlers.access import hiring_team
from handlers.common import services, team_of
from handlers.dispatch import Sub, subcommand_router
from handlers.mailbox import cmd_mailbox
from handlers.outreach_settings import cmd_channel, cmd_pitch, cmd_sequence

EXAMPLE_START = "/outreach start octocat role:ml-engineer"
EXAMPLE_REPLY = "/outreach reply octocat Thanks! Happy to chat next week"


def user_of(body: dict[str, Any]) -> str:
    return body.get("user_id") or (body.get("user") or {}).get("id") or "unknown"


def _quick_client(hb: Services, client: Any) -> Any:
    """A client for one call on the request path (see bot.slack.quick_client)."""

    return quick_client(hb.settings, client)


def _learn_person(hb: Services, client: Any, team_id: str, user_id: str) -> None:
    """Background: ask users.info again (with retries) and remember the answer for the next request and the clock."""
    found = lookup_person(client, user_id, hb.settings.default_timezone)
    if found is not None:
        with hb.db.session() as session:
            remember_person(session=session, team_id=team_id, who=found)


def owner_of(hb: Services, client: Any, user_id: str, *, session: Any, team_id: str) -> Person:
    """The user's remembered timezone and name; users.info (quick, no 429 waits) only for someone new,
    and the default timezone when Slack can't say in time."""
    known = known_people(session=session, team_id=team_id).get(user_id)
    if known is not None:
        return known
    default = Person(user_id, hb.settings.default_timezone)
    if client is None:
        return default
    found = lookup_person(_quick_client(hb, client), user_id, hb.settings.default_timezone)
    if found is None:
        hb.background.submit(_learn_person, hb, client, team_id, user_id)  # next time it is known
        return default
    remember_person(session=session, team_id=team_id, who=found)
    return found


# -- /outreach start ------------------------------------------------------------------------------
def start_message(*, hb: Services, session: Any, team_id: str, candidate: Candidate, role: Role | None,
                  sequence_name: str | None, owner: Person) -> dict[str, Any]:
    """Enrol and return the step-1 draft with its buttons."""
    seq = get_sequence(session=session, team_id=team_id, name=sequence_name or DEFAULT_SEQUENCE)
    now = hb.now()
    enr = outreach.start_enrollment(session=session, team_id=team_id, candidate=candidate, role=role, sequence=seq,
                                    owner=owner, now=now)
    return nudge_message(session=session, enr=enr, step=1, owner=owner, now=now, started=True)


def _find_for_start(session: Any, team_id: str, words: list[str]) -> Candidate:
    """The candidate; when `<candidate> <word>` fails but `<candidate>` exists, the word was a sequence typo."""
    try:
        return store.find_candidate(session=session, team_id=team_id, ref=" ".join(words))
    except NotFound:
        if len(words) > 1:
            try:
                store.find_candidate(session=session, team_id=team_id, ref=" ".join(words[:-1]))
            except NotFound:
                pass
            else:
                get_sequence(session=session, team_id=team_id, name=words[-1])
        raise


def cmd_start(*, args: list[str], body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """Enrol a candidate with the caller as owner; answer with the first draft."""
    positional, named = key_values(args, {"role", "sequence", "seq"})
    if not positional:
        raise UserError("Say which candidate to start outreach to.", example=EXAMPLE_START)
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        owner = owner_of(hb, client, user_of(body), session=session, team_id=team_id)
        seq_name = (named.get("sequence") or named.get("seq") or [None])[-1]
        names = {s.name for s in list_sequences(session=session, team_id=team_id)}
        if seq_name is None and len(positional) > 1 and positional[-1].lower() in names:
            seq_name = positional.pop().lower()
        cand = _find_for_start(session, team_id, positional)
        inferred = not named.get("role") and not store.in_any_pipeline(session=session, candidate=cand)
        role = outreach.resolve_role(session=session, team_id=team_id, candidate=cand,
                                     name=(named.get("role") or [None])[-1],
                                     example=f"/outreach start {cand.github or '#' + str(cand.id)}")
        message = start_message(hb=hb, session=session, team_id=team_id, candidate=cand, role=role,
                                sequence_name=seq_name, owner=owner)
        if inferred and role is not None:
            message["blocks"].append(best_match_note(role))
        return message


def start_from_click(*, hb: Services, session: Any, body: dict[str, Any], candidate: Candidate, role: Role | None,
                     respond: Any, client: Any = None) -> None:
    """'Start outreach' from a shortlist, digest or re-engage reminder: the draft arrives as an ephemeral reply."""

    client = client or client_for_team(hb, candidate.team_id)
    owner = owner_of(hb, client, user_of(body), session=session, team_id=candidate.team_id)
    message = start_message(hb=hb, session=session, team_id=candidate.team_id, candidate=candidate, role=role,
                            sequence_name=None, owner=owner)
    respond(replace_original=False, response_type="ephemeral", **message)


def handle_start_click(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """The 'Start outreach' button (value `candidate|role|context`; role 0 means 'work it out')."""

    ack()
    cid, rid, _ctx = parse_value(body["actions"][0].get("value") or "")
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = candidate_of(session=session, candidate_id=cid, team_id=team_id)
        if cand is None:
            raise NotFound("That candidate is no longer here (they may have been forgotten).")
        role = role_of(session=session, team_id=team_id, role_id=rid) if rid else None
        if role is None:
            role = outreach.resolve_role(session=session, team_id=team_id, candidate=cand, name=None,
                                         example=f"/outreach start {cand.github or '#' + str(cand.id)}")
        start_from_click(hb=hb, session=session, body=body, candidate=cand, role=role, respond=respond, client=client)


def salary_blocks(session: Any, team_id: str, res: outreach.ReplyResult, *, in_modal: bool) -> list[dict[str, Any]]:
    """The /salary answer for the reply's role (compensation replies), or a line saying why there is none."""

    if not res.role_slug:
        return [{"type": "context", "block_id": "reply-salary-none", "elements": [{"type": "mrkdwn",
                 "text": "No role on this sequence, so no benchmark: try `/salary ml-engineer senior`."}]}]
    for text in filter(None, (f"{res.role_slug} {res.role_level}" if res.role_level else None, res.role_slug)):
        try:
            blocks = salary_message(session=session, team_id=team_id, text=text,
                                    candidate_id=res.candidate_id)["blocks"]  # the candidate's own country
        except UserError:
            continue
        return [b for b in blocks if not (in_modal and b.get("type") == "actions")]  # the Chart button needs a channel
    return [{"type": "context", "block_id": "reply-salary-none", "elements": [{"type": "mrkdwn",
             "text": f"No /salary benchmark for `{escape_mrkdwn(res.role_slug)}`: try `/salary ml-engineer senior`."}]}]


def after_reply(hb: Services, res: outreach.ReplyResult) -> None:
    """Look up a referred person's public work after the answer went out."""
    if res.referral_id:

        with hb.db.session() as session:
            cand = candidate_of(session=session, candidate_id=res.referral_id)
            pending = cand is not None and cand.enrichment_status == "pending"
        if pending:
            hb.background.submit(enrich_candidate, hb, res.referral_id)


# -- /outreach reply, stop, status, stats -----------------------------------------------------------
_QUOTED = re.compile(r'^\s*["“](.+?)["”]\s+(.*)$', re.DOTALL)


def _reply_parts(session: Any, team_id: str, rest: str) -> tuple[Candidate, str]:
    """Split `<candidate> <their reply>`: a quoted name, a handle, or a name of up to three words."""
    m = _QUOTED.match(rest)
    if m:
        return store.find_candidate(session=session, team_id=team_id, ref=m.group(1)), m.group(2).strip()
    first: UserError | None = None
    # Longest name first: lookup matches name prefixes, so "Ines" alone would also find Ines Okafor
    # and leave "Okafor" at the start of her reply.
    for n in (3, 2, 1):
        parts = rest.split(None, n)
        if len(parts) <= n:
            continue
        try:
            return store.find_candidate(session=session, team_id=team_id, ref=" ".join(parts[:n])), parts[n].strip()
        except NotFound as exc:
            first = first or exc
    raise first or UserError("Say which candidate and paste what they wrote.", example=EXAMPLE_REPLY)


def cmd_reply(*, body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """Log a candidate's reply: classify it, show the label and next step, and act on it."""
    # The reply is free text: take it raw (quotes, apostrophes and line breaks intact), not as shell words.
    raw = unescape_slack(body.get("text", "")).strip().split(None, 1)
    rest = raw[1] if len(raw) > 1 else ""
    if len(rest.split()) < 2:
        raise UserError("Say which candidate and paste what they wrote.", example=EXAMPLE_REPLY)
    hb = services(context)
    team_id = team_of(context, body)
    user = user_of(body)
    now = hb.now()
    with hb.db.session() as session:
        cand, text = _reply_parts(session, team_id, rest)
        enr = outreach.enrollment_for_reply(session=session, candidate=cand, user=user)
        owner = owner_of(hb, client, enr.owner_user_id, session=session, team_id=team_id)
        # The whole paste goes to the reader (a raw email's headers can run long); only the new text is stored.
        res = outreach.log_reply(session=session, enr=enr, candidate=cand, text=text[:100_000], user=user, tz=owner.tz,
                                 now=now)
        extra = salary_blocks(session, team_id, res, in_modal=False) if res.intent.label == "compensation" else []
        message = reply_message(res, logged_by=user, extra_blocks=extra)
    after_reply(hb, res)
    return message


def cmd_stop(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Stop a candidate's active sequence."""
    if not args:
        raise UserError("Say whose sequence to stop.", example="/outreach stop octocat")
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        cand = store.find_candidate(session=session, team_id=team_id, ref=" ".join(args))
        enr = outreach.active_enrollment(session=session, candidate_id=cand.id)
        if enr is None:
            raise UserError(f"{cand.name} has no active sequence.", example=f"/outreach status {args[0]}")
        outcome = outreach.stop(session=session, enr=enr, user=user_of(body), now=hb.now())
        whose = "" if enr.owner_user_id == user_of(body) else f" (owned by <@{enr.owner_user_id}>)"
        return {"text": f"Stopped outreach to *{escape_mrkdwn(cand.name)}*{whose} at step {enr.current_step}. {outcome}"}


def _chunks(lines: list[str], limit: int = 2900) -> list[list[str]]:
    out: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if out[-1] and size + len(line) + 1 > limit:
            out.append([])
            size = 0
        out[-1].append(line)
        size += len(line) + 1
    return [c for c in out if c]


def cmd_status(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """The caller's active sequences (or one candidate's history), due dates in the reader's timezone."""
    hb = services(context)
    team_id = team_of(context, body)
    user = user_of(body)
    now = hb.now()
    with hb.db.session() as session:
        if args:
            cand = store.find_candidate(session=session, team_id=team_id, ref=" ".join(args))
            lines = status_lines(session=session, team_id=team_id, candidate=cand, now=now)
            title = f"*Outreach to {candidate_link(cand)}*" + (" · 🚫 do not contact" if cand.do_not_contact else "")
            text = f"Outreach to {cand.name}: {len(lines)} entries."
            if not lines:
                lines = [f"No sequences yet: `/outreach start {escape_mrkdwn(args[0])}`."]
        else:
            lines = status_lines(session=session, team_id=team_id, owner=user, now=now)
            title = f"*Your active sequences* ({len(lines)})"
            text = f"You have {len(lines)} active outreach sequence{'s' if len(lines) != 1 else ''}."
            if not lines:
                lines = [f"None. Start one with `{EXAMPLE_START}` or the *Start outreach* button on a shortlist."]
    return render("outreach/status.json.j2", text=text, title=title, chunks=_chunks(lines),
                  footer="Dates are in your timezone. `/outreach status <candidate>` shows one person's history; "
                         "`/outreach stats` the reply rates.")


def cmd_stats(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Reply rate per step and per intent, and the median time to reply (for one role or all)."""
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        role = get_role(session=session, team_id=team_id, name=" ".join(args)) if args else None
        st = stats(session=session, team_id=team_id, role=role)
    scope = escape_mrkdwn(role.title) if role else "all roles"
    rate = f" ({st.replied / st.contacted:.0%} of those contacted)" if st.contacted else ""
    median = f" · median time to reply: *{duration_text(st.median_hours)}*" if st.median_hours is not None else ""
    total_replies = sum(n for _, n in st.intents) or 1
    return render(
        "outreach/stats.json.j2", title=f"*Outreach stats* · {scope}",
        text=f"Outreach for {role.title if role else 'all roles'}: {st.replied} of {st.contacted} contacted replied.",
        overview=f"{st.enrolled} enrolled · {st.contacted} contacted · *{st.replied} replied*{rate}{median}",
        step_lines=[f"Step {s.step}: {s.replies} of {s.sent} ({s.rate:.0%})" for s in st.steps],
        intent_lines=[f"{label.replace('_', ' ')}: {n} ({n / total_replies:.0%})" for label, n in st.intents],
        footer="Benchmarks: ~15% reply to a first touch and ~50% to follow-ups; five-step sequences double replies "
               "(000_43590e2982354659.txt). A reply counts toward the last step sent before it.")


SUBCOMMANDS: dict[str, Any] = {
    "start": Sub(cmd_start, hiring_team), "status": Sub(cmd_status, hiring_team), "reply": Sub(cmd_reply, hiring_team),
    "stop": Sub(cmd_stop, hiring_team), "stats": Sub(cmd_stats, hiring_team),
    "sequence": Sub(cmd_sequence, hiring_team), "sequences": Sub(cmd_sequence, hiring_team),
    "channel": Sub(cmd_channel, hiring_team), "pitch": Sub(cmd_pitch, hiring_team),
    "mailbox": Sub(cmd_mailbox, hiring_team),
}


def register(app: App) -> None:
    """Register /outreach and the Start outreach button."""
    app.command(Command.OUTREACH, middleware=[hiring_team])(subcommand_router(Command.OUTREACH, SUBCOMMANDS))
    app.action(ActionId.OUTREACH_START, middleware=[hiring_team])(handle_start_click)
