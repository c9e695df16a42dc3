"""What a caught message does: a reply is classified and logged like `/outreach reply`; a bounce marks the address.

A message belongs to a sent step by its In-Reply-To / References (a Hirebot Message-ID), else by its
sender being someone a step went to from this mailbox. Each is recorded once by its own Message-ID
(MailEvent), so a second clock or a re-read after a UIDVALIDITY change never counts it twice. Only
the reply's new text is stored (the Touch), never the rest of the message.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.models import Candidate, Enrollment, InvalidAddress, Mailbox, MailEvent, SentMail, Touch
from bot.core.people import known_people
from bot.core.render import escape_mrkdwn
from bot.mail.bounces import Bounce, read_bounce
from bot.mail.compose import clean_address
from bot.mail.service import ENV_TEAM
from bot.outreach import service as outreach

log = logging.getLogger(__name__)
_ID = re.compile(r"<[^<>\s]+>")


@dataclass
class Caught:
    """A handled message, for the owner's DM: the reply's reading, or the bounce."""

    event_id: int
    team_id: str
    owner: str
    kind: str  # reply | bounce | unsubscribe
    candidate_name: str
    step: int
    subject: str
    reply: outreach.ReplyResult | None = None
    new_text: str = ""
    bounce: Bounce | None = None
    done: list[str] = field(default_factory=list)


def _headers(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)


def _scope(q: Any, mbox: Mailbox) -> Any:
    return q.where(SentMail.mailbox_id == mbox.id) if mbox.team_id == ENV_TEAM else q.where(SentMail.team_id == mbox.team_id)


def match_sent(session: Session, mbox: Mailbox, msg: EmailMessage, bounce: Bounce | None) -> SentMail | None:
    """The sent step a message answers (or reports on): thread headers first, the address second."""
    ids = _ID.findall(" ".join(str(msg.get(h) or "") for h in ("In-Reply-To", "References")))
    if bounce is not None and bounce.original_message_id:
        ids.append(bounce.original_message_id)
    if ids:
        found = session.scalar(_scope(select(SentMail), mbox).where(SentMail.message_id.in_(ids))
                               .order_by(SentMail.step.desc()).limit(1))
        if found is not None:
            return found
    address = bounce.address if bounce is not None else clean_address(str(msg.get("From") or ""))
    if not address or address == clean_address(mbox.address):
        return None
    return session.scalar(_scope(select(SentMail), mbox).where(
        SentMail.to_address == address, SentMail.status.in_(("sent", "uncertain")), SentMail.mailbox_id == mbox.id)
        .order_by(SentMail.sent_at.desc(), SentMail.id.desc()).limit(1))


def _record(session: Session, sent: SentMail, kind: str, message_id: str) -> MailEvent | None:
    try:
        with session.begin_nested():
            event = MailEvent(team_id=sent.team_id, candidate_id=sent.candidate_id, enrollment_id=sent.enrollment_id,
                              kind=kind, message_id=message_id[:255])
            session.add(event)
        return event
    except IntegrityError:
        return None  # handled before (another clock, or a re-read)


def _bounce(session: Session, sent: SentMail, cand: Candidate, bounce: Bounce, caught: Caught) -> None:
    address = bounce.address
    if session.scalar(select(InvalidAddress.id).where(InvalidAddress.team_id == sent.team_id,
                                                      InvalidAddress.address == address)) is None:
        session.add(InvalidAddress(team_id=sent.team_id, candidate_id=cand.id, address=address, reason=bounce.reason))
    for queued in session.scalars(select(SentMail).where(SentMail.team_id == sent.team_id, SentMail.to_address == address,
                                                         SentMail.status == "queued")):
        queued.status, queued.error = "cancelled", "address bounced"
    enr = session.get(Enrollment, sent.enrollment_id)
    if enr is not None and enr.status == "active":
        enr.status, enr.stop_reason, enr.next_due_at = "stopped", "bounced", None
        caught.done.append("Stopped the sequence.")
    caught.done.append(f"Marked {address} invalid: nothing more is sent to it.")


def handle(session: Session, mbox: Mailbox, raw: bytes, now: datetime, default_tz: str) -> Caught | None:
    """Act on one fetched message; None when it answers no sent step or was handled before."""
    msg = _headers(raw)
    bounce = read_bounce(msg)
    if bounce is None and msg.get_content_type() == "multipart/report":
        return None  # a delay notice or a read receipt: nothing to do
    sent = match_sent(session, mbox, msg, bounce)
    if sent is None:
        return None
    message_id = str(msg.get("Message-ID") or "").strip() or "sha1:" + hashlib.sha1(raw).hexdigest()
    event = _record(session, sent, "bounce" if bounce else "reply", message_id)
    if event is None:
        return None
    enr = session.get(Enrollment, sent.enrollment_id)
    cand = session.get(Candidate, sent.candidate_id)
    if enr is None or cand is None:
        return None
    caught = Caught(event_id=0, team_id=sent.team_id, owner=enr.owner_user_id, kind=event.kind,
                    candidate_name=cand.name, step=sent.step, subject=sent.subject, bounce=bounce)
    if bounce is not None:
        _bounce(session, sent, cand, bounce, caught)
    elif str(msg.get("Subject") or "").strip().lower() == "unsubscribe":
        # What the List-Unsubscribe mailto sends (often with an empty or generated body): their ask, as is.
        event.kind = caught.kind = "unsubscribe"
        outreach.mark_do_not_contact(session=session, candidate=cand)
        touch = Touch(team_id=sent.team_id, enrollment_id=enr.id, step=sent.step, kind="reply", intent="unsubscribe",
                      text="(unsubscribed with the List-Unsubscribe link)", at=now)
        session.add(touch)
        session.flush()
        event.touch_id = touch.id
        caught.done.append(f"Stopped every sequence for {escape_mrkdwn(cand.name)} and marked them *do not contact*.")
    else:
        tz = (known_people(session=session, team_id=sent.team_id).get(enr.owner_user_id) or None)
        res = outreach.log_reply(session=session, enr=enr, candidate=cand, text="", user=enr.owner_user_id,
                                 tz=tz.tz if tz else default_tz, now=now, eml=raw)
        event.touch_id = res.touch_id
        caught.reply = res
        touch_text = session.scalar(select(Touch.text).where(Touch.id == res.touch_id)) or ""
        caught.new_text = touch_text
    session.flush()
    caught.event_id = event.id
    return caught
