"""Finding 9: request paths that ask Slack something answer at once on a 429 instead of sleeping Retry-After."""

from __future__ import annotations

import time

from tests.slackkit import SlackSender


def test_settings_access_admin_check_does_not_sleep_on_a_429(server, slack, team):
    admin = SlackSender(server, slack.response_url("q"), team_id=team)
    slack.fail("users.info", 429, times=5, retry_after=3)
    started = time.monotonic()
    reply = admin.command("/hirebot", "settings access channels:<#C0HIRING|hiring>").json()
    assert time.monotonic() - started < 2.5
    assert "try again" in reply["text"], reply


def test_outreach_channel_here_does_not_sleep_on_a_429(server, slack, team):
    sender = SlackSender(server, slack.response_url("q"), team_id=team)
    slack.fail("conversations.info", 429, times=5, retry_after=3)
    started = time.monotonic()
    reply = sender.command("/outreach", "channel here").json()
    assert time.monotonic() - started < 2.5
    assert "<#C0HIRING>" in reply["text"], reply
