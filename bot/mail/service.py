"""Mailboxes: save one after its login check, read it back (secret decrypted), status, disconnect.

The secret is Fernet-encrypted with HIREBOT_ENCRYPTION_KEY like Slack tokens and never logged. A team
without per-owner mailboxes may use the environment's default (HIREBOT_SMTP_URL / HIREBOT_IMAP_URL):
its IMAP state lives in a row with team "*" whose secret stays in the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core.config import Settings
from bot.core.crypto import cipher_from_settings
from bot.core.errors import UserError
from bot.core.models import Mailbox, SentMail
from bot.core.people import zone
from bot.mail.logins import login_for
from bot.mail.transport import MailboxConfig, ProbeResult, config_from_urls

DEFAULT_DAILY_CAP = 50
ENV_TEAM = "*"  # the environment's default mailbox row
WHY = "connecting a mailbox (its password is encrypted at rest)"


@dataclass(frozen=True)
class MailboxStatus:
    """What `/outreach mailbox status` shows."""

    address: str
    smtp: str
    imap: str
    source: str  # "connected" | "environment"
    sent_today: int
    daily_cap: int
    checked_at: datetime | None
    last_error: str | None


def env_config(settings: Settings) -> MailboxConfig | None:
    """The environment's default mailbox, when both URLs are set."""
    if not (settings.smtp_url and settings.imap_url):
        return None
    return config_from_urls(settings.smtp_url.get_secret_value(), settings.imap_url.get_secret_value())


def save_mailbox(*, session: Session, settings: Settings, team_id: str, owner: str, cfg: MailboxConfig,
                 probe: ProbeResult) -> Mailbox:
    """Store a mailbox that just passed its login check (replacing the owner's previous one)."""
    cipher = cipher_from_settings(settings, why=WHY)
    row = session.scalar(select(Mailbox).where(Mailbox.team_id == team_id, Mailbox.owner_user_id == owner))
    if row is None:
        row = Mailbox(team_id=team_id, owner_user_id=owner, daily_cap=DEFAULT_DAILY_CAP)
        session.add(row)
    row.address, row.username, row.auth = cfg.address, cfg.login.username, cfg.login.kind
    row.smtp_host, row.smtp_port, row.smtp_security = cfg.smtp_host, cfg.smtp_port, cfg.smtp_security
    row.imap_host, row.imap_port, row.imap_security = cfg.imap_host, cfg.imap_port, cfg.imap_security
    row.secret = cipher.encrypt(cfg.login.secret()) or ""
    # Replies are looked for from the moment of connecting: the mailbox's history is never read.
    row.imap_uidvalidity, row.imap_last_uid = probe.uidvalidity, probe.uidnext - 1
    row.last_error = None
    session.flush()
    return row


def owner_mailbox(*, session: Session, team_id: str, owner: str) -> Mailbox | None:
    """The owner's connected mailbox, if any."""
    return session.scalar(select(Mailbox).where(Mailbox.team_id == team_id, Mailbox.owner_user_id == owner))


def env_mailbox(*, session: Session, settings: Settings) -> Mailbox | None:
    """The row that carries the environment mailbox's IMAP state (created on first use)."""
    cfg = env_config(settings)
    if cfg is None:
        return None
    row = session.scalar(select(Mailbox).where(Mailbox.team_id == ENV_TEAM, Mailbox.owner_user_id == ENV_TEAM))
    if row is None:
        row = Mailbox(team_id=ENV_TEAM, owner_user_id=ENV_TEAM, secret="", daily_cap=DEFAULT_DAILY_CAP)
        session.add(row)
    row.address, row.username, row.auth = cfg.address, cfg.login.username, cfg.login.kind
    row.smtp_host, row.smtp_port, row.smtp_security = cfg.smtp_host, cfg.smtp_port, cfg.smtp_security
    row.imap_host, row.imap_port, row.imap_security = cfg.imap_host, cfg.imap_port, cfg.imap_security
    session.flush()
    return row


def sending_mailbox(*, session: Session, settings: Settings, team_id: str, owner: str) -> Mailbox | None:
    """The mailbox a step of `owner` goes out from: theirs, else the environment's default."""
    return owner_mailbox(session=session, team_id=team_id, owner=owner) or env_mailbox(session=session, settings=settings)


def config_of(row: Mailbox, settings: Settings) -> MailboxConfig:
    """A stored mailbox as a config with its decrypted login."""
    if row.team_id == ENV_TEAM:
        cfg = env_config(settings)
        if cfg is None:
            raise UserError("The default mailbox is gone from the environment (HIREBOT_SMTP_URL / HIREBOT_IMAP_URL).")
        return cfg
    secret = cipher_from_settings(settings, why=WHY).decrypt(row.secret) or ""
    return MailboxConfig(address=row.address, smtp_host=row.smtp_host, smtp_port=row.smtp_port,
                         smtp_security=row.smtp_security, imap_host=row.imap_host, imap_port=row.imap_port,
                         imap_security=row.imap_security, login=login_for(row.auth, row.username, secret))


def day_start(now: datetime, tz: str) -> datetime:
    """Midnight of the owner's local day at `now`: what the daily cap counts from."""
    return datetime.combine(now.astimezone(zone(tz)).date(), time(0), tzinfo=zone(tz))


def sent_since(*, session: Session, mailbox_id: int, since: datetime) -> int:
    """Steps sent (or being sent) from the mailbox since a moment: what the daily cap counts."""
    return session.scalar(select(func.count(SentMail.id)).where(
        SentMail.mailbox_id == mailbox_id, SentMail.status.in_(("sent", "sending", "uncertain")),
        SentMail.sent_at >= since)) or 0


def mailbox_status(*, session: Session, settings: Settings, team_id: str, owner: str,
                   day_start: datetime) -> MailboxStatus | None:
    """The owner's mailbox (or the environment's default) for `/outreach mailbox status`; None when neither."""
    row = owner_mailbox(session=session, team_id=team_id, owner=owner)
    source = "connected"
    if row is None:
        row, source = env_mailbox(session=session, settings=settings), "environment"
    if row is None:
        return None
    return MailboxStatus(address=row.address, smtp=f"{row.smtp_host}:{row.smtp_port} ({row.smtp_security})",
                         imap=f"{row.imap_host}:{row.imap_port} ({row.imap_security})", source=source,
                         sent_today=sent_since(session=session, mailbox_id=row.id, since=day_start),
                         daily_cap=row.daily_cap, checked_at=row.checked_at, last_error=row.last_error)


def disconnect(*, session: Session, team_id: str, owner: str) -> str | None:
    """Forget the owner's mailbox (its secret goes with the row); queued steps from it are cancelled. The address, or None."""
    row = owner_mailbox(session=session, team_id=team_id, owner=owner)
    if row is None:
        return None
    for sent in session.scalars(select(SentMail).where(SentMail.mailbox_id == row.id, SentMail.status == "queued")):
        sent.status, sent.error = "cancelled", "mailbox disconnected"
    address = row.address
    session.delete(row)
    session.flush()
    return address
