"""candidates keep their extracted features, skills, last activity and folded name; case-blind handle indexes

Rescoring a role reads `score_vector` (per-category evidence sums and red-flag points, a short
JSON list) beside `features` (the scorer's role-independent extraction, tagged with the scorer
version in `features_version`) instead of re-reading every profile snapshot; the shortlist
filters on `skills_text` and `last_active_on` in SQL; lookups by name read `name_folded`; and the
import's lookups by `lower(github)` / `lower(email)` (and the other handles) use an index per team
instead of scanning the team.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 04:40:00
"""
import sqlalchemy as sa
from alembic import op
from unidecode import unidecode

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

LOWER = ('github', 'huggingface', 'kaggle', 'email')


def upgrade() -> None:
    with op.batch_alter_table('candidates') as batch:
        batch.add_column(sa.Column('features', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('features_version', sa.String(32), nullable=True))
        batch.add_column(sa.Column('score_vector', sa.Text(), nullable=True))
        batch.add_column(sa.Column('skills_text', sa.Text(), nullable=True))
        batch.add_column(sa.Column('last_active_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('name_folded', sa.String(200), nullable=True))
    bind = op.get_bind()
    candidates = sa.table('candidates', sa.column('id', sa.Integer), sa.column('name', sa.String),
                          sa.column('name_folded', sa.String))
    rows = bind.execute(sa.select(candidates.c.id, candidates.c.name)).all()
    for start in range(0, len(rows), 1000):
        chunk = [{'cid': i, 'folded': unidecode(name or '').lower()[:200]} for i, name in rows[start:start + 1000]]
        bind.execute(candidates.update().where(candidates.c.id == sa.bindparam('cid'))
                     .values(name_folded=sa.bindparam('folded')), chunk)
    for column in LOWER:
        op.create_index(f'ix_candidates_team_lower_{column}', 'candidates', ['team_id', sa.text(f'lower({column})')])
    op.create_index('ix_candidates_team_name_folded', 'candidates', ['team_id', 'name_folded'])


def downgrade() -> None:
    op.drop_index('ix_candidates_team_name_folded', table_name='candidates')
    for column in LOWER:
        op.drop_index(f'ix_candidates_team_lower_{column}', table_name='candidates')
    with op.batch_alter_table('candidates') as batch:
        for column in ('name_folded', 'last_active_on', 'skills_text', 'score_vector', 'features_version', 'features'):
            batch.drop_column(column)
