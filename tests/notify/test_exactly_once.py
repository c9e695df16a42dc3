"""Held DMs and summaries go out exactly once on SQLite and PostgreSQL, even with two clocks building the same
deliveries at once (the held row's unique key and the delivery ledger decide)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.core.fanout import deliver_all
from bot.core.models import HeldNotification
from bot.core.people import Person
from bot.notify.jobs import summary_jobs
from bot.notify.prefs import Kind, update_prefs
from bot.notify.route import Router
from bot.runtime.app import build_services
from tests.conftest import app_settings
from tests.slackkit import new_team

QUIET = datetime(2027, 3, 3, 6, 30, tzinfo=UTC)  # 07:30 in Berlin, inside quiet hours 22:00-08:00
FREE = datetime(2027, 3, 3, 7, 0, tzinfo=UTC)  # 08:00 in Berlin: the window has ended


@pytest.fixture
def hb(any_db_url, slack):
    svc = build_services(app_settings(any_db_url, slack.url))
    yield svc
    svc.background.shutdown()
    svc.db.dispose()


def _message() -> dict:
    return {"text": "Follow-up 2 of 5 to Ada is due today.",
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Follow-up 2 of 5 to *Ada* is due today."}}]}


def _dms(slack, user: str) -> list[dict]:
    return [c.args for c in slack.calls_to("chat.postMessage") if c.args.get("channel") == "D" + user[1:]]


def test_a_held_dm_is_written_once_and_released_once_by_two_clocks(hb, slack):
    team, user = new_team(), "U" + new_team()[1:]
    owner = Person(user, "Europe/Berlin")
    with hb.db.session() as s:
        update_prefs(session=s, team_id=team, user_id=user, tz="Europe/Berlin", quiet=("22:00", "08:00"))
    for _ in range(2):  # two clocks in the quiet window: one held row
        assert Router(hb, QUIET).job(team_id=team, owner=owner, pref=Kind.NUDGES, kind="nudge", subject="7:2",
                                     period="2027-03-03:7:2", build=_message) is None
    with hb.db.session() as s:
        assert s.scalar(select(func.count()).select_from(HeldNotification).where(HeldNotification.team_id == team)) == 1
    jobs = [Router(hb, FREE).job(team_id=team, owner=owner, pref=Kind.NUDGES, kind="nudge", subject="7:2",
                                 period="2027-03-03:7:2", build=_message) for _ in range(2)]
    assert all(j is not None for j in jobs)
    deliver_all(hb, jobs, FREE)  # both clocks' jobs in one fan-out, concurrently
    assert len(_dms(slack, user)) == 1
    with hb.db.session() as s:
        assert s.scalar(select(HeldNotification.status).where(HeldNotification.team_id == team)) == "sent"


def test_a_summary_is_posted_once_though_two_clocks_build_it(hb, slack):
    team, user = new_team(), "U" + new_team()[1:]
    owner = Person(user, "Europe/Berlin")
    with hb.db.session() as s:
        update_prefs(session=s, team_id=team, user_id=user, tz="Europe/Berlin", modes={"nudges": "summary"},
                     summary_time="09:00")
    for subject in ("7:2", "8:1"):
        job = Router(hb, QUIET).job(team_id=team, owner=owner, pref=Kind.NUDGES, kind="nudge", subject=subject,
                                    period=f"2027-03-03:{subject}", build=_message)
        assert deliver_all(hb, [job], QUIET) == {"skipped": 1}  # into the summary, not a DM
    at = datetime(2027, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 Berlin
    jobs = summary_jobs(hb, at, Router(hb, at)) + summary_jobs(hb, at, Router(hb, at))
    assert len(jobs) == 2
    deliver_all(hb, jobs, at)
    dms = _dms(slack, user)
    assert len(dms) == 1 and dms[0]["text"] == "Your Hirebot summary: 2 notifications."
    assert summary_jobs(hb, at, Router(hb, at)) == []  # every item marked sent


def test_a_dm_held_and_then_turned_off_is_dropped_not_sent(hb, slack):
    team, user = new_team(), "U" + new_team()[1:]
    owner = Person(user, "Europe/Berlin")
    with hb.db.session() as s:
        update_prefs(session=s, team_id=team, user_id=user, tz="Europe/Berlin", quiet=("22:00", "08:00"))
    assert Router(hb, QUIET).job(team_id=team, owner=owner, pref=Kind.NUDGES, kind="nudge", subject="7:2",
                                 period="2027-03-03:7:2", build=_message) is None
    with hb.db.session() as s:
        update_prefs(session=s, team_id=team, user_id=user, modes={"nudges": "off"})
    job = Router(hb, FREE).job(team_id=team, owner=owner, pref=Kind.NUDGES, kind="nudge", subject="7:2",
                               period="2027-03-03:7:2", build=_message)
    assert deliver_all(hb, [job], FREE) == {"skipped": 1}
    assert _dms(slack, user) == []
    with hb.db.session() as s:
        assert s.scalar(select(HeldNotification.status).where(HeldNotification.team_id == team)) == "dropped"
