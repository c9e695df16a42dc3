"""Two clock processes ticking at once, on SQLite and on PostgreSQL, deliver each digest exactly once."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone

from bot.core.config import get_settings
from bot.core.models import DigestSubscription
from bot.runtime.app import build_services
from tests.conftest import app_env, concurrent_ticks, load_snapshots, snapshot
from tests.slackkit import new_team


def test_two_concurrent_ticks_never_duplicate(any_db_url, slack, tmp_path):
    if any_db_url.startswith("sqlite"):
        any_db_url = f"sqlite:///{tmp_path / 'once.db'}"  # a database of its own: no other test's digests
    services = build_services(get_settings(DATABASE_URL=any_db_url))
    teams = [new_team() for _ in range(12)]
    created = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for t in teams:
        load_snapshots(services, t, [snapshot("Eve Once", "eve-" + t.lower(),
                                              merged_prs=[{"repo": "pytorch/pytorch", "merged_at": "2026-11-01"}])])
        with services.db.session() as s:
            s.add(DigestSubscription(team_id=t, channel_id="G" + t[1:], timezone="UTC", local_time="09:00",
                                     last_digest_at=created, created_at=created))
    env = app_env(any_db_url, slack.url)
    now = "2027-04-05T09:00:10+00:00"  # a Monday
    for code, log in concurrent_ticks(env, now, clocks=2):
        assert code == 0, log[-2000:]
    posts = Counter(c.args.get("channel") for c in slack.calls_to("chat.postMessage"))
    wanted = {"G" + t[1:] for t in teams}
    assert set(posts) == wanted, "every channel gets its digest"
    assert all(n == 1 for n in posts.values()), posts
    for call in slack.calls_to("chat.postMessage"):
        meta = call.args["metadata"]
        meta = json.loads(meta) if isinstance(meta, str) else meta
        assert meta["event_type"] == "hirebot_delivery"
    services.db.dispose()
