"""/salary <role> [level] [region] [specialty] [chart]: market figures with sources, the team's own beside them."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.core.errors import UserError
from bot.core.ids import ActionId, Command
from bot.core.models import TeamSalary
from bot.core.render import escape_mrkdwn, render
from bot.core.services import Services
from handlers.common import services, split_args, team_of, wants_help
from handlers.help import help_message
from scoring.salary import OfferRow, lookup, parse_offers_csv, parse_query, team_stats_for
from scoring.types import BadInput

log = logging.getLogger(__name__)


def _query(text: str):
    try:
        return parse_query(text)
    except BadInput as exc:
        raise UserError(escape_mrkdwn(exc.message), suggestions=exc.suggestions, example=exc.example) from exc


def team_offers(*, session: Any, team_id: str) -> list[OfferRow]:
    """The team's stored offers as rows the salary module understands."""
    rows = session.scalars(select(TeamSalary).where(TeamSalary.team_id == team_id))
    return [OfferRow(line=0, role=r.role, level=r.level, base=Decimal(r.base), currency=r.currency,
                     location=r.location or "", region=r.region) for r in rows]


def salary_message(*, session: Any, team_id: str, text: str) -> dict[str, Any]:
    """The rendered answer for a query text, with team percentiles when the team has 3+ matching offers."""
    query = _query(text)
    answer = lookup(query)
    offers = team_offers(session=session, team_id=team_id)
    matching = [o for o in offers if o.role == query.role and o.level == query.level]
    team = team_stats_for(offers, query)
    return render("salary.json.j2", answer=answer, team=team, team_count=len(matching) if offers else None)


def upload_chart(hb: Services, client: Any, channel_id: str, user_id: str, text: str, respond: Any) -> None:
    """Background: draw the level range chart and upload it with the files v2 flow."""
    from bot.salary.chart import salary_chart_png

    query = _query(text)
    png = salary_chart_png(query)
    try:
        client.files_upload_v2(channel=channel_id, content=png, filename=f"salary-{query.role}-{query.region}.png",
                               title=f"{query.title}: base and total comp by level ({query.region})",
                               initial_comment=f"Salary ranges by level for {query.title}, {query.region} (asked by <@{user_id}>).")
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
        hb.background.submit(upload_chart, hb, client, body["channel_id"], body["user_id"], query.normalized, respond)


def handle_chart_click(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """The Chart button under an answer."""
    ack()
    hb = services(context)
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    hb.background.submit(upload_chart, hb, client, channel, body["user"]["id"], body["actions"][0]["value"], respond)


def import_offers(hb: Services, team_id: str, rest: list[str]) -> dict[str, Any]:
    """Store a team's offers/bands CSV (pasted after `/salary import`); bad lines are reported."""
    text = rest[0] if rest else ""
    if not text.strip():
        raise UserError("Paste the CSV after `/salary import` (header: role, level, location, base, bonus, equity, date).",
                        example="/salary import role,level,location,base\nml-engineer,senior,Berlin,120000")
    saved = store_offers(hb, team_id, text)
    return {"text": saved}


def store_offers(hb: Services, team_id: str, text: str) -> str:
    """Parse and save offers; returns a human summary with each bad line."""
    rows, errors = parse_offers_csv(text)
    with hb.db.session() as session:
        for r in rows:
            session.add(TeamSalary(team_id=team_id, role=r.role, level=r.level, location=r.location or None,
                                   region=r.region, currency=r.currency or ("EUR" if r.region == "western-europe" else "USD"),
                                   base=int(r.base), bonus=int(r.bonus) if r.bonus is not None else None,
                                   equity=(f"{r.equity_pct}%" if r.equity_pct is not None else
                                           str(r.equity_value) if r.equity_value is not None else None),
                                   offered_on=r.date.isoformat() if r.date else None))
    lines = [f"Saved {len(rows)} offers. `/salary` now shows your team's percentiles beside the market "
             "(from 3 matching offers up)."]
    lines += [f"• {escape_mrkdwn(str(e))}" for e in errors[:20]]
    return "\n".join(lines)


def register(app: App) -> None:
    """Register /salary and its Chart button."""
    app.command(Command.SALARY)(handle_salary)
    app.action(ActionId.SALARY_CHART)(handle_chart_click)
