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
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.candidates import store
from bot.candidates.service import Intake, add_candidate
from bot.core.errors import NotFound, NotPermitted, UserError
from bot.core.models import Candidate, Enrollment, Note, PipelineEntry, Role, Sequence, SequenceStep, Touch
from bot.core.people import Person, add_business_days, due_moment, local_day
from bot.core.render import escape_mrkdwn, slack_date, truncate
from bot.outreach.replies import ReadReply, read_eml, read_reply
from bot.roles.service import get_role, pick_role
from scoring.intent import Intent, Label

log = logging.getLogger(__name__)

OOO_DEFAULT_BUSINESS_DAYS = 5
STOPPING = {Label.INTERESTED, Label.COMPENSATION, Label.NOT_NOW, Label.NOT_INTERESTED, Label.REFERRAL,
            Label.UNSUBSCRIBE}
EARLY_STAGES = (None, "sourced", "shortlisted", "passed")  # starting outreach moves these to "contacted"


# -- enrollments ----------------------------------------------------------------------------------
class StaleClick(UserError):
    """A button from an older state of the enrollment (already sent, stopped, another step)."""


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

    if name:
        return get_role(session=session, team_id=team_id, name=name)
    entries = session.execute(select(Role, PipelineEntry.stage).join(PipelineEntry, PipelineEntry.role_id == Role.id)
                              .where(PipelineEntry.candidate_id == candidate.id).order_by(Role.slug)).all()
    active = [r for r, stage in entries if stage != "passed"] or [r for r, _ in entries]
    hints = (candidate.snapshot or {}).get("roles") or []  # the profile's own role, when it names one
    return pick_role(session=session, team_id=team_id, candidate=candidate, choices=active, example=example, hints=hints)


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
    touch_id: int | None = None
    confirm_unsubscribe: str | None = None  # why do-not-contact waits for the owner's click
    read_note: str | None = None  # how the text was read: what was set aside, the auto-reply header


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


def _read_note(read: ReadReply) -> str | None:
    """Say how the reply was read (UX rule 13): what was set aside, and the header that made it automatic."""
    bits = []
    if read.email is not None and read.email.auto_reply:
        bits.append(f"an automatic reply ({read.email.auto_reply})")
    set_aside = [name for name, part in (("the quoted history", read.parts.quoted),
                                         ("the signature and footer", read.parts.signature)) if part]
    if set_aside:
        bits.append("only their new text, not " + " or ".join(set_aside))
    return ("Read as " + "; ".join(bits) + ".") if bits else None


def log_reply(*, session: Session, enr: Enrollment, candidate: Candidate, text: str, user: str, tz: str,
              now: datetime, eml: bytes | None = None) -> ReplyResult:
    """Read a reply's new text (a pasted body, raw email or .eml), record it, and act on its intent."""
    today = local_day(now, tz)
    read = read_eml(eml, today=today) if eml is not None else read_reply(text, today=today)
    intent = read.intent
    role = session.get(Role, enr.role_id) if enr.role_id else None
    res = ReplyResult(intent=intent, candidate_id=candidate.id, candidate_name=candidate.name,
                      role_slug=role.slug if role else None, role_title=role.title if role else None,
                      role_level=role.level if role else None, confirm_unsubscribe=read.confirm_unsubscribe,
                      read_note=_read_note(read))
    step = _last_sent_step(session, enr) or enr.current_step
    touch = Touch(team_id=enr.team_id, enrollment_id=enr.id, step=step, kind="reply", intent=str(intent.label),
                  text=(read.parts.new or text)[:4000], at=now)
    session.add(touch)
    act_on_reply(session=session, enr=enr, candidate=candidate, role=role, intent=intent, user=user, tz=tz,
                 today=today, text=read.parts.new or text, res=res, confirmed=read.acts_as_unsubscribe)
    session.flush()
    res.touch_id = touch.id
    return res


def act_on_reply(*, session: Session, enr: Enrollment, candidate: Candidate, role: Role | None, intent: Intent,
                 user: str, tz: str, today: date, text: str, res: ReplyResult, confirmed: bool = True) -> None:
    """Do what the label asks: stop, move the stage, remind, add the referral, unsubscribe (when confirmed), wait."""
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
    elif label is Label.UNSUBSCRIBE and not confirmed:
        res.done.append(f"Stopped this sequence. *Not* marked do-not-contact yet: confirm below if "
                        f"{escape_mrkdwn(candidate.name)} asked to stop.")
    elif label is Label.UNSUBSCRIBE:
        mark_do_not_contact(session=session, candidate=candidate)
        res.done.append(f"Stopped every sequence for {escape_mrkdwn(candidate.name)} and marked them *do not contact*: "
                        "`/outreach start` will refuse them.")
    elif label is Label.OUT_OF_OFFICE and was_active:
        back = add_business_days(intent.until, 1) if intent.until else add_business_days(today, OOO_DEFAULT_BUSINESS_DAYS)
        new_due = due_moment(back, tz)
        enr.next_due_at = max(enr.next_due_at or new_due, new_due)
        res.done.append(f"Kept the sequence; step {enr.current_step} now waits until "
                        f"{slack_date(enr.next_due_at.timestamp(), '{date_short_pretty}')}.")


def mark_do_not_contact(*, session: Session, candidate: Candidate) -> None:
    """Stop every active sequence of the candidate and mark them do-not-contact."""
    others = list(session.scalars(select(Enrollment).where(Enrollment.candidate_id == candidate.id,
                                                           Enrollment.status == "active")))
    for other in others:
        other.status, other.stop_reason, other.next_due_at = "stopped", "unsubscribe", None
    candidate.do_not_contact = True
