"""Foundation: signed requests only (in-process and through `hirebot serve`), help everywhere, retries, console,
migrations, settings."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest
from sqlalchemy import inspect

from bot.core.config import get_settings
from bot.core.db import Database, needs_migration
from bot.core.slack import make_client
from tests.conftest import ROOT, app_env
from tests.slackkit import SlackSender, sign, validate_blocks

COMMANDS = ["/shortlist", "/salary", "/candidate", "/outreach", "/hirebot"]


@pytest.fixture(params=["in-process", "over-http"])
def endpoint(request: pytest.FixtureRequest):
    """The app in this process, and `hirebot serve` over real HTTP: a request must get the same answer from both."""
    return request.getfixturevalue("server" if request.param == "in-process" else "http_server")


@pytest.fixture
def either_sender(endpoint, slack, team) -> SlackSender:
    """Signed requests to either endpoint (started before `slack` is cleared, so its start-up calls are not counted)."""
    return SlackSender(endpoint, slack.response_url("t"), team_id=team)


def _ack_json(resp: httpx.Response) -> dict:
    assert resp.status_code == 200, resp.text
    return resp.json()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_answers_help_in_the_ack(sender, slack, command):
    for text in ("help", ""):
        reply = _ack_json(sender.command(command, text))
        assert reply["response_type"] == "ephemeral"
        assert command in reply["text"]
        validate_blocks(reply["blocks"])
        assert "Examples:" in json.dumps(reply["blocks"])
    assert slack.calls_to("response_url") == [] and slack.calls_to("chat.postMessage") == []


def test_unknown_subcommand_says_what_was_wrong_with_an_example(sender):
    reply = _ack_json(sender.command("/candidate", "ad github:octocat"))
    assert reply["response_type"] == "ephemeral"
    assert "`ad`" in reply["text"] and "Example:" in reply["text"]
    assert "`add`" in reply["text"]  # did you mean


def test_forged_signature_is_rejected_without_any_web_api_call(either_sender, slack):
    body = either_sender.command_body("/hirebot", "help")
    headers = sign(body, secret="not-the-secret")
    assert either_sender.post(body, "application/x-www-form-urlencoded", headers).status_code == 401
    assert slack.calls == []


def test_stale_request_over_five_minutes_old_is_rejected(either_sender, slack):
    body = either_sender.command_body("/hirebot", "help")
    headers = sign(body, timestamp=int(time.time()) - 6 * 60)
    assert either_sender.post(body, "application/x-www-form-urlencoded", headers).status_code == 401
    assert slack.calls == []


def test_tampered_body_is_rejected(either_sender, slack):
    body = either_sender.command_body("/hirebot", "help")
    headers = sign(body)
    tampered = body.replace("help", "digest+here")
    assert either_sender.post(tampered, "application/x-www-form-urlencoded", headers).status_code == 401
    assert slack.calls == []


def test_unsigned_request_is_rejected(either_sender, slack):
    body = either_sender.command_body("/hirebot", "help")
    assert either_sender.post(body, "application/x-www-form-urlencoded").status_code == 401
    assert slack.calls == []


def test_enterprise_fields_are_accepted(endpoint, slack, team):
    grid = SlackSender(endpoint, slack.response_url("e"), team_id=team, enterprise_id="E0ACME")
    reply = _ack_json(grid.command("/salary", "help"))
    assert "/salary" in reply["text"]


def test_healthz_reports_the_database(http_server):
    resp = httpx.get(http_server.base_url + "/healthz")
    assert resp.status_code == 200 and resp.json() == {"ok": True}
    assert httpx.get(http_server.base_url + "/nope").status_code == 404


def test_a_429_from_slack_is_retried_after_retry_after(slack):
    settings = get_settings(SLACK_API_URL=slack.url, HIREBOT_SLACK_MAX_RETRIES=2)
    client = make_client(settings, "xoxb-test")
    slack.fail("chat.postMessage", 429, retry_after=1)
    started = time.monotonic()
    resp = client.chat_postMessage(channel="C1", text="hello")
    elapsed = time.monotonic() - started
    assert resp["ok"] is True
    calls = slack.calls_to("chat.postMessage")
    assert len(calls) == 2
    assert elapsed >= 1.0, "the retry must wait for Retry-After"
    assert calls[1].at - calls[0].at >= 1.0


def test_a_500_from_slack_is_retried(slack):
    client = make_client(get_settings(SLACK_API_URL=slack.url), "xoxb-test")
    slack.fail("chat.postMessage", 500, times=1)
    assert client.chat_postMessage(channel="C1", text="hi")["ok"] is True
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_migrations_build_every_table(any_db_url):
    db = Database(any_db_url)
    tables = set(inspect(db.engine).get_table_names())
    assert {"teams", "roles", "candidates", "signals", "scores", "pipeline_entries", "sequences",
            "sequence_steps", "enrollments", "touches", "deliveries", "alembic_version"} <= tables
    assert not needs_migration(db.engine)
    db.dispose()


def test_console_answers_a_command(tmp_path):
    env = app_env(f"sqlite:///{tmp_path / 'console.db'}", "http://127.0.0.1:9/")
    for key in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"):
        env.pop(key)
    proc = subprocess.run([sys.executable, "-m", "bot.runtime.cli", "console"], input="/salary help\nbogus\nquit\n",
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "/salary" in proc.stdout and "Examples:" in proc.stdout
    assert "Commands start with /" in proc.stdout


@pytest.mark.parametrize("runner,missing", [("serve", "SLACK_SIGNING_SECRET"), ("socket", "SLACK_APP_TOKEN")])
def test_runners_without_tokens_stop_naming_the_variable(tmp_path, runner, missing):
    env = app_env(f"sqlite:///{tmp_path / 'x.db'}", "http://127.0.0.1:9/")
    env.pop("SLACK_SIGNING_SECRET")
    proc = subprocess.run([sys.executable, "-m", "bot.runtime.cli", runner], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=30)
    assert proc.returncode == 2
    assert missing in proc.stderr


def test_cli_lists_every_command_of_the_contract():
    out = subprocess.run([sys.executable, "-m", "bot.runtime.cli", "--help"], capture_output=True, text=True, cwd=ROOT).stdout
    for name in ("serve", "socket", "console", "clock", "tick", "import", "demo-data", "migrate"):
        assert f"  {name} " in out or f"  {name}\n" in out, name
