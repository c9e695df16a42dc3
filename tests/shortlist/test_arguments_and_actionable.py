"""/shortlist names the word it could not read, and shows only people the team can act on unless asked."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.core.models import Candidate, PipelineEntry, Role
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import validate_blocks

PR = {"repo": "pytorch/pytorch", "merged_at": "2026-10-20", "title": "Fix FSDP", "url": "https://github.com/pytorch/pytorch/pull/9100001"}


def _team(services, team):
    load_snapshots(services, team, [
        snapshot("Ava Active", "ava-active-ex", merged_prs=[PR], skills=["pytorch"]),
        snapshot("Hal Hired", "hal-hired-ex", merged_prs=[PR], skills=["pytorch"]),
        snapshot("Dee Donot", "dee-donot-ex", merged_prs=[PR], skills=["pytorch"]),
    ])
    with services.db.session() as s:
        role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
        hal = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == "hal-hired-ex"))
        entry = s.scalar(select(PipelineEntry).where(PipelineEntry.candidate_id == hal.id, PipelineEntry.role_id == role.id))
        entry.stage = "hired"
        s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == "dee-donot-ex")).do_not_contact = True


def _rows(services, team) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count()).select_from(PipelineEntry).where(PipelineEntry.team_id == team))


@pytest.mark.parametrize("text,named", [
    ("ml-engineer 5 foo:bar", "`foo:bar`"),
    ("ml-engineer -5", "`-5`"),
    ("ml-engineer 2.5", "`2.5`"),
    ("ml-engineer ١٢", "`١٢`"),
    ("ml-engineer skill:", "`skill:`"),
    ("ml-engineer min:lots", "`min:lots`"),
    ("ml-engineer stage:dreaming", "`stage:dreaming`"),
])
def test_a_wrong_word_is_named_with_an_example_and_nothing_is_written(services, sender, team, text, named):
    _team(services, team)
    before = _rows(services, team)
    reply = sender.command("/shortlist", text).json()
    assert reply["response_type"] == "ephemeral"
    assert named in reply["text"] and "Example:" in reply["text"], reply["text"]
    assert "No role called" not in reply["text"]
    assert _rows(services, team) == before


def test_number_words_are_read(services, sender, team):
    _team(services, team)
    reply = sender.command("/shortlist", "top one ml-engineer").json()
    assert reply["text"].startswith("1 ML Engineer"), reply["text"]


def test_hired_and_do_not_contact_people_are_left_out_unless_asked(services, sender, team):
    _team(services, team)
    plain = json.dumps(sender.command("/shortlist", "ml-engineer 10").json()["blocks"])
    assert "Ava Active" in plain and "Hal Hired" not in plain and "Dee Donot" not in plain
    hired = json.dumps(sender.command("/shortlist", "ml-engineer stage:hired").json()["blocks"])
    assert "Hal Hired" in hired and "Ava Active" not in hired
    everyone = sender.command("/shortlist", "ml-engineer stage:all").json()
    validate_blocks(everyone["blocks"])
    assert all(n in json.dumps(everyone["blocks"]) for n in ("Ava Active", "Hal Hired", "Dee Donot"))


def test_an_empty_result_names_the_filter_to_loosen(services, sender, team):
    _team(services, team)
    reply = sender.command("/shortlist", "ml-engineer location:oceania").json()
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    validate_blocks(reply["blocks"])
    assert "Top 0" not in body and "location: oceania" in body and "Loosen that filter" in body
