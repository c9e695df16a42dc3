"""A channel's digest noise budget: at most 10 by default, a weekly mode, and "only when something changed"."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from bot.core.models import Candidate, DigestSubscription
from tests.digests.test_e2e import PRIVATE, _candidates, _posts, _subscribe
from tests.outreach.test_e2e import utc
from tests.slackkit import SlackSender, validate_blocks


def _blocks(post) -> list[dict]:
    b = post.args["blocks"]
    return json.loads(b) if isinstance(b, str) else b


def test_the_default_digest_shows_at_most_ten_and_names_the_rest(server, slack, services, team, clock):
    sender = _subscribe(server, slack, team)  # `/hirebot digest here 09:00`, unchanged
    with services.db.session() as s:
        assert s.scalar(select(DigestSubscription.max_items).where(DigestSubscription.team_id == team)) == 10
    assert "at most 10 per digest" in sender.command("/hirebot", "digest here 09:00").json()["text"]
    _candidates(services, team, n=12)
    clock.tick("2027-03-01T08:00:30+00:00")
    (post,) = _posts(slack)
    blocks = _blocks(post)
    validate_blocks(blocks)
    assert sum(1 for b in blocks if b.get("block_id", "").startswith("cand-") and not b["block_id"].endswith("-act")) == 10
    assert "2 more: `/shortlist" in json.dumps(blocks)


def test_a_weekly_digest_posts_only_on_its_day(server, slack, services, team, clock):
    sender = _subscribe(server, slack, team, text="here 09:00 weekly:wed")
    assert "weekly digest" in sender.command("/hirebot", "digest here 09:00 weekly:wed").json()["text"]
    _candidates(services, team)
    clock.tick("2027-03-01T08:05:00+00:00")  # Monday
    clock.tick("2027-03-02T08:05:00+00:00")  # Tuesday
    assert _posts(slack) == []
    clock.tick("2027-03-03T08:05:00+00:00")  # Wednesday
    assert len(_posts(slack)) == 1
    assert "weekly on Wed" in sender.command("/hirebot", "digest list").json()["text"]


def _reenrich(services, team: str, at: str) -> None:
    with services.db.session() as s:
        s.execute(update(Candidate).where(Candidate.team_id == team).values(enriched_at=utc(at)))


def test_only_when_changed_skips_a_digest_that_would_repeat_the_last_one(server, slack, services, team, clock):
    _subscribe(server, slack, team, text="here 09:00 changed:only")
    _candidates(services, team)
    clock.tick("2027-03-01T08:05:00+00:00")
    assert len(_posts(slack)) == 1
    _reenrich(services, team, "2027-03-01T12:00:00+00:00")  # refreshed, but nothing about them changed
    clock.tick("2027-03-02T08:05:00+00:00")
    assert len(_posts(slack)) == 1


def test_without_changed_only_a_refreshed_candidate_comes_again_as_today(server, slack, services, team, clock):
    _subscribe(server, slack, team)
    _candidates(services, team)
    clock.tick("2027-03-01T08:05:00+00:00")
    _reenrich(services, team, "2027-03-01T12:00:00+00:00")
    clock.tick("2027-03-02T08:05:00+00:00")
    assert len(_posts(slack)) == 2


def test_a_wrong_weekly_day_or_changed_word_is_named_and_nothing_is_written(server, slack, services, team):
    slack.users["U0BERLIN"] = {"tz": "Europe/Berlin"}
    sender = SlackSender(server, slack.response_url("d"), team_id=team, channel_id=PRIVATE, user_id="U0BERLIN")
    for text, word in (("here 09:00 weekly:funday", "'funday'"), ("here 09:00 changed:maybe", "'maybe'")):
        answer = sender.command("/hirebot", "digest " + text).json()["text"]
        assert answer.startswith(":warning:") and word in answer and "Example:" in answer
    with services.db.session() as s:
        assert s.scalar(select(DigestSubscription).where(DigestSubscription.team_id == team)) is None
