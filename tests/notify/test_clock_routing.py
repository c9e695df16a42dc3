"""The clock delivers owners' DMs through their preferences: held in quiet hours (across a DST change) and
delivered once when they end, batched into one summary, held until a snooze expires, or off; the channel
escalation never depends on the person it is about."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.core.models import Delivery, HeldNotification, NotifyPreference
from tests.deadlines.test_e2e import _channel_posts, _pipeline
from tests.notify.kit import notify
from tests.outreach.test_e2e import Recruiter, blocks_of, utc
from tests.slackkit import validate_blocks


def _nudge_dms(r: Recruiter) -> list[dict]:
    return [d for d in r.dms() if "(1 of " in d.get("text", "")]  # "First message (1 of 5) to ... is due"


def _held(services, team: str) -> list[HeldNotification]:
    with services.db.session() as s:
        rows = list(s.scalars(select(HeldNotification).where(HeldNotification.team_id == team)
                              .order_by(HeldNotification.id)))
        s.expunge_all()
        return rows


def test_a_nudge_in_quiet_days_waits_over_the_march_dst_change_and_comes_once_at_ten_local(
        server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    notify(r, "quiet 20:00-10:00")
    notify(r, "quiet days fri-sun")
    handle = r.add("Ines Okafor")
    r.start(handle)
    r.rewind(handle, "2027-03-25T10:00:00+01:00")  # step 2 due Friday 26 March, 09:00 CET
    clock.tick("2027-03-26T08:30:00+00:00")  # Friday 09:30 CET: a quiet day
    assert _nudge_dms(r) == []
    held = _held(services, team)
    assert [(h.kind, h.mode, h.status) for h in held] == [("nudge", "hold", "pending")]
    # Sat, Sun quiet; the clocks go forward on Sunday 28 March; Monday 00:00-10:00 quiet hours.
    assert held[0].release_at == utc("2027-03-29T10:00:00+02:00")
    for moment in ("2027-03-27T10:00:00+00:00", "2027-03-28T12:00:00+00:00", "2027-03-29T07:30:00+00:00",
                   "2027-03-29T07:59:00+00:00"):  # ...07:59 UTC is 09:59 CEST (it would be 08:59 in CET)
        clock.tick(moment)
        assert _nudge_dms(r) == [], moment
    clock.tick("2027-03-29T08:00:00+00:00")  # 10:00 CEST
    clock.tick("2027-03-29T08:01:00+00:00")
    clock.tick("2027-03-29T12:00:00+00:00")
    dms = _nudge_dms(r)
    assert len(dms) == 1  # nothing lost, nothing twice
    validate_blocks(blocks_of(dms[0]))
    assert "Ines Okafor" in dms[0]["text"] or "Ines Okafor" in json.dumps(blocks_of(dms[0]), ensure_ascii=False)
    assert [h.status for h in _held(services, team)] == ["sent"]


def test_summary_mode_batches_the_days_nudges_into_one_dm_at_the_summary_time(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    notify(r, "nudges summary 17:00")
    first, second = r.add("Ada Lovelace"), r.add("Grace Hopper")
    for h in (first, second):
        r.start(h)
        r.rewind(h, "2027-03-04T10:00:00+01:00")  # due Friday 5 March, 09:00 CET
    clock.tick("2027-03-05T08:30:00+00:00")
    clock.tick("2027-03-05T12:00:00+00:00")
    assert r.dms() == []  # nothing now: it goes into the summary
    clock.tick("2027-03-05T15:59:00+00:00")  # 16:59 CET
    assert r.dms() == []
    clock.tick("2027-03-05T16:00:00+00:00")  # 17:00 CET
    clock.tick("2027-03-05T16:05:00+00:00")
    dms = r.dms()
    assert len(dms) == 1
    blocks = blocks_of(dms[0])
    validate_blocks(blocks)
    body = json.dumps(blocks, ensure_ascii=False)
    assert dms[0]["text"] == "Your Hirebot summary: 2 notifications."
    assert "Follow-up nudges" in body and "Ada Lovelace" in body and "Grace Hopper" in body
    with services.db.session() as s:
        kinds = {d.kind: d.status for d in s.scalars(select(Delivery).where(Delivery.team_id == team))}
    assert kinds["nudge"] == "skipped" and kinds["notify-summary"] == "sent"


def test_a_snooze_holds_every_dm_until_it_expires_then_each_comes_once(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    assert "Snoozed until" in notify(r, "snooze 2")["text"]
    with services.db.session() as s:  # pretend the snooze was set on Sunday 7 March (the app runs on real time)
        row = s.scalar(select(NotifyPreference).where(NotifyPreference.team_id == team))
        row.snooze_until = utc("2027-03-09T12:00:00+00:00")
    handle = r.add("Mateo Lindqvist")
    r.start(handle)
    r.rewind(handle, "2027-03-05T10:00:00+01:00")  # due Monday 8 March, 09:00 CET
    clock.tick("2027-03-08T08:30:00+00:00")
    clock.tick("2027-03-09T10:00:00+00:00")
    clock.tick("2027-03-09T11:59:00+00:00")
    assert _nudge_dms(r) == []
    clock.tick("2027-03-09T12:00:00+00:00")  # the snooze ends (13:00 CET)
    clock.tick("2027-03-09T12:30:00+00:00")
    assert len(_nudge_dms(r)) == 1


def test_nudges_off_means_no_dm_and_the_step_stays_due(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    notify(r, "nudges off")
    handle = r.add("Olga Off")
    r.start(handle)
    r.rewind(handle, "2027-03-04T10:00:00+01:00")
    clock.tick("2027-03-05T08:30:00+00:00")
    clock.tick("2027-03-05T10:30:00+00:00")
    assert r.dms() == []
    assert r.enrollment(handle).status == "active"


def test_deadlines_off_silences_the_owners_dm_but_never_the_channel_escalation(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    private = "G" + team[1:]
    r.sender.channel_id = private
    r.cmd("channel here")
    notify(r, "deadlines off")
    notify(r, "escalations off")
    _pipeline(r, services, "Kai Interview", "interview", "2027-03-01T09:00:00+00:00")
    clock.tick("2027-03-04T10:00:00+00:00")  # past 48 h and 1.5 x 48 h
    assert r.dms() == []
    posts = _channel_posts(slack, private)
    assert len(posts) == 1 and "Kai Interview for ML Engineer is 25 h past decision and offer" in posts[0]["text"]


def test_escalations_now_gives_the_owner_a_copy_of_the_escalation_once(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    private = "G" + team[1:]
    r.sender.channel_id = private
    r.cmd("channel here")
    notify(r, "escalations now")
    _pipeline(r, services, "Kai Copy", "interview", "2027-03-01T09:00:00+00:00")
    clock.tick("2027-03-04T10:00:00+00:00")
    clock.tick("2027-03-04T10:05:00+00:00")
    texts = [d["text"] for d in r.dms()]
    assert len(texts) == 2
    assert any("Decision and offer" in t for t in texts)
    assert any("Kai Copy for ML Engineer is 25 h past decision and offer" in t for t in texts)
    assert len(_channel_posts(slack, private)) == 1


def test_an_overdue_dm_held_by_a_long_snooze_still_comes_once_when_it_ends(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    notify(r, "snooze 14")
    with services.db.session() as s:  # pretend the snooze was set on Wednesday 3 March (the app runs on real time)
        s.scalar(select(NotifyPreference).where(NotifyPreference.team_id == team)).snooze_until = \
            utc("2027-03-16T10:00:00+00:00")
    _pipeline(r, services, "Lena Later", "shortlisted", "2027-03-01T09:00:00+00:00")  # due 4 March, 72 h
    clock.tick("2027-03-04T10:00:00+00:00")
    clock.tick("2027-03-15T10:00:00+00:00")  # past the escalation by more than a week: only a held DM is still sent
    assert r.dms() == []
    clock.tick("2027-03-16T10:00:00+00:00")
    clock.tick("2027-03-16T10:05:00+00:00")
    dms = r.dms()
    assert len(dms) == 1 and "Résumé review for Lena Later (ML Engineer) is overdue" in dms[0]["text"]


def test_quiet_hours_over_the_october_dst_change_end_at_ten_local_not_an_hour_early(
        server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    notify(r, "quiet 20:00-10:00")
    notify(r, "quiet days fri-sun")
    handle = r.add("Rui Autumn")
    r.start(handle)
    r.rewind(handle, "2027-10-28T10:00:00+02:00")  # due Friday 29 October, 09:00 CEST; clocks go back on the 31st
    clock.tick("2027-10-29T08:00:00+00:00")
    clock.tick("2027-11-01T08:00:00+00:00")  # Monday 09:00 CET (it would be 10:00 in CEST): still quiet
    clock.tick("2027-11-01T08:59:00+00:00")
    assert _nudge_dms(r) == []
    clock.tick("2027-11-01T09:00:00+00:00")  # 10:00 CET
    clock.tick("2027-11-01T09:30:00+00:00")
    assert len(_nudge_dms(r)) == 1
