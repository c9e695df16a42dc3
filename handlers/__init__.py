"""Thin Slack listeners, one module per feature. `register_all(app)` is the table of contents."""

from __future__ import annotations

from slack_bolt import App

from handlers import admin, candidate_actions, candidates, events, home, mailbox, nudges, outreach, results, salary, shortlist
from handlers.access import access_rule_of

FEATURES = (shortlist, salary, candidates, candidate_actions, outreach, nudges, mailbox, results, admin, events, home)


def register_all(app: App) -> None:
    """Register every feature's listeners on the app."""
    for module in FEATURES:
        module.register(app)


def listeners_without_access_rule(app: App) -> list[str]:
    """Names of registered listeners that declare no access rule in their middleware."""
    return [getattr(listener, "ack_function", None).__name__ if getattr(listener, "ack_function", None) else repr(listener)
            for listener in app._listeners  # noqa: SLF001 - Bolt keeps no public list of listeners
            if access_rule_of(listener.middleware) is None]
