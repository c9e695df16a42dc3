"""/salary <role> [level] [country|region] [specialty] [currency] [chart]: reported market percentiles, the guides'
range and the team's own beside them; every source behind Details."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.core.errors import UserError
from bot.core.ids import ActionId, Command
from bot.core.services import Services
from bot.core.text import split_args, wants_help
from bot.salary.chart import salary_chart_png
from bot.salary.messages import _query, details_message, salary_message
from bot.salary.service import store_offers
from handlers.access import hiring_team
from handlers.common import services, team_of
from handlers.help import help_message

log = logging.getLogger(__name__)


def upload_chart(hb: Services, client: Any, team_id: str, channel_id: str, user_id: str, text: str,
                 respond: Any) -> None:
    """Background: draw the market distribution chart and upload it with the files v2 flow."""
    query = _query(text)
    with hb.db.session() as session:
        png, title = salary_chart_png(session=session, team_id=team_id, query=query)
    try:
        client.files_upload_v2(channel=channel_id, content=png, filename=f"salary-{query.role}-{query.place}.png",
                               title=title, initial_comment=f"{title} (asked by <@{user_id}>).")
    except SlackApiError as exc:
        error = exc.response.get("error")
        log.info("chart upload failed: %s", error)
        why = ("Hirebot lacks the files:write scope here; reinstall the app to allow charts."
               if error in ("missing_scope", "not_allowed_token_type") else
               "Hirebot can't post files in this conversation; invite it to the channel or ask in a DM."
               if error in ("not_in_channel", "channel_not_found") else f"Slack said `{error}`.")
        if respond is not None:
            respond(response_type="ephemeral", replace_original=False,
                    text=f"I couldn't upload the chart: {why} The figures above stand as text.")


def handle_salary(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """Cheap lookup: answer in the ack; a chart is drawn and uploaded after it."""
    words = split_args(body.get("text", ""))
    if wants_help(words):
        ack(**help_message(Command.SALARY))
        return
    hb = services(context)
    team_id = team_of(context, body)
    if words[0].lower() == "import":
        ack(response_type="ephemeral", **import_offers(hb, team_id, body.get("text", "").split(None, 1)[1:] or [""]))
        return
    with hb.db.session() as session:
        message = salary_message(session=session, team_id=team_id, text=body.get("text", ""))
    query = _query(body.get("text", ""))
    ack(response_type="ephemeral", **message)
    if query.chart:
        hb.background.submit(upload_chart, hb, client, team_id, body["channel_id"], body["user_id"], query.normalized,
                             respond)


def _clicked_query(body: dict[str, Any]) -> str:
    """The /salary text a Chart or Details button carries, read now so a bad one gets an answer, not a log line."""
    value = ((body.get("actions") or [{}])[0] or {}).get("value")
    if not isinstance(value, str) or not value.strip():
        raise UserError("That button is from an older Hirebot message; ask `/salary` again.",
                        example="/salary ml-engineer senior us")
    _query(value)  # UserError naming the wrong word, before anything runs in the background
    return value


def handle_chart_click(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """The Chart button under an answer."""
    ack()
    hb = services(context)
    text = _clicked_query(body)
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    hb.background.submit(upload_chart, hb, client, team_of(context, body), channel, body["user"]["id"], text, respond)


def send_details(hb: Services, team_id: str, text: str, respond: Any) -> None:
    """Background: post the Details view (every source, quote and premium) under the answer."""
    with hb.db.session() as session:
        message = details_message(session=session, team_id=team_id, text=text)
    respond(response_type="ephemeral", replace_original=False, **message)


def handle_details_click(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """The Details button under an answer."""
    ack()
    hb = services(context)
    hb.background.submit(send_details, hb, team_of(context, body), _clicked_query(body), respond)


def import_offers(hb: Services, team_id: str, rest: list[str]) -> dict[str, Any]:
    """Store a team's offers/bands CSV (pasted after `/salary import`); bad lines are reported."""
    text = rest[0] if rest else ""
    if not text.strip():
        raise UserError("Paste the CSV after `/salary import` (header: role, level, location, base, bonus, equity, date).",
                        example="/salary import role,level,location,base\nml-engineer,senior,Berlin,120000")
    saved = store_offers(hb, team_id, text)
    return {"text": saved}


def register(app: App) -> None:
    """Register /salary and its Details and Chart buttons."""
    app.command(Command.SALARY, middleware=[hiring_team])(handle_salary)
    app.action(ActionId.SALARY_DETAILS, middleware=[hiring_team])(handle_details_click)
    app.action(ActionId.SALARY_CHART, middleware=[hiring_team])(handle_chart_click)
