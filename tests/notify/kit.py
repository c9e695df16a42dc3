"""Slack's own payloads for the Home tab's Notifications controls and the quiet-hours modal."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from bot.core.models import NotifyPreference
from tests.outreach.test_e2e import Recruiter
from tests.slackkit import sign, validate_blocks


def published(slack, user: str) -> dict:
    """The last Home view published for `user` on the fake Slack, validated."""
    calls = [c.args for c in slack.calls_to("views.publish") if c.args.get("user_id") == user]
    assert calls, "no Home tab was published"
    view = calls[-1]["view"]
    view = json.loads(view) if isinstance(view, str) else view
    validate_blocks(view["blocks"], limit=100)
    return view


def block(view: dict, block_id: str) -> dict:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def open_home(r: Recruiter) -> dict:
    """app_home_opened, as Slack sends it; returns the published view."""
    resp = r.sender.event({"type": "app_home_opened", "user": r.user, "channel": r.dm, "tab": "home",
                           "event_ts": "1700000000.000100"})
    assert resp.status_code == 200, resp.text
    return published(r.slack, r.user)


def home_action(r: Recruiter, view: dict, block_id: str, *, value: str | None = None) -> Any:
    """A click in the Home tab: a static_select option (by value) or the block's button, as block_actions."""
    acc = block(view, block_id)["accessory"]
    if acc["type"] == "static_select":
        option = next(o for o in acc["options"] if o["value"] == value)
        action = {"type": "static_select", "action_id": acc["action_id"], "block_id": block_id,
                  "selected_option": option, "action_ts": "1700000001.000200"}
        if "initial_option" in acc:
            action["initial_option"] = acc["initial_option"]
    else:
        action = {"type": "button", "action_id": acc["action_id"], "block_id": block_id, "value": acc["value"],
                  "text": acc["text"], "action_ts": "1700000001.000200"}
    payload = {"type": "block_actions", "user": {"id": r.user, "username": "sam", "name": "sam", "team_id": r.team},
               "api_app_id": "A0HIREBOT", "token": "deprecated-verification-token",
               "container": {"type": "view", "view_id": "V0HOME"}, "trigger_id": "1337.42.home",
               "team": {"id": r.team, "domain": "acme-ml"}, "enterprise": None, "is_enterprise_install": False,
               "view": view | {"id": "V0HOME", "team_id": r.team, "hash": "1.home", "state": {"values": {}}},
               "actions": [action]}
    body = urlencode({"payload": json.dumps(payload)})
    resp = r.sender.post(body, "application/x-www-form-urlencoded", sign(body))
    assert resp.status_code == 200, resp.text
    return resp


def submit_view(r: Recruiter, view: dict, values: dict) -> Any:
    """A view_submission of `view` with `values` as its state."""
    payload = {"type": "view_submission", "team": {"id": r.team, "domain": "acme-ml"},
               "user": {"id": r.user, "username": "sam", "name": "sam", "team_id": r.team},
               "api_app_id": "A0HIREBOT", "token": "deprecated-verification-token", "trigger_id": "1337.43.home",
               "view": view | {"id": "V0MODAL", "team_id": r.team, "hash": "1.modal", "state": {"values": values}},
               "response_urls": [], "is_enterprise_install": False, "enterprise": None}
    body = urlencode({"payload": json.dumps(payload)})
    resp = r.sender.post(body, "application/x-www-form-urlencoded", sign(body))
    assert resp.status_code == 200, resp.text
    return resp


def prefs_row(services, team: str, user: str) -> NotifyPreference | None:
    with services.db.session() as s:
        row = s.scalar(select(NotifyPreference).where(NotifyPreference.team_id == team, NotifyPreference.user_id == user))
        if row is not None:
            s.expunge(row)
        return row


def notify(r: Recruiter, text: str) -> dict:
    """`/hirebot notify <text>` as the recruiter."""
    resp = r.sender.command("/hirebot", f"notify {text}".strip())
    assert resp.status_code == 200, resp.text
    return resp.json()
