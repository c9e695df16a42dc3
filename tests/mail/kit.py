"""Helpers for mail tests: a recruiter on the mail app, modal submissions, raw replies and bounces."""

from __future__ import annotations

import json
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import urlencode

from sqlalchemy import select

from bot.core.models import Candidate, Enrollment, SentMail
from bot.mail.logins import PasswordLogin
from bot.mail.sending import queue_step
from bot.mail.service import save_mailbox
from bot.mail.transport import MailboxConfig, probe
from tests.outreach.test_e2e import Recruiter, blocks_of, buttons
from tests.slackkit import sign, validate_blocks

# A Wednesday morning in Berlin: inside the owner's working hours.
NOW = datetime.fromisoformat("2026-12-02T10:30:00+01:00")


def submit_view(r: Recruiter, view: dict, values: dict, view_id: str = "V0MAIL") -> dict:
    """Submit a modal as Slack does; the ack's JSON (or {} for an empty ack)."""
    payload = {"type": "view_submission", "team": {"id": r.team, "domain": "acme-ml"},
               "user": {"id": r.user, "username": "sam", "name": "sam", "team_id": r.team},
               "api_app_id": "A0HIREBOT", "token": "x", "trigger_id": "1337.44.abcdef",
               "view": view | {"id": view_id, "team_id": r.team, "hash": "1.abc", "state": {"values": values}},
               "response_urls": [], "is_enterprise_install": False, "enterprise": None}
    body = urlencode({"payload": json.dumps(payload)})
    resp = r.sender.post(body, "application/x-www-form-urlencoded", sign(body))
    assert resp.status_code == 200, resp.text
    return resp.json() if resp.text else {}


def text_values(**fields: str) -> dict:
    """Modal state for plain-text inputs (block id = field, action id = value); *_security are selects."""
    out = {}
    for name, value in fields.items():
        if name.endswith("_security"):
            out[name] = {"value": {"type": "static_select", "selected_option": {"value": value}}}
        else:
            out[name] = {"value": {"type": "plain_text_input", "value": value}}
    return out


def connect_values(smtp_port: int, imap_port: int, *, password: str = "app-password", address: str = "sam@example.com",
                   smtp_security: str = "none", imap_security: str = "none", smtp_host: str = "127.0.0.1",
                   imap_host: str = "127.0.0.1") -> dict:
    """The connect form filled in for the local servers."""
    return text_values(address=address, smtp_host=smtp_host, smtp_port=str(smtp_port), smtp_security=smtp_security,
                       imap_host=imap_host, imap_port=str(imap_port), imap_security=imap_security,
                       username=address, password=password)


def opened_view(slack) -> dict:
    """The last view Hirebot opened."""
    args = slack.wait_for("views.open")[-1].args
    view = json.loads(args["view"]) if isinstance(args["view"], str) else args["view"]
    validate_blocks(view["blocks"], limit=100)
    return view


def updated_views(slack, count: int = 1) -> list[dict]:
    """Every views.update so far (waiting for `count`)."""
    calls = slack.wait_for("views.update", count=count, timeout=30)
    views = [json.loads(c.args["view"]) if isinstance(c.args["view"], str) else c.args["view"] for c in calls]
    for v in views:
        validate_blocks(v["blocks"], limit=100)
    return views


def reply_email(*, sender: str, to: str, subject: str, body: str, in_reply_to: str | None = None,
                headers: dict[str, str] | None = None) -> bytes:
    """A candidate's reply as their mail client sends it."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(NOW)
    msg["Message-ID"] = make_msgid(domain="candidate.example")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body)
    return msg.as_bytes()


def bounce_email(*, to: str, failed: str, original_id: str, status: str = "5.1.1",
                 diagnostic: str = "smtp; 550 5.1.1 <x>: Recipient address rejected: User unknown") -> bytes:
    """An RFC 3464 delivery status notification from the sender's server."""
    boundary = "BOUNDARY42"
    text = (f"From: Mail Delivery System <MAILER-DAEMON@example.com>\r\nTo: {to}\r\n"
            f"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: {make_msgid(domain='example.com')}\r\n"
            f"MIME-Version: 1.0\r\nAuto-Submitted: auto-replied\r\n"
            f"Content-Type: multipart/report; report-type=delivery-status; boundary=\"{boundary}\"\r\n\r\n"
            f"--{boundary}\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message "
            f"could not be delivered.\r\n\r\n--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
            f"Reporting-MTA: dns; mail.example.com\r\n\r\nFinal-Recipient: rfc822; {failed}\r\nAction: failed\r\n"
            f"Status: {status}\r\nDiagnostic-Code: {diagnostic}\r\n\r\n--{boundary}\r\n"
            f"Content-Type: text/rfc822-headers\r\n\r\nFrom: {to}\r\nTo: {failed}\r\nMessage-ID: {original_id}\r\n"
            f"Subject: About your work\r\n\r\n--{boundary}--\r\n")
    return text.encode()


def connect_directly(services, team: str, owner: str, address: str, smtp, dovecot) -> int:
    """A mailbox saved after a real login check (no Slack), on its own Dovecot user; its id."""
    password = dovecot.password
    smtp.users[address] = password
    cfg = MailboxConfig(address=address, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none",
                        imap_host="127.0.0.1", imap_port=dovecot.port, imap_security="none",
                        login=PasswordLogin(address, password))
    found = probe(cfg)
    with services.db.session() as session:
        return save_mailbox(session=session, settings=services.settings, team_id=team, owner=owner, cfg=cfg,
                            probe=found).id


def queue_first_step(r: Recruiter, handle: str, *, subject: str = "About your work", body: str = "Hi there") -> int:
    """Queue step 1 for the candidate as Review & send does; the sent-mail id."""
    with r.services.db.session() as session:
        enr = session.scalar(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                             .where(Candidate.team_id == r.team, Candidate.github == handle))
        cand = session.get(Candidate, enr.candidate_id)
        return queue_step(session=session, services=r.services, enr=enr, cand=cand, step=enr.current_step,
                          subject=subject, body=body, user=r.user, now=NOW).id


def sent_row(services, sent_id: int) -> SentMail:
    """The sent-mail row, detached."""
    with services.db.session() as session:
        row = session.get(SentMail, sent_id)
        session.expunge(row)
        return row
