"""Personal notification preferences, DMs held for quiet hours or summaries, and new-work alerts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.models.base import Base, BigId, utcnow


class NotifyPreference(Base):
    """One person's notification choices: a mode per kind, summary time, quiet hours and days, snooze."""

    __tablename__ = "notify_preferences"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    modes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # kind -> now|summary|off (absent: the default)
    summary_time: Mapped[str] = mapped_column(String(5), default="17:00")
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    quiet_days: Mapped[list[Any]] = mapped_column(default=list)  # weekday numbers, 0=Monday
    snooze_until: Mapped[datetime | None] = mapped_column()
    tz: Mapped[str | None] = mapped_column(String(64))  # users.info tz when last changed
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class HeldNotification(Base):
    """A DM waiting for the end of a quiet window or snooze (mode hold), or for a daily summary (mode summary)."""

    __tablename__ = "held_notifications"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "kind", "period", name="uq_held_key"),
                      Index("ix_held_due", "status", "release_at"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(64))  # the delivery-ledger period it goes out under
    mode: Mapped[str] = mapped_column(String(16))  # hold|summary
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    message: Mapped[dict[str, Any]] = mapped_column(default=dict)  # a summary line's text (summary mode)
    release_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|dropped
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NewWorkAlert(Base):
    """New public work by a known candidate (passed, not now, quiet, declined): the owner's and the digest's news."""

    __tablename__ = "new_work_alerts"
    __table_args__ = (Index("ix_new_work_team_created", "team_id", "created_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id", ondelete="SET NULL"))
    owner_user_id: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(32))  # passed|not_now|quiet|declined
    items: Mapped[list[Any]] = mapped_column(default=list)  # [{kind, title, url, repo?}]
    dm_status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|done
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
