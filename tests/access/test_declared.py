"""Every listener declares who may use it, where it is registered; none is open by omission."""

from __future__ import annotations

import pytest
from slack_bolt import BoltRequest, BoltResponse

import handlers
from bot.core.config import get_settings
from bot.core.ids import ActionId, CallbackId, Command
from bot.runtime.app import build_app
from handlers import admin, candidates, outreach
from handlers.access import access_rule_of, anyone, hiring_team


@pytest.fixture
def settings(tmp_path):
    return get_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="secret",
                        DATABASE_URL=f"sqlite:///{tmp_path / 'h.db'}")


def _rules(app) -> dict[str, str | None]:
    return {listener.ack_function.__name__: access_rule_of(listener.middleware) for listener in app._listeners}


def test_every_command_action_view_and_event_declares_an_access_rule(settings):
    rules = _rules(build_app(settings, token_verification=False))
    assert rules and all(rules.values()), {name: rule for name, rule in rules.items() if not rule}


def test_candidate_data_listeners_are_for_the_hiring_team(settings):
    rules = _rules(build_app(settings, token_verification=False))
    for name in ("handle_shortlist", "handle_salary", "handle_candidate", "handle_outreach", "handle_pass",
                 "handle_shortlist_click", "handle_more", "handle_start_click", "handle_chart_click"):
        assert rules[name] == "hiring team", name


def _body(name: str) -> dict:
    if name in set(Command):
        return {"type": "", "command": name, "team_id": "T1", "user_id": "U1"}
    if name in set(ActionId):
        return {"type": "block_actions", "actions": [{"action_id": name, "type": "button"}], "team": {"id": "T1"}}
    return {"type": "view_submission", "view": {"type": "modal", "callback_id": name}, "team": {"id": "T1"}}


def test_every_command_action_and_view_id_has_a_listener_with_a_rule(settings):
    app = build_app(settings, token_verification=False)
    for name in [*Command, *ActionId, *CallbackId]:
        req = BoltRequest(body=_body(str(name)), mode="socket_mode")
        matching = [listener for listener in app._listeners
                    if all(m.matches(req, BoltResponse(status=404)) for m in listener.matchers)]
        assert matching, f"nothing listens to {name}"
        assert all(access_rule_of(listener.middleware) for listener in matching), name


def test_a_listener_without_a_rule_stops_the_app_from_starting(settings, monkeypatch):
    class Careless:
        @staticmethod
        def register(app):
            app.command("/careless")(lambda ack: ack("hi"))

    monkeypatch.setattr(handlers, "FEATURES", (*handlers.FEATURES, Careless))
    with pytest.raises(RuntimeError, match="without an access rule"):
        build_app(settings, token_verification=False)


def test_every_subcommand_names_its_rule():
    for table in (admin.SUBCOMMANDS, candidates.SUBCOMMANDS, outreach.SUBCOMMANDS):
        for name, sub in table.items():
            assert access_rule_of([sub.access]), name
    assert candidates.SUBCOMMANDS["forget"].access is hiring_team
    assert admin.SUBCOMMANDS["digest"].access is hiring_team
    assert admin.SUBCOMMANDS["help"].access is anyone
    assert access_rule_of([admin.SUBCOMMANDS["role"].access]) == "hiring team for add, edit, remove, reset"
