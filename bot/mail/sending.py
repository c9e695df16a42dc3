"""Send a step from the owner's mailbox exactly once: queue it from Review & send, deliver it through the ledger.

A reviewed step is queued (one row per enrollment step). Delivery claims the ledger key
(team, "mailbox:<id>", "mail_step", <sent id>) so two clocks, a retry and the background pool never
send it twice. MAIL FROM and RCPT TO come first; only when the server has accepted both is the row
marked `sending` (committed) before DATA. So a failure or crash before DATA is a definite "not sent"
(retried), and one after it is ambiguous: the next claim looks for the Message-ID in the mailbox's
Sent folder over IMAP and, not finding it, marks the step `uncertain` and asks the owner rather than
risk a second email. Steps go out in the owner's working hours, under the mailbox's daily cap, never
to someone marked do-not-contact or to an address that bounced.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from imapclient.imapclient import SENT
from imapclient.exceptions import IMAPClientError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import delivery
from bot.core.errors import NotPermitted, UserError
from bot.core.models import Candidate, Enrollment, InvalidAddress, Mailbox, SentMail
from bot.core.people import People, Person, working_hours
from bot.core.services import Services
from bot.mail.compose import build_email, clean_address, new_message_id, reply_subject
from bot.mail.service import config_of, day_start, sending_mailbox, sent_since
from bot.mail.transport import MailboxConfig, MailLoginError, open_imap, open_smtp
from bot.outreach import service as outreach

log = logging.getLogger(__name__)

KIND = "mail_step"
MAX_PER_TICK = 2000


@dataclass(frozen=True)
class Outcome:
    """What one send attempt came to: sent | waiting | capped | busy | retry | failed | cancelled | uncertain."""

    status: str
    sent_id: int
    detail: str | None = None


def thread_of(session: Session, enr: Enrollment) -> SentMail | None:
    """The enrollment's first email actually sent: follow-ups thread under it."""
    return session.scalar(select(SentMail).where(SentMail.enrollment_id == enr.id, SentMail.status == "sent")
                          .order_by(SentMail.step, SentMail.id).limit(1))


def default_subject(session: Session, enr: Enrollment, draft_subject: str) -> str:
    """The subject a step's modal starts with: the draft's, or `Re: <first email's subject>` for a follow-up."""
    root = thread_of(session, enr)
    return reply_subject(root.subject) if root is not None else draft_subject


def is_invalid(session: Session, team_id: str, address: str) -> bool:
    """Whether the address bounced for good."""
    return session.scalar(select(InvalidAddress.id).where(InvalidAddress.team_id == team_id,
                                                          InvalidAddress.address == clean_address(address))) is not None


def queue_step(*, session: Session, services: Services, enr: Enrollment, cand: Candidate, step: int, subject: str,
               body: str, user: str, now: datetime) -> SentMail:
    """Queue the reviewed step for sending from the owner's mailbox; UserError saying why it cannot go."""
    if user != enr.owner_user_id:
        raise NotPermitted(f"Only the sequence's owner, <@{enr.owner_user_id}>, sends its emails (from their mailbox).")
    if enr.status != "active" or enr.current_step != step:
        raise outreach.StaleClick(f"Already handled: {outreach.describe_state(session, enr)}.")
    if cand.do_not_contact:
        raise NotPermitted(f"{cand.name} asked not to be contacted: nothing is sent.")
    to = clean_address(cand.email or "")
    if not to or "@" not in to:
        raise UserError(f"{cand.name} has no email address.", example=f"/candidate add {cand.github or 'octocat'} email:name@example.com")
    if is_invalid(session, enr.team_id, to):
        raise UserError(f"{to} bounced earlier, so Hirebot won't send to it. Add a working address to {cand.name} first.")
    mbox = sending_mailbox(session=session, settings=services.settings, team_id=enr.team_id, owner=user)
    if mbox is None:
        raise UserError("Connect your mailbox first, so the email goes out from your own address.",
                        example="/outreach mailbox connect")
    if not subject.strip() or not body.strip():
        raise UserError("The email needs a subject and a body.")
    root = thread_of(session, enr)
    sent = session.scalar(select(SentMail).where(SentMail.enrollment_id == enr.id, SentMail.step == step))
    if sent is not None and sent.status in ("sending", "sent", "uncertain"):
        raise outreach.StaleClick(f"Step {step} was already sent to {to}.")
    if sent is None:
        sent = SentMail(team_id=enr.team_id, enrollment_id=enr.id, candidate_id=cand.id, step=step)
        session.add(sent)
    sent.mailbox_id, sent.owner_user_id, sent.from_address, sent.to_address = mbox.id, user, mbox.address, to
    sent.subject, sent.body, sent.status, sent.error = subject.strip()[:300], body.strip(), "queued", None
    sent.message_id = new_message_id(mbox.address)
    sent.thread_root = root.message_id if root is not None else sent.message_id
    sent.queued_at, sent.sent_at = now, None
    session.flush()
    return sent


def _cancel_reason(session: Session, sent: SentMail) -> str | None:
    enr = session.get(Enrollment, sent.enrollment_id)
    cand = session.get(Candidate, sent.candidate_id)
    if enr is None or cand is None:
        return "the candidate is gone"
    if enr.status != "active" or enr.current_step != sent.step:
        return outreach.describe_state(session, enr)
    if cand.do_not_contact:
        return "they asked not to be contacted"
    if is_invalid(session, sent.team_id, sent.to_address):
        return f"{sent.to_address} bounced"
    if sent.mailbox_id is None or session.get(Mailbox, sent.mailbox_id) is None:
        return "the mailbox was disconnected"
    return None


def in_sent_folder(cfg: MailboxConfig, message_id: str) -> bool | None:
    """Whether the mailbox's Sent folder holds the Message-ID (providers file what SMTP sent); None: can't tell."""
    try:
        client = open_imap(cfg)
    except MailLoginError:
        return None
    try:
        folder = client.find_special_folder(SENT)
        if folder is None:
            return False
        client.select_folder(folder, readonly=True)
        return bool(client.search(["HEADER", "Message-ID", message_id]))
    except (OSError, IMAPClientError):
        return None
    finally:
        try:
            client.logout()
        except (OSError, IMAPClientError):
            pass


def _set(services: Services, sent_id: int, **values: Any) -> None:
    with services.db.session() as session:
        row = session.get(SentMail, sent_id)
        if row is not None:
            for key, value in values.items():
                setattr(row, key, value)


def _mark_sent(services: Services, sent_id: int, tz: str, now: datetime) -> None:
    with services.db.session() as session:
        sent = session.get(SentMail, sent_id)
        sent.status, sent.sent_at, sent.error = "sent", now, None
        enr = session.get(Enrollment, sent.enrollment_id)
        if enr is not None:
            try:
                outreach.mark_sent(session=session, enr=enr, step=sent.step, user=sent.owner_user_id, tz=tz, now=now)
            except outreach.StaleClick:
                pass  # the owner moved the sequence on meanwhile; the email is still recorded


class SmtpSessions:
    """One mailbox's SMTP session kept open across its steps in one tick: log in once, not per email."""

    def __init__(self) -> None:
        self.conn: smtplib.SMTP | None = None

    def get(self, cfg: MailboxConfig) -> smtplib.SMTP:
        """The open session, or a new one (MailLoginError when the login fails)."""
        if self.conn is None:
            self.conn = open_smtp(cfg)
        return self.conn

    def reset(self) -> None:
        """After a refused command: RSET, or drop the session if even that fails."""
        try:
            if self.conn is not None:
                self.conn.rset()
        except (OSError, smtplib.SMTPException):
            self.drop()

    def drop(self) -> None:
        """Close it (a broken or finished session)."""
        if self.conn is not None:
            try:
                self.conn.quit()
            except (OSError, smtplib.SMTPException):
                self.conn.close()
        self.conn = None


def _smtp_send(cfg: MailboxConfig, services: Services, sent_id: int, payload: bytes, sender: str, to: str,
               sessions: SmtpSessions) -> tuple[str, str]:
    """('sent'|'retry'|'failed'|'ambiguous', detail). `sending` is committed between RCPT TO and DATA."""
    try:
        conn = sessions.get(cfg)
    except MailLoginError as exc:
        return "retry", exc.message
    try:
        for command, arg in (("mail", sender), ("rcpt", to)):
            code, reply = getattr(conn, command)(arg)
            if code >= 400:
                sessions.reset()
                kind = "retry" if code < 500 else "failed"
                return kind, f"{command.upper()} {code} {reply.decode(errors='replace')[:200]}"
        _set(services, sent_id, status="sending")
        try:
            code, reply = conn.data(payload)
        except smtplib.SMTPDataError as exc:  # the DATA command itself was refused: nothing went
            _set(services, sent_id, status="queued")
            sessions.reset()
            return ("retry" if exc.smtp_code < 500 else "failed"), f"DATA {exc.smtp_code}"
        if code == 250:
            return "sent", ""
        _set(services, sent_id, status="queued")  # the server answered: the message was not taken
        sessions.reset()
        return ("retry" if code < 500 else "failed"), f"DATA {code} {reply.decode(errors='replace')[:200]}"
    except (OSError, smtplib.SMTPException) as exc:
        sessions.drop()
        return "ambiguous", f"connection lost: {type(exc).__name__}"


def send_one(services: Services, sent_id: int, now: datetime, people: People | None = None,
             sessions: SmtpSessions | None = None) -> Outcome:
    """Try to deliver one queued step now (working hours, cap, ledger); the outcome."""
    if sessions is None:
        sessions = SmtpSessions()
        try:
            return send_one(services, sent_id, now, people, sessions)
        finally:
            sessions.drop()
    with services.db.session() as session:
        sent = session.get(SentMail, sent_id)
        if sent is None or sent.status not in ("queued", "sending"):
            return Outcome(sent.status if sent else "gone", sent_id)
        why = _cancel_reason(session, sent)
        if why:
            sent.status, sent.error = "cancelled", why[:300]
            return Outcome("cancelled", sent_id, why)
        team_id, owner_id, mailbox_id = sent.team_id, sent.owner_user_id, sent.mailbox_id
    owner: Person | None = (people or People(services)).get(team_id, owner_id)
    if owner is None or not working_hours(now, owner.tz):
        return Outcome("waiting", sent_id)
    with services.db.session() as session:
        mbox = session.get(Mailbox, mailbox_id)
        if sent_since(session=session, mailbox_id=mailbox_id, since=day_start(now, owner.tz)) >= mbox.daily_cap:
            return Outcome("capped", sent_id)
        cfg = config_of(mbox, services.settings)
    claim = delivery.claim(services.db, team_id=team_id, channel_id=f"mailbox:{mailbox_id}", kind=KIND,
                           period=str(sent_id), now=now)
    if claim is None:
        return Outcome("busy", sent_id)
    with services.db.session() as session:
        sent = session.get(SentMail, sent_id)
        status, message_id = sent.status, sent.message_id
        msg = build_email(from_address=sent.from_address, from_name=owner.name, to_address=sent.to_address,
                          to_name=session.get(Candidate, sent.candidate_id).name, subject=sent.subject, body=sent.body,
                          message_id=sent.message_id, thread_root=sent.thread_root, sent_at=now)
        sender, to = sent.from_address, sent.to_address
    if status == "sending":  # an earlier attempt got as far as DATA: it may have gone
        found = in_sent_folder(cfg, message_id)
        if found:
            _mark_sent(services, sent_id, owner.tz, now)
            delivery.finish(services.db, claim, status="sent", now=now)
            return Outcome("sent", sent_id, "found in the Sent folder")
        if found is None:
            delivery.finish(services.db, claim, status="failed", now=now, error="sent folder unreadable")
            return Outcome("retry", sent_id, "could not read the Sent folder to check")
        _set(services, sent_id, status="uncertain", error="may have been sent; not in the Sent folder")
        delivery.finish(services.db, claim, status="skipped", now=now, error="uncertain")
        return Outcome("uncertain", sent_id)
    result, detail = _smtp_send(cfg, services, sent_id, msg.as_bytes(), sender, to, sessions)
    if result == "sent":
        _mark_sent(services, sent_id, owner.tz, now)
        delivery.finish(services.db, claim, status="sent", now=now)
        return Outcome("sent", sent_id)
    if result == "failed":
        _set(services, sent_id, status="failed", error=detail[:300])
        delivery.finish(services.db, claim, status="skipped", now=now, error=detail)
        return Outcome("failed", sent_id, detail)
    log.info("mail step %s not sent yet (%s): %s", sent_id, result, detail)
    _set(services, sent_id, error=detail[:300])
    delivery.finish(services.db, claim, status="failed", now=now, error=detail)
    return Outcome("retry", sent_id, detail)


def due_ids(services: Services, limit: int = MAX_PER_TICK) -> list[int]:
    """Steps waiting to go out, oldest first."""
    with services.db.session() as session:
        return list(session.scalars(select(SentMail.id).where(SentMail.status.in_(("queued", "sending")))
                                    .order_by(SentMail.queued_at, SentMail.id).limit(limit)))
