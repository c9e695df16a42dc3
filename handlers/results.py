"""Paging and export buttons on a shortlist, /candidate find and /candidate list (see bot/core/paging.py)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.candidates.results import find_csv, find_message, list_csv, list_message
from bot.core.errors import UserError
from bot.core.ids import ActionId
from bot.core.paging import PageRef, read_page_value
from bot.shortlist.messages import shortlist_csv, shortlist_message
from handlers.access import hiring_team
from handlers.common import services, team_of

_PAGES = {"find": find_message, "list": list_message}
_FILES = {"find": find_csv, "list": list_csv}
_TITLES = {"shortlist": "Shortlist", "find": "Candidate search", "list": "Pipeline list"}


def _page(session: Any, team_id: str, ref: PageRef, user: str) -> dict[str, Any]:
    if ref.kind == "shortlist":
        return shortlist_message(session=session, team_id=team_id, text=ref.text, offset=ref.offset)
    return _PAGES[ref.kind](session=session, team_id=team_id, text=ref.text, caller=user, offset=ref.offset)


def handle_page(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """Next 10 / Previous: the same ephemeral message, replaced with the other page."""
    ack()
    ref = read_page_value((body.get("actions") or [{}])[0].get("value"))
    hb = services(context)
    team_id = team_of(context, body)
    with hb.db.session() as session:
        message = _page(session, team_id, ref, body["user"]["id"])
    hb.background.submit(respond, replace_original=True, **message)


def handle_export(ack: Any, body: dict[str, Any], context: Any, respond: Any, client: Any) -> None:
    """Export CSV: the whole result (not just this page) as a file in the clicker's DM with Hirebot."""
    ack()
    ref = read_page_value((body.get("actions") or [{}])[0].get("value"))
    hb = services(context)
    team_id = team_of(context, body)
    user = body["user"]["id"]
    with hb.db.session() as session:
        if ref.kind == "shortlist":
            name, content, rows = shortlist_csv(session=session, team_id=team_id, text=ref.text)
        else:
            name, content, rows = _FILES[ref.kind](session=session, team_id=team_id, text=ref.text, caller=user)
    if not rows:
        raise UserError("Nothing to export: the result is empty now.")
    hb.background.submit(_send_csv, client, respond, user, name, content, rows, _TITLES[ref.kind])


def _send_csv(client: Any, respond: Any, user: str, name: str, content: str, rows: int, title: str) -> None:
    dm = client.conversations_open(users=user)["channel"]["id"]
    client.files_upload_v2(channel=dm, content=content, filename=name, title=f"{title} ({rows} rows)",
                           initial_comment=f"Your export: {rows} " + ("row" if rows == 1 else "rows") + ", as CSV.")
    respond(replace_original=False, response_type="ephemeral",
            text=f"Sent {name} ({rows} " + ("row" if rows == 1 else "rows") + ") to your DM with Hirebot.")


def register(app: App) -> None:
    """Register the paging and export buttons."""
    app.action(ActionId.RESULTS_PAGE, middleware=[hiring_team])(handle_page)
    app.action(ActionId.RESULTS_PREV, middleware=[hiring_team])(handle_page)
    app.action(ActionId.RESULTS_EXPORT, middleware=[hiring_team])(handle_export)
