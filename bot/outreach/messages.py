"""What Slack shows for outreach: the nudge DM, a logged reply, status lines; data for templates/outreach/."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.candidates.messages import person
from bot.core.models import Candidate, Enrollment, Role, Team, Touch, candidate_snapshot
from bot.core.people import Person, local_day
from bot.core.render import escape_mrkdwn, quote_lines, render, slack_date
from bot.outreach.drafts import DEFAULT_TEMPLATES, render_draft
from bot.outreach.service import ReplyResult, enrollment_steps
from scoring.intent import PRIORITY, Label


def candidate_link(c: Candidate) -> str:
    """The candidate's name for mrkdwn, linked to their GitHub or Hugging Face profile."""
    label = escape_mrkdwn(c.name).replace("|", "¦")
    url = (f"https://github.com/{c.github}" if c.github else
           f"https://huggingface.co/{c.huggingface}" if c.huggingface else None)
    return f"<{url}|{label}>" if url else label


def reply_message(res: ReplyResult, *, logged_by: str, extra_blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The answer to a logged reply: the label, why, the next step, what was done."""
    intent = res.intent
    # Change label offers every other label; the values carry the reply's touch id for the click.
    relabel = [{"value": f"{res.touch_id}:{lbl}", "text": str(lbl).replace("_", " ")}
               for lbl in PRIORITY if lbl is not intent.label] if res.touch_id else []
    return render("outreach/reply.json.j2", name=res.candidate_name, label=str(intent.label).replace("_", " "),
                  confidence=intent.confidence, matched=list(intent.matched), next_step=intent.next_step, done=res.done,
                  suggestion=res.suggestion, questions=list(res.questions), logged_by=logged_by,
                  extra_blocks=extra_blocks or [], read_note=res.read_note, confirm=res.confirm_unsubscribe,
                  touch_id=res.touch_id, relabel=relabel)


# -- the nudge message ----------------------------------------------------------------------------
quote_mrkdwn = quote_lines  # the filter templates use, under the name the outreach tests know


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
    snapshot = candidate_snapshot(cand)
    draft = render_draft(template=tpl, candidate_name=cand.name, snapshot=snapshot,
                         role_title=role.title if role else None, questions=list(role.questions or []) if role else [],
                         step=step, total=n, team_settings=(team.settings if team else {}), sender=owner.name,
                         today=local_day(now, owner.tz), weights=dict(role.weights or {}) if role else None,
                         preferred_name=snapshot.get("preferred_name"))
    due = enr.next_due_at if enr.current_step == step else None
    overdue = not started and due is not None and local_day(due, owner.tz) < local_day(now, owner.tz)
    question = _pending_question(session, enr)
    return render("outreach/nudge.json.j2", cand=person(cand), role_title=role.title if role else None, step=step,
                  total=n, started=started, due_since=due if overdue else None,
                  due_since_local=local_day(due, owner.tz) if overdue else None,
                  draft={"text": draft.text, "basis": draft.basis, "generic": draft.generic,
                         "placeholders": bool(draft.placeholders)},
                  question={"at": question.at, "text": question.text or ""} if question is not None else None,
                  email=cand.email, value=f"{enr.id}:{step}", block_prefix=f"nudge-{enr.id}-{step}",
                  first_name=(cand.name or "them").split()[0], outcome=outcome, outcome_id=int(now.timestamp()))


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
