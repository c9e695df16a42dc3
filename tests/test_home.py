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
