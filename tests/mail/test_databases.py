"""The send-and-catch round trip on SQLite and PostgreSQL: one email however many clocks, the reply acted on once."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

from sqlalchemy import select

from bot.core.config import get_settings
from bot.core.models import Candidate, Enrollment
from bot.core.people import Person, remember_person
from bot.mail import sending
from bot.mail.jobs import catch_replies
from bot.mail.service import disconnect
from bot.outreach.sequences import ensure_default_sequence
from bot.outreach.service import start_enrollment
from bot.runtime.app import build_services
from tests.conftest import load_snapshots, snapshot
from tests.mail.conftest import KEY
from tests.mail.kit import NOW, connect_directly, reply_email


def test_sent_once_by_three_clocks_and_the_reply_stops_it(any_db_url, smtp, dovecot, slack_server):
    services = build_services(get_settings(DATABASE_URL=any_db_url, HIREBOT_ENCRYPTION_KEY=KEY,
                                           SLACK_API_URL=slack_server.url, GITHUB_API_URL="http://127.0.0.1:9/github",
                                           HF_API_URL="http://127.0.0.1:9/hf", ARXIV_API_URL="http://127.0.0.1:9/arxiv"))
    team, owner = "T" + uuid.uuid4().hex[:10].upper(), "U0OWNER"
    try:
        handle = "pg-" + uuid.uuid4().hex[:8]
        load_snapshots(services, team, [snapshot("Pia Postgres", handle)])
        box = f"pg-{uuid.uuid4().hex[:8]}@example.com"
        connect_directly(services, team, owner, box, smtp, dovecot)
        with services.db.session() as s:
            remember_person(session=s, team_id=team, who=Person(owner, "Europe/Berlin", "Sam"))
            cand = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == handle))
            seq = ensure_default_sequence(session=s, team_id=team)
            enr = start_enrollment(session=s, team_id=team, candidate=cand, role=None, sequence=seq,
                                   owner=Person(owner, "Europe/Berlin"), now=NOW)
            sid = sending.queue_step(session=s, services=services, enr=enr, cand=cand, step=1, subject="Hello",
                                     body="Hi Pia", user=owner, now=NOW).id
            enr_id = enr.id
        results: list[str] = []
        clocks = [threading.Thread(target=lambda: results.append(sending.send_one(services, sid, NOW).status))
                  for _ in range(3)]
        for c in clocks:
            c.start()
        for c in clocks:
            c.join()
        mine = [m for m in smtp.messages() if m["To"].endswith(f"<{handle}@example.com>")]
        assert len(mine) == 1 and results.count("sent") >= 1
        dovecot.deliver(box, reply_email(sender=f"{handle}@example.com", to=box, subject="Re: Hello",
                                         in_reply_to=mine[0]["Message-ID"], body="Yes, I'm interested!"))
        assert catch_replies(services, NOW + timedelta(minutes=5))["mail_replies"] == 1
        assert catch_replies(services, NOW + timedelta(minutes=10))["mail_replies"] == 0
        with services.db.session() as s:
            assert s.get(Enrollment, enr_id).stop_reason == "interested"
    finally:
        with services.db.session() as s:  # the database is shared with other tests' clocks: leave no mailbox
            disconnect(session=s, team_id=team, owner=owner)
        services.background.shutdown()
        services.db.dispose()
