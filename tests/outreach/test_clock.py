"""The nudge clock in-process: a small window still reaches every due step, whatever waits in front of it."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core.config import get_settings
from bot.core.models import Candidate
from bot.core.people import Person, remember_person
from bot.outreach import jobs as outreach_jobs
from bot.outreach import service as outreach
from bot.outreach.jobs import outreach_job
from bot.outreach.sequences import ensure_default_sequence
from bot.roles.service import get_role
from bot.runtime.app import build_services
from tests.conftest import load_snapshots, snapshot
from tests.outreach.test_e2e import PR, utc
from tests.slackkit import BOT_TOKEN, new_team

THURSDAY = utc("2027-03-04T09:00:00+00:00")


@pytest.fixture
def clock_services(sqlite_url, slack):
    """In-process services that post to the fake Slack (the clock's own view of the world)."""
    svc = build_services(get_settings(DATABASE_URL=sqlite_url, SLACK_API_URL=slack.url, SLACK_BOT_TOKEN=BOT_TOKEN,
                                      GITHUB_API_URL="http://127.0.0.1:9/github", HF_API_URL="http://127.0.0.1:9/hf",
                                      ARXIV_API_URL="http://127.0.0.1:9/arxiv"))
    yield svc
    svc.background.shutdown()
    svc.db.dispose()


def _enrol(services, team: str, owner: Person, names: list[str]) -> list[int]:
    """Enrol one candidate per name, a minute apart (oldest due first); step 1 is due on Friday morning."""
    load_snapshots(services, team, [snapshot(n, f"{n.lower()}-{team.lower()}", merged_prs=[PR]) for n in names])
    ids = []
    with services.db.session() as s:
        remember_person(session=s, team_id=team, who=owner)
        seq = ensure_default_sequence(session=s, team_id=team)
        role = get_role(session=s, team_id=team, name="ml-engineer")
        for i, name in enumerate(names):
            cand = s.scalar(select(Candidate).where(Candidate.github == f"{name.lower()}-{team.lower()}"))
            enr = outreach.start_enrollment(session=s, team_id=team, candidate=cand, role=role, sequence=seq,
                                            owner=owner, now=THURSDAY + timedelta(minutes=i))
            ids.append(enr.id)
    return ids


def _nudged(slack, owner: str) -> Counter:
    """Nudge DMs to `owner`, counted per enrollment."""
    dm = "D" + owner[1:]
    metas = [call.args["metadata"] for call in slack.calls_to("chat.postMessage") if call.args.get("channel") == dm]
    return Counter((json.loads(m) if isinstance(m, str) else m)["event_payload"]["period"].split(":")[1] for m in metas)


def test_every_due_step_is_nudged_when_ignored_nudges_would_fill_the_window(clock_services, slack, monkeypatch):
    monkeypatch.setattr(outreach_jobs, "MAX_NUDGES_PER_TICK", 3)
    team = new_team()
    owner = Person("U" + team[1:], "Europe/Berlin", "Sam Sourcer")
    ids = _enrol(clock_services, team, owner, ["Ann", "Ben", "Cas", "Dee", "Eli"])
    friday = utc("2027-03-05T08:05:00+00:00")  # 09:05 Berlin: all five are due
    for minute in range(3):  # the three nudged first are ignored; they must not hold the window
        outreach_job(clock_services, friday + timedelta(minutes=minute))
    assert _nudged(slack, owner.user_id) == Counter({str(i): 1 for i in ids})


def test_owners_in_quiet_hours_do_not_starve_owners_at_work(clock_services, slack, monkeypatch):
    monkeypatch.setattr(outreach_jobs, "MAX_NUDGES_PER_TICK", 3)
    team = new_team()
    tokyo = Person("U" + team[1:] + "T", "Asia/Tokyo", "Kei Tokyo")
    berlin = Person("U" + team[1:] + "B", "Europe/Berlin", "Sam Berlin")
    # Tokyo's steps fall due first (09:00 Tokyo is 01:00 Berlin) and fill a window of three.
    _enrol(clock_services, team, tokyo, ["Tia", "Tom", "Tui"])
    berlin_ids = _enrol(clock_services, team, berlin, ["Bea", "Bob"])
    outreach_job(clock_services, utc("2027-03-05T13:00:00+00:00"))  # 14:00 Berlin, 22:00 Tokyo
    assert _nudged(slack, berlin.user_id) == Counter({str(i): 1 for i in berlin_ids})
    assert _nudged(slack, tokyo.user_id) == Counter()
