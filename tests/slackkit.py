"""Test helpers: signed Slack requests with every field Slack sends, and Block Kit validation."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Protocol
from urllib.parse import urlencode

import httpx
from slack_sdk.models.blocks import Block
from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "test-signing-secret-1234"
BOT_TOKEN = "xoxb-test-0000-token"


def new_team() -> str:
    """A fresh Slack team id, so tests sharing one server and database never see each other's rows."""
    return "T" + uuid.uuid4().hex[:10].upper()


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack sends with a request: timestamp and v0 signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def validate_blocks(blocks: list[dict[str, Any]], *, limit: int = 50) -> None:
    """Check blocks against Slack's limits and catch keys slack_sdk would silently drop."""
    assert isinstance(blocks, list) and 0 < len(blocks) <= limit, f"{len(blocks)} blocks (limit {limit})"
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, f"unknown block {block}"
        parsed.validate_json()
        assert parsed.to_dict() == block, f"block has keys Slack does not know:\n{block}\n!=\n{parsed.to_dict()}"


class SlackEndpoint(Protocol):
    """Where Slack's requests go: the app in this process, or `hirebot serve` over HTTP."""

    def post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        """POST /slack/events with a raw body and headers; the answer as an HTTP response."""
        ...


class SlackSender:
    """Sends what Slack sends to `/slack/events`: slash commands and block actions, signed."""

    def __init__(self, app: SlackEndpoint, response_url: str, *, team_id: str, user_id: str = "U0SAM",
                 channel_id: str = "C0HIRING", enterprise_id: str | None = None):
        self.app = app
        self.response_url = response_url
        self.team_id = team_id
        self.user_id = user_id
        self.channel_id = channel_id
        self.enterprise_id = enterprise_id

    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None) -> httpx.Response:
        """POST a raw body with the given (usually signed) headers."""
        return self.app.post(body, {"Content-Type": content_type} | (headers or {}))

    def command_body(self, command: str, text: str = "", **overrides: str) -> str:
        """The form body of a slash command, with the fields Slack documents (enterprise ones too)."""
        fields = {
            "token": "deprecated-verification-token", "team_id": self.team_id, "team_domain": "acme-ml",
            "enterprise_id": self.enterprise_id or "", "enterprise_name": "Acme Corp" if self.enterprise_id else "",
            "channel_id": self.channel_id, "channel_name": "hiring-ml", "user_id": self.user_id, "user_name": "sam",
            "command": command, "text": text, "api_app_id": "A0HIREBOT", "is_enterprise_install": "false",
            "response_url": self.response_url, "trigger_id": "1337.42.abcdef",
        } | overrides
        return urlencode(fields)

    def command(self, command: str, text: str = "", **overrides: str) -> httpx.Response:
        """Send a signed slash command."""
        body = self.command_body(command, text, **overrides)
        return self.post(body, "application/x-www-form-urlencoded", sign(body))

    def action_body(self, action_id: str, value: str, *, block_id: str = "b1", message: dict | None = None,
                    channel_id: str | None = None) -> str:
        """The form body of a block_actions click (payload=JSON), as Slack sends it."""
        payload = {
            "type": "block_actions",
            "user": {"id": self.user_id, "username": "sam", "name": "sam", "team_id": self.team_id},
            "api_app_id": "A0HIREBOT", "token": "deprecated-verification-token",
            "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": channel_id or self.channel_id,
                          "is_ephemeral": message is None},
            "trigger_id": "1337.42.abcdef",
            "team": {"id": self.team_id, "domain": "acme-ml"},
            "enterprise": {"id": self.enterprise_id, "name": "Acme Corp"} if self.enterprise_id else None,
            "is_enterprise_install": False,
            "channel": {"id": channel_id or self.channel_id, "name": "hiring-ml"},
            "message": message or {"type": "message", "ts": "1700000000.000100", "text": "", "blocks": []},
            "response_url": self.response_url,
            "actions": [{"action_id": action_id, "block_id": block_id, "value": value, "type": "button",
                         "action_ts": f"{time.time():.6f}", "text": {"type": "plain_text", "text": "x"}}],
            "state": {"values": {}},
        }
        return urlencode({"payload": json.dumps(payload)})

    def action(self, action_id: str, value: str, **kw: Any) -> httpx.Response:
        """Send a signed button click."""
        body = self.action_body(action_id, value, **kw)
        return self.post(body, "application/x-www-form-urlencoded", sign(body))

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None) -> httpx.Response:
        """Send a signed Events API callback."""
        body = json.dumps({"token": "x", "team_id": self.team_id, "api_app_id": "A0HIREBOT", "type": "event_callback",
                           "event_id": event_id or ("Ev" + uuid.uuid4().hex[:10].upper()), "event_time": int(time.time()),
                           "event": event, "authorizations": [{"team_id": self.team_id, "user_id": "U0HIREBOT", "is_bot": True}]})
        headers = sign(body)
        if retry_num is not None:
            headers |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(body, "application/json", headers)
