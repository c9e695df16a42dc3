"""teams.data_version: bumped on every change a shortlist shows, so rendered shortlists can be reused

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 00:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('teams') as batch:
        batch.add_column(sa.Column('data_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('teams') as batch:
        batch.drop_column('data_version')
