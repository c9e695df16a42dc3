"""The shipped market table: rebuilt byte-identical from the survey CSV, percentiles checked independently."""

from __future__ import annotations

import csv
import json
import statistics
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.runtime.cli import main
from bot.salary.market_build import build_table, dump_table
from scoring.salary import parse_query
from scoring.salary.market_table import TABLE_PATH, market_for
from tests.conftest import shared_path

CSV_NAME = "ai-jobs-net-salaries-2025-01-19.csv"
LEVEL = {"junior": "EN", "mid": "MI", "senior": "SE", "staff": "EX"}


def raw_slice(*, titles: set[str], level: str, country: str | None = None) -> list[int]:
    """salary_in_usd of full-time 2024-2025 reports, read straight from the CSV (no product code)."""
    path = shared_path("data", CSV_NAME)
    with path.open(newline="", encoding="utf-8") as fh:
        return [int(r["salary_in_usd"]) for r in csv.DictReader(fh)
                if r["job_title"] in titles and r["experience_level"] == LEVEL[level]
                and r["work_year"] in ("2024", "2025") and r["employment_type"] == "FT"
                and (country is None or r["company_location"] == country)]


def quartiles(values: list[int]) -> list[Decimal]:
    return [Decimal(str(q)).quantize(Decimal(1), ROUND_HALF_UP) for q in statistics.quantiles(values, n=4, method="inclusive")]


def test_shipped_table_rebuilds_byte_identical_from_the_csv():
    path = shared_path("data", CSV_NAME)
    assert dump_table(build_table(path)) == TABLE_PATH.read_text(encoding="utf-8")


def test_senior_us_ml_engineer_is_within_a_few_percent_of_the_raw_machine_learning_engineer_reports():
    raw = raw_slice(titles={"Machine Learning Engineer"}, level="senior", country="US")
    fig = market_for(parse_query("ml-engineer senior us"))
    p25, p50, p75 = quartiles(raw)
    assert abs(fig.p50 - p50) / p50 < Decimal("0.02")
    assert abs(fig.p25 - p25) / p25 < Decimal("0.03") and abs(fig.p75 - p75) / p75 < Decimal("0.03")
    assert abs(fig.n - len(raw)) / len(raw) < 0.02
    assert (fig.geo, fig.years) == ("US", "2024–2025")


@pytest.mark.parametrize("text,family,level,country", [
    ("ml-engineer senior us", "ml-engineer", "senior", "US"),
    ("ml-engineer mid us", "ml-engineer", "mid", "US"),
    ("data-scientist mid uk", "data-scientist", "mid", "GB"),
    ("ds senior canada", "data-scientist", "senior", "CA"),
    ("applied scientist senior us", "applied-scientist", "senior", "US"),
    ("research engineer senior us", "research-engineer", "senior", "US"),
    ("ml-engineer staff", "ml-engineer", "staff", "US"),
])
def test_cells_equal_percentiles_computed_from_the_csv_with_the_written_title_mapping(text, family, level, country):
    titles = set(json.loads(TABLE_PATH.read_text())["families"][family]["titles"])
    raw = raw_slice(titles=titles, level=level, country=country)
    fig = market_for(parse_query(text))
    if len(raw) < 20:  # a thin country falls back; compare with the global slice it falls back to
        raw = raw_slice(titles=titles, level=level)
    assert fig.n == len(raw)
    assert [fig.p25, fig.p50, fig.p75] == quartiles(raw)


def test_the_written_mapping_puts_ml_engineer_titles_together_and_leaves_managers_out():
    titles = json.loads(TABLE_PATH.read_text())["families"]["ml-engineer"]["titles"]
    assert {"Machine Learning Engineer", "ML Engineer"} <= set(titles)
    assert "Machine Learning Manager" not in titles and "Director of Machine Learning" not in titles


def test_thin_country_falls_back_to_its_region_then_global_and_says_so():
    de = market_for(parse_query("ml-engineer senior germany"))
    assert de.geo == "western-europe" and de.n >= 20
    assert de.fallback_note.startswith("Germany has ") and "so this is Western Europe" in de.fallback_note
    india = market_for(parse_query("ml-engineer senior india"))
    assert india.geo == "global" and "India has" in india.fallback_note and "Asia has" in india.fallback_note
    us = market_for(parse_query("ml-engineer senior us"))
    assert us.fallback_note is None


def test_countries_by_name_or_iso_code_read_the_same_cell():
    cells = {t: market_for(parse_query(f"data-scientist senior {t}")) for t in
             ("uk", "united-kingdom", "gb", "united kingdom", "country:gb")}
    assert {c.geo for c in cells.values()} == {"GB"}
    assert market_for(parse_query("ml-engineer mid de")).thin[0][0] == "Germany"
    assert market_for(parse_query("ml-engineer mid germany")).thin[0][0] == "Germany"


def test_market_data_rebuild_command_writes_the_same_table(tmp_path: Path):
    path = shared_path("data", CSV_NAME)
    out = tmp_path / "market.json"
    result = CliRunner().invoke(main, ["market-data", "rebuild", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "reports used" in result.output
    assert out.read_text(encoding="utf-8") == TABLE_PATH.read_text(encoding="utf-8")


def test_market_data_rebuild_names_a_file_without_the_columns(tmp_path: Path):
    bad = tmp_path / "salaries.csv"
    bad.write_text("year,title\n2024,Engineer\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["market-data", "rebuild", str(bad), "--out", str(tmp_path / "x.json")])
    assert result.exit_code != 0 and "work_year" in result.output
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("text,country,region", [
    ("mle senior de", "DE", "western-europe"), ("mle senior germany", "DE", "western-europe"),
    ("mle senior berlin", "DE", "western-europe"), ("mle senior canada", "CA", "us"),
    ("mle senior new zealand", "NZ", "us"), ("mle senior pl", "PL", "eastern-europe"),
    ("mle senior india", "IN", "asia"), ("mle senior us", None, "us"), ("mle senior in the uk", "GB", "western-europe"),
    ("mle senior it", None, "us"), ("mle senior italy", "IT", "western-europe"),
])
def test_country_words_set_the_country_and_the_guides_region(text, country, region):
    q = parse_query(text)
    assert (q.country, q.region) == (country, region)


def test_currency_and_staff_words():
    q = parse_query("mle staff uk eur")
    assert (q.level, q.staff, q.currency, q.country) == ("senior", True, "EUR", "GB")
    assert parse_query(q.normalized) == q.__class__(**{**{k: getattr(q, k) for k in q.__slots__},
                                                       "notes": parse_query(q.normalized).notes})
