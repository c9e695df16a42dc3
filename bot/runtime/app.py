"""build_app(settings) -> a Bolt App with every listener, the services middleware and one error handler."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

import handlers
from bot.core.config import MissingSetting, Settings
from bot.core.db import Database, busy_or_lost, request_path
from bot.core.errors import UserError, neutralise_markup
from bot.core.services import Background, Services
from bot.core.slack import make_client
from bot.runtime.gate import use_safe_verification
from bot.runtime.oauth import oauth_settings

log = logging.getLogger("hirebot")


class HirebotApp(App):
    """Bolt's App whose requests wait only briefly for database locks (Slack wants an answer within 3 s)."""

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        """Dispatch one request on the request path (the background pool keeps the long wait)."""
        with request_path():
            return super().dispatch(req)


def build_services(settings: Settings, db: Database | None = None) -> Services:
    """The shared dependencies: database (migrated on first use), background pool."""
    return Services(settings=settings, db=db or Database(settings.database_url),
                    background=Background(settings.background_threads))


def build_app(settings: Settings, services: Services | None = None, *, verify_requests: bool = True,
              token_verification: bool = True) -> App:
    """Wire a Bolt App: client on SLACK_API_URL with retries, listeners, error handler."""

    services = services or build_services(settings)
    kwargs: dict[str, Any] = {
        "process_before_response": True,  # ack latency: no 10 ms ack polling; slow work goes to Background
        "request_verification_enabled": verify_requests,
        "signing_secret": settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else "",
        "raise_error_for_unhandled_request": False,
        "ignoring_self_events_enabled": True,
    }
    if verify_requests and not kwargs["signing_secret"]:
        raise MissingSetting("SLACK_SIGNING_SECRET", why="verifying Slack requests")
    if settings.oauth_enabled:

        kwargs["oauth_settings"] = oauth_settings(settings, services)
        kwargs["client"] = make_client(settings)
    else:
        token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
        if not token:
            raise MissingSetting("SLACK_BOT_TOKEN", why="talking to Slack (or set SLACK_CLIENT_ID and "
                                 "SLACK_CLIENT_SECRET for OAuth installs)")
        kwargs["client"] = make_client(settings, token)
        kwargs["token_verification_enabled"] = token_verification

    app = HirebotApp(**kwargs)
    if verify_requests:  # a malformed timestamp is a 401, never an error that replies to the body's response_url
        use_safe_verification(app, kwargs["signing_secret"])

    @app.middleware
    def _inject_services(context, next):  # noqa: A002 - Bolt's argument name
        context["hb"] = services
        next()

    @app.middleware
    def _readable_payloads(body, respond, logger, next):  # noqa: A002 - Bolt's argument name
        problem = payload_problem(body)
        if problem is None:
            return next()
        logger.warning("malformed %s payload from Slack: %s", body.get("type") or "command", problem)
        return _reply(body, respond, ":warning: Hirebot could not read what Slack sent for this "
                                     f"({problem}). Nothing was changed; try again, or run the command again.")

    handlers.register_all(app)
    undeclared = handlers.listeners_without_access_rule(app)
    if undeclared:  # deny by default: a listener nobody decided access for does not ship
        raise RuntimeError("listeners without an access rule (handlers/access.py): " + ", ".join(undeclared))
    app.error(handle_error)
    app._hirebot_services = services  # type: ignore[attr-defined]  # for runners that need the pool/db
    # The WSGI gate checks the signature on the raw bytes, before Bolt parses anything.
    app._hirebot_signing_secret = kwargs["signing_secret"] if verify_requests else None  # type: ignore[attr-defined]
    return app


def _text_field(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def payload_problem(body: dict[str, Any]) -> str | None:
    """What a signed payload lacks that every listener relies on (None when it is well-formed)."""
    if body.get("command") is not None:
        missing = [k for k in ("command", "user_id", "channel_id") if not _text_field(body.get(k))]
        if not isinstance(body.get("text", ""), str):
            missing.append("text")
        return ("no " + ", ".join(missing)) if missing else None
    kind = body.get("type")
    if kind in ("block_actions", "view_submission", "view_closed", "shortcut", "message_action"):
        user = body.get("user")
        if not isinstance(user, dict) or not _text_field(user.get("id")):
            return "no user"
    if kind == "block_actions":
        actions = body.get("actions")
        if not isinstance(actions, list) or not actions or not all(isinstance(a, dict) for a in actions):
            return "no actions"
        for action in actions:
            if not _text_field(action.get("action_id")) or not _text_field(action.get("type")):
                return "an action without an action_id or type"
            if not isinstance(action.get("value", ""), str):
                return "an action value that is not text"
            if action.get("type") in _MENUS and not (isinstance(action.get("selected_option"), dict)
                                                     and isinstance(action["selected_option"].get("value"), str)):
                return "a menu choice without selected_option"
    if kind in ("view_submission", "view_closed"):
        view = body.get("view")
        if not isinstance(view, dict) or not _text_field(view.get("callback_id")):
            return "no view"
        if not isinstance(view.get("private_metadata", ""), str):
            return "private_metadata that is not text"
    return None


_MENUS = ("overflow", "static_select", "external_select", "radio_buttons")


def _reply(body: dict[str, Any], respond: Any, text: str) -> BoltResponse:
    """Deliver an error message where the user will see it, privately, with what they typed made inert."""
    text = neutralise_markup(text)
    if body.get("command"):
        payload = {"response_type": "ephemeral", "text": text}
        return BoltResponse(status=200, body=json.dumps(payload), headers={"content-type": "application/json"})
    if body.get("type") == "view_submission":
        payload = {"response_action": "errors", "errors": {"input": text[:150]}}
        return BoltResponse(status=200, body=json.dumps(payload), headers={"content-type": "application/json"})
    if respond is not None and (body.get("response_url") or body.get("response_urls")):
        try:
            respond(text=text, response_type="ephemeral", replace_original=False)
        except Exception:  # the error reply itself failed: nothing more to tell the user with
            log.exception("could not deliver an error message")
    return BoltResponse(status=200, body="")


def handle_error(error: Exception, body: dict[str, Any], respond: Any, logger: logging.Logger) -> BoltResponse:
    """One place that turns a UserError into an ephemeral explanation and logs everything else."""
    if isinstance(error, UserError):
        return _reply(body, respond, error.as_text())
    if (known := busy_or_lost(error)) is not None:  # a lock held too long, a read-only or missing file
        logger.warning("database %s handling %s: %s", type(known).__name__, body.get("command") or body.get("type"),
                       type(error).__name__)
        return _reply(body, respond, known.as_text())
    error_id = uuid.uuid4().hex[:8]
    logger.error("unexpected error %s handling %s", error_id, body.get("command") or body.get("type"),
                 exc_info=error)
    return _reply(body, respond, f":x: Something went wrong on Hirebot's side. Error id `{error_id}`: "
                                 "quote it to whoever runs Hirebot.")
