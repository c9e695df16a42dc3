"""Reply-catching benchmark: one mailbox in a real Dovecot holding 10,000 unrelated messages, 50 steps sent from
it; then checks with 20 new unrelated messages and one reply arriving before each. Prints the first check
and the time per check after it (login, search, download and classify the reply, act, record), with what
was downloaded (Dovecot's own body counts), against a naive poll in the same run (no UID state, no server-side
search: every message's thread headers fetched and matched in Python each time).

    .venv/bin/python bench/mail_replies.py [--messages 10000] [--checks 20]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from bot.core.config import get_settings  # noqa: E402
from bot.core.crypto import TokenCipher  # noqa: E402
from bot.core.models import Candidate, Enrollment, Mailbox, SentMail, Team  # noqa: E402
from bot.mail.inbox import criteria  # noqa: E402
from bot.mail.jobs import check_mailbox  # noqa: E402
from bot.mail.service import config_of  # noqa: E402
from bot.mail.transport import open_imap  # noqa: E402
from bot.outreach.sequences import ensure_default_sequence  # noqa: E402
from bot.runtime.app import build_services  # noqa: E402
from tests.mail.servers import Dovecot  # noqa: E402

NOW = datetime(2027, 4, 5, 10, 0, tzinfo=timezone.utc)
TEAM, BOX, PASSWORD, SENT = "TREPLYBENCH", "owner@bench.example", "bench-pw", 50
KEY = Fernet.generate_key().decode()


def unrelated(i: int) -> bytes:
    return (f"From: news{i}@shop.example\r\nTo: {BOX}\r\nSubject: Deal {i}\r\nMessage-ID: <n{i}.{uuid.uuid4().hex}@shop."
            f"example>\r\nDate: Mon, 05 Apr 2027 09:00:00 +0000\r\n\r\n50% off everything, today only.\r\n").encode()


def reply(i: int) -> bytes:
    return (f"From: person{i}@cand.example\r\nTo: {BOX}\r\nSubject: Re: About your PR\r\n"
            f"Message-ID: <r{i}.{uuid.uuid4().hex}@cand.example>\r\nIn-Reply-To: <hirebot-bench{i}@bench.example>\r\n"
            f"References: <hirebot-bench{i}@bench.example>\r\nDate: Mon, 05 Apr 2027 10:00:00 +0000\r\n\r\n"
            f"Thanks, I'm interested. Happy to talk this week.\r\n").encode()


def seed(services, imap_port: int) -> int:
    when = NOW - timedelta(days=1)
    with services.db.session() as session:
        session.add(Team(team_id=TEAM, timezone="UTC", settings={"people": {"UOWN": {"tz": "UTC", "name": "Owner"}}}))
        session.flush()
        seq = ensure_default_sequence(session=session, team_id=TEAM).id
    with services.db.engine.begin() as conn:
        conn.execute(insert(Mailbox), [{"id": 1, "team_id": TEAM, "owner_user_id": "UOWN", "address": BOX,
                                        "smtp_host": "127.0.0.1", "smtp_port": 9, "smtp_security": "none",
                                        "imap_host": "127.0.0.1", "imap_port": imap_port, "imap_security": "none",
                                        "username": BOX, "auth": "password", "secret": TokenCipher([KEY]).encrypt(PASSWORD),
                                        "daily_cap": 50, "created_at": when}])
        conn.execute(insert(Candidate), [{"id": i + 1, "team_id": TEAM, "name": f"Person {i}", "github": f"p-{i}",
                                          "email": f"person{i}@cand.example", "snapshot": {}, "enrichment_status": "ok",
                                          "do_not_contact": False, "created_at": when, "updated_at": when}
                                         for i in range(SENT)])
        conn.execute(insert(Enrollment), [{"id": i + 1, "team_id": TEAM, "candidate_id": i + 1, "sequence_id": seq,
                                           "owner_user_id": "UOWN", "current_step": 2, "status": "active",
                                           "started_at": when, "next_due_at": NOW + timedelta(days=3)} for i in range(SENT)])
        conn.execute(insert(SentMail), [{"team_id": TEAM, "mailbox_id": 1, "enrollment_id": i + 1, "candidate_id": i + 1,
                                         "owner_user_id": "UOWN", "step": 1, "message_id": f"<hirebot-bench{i}@bench.example>",
                                         "thread_root": f"<hirebot-bench{i}@bench.example>", "from_address": BOX,
                                         "to_address": f"person{i}@cand.example", "subject": "About your PR", "body": "Hi",
                                         "status": "sent", "queued_at": when, "sent_at": when} for i in range(SENT)])
    return 1


def naive_poll(cfg) -> int:
    """Baseline: no UID state, no server-side search: fetch every message's thread headers and match here."""
    client = open_imap(cfg)
    try:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        found = 0
        for i in range(0, len(uids), 500):
            data = client.fetch(uids[i:i + 500], ["BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO REFERENCES FROM)]"])
            found += sum(any(k.startswith(b"BODY") and b"hirebot-" in val for k, val in v.items()) for v in data.values())
        return found
    finally:
        client.logout()


def bodies(dovecot: Dovecot) -> int:
    return sum(int(n) for n in re.findall(rf"imap\({re.escape(BOX)}\).*?body_count=(\d+)", dovecot.log()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--checks", type=int, default=20)
    args = parser.parse_args()
    dovecot = Dovecot(PASSWORD).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            services = build_services(get_settings(DATABASE_URL=f"sqlite:///{tmp}/bench.db", HIREBOT_ENCRYPTION_KEY=KEY,
                                                   SLACK_API_URL="http://127.0.0.1:9/"))
            mailbox_id = seed(services, dovecot.port)
            dovecot.deliver_many(BOX, [unrelated(i) for i in range(args.messages)])
            started = time.perf_counter()
            check_mailbox(services, mailbox_id, NOW)  # first check: no UID state yet, searches since the oldest send
            first = time.perf_counter() - started
            times, stateless, caught = [], [], 0
            with services.db.session() as session:
                cfg = config_of(session.get(Mailbox, mailbox_id), services.settings)
            for n in range(args.checks):
                dovecot.deliver_many(BOX, [unrelated(args.messages + n * 100 + k) for k in range(20)])
                dovecot.deliver(BOX, reply(n % SENT))
                t = time.perf_counter()
                caught += len(check_mailbox(services, mailbox_id, NOW + timedelta(minutes=3 * (n + 1))))
                times.append(time.perf_counter() - t)
            downloaded = bodies(dovecot)
            for _ in range(3):  # a naive poll: every message's headers, matched in Python, each time
                t = time.perf_counter()
                stateless.append(naive_poll(cfg))
                stateless[-1] = time.perf_counter() - t
            client = open_imap(cfg)
            total = client.select_folder("INBOX", readonly=True)[b"EXISTS"]
            matches = len(client.search(["UID", "1:*", criteria([])]))
            client.logout()
            services.background.shutdown()
            services.db.dispose()
    finally:
        dovecot.stop()
    result = {"messages_in_inbox": total, "first_check_s": round(first, 3),
              "per_check_median_ms": round(statistics.median(times) * 1000, 1),
              "per_check_p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1] * 1000, 1),
              "stateless_median_ms": round(statistics.median(stateless) * 1000, 1),
              "replies_caught": caught, "checks": args.checks, "thread_matches_in_inbox": matches,
              "bodies_downloaded_total": downloaded}
    print(f"\nReply catching: INBOX of {total} messages ({args.messages} unrelated at the start), "
          f"{args.checks} checks, each after 20 unrelated messages and 1 reply arrived")
    print(f"first check {result['first_check_s']} s; after it: median {result['per_check_median_ms']} ms, "
          f"p95 {result['per_check_p95_ms']} ms per check; naive header poll: median {result['stateless_median_ms']} ms "
          f"({result['stateless_median_ms'] / max(result['per_check_median_ms'], 0.1):.1f}x)")
    print(f"replies caught {caught} of {args.checks}; message bodies downloaded by all the checks: {downloaded} "
          "(the replies only, never an unrelated message)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "mail_replies.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
