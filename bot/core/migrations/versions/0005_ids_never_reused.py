"""Ids are never reused: AUTOINCREMENT for candidates and roles on SQLite

SQLite hands a deleted row's id to the next insert when it was the highest, so after
`/candidate forget` the audit log's "forget 48" would point at someone else. PostgreSQL's
sequences never go back, so this changes nothing there. The tables are rebuilt (batch mode)
with foreign keys off (bot/core/db.py), keeping every id and every row that references them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 01:50:00
"""
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('roles', 'candidates')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': True}):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': False}):
            pass
