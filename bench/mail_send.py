"""Mail send benchmark: 1,000 reviewed steps due over 50 mailboxes, a real SMTP server (aiosmtpd, 50 ms per
message, 5% answered 451), `kill -9` of the clock halfway, then restarted clocks until nothing is queued.
Prints the time to send all, duplicates and misses (by Message-ID, as the server received them), against
a plain sequential send loop in the same run (one SMTP session per email, retrying 4xx at once, no ledger).

The SMTP server files every accepted message in the sender's Dovecot Sent folder (as Gmail and Fastmail
do), which is what lets a restarted clock confirm a step the killed one had handed to DATA.

    .venv/bin/python bench/mail_send.py [--steps 1000] [--mailboxes 50] [--postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from bot.core.db import Database  # noqa: E402
from bot.core.models import Candidate, Enrollment, Mailbox, SentMail, Team  # noqa: E402
from bot.core.crypto import TokenCipher  # noqa: E402
from bot.outreach.sequences import ensure_default_sequence  # noqa: E402
from bot.runtime.localslack import LocalSlack  # noqa: E402
from tests.mail.servers import Dovecot, SmtpServer  # noqa: E402

NOW = datetime(2027, 4, 5, 10, 0, 30, tzinfo=timezone.utc)  # a Monday, 10:00 UTC: owners' working hours
TEAM = "TMAILBENCH"
PASSWORD = "bench-app-password"
KEY = Fernet.generate_key().decode()
LATENCY, FAIL_RATE = 0.05, 0.05


def seed(db: Database, steps: int, mailboxes: int, smtp_port: int, imap_port: int) -> None:
    """One team, `mailboxes` owners each with a connected mailbox, `steps` enrolled candidates with step 1 queued."""
    cipher = TokenCipher([KEY])
    people = {f"UOWN{m:03d}": {"tz": "UTC", "name": f"Owner {m}"} for m in range(mailboxes)}
    with db.session() as session:
        session.add(Team(team_id=TEAM, timezone="UTC", settings={"people": people}))
        session.flush()
        seq_id = ensure_default_sequence(session=session, team_id=TEAM).id
    when = NOW - timedelta(hours=1)
    with db.engine.begin() as conn:
        conn.execute(insert(Mailbox), [{"id": m + 1, "team_id": TEAM, "owner_user_id": f"UOWN{m:03d}",
                                        "address": f"owner{m}@bench.example", "smtp_host": "127.0.0.1",
                                        "smtp_port": smtp_port, "smtp_security": "none", "imap_host": "127.0.0.1",
                                        "imap_port": imap_port, "imap_security": "none",
                                        "username": f"owner{m}@bench.example", "auth": "password",
                                        "secret": cipher.encrypt(PASSWORD), "daily_cap": 50, "created_at": when}
                                       for m in range(mailboxes)])
        conn.execute(insert(Candidate), [{"id": i + 1, "team_id": TEAM, "name": f"Bench Person {i}",
                                          "github": f"bench-{i}", "email": f"person{i}@cand.example", "snapshot": {},
                                          "enrichment_status": "ok", "do_not_contact": False, "created_at": when,
                                          "updated_at": when} for i in range(steps)])
        conn.execute(insert(Enrollment), [{"id": i + 1, "team_id": TEAM, "candidate_id": i + 1, "sequence_id": seq_id,
                                           "owner_user_id": f"UOWN{i % mailboxes:03d}", "current_step": 1,
                                           "status": "active", "started_at": when,
                                           "next_due_at": NOW + timedelta(days=1)} for i in range(steps)])
        rows = []
        for i in range(steps):
            mid = f"<hirebot-{uuid.uuid4().hex}@bench.example>"
            rows.append({"team_id": TEAM, "mailbox_id": i % mailboxes + 1, "enrollment_id": i + 1, "candidate_id": i + 1,
                         "owner_user_id": f"UOWN{i % mailboxes:03d}", "step": 1, "message_id": mid, "thread_root": mid,
                         "from_address": f"owner{i % mailboxes}@bench.example", "to_address": f"person{i}@cand.example",
                         "subject": "About your PR", "body": f"Hi {i},\n\nWould you be open to a call?\n",
                         "status": "queued", "queued_at": when})
        conn.execute(insert(SentMail), rows)


def env_for(db_url: str, slack: LocalSlack) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HIREBOT_"))}
    return env | {"DATABASE_URL": db_url, "SLACK_API_URL": slack.url, "SLACK_BOT_TOKEN": "xoxb-bench",
                  "SLACK_SIGNING_SECRET": "bench", "HIREBOT_LOG_LEVEL": "WARNING", "HIREBOT_ENCRYPTION_KEY": KEY,
                  "GITHUB_API_URL": "http://127.0.0.1:9/github", "HF_API_URL": "http://127.0.0.1:9/hf",
                  "ARXIV_API_URL": "http://127.0.0.1:9/arxiv"}


def servers(mailboxes: int) -> tuple[SmtpServer, Dovecot]:
    dovecot = Dovecot(PASSWORD).start()
    smtp = SmtpServer({f"owner{m}@bench.example": PASSWORD for m in range(mailboxes)})
    smtp.latency, smtp.fail_rate = LATENCY, FAIL_RATE
    smtp.on_accept = lambda sender, raw: dovecot.file_sent(sender, raw)
    return smtp.start(), dovecot


def received(smtp: SmtpServer) -> Counter:
    return Counter(str(message_from_bytes(raw)["Message-ID"]) for _, _, raw in smtp.received)


def tick(env: dict[str, str], at: datetime) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.runtime.cli", "tick", "--now", at.isoformat()], env=env, cwd=ROOT,
                          capture_output=True, text=True)


def run_hirebot(db_url: str, steps: int, mailboxes: int) -> dict:
    smtp, dovecot = servers(mailboxes)
    slack = LocalSlack().start()
    try:
        db = Database(db_url)
        seed(db, steps, mailboxes, smtp.port, dovecot.port)
        env = env_for(db_url, slack)
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.cli", "tick", "--now", NOW.isoformat()], env=env,
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while len(smtp.received) < steps // 2 and proc.poll() is None:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)  # kill -9 halfway
        proc.wait()
        at_kill, to_kill = len(smtp.received), time.monotonic() - started
        ticks, at = 1, NOW
        while True:
            at += timedelta(minutes=6)  # past the 2-minute claim lease and the 5-minute retry pause
            done = tick(env, at)
            ticks += 1
            with db.session() as session:
                left = session.scalar(select(func.count(SentMail.id)).where(SentMail.status.in_(("queued", "sending"))))
            if not left or ticks > 12:
                break
        elapsed = time.monotonic() - started
        again = tick(env, at)  # a duplicate clock ticking the same minute
        with db.session() as session:
            statuses = dict(session.execute(select(SentMail.status, func.count(SentMail.id)).group_by(SentMail.status)).all())
            ids = set(session.scalars(select(SentMail.message_id)))
        db.dispose()
        counts = received(smtp)
        return {"seconds": round(elapsed, 2), "sent_at_kill": at_kill, "seconds_to_kill": round(to_kill, 2),
                "restarted_ticks_seconds": round(elapsed - to_kill, 2), "ticks": ticks, "statuses": statuses,
                "delivered": len(set(counts) & ids), "duplicates": sum(n - 1 for n in counts.values() if n > 1),
                "misses": len(ids - set(counts)), "answered_451": smtp._count - len(smtp.received),
                "last_rc": done.returncode, "again_rc": again.returncode, "stderr": (done.stderr or "")[-400:]}
    finally:
        slack.stop()
        smtp.stop()
        dovecot.stop()


def run_plain(steps: int, mailboxes: int) -> dict:
    """Baseline: one loop, one SMTP session and login per email, a 4xx retried at once; no ledger, no database."""
    smtp, dovecot = servers(mailboxes)
    try:
        started = time.monotonic()
        for i in range(steps):
            sender = f"owner{i % mailboxes}@bench.example"
            raw = (f"From: {sender}\r\nTo: person{i}@cand.example\r\nSubject: About your PR\r\n"
                   f"Message-ID: <plain-{i}@bench.example>\r\n\r\nHi {i}\r\n").encode()
            for _attempt in range(5):
                with smtplib.SMTP("127.0.0.1", smtp.port) as conn:
                    conn.login(sender, PASSWORD)
                    try:
                        conn.sendmail(sender, [f"person{i}@cand.example"], raw)
                        break
                    except smtplib.SMTPDataError as exc:
                        if exc.smtp_code >= 500:
                            raise
        elapsed = time.monotonic() - started
        counts = received(smtp)
        return {"seconds": round(elapsed, 2), "delivered": len(counts),
                "duplicates": sum(n - 1 for n in counts.values() if n > 1), "misses": steps - len(counts),
                "note": "no crash injected: a kill -9 would lose the rest, a restart would resend all"}
    finally:
        smtp.stop()
        dovecot.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--mailboxes", type=int, default=50)
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL (127.0.0.1:5432, database test)")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["hirebot_sqlite"] = run_hirebot(f"sqlite:///{tmp}/bench.db", args.steps, args.mailboxes)
    if args.postgres:
        import psycopg  # lazy: only with --postgres

        name = "hirebot_bench_" + uuid.uuid4().hex[:6]
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            results["hirebot_postgres"] = run_hirebot(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
                                                      args.steps, args.mailboxes)
        finally:
            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    results["plain_sequential"] = run_plain(args.steps, args.mailboxes)
    print(f"\nMail send: {args.steps} steps over {args.mailboxes} mailboxes; aiosmtpd {LATENCY * 1000:.0f} ms per "
          f"message, {FAIL_RATE:.0%} answered 451")
    print(f"{'run':<20}{'seconds':>9}{'delivered':>11}{'duplicates':>12}{'misses':>8}")
    for name, r in results.items():
        print(f"{name:<20}{r['seconds']:>9}{r['delivered']:>11}{r['duplicates']:>12}{r['misses']:>8}")
    base = results["plain_sequential"]["seconds"]
    for name, r in results.items():
        if name != "plain_sequential":
            print(f"{name}: {r['seconds'] / base:.2f}x the plain loop's time ({base / r['seconds']:.1f}x faster), "
                  f"including a kill -9 at {r['sent_at_kill']} sent ({r['seconds_to_kill']} s from the start, process "
                  f"start-up included) and {r['ticks'] - 1} restarted ticks ({r['restarted_ticks_seconds']} s); {r['statuses']}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "mail_send.json").write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
