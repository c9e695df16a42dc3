"""The /salary answer: the market lookup and the team's own percentiles, rendered."""

from __future__ import annotations

from typing import Any

from bot.core.errors import UserError
from bot.core.render import escape_mrkdwn, render
from bot.salary.service import team_offers
from scoring.salary import lookup, parse_query, team_stats_for
from scoring.types import BadInput


def _query(text: str):
    try:
        return parse_query(text)
    except BadInput as exc:
        raise UserError(escape_mrkdwn(exc.message), suggestions=exc.suggestions, example=exc.example) from exc


def salary_message(*, session: Any, team_id: str, text: str) -> dict[str, Any]:
    """The rendered answer for a query text, with team percentiles when the team has 3+ matching offers."""
    query = _query(text)
    answer = lookup(query)
    offers = team_offers(session=session, team_id=team_id)
    matching = [o for o in offers if o.role == query.role and o.level == query.level]
    team = team_stats_for(offers, query)
    return render("salary/salary.json.j2", answer=answer, team=team, team_count=len(matching) if offers else None)
