"""The /salary answer: the short market answer, the Details view, and the team's own percentiles."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.core.errors import UserError
from bot.core.ids import ActionId
from bot.core.render import escape_mrkdwn, render
from bot.salary.service import candidate_location, team_offers
from scoring.geo import parse_location
from scoring.salary import SalaryQuery, parse_query, team_stats_for
from scoring.salary.brief import Brief, brief
from scoring.salary.countries import country_name, guide_region
from scoring.salary.market_table import CREDIT, CREDIT_URL, about, families, market_for
from scoring.types import BadInput


def _query(text: str) -> SalaryQuery:
    try:
        return parse_query(text)
    except BadInput as exc:
        raise UserError(escape_mrkdwn(exc.message), suggestions=exc.suggestions, example=exc.example) from exc


def _team(session: Any, team_id: str, query: SalaryQuery) -> dict[str, Any]:
    offers = team_offers(session=session, team_id=team_id)
    matching = [o for o in offers if o.role == query.role and o.level == query.level]
    return {"team": team_stats_for(offers, query), "team_count": len(matching) if offers else None}


def in_candidates_market(query: SalaryQuery, location: str | None) -> tuple[SalaryQuery, str | None]:
    """The query moved to the country a candidate's location names, and a note saying so (else unchanged)."""
    country = parse_location(location).country
    if country is None:
        return query, (f"No country in the candidate's location \u201c{location}\u201d; showing the role's market."
                       if location else None)
    moved = replace(query, country=None if country == "US" else country, region=guide_region(country),
                    assumed=tuple(a for a in query.assumed if a != "region"))
    return moved, f"The candidate's market: {country_name(country)} (from their location \u201c{location}\u201d)."


def salary_message(*, session: Any, team_id: str, text: str, candidate_id: int | None = None) -> dict[str, Any]:
    """The short answer for a query text (in a candidate's own country when given): market, guides, team, total comp."""
    query = _query(text)
    note = None
    if candidate_id is not None:
        query, note = in_candidates_market(query, candidate_location(session=session, team_id=team_id,
                                                                     candidate_id=candidate_id))
    answer: Brief = brief(query)
    if note:
        answer = replace(answer, notes=(note, *answer.notes))
    return render("salary/answer.json.j2", brief=answer, credit=CREDIT, credit_url=CREDIT_URL,
                  details_action=ActionId.SALARY_DETAILS, **_team(session, team_id, query))


def details_message(*, session: Any, team_id: str, text: str) -> dict[str, Any]:
    """Everything behind the Details button: every guide figure with its source, premiums, the market cell."""
    query = _query(text)
    market = market_for(query)
    return render("salary/salary.json.j2", answer=brief(query).guide, market=market,
                  market_source={"credit": CREDIT, "url": CREDIT_URL, "file": about()["file"]},
                  market_titles=families()[market.family]["titles"] if market else [],
                  **_team(session, team_id, query))
