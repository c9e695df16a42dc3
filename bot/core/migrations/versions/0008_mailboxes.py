"""mailboxes (SMTP/IMAP, encrypted secret, IMAP UID state), sent emails with Message-IDs, caught replies and bounces, invalid addresses

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 05:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        'mailboxes',
        sa.Column('id', BigId, primary_key=True),
        sa.Column('team_id', sa.String(32), nullable=False),
        sa.Column('owner_user_id', sa.String(32), nullable=False),
        sa.Column('address', sa.String(320), nullable=False),
        sa.Column('smtp_host', sa.String(255), nullable=False),
        sa.Column('smtp_port', sa.Integer(), nullable=False),
        sa.Column('smtp_security', sa.String(16), nullable=False),
        sa.Column('imap_host', sa.String(255), nullable=False),
        sa.Column('imap_port', sa.Integer(), nullable=False),
        sa.Column('imap_security', sa.String(16), nullable=False),
        sa.Column('username', sa.String(320), nullable=False),
        sa.Column('auth', sa.String(16), nullable=False),
        sa.Column('secret', sa.Text(), nullable=False),
        sa.Column('daily_cap', sa.Integer(), nullable=False),
        sa.Column('imap_uidvalidity', sa.BigInteger(), nullable=True),
        sa.Column('imap_last_uid', sa.BigInteger(), nullable=True),
        sa.Column('checked_at', When, nullable=True),
        sa.Column('last_error', sa.String(300), nullable=True),
        sa.Column('created_at', When, nullable=False),
        sa.UniqueConstraint('team_id', 'owner_user_id'),
    )
    op.create_table(
        'sent_mails',
        sa.Column('id', BigId, primary_key=True),
        sa.Column('team_id', sa.String(32), nullable=False, index=True),
        sa.Column('mailbox_id', BigId, sa.ForeignKey('mailboxes.id', ondelete='SET NULL'), nullable=True),
        sa.Column('enrollment_id', BigId, sa.ForeignKey('enrollments.id', ondelete='CASCADE'), nullable=False),
        sa.Column('candidate_id', BigId, sa.ForeignKey('candidates.id', ondelete='CASCADE'), nullable=False, index=True),
        sa.Column('owner_user_id', sa.String(32), nullable=False),
        sa.Column('step', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(255), nullable=False),
        sa.Column('thread_root', sa.String(255), nullable=True),
        sa.Column('from_address', sa.String(320), nullable=False),
        sa.Column('to_address', sa.String(320), nullable=False),
        sa.Column('subject', sa.String(300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('error', sa.String(300), nullable=True),
        sa.Column('queued_at', When, nullable=False),
        sa.Column('sent_at', When, nullable=True),
        sa.UniqueConstraint('enrollment_id', 'step'),
        sa.UniqueConstraint('message_id'),
    )
    op.create_index('ix_sent_mails_queue', 'sent_mails', ['status', 'mailbox_id'])
    op.create_table(
        'mail_events',
        sa.Column('id', BigId, primary_key=True),
        sa.Column('team_id', sa.String(32), nullable=False),
        sa.Column('candidate_id', BigId, sa.ForeignKey('candidates.id', ondelete='CASCADE'), nullable=False, index=True),
        sa.Column('enrollment_id', BigId, sa.ForeignKey('enrollments.id', ondelete='CASCADE'), nullable=True),
        sa.Column('kind', sa.String(16), nullable=False),
        sa.Column('message_id', sa.String(255), nullable=False),
        sa.Column('touch_id', BigId, nullable=True),
        sa.Column('at', When, nullable=False),
        sa.UniqueConstraint('team_id', 'message_id'),
    )
    op.create_table(
        'invalid_addresses',
        sa.Column('id', BigId, primary_key=True),
        sa.Column('team_id', sa.String(32), nullable=False),
        sa.Column('candidate_id', BigId, sa.ForeignKey('candidates.id', ondelete='CASCADE'), nullable=True, index=True),
        sa.Column('address', sa.String(320), nullable=False),
        sa.Column('reason', sa.String(300), nullable=True),
        sa.Column('at', When, nullable=False),
        sa.UniqueConstraint('team_id', 'address'),
    )


def downgrade() -> None:
    op.drop_table('invalid_addresses')
    op.drop_table('mail_events')
    op.drop_index('ix_sent_mails_queue', table_name='sent_mails')
    op.drop_table('sent_mails')
    op.drop_table('mailboxes')
