"""Finding 14: signed but malformed payloads (missing selected_option, non-JSON private_metadata, missing user_id)
get a plain message and a logged warning, never an "Error id" and never a write."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlencode

import pytest

from tests.slackkit import SlackSender, sign


def _signed(sender: SlackSender, payload: dict) -> dict:
    body = urlencode({"payload": json.dumps(payload)})
    reply = sender.post(body, "application/x-www-form-urlencoded", sign(body))
    assert reply.status_code == 200, reply.text
    return reply.json() if reply.text.startswith("{") else {}


def _click(sender: SlackSender, action_id: str, **action) -> dict:
    payload = json.loads(parse_qs(sender.action_body(action_id, "x"))["payload"][0])
    payload["actions"][0] = {"action_id": action_id, "block_id": "b1", "type": "overflow", **action}
    return payload


def _told(slack) -> str:
    time.sleep(0.2)
    return json.dumps([c.args for c in slack.calls_to("response_url")])


def _no_error_id(server, slack, before: int, answer: dict) -> None:
    seen = json.dumps(answer) + _told(slack)
    assert "Error id" not in seen and "went wrong" not in seen, seen
    assert "unexpected error" not in server.log()[before:]


@pytest.mark.parametrize("action_id", ["candidate_more"])
def test_a_menu_click_without_selected_option_gets_a_plain_message(server, sender, slack, action_id):
    before = len(server.log())
    answer = _signed(sender, _click(sender, action_id))
    _no_error_id(server, slack, before, answer)
    assert "could not read" in _told(slack)
    assert "malformed" in server.log()[before:]


def test_a_log_reply_form_with_non_json_private_metadata_gets_a_plain_message(server, sender, slack):
    before = len(server.log())
    payload = json.loads(parse_qs(sender.action_body("x", "x"))["payload"][0])
    payload = {k: payload[k] for k in ("user", "api_app_id", "token", "trigger_id", "team", "enterprise",
                                       "is_enterprise_install")}
    for meta in ("{not json", "[1, 2]", '{"e": "abc"}', '{"e": 1e400}'):
        view = {"id": "V1", "type": "modal", "callback_id": "log_reply", "private_metadata": meta,
                "state": {"values": {"input": {"reply_text": {"type": "plain_text_input", "value": "Sounds great!"}}}}}
        answer = _signed(sender, payload | {"type": "view_submission", "view": view})
        assert answer.get("response_action") == "errors", answer
        _no_error_id(server, slack, before, answer)


@pytest.mark.parametrize("missing", ["user_id", "channel_id"])
def test_a_command_without_a_field_slack_always_sends_gets_a_plain_message(server, sender, slack, missing):
    before = len(server.log())
    fields = parse_qs(sender.command_body("/candidate", "add github:no-user"), keep_blank_values=True)
    body = urlencode({k: v[0] for k, v in fields.items() if k != missing})
    reply = sender.post(body, "application/x-www-form-urlencoded", sign(body))
    assert reply.status_code == 200
    answer = reply.json()
    assert answer["response_type"] == "ephemeral" and "could not read" in answer["text"], answer
    _no_error_id(server, slack, before, answer)
