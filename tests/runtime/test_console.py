"""The console a person can work in: rendered replies, numbered buttons, /click, /tick, paste, help.

Every test drives `bot.runtime.console` the way `hirebot console` does (the real app, signed requests,
the local Slack stand-in) on its own SQLite database holding the bundled fictional demo team.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.candidates.importer import import_text
from bot.core.models import Candidate, Enrollment, PipelineEntry, Role
from bot.runtime.app import build_services
from bot.runtime.console import Console, run
from bot.runtime.console_input import parse_when, read_input
from bot.runtime.terminal import mrkdwn
from tests.conftest import app_env, app_settings

DEMO = Path(__file__).resolve().parents[2] / "bot" / "runtime" / "data" / "demo.jsonl"
URL = re.compile(r"https://github\.com/\S+")


def _import(services, team: str, lines: list[str]) -> None:
    report = import_text(services, team_id=team, text="\n".join(lines) + "\n", kind="jsonl",
                         source="demo-data (fictional)")
    assert report.added, report.summary()


@pytest.fixture
def settings(tmp_path):
    """Settings of a `hirebot console` process on a fresh SQLite file, public sources unreachable."""
    return app_settings(f"sqlite:///{tmp_path / 'console.db'}", "http://127.0.0.1:9/")


@pytest.fixture
def demo(settings):
    """The same settings, with the fictional demo team imported (what `hirebot demo-data` does)."""
    services = build_services(settings)
    _import(services, settings.console_team_id, DEMO.read_text().splitlines())
    services.background.shutdown()
    services.db.dispose()
    return settings


@pytest.fixture
def console(demo):
    """A console on the demo data, writing into a buffer 100 columns wide."""
    out = io.StringIO()
    c = Console(demo, out=out, width=100)
    yield c
    c.close()


def shown(c: Console) -> str:
    """Everything the console printed since the last call."""
    text = c.out.getvalue()
    c.out.seek(0)
    c.out.truncate()
    return text


def button(text: str, label: str) -> int:
    """The number printed on the first button with this label."""
    m = re.search(r"\[(\d+) " + re.escape(label) + r"!?\]", text)
    assert m, f"no [N {label}] button in:\n{text}"
    return int(m.group(1))


def test_mrkdwn_becomes_bold_links_and_emoji():
    text = mrkdwn("*1. <https://github.com/theo-nakamura-reyes-ex|Theo>* · *87*/100 :warning: `code`")
    assert text.plain.startswith("1. Theo https://github.com/theo-nakamura-reyes-ex · 87/100 ⚠ code")
    bold = [text.plain[s.start:s.end] for s in text.spans if "bold" in str(s.style)]
    assert "87" in bold and any("Theo" in b for b in bold)
    assert any(getattr(s.style, "link", None) == "https://github.com/theo-nakamura-reyes-ex" for s in text.spans)


def test_shortlist_renders_without_raw_mrkdwn_and_keeps_hyphenated_urls_whole(demo):
    out = io.StringIO()
    run(demo, commands=["/shortlist ml-engineer 5", "/shortlist no-such-role"], out=out, width=72)
    text = out.getvalue()
    assert "/100" in text and not re.search(r"\*\d+\*/100", text)  # bold, not asterisks
    urls = URL.findall(text)
    assert any("-ex/" in u and "-" in u.rsplit("/", 1)[-1] for u in urls), urls  # e.g. .../theo-...-ex/kv-quant-bench
    for line in text.splitlines():
        assert not (line.rstrip().endswith("-") and "https://" in line), f"a URL broke at a hyphen: {line!r}"
    assert "⚠" in text and ":warning:" not in text  # the error reply's shortcode is an emoji
    assert "[1 " in text  # buttons and menu options are numbered


def test_click_pass_on_a_shortlist_writes_the_pipeline_row_and_shows_the_outcome(console):
    console.handle("/shortlist ml-engineer 3")
    text = shown(console)
    name = re.search(r"^1\. (.+?) https://", text, re.M).group(1)
    n = button(text, "Pass")
    console.handle(f"/click {n}")  # Slack's confirm dialog first: nothing happens yet
    asked = shown(console)
    assert f"/click {n} yes" in asked and "Passed on" not in asked
    console.handle(f"/click {n} yes")
    text = shown(console)
    assert f"Passed on {name} by @you" in text
    assert "replaces the message you clicked" in text
    with console.services.db.session() as session:
        stage = session.scalar(select(PipelineEntry.stage).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
                               .join(Role, Role.id == PipelineEntry.role_id)
                               .where(Candidate.name == name, Role.slug == "ml-engineer"))
    assert stage == "passed"


def test_outreach_start_then_mark_sent_moves_the_sequence_past_step_one(console):
    console.handle("/outreach start chidinma-eze-ex role:ml-engineer")
    text = shown(console)
    assert "1 of 5" in text
    console.handle(f"/click {button(text, 'Mark sent')}")
    text = shown(console)
    assert "Step 1 of 5 marked sent by @you" in text
    with console.services.db.session() as session:
        enr = session.scalars(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                              .where(Candidate.github == "chidinma-eze-ex")).one()
        assert enr.current_step == 2


def test_tick_shows_the_digest_posted_to_the_console_channel_and_the_nudge_dm(settings):
    out = io.StringIO()
    c = Console(settings, out=out, width=100)
    try:
        c.handle("/hirebot digest here 09:00 weekends")  # the console's channel is private: allowed
        assert "Subscribed #console" in shown(c)
        _import(c.services, settings.console_team_id, DEMO.read_text().splitlines())
        c.handle("/outreach start chidinma-eze-ex role:ml-engineer")
        shown(c)
        tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).date()
        c.handle(f"/tick {tomorrow.isoformat()}T09:00")
        text = shown(c)
    finally:
        c.close()
    assert "digest_sent 1" in text
    assert "── Hirebot posted in #console" in text
    assert "new candidates" in text.lower() or "candidates" in text
    assert "── Hirebot posted in a DM to you" in text and "Chidinma" in text
    assert "no-installation" not in text


def test_digest_now_posts_again_on_a_second_request(settings):
    lines = DEMO.read_text().splitlines()
    half = len(lines) // 2
    out = io.StringIO()
    c = Console(settings, out=out, width=100)
    try:
        c.handle("/hirebot digest here 09:00")
        shown(c)
        _import(c.services, settings.console_team_id, lines[:half])
        c.handle("/hirebot digest now")
        first = shown(c)
        _import(c.services, settings.console_team_id, lines[half:])
        c.handle("/hirebot digest now")
        second = shown(c)
    finally:
        c.close()
    assert "── Hirebot posted in #console" in first
    assert "── Hirebot posted in #console" in second


def test_unknown_command_lists_the_known_ones_without_bolts_hint(demo, caplog):
    out = io.StringIO()
    run(demo, commands=["/help me", "/shortlst ml-engineer"], out=out, width=100)
    text = out.getvalue()
    assert "Unknown command /shortlst" in text
    for known in ("/shortlist", "/salary", "/candidate", "/outreach", "/hirebot", "/click", "/tick"):
        assert known in text.split("Unknown command /shortlst", 1)[1]
    assert "@app.command" not in text + caplog.text and "Unhandled request" not in caplog.text


def test_a_multi_line_paste_is_one_input(demo):
    paste = ("/salary import \x1b[200~role,level,location,base\nml-engineer,senior,Berlin,120000\n"
             "ml-engineer,senior,Berlin,130000\x1b[201~\nquit\n")
    out = io.StringIO()
    run(demo, stdin=io.StringIO(paste), out=out, width=100)
    text = out.getvalue()
    assert "Commands start with /" not in text
    assert text.count("> /salary import") == 1 and "Berlin,130000" in text.split("> /salary import", 1)[1]
    assert "Saved" in text


def test_read_input_joins_a_bracketed_paste_and_parse_when_reads_local_times():
    stdin = io.StringIO("/outreach reply ada \x1b[200~Hi!\nSounds good.\x1b[201~\n/next\n")
    assert read_input(stdin, False) == "/outreach reply ada Hi!\nSounds good."
    assert read_input(stdin, False) == "/next"
    assert read_input(stdin, False) is None
    base = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
    assert parse_when("09:00", "Europe/Berlin", base).isoformat() == "2026-11-24T09:00:00+01:00"
    assert parse_when("2026-11-23T09:00", "Europe/Berlin").utcoffset() == timedelta(hours=1)


def test_help_explains_the_markers_and_console_commands(demo):
    out = io.StringIO()
    run(demo, commands=["help"], out=out, width=100)
    text = out.getvalue()
    for marker in ("[3 Start outreach]", "[4 Pass!]", "/click 4 yes", "only you see this", "a DM to you",
                   "/submit", "/tick", "▌"):
        assert marker in text, marker
    assert "/shortlist" in text  # Hirebot's own help follows


def test_hirebot_console_process_numbers_buttons_and_clicks(demo, tmp_path):
    env = app_env(demo.database_url, "http://127.0.0.1:9/")
    for key in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"):
        env.pop(key)
    proc = subprocess.run([sys.executable, "-m", "bot.runtime.cli", "console", "-c", "/shortlist ml-engineer 2",
                           "-c", "/click 1"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "[1 " in proc.stdout and "/100" in proc.stdout
    assert "You clicked" in proc.stdout and "Traceback" not in proc.stderr
