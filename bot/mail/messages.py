"""What Slack shows for mailboxes: the connect modal, status, Review & send, and the DMs after a send or a catch."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.core.models import Candidate, Enrollment, Role, SentMail, Team, candidate_snapshot
from bot.core.people import Person, local_day
from bot.core.render import render
from bot.mail.catch import Caught
from bot.mail.compose import split_draft
from bot.mail.sending import default_subject
from bot.mail.service import MailboxStatus
from bot.outreach.drafts import DEFAULT_TEMPLATES, render_draft
from bot.outreach.messages import reply_message
from bot.outreach.service import enrollment_steps

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def connect_modal(*, values: dict[str, Any] | None = None, error: str | None = None, checking: bool = False,
                  done: str | None = None) -> dict[str, Any]:
    """The connect form (refilled after a failed check, without the password), the checking view, or the result."""
    return render("mail/connect_modal.json.j2", values=values or {}, error=error, checking=checking, done=done)


def status_message(status: MailboxStatus | None) -> dict[str, Any]:
    """`/outreach mailbox status`."""
    return render("mail/status.json.j2", status=status)


def step_draft(*, session: Session, enr: Enrollment, step: int, owner: Person, now: datetime) -> tuple[str, str]:
    """(subject, body) of the step's draft as the nudge shows it; a follow-up's subject is `Re:` the first email's."""
    cand = session.get(Candidate, enr.candidate_id)
    role = session.get(Role, enr.role_id) if enr.role_id else None
    steps = enrollment_steps(session, enr)
    tpl = steps[min(step, len(steps)) - 1].template if steps else DEFAULT_TEMPLATES[0]
    team = session.get(Team, enr.team_id)
    snapshot = candidate_snapshot(cand)
    draft = render_draft(template=tpl, candidate_name=cand.name, snapshot=snapshot,
                         role_title=role.title if role else None, questions=list(role.questions or []) if role else [],
                         step=step, total=len(steps), team_settings=(team.settings if team else {}), sender=owner.name,
                         today=local_day(now, owner.tz), weights=dict(role.weights or {}) if role else None,
                         preferred_name=snapshot.get("preferred_name"))
    subject, body = split_draft(draft.text)
    return default_subject(session, enr, subject or f"{role.title if role else 'ML engineer'} role"), body


def review_modal(*, session: Session, enr: Enrollment, step: int, owner: Person, sender: str, now: datetime,
                 metadata: str) -> dict[str, Any]:
    """Review & send…: the final email, editable."""
    cand = session.get(Candidate, enr.candidate_id)
    subject, body = step_draft(session=session, enr=enr, step=step, owner=owner, now=now)
    return render("mail/review_modal.json.j2", name=cand.name, to=cand.email or "", sender=sender, step=step,
                  total=len(enrollment_steps(session, enr)), subject=subject, body=body, metadata=metadata, result=None)


def review_result(result: str) -> dict[str, Any]:
    """The Review & send modal after Send: what happened."""
    return render("mail/review_modal.json.j2", name="", to="", sender="", step=0, total=0, subject="", body="",
                  metadata="{}", result=result)


def sent_dm(*, session: Session, outcomes: list[tuple[int, str, str | None]], at: datetime) -> dict[str, Any] | None:
    """One owner's DM after a tick's sends: each step sent, failed or uncertain (id, status, detail)."""
    items, sender = [], ""
    for sent_id, status, detail in outcomes:
        sent = session.get(SentMail, sent_id)
        if sent is None:
            continue  # forgotten meanwhile
        cand = session.get(Candidate, sent.candidate_id)
        enr = session.get(Enrollment, sent.enrollment_id)
        sender = sent.from_address
        items.append({"status": status, "name": cand.name if cand else "a forgotten candidate", "to": sent.to_address,
                      "subject": sent.subject, "step": sent.step, "detail": detail,
                      "total": len(enrollment_steps(session, enr)) if enr is not None else sent.step})
    if not items:
        return None
    return render("mail/sent_dm.json.j2", sender=sender, at=at, items=items)


def key_sentence(text: str, matched: tuple[str, ...] | list[str]) -> str:
    """The sentence of the new text that decided the label (else its first sentence)."""
    sentences = [s.strip() for s in _SENTENCE.split(text or "") if s.strip() and not s.strip().startswith(">")]
    for phrase in matched:
        for s in sentences:
            if phrase.lower() in s.lower():
                return s[:300]
    return sentences[0][:300] if sentences else ""


def caught_dm(caught: Caught) -> dict[str, Any]:
    """The owner's DM for a caught reply (label, key sentence, next step) or bounce."""
    if caught.kind == "reply" and caught.reply is not None:
        res = caught.reply
        more = [b for b in reply_message(res, logged_by=caught.owner)["blocks"]
                if b.get("block_id") not in ("reply-head", "reply-next")]
        return render("mail/caught_dm.json.j2", kind="reply", name=caught.candidate_name, step=caught.step,
                      subject=caught.subject, label=str(res.intent.label).replace("_", " "),
                      confidence=res.intent.confidence, key=key_sentence(caught.new_text, res.intent.matched),
                      next_step=res.intent.next_step, done=res.done, reason="", address="", more_blocks=more[:20])
    if caught.kind == "unsubscribe":
        return render("mail/caught_dm.json.j2", kind="unsubscribe", name=caught.candidate_name, step=caught.step,
                      subject=caught.subject, label="unsubscribe", confidence=1, key="", next_step="Nothing: never "
                      "contact them again.", done=caught.done, reason="", address="", more_blocks=[])
    bounce = caught.bounce
    return render("mail/caught_dm.json.j2", kind="bounce", name=caught.candidate_name, step=caught.step,
                  subject=caught.subject, label="", confidence=0, key="", next_step="", done=caught.done,
                  reason=(bounce.reason or bounce.status) if bounce else "undeliverable",
                  address=bounce.address if bounce else "", more_blocks=[])
