"""Daily digests as the clock ticks: the caller's timezone, DST, weekends, exactly once, 429s, clicks."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import select

from bot.core import delivery
from bot.core.models import Delivery, DigestSubscription
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import SlackSender, validate_blocks

PRIVATE = "G0HIRING"


def _subscribe(server, slack, team, tz="Europe/Berlin", text="here 09:00", user="U0BERLIN"):
    slack.users[user] = {"tz": tz}
    sender = SlackSender(server, slack.response_url("d"), team_id=team, channel_id=PRIVATE, user_id=user)
    reply = sender.command("/hirebot", "digest " + text).json()
    assert "Subscribed" in reply["text"], reply
    assert tz in reply["text"]
    return sender


def _candidates(services, team, n=3):
    load_snapshots(services, team, [
        snapshot(f"Dana Digest {i}", f"dana{i}-{team.lower()}",
                 merged_prs=[{"repo": "pytorch/pytorch", "merged_at": "2026-11-01", "url": f"https://github.com/pytorch/pytorch/pull/{i}"}] * (i + 1))
        for i in range(n)])


def _posts(slack, team_channel=PRIVATE):
    return [c for c in slack.calls_to("chat.postMessage") if c.args.get("channel") == team_channel]


def test_digest_arrives_at_local_time_once_with_best_first(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    # Monday 2027-03-01: 09:00 in Berlin (CET, UTC+1) is 08:00 UTC.
    clock.tick("2027-03-01T07:59:00+00:00")
    assert _posts(slack) == []
    clock.tick("2027-03-01T08:00:30+00:00")
    posts = _posts(slack)
    assert len(posts) == 1
    msg = posts[0].args
    blocks = json.loads(msg["blocks"]) if isinstance(msg["blocks"], str) else msg["blocks"]
    validate_blocks(blocks)
    body = json.dumps(blocks)
    assert body.index("Dana Digest 2") < body.index("Dana Digest 0")  # best first
    assert "Dana Digest 2" in msg["text"] and "best" in msg["text"]
    meta = json.loads(msg["metadata"]) if isinstance(msg["metadata"], str) else msg["metadata"]
    assert meta["event_type"] == "hirebot_delivery"
    assert str(msg.get("unfurl_links")).lower() == "false"
    # Ticking again (and again later that day) delivers nothing twice.
    clock.tick("2027-03-01T08:01:00+00:00")
    clock.tick("2027-03-01T12:00:00+00:00")
    assert len(_posts(slack)) == 1


def test_no_new_candidates_means_no_message(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    clock.tick("2027-03-02T08:05:00+00:00")
    assert _posts(slack) == []
    with services.db.session() as s:
        row = s.scalar(select(Delivery).where(Delivery.team_id == team))
        assert row.status == "skipped"


def test_weekends_are_skipped_by_default(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    clock.tick("2027-03-06T08:05:00+00:00")  # Saturday
    assert _posts(slack) == []
    clock.tick("2027-03-08T08:05:00+00:00")  # Monday
    assert len(_posts(slack)) == 1


def test_dst_change_keeps_the_local_hour(server, slack, services, team, clock):
    _subscribe(server, slack, team, tz="America/New_York")
    _candidates(services, team)
    # US clocks spring forward on 2027-03-14: 09:00 New York is 13:00 UTC after it (14:00 before).
    clock.tick("2027-03-15T12:59:00+00:00")
    assert _posts(slack) == []
    clock.tick("2027-03-15T13:00:00+00:00")
    assert len(_posts(slack)) == 1


def test_missed_digest_is_sent_later_that_morning_but_not_at_night(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    clock.tick("2027-03-03T23:30:00+00:00")  # 00:30 Berlin next day: the 09:00 of the 3rd is long gone
    assert _posts(slack) == []
    clock.tick("2027-03-04T10:30:00+00:00")  # clock was down at 09:00, back at 11:30 local
    assert len(_posts(slack)) == 1


def test_a_429_waits_for_retry_after_and_still_delivers_once(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    slack.fail("chat.postMessage", 429, retry_after=1)
    clock.tick("2027-03-05T08:05:00+00:00")
    calls = _posts(slack)
    assert len(calls) == 2  # the 429 and the retry
    assert calls[1].at - calls[0].at >= 1.0
    with services.db.session() as s:
        assert s.scalar(select(Delivery.status).where(Delivery.team_id == team)) == "sent"


def test_crash_between_post_and_confirm_is_reconciled_not_reposted(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    with services.db.session() as s:
        sub = s.scalar(select(DigestSubscription).where(DigestSubscription.team_id == team))
    # Another clock claimed and posted, then died before recording it.
    old = datetime(2027, 3, 9, 8, 0, 5, tzinfo=timezone.utc)
    claim = delivery.claim(services.db, team_id=team, channel_id=PRIVATE, kind="digest:all", period="2027-03-09", now=old)
    from bot.core.slack import make_client

    make_client(services.settings.model_copy(update={"slack_api_url": slack.url}), "xoxb-test").chat_postMessage(
        channel=PRIVATE, text="digest", metadata={"event_type": "hirebot_delivery", "event_payload": {"ledger_id": claim.id}})
    clock.tick("2027-03-09T08:03:00+00:00")  # lease (2 min) has expired
    assert len(_posts(slack)) == 1
    assert slack.calls_to("conversations.history")
    with services.db.session() as s:
        row = s.get(Delivery, claim.id)
        assert row.status == "sent" and row.message_ts
    assert sub.id


def test_crash_between_claim_and_post_is_posted_once_after_the_lease(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    old = datetime(2027, 3, 10, 8, 0, 5, tzinfo=timezone.utc)
    delivery.claim(services.db, team_id=team, channel_id=PRIVATE, kind="digest:all", period="2027-03-10", now=old)
    clock.tick("2027-03-10T08:01:00+00:00")  # the dead claim is still leased
    assert _posts(slack) == []
    clock.tick("2027-03-10T08:03:00+00:00")
    assert len(_posts(slack)) == 1


def test_public_channels_are_refused(server, slack, team):
    slack.users["U0PUB"] = {"tz": "Europe/Berlin"}
    sender = SlackSender(server, slack.response_url("p"), team_id=team, channel_id="C0PUBLIC", user_id="U0PUB")
    reply = sender.command("/hirebot", "digest here 09:00").json()
    assert "public channel" in reply["text"]


def test_bad_digest_time_is_explained(server, slack, team):
    sender = SlackSender(server, slack.response_url("b"), team_id=team, channel_id=PRIVATE)
    reply = sender.command("/hirebot", "digest here 25:99").json()
    assert "not a time of day" in reply["text"] and "Example" in reply["text"]


def test_shortlist_click_in_a_digest_shows_who_acted(server, slack, services, team, clock):
    sender = _subscribe(server, slack, team)
    _candidates(services, team, n=1)
    clock.tick("2027-03-11T08:05:00+00:00")
    msg = _posts(slack)[0].args
    blocks = json.loads(msg["blocks"]) if isinstance(msg["blocks"], str) else msg["blocks"]
    button = next(e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "candidate_shortlist")
    act_block = next(b for b in blocks if b["type"] == "actions")
    sender.action("candidate_shortlist", button["value"], block_id=act_block["block_id"],
                  message={"type": "message", "ts": "1.2", "text": msg["text"], "blocks": blocks}, channel_id=PRIVATE)
    update = slack.wait_for("response_url")[-1].args
    assert update["replace_original"] is True
    validate_blocks(update["blocks"])
    assert "Shortlisted Dana Digest 0 by <@U0BERLIN>" in json.dumps(update["blocks"])
    assert not any(b["type"] == "actions" for b in update["blocks"])


def test_a_channel_made_public_after_subscribing_gets_no_digest(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    with services.db.session() as s:
        sub = s.scalar(select(DigestSubscription).where(DigestSubscription.team_id == team))
        sub.channel_id = "C0NOWPUBLIC"  # the fake Slack reports C… channels as public
    clock.tick("2027-03-12T08:05:00+00:00")
    assert [c for c in slack.calls_to("chat.postMessage") if c.args.get("channel") == "C0NOWPUBLIC"] == []
    with services.db.session() as s:
        assert s.scalar(select(Delivery.status).where(Delivery.team_id == team)) == "skipped"
