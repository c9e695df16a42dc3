"""The delivery ledger's claim rules, directly: leases, takeovers, and 429s that do not use up attempts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.core import delivery
from bot.core.db import Database
from tests.slackkit import new_team

T0 = datetime(2027, 5, 3, 9, 0, tzinfo=timezone.utc)


def _db(tmp_path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'ledger.db'}")


def test_a_live_claim_blocks_others_until_its_lease_expires(tmp_path):
    db, team = _db(tmp_path), new_team()
    first = delivery.claim(db, team_id=team, channel_id="G1", kind="digest", period="d1", now=T0)
    assert first and not first.taken_over
    assert delivery.claim(db, team_id=team, channel_id="G1", kind="digest", period="d1", now=T0 + timedelta(seconds=60)) is None
    later = delivery.claim(db, team_id=team, channel_id="G1", kind="digest", period="d1", now=T0 + timedelta(minutes=3))
    assert later and later.taken_over  # the owner died: whoever takes over must check history first
    delivery.finish(db, later, status="sent", now=T0 + timedelta(minutes=3), ts="1.1")
    assert delivery.claim(db, team_id=team, channel_id="G1", kind="digest", period="d1", now=T0 + timedelta(hours=1)) is None


def test_rate_limits_do_not_use_up_attempts_and_need_no_history_check(tmp_path):
    db, team = _db(tmp_path), new_team()
    now = T0
    claim = delivery.claim(db, team_id=team, channel_id="G2", kind="digest", period="d1", now=now)
    for _ in range(delivery.MAX_ATTEMPTS + 3):
        # what deliver() records on a 429: failed, ratelimited, immediately retryable
        delivery.finish(db, claim, status="failed", now=now - delivery.RETRY_AFTER_FAILURE, error="ratelimited")
        now += timedelta(seconds=2)
        claim = delivery.claim(db, team_id=team, channel_id="G2", kind="digest", period="d1", now=now)
        assert claim is not None, "a 429 must never make the ledger give up"
        assert claim.taken_over is False, "after a 429 nothing was posted: no history lookup needed"


def test_other_failures_are_retried_a_bounded_number_of_times(tmp_path):
    db, team = _db(tmp_path), new_team()
    now = T0
    claim = delivery.claim(db, team_id=team, channel_id="G3", kind="digest", period="d1", now=now)
    tries = 1
    while claim is not None:
        delivery.finish(db, claim, status="failed", now=now, error="channel_not_found")
        now += delivery.RETRY_AFTER_FAILURE + timedelta(seconds=1)
        claim = delivery.claim(db, team_id=team, channel_id="G3", kind="digest", period="d1", now=now)
        if claim is not None:
            assert claim.taken_over  # a timeout-like failure may have posted
            tries += 1
    assert tries == delivery.MAX_ATTEMPTS
