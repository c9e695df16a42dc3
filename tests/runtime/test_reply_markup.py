"""Finding 13: what someone typed is echoed inert in every reply (no @channel, group ping or disguised link)."""

from __future__ import annotations

import json

import pytest

from bot.core.errors import UserError, neutralise_markup

HOSTILE = ["<!channel>", "<!here|here>", "<!subteam^S0ALL|@everyone>", "<https://evil.example|https://good.example>",
           "<!everyone"]
LIVE = ("<!channel>", "<!here", "<!subteam", "<https://evil", "<!everyone")


@pytest.mark.parametrize("command,text", [
    ("/shortlist", "<!channel>"), ("/shortlist", "<!here|here> 5"), ("/salary", "<!channel> senior"),
    ("/candidate", "show <!channel>"), ("/candidate", "stage <!here|here> interview"),
    ("/candidate", "add <https://evil.example|https://good.example>"), ("/outreach", "start <!channel>"),
    ("/hirebot", "role show <!subteam^S0ALL|@everyone>"), ("/hirebot", "<!channel>"),
    ("/candidate", "<!everyone"),
])
def test_error_replies_never_carry_live_slack_markup_from_the_user(sender, slack, command, text):
    reply = sender.command(command, text)
    assert reply.status_code == 200
    seen = reply.text + json.dumps([c.args for c in slack.calls_to("response_url")])
    assert not any(live in seen for live in LIVE), seen[:500]


def test_hirebots_own_channel_user_and_date_markup_survives():
    own = "Run it in <#C0HIRING> or <#C0ABC|hiring>; owned by <@U0ANA>; due <!date^1700000000^{date}|Nov 14>."
    assert neutralise_markup(own) == own
    assert "&lt;!channel&gt;" in UserError("No role called '<!channel>'.").as_text()
