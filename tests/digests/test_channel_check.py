"""Finding 5: every path that posts a digest (the clock and `/hirebot digest now`) runs the same channel check."""

from __future__ import annotations

import time

from sqlalchemy import select

from bot.core.models import Delivery
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import SlackSender

TURNED = "C0TURNEDPUB"


def test_digest_now_names_nobody_in_a_channel_that_turned_public(server, slack, services, team, monkeypatch):
    monkeypatch.setattr(slack, "private_channels", slack.private_channels | {TURNED})
    slack.users["U0NOW"] = {"tz": "Europe/Berlin"}
    sender = SlackSender(server, slack.response_url("now"), team_id=team, channel_id=TURNED, user_id="U0NOW")
    assert "Subscribed" in sender.command("/hirebot", "digest here 09:00").json()["text"]
    load_snapshots(services, team, [snapshot("Nina Now", f"nina-{team.lower()}")])
    monkeypatch.setattr(slack, "private_channels", slack.private_channels - {TURNED})  # an admin made it public

    reply = sender.command("/hirebot", "digest now").json()
    assert "public" in reply["text"] and "Nina" not in reply["text"], reply
    time.sleep(0.5)  # the post, if any, goes out from the background pool
    assert [c for c in slack.calls_to("chat.postMessage") if c.args.get("channel") == TURNED] == []
    with services.db.session() as s:
        assert s.scalar(select(Delivery.status).where(Delivery.team_id == team, Delivery.kind == "digest-now")) in (None, "skipped")
