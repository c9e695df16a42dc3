"""The requests Slack would send for what a console user types: slash commands, clicks, modal submits, signed."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from slack_bolt import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.runtime.console_render import Clickable

CHANNEL_ID = "C0CONSOLE"
CHANNEL_NAME = "console"
APP_ID = "A0LOCAL"


def trigger_id() -> str:
    """A fresh trigger id per request, as Slack gives: a retry of `digest now` is keyed by it."""
    return f"console.{uuid.uuid4().hex[:12]}"


def signed(body: str, secret: str) -> BoltRequest:
    """A form-encoded request signed with the app's signing secret, exactly as Slack signs it."""
    ts = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"],
                                           "x-slack-request-timestamp": [ts], "x-slack-signature": [signature]})


def command_body(*, team: str, user: str, command: str, text: str, response_url: str) -> str:
    """A slash command's form body."""
    return urlencode({
        "token": "console", "team_id": team, "team_domain": "local", "channel_id": CHANNEL_ID,
        "channel_name": CHANNEL_NAME, "user_id": user, "user_name": "you", "command": command, "text": text,
        "api_app_id": APP_ID, "is_enterprise_install": "false", "response_url": response_url,
        "trigger_id": trigger_id(),
    })


def _user(team: str, user: str) -> dict[str, Any]:
    return {"id": user, "username": "you", "name": "you", "team_id": team}


def block_actions_body(*, team: str, user: str, click: Clickable, response_url: str) -> str:
    """A block_actions payload for one click, with the message (channel messages only, as Slack does)."""
    el = click.element
    action: dict[str, Any] = {"action_id": el.get("action_id", ""), "block_id": click.block_id, "type": el.get("type"),
                              "action_ts": f"{time.time():.6f}"}
    if click.option is not None:
        action["selected_option"] = click.option
    else:
        action["text"] = el.get("text")
        if "value" in el:
            action["value"] = el["value"]
        if el.get("style"):
            action["style"] = el["style"]
    payload: dict[str, Any] = {
        "type": "block_actions", "team": {"id": team, "domain": "local"}, "user": _user(team, user),
        "api_app_id": APP_ID, "token": "console", "trigger_id": trigger_id(), "actions": [action],
        "is_enterprise_install": False, "enterprise": None, "state": {"values": {}},
    }
    if click.view is not None:
        payload["container"] = {"type": "view", "view_id": click.view.get("id", "V0LOCAL")}
        payload["view"] = click.view
    else:
        ts = click.message.get("ts", "")
        payload["container"] = {"type": "message", "message_ts": ts, "channel_id": click.channel,
                                "is_ephemeral": click.ephemeral}
        payload["channel"] = {"id": click.channel, "name": CHANNEL_NAME if click.channel == CHANNEL_ID else click.channel}
        payload["response_url"] = response_url
        if not click.ephemeral:  # Slack leaves an ephemeral message out of the payload
            payload["message"] = click.message
    return urlencode({"payload": json.dumps(payload)})


def text_inputs(view: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(block_id, action_id, label) of each text box in a modal."""
    out = []
    for block in view.get("blocks", []):
        el = block.get("element") or {}
        if block.get("type") == "input" and el.get("type") == "plain_text_input":
            out.append((block.get("block_id", ""), el.get("action_id", ""), (block.get("label") or {}).get("text", "")))
    return out


def view_submission_body(*, team: str, user: str, view: dict[str, Any], values: dict[str, str]) -> str:
    """A view_submission payload with the typed text in the modal's state."""
    state: dict[str, dict[str, Any]] = {}
    for block_id, action_id, _label in text_inputs(view):
        state.setdefault(block_id, {})[action_id] = {"type": "plain_text_input", "value": values.get(block_id)}
    submitted = dict(view) | {"state": {"values": state}, "id": view.get("id", "V0LOCAL"), "team_id": team,
                              "app_id": APP_ID, "hash": "console"}
    payload = {"type": "view_submission", "team": {"id": team, "domain": "local"}, "user": _user(team, user),
               "api_app_id": APP_ID, "token": "console", "trigger_id": trigger_id(), "view": submitted,
               "response_urls": [], "is_enterprise_install": False, "enterprise": None}
    return urlencode({"payload": json.dumps(payload)})
