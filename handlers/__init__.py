"""Thin Slack listeners. `register_all(app)` is the table of contents."""

from __future__ import annotations

from slack_bolt import App


def register_all(app: App) -> None:
    """Register every listener module's listeners on the app."""
    from handlers import admin, candidate_actions, candidates, events, home, outreach, salary, shortlist

    for module in (shortlist, salary, candidates, candidate_actions, outreach, admin, events, home):
        module.register(app)
