"""bot.outreach.messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.models import Candidate, Enrollment, Role, Team, Touch, candidate_snapshot
from bot.core.people import Person, local_day
from bot.core.render import escape_mrkdwn, render, slack_date, truncate
from bot.outreach.drafts import DEFAULT_TEMPLATES, render_draft
from bot.outreach.service import ReplyResult, enrollment_steps
from scoring.intent import Label


def candidate_link(c: Candidate) -> str:
    """The candidate's name for mrkdwn, linked to their GitHub or Hugging Face profile."""
    label = escape_mrkdwn(c.name).replace("|", "¦")
    url = (f"https://github.com/{c.github}" if c.github else
           f"https://huggingface.co/{c.huggingface}" if c.huggingface else None)
    return f"<{url}|{label}>" if url else label


def reply_message(res: ReplyResult, *, logged_by: str, extra_blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The answer to a logged reply: the label, why, the next step, what was done."""
    intent = res.intent
    label = str(intent.label).replace("_", " ")
    return render("outreach/reply.json.j2", name=escape_mrkdwn(res.candidate_name), label=label,
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
    draft = render_draft(template=tpl, candidate_name=cand.name, snapshot=candidate_snapshot(cand),
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
    return render("outreach/nudge.json.j2", text=plain, headline=headline, quote=quote_mrkdwn(draft.text),
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
