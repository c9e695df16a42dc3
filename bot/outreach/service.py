"""Outreach sequences: enrol a candidate, schedule steps in the owner's business days, nudge, record touches and replies.

Facts behind the defaults (../shared/seeds/000_43590e2982354659.txt): "a five-stage email sequence
doubles the reply rate compared to one-off emails", and "response rates on that initial outreach
might be 15%, but they might be 50% on the follow-up". So every team starts with five steps at
business-day offsets 0, 3, 7, 14 and 21, counted in the owner's own timezone (Sat/Sun skipped).

A step is due at 09:00 owner-local on its business day. The clock DMs the owner a nudge with the
draft; the owner sends it themselves and clicks Mark sent (the next step is scheduled), Snooze
(one business day), Log reply… or Stop. An ignored nudge comes back at most once a day: the
ledger key is (team, owner, "nudge", "<owner's local date>:<enrollment>:<step>").
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError
from sqlalchemy import String, and_, cast, exists, literal, or_, select, update
from sqlalchemy.orm import Session

from bot.candidates import store
from bot.core.clock import register_job
from bot.outreach.drafts import DEFAULT_TEMPLATES, render_draft, template_exists
from bot.core.errors import NotFound, NotPermitted, UserError
from bot.core.models import Candidate, Delivery, Enrollment, Role, Sequence, SequenceStep, Team, Touch
from bot.core.render import escape_mrkdwn, render, slack_date, truncate
from bot.core.services import Services
from scoring.intent import Intent, Label, classify

log = logging.getLogger(__name__)

DEFAULT_SEQUENCE = "default"
DEFAULT_OFFSETS = (0, 3, 7, 14, 21)  # 000_43590e2982354659.txt: five stages double the reply rate
MAX_STEPS = 8
MAX_OFFSET = 90
NUDGE_HOUR = 9  # a step is due at 09:00 in the owner's timezone
QUIET_HOUR = 20  # no nudge DMs from 20:00 to 09:00 owner-local, nor on Sat/Sun
REPEAT_GAP = timedelta(hours=12)  # an ignored nudge returns the next working day, never twice a day
OOO_DEFAULT_BUSINESS_DAYS = 5
REENGAGE_WINDOW = timedelta(days=30)  # a re-engage reminder missed by longer than this is dropped
MAX_NUDGES_PER_TICK = 2000
KIND_NUDGE = "nudge"
KIND_REENGAGE = "reengage"
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
STOPPING = {Label.INTERESTED, Label.COMPENSATION, Label.NOT_NOW, Label.NOT_INTERESTED, Label.REFERRAL,
            Label.UNSUBSCRIBE}
EARLY_STAGES = (None, "sourced", "shortlisted", "passed")  # starting outreach moves these to "contacted"


# -- time: business days in the owner's timezone ------------------------------------------------
def add_business_days(day: date, n: int) -> date:
    """The date `n` business days after `day`, skipping Saturdays and Sundays; 0 is `day` itself."""
    d = day
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def zone(tz: str | None) -> ZoneInfo:
    """A ZoneInfo for an IANA name, UTC when it is missing or unknown."""
    try:
        return ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def due_moment(day: date, tz: str) -> datetime:
    """09:00 owner-local on `day`, as aware UTC (DST-aware)."""
    return datetime.combine(day, dtime(NUDGE_HOUR), tzinfo=zone(tz)).astimezone(UTC)


def local_day(moment: datetime, tz: str) -> date:
    """The owner's calendar date at a UTC moment."""
    return moment.astimezone(zone(tz)).date()


@dataclass(frozen=True)
class Person:
    """What Hirebot knows about a Slack user: IANA timezone and display name."""

    user_id: str
    tz: str
    name: str | None = None


def lookup_person(client: Any, user_id: str, default_tz: str = "UTC") -> Person | None:
    """A user's timezone and name from users.info; None when Slack can't say right now."""
    try:
        user = client.users_info(user=user_id)["user"]
    except (SlackApiError, OSError, KeyError, TypeError) as exc:  # OSError: a timeout or a dropped connection
        log.info("users.info for %s failed: %s", user_id, exc)
        return None
    tz = user.get("tz") or default_tz
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        tz = default_tz
    name = (user.get("profile") or {}).get("real_name") or user.get("real_name") or None
    return Person(user_id, tz, name)


def person(client: Any, user_id: str, default_tz: str = "UTC") -> Person:
    """A user's timezone and name from users.info; the default timezone when Slack can't say."""
    return lookup_person(client, user_id, default_tz) or Person(user_id, default_tz)


PEOPLE_KEY = "people"  # Team.settings[PEOPLE_KEY][user_id] = {"tz": ..., "name": ...}


def known_people(*, session: Session, team_id: str) -> dict[str, Person]:
    """The team's remembered owners (timezone and name), so the clock need not ask users.info every minute."""
    team = session.get(Team, team_id)
    people = ((team.settings or {}).get(PEOPLE_KEY) or {}) if team else {}
    return {uid: Person(uid, p.get("tz") or "UTC", p.get("name")) for uid, p in people.items() if isinstance(p, dict)}


def remember_person(*, session: Session, team_id: str, who: Person) -> None:
    """Keep an owner's timezone and name (refreshed whenever Slack is asked); writes only on change."""
    record = {"tz": who.tz, "name": who.name}
    team = session.get(Team, team_id)
    if team is not None and ((team.settings or {}).get(PEOPLE_KEY) or {}).get(who.user_id) == record:
        return
    # Merged into the freshly locked value: another owner remembered meanwhile stays remembered.
    update_team_settings(session=session, team_id=team_id,
                         **{PEOPLE_KEY: lambda people: dict(people or {}) | {who.user_id: record}})


def working_hours(moment: datetime, tz: str) -> bool:
    """True from 09:00 to 20:00 in `tz` on Monday to Friday: when Hirebot may DM someone (or escalate)."""
    local = moment.astimezone(zone(tz))
    return local.weekday() < 5 and NUDGE_HOUR <= local.hour < QUIET_HOUR


class People:
    """Owners' timezones for one clock tick: the remembered ones, and users.info once for anyone new."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._found: dict[tuple[str, str], Person | None] = {}
        self._teams: set[str] = set()

    def get(self, team_id: str, user_id: str) -> Person | None:
        """The user's timezone and name; None when Slack can't say right now (try again next tick)."""
        from bot.core.teamclient import client_for_team

        if team_id not in self._teams:
            self._teams.add(team_id)
            with self._services.db.session() as session:
                self._found |= {(team_id, uid): p for uid, p in known_people(session=session, team_id=team_id).items()}
        key = (team_id, user_id)
        if key not in self._found:  # not seen yet: ask Slack once this tick, then remember
            client = client_for_team(self._services, team_id)
            found = lookup_person(client, user_id, self._services.settings.default_timezone) if client else None
            if found is not None:
                with self._services.db.session() as session:
                    remember_person(session=session, team_id=team_id, who=found)
            self._found[key] = found
        return self._found[key]


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
        store.ensure_team(session=session, team_id=team_id)
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


# -- team settings: hiring channel and pitch -------------------------------------------------------
def team_settings(*, session: Session, team_id: str) -> dict[str, Any]:
    """The team's settings dict (a copy)."""
    return dict(store.ensure_team(session=session, team_id=team_id).settings or {})


def update_team_settings(*, session: Session, team_id: str, **changes: Any) -> dict[str, Any]:
    """Change some keys of Team.settings, leaving the others as they are in the database; returns the new settings.

    A value of None removes the key; a callable gets the key's current value and returns the new one
    (or None). The row is locked and re-read first: the team may already be loaded in this session with
    settings that another request has changed since, and writing that stale dict back would undo it.
    """
    store.ensure_team(session=session, team_id=team_id)
    session.flush()  # nothing pending on the row is lost when it is re-read below
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has no SELECT ... FOR UPDATE: a no-op write takes the database's write lock instead,
        # so nobody can commit between the read below and our write.
        session.execute(update(Team).where(Team.team_id == team_id).values(settings=Team.settings)
                        .execution_options(synchronize_session=False))
    team = session.get(Team, team_id, with_for_update=True, populate_existing=True)
    current = dict(team.settings or {})
    new = dict(current)
    for key, value in changes.items():
        if callable(value):
            value = value(current.get(key))
        if value is None:
            new.pop(key, None)
        else:
            new[key] = value
    if new != current:
        team.settings = new  # a new dict, so the JSON column is seen as changed
        session.flush()
    return new


# -- enrollments ----------------------------------------------------------------------------------
class StaleClick(UserError):
    """A button from an older state of the enrollment (already sent, stopped, another step)."""


def candidate_link(c: Candidate) -> str:
    """The candidate's name for mrkdwn, linked to their GitHub or Hugging Face profile."""
    label = escape_mrkdwn(c.name).replace("|", "¦")
    url = (f"https://github.com/{c.github}" if c.github else
           f"https://huggingface.co/{c.huggingface}" if c.huggingface else None)
    return f"<{url}|{label}>" if url else label


def enrollment_steps(session: Session, enr: Enrollment) -> list[SequenceStep]:
    """The steps of an enrollment's sequence, in order."""
    seq = session.get(Sequence, enr.sequence_id)
    return list(seq.steps) if seq is not None else []


def active_enrollment(*, session: Session, candidate_id: int) -> Enrollment | None:
    """The candidate's active enrollment, if any."""
    return session.scalar(select(Enrollment).where(Enrollment.candidate_id == candidate_id,
                                                   Enrollment.status == "active").limit(1))


def resolve_role(*, session: Session, team_id: str, candidate: Candidate, name: str | None, example: str) -> Role:
    """The role named, else the candidate's only pipeline role, else their only snapshot role."""
    from bot.core.models import PipelineEntry

    if name:
        return store.get_role(session=session, team_id=team_id, name=name)
    entries = session.execute(select(Role, PipelineEntry.stage).join(PipelineEntry, PipelineEntry.role_id == Role.id)
                              .where(PipelineEntry.candidate_id == candidate.id).order_by(Role.slug)).all()
    active = [r for r, stage in entries if stage != "passed"] or [r for r, _ in entries]
    if len(active) == 1:
        return active[0]
    if not active:
        slugs = (candidate.snapshot or {}).get("roles") or []
        if len(slugs) == 1:
            return store.get_role(session=session, team_id=team_id, name=slugs[0])
        raise UserError(f"{candidate.name} is not in any role's pipeline yet; say which role.",
                        example=example + " role:ml-engineer")
    raise UserError(f"{candidate.name} is in several pipelines ({', '.join(r.slug for r in active)}); say which role.",
                    example=example + f" role:{active[0].slug}")


def start_enrollment(*, session: Session, team_id: str, candidate: Candidate, role: Role | None, sequence: Sequence,
                     owner: Person, now: datetime) -> Enrollment:
    """Enrol a candidate with `owner` as owner; the pipeline moves to 'contacted'. Refuses do-not-contact."""
    if candidate.do_not_contact:
        raise NotPermitted(f"{candidate.name} asked not to be contacted, so Hirebot won't start outreach to them.")
    current = active_enrollment(session=session, candidate_id=candidate.id)
    if current is not None:
        n = len(enrollment_steps(session, current))
        raise UserError(f"{candidate.name} is already in a sequence (step {current.current_step} of {n}, "
                        f"owned by <@{current.owner_user_id}>).", example=f"/outreach status {candidate.github or '#' + str(candidate.id)}")
    steps = list(sequence.steps)
    if not steps:
        raise UserError(f"The sequence `{sequence.name}` has no steps.", example=f"/outreach sequence set {sequence.name} days:0,3,7,14,21")
    enr = Enrollment(team_id=team_id, candidate_id=candidate.id, role_id=role.id if role else None,
                     sequence_id=sequence.id, owner_user_id=owner.user_id, current_step=1, status="active",
                     started_at=now)
    # Step 1 is shown right away; if it is not marked sent, the owner is nudged the next working morning.
    enr.next_due_at = due_moment(add_business_days(local_day(now, owner.tz), 1), owner.tz)
    session.add(enr)
    if role is not None:
        entry = store.stage_for(session=session, candidate=candidate, role=role)
        if entry is None or entry.stage in EARLY_STAGES:
            # The caller owns the pipeline entry too if nobody did (stage-deadline nudges go to them).
            store.set_stage(session=session, candidate=candidate, role=role, stage="contacted", user_id=owner.user_id,
                            owner=owner.user_id if entry is None or not entry.owner_user_id else None)
    session.flush()
    return enr


def due_for_step(enr: Enrollment, steps: list[SequenceStep], position: int, tz: str, *,
                 after: datetime | None = None) -> datetime:
    """When step `position` is due: its business-day offset from the start, and never before the
    working day after the previous send (a late send does not squash the next follow-up)."""
    offset = steps[position - 1].day_offset
    due = due_moment(add_business_days(local_day(enr.started_at, tz), offset), tz)
    if after is not None:
        due = max(due, due_moment(add_business_days(local_day(after, tz), 1), tz))
    return due


def load_enrollment(*, session: Session, team_id: str, enrollment_id: int) -> tuple[Enrollment, Candidate]:
    """An enrollment of this team and its candidate; NotFound when gone."""
    enr = session.get(Enrollment, enrollment_id)
    cand = session.get(Candidate, enr.candidate_id) if enr is not None else None
    if enr is None or cand is None or enr.team_id != team_id:
        raise NotFound("That sequence is gone (the candidate may have been forgotten).")
    return enr, cand


def describe_state(session: Session, enr: Enrollment) -> str:
    """Where an enrollment stands, for a stale button: 'now at step 3 of 5' / 'stopped (interested)'."""
    n = len(enrollment_steps(session, enr))
    if enr.status == "active":
        return f"the sequence is now at step {enr.current_step} of {n}"
    why = f" ({enr.stop_reason.replace('_', ' ')})" if enr.stop_reason else ""
    return {"done": "the sequence is done", "replied": f"they replied{why}"}.get(enr.status, f"the sequence was stopped{why}")


def _check_step(session: Session, enr: Enrollment, step: int) -> None:
    if enr.status != "active" or enr.current_step != step:
        raise StaleClick(f"Already handled: {describe_state(session, enr)}.")


def mark_sent(*, session: Session, enr: Enrollment, step: int, user: str, tz: str, now: datetime) -> str:
    """Record that the owner sent step `step` and schedule the next one; returns the outcome line."""
    _check_step(session, enr, step)
    steps = enrollment_steps(session, enr)
    session.add(Touch(team_id=enr.team_id, enrollment_id=enr.id, step=step, kind="sent", at=now))
    head = f"✅ Step {step} of {len(steps)} marked sent by <@{user}>, {slack_date(now.timestamp())}."
    if step >= len(steps):
        enr.status, enr.next_due_at = "done", None
        session.flush()
        return head + " That was the last step: the sequence is done."
    enr.current_step = step + 1
    enr.next_due_at = due_for_step(enr, steps, step + 1, tz, after=now)
    session.flush()
    return head + f" Next: follow-up {step + 1} of {len(steps)}, due {slack_date(enr.next_due_at.timestamp(), '{date_short_pretty}')}."


def snooze(*, session: Session, enr: Enrollment, step: int, user: str, tz: str, now: datetime) -> str:
    """Move the step's due date one business day later; returns the outcome line."""
    _check_step(session, enr, step)
    base = max(local_day(enr.next_due_at or now, tz), local_day(now, tz))
    enr.next_due_at = due_moment(add_business_days(base, 1), tz)
    session.add(Touch(team_id=enr.team_id, enrollment_id=enr.id, step=step, kind="snooze", at=now))
    session.flush()
    return (f"💤 Snoozed by <@{user}>, {slack_date(now.timestamp())}: back on "
            f"{slack_date(enr.next_due_at.timestamp(), '{date_short_pretty}')}.")


def stop(*, session: Session, enr: Enrollment, user: str, now: datetime, reason: str = "manual") -> str:
    """Stop the sequence; returns the outcome line."""
    if enr.status != "active":
        raise StaleClick(f"Already handled: {describe_state(session, enr)}.")
    enr.status, enr.stop_reason, enr.next_due_at = "stopped", reason, None
    session.flush()
    return f"⏹️ Sequence stopped by <@{user}>, {slack_date(now.timestamp())}."


# -- replies --------------------------------------------------------------------------------------
@dataclass
class ReplyResult:
    """A classified reply and what Hirebot did about it."""

    intent: Intent
    candidate_id: int
    candidate_name: str
    role_slug: str | None
    role_title: str | None
    role_level: str | None
    done: list[str] = field(default_factory=list)
    suggestion: str | None = None
    questions: list[str] = field(default_factory=list)
    referral_id: int | None = None


def enrollment_for_reply(*, session: Session, candidate: Candidate, user: str) -> Enrollment:
    """The enrollment a reply belongs to: active first, the caller's first, newest first."""
    rows = list(session.scalars(select(Enrollment).where(Enrollment.candidate_id == candidate.id)))
    if not rows:
        raise UserError(f"{candidate.name} is not in a sequence, so there is nothing to log a reply against.",
                        example=f"/outreach start {candidate.github or '#' + str(candidate.id)}")
    return max(rows, key=lambda e: (e.status == "active", e.owner_user_id == user, e.started_at, e.id))


def _last_sent_step(session: Session, enr: Enrollment) -> int | None:
    return session.scalar(select(Touch.step).where(Touch.enrollment_id == enr.id, Touch.kind == "sent")
                          .order_by(Touch.at.desc(), Touch.id.desc()).limit(1))


def _add_referral(session: Session, enr: Enrollment, cand: Candidate, role: Role | None, intent: Intent,
                  user: str, text: str) -> tuple[int | None, str]:
    from bot.candidates.service import Intake, add_candidate
    from bot.core.models import Note

    ref = intent.referral
    if ref is None or not (ref.name or ref.handle):
        return None, "They didn't say who: ask for a name or a GitHub handle, then `/candidate add` them."
    intake = Intake(name=ref.name, roles=[role.slug] if role else [])
    if ref.kind == "github":
        intake.github = ref.handle
    elif ref.kind == "huggingface":
        intake.huggingface = ref.handle
    elif ref.kind == "email":
        intake.email = ref.handle
    elif ref.handle and not ref.name:
        intake.name = ref.handle  # a Slack handle: keep it as the name; a person adds real handles later
    new, created = add_candidate(session=session, team_id=enr.team_id, intake=intake, user_id=user, source="referral")
    session.add(Note(team_id=enr.team_id, candidate_id=new.id, author_user_id=user,
                     text=f"Referred by {cand.name} (#{cand.id}) in a reply to outreach: {truncate(text, 500)}"))
    session.flush()
    verb = "Added" if created else "Found"
    return new.id, f"{verb} *{escape_mrkdwn(new.name)}* (#{new.id}) as a candidate, referred by {escape_mrkdwn(cand.name)}."


def log_reply(*, session: Session, enr: Enrollment, candidate: Candidate, text: str, user: str, tz: str,
              now: datetime) -> ReplyResult:
    """Classify a candidate's reply, record it, and act on its intent (stop, stage, remind, refer, unsubscribe)."""
    today = local_day(now, tz)
    intent = classify(text, today=today)
    role = session.get(Role, enr.role_id) if enr.role_id else None
    res = ReplyResult(intent=intent, candidate_id=candidate.id, candidate_name=candidate.name,
                      role_slug=role.slug if role else None, role_title=role.title if role else None,
                      role_level=role.level if role else None)
    step = _last_sent_step(session, enr) or enr.current_step
    session.add(Touch(team_id=enr.team_id, enrollment_id=enr.id, step=step, kind="reply", intent=str(intent.label),
                      text=text[:4000], at=now))
    was_active = enr.status == "active"
    label = intent.label
    if label in STOPPING:
        enr.status, enr.stop_reason, enr.next_due_at = "replied", str(label), None
        if was_active:
            res.done.append("Stopped the sequence.")
    if label is Label.INTERESTED:
        if role is not None:
            entry = store.stage_for(session=session, candidate=candidate, role=role)
            if entry is None or store.STAGES.index(entry.stage) < store.STAGES.index("replied") or entry.stage == "passed":
                store.set_stage(session=session, candidate=candidate, role=role, stage="replied", user_id=user)
                res.done.append(f"Moved to *replied* for {escape_mrkdwn(role.title)}.")
        res.suggestion = "Reply today with two or three times to talk (the best candidates are off the market within weeks)."
        res.questions = [str(q) for q in (role.questions if role else [])][:3]
    elif label is Label.QUESTION:
        if was_active:
            res.done.append("Kept the sequence open; the next nudge reminds you to answer first.")
        res.suggestion = "Answer their question before the next follow-up goes out."
    elif label is Label.COMPENSATION:
        res.suggestion = "Answer with numbers: the benchmark for the role is below."
    elif label is Label.NOT_NOW:
        until = intent.until or add_business_days(today, 60)
        enr.next_due_at = due_moment(until, tz)
        res.done.append(f"I'll remind you to re-engage on {slack_date(enr.next_due_at.timestamp(), '{date_long_pretty}')}.")
    elif label is Label.NOT_INTERESTED:
        res.suggestion = "Thank them and close; a kind close keeps the door open."
    elif label is Label.REFERRAL:
        res.referral_id, line = _add_referral(session, enr, candidate, role, intent, user, text)
        res.done.append(line)
    elif label is Label.UNSUBSCRIBE:
        others = list(session.scalars(select(Enrollment).where(Enrollment.candidate_id == candidate.id,
                                                               Enrollment.status == "active")))
        for other in others:
            other.status, other.stop_reason, other.next_due_at = "stopped", "unsubscribe", None
        candidate.do_not_contact = True
        res.done.append(f"Stopped every sequence for {escape_mrkdwn(candidate.name)} and marked them *do not contact*: "
                        "`/outreach start` will refuse them.")
    elif label is Label.OUT_OF_OFFICE and was_active:
        back = add_business_days(intent.until, 1) if intent.until else add_business_days(today, OOO_DEFAULT_BUSINESS_DAYS)
        new_due = due_moment(back, tz)
        enr.next_due_at = max(enr.next_due_at or new_due, new_due)
        res.done.append(f"Kept the sequence; step {enr.current_step} now waits until "
                        f"{slack_date(enr.next_due_at.timestamp(), '{date_short_pretty}')}.")
    session.flush()
    return res


def reply_message(res: ReplyResult, *, logged_by: str, extra_blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The answer to a logged reply: the label, why, the next step, what was done."""
    intent = res.intent
    label = str(intent.label).replace("_", " ")
    return render("outreach_reply.json.j2", name=escape_mrkdwn(res.candidate_name), label=label,
                  confidence=f"{intent.confidence:.0%}", matched=[escape_mrkdwn(m) for m in intent.matched],
                  next_step=escape_mrkdwn(intent.next_step), done=res.done, suggestion=res.suggestion,
                  questions=[escape_mrkdwn(q) for q in res.questions], logged_by=logged_by,
                  extra_blocks=extra_blocks or [],
                  summary=escape_mrkdwn(f"Reply from {res.candidate_name} read as {label}: {intent.next_step}"))


# -- the nudge message ----------------------------------------------------------------------------
def quote_mrkdwn(text: str, limit: int = 3000) -> str:
    """Text as a mrkdwn block quote: every line escaped and prefixed with `>`, within `limit` characters."""
    lines = [("> " + escape_mrkdwn(line)) if line.strip() else ">" for line in (text or "").splitlines()]
    out = "\n".join(lines)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def _pending_question(session: Session, enr: Enrollment) -> Touch | None:
    last = session.scalar(select(Touch).where(Touch.enrollment_id == enr.id, Touch.kind.in_(("sent", "reply")))
                          .order_by(Touch.at.desc(), Touch.id.desc()).limit(1))
    return last if last is not None and last.kind == "reply" and last.intent == str(Label.QUESTION) else None


def nudge_message(*, session: Session, enr: Enrollment, step: int, owner: Person, now: datetime,
                  outcome: str | None = None, started: bool = False) -> dict[str, Any]:
    """The DM (or start reply) for one step: who and which step, the draft as a quote, the buttons."""
    cand = session.get(Candidate, enr.candidate_id)
    role = session.get(Role, enr.role_id) if enr.role_id else None
    steps = enrollment_steps(session, enr)
    n = len(steps)
    tpl = steps[min(step, n) - 1].template if steps else DEFAULT_TEMPLATES[0]
    team = session.get(Team, enr.team_id)
    draft = render_draft(template=tpl, candidate_name=cand.name, snapshot=store.candidate_snapshot(cand),
                         role_title=role.title if role else None, questions=list(role.questions or []) if role else [],
                         step=step, total=n, team_settings=(team.settings if team else {}), sender=owner.name,
                         today=local_day(now, owner.tz), weights=dict(role.weights or {}) if role else None)
    what = (f"First message (1 of {n})" if step == 1 else f"Follow-up {step} of {n}")
    due = enr.next_due_at if enr.current_step == step else None
    if started or due is None or local_day(due, owner.tz) >= local_day(now, owner.tz):
        when_text, when_plain = "is due today", "is due today"
    else:
        when_text = f"has been due since {slack_date(due.timestamp(), '{date_short_pretty}')}"
        when_plain = f"has been due since {local_day(due, owner.tz):%a %d %b}"
    role_text = f" for {escape_mrkdwn(role.title)}" if role else ""
    headline = f"{what} to *{candidate_link(cand)}*{role_text} {when_text}."
    if started:
        headline = (f"Outreach to *{candidate_link(cand)}*{role_text} started: {n} steps, you own it. "
                    f"{what} is due today; send it yourself, then click *Mark sent*.")
    notes = [escape_mrkdwn(draft.basis) if not draft.generic else "⚠️ " + draft.basis]
    question = _pending_question(session, enr)
    if question is not None:
        notes.insert(0, f"❓ They asked a question {slack_date(question.at.timestamp(), '{date_short_pretty}')}: "
                        f"“{escape_mrkdwn(truncate(question.text or '', 200))}”. Answer it before this follow-up.")
    if draft.placeholders:
        notes.append("Fill the [brackets] once for the whole team: `/outreach pitch company:\"Acme\" "
                     "problem:\"...\" people:\"...\" purpose:\"...\" product:\"...\"`")
    if cand.email:
        notes.append(f"Email: {escape_mrkdwn(cand.email)}")
    first = (cand.name or "them").split()[0]
    name = escape_mrkdwn(cand.name)  # top-level text is mrkdwn too
    plain = f"{what} to {name} {when_plain}." if not started else f"Outreach to {name} started; the first message is due today."
    return render("nudge.json.j2", text=plain, headline=headline, quote=quote_mrkdwn(draft.text),
                  notes=[truncate(x, 2000) for x in notes[:5]], value=f"{enr.id}:{step}",
                  block_prefix=f"nudge-{enr.id}-{step}", first_name=truncate(first, 40),
                  full_name=truncate(cand.name, 100), outcome=outcome, outcome_id=int(now.timestamp()))


# -- status and stats -----------------------------------------------------------------------------
def status_lines(*, session: Session, team_id: str, owner: str | None = None,
                 candidate: Candidate | None = None, now: datetime) -> list[str]:
    """One mrkdwn line per enrollment: candidate, role, step, due date as a reader-local date token."""
    q = select(Enrollment, Candidate).join(Candidate, Candidate.id == Enrollment.candidate_id).where(
        Enrollment.team_id == team_id)
    if candidate is not None:
        q = q.where(Enrollment.candidate_id == candidate.id).order_by(Enrollment.started_at.desc())
    else:
        q = q.where(Enrollment.status == "active").order_by(Enrollment.next_due_at)
        if owner:
            q = q.where(Enrollment.owner_user_id == owner)
    lines = []
    for enr, cand in session.execute(q.limit(200)).all():
        n = len(enrollment_steps(session, enr))
        role = session.get(Role, enr.role_id) if enr.role_id else None
        bits = [f"*{candidate_link(cand)}*"]
        if role:
            bits.append(escape_mrkdwn(role.title))
        if enr.status == "active":
            bits.append(f"step {enr.current_step} of {n}")
            if enr.next_due_at:
                overdue = " (overdue)" if enr.next_due_at <= now else ""
                bits.append(f"next nudge {slack_date(enr.next_due_at.timestamp())}{overdue}")
        else:
            why = f" ({enr.stop_reason.replace('_', ' ')})" if enr.stop_reason else ""
            bits.append(f"{enr.status}{why}")
            if enr.stop_reason == "not_now" and enr.next_due_at:
                bits.append(f"re-engage {slack_date(enr.next_due_at.timestamp(), '{date_short_pretty}')}")
        if candidate is not None or owner is None:
            bits.append(f"owner <@{enr.owner_user_id}>")
        bits.append(f"started {slack_date(enr.started_at.timestamp(), '{date_short_pretty}')}")
        lines.append("• " + " · ".join(bits))
        if candidate is not None:
            history = []
            for t in session.scalars(select(Touch).where(Touch.enrollment_id == enr.id).order_by(Touch.at, Touch.id)):
                what = (f"step {t.step} sent" if t.kind == "sent" else f"reply: {(t.intent or '?').replace('_', ' ')}"
                        if t.kind == "reply" else f"step {t.step} snoozed")
                history.append(f"{what} {slack_date(t.at.timestamp(), '{date_short_pretty}')}")
            if history:
                lines.append("      ↳ " + "; ".join(history[-12:]))
    return lines


@dataclass(frozen=True)
class StepStat:
    """Replies to one step: how many times it was sent, how many first replies it got."""

    step: int
    sent: int
    replies: int

    @property
    def rate(self) -> float:
        """Replies per send."""
        return self.replies / self.sent if self.sent else 0.0


@dataclass(frozen=True)
class Stats:
    """Outreach numbers for a team (optionally one role)."""

    enrolled: int
    contacted: int
    replied: int
    steps: tuple[StepStat, ...]
    intents: tuple[tuple[str, int], ...]
    median_hours: float | None


def stats(*, session: Session, team_id: str, role: Role | None = None) -> Stats:
    """Reply rate per step and per intent, and the median time from the last send to the first reply."""
    q = select(Enrollment).where(Enrollment.team_id == team_id)
    if role is not None:
        q = q.where(Enrollment.role_id == role.id)
    enrollments = {e.id: e for e in session.scalars(q)}
    touches: dict[int, list[Touch]] = {}
    if enrollments:
        ids = list(enrollments)
        for i in range(0, len(ids), 500):
            for t in session.scalars(select(Touch).where(Touch.enrollment_id.in_(ids[i:i + 500]))
                                     .order_by(Touch.at, Touch.id)):
                touches.setdefault(t.enrollment_id, []).append(t)
    sent: dict[int, int] = {}
    first_reply: dict[int, int] = {}
    intents: dict[str, int] = {}
    waits: list[float] = []
    contacted = replied = 0
    for ts in touches.values():
        sends = [t for t in ts if t.kind == "sent"]
        replies = [t for t in ts if t.kind == "reply"]
        # A reply to a step shows it went out, even if nobody clicked Mark sent.
        for step in {t.step for t in sends} | ({replies[0].step} if replies else set()):
            sent[step] = sent.get(step, 0) + 1
        if sends or replies:
            contacted += 1
        for r in replies:
            intents[r.intent or "unknown"] = intents.get(r.intent or "unknown", 0) + 1
        if replies:
            replied += 1
            first = replies[0]
            first_reply[first.step] = first_reply.get(first.step, 0) + 1
            before = [t for t in sends if t.at <= first.at]
            if before:
                waits.append((first.at - before[-1].at).total_seconds() / 3600)
    steps = tuple(StepStat(s, sent.get(s, 0), first_reply.get(s, 0)) for s in sorted(set(sent) | set(first_reply)))
    return Stats(enrolled=len(enrollments), contacted=contacted, replied=replied, steps=steps,
                 intents=tuple(sorted(intents.items(), key=lambda kv: (-kv[1], kv[0]))),
                 median_hours=statistics.median(waits) if waits else None)


def duration_text(hours: float) -> str:
    """'5 h', '2.5 days'."""
    if hours < 48:
        return f"{hours:.0f} h" if hours >= 1 else f"{hours * 60:.0f} min"
    return f"{hours / 24:.1f}".rstrip("0").rstrip(".") + " days"


# -- the clock: nudges and re-engage reminders -----------------------------------------------------
def open_dm(user_id: str):
    """A post_channel for fanout.Job: the DM channel with `user_id`."""
    return lambda client: client.conversations_open(users=user_id)["channel"]["id"]


@dataclass(frozen=True)
class _Due:
    enrollment_id: int
    team_id: str
    owner: str
    step: int
    next_due_at: datetime


def _nudged_lately(now: datetime):
    """SQL, per enrollment row: a nudge for its current step went out (or was found unneeded, or gave up
    after every attempt) within REPEAT_GAP. Such a step waits for tomorrow, so it must not hold a place
    in the tick's window; otherwise stale sequences fill the window for good and newer ones starve."""
    from bot.core.delivery import MAX_ATTEMPTS

    # The ledger period is "<owner-local date>:<enrollment>:<step>". Within REPEAT_GAP the owner's local date
    # (UTC-12 to UTC+14) is one of a few calendar dates, so the lookup is exact keys on the ledger's index.
    first, last = (now - REPEAT_GAP - timedelta(hours=14)).date(), (now + timedelta(hours=14)).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    suffix = literal(":") + cast(Enrollment.id, String) + ":" + cast(Enrollment.current_step, String)
    return exists().where(
        Delivery.team_id == Enrollment.team_id, Delivery.channel_id == Enrollment.owner_user_id,
        Delivery.kind == KIND_NUDGE, Delivery.period.in_([literal(d.isoformat()) + suffix for d in days]),
        Delivery.claimed_at > now - REPEAT_GAP,
        or_(Delivery.status.in_(("sent", "skipped")), Delivery.attempts >= MAX_ATTEMPTS))


def _due_page(services: Services, now: datetime, after: tuple[datetime, int] | None,
              limit: int) -> tuple[list[_Due], tuple[datetime, int] | None]:
    """Up to `limit` due steps not nudged lately, oldest first, after the keyset `after`; and the next keyset."""
    with services.db.session() as session:
        q = (select(Enrollment, Candidate.do_not_contact).join(Candidate, Candidate.id == Enrollment.candidate_id)
             .where(Enrollment.status == "active", Enrollment.next_due_at <= now, ~_nudged_lately(now))
             .order_by(Enrollment.next_due_at, Enrollment.id).limit(limit))
        if after is not None:
            q = q.where(or_(Enrollment.next_due_at > after[0],
                            and_(Enrollment.next_due_at == after[0], Enrollment.id > after[1])))
        rows = session.execute(q).all()
        cursor = (rows[-1][0].next_due_at, rows[-1][0].id) if len(rows) == limit else None
        due = []
        for enr, dnc in rows:
            if dnc:  # marked do-not-contact elsewhere (e.g. /candidate): the sequence ends here
                enr.status, enr.stop_reason, enr.next_due_at = "stopped", "do_not_contact", None
                continue
            due.append(_Due(enr.id, enr.team_id, enr.owner_user_id, enr.current_step, enr.next_due_at))
    return due, cursor


def _nudge_build(services: Services, enrollment_id: int, step: int, owner: Person, now: datetime):
    def build() -> dict[str, Any] | None:
        with services.db.session() as session:
            enr = session.get(Enrollment, enrollment_id)
            if enr is None or enr.status != "active" or enr.current_step != step or enr.next_due_at is None \
                    or enr.next_due_at > now:
                return None  # acted on (sent, snoozed, stopped) since the tick looked
            cand = session.get(Candidate, enr.candidate_id)
            if cand is None or cand.do_not_contact:
                return None
            return nudge_message(session=session, enr=enr, step=step, owner=owner, now=now)
    return build


def nudge_jobs(services: Services, now: datetime) -> list[Any]:
    """Ledger jobs for due steps whose owner is in working hours now (one per owner-local day), at most
    MAX_NUDGES_PER_TICK; the window pages past steps that must wait, so every due step gets its turn."""
    from bot.core.fanout import Job

    people = People(services)
    jobs: list[Any] = []
    cursor: tuple[datetime, int] | None = None
    while len(jobs) < MAX_NUDGES_PER_TICK:
        due, cursor = _due_page(services, now, cursor, MAX_NUDGES_PER_TICK)
        for d in due:
            if len(jobs) >= MAX_NUDGES_PER_TICK:
                break  # the rest waits for the next tick, which starts from the oldest again
            owner = people.get(d.team_id, d.owner)
            if owner is None:
                continue  # no timezone, no local date for the ledger key: try again next tick
            if not working_hours(now, owner.tz):
                continue  # waits for the owner's next working morning
            local = now.astimezone(zone(owner.tz))
            jobs.append(Job(d.team_id, d.owner, KIND_NUDGE, f"{local.date().isoformat()}:{d.enrollment_id}:{d.step}",
                            _nudge_build(services, d.enrollment_id, d.step, owner, now),
                            post_channel=open_dm(d.owner)))
        if cursor is None:
            break
    return jobs


def _reengage_build(services: Services, enrollment_id: int, now: datetime):
    def build() -> dict[str, Any] | None:
        with services.db.session() as session:
            enr = session.get(Enrollment, enrollment_id)
            if enr is None or enr.stop_reason != str(Label.NOT_NOW) or enr.next_due_at is None:
                return None
            cand = session.get(Candidate, enr.candidate_id)
            if cand is None or cand.do_not_contact or active_enrollment(session=session, candidate_id=cand.id):
                return None
            role = session.get(Role, enr.role_id) if enr.role_id else None
            said = session.scalar(select(Touch).where(Touch.enrollment_id == enr.id, Touch.kind == "reply")
                                  .order_by(Touch.at.desc(), Touch.id.desc()).limit(1))
            return render("outreach_reengage.json.j2",
                          text=f"Time to re-engage {escape_mrkdwn(cand.name)}: they asked you to come back today.",
                          headline=f"🔔 Time to re-engage *{candidate_link(cand)}*"
                                   + (f" for {escape_mrkdwn(role.title)}" if role else "") + ": they said not now"
                                   + (f" on {slack_date(said.at.timestamp(), '{date_short_pretty}')}" if said else "") + ".",
                          quote=quote_mrkdwn(truncate(said.text or "", 1500)) if said and said.text else "",
                          value=f"{cand.id}|{role.id if role else 0}|", block_prefix=f"reengage-{enr.id}",
                          hint=f"Start a new sequence with the button or `/outreach start "
                               f"{cand.github or '#' + str(cand.id)}`.")
    return build


def _clear_reengage(services: Services, enrollment_id: int) -> None:
    with services.db.session() as session:
        enr = session.get(Enrollment, enrollment_id)
        if enr is not None and enr.stop_reason == str(Label.NOT_NOW):
            enr.next_due_at = None


def reengage_jobs(services: Services, now: datetime) -> list[Any]:
    """Ledger jobs for not-now replies whose re-engage day has come."""
    from bot.core.fanout import Job

    with services.db.session() as session:
        rows = list(session.execute(select(Enrollment.id, Enrollment.team_id, Enrollment.owner_user_id,
                                           Enrollment.next_due_at)
                                    .where(Enrollment.stop_reason == str(Label.NOT_NOW), Enrollment.status != "active",
                                           Enrollment.next_due_at <= now,
                                           Enrollment.next_due_at > now - REENGAGE_WINDOW)).all())
    return [Job(team, owner, KIND_REENGAGE, f"{eid}:{due.date().isoformat()}", _reengage_build(services, eid, now),
                post_channel=open_dm(owner), after=lambda status, eid=eid: _clear_reengage(services, eid))
            for eid, team, owner, due in rows]


def outreach_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: DM owners their due steps and their re-engage reminders, exactly once each."""
    from bot.core.fanout import deliver_all

    jobs = nudge_jobs(services, now)
    counts = {"nudge_" + k: v for k, v in deliver_all(services, jobs, now, threads=services.settings.fanout_threads).items()}
    rjobs = reengage_jobs(services, now)
    counts |= {"reengage_" + k: v for k, v in deliver_all(services, rjobs, now, threads=services.settings.fanout_threads).items()}
    return counts


register_job(outreach_job)
