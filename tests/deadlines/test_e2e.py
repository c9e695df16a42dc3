"""The hiring clock: an overdue stage DMs its owner once; at 1.5x it escalates once."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.core.models import Candidate, PipelineEntry
from tests.outreach.test_e2e import Recruiter, blocks_of, utc
from tests.slackkit import validate_blocks


def _pipeline(r: Recruiter, services, name: str, stage: str, entered: str) -> str:
    handle = r.add(name)
    with services.db.session() as s:
        entry = s.scalar(select(PipelineEntry).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
                         .where(Candidate.github == handle))
        entry.stage, entry.stage_entered_at, entry.owner_user_id = stage, utc(entered), r.user
    return handle


def _channel_posts(slack, channel: str) -> list[dict]:
    return [c.args for c in slack.calls_to("chat.postMessage") if c.args.get("channel") == channel]


def test_overdue_resume_review_dms_the_owner_once_then_escalates_once_without_a_name_in_public(
        server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    public = "C" + team[1:]
    r.sender.channel_id = public
    assert "escalations go to" in r.cmd("channel here")["text"].lower()
    _pipeline(r, services, "Ines Okafor", "shortlisted", "2027-03-01T09:00:00+00:00")
    clock.tick("2027-03-04T08:00:00+00:00")  # 71 h: within the 72 h résumé review
    assert r.dms() == []
    clock.tick("2027-03-04T10:00:00+00:00")  # 73 h
    clock.tick("2027-03-04T11:00:00+00:00")
    dms = r.dms()
    assert len(dms) == 1
    blocks = blocks_of(dms[0])
    validate_blocks(blocks)
    assert "Résumé review for Ines Okafor (ML Engineer) is overdue" in dms[0]["text"]
    assert "72 h" in json.dumps(blocks, ensure_ascii=False)
    assert _channel_posts(slack, public) == []  # not yet 1.5x
    clock.tick("2027-03-05T21:00:00+00:00")  # 108 h = 1.5 x 72 h, but 22:00 on Friday in Berlin
    clock.tick("2027-03-06T10:00:00+00:00")  # Saturday
    assert _channel_posts(slack, public) == []  # the escalation waits for the owner's working hours too
    clock.tick("2027-03-08T08:00:00+00:00")  # Monday 09:00 Berlin
    clock.tick("2027-03-08T09:00:00+00:00")
    posts = _channel_posts(slack, public)
    assert len(posts) == 1
    assert posts[0]["text"] == f"1 candidate for ML Engineer is 95 h past résumé review; owner <@{r.user}>."
    blocks = blocks_of(posts[0])
    validate_blocks(blocks)
    assert "Ines" not in json.dumps(posts[0], ensure_ascii=False) and "okafor" not in json.dumps(posts[0]).lower()
    assert len(r.dms()) == 1


def test_an_overdue_dm_waits_for_the_owners_working_hours(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team, tz="America/New_York")
    _pipeline(r, services, "Nora Night", "shortlisted", "2027-03-01T23:00:00+00:00")  # due Thu 18:00 New York
    clock.tick("2027-03-05T01:00:00+00:00")  # 74 h, but 20:00 in New York: quiet hours
    clock.tick("2027-03-05T13:30:00+00:00")  # Friday 08:30 in New York
    assert r.dms() == []
    clock.tick("2027-03-05T14:00:00+00:00")  # Friday 09:00 in New York
    clock.tick("2027-03-05T15:00:00+00:00")
    dms = r.dms()
    assert len(dms) == 1 and "Résumé review for Nora Night (ML Engineer) is overdue" in dms[0]["text"]
    assert "overdue by 15 h" in json.dumps(blocks_of(dms[0]), ensure_ascii=False)


def test_an_overdue_dm_waits_over_the_weekend(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    _pipeline(r, services, "Wes Weekend", "interview", "2027-03-04T12:00:00+00:00")  # 48 h: Saturday 13:00 Berlin
    clock.tick("2027-03-06T12:30:00+00:00")
    clock.tick("2027-03-07T12:30:00+00:00")  # Sunday
    assert r.dms() == []
    clock.tick("2027-03-08T08:30:00+00:00")  # Monday 09:30 Berlin
    assert len(r.dms()) == 1


def test_escalation_in_a_private_hiring_channel_names_the_candidate(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    private = "G" + team[1:]
    r.sender.channel_id = private
    r.cmd("channel here")
    _pipeline(r, services, "Kai Interview", "interview", "2027-03-01T09:00:00+00:00")
    clock.tick("2027-03-04T10:00:00+00:00")  # 73 h: past 48 h and past 1.5 x 48 h = 72 h
    posts = _channel_posts(slack, private)
    assert len(posts) == 1
    assert "Kai Interview for ML Engineer is 25 h past decision and offer" in posts[0]["text"]
    validate_blocks(blocks_of(posts[0]))
    assert len(r.dms()) == 1 and "Decision and offer" in r.dms()[0]["text"]


def test_moving_the_candidate_on_stops_the_clock(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = _pipeline(r, services, "Rhea Review", "review", "2027-03-01T09:00:00+00:00")
    clock.tick("2027-03-08T08:00:00+00:00")  # 167 h: within the week
    assert r.dms() == []
    r.sender.command("/candidate", f"stage {handle} interview")
    clock.tick("2027-03-08T10:00:00+00:00")
    assert r.dms() == []
