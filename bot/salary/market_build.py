"""Build scoring/data/market_salaries.json from the aijobs.net salary survey CSV (`hirebot market-data rebuild FILE`).

Source: the aijobs.net (formerly ai-jobs.net) salary survey, https://aijobs.net/salaries, published as CSV in
github.com/foorilla/ai-jobs-net-salaries; public domain (CC0 1.0), attribution appreciated. The shipped
table was built from `ai-jobs-net-salaries-2025-01-19.csv` (commit 9c225876, 74,301 reports 2020-2025).
To refresh: download a newer `salaries.csv` from that repository and run `hirebot market-data rebuild FILE`;
the same file always gives the same bytes, so a rebuild diff shows only what the data changed.

What goes in: full-time reports (`employment_type == FT`) whose `job_title` is in ROLE_TITLES, by
`salary_in_usd` and `company_location` (where the employer is, as the survey's own charts use).
Per role family x level x (country, market region, global) x (each year, and the two latest years
together), the table holds n and p10/p25/p50/p75/p90 (linear interpolation between ranks, whole USD);
cells of the latest-two-years window with 20+ reports also hold the vigintiles the chart draws.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Iterable, Sequence

from scoring.salary.countries import MARKET_REGIONS, market_region
from scoring.salary.market_table import LEVEL_CODES, MIN_N, TABLE_PATH, cell_key

# Job titles (exactly as the survey writes them) per Hirebot role family. Chosen by hand: a title
# belongs to a family when the work is the same; seniority words are dropped because the level comes
# from `experience_level`; managers, directors, architects and analysts are left out on purpose.
ROLE_TITLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ml-engineer": ("ML Engineer", (
        "Machine Learning Engineer", "ML Engineer", "Machine Learning Developer", "Machine Learning Software Engineer",
        "Machine Learning Model Engineer", "Applied Machine Learning Engineer", "Lead Machine Learning Engineer",
        "Principal Machine Learning Engineer", "Staff Machine Learning Engineer", "AI Machine Learning Engineer",
        "Machine Learning Engineer 5", "Deep Learning Engineer")),
    "data-scientist": ("Data Scientist", (
        "Data Scientist", "Applied Data Scientist", "Lead Data Scientist", "Principal Data Scientist",
        "Staff Data Scientist", "Data Scientist Lead", "AI Data Scientist")),
    "ai-engineer": ("AI Engineer", (
        "AI Engineer", "AI Developer", "AI Software Engineer", "AI Programmer", "Lead AI Engineer",
        "AI Software Development Engineer")),
    "mlops-engineer": ("MLOps Engineer", (
        "MLOps Engineer", "ML Ops Engineer", "Machine Learning Infrastructure Engineer", "ML Infrastructure Engineer",
        "Machine Learning Platform Engineer", "Machine Learning Operations Engineer")),
    "research-engineer": ("Research Engineer", (
        "Research Engineer", "AI Research Engineer", "Machine Learning Research Engineer")),
    # "Machine Learning Researcher" and "AI Researcher" stay out: their senior US median ($160K, n=374)
    # sits far from "Research Scientist" ($200K, n=904), a different (often academic) market.
    "research-scientist": ("Research Scientist", (
        "Research Scientist", "AI Research Scientist", "Applied Research Scientist", "AI Scientist")),
    "applied-scientist": ("Applied Scientist", (
        "Applied Scientist", "Machine Learning Scientist", "Applied Machine Learning Scientist")),
    "cv-engineer": ("Computer Vision Engineer", (
        "Computer Vision Engineer", "Computer Vision Software Engineer", "Machine Vision Engineer")),
    "nlp-engineer": ("NLP Engineer", ("NLP Engineer",)),
}
WINDOW_YEARS = 2  # the answer uses the latest two survey years: recent, and enough reports
_QUANTILES = ("0.10", "0.25", "0.50", "0.75", "0.90")
_VIGINTILES = tuple(Decimal(i) / 20 for i in range(1, 20))


def percentile(ordered: Sequence[int], p: Decimal) -> int:
    """The p-th quantile of sorted values, interpolating linearly between ranks, rounded to a whole number."""
    rank = (len(ordered) - 1) * p
    lo = int(rank)
    hi = min(lo + 1, len(ordered) - 1)
    value = ordered[lo] + (ordered[hi] - ordered[lo]) * (rank - lo)
    return int(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP))


def _family_of() -> dict[str, str]:
    return {title.lower(): family for family, (_, titles) in ROLE_TITLES.items() for title in titles}


_COLUMNS = ("work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
            "salary_in_usd", "company_location")


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name} has no column(s) {', '.join(missing)}: expected the aijobs.net "
                             f"salaries CSV ({', '.join(_COLUMNS)}, ...)")
        yield from reader


def build_table(path: Path) -> dict:
    """The market table for a survey CSV, as a dict ready to be written."""
    family_of = _family_of()
    values: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    fx: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    total = used = 0
    years: set[int] = set()
    for row in _rows(path):
        total += 1
        year = row["work_year"].strip()
        years.add(int(year))
        usd, paid = int(row["salary_in_usd"]), Decimal(row["salary"])
        if usd > 0 and row["salary_currency"] != "USD":
            fx[(row["salary_currency"], year)].append(paid / usd)
        family = family_of.get(row["job_title"].strip().lower())
        level = LEVEL_CODES.get(row["experience_level"].strip())
        if family is None or level is None or row["employment_type"].strip() != "FT" or usd <= 0:
            continue
        used += 1
        country = row["company_location"].strip().upper()
        for geo in filter(None, (country, market_region(country), "global")):
            values[(family, level, geo, year)].append(usd)
    latest = sorted(years)[-WINDOW_YEARS:]
    window = f"{latest[0]}-{latest[-1]}"
    for (family, level, geo, year), vals in list(values.items()):
        if int(year) in latest:
            values[(family, level, geo, window)].extend(vals)
    cells, dist = {}, {}
    for (family, level, geo, span), vals in sorted(values.items()):
        ordered = sorted(vals)
        key = cell_key(family, level, geo, span)
        cells[key] = [len(ordered), *(percentile(ordered, Decimal(q)) for q in _QUANTILES)]
        if span == window and len(ordered) >= MIN_N:
            dist[key] = [percentile(ordered, q) for q in _VIGINTILES]
    ratios_by_currency: dict[str, list[Decimal]] = defaultdict(list)
    for (currency, year), ratios in sorted(fx.items()):
        if int(year) in latest:
            ratios_by_currency[currency] += ratios
    rates = {c: str(sorted(r)[len(r) // 2].quantize(Decimal("0.0001"), ROUND_HALF_UP))
             for c, r in sorted(ratios_by_currency.items()) if len(r) >= 5}
    return {
        "_about": {
            "source": "aijobs.net salary survey (formerly ai-jobs.net), https://aijobs.net/salaries",
            "licence": "CC0 1.0 (public domain); attribution appreciated",
            "file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "reports": total, "reports_used": used, "years": [min(years), max(years)], "window": window,
            "built_by": "hirebot market-data rebuild FILE (bot/salary/market_build.py)",
            "figures": "salary_in_usd of full-time reports by company_location; cells: [n, p10, p25, p50, p75, p90]",
            "fx": "units of each currency per USD: the median of salary / salary_in_usd over the window's reports",
        },
        "families": {f: {"label": label, "titles": list(titles)} for f, (label, titles) in ROLE_TITLES.items()},
        "regions": {r: {"label": label, "countries": list(codes)} for r, (label, codes) in MARKET_REGIONS.items()},
        "fx": rates,
        "cells": cells,
        "dist": dist,
    }


def dump_table(table: dict) -> str:
    """The table as text: stable key order, one cell a line, so rebuilds diff line by line."""
    lines = ["{"]
    head = [k for k in table if k not in ("cells", "dist")]
    for k in head:
        lines.append(f"{json.dumps(k)}: {json.dumps(table[k], ensure_ascii=False, sort_keys=True)},")
    for name in ("cells", "dist"):
        body = table[name]
        lines.append(f"{json.dumps(name)}: {{")
        lines += [f"{json.dumps(k)}: {json.dumps(v)}," for k, v in body.items()]
        if body:
            lines[-1] = lines[-1].rstrip(",")
        lines.append("}," if name == "cells" else "}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def rebuild(csv_path: Path, out: Path = TABLE_PATH) -> str:
    """Rebuild the shipped table from a survey CSV; returns a one-line summary."""
    table = build_table(csv_path)
    out.write_text(dump_table(table), encoding="utf-8")
    about = table["_about"]
    return (f"Wrote {out} from {csv_path.name}: {about['reports_used']:,} of {about['reports']:,} reports used, "
            f"{len(table['cells']):,} cells, window {about['window']}.")
