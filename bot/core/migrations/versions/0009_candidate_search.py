"""candidates.repos_text (repositories merged into) and, on SQLite, a covering index for /candidate find

`/candidate find` matches each word against a candidate's folded name, handles, email, place, skills
and the repositories they merged PRs into. On SQLite the candidates table holds kilobytes of snapshot
per row, so a scan of the team reads every page; the covering index holds only the searched columns
and the scan stays in the index (100k candidates well under Slack's 3 s). PostgreSQL keeps large
JSON out of line (TOAST), so its sequential scan is narrow already, and a btree entry over these
text columns could pass its 2.7 KB row limit: no index there.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 04:50:00
"""
import json

import sqlalchemy as sa
from alembic import op

from scoring.query.index import repos_text

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

SEARCH_COLUMNS = ['team_id', 'name_folded', 'github', 'huggingface', 'email', 'location', 'region', 'country',
                  'skills_text', 'repos_text']


def upgrade() -> None:
    with op.batch_alter_table('candidates') as batch:
        batch.add_column(sa.Column('repos_text', sa.Text(), nullable=True))
    bind = op.get_bind()
    candidates = sa.table('candidates', sa.column('id', sa.Integer), sa.column('snapshot', sa.JSON),
                          sa.column('repos_text', sa.Text))
    last = 0
    while True:
        rows = bind.execute(sa.select(candidates.c.id, candidates.c.snapshot).where(candidates.c.id > last)
                            .order_by(candidates.c.id).limit(1000)).all()
        if not rows:
            break
        last = rows[-1][0]
        chunk = [{'cid': i, 'repos': repos_text(json.loads(s) if isinstance(s, str) else s)} for i, s in rows]
        chunk = [c for c in chunk if c['repos']]
        if chunk:
            bind.execute(candidates.update().where(candidates.c.id == sa.bindparam('cid'))
                         .values(repos_text=sa.bindparam('repos')), chunk)
    if bind.dialect.name == 'sqlite':
        op.create_index('ix_candidates_search', 'candidates', SEARCH_COLUMNS)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.drop_index('ix_candidates_search', table_name='candidates')
    with op.batch_alter_table('candidates') as batch:
        batch.drop_column('repos_text')
