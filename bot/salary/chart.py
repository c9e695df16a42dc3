"""The /salary chart: a spec from the answer's data, drawn by bot/salary/plot.py in a child process."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

from bot.salary.service import team_offers
from scoring.salary import TeamStats, team_stats_for
from scoring.salary.brief import Brief, brief
from scoring.salary.market_table import CREDIT, CREDIT_URL, fx_rate
from scoring.salary.query import SalaryQuery

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
DRAW_TIMEOUT = 60  # seconds; a first run builds matplotlib's font cache


def _in(value: Decimal, currency: str | None, b: Brief) -> float:
    """A figure in another currency, on the chart's axis (the shown currency), via the survey's USD rates."""
    rate_from = fx_rate(currency or "USD") or Decimal(1)
    return float(value / rate_from * b.rate)


def chart_spec(b: Brief, team: TeamStats | None) -> dict[str, Any]:
    """What the chart draws, as plain JSON-ready data."""
    spec: dict[str, Any] = {"title": b.headline, "symbol": _SYMBOLS.get(b.currency, b.currency + " "),
                            "axis": f"Annual base salary, {b.currency}" + ("" if b.currency == "USD" else
                                                                           " (converted at the survey's rate)"),
                            "credit": f"Reported salaries: {CREDIT} ({CREDIT_URL}). Guides: Details in Slack."}
    m = b.market
    if m is not None:
        spec["market"] = {"dist": [float(v * b.rate) for v in m.dist], "n": m.n, "years": m.years,
                          "where": m.geo_label, "p25": float(m.p25 * b.rate), "p50": float(m.p50 * b.rate),
                          "p75": float(m.p75 * b.rate), "p50_text": b.money(m.p50)}
    g = b.guide.base
    converted = "" if (g.currency or "USD") == b.currency else f" ≈ {b.currency} on this axis"
    spec["guide"] = {"low": _in(g.low, g.currency, b), "high": None if g.high is None else _in(g.high, g.currency, b),
                     "open_high": g.open_high or g.high is None, "text": g.display + converted}
    if team is not None:
        spec["team"] = {"n": team.n, **{k: _in(getattr(team, k), team.currency, b) for k in ("p25", "p50", "p75")}}
    return spec


def draw(spec: dict[str, Any]) -> bytes:
    """PNG bytes for a spec, drawn in a child process so this one never imports matplotlib."""
    done = subprocess.run([sys.executable, "-m", "bot.salary.plot"], input=json.dumps(spec).encode(),
                          capture_output=True, timeout=DRAW_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError("chart drawing failed: " + done.stderr.decode(errors="replace")[-500:])
    return done.stdout


def salary_chart_png(*, session: Any, team_id: str, query: SalaryQuery) -> tuple[bytes, str]:
    """The chart for a query with the team's offers, and a title for the upload."""
    b = brief(query)
    team = team_stats_for(team_offers(session=session, team_id=team_id), query)
    return draw(chart_spec(b, team)), f"{b.headline}: reported salaries, guides' range, your offers"

