"""Salary benchmarks: read `/salary` queries, look figures up in data/salary.json, team offer stats.

Every figure comes from the seed documents (../shared/seeds, see data/salary.json) and carries
its file, line and quote. Where the seeds disagree, the answer shows each figure with its source
instead of picking one. Derived numbers (total comp, LatAm) say how they were derived.
Reported market percentiles come from data/market_salaries.json (aijobs.net survey, CC0; market_table.py),
and the short answer (brief.py) puts them first with the guides' range beside them.
"""

from scoring.salary.figures import Cite, Range, format_money
from scoring.salary.market import Advice, Premium, SalaryAnswer, TotalComp, lookup
from scoring.salary.offers import (
    MIN_TEAM_N,
    OfferRow,
    RowError,
    TeamStats,
    parse_offers_csv,
    region_of,
    team_percentiles,
    team_stats_for,
)
from scoring.salary.query import SalaryQuery, parse_query
from scoring.salary.seeds import DATA_PATH
from scoring.salary.vocabulary import EXAMPLE, LEVELS, REGION_LABELS, REGIONS, ROLES, SPECIALTIES

__all__ = [
    "DATA_PATH", "ROLES", "LEVELS", "REGIONS", "SPECIALTIES", "EXAMPLE", "REGION_LABELS",
    "SalaryQuery", "parse_query", "Cite", "Range", "format_money", "Premium", "TotalComp", "Advice",
    "SalaryAnswer", "lookup", "TeamStats", "MIN_TEAM_N", "team_percentiles", "OfferRow",
    "RowError", "region_of", "parse_offers_csv", "team_stats_for",
]
