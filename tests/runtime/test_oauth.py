"""Many workspaces: the OAuth install flow against the fake Slack, tokens encrypted at rest, key rotation."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import yaml
from pydantic import SecretStr
from slack_sdk.oauth.installation_store import Installation

from bot.core.config import MissingSetting, get_settings
from bot.core.crypto import TokenCipher, TokenDecryptError, generate_key
from bot.core.db import Database
from bot.core.installations import BOT_SCOPES, installation_store
from tests.conftest import ROOT, InProcessApp, app_env, settings_for
from tests.slackkit import SlackSender

CLIENT_ID = "1234.5678"
KEY = generate_key()
INSTALLED_TOKEN = "xoxb-installed-token"  # what the fake Slack's oauth.v2.access hands out


def oauth_env(db_url: str, slack_url: str, **extra: str) -> dict[str, str]:
    """A Hirebot environment in OAuth mode: client id and secret, an encryption key, no bot token."""
    env = app_env(db_url, slack_url, **({"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": "client-secret-42",
                                         "HIREBOT_ENCRYPTION_KEY": KEY} | extra))
    env.pop("SLACK_BOT_TOKEN")
    return env


@pytest.fixture(scope="module")
def oauth_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file of its own, so its bytes can be searched for tokens."""
    return tmp_path_factory.mktemp("oauth") / "hirebot.db"


@pytest.fixture(scope="module")
def oauth_server(oauth_db: Path, slack_server, app_log) -> Iterator[InProcessApp]:
    """The app in OAuth mode, in this process, with the settings `hirebot serve` would read."""
    app = InProcessApp(settings_for(oauth_env(f"sqlite:///{oauth_db}", slack_server.url)), app_log)
    yield app
    app.stop()


@pytest.fixture(scope="module")
def oauth_store(oauth_db: Path, oauth_server: InProcessApp):
    """The installation store on the served database, as this test process sees it."""
    db = Database(f"sqlite:///{oauth_db}")
    settings = get_settings(DATABASE_URL=f"sqlite:///{oauth_db}", SLACK_CLIENT_ID=CLIENT_ID,
                            SLACK_CLIENT_SECRET="client-secret-42", HIREBOT_ENCRYPTION_KEY=KEY)
    yield installation_store(settings, db.engine, TokenCipher([KEY]))
    db.dispose()


def install(server: InProcessApp) -> httpx.Response:
    """Walk the install flow as a browser would: the Add to Slack page, then Slack's redirect back."""
    page = server.get("/slack/install")
    assert page.status_code == 200, page.text
    link = html.unescape(re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page.text).group(1))
    query = parse_qs(urlparse(link).query)
    assert query["client_id"] == [CLIENT_ID]
    assert set(query["scope"][0].split(",")) == set(BOT_SCOPES)
    state = query["state"][0]
    assert f"slack-app-oauth-state={state}" in page.headers["set-cookie"]
    # The state cookie is Secure; a browser sends it back over HTTPS. Loopback is plain HTTP, so set it by hand.
    return server.get("/slack/oauth_redirect", params={"code": "temporary-code", "state": state},
                      headers={"Cookie": f"slack-app-oauth-state={state}"})


def database_bytes(path: Path) -> bytes:
    """The SQLite file and its write-ahead log, where fresh rows live until a checkpoint."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_install_stores_an_encrypted_installation_and_commands_use_it(oauth_server, oauth_store, oauth_db, slack,
                                                                       team, monkeypatch):
    monkeypatch.setattr(slack, "team_id", team)  # the fake's oauth.v2.access installs into this team
    done = install(oauth_server)
    assert done.status_code == 200, done.text
    exchange = slack.calls_to("oauth.v2.access")
    assert len(exchange) == 1 and exchange[0].args["code"] == "temporary-code"

    found = oauth_store.find_installation(enterprise_id=None, team_id=team)
    assert found is not None and found.bot_token == INSTALLED_TOKEN and found.user_id == "U0INSTALLER"
    raw = oauth_store.inner.find_installation(enterprise_id=None, team_id=team)
    assert raw.bot_token != INSTALLED_TOKEN and raw.bot_token.startswith("gAAAAA")
    assert oauth_store.inner.find_bot(enterprise_id=None, team_id=team).bot_token.startswith("gAAAAA")
    assert INSTALLED_TOKEN.encode() not in database_bytes(oauth_db)

    slack.reset()
    sender = SlackSender(oauth_server, slack.response_url("o"), team_id=team)
    reply = sender.command("/hirebot", "role list").json()
    assert "ml-engineer" in reply["text"]
    auth = slack.calls_to("auth.test")
    assert auth and auth[0].headers["has_auth"] == "yes"  # Bolt checked the decrypted token with Slack


def test_a_team_that_never_installed_is_asked_to_install(oauth_server, slack, team):
    reply = SlackSender(oauth_server, slack.response_url("x"), team_id=team).command("/shortlist", "ml-engineer")
    assert reply.status_code == 200 and reply.text == ""
    told = slack.wait_for("response_url")
    assert told and "install" in told[0].args["text"].lower()
    assert slack.calls_to("auth.test") == []


def test_a_forged_state_is_refused(oauth_server, slack):
    resp = oauth_server.get("/slack/oauth_redirect", params={"code": "c", "state": "forged"},
                            headers={"Cookie": "slack-app-oauth-state=forged"})
    assert resp.status_code == 401
    assert slack.calls_to("oauth.v2.access") == []


def test_rotating_tokens_are_refreshed_through_slack_api_url_and_saved_encrypted(oauth_server, oauth_store, oauth_db,
                                                                                  slack, team, monkeypatch):
    oauth_store.save(Installation(app_id="A0LOCAL", team_id=team, user_id="U0INSTALLER", bot_id="B0HIREBOT",
                                  bot_user_id="U0HIREBOT", bot_token="xoxe.xoxb-1-old-token",
                                  bot_refresh_token="xoxe-1-old-refresh", bot_token_expires_in=60,
                                  bot_scopes=list(BOT_SCOPES), token_type="bot"))
    answer = slack._answer

    def refreshing(method, args):
        if method == "oauth.v2.access" and args.get("grant_type") == "refresh_token":
            return {"ok": True, "access_token": "xoxe.xoxb-1-new-token", "refresh_token": "xoxe-1-new-refresh",
                    "expires_in": 43200, "token_type": "bot", "team": {"id": team}}
        return answer(method, args)

    monkeypatch.setattr(slack, "_answer", refreshing)
    reply = SlackSender(oauth_server, slack.response_url("r"), team_id=team).command("/hirebot", "role list")
    assert "ml-engineer" in reply.json()["text"]
    refresh = slack.calls_to("oauth.v2.access")
    assert len(refresh) == 1 and refresh[0].args["refresh_token"] == "xoxe-1-old-refresh"
    found = oauth_store.find_installation(enterprise_id=None, team_id=team)
    assert (found.bot_token, found.bot_refresh_token) == ("xoxe.xoxb-1-new-token", "xoxe-1-new-refresh")
    stored = database_bytes(oauth_db)
    assert b"xoxe.xoxb-1-new-token" not in stored and b"xoxe-1-new-refresh" not in stored


def test_uninstall_deletes_the_installation(oauth_server, oauth_store, slack, team, monkeypatch):
    monkeypatch.setattr(slack, "team_id", team)
    assert install(oauth_server).status_code == 200
    sender = SlackSender(oauth_server, slack.response_url("u"), team_id=team)
    assert sender.event({"type": "app_uninstalled"}).status_code == 200
    assert oauth_store.find_installation(enterprise_id=None, team_id=team) is None
    assert oauth_store.find_bot(enterprise_id=None, team_id=team) is None


def test_bot_scopes_match_the_manifest():
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(BOT_SCOPES)


# -- without a key, and key rotation ----------------------------------------------------------------
def test_oauth_without_a_key_stops_naming_the_variable(tmp_path, slack):
    from bot.runtime.app import build_app

    settings = get_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}", SLACK_CLIENT_ID=CLIENT_ID,
                            SLACK_CLIENT_SECRET="s", SLACK_SIGNING_SECRET="x", SLACK_API_URL=slack.url)
    with pytest.raises(MissingSetting, match="HIREBOT_ENCRYPTION_KEY"):
        build_app(settings)
    with pytest.raises(MissingSetting, match="HIREBOT_ENCRYPTION_KEY is not a valid Fernet key"):
        build_app(settings.model_copy(update={"encryption_key": SecretStr("not-a-key")}))


def test_serve_in_oauth_mode_without_a_key_exits_naming_the_variable(tmp_path, slack):
    env = oauth_env(f"sqlite:///{tmp_path / 'k.db'}", slack.url, PORT="0")
    env.pop("HIREBOT_ENCRYPTION_KEY")
    try:
        proc = subprocess.run([sys.executable, "-m", "bot.runtime.cli", "serve"], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=30)  # seconds to start on a loaded box
    except subprocess.TimeoutExpired:
        pytest.fail("hirebot serve kept running without HIREBOT_ENCRYPTION_KEY")
    assert proc.returncode == 2 and "HIREBOT_ENCRYPTION_KEY" in proc.stderr


def _cli(args: list[str], env: dict[str, str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.runtime.cli", *args], capture_output=True, text=True, env=env, cwd=cwd,
                          input=stdin, timeout=60)


def test_rotate_key_re_encrypts_every_token_under_the_new_key(tmp_path, slack):
    url = f"sqlite:///{tmp_path / 'rotate.db'}"
    old, new = generate_key(), generate_key()
    db = Database(url)
    settings = get_settings(DATABASE_URL=url, SLACK_CLIENT_ID=CLIENT_ID)
    store = installation_store(settings, db.engine, TokenCipher([old]))
    for i in range(3):
        store.save(Installation(app_id="A0", team_id=f"T0ROT{i}", user_id="U0", bot_token=f"xoxb-rot-{i}",
                                bot_refresh_token=f"xoxe-refresh-{i}", bot_token_expires_in=3600))
    before = store.inner.find_installation(enterprise_id=None, team_id="T0ROT1").bot_token
    env = oauth_env(url, slack.url, HIREBOT_ENCRYPTION_KEY=old)

    wrong = _cli(["rotate-key", "--new-key", new], env | {"HIREBOT_ENCRYPTION_KEY": generate_key()}, tmp_path)
    assert wrong.returncode != 0 and "nothing was changed" in wrong.stderr
    assert store.inner.find_installation(enterprise_id=None, team_id="T0ROT1").bot_token == before

    done = _cli(["rotate-key", "--new-key", "-"], env, tmp_path, stdin=new + "\n")
    assert done.returncode == 0, done.stderr
    assert "re-encrypted 12 " in done.stdout  # 3 installations x 2 tokens + 3 bots x 2 tokens
    rotated = installation_store(settings, db.engine, TokenCipher([new]))
    for i in range(3):
        found = rotated.find_installation(enterprise_id=None, team_id=f"T0ROT{i}")
        assert (found.bot_token, found.bot_refresh_token) == (f"xoxb-rot-{i}", f"xoxe-refresh-{i}")
        assert rotated.find_bot(enterprise_id=None, team_id=f"T0ROT{i}").bot_token == f"xoxb-rot-{i}"
    with pytest.raises(TokenDecryptError):
        store.find_installation(enterprise_id=None, team_id="T0ROT1")  # the old key no longer opens them
    # During a rollout both keys are configured: the first encrypts, either decrypts.
    both = installation_store(settings, db.engine, TokenCipher([new, old]))
    assert both.find_bot(enterprise_id=None, team_id="T0ROT2").bot_token == "xoxb-rot-2"
    db.dispose()


def test_rotate_key_without_the_current_key_names_the_variable(tmp_path, slack):
    env = oauth_env(f"sqlite:///{tmp_path / 'r.db'}", slack.url)
    env.pop("HIREBOT_ENCRYPTION_KEY")
    proc = _cli(["rotate-key", "--new-key", generate_key()], env, tmp_path)
    assert proc.returncode == 2 and "HIREBOT_ENCRYPTION_KEY" in proc.stderr
