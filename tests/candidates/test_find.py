"""/candidate find (names without accents, handles, emails, skills, places, repositories; stage and owner
filters; why each matched) and /candidate list (the pipeline by stage, role, owner, time), paged and exported."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.candidates import store
from bot.candidates.find import Filters, find, pipeline_list
from bot.candidates.results import find_csv, list_csv
from bot.core.db import Database
from bot.core.models import Candidate, PipelineEntry, Role
from bot.core.teams import ensure_team
from tests.conftest import load_snapshots, new_team, snapshot
from tests.slackkit import validate_blocks

VLLM = {"repo": "vllm-project/vllm", "merged_at": "2026-10-01", "title": "Paged attention fix",
        "url": "https://github.com/vllm-project/vllm/pull/777"}
TORCH = {"repo": "pytorch/pytorch", "merged_at": "2026-10-20", "title": "Fix FSDP", "url": "https://github.com/pytorch/pytorch/pull/9100001"}


def _team(services, team):
    load_snapshots(services, team, [
        snapshot("Lucía Fernández", "lfernandez-ex", location="Madrid, Spain", merged_prs=[VLLM], skills=["pytorch"]),
        snapshot("Ola Nowak", "olanowak-ex", location="Warsaw, Poland", merged_prs=[TORCH], skills=["jax"]),
        snapshot("Ben Byte", "benbyte-ex", location="Austin, TX", skills=["kubernetes"]),
        snapshot("Lucas Lind", "llind-ex", location="Stockholm, Sweden", skills=["pytorch"]),
    ])


def _stage(services, team, handle, stage, owner="U0SAM"):
    with services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == handle))
        role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
        store.set_stage(session=s, candidate=cand, role=role, stage=stage, user_id=owner, owner=owner)


def _names(reply):
    return [b["text"]["text"] for b in reply["blocks"] if b.get("block_id", "").startswith(("find-", "list-"))]


def test_find_reads_part_of_a_name_without_accents_and_says_why(services, sender, team):
    _team(services, team)
    reply = sender.command("/candidate", "find lucia").json()
    validate_blocks(reply["blocks"])
    rows = _names(reply)
    assert len(rows) == 1 and "Lucía Fernández" in rows[0] and "matched: name" in rows[0]
    both = _names(sender.command("/candidate", "find luc").json())
    assert len(both) == 2


def test_find_by_handle_email_repository_and_place(services, sender, team):
    _team(services, team)
    assert "Ola Nowak" in _names(sender.command("/candidate", "find github:olanowak-ex").json())[0]
    assert "Ben Byte" in _names(sender.command("/candidate", "find benbyte-ex@example.com").json())[0]
    vllm = _names(sender.command("/candidate", "find vllm").json())
    assert len(vllm) == 1 and "Lucía" in vllm[0] and "contributed to vllm-project/vllm" in vllm[0]
    torch = _names(sender.command("/candidate", "find pytorch/pytorch").json())
    assert "Ola Nowak" in torch[0]
    assert "Ben Byte" in _names(sender.command("/candidate", "find austin").json())[0]
    poland = _names(sender.command("/candidate", "find poland").json())
    assert len(poland) == 1 and "Ola" in poland[0]


def test_every_word_must_match_and_exact_handles_come_first(services, sender, team):
    _team(services, team)
    assert _names(sender.command("/candidate", "find lucia stockholm").json()) == []
    rows = _names(sender.command("/candidate", "find llind-ex").json())
    assert "Lucas Lind" in rows[0] and "handle llind-ex" in rows[0]


def test_find_filters_by_stage_and_owner(services, sender, team):
    _team(services, team)
    _stage(services, team, "olanowak-ex", "interview")
    _stage(services, team, "benbyte-ex", "interview", owner="U0KIM")
    rows = _names(sender.command("/candidate", "find stage:interview owner:<@U0KIM|kim>").json())
    assert len(rows) == 1 and "Ben Byte" in rows[0]
    mine = _names(sender.command("/candidate", "find stage:interview owner:me").json())
    assert len(mine) == 1 and "Ola Nowak" in mine[0]


def test_find_names_a_wrong_filter_and_an_empty_search(services, sender, team):
    _team(services, team)
    assert "`stage:dreaming`" in sender.command("/candidate", "find stage:dreaming").json()["text"]
    assert "`colour:`" in sender.command("/candidate", "find colour:blue").json()["text"]
    assert "Say what to look for" in sender.command("/candidate", "find").json()["text"]
    none = sender.command("/candidate", "find zzzz").json()
    validate_blocks(none["blocks"])
    assert "No candidate matches" in none["text"]


def test_list_shows_the_pipeline_by_stage_role_owner_and_time(services, sender, team):
    _team(services, team)
    _stage(services, team, "olanowak-ex", "interview")
    _stage(services, team, "benbyte-ex", "offer", owner="U0KIM")
    _stage(services, team, "llind-ex", "passed")
    reply = sender.command("/candidate", "list stage:interview role:ml-engineer since:30d").json()
    validate_blocks(reply["blocks"])
    rows = _names(reply)
    assert len(rows) == 1 and "Ola Nowak" in rows[0] and "*interview* for ml-engineer" in rows[0]
    everyone = _names(sender.command("/candidate", "list").json())
    assert not any("Lucas Lind" in r for r in everyone)  # passed: only with stage:passed or stage:all
    assert any("Lucas Lind" in r for r in _names(sender.command("/candidate", "list stage:all").json()))
    kim = _names(sender.command("/candidate", "list owner:<@U0KIM>").json())
    assert len(kim) == 1 and "Ben Byte" in kim[0]
    assert "find ola" in sender.command("/candidate", "list ola").json()["text"]
    assert "`since:" in sender.command("/candidate", "list since:lately").json()["text"]
    empty = sender.command("/candidate", "list stage:hired").json()
    assert "The team has:" in json.dumps(empty["blocks"])


def test_find_and_list_page_and_export(services, sender, slack, team):
    load_snapshots(services, team, [snapshot(f"Pat Person {i:02d}", f"pat-{i:02d}-ex") for i in range(23)])
    first = sender.command("/candidate", "find pat").json()
    assert len(_names(first)) == 10
    nxt = next(e for b in first["blocks"] for e in b.get("elements", []) if e.get("action_id") == "results_page")
    sender.action("results_page", nxt["value"])
    second = slack.wait_for("response_url", timeout=10)[-1].args
    assert second["replace_original"] is True and "*11. " in json.dumps(second["blocks"])
    export = next(e for b in first["blocks"] for e in b.get("elements", []) if e.get("action_id") == "results_export")
    sender.action("results_export", export["value"])
    slack.wait_for("files.completeUploadExternal", timeout=10)
    with services.db.session() as s:
        name, content, n = find_csv(session=s, team_id=team, text="pat", caller="U0SAM")
        assert n == 23 and content.count("\n") == 24
        for i in range(12):
            _stage(services, team, f"pat-{i:02d}-ex", "review")
        name, content, n = list_csv(session=s, team_id=team, text="stage:review", caller="U0SAM")
        assert name == "candidate-list.csv" and n == 12
    listed = sender.command("/candidate", "list stage:review").json()
    assert any(e.get("action_id") == "results_page" for b in listed["blocks"] for e in b.get("elements", []))


def test_find_and_list_read_the_same_on_sqlite_and_postgresql(any_db_url):
    db = Database(any_db_url)
    team = new_team()
    with db.session() as s:
        ensure_team(session=s, team_id=team)
    with db.session() as s:
        role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
        people = [Candidate(team_id=team, name="Zoë Ångström", github="ZAngstrom-ex", email="Zoe@Example.com",
                            location="Malmö, Sweden", region="europe", country="SE", skills_text="|jax|pytorch|",
                            snapshot={"signals": {"merged_prs": [VLLM, VLLM, TORCH]}}),
                  Candidate(team_id=team, name="Kai Müller", github="kai_m", location="Berlin, DE", region="europe",
                            country="DE", snapshot={})]
        s.add_all(people)
        s.flush()
        s.add(PipelineEntry(team_id=team, candidate_id=people[1].id, role_id=role.id, stage="interview", owner_user_id="U0KIM"))
    with db.session() as s:
        def names(*terms, **filters):
            return [f.name for f in find(session=s, team_id=team, terms=list(terms), filters=Filters(**filters))[0]]

        assert names("zoe") == ["Zoë Ångström"] and names("ANGSTROM") == ["Zoë Ångström"]
        assert names("zangstrom-ex") == ["Zoë Ångström"] and names("zoe@example.com") == ["Zoë Ångström"]
        assert names("vllm") == ["Zoë Ångström"] and names("sweden") == ["Zoë Ångström"]
        assert names("europe") == ["Zoë Ångström", "Kai Müller"] or names("europe") == ["Kai Müller", "Zoë Ångström"]
        assert names("kai_m") == ["Kai Müller"] and names("kai%") == [] and names("k_i") == []
        assert names(stage="interview", owner="U0KIM") == ["Kai Müller"]
        rows, more = pipeline_list(session=s, team_id=team, filters=Filters(stage="interview"), offset=0, limit=10)
        assert [r.name for r in rows] == ["Kai Müller"] and not more
    db.dispose()
