"""A note keeps its author and at most 4,000 characters; `/candidate stage` finds the role from the pipeline."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.candidates.service import Intake, add_candidate, add_note, candidate_of, pipeline_role
from bot.core.db import Database
from bot.core.errors import UserError
from bot.core.models import Note


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'cands.db'}")
    yield database
    database.dispose()


def test_note_keeps_author_and_is_cut_to_4000_characters(db):
    with db.session() as s:
        cand, _ = add_candidate(session=s, team_id="T1", intake=Intake(github="octocat"), user_id="U1", source="test")
        add_note(session=s, team_id="T1", candidate=cand, user_id=None, text="x" * 5000)
    with db.session() as s:
        note = s.scalar(select(Note))
        assert note.author_user_id == "unknown" and len(note.text) == 4000


def test_stage_role_comes_from_the_one_pipeline_or_must_be_named(db):
    with db.session() as s:
        cand, _ = add_candidate(session=s, team_id="T1", intake=Intake(github="octocat"), user_id="U1", source="test")
        with pytest.raises(UserError, match="not in any role's pipeline"):
            pipeline_role(session=s, team_id="T1", candidate=cand, name=None, example="/candidate stage octocat offer")
        one, _ = add_candidate(session=s, team_id="T1", intake=Intake(github="octocat", roles=["ml-engineer"]),
                               user_id="U1", source="test")
        assert pipeline_role(session=s, team_id="T1", candidate=one, name=None, example="x").slug == "ml-engineer"
        two, _ = add_candidate(session=s, team_id="T1", intake=Intake(github="octocat", roles=["data-scientist"]),
                               user_id="U1", source="test")
        with pytest.raises(UserError, match="several pipelines"):
            pipeline_role(session=s, team_id="T1", candidate=two, name=None, example="x")
        assert pipeline_role(session=s, team_id="T1", candidate=two, name="data-scientist", example="x").slug == "data-scientist"
        assert candidate_of(session=s, candidate_id=cand.id, team_id="T1") is cand
        assert candidate_of(session=s, candidate_id=cand.id, team_id="T2") is None
