"""Typed ORM models. Every row carries the Slack team id it belongs to.

One package, one metadata: importing `bot.core.models` registers every table (the migrations and
the uninstall purge read `Base.metadata`), and every model is importable from here.
"""

from bot.core.models.base import Base, BigId, UTCDateTime, utcnow
from bot.core.models.hiring import (
    AuditEvent,
    Candidate,
    Delivery,
    DigestSubscription,
    Enrollment,
    HttpCacheEntry,
    Note,
    PipelineEntry,
    Role,
    Score,
    Sequence,
    SequenceStep,
    Signal,
    Team,
    TeamSalary,
    Touch,
    candidate_snapshot,
)
from bot.core.models.mail import InvalidAddress, Mailbox, MailEvent, SentMail
from bot.core.models.notify import HeldNotification, NewWorkAlert, NotifyPreference

__all__ = [
    "AuditEvent", "Base", "BigId", "Candidate", "Delivery", "DigestSubscription", "Enrollment", "HeldNotification",
    "HttpCacheEntry", "InvalidAddress", "MailEvent", "Mailbox", "NewWorkAlert", "Note", "NotifyPreference",
    "PipelineEntry", "Role", "Score", "Sequence", "SequenceStep", "SentMail", "Signal", "Team", "TeamSalary", "Touch",
    "UTCDateTime", "candidate_snapshot", "utcnow",
]
