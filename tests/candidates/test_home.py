"""App Home: opening the tab publishes pipeline counts and overdue stages, as valid Block Kit."""

from __future__ import annotations

import json

from tests.conftest import load_snapshots, snapshot
from tests.slackkit import validate_blocks


def test_home_tab_shows_the_pipeline(services, sender, slack, team):
    load_snapshots(services, team, [snapshot("Hana Home", "hana-" + team.lower())])
    sender.command("/candidate", f"stage hana-{team.lower()} shortlisted")
    resp = sender.event({"type": "app_home_opened", "user": "U0SAM", "channel": "D0SAM", "tab": "home",
                         "event_ts": "1700000000.000100"})
    assert resp.status_code == 200
    published = slack.wait_for("views.publish", timeout=10)
    assert published
    view = published[-1].args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    validate_blocks(view["blocks"], limit=100)
    assert "shortlisted 1" in json.dumps(view)


def test_home_tab_hides_the_team_pipeline_from_people_outside_the_access_rules(services, sender, server, slack, team):
    from tests.slackkit import SlackSender

    load_snapshots(services, team, [snapshot("Hidden Person", "hid-" + team.lower())])
    sender.command("/candidate", f"stage hid-{team.lower()} shortlisted")
    sender.command("/hirebot", "settings access channels:<#C0HIRING|hiring>")
    outsider = SlackSender(server, slack.response_url("h"), team_id=team, user_id="U0OUT", channel_id="D0OUT")
    outsider.event({"type": "app_home_opened", "user": "U0OUT", "channel": "D0OUT", "tab": "home", "event_ts": "1.2"})
    published = slack.wait_for("views.publish", timeout=10)
    view = published[-1].args["view"]
    blob = json.dumps(view) if not isinstance(view, str) else view
    assert "Hidden Person" not in blob and "shortlisted 1" not in blob and "ask a workspace admin" in blob
