"""The email a step becomes: subject and body from the draft, Message-ID, threading and unsubscribe headers."""

from __future__ import annotations

import re
import uuid
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from datetime import datetime

MARKER = "hirebot-"  # every Message-ID Hirebot makes starts with it: what the IMAP search looks for
_SUBJECT = re.compile(r"^\s*subject:\s*(.*)$", re.IGNORECASE)


def split_draft(text: str) -> tuple[str, str]:
    """(subject, body) of a draft whose first line may be `Subject: ...`."""
    lines = text.strip("\n").split("\n")
    m = _SUBJECT.match(lines[0]) if lines else None
    if not m:
        return "", text.strip()
    return m.group(1).strip(), "\n".join(lines[1:]).strip()


def reply_subject(subject: str) -> str:
    """`Re: <subject>` once, however many follow-ups."""
    return subject if re.match(r"^\s*re:", subject, re.IGNORECASE) else f"Re: {subject}"


def new_message_id(from_address: str) -> str:
    """A fresh Message-ID on the sender's domain, starting with MARKER."""
    domain = parseaddr(from_address)[1].rpartition("@")[2] or "hirebot.invalid"
    return f"<{MARKER}{uuid.uuid4().hex}@{domain}>"


def clean_address(address: str) -> str:
    """The bare address of `Name <a@b>` or `a@b`, lower-cased."""
    return parseaddr(address or "")[1].strip().lower()


def build_email(*, from_address: str, from_name: str | None, to_address: str, to_name: str | None, subject: str,
                body: str, message_id: str, thread_root: str | None, sent_at: datetime) -> EmailMessage:
    """The step as an RFC 5322 message; a follow-up threads under the first email (In-Reply-To, References)."""
    msg = EmailMessage()
    msg["From"] = formataddr((from_name or "", from_address))
    msg["To"] = formataddr((to_name or "", to_address))
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent_at)
    msg["Message-ID"] = message_id
    if thread_root and thread_root != message_id:
        msg["In-Reply-To"] = thread_root
        msg["References"] = thread_root
    # RFC 2369 / RFC 8058: how large providers expect a sender of outreach to offer a way out.
    msg["List-Unsubscribe"] = f"<mailto:{from_address}?subject=unsubscribe>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(body)
    return msg
