"""Mailboxes connected for outreach, the emails sent from them, and the replies and bounces caught."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.models.base import Base, BigId, utcnow


class Mailbox(Base):
    """An owner's connected mailbox (SMTP to send steps, IMAP to catch replies); the secret is encrypted."""

    __tablename__ = "mailboxes"
    __table_args__ = (UniqueConstraint("team_id", "owner_user_id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    owner_user_id: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(320))
    smtp_host: Mapped[str] = mapped_column(String(255))
    smtp_port: Mapped[int] = mapped_column(Integer)
    smtp_security: Mapped[str] = mapped_column(String(16))  # starttls|ssl|none
    imap_host: Mapped[str] = mapped_column(String(255))
    imap_port: Mapped[int] = mapped_column(Integer)
    imap_security: Mapped[str] = mapped_column(String(16))
    username: Mapped[str] = mapped_column(String(320))
    auth: Mapped[str] = mapped_column(String(16), default="password")  # password|xoauth2
    secret: Mapped[str] = mapped_column(Text)  # Fernet ciphertext (HIREBOT_ENCRYPTION_KEY)
    daily_cap: Mapped[int] = mapped_column(Integer, default=50)
    # IMAP state of INBOX: only messages above last_uid are ever looked at; a new uidvalidity resets it.
    imap_uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    imap_last_uid: Mapped[int | None] = mapped_column(BigInteger)
    checked_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SentMail(Base):
    """One outreach step sent (or queued) from a mailbox, with the Message-ID replies point back to."""

    __tablename__ = "sent_mails"
    __table_args__ = (UniqueConstraint("enrollment_id", "step"), UniqueConstraint("message_id"),
                      Index("ix_sent_mails_queue", "status", "mailbox_id"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    mailbox_id: Mapped[int | None] = mapped_column(ForeignKey("mailboxes.id", ondelete="SET NULL"))  # None: env default
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    owner_user_id: Mapped[str] = mapped_column(String(32))
    step: Mapped[int] = mapped_column(Integer)
    message_id: Mapped[str] = mapped_column(String(255))
    thread_root: Mapped[str | None] = mapped_column(String(255))  # the first step's Message-ID
    from_address: Mapped[str] = mapped_column(String(320))
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued|sending|sent|failed|cancelled|uncertain
    error: Mapped[str | None] = mapped_column(String(300))
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()


class MailEvent(Base):
    """A reply or bounce read from a mailbox (by its Message-ID, so it is never handled twice)."""

    __tablename__ = "mail_events"
    __table_args__ = (UniqueConstraint("team_id", "message_id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # reply|bounce
    message_id: Mapped[str] = mapped_column(String(255))
    touch_id: Mapped[int | None] = mapped_column(BigId)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class InvalidAddress(Base):
    """An email address that bounced for good: nothing is sent to it again."""

    __tablename__ = "invalid_addresses"
    __table_args__ = (UniqueConstraint("team_id", "address"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320))
    reason: Mapped[str | None] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(default=utcnow)
