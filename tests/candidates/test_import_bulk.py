"""Bulk import: the same people as the per-line path, a rerun changes nothing, a bad line costs only itself."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bench._profiles import make_snapshot
from bot.candidates.importer import import_file, import_text
from bot.core.config import get_settings
from bot.core.models import Candidate, PipelineEntry, Score, Signal, Team
from bot.runtime.app import build_services
from tests.slackkit import new_team


@pytest.fixture
def db_services(any_db_url):
    svc = build_services(get_settings(DATABASE_URL=any_db_url, GITHUB_API_URL="http://127.0.0.1:9/github",
                                      HF_API_URL="http://127.0.0.1:9/hf", ARXIV_API_URL="http://127.0.0.1:9/arxiv"))
    yield svc
    svc.background.shutdown()


def _snaps(team: str, n: int, start: int = 1) -> list[dict]:
    out = []
    for i in range(start, start + n):
        snap = make_snapshot(i)
        for key in ("github", "huggingface", "kaggle"):
            if snap.get(key):
                snap[key] = f"{snap[key]}-{team.lower()}"
        snap["email"] = f"{snap['github']}@example.com"
        out.append(snap)
    return out


def _people(services, team: str) -> dict[str, tuple]:
    """What matters about each stored person, keyed by GitHub login without the team suffix."""
    with services.db.session() as s:
        cands = list(s.scalars(select(Candidate).where(Candidate.team_id == team)))
        signals = dict(s.execute(select(Signal.candidate_id, func.count()).where(Signal.team_id == team)
                                 .group_by(Signal.candidate_id)).all())
        stages = {(e.candidate_id, e.stage) for e in s.scalars(select(PipelineEntry).where(PipelineEntry.team_id == team))}
        totals = {}
        for sc in s.scalars(select(Score).where(Score.team_id == team)):
            totals.setdefault(sc.candidate_id, []).append((sc.role_id, sc.total, sc.qualifies))
        role_ids = sorted({r for v in totals.values() for r, _, _ in v})
        rank = {r: i for i, r in enumerate(role_ids)}
        out = {}
        for c in cands:
            snap = {k: v for k, v in c.snapshot.items() if k not in ("github", "huggingface", "kaggle", "email")}
            out[c.github.rsplit("-", 1)[0]] = (
                c.name, c.location, c.region, c.country, c.enrichment_status, c.kaggle_tier, c.arxiv_name,
                json.dumps(snap, sort_keys=True), signals.get(c.id, 0), sorted(st for cid, st in stages if cid == c.id),
                sorted((rank[r], t, q) for r, t, q in totals.get(c.id, [])), c.name_folded, c.skills_text,
                c.last_active_on, c.features_version)
        return out


def _jsonl(snaps: list[dict]) -> str:
    return "\n".join(json.dumps(s) for s in snaps)


def test_bulk_import_stores_the_same_people_as_the_per_line_path(db_services):
    bulk_team, line_team = new_team(), new_team()
    for team, bulk in ((bulk_team, True), (line_team, False)):
        report = import_text(db_services, team_id=team, text=_jsonl(_snaps(team, 40)), kind="jsonl", source="t",
                             bulk=bulk)
        assert (report.added, report.errors) == (40, []), report.summary()
    bulk, per_line = _people(db_services, bulk_team), _people(db_services, line_team)
    assert bulk.keys() == per_line.keys() and len(bulk) == 40
    for key in bulk:
        assert bulk[key] == per_line[key], key


def test_importing_the_same_file_again_changes_nothing(db_services, tmp_path):
    team = new_team()
    path = tmp_path / "people.jsonl"
    path.write_text(_jsonl(_snaps(team, 250)))
    first = import_file(db_services, team_id=team, path=path)
    assert (first.added, first.updated, first.errors) == (250, 0, []), first.summary()
    with db_services.db.session() as s:
        version = s.get(Team, team).data_version
        scores = s.scalar(select(func.count()).select_from(Score).where(Score.team_id == team))
    again = import_file(db_services, team_id=team, path=path)
    assert (again.added, again.updated, again.unchanged, again.errors) == (0, 0, 250, []), again.summary()
    assert "250 unchanged" in again.summary()
    with db_services.db.session() as s:
        assert s.get(Team, team).data_version == version
        assert s.scalar(select(func.count()).select_from(Score).where(Score.team_id == team)) == scores


def test_a_bad_line_in_a_batch_costs_only_itself(db_services):
    team = new_team()
    snaps = _snaps(team, 30)
    lines = [json.dumps(s) for s in snaps]
    lines[4] = json.dumps(snaps[4] | {"roles": ["astronaut-chef"]})  # no such role
    lines[9] = json.dumps(snaps[9] | {"github": 42})
    lines[14] = "{broken"
    lines.append(json.dumps(snaps[0] | {"location": "Lima, Peru"}))  # the same person again: an update
    report = import_text(db_services, team_id=team, text="\n".join(lines), kind="jsonl", source="t", bulk=True)
    assert [n for n, _ in report.errors] == [5, 10, 15], report.summary()
    assert "astronaut-chef" in report.errors[0][1]
    assert (report.added, report.updated) == (27, 1), report.summary()
    with db_services.db.session() as s:
        moved = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == snaps[0]["github"]))
        assert moved.location == "Lima, Peru" and moved.country == "PE"


def test_a_csv_import_in_bulk_marks_people_for_enrichment(db_services):
    team = new_team()
    rows = ["name,email,github,location,role"] + [
        f"Person {i},p{i}-{team.lower()}@example.com,p{i}-{team.lower()},Berlin DE,ml-engineer" for i in range(30)]
    report = import_text(db_services, team_id=team, text="\n".join(rows), kind="csv", source="t", bulk=True)
    assert (report.added, report.errors, len(report.enrich_ids)) == (30, [], 30), report.summary()
    with db_services.db.session() as s:
        statuses = set(s.scalars(select(Candidate.enrichment_status).where(Candidate.team_id == team)))
        assert statuses == {"pending"}
    again = import_text(db_services, team_id=team, text="\n".join(rows), kind="csv", source="t", bulk=True)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 30), again.summary()


def test_progress_bar_only_when_asked_or_on_a_terminal(db_services, tmp_path, capsys):
    team = new_team()
    path = tmp_path / "people.jsonl"
    path.write_text(_jsonl(_snaps(team, 5)))
    import_file(db_services, team_id=team, path=path)  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""
    path.write_text(_jsonl(_snaps(team, 5, start=6)))
    report = import_file(db_services, team_id=team, path=path, progress=True)
    assert report.added == 5 and "importing people.jsonl" in capsys.readouterr().err


def test_a_bulk_import_shows_in_the_next_shortlist_despite_the_reply_cache(services, sender, team):
    before = json.dumps(sender.command("/shortlist", "ml-engineer 25").json())
    snaps = _snaps(team, 30)
    strongest = snaps[0] | {"name": "Zelda Bulkimport", "signals": snaps[0]["signals"] | {"merged_prs": [
        {"repo": "pytorch/pytorch", "merged_at": "2026-11-01", "title": "FSDP", "url": f"https://github.com/pytorch/pytorch/pull/{i}"}
        for i in range(1, 6)]}}
    import_text(services, team_id=team, text=_jsonl([strongest, *snaps[1:]]), kind="jsonl", source="t", bulk=True)
    after = json.dumps(sender.command("/shortlist", "ml-engineer 25").json())
    assert "Zelda Bulkimport" not in before and "Zelda Bulkimport" in after
