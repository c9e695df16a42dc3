"""Teams, roles, candidates and what is known and decided about them: signals, scores, pipeline, notes,
outreach sequences, digests, the delivery ledger, caches, audit and salary data."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    desc,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from unidecode import unidecode

from bot.core.models.base import Base, BigId, utcnow
from scoring.query.index import repos_text


class Team(Base):
    """A Slack workspace that uses Hirebot, with its settings."""

    __tablename__ = "teams"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Bumped whenever a candidate, score, stage or role of the team changes (bot/versioning.py):
    # what lets a web process reuse a rendered shortlist until something it shows changes.
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Role(Base):
    """A role the team hires for, with its scorecard."""

    __tablename__ = "roles"
    # AUTOINCREMENT on SQLite: a removed role's id is never handed to a new one (old buttons carry ids).
    __table_args__ = (UniqueConstraint("team_id", "slug"), {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    must_have: Mapped[list[Any]] = mapped_column(default=list)
    nice_to_have: Mapped[list[Any]] = mapped_column(default=list)
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    level: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str | None] = mapped_column(String(100))
    questions: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Candidate(Base):
    """A person the team is considering: handles, location and their latest profile snapshot."""

    __tablename__ = "candidates"
    __table_args__ = (
        UniqueConstraint("team_id", "github"),
        UniqueConstraint("team_id", "huggingface"),
        Index("ix_candidates_team_created", "team_id", "created_at"),
        Index("ix_candidates_enrich_due", "enrichment_status", "enrich_after"),
        *(Index(f"ix_candidates_team_lower_{c}", "team_id", text(f"lower({c})"))
          for c in ("github", "huggingface", "kaggle", "email")),  # case-blind handle lookups (import)
        Index("ix_candidates_team_name_folded", "team_id", "name_folded"),
        {"sqlite_autoincrement": True},  # a forgotten person's id is never reused (the audit log keeps ids)
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    github: Mapped[str | None] = mapped_column(String(100))
    huggingface: Mapped[str | None] = mapped_column(String(100))
    kaggle: Mapped[str | None] = mapped_column(String(100))
    kaggle_tier: Mapped[str | None] = mapped_column(String(20))
    arxiv_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    location: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(8))
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # What rescoring reads instead of the snapshot: scoring.signals.Features as JSON, its scorer version,
    # and the columns the shortlist filters on (skills as "|a|b|", the last day of public activity).
    features: Mapped[dict[str, Any] | None] = mapped_column(JSON, deferred=True)
    features_version: Mapped[str | None] = mapped_column(String(32))
    score_vector: Mapped[str | None] = mapped_column(Text)  # bot.roles.bulk: what vectorised rescoring reads
    skills_text: Mapped[str | None] = mapped_column(Text)
    last_active_on: Mapped[date | None] = mapped_column(Date)
    name_folded: Mapped[str | None] = mapped_column(String(200))  # bot.candidates.lookup.fold(name)
    repos_text: Mapped[str | None] = mapped_column(Text)  # scoring.query.index.repos_text; ix_candidates_search (0009)
    enrichment_status: Mapped[str] = mapped_column(String(16), default="none")  # none|pending|ok|stale
    enrichment_note: Mapped[str | None] = mapped_column(String(300))
    enrich_after: Mapped[datetime | None] = mapped_column()
    enriched_at: Mapped[datetime | None] = mapped_column()
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    added_by: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @validates("name")
    def _fold_name(self, _key: str, value: str | None) -> str | None:
        """Keep name_folded (the indexed, accent-free name /candidate find reads) in step with every name set."""
        self.name_folded = unidecode(value or "").lower()[:200]
        return value

    @validates("snapshot")
    def _index_repos(self, _key: str, value: dict[str, Any] | None) -> dict[str, Any] | None:
        """Keep repos_text (the repositories merged into, which /candidate find searches) in step with the snapshot."""
        self.repos_text = repos_text(value)
        return value


class Signal(Base):
    """One observed public fact about a candidate, with its evidence URL and when it was seen."""

    __tablename__ = "signals"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    url: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Score(Base):
    """A candidate's score for a role: total, the explained breakdown and the scorer version."""

    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint("candidate_id", "role_id"),
        Index("ix_scores_rank", "team_id", "role_id", desc("total"), "candidate_id"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"))
    total: Mapped[int] = mapped_column(Integer)
    qualifies: Mapped[bool] = mapped_column(Boolean, default=True)
    breakdown: Mapped[dict[str, Any]] = mapped_column(default=dict)
    scorer_version: Mapped[str] = mapped_column(String(32))
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PipelineEntry(Base):
    """Where a candidate stands for a role: stage, since when, and who owns it."""

    __tablename__ = "pipeline_entries"
    __table_args__ = (UniqueConstraint("candidate_id", "role_id"), Index("ix_pipeline_stage", "team_id", "stage"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(20), default="sourced")
    stage_entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    owner_user_id: Mapped[str | None] = mapped_column(String(32))
    updated_by: Mapped[str | None] = mapped_column(String(32))


class Note(Base):
    """A free-text note a teammate left on a candidate."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    author_user_id: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Sequence(Base):
    """An outreach sequence: ordered steps with business-day offsets."""

    __tablename__ = "sequences"
    __table_args__ = (UniqueConstraint("team_id", "name"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    steps: Mapped[list["SequenceStep"]] = relationship(order_by="SequenceStep.position", cascade="all, delete-orphan")


class SequenceStep(Base):
    """One step of a sequence: when (business days after start) and which draft template."""

    __tablename__ = "sequence_steps"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    sequence_id: Mapped[int] = mapped_column(ForeignKey("sequences.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    day_offset: Mapped[int] = mapped_column(Integer)
    template: Mapped[str] = mapped_column(String(64))


class Enrollment(Base):
    """A candidate working through a sequence, owned by one teammate."""

    __tablename__ = "enrollments"
    __table_args__ = (Index("ix_enrollments_due", "status", "next_due_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id", ondelete="SET NULL"))
    sequence_id: Mapped[int] = mapped_column(ForeignKey("sequences.id", ondelete="CASCADE"))
    owner_user_id: Mapped[str] = mapped_column(String(32))
    current_step: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active|stopped|done|replied
    stop_reason: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_due_at: Mapped[datetime | None] = mapped_column()


class Touch(Base):
    """Something that happened in outreach: a step sent, a reply logged (with its intent)."""

    __tablename__ = "touches"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"), index=True)
    step: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # sent|reply|snooze
    intent: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class DigestSubscription(Base):
    """A channel's daily digest: local time, timezone, optional role and score floor."""

    __tablename__ = "digest_subscriptions"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "role_slug"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    role_slug: Mapped[str] = mapped_column(String(64), default="")
    local_time: Mapped[str] = mapped_column(String(5), default="09:00")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    min_score: Mapped[int] = mapped_column(Integer, default=0)
    max_items: Mapped[int] = mapped_column(Integer, default=10)
    weekends: Mapped[bool] = mapped_column(Boolean, default=False)
    weekly_day: Mapped[int | None] = mapped_column(Integer)  # 0=Monday..6: weekly on that day; None: daily
    only_changed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    last_fingerprint: Mapped[str | None] = mapped_column(String(64))  # what the last posted digest showed
    created_by: Mapped[str | None] = mapped_column(String(32))
    last_digest_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Delivery(Base):
    """The delivery ledger: one row per (team, channel, kind, period), claimed before posting."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "kind", "period", name="uq_delivery_key"),
                      Index("ix_deliveries_status", "status", "claimed_at"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="claimed")  # claimed|sent|failed|skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    message_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(String(300))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()


class HttpCacheEntry(Base):
    """A cached public-API response with its ETag, for conditional requests."""

    __tablename__ = "http_cache"
    key: Mapped[str] = mapped_column(String(500), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[Any] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """Who viewed, exported or forgot which candidate (ids only, never personal details)."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    candidate_id: Mapped[int | None] = mapped_column(BigId)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class TeamSalary(Base):
    """One of the team's own offers or bands, for team percentiles beside market figures."""

    __tablename__ = "team_salaries"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    role: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(32))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    # Whole currency units: exact like Decimal, and portable across SQLite and PostgreSQL.
    base: Mapped[int] = mapped_column(BigInteger)
    bonus: Mapped[int | None] = mapped_column(BigInteger)
    equity: Mapped[str | None] = mapped_column(String(32))
    offered_on: Mapped[str | None] = mapped_column(String(10))


def candidate_snapshot(c: Candidate) -> dict[str, Any]:
    """The candidate's profile snapshot with the hand-entered fields on top."""
    snap = dict(c.snapshot or {})
    for key in ("name", "github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "location", "email"):
        value = getattr(c, key)
        if value:
            snap[key] = value
    if snap.get("name") in {c.github, c.huggingface, c.kaggle}:
        snap.pop("name")  # a handle standing in for a name: let the source fill the real one
    return snap
