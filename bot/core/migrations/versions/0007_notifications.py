"""Notification preferences, held deliveries, new-work alerts; the digest's noise budget

notify_preferences: a person's mode per kind (now, summary, off), summary time, quiet hours and
days, snooze. held_notifications: what waits for the end of a quiet window or for a summary, with
the ledger period it goes out under (exactly once). new_work_alerts: a known candidate's new public
work, at most one a month. digest_subscriptions gains a weekly day, "only when something changed"
and the fingerprint of the last digest posted.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 04:30:00
"""
import sqlalchemy as sa
from alembic import op

import bot.core.models

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'notify_preferences',
        sa.Column('id', ID, nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('user_id', sa.String(length=32), nullable=False),
        sa.Column('modes', sa.JSON(), nullable=False),
        sa.Column('summary_time', sa.String(length=5), nullable=False),
        sa.Column('quiet_start', sa.String(length=5), nullable=True),
        sa.Column('quiet_end', sa.String(length=5), nullable=True),
        sa.Column('quiet_days', sa.JSON(), nullable=False),
        sa.Column('snooze_until', bot.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column('tz', sa.String(length=64), nullable=True),
        sa.Column('updated_at', bot.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('team_id', 'user_id'),
    )
    op.create_index('ix_notify_preferences_team_id', 'notify_preferences', ['team_id'])
    op.create_table(
        'held_notifications',
        sa.Column('id', ID, nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('user_id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('subject', sa.String(length=64), nullable=False),
        sa.Column('period', sa.String(length=64), nullable=False),
        sa.Column('mode', sa.String(length=16), nullable=False),
        sa.Column('candidate_id', ID, nullable=True),
        sa.Column('message', sa.JSON(), nullable=False),
        sa.Column('release_at', bot.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_at', bot.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('team_id', 'user_id', 'kind', 'period', name='uq_held_key'),
    )
    op.create_index('ix_held_due', 'held_notifications', ['status', 'release_at'])
    op.create_index('ix_held_notifications_team_id', 'held_notifications', ['team_id'])
    op.create_index('ix_held_notifications_candidate_id', 'held_notifications', ['candidate_id'])
    op.create_table(
        'new_work_alerts',
        sa.Column('id', ID, nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('candidate_id', ID, nullable=False),
        sa.Column('role_id', ID, nullable=True),
        sa.Column('owner_user_id', sa.String(length=32), nullable=True),
        sa.Column('reason', sa.String(length=32), nullable=False),
        sa.Column('items', sa.JSON(), nullable=False),
        sa.Column('dm_status', sa.String(length=16), nullable=False),
        sa.Column('created_at', bot.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['role_id'], ['roles.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_new_work_team_created', 'new_work_alerts', ['team_id', 'created_at'])
    op.create_index('ix_new_work_alerts_candidate_id', 'new_work_alerts', ['candidate_id'])
    with op.batch_alter_table('digest_subscriptions') as batch:
        batch.add_column(sa.Column('weekly_day', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('only_changed', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column('last_fingerprint', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('digest_subscriptions') as batch:
        batch.drop_column('last_fingerprint')
        batch.drop_column('only_changed')
        batch.drop_column('weekly_day')
    op.drop_table('new_work_alerts')
    op.drop_table('held_notifications')
    op.drop_table('notify_preferences')
