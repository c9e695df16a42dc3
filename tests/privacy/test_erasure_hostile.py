"""Finding 6: erasure reaches the shared HTTP cache on uninstall, teammates' notes, the SQLite WAL, and DEBUG logs."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from bot.core.logs import setup_logging
from bot.core.models import HttpCacheEntry, Note
from bot.privacy.uninstall import erase_team
from tests.conftest import load_snapshots, snapshot


def test_erasing_a_team_forgets_its_people_in_the_http_cache(services, team):
    handle = f"uncache-{team.lower()}"
    load_snapshots(services, team, [snapshot("Una Cache", handle)])
    key = f"github:anon:https://api.github.com/users/{handle}?"
    with services.db.session() as s:
        s.add(HttpCacheEntry(key=key, etag="e1", body={"login": handle}))
    with services.db.session() as s:
        erase_team(session=s, team_id=team)
    with services.db.session() as s:
        assert s.get(HttpCacheEntry, key) is None


def test_forget_scrubs_the_name_and_email_from_teammates_notes(sender, services, team):
    t = team.lower()
    load_snapshots(services, team, [snapshot("Zed Forgettable", f"zed-{t}") | {"email": f"zed-{t}@example.com"},
                                    snapshot("Bo Stays", f"bo-{t}")])
    sender.command("/candidate", f"note bo-{t} met Zed Forgettable (zed-{t}@example.com) at NeurIPS; zed forgettable vouched")
    assert "Forgot" in sender.command("/candidate", f"forget zed-{t}").json()["text"]
    with services.db.session() as s:
        texts = list(s.scalars(select(Note.text).where(Note.team_id == team)))
    assert texts and all("zed forgettable" not in x.lower() and f"zed-{t}@" not in x for x in texts), texts
    assert "NeurIPS" in texts[0]


def test_forget_leaves_no_copy_of_the_person_in_the_sqlite_files(sender, services, team):
    name = f"Quintessa Erasable {team}"
    load_snapshots(services, team, [snapshot(name, f"quin-{team.lower()}")])
    assert "Forgot" in sender.command("/candidate", f"forget quin-{team.lower()}").json()["text"]
    path = Path(services.db.engine.url.database)
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert name.encode() not in path.read_bytes()


def test_debug_logging_keeps_request_bodies_out():
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        setup_logging("DEBUG")
        for name in ("slack_sdk.web.base_client", "slack_bolt.App", "httpx", "sqlalchemy.engine.Engine"):
            assert logging.getLogger(name).getEffectiveLevel() >= logging.INFO, name
        assert logging.getLogger("bot.candidates").getEffectiveLevel() == logging.DEBUG
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
