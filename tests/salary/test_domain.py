"""Salary benchmarks: seed figures and their citations, /salary parsing, lookup, team offers."""

from __future__ import annotations

import ast
import itertools
import json
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import salary
from scoring.salary import (
    LEVELS,
    REGIONS,
    ROLES,
    SPECIALTIES,
    Range,
    SalaryQuery,
    lookup,
    parse_offers_csv,
    parse_query,
    team_percentiles,
    team_stats_for,
)
from scoring.types import BadInput

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = json.loads((ROOT / "scoring" / "data" / "salary.json").read_text(encoding="utf-8"))
K = Decimal(1000)


def _walk(node, path=()):
    """Every dict in the data file with its JSON path."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, path + (i,))


FIGURES = [(p, d) for p, d in _walk(DATA) if "low" in d]
ALL_CITES = [(p, c) for p, d in _walk(DATA) if "cites" in d for c in d["cites"]]


# --- the data file: every number traced to a seed line ----------------------------------------

@pytest.mark.parametrize("path,cite", ALL_CITES, ids=lambda v: "/".join(map(str, v)) if isinstance(v, tuple) else None)
def test_every_quote_is_on_its_seed_line(path, cite):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    lines = (SEEDS / cite["source"]).read_text(encoding="utf-8").split("\n")
    assert 1 <= cite["line"] <= len(lines)
    assert cite["quote"] in lines[cite["line"] - 1], f"{cite['source']}:{cite['line']} lacks {cite['quote']!r}"


def _numbers(quote: str) -> set[Decimal]:
    """Numbers written in a quote, with `K` and thousands commas understood ($120-160K -> 120000, 160000)."""
    found: set[Decimal] = set()
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)(?:[-–](?:[$€]?)(\d[\d,]*(?:\.\d+)?))?\s*(K)?", quote):
        mult = K if m.group(3) else Decimal(1)
        for g in (m.group(1), m.group(2)):
            if g:
                found.add(Decimal(g.replace(",", "")) * mult)
    return found


@pytest.mark.parametrize("path,fig", FIGURES, ids=lambda v: "/".join(map(str, v)) if isinstance(v, tuple) else None)
def test_every_figure_is_written_in_its_own_quote(path, fig):
    assert fig["cites"], "a figure without a source"
    for cite in fig["cites"]:
        nums = _numbers(cite["quote"])
        for key in ("low", "high"):
            if fig[key] is not None:
                assert Decimal(str(fig[key])) in nums, f"{key}={fig[key]} not in {cite['quote']!r}"


def test_data_loads_money_as_decimal():
    answer = lookup(parse_query("mle senior us"))
    for r in (answer.base, *answer.other_ranges, answer.total_comp.range, answer.total_comp.bonus):
        assert isinstance(r.low, Decimal)
        assert r.high is None or isinstance(r.high, Decimal)


def test_every_seed_figure_is_reachable_through_parse_and_lookup():
    wanted = {(c["source"], c["line"], c["quote"]) for _, f in FIGURES for c in f["cites"]}
    seen = set()
    for role, level, region, spec in itertools.product(ROLES, LEVELS, REGIONS, (None, *SPECIALTIES)):
        text = f"{role} {level} {region} {spec or ''}"
        for c in lookup(parse_query(text)).cites:
            seen.add((c.source, c.line, c.quote))
    assert wanted - seen == set()


# --- every figure, asserted literally ------------------------------------------------------

US_BASE = [  # 003 lines 47-50
    ("mle junior", 120, 160, False, 47), ("mle mid", 160, 220, False, 47), ("mle senior", 220, 350, True, 47),
    ("ds 0-2", 100, 140, False, 48), ("ds 3-5", 140, 190, False, 48), ("ds 6+", 190, 280, False, 48),
    ("ai engineer 1y", 130, 170, False, 49), ("ai engineer 4y", 170, 230, False, 49),
    ("ai engineer 7 years", 230, 350, True, 49),
    ("mlops junior", 110, 150, False, 50), ("mlops mid", 150, 200, False, 50), ("mlops senior", 200, 280, False, 50),
]


@pytest.mark.parametrize("text,low,high,plus,line", US_BASE)
def test_us_base_table_from_seed_003(text, low, high, plus, line):
    a = lookup(parse_query(text + " us"))
    assert (a.base.low, a.base.high, a.base.currency, a.base.open_high) == (low * K, high * K, "USD", plus)
    assert [(c.source[:3], c.line) for c in a.base.cites] == [("003", line)]


REGIONAL = [  # 004 line 103
    ("western-europe", "junior", 45, 65, "EUR"), ("western-europe", "mid", 65, 95, "EUR"),
    ("western-europe", "senior", 95, 140, "EUR"),
    ("eastern-europe", "junior", 30, 50, "USD"), ("eastern-europe", "mid", 50, 80, "USD"),
    ("eastern-europe", "senior", 80, 120, "USD"),
    ("asia", "junior", 25, 45, "USD"), ("asia", "mid", 45, 75, "USD"), ("asia", "senior", 75, 110, "USD"),
]


@pytest.mark.parametrize("region,level,low,high,currency", REGIONAL)
@pytest.mark.parametrize("role", ["mle", "data scientist"])
def test_regional_table_from_seed_004_is_the_same_for_every_role(role, region, level, low, high, currency):
    a = lookup(parse_query(f"{role} {level} {region}"))
    assert (a.base.low, a.base.high, a.base.currency) == (low * K, high * K, currency)
    assert [(c.source[:3], c.line) for c in a.base.cites] == [("004", 103)]
    assert any("all AI/ML developer roles" in n for n in a.notes)


@pytest.mark.parametrize("level,low,high,plus", [("junior", 85, 115, False), ("mid", 115, 160, False),
                                                 ("senior", 160, 220, True)])
def test_us_answers_also_show_seed_004s_disagreeing_us_row(level, low, high, plus):
    a = lookup(parse_query(f"ml-engineer {level} us"))
    other = [r for r in a.other_ranges if r.cites[0].line == 103]
    assert [(r.low, r.high, r.open_high) for r in other] == [(low * K, high * K, plus)]
    assert (a.base.low, a.base.high) != (other[0].low, other[0].high)


def test_us_mid_level_shows_all_three_sources_side_by_side():
    a = lookup(parse_query("ml engineer mid us"))
    assert (a.base.low, a.base.high, a.base.cites[0].source[:3]) == (160 * K, 220 * K, "003")
    others = {(r.cites[0].source[:3], r.cites[0].line): (r.low, r.high) for r in a.other_ranges}
    assert others == {("004", 103): (115 * K, 160 * K), ("002", 113): (140 * K, 180 * K),
                      ("004", 61): (110 * K, 180 * K)}
    seed_002 = next(r for r in a.other_ranges if r.cites[0].source.startswith("002"))
    assert [c.line for c in seed_002.cites] == [113, 10, 52]


def test_seed_002_mid_figure_is_for_ml_engineers_only():
    a = lookup(parse_query("data-scientist mid us"))
    assert {r.cites[0].source[:3] for r in a.other_ranges} == {"004"}


SPECIALTY = [  # 003 lines 55-58; the premium compares with the role's US base midpoint
    ("mle mid llm", 174, 174, False, 55, 190, "-16"), ("mle senior llm", 300, None, True, 55, 285, "15"),
    ("mle mid deep learning", 212, 212, False, 56, 190, "22"), ("mle senior dl", 280, None, True, 56, 285, "-5"),
    ("mle mid nlp", 170, None, True, 57, 190, "-20"), ("mle senior nlp", 220, None, True, 57, 285, "-65"),
    ("mle mid computer vision", 160, 200, False, 58, 190, "-10"), ("mle senior cv", 240, None, True, 58, 285, "-45"),
]


@pytest.mark.parametrize("text,low,high,open_end,line,midpoint,diff_k", SPECIALTY)
def test_specialty_figures_and_premium_over_base(text, low, high, open_end, line, midpoint, diff_k):
    p = lookup(parse_query(text)).premium
    assert p is not None
    assert (p.figure.low, p.figure.high) == (low * K, None if high is None else high * K)
    assert p.figure.high is None or p.figure.high == high * K
    assert (p.figure.cites[0].source[:3], p.figure.cites[0].line) == ("003", line)
    assert p.base.midpoint == midpoint * K
    assert p.difference == Decimal(diff_k) * K
    assert p.percent == (Decimal(diff_k) * K / (midpoint * K) * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    assert p.at_least is (high is None)
    assert ("above" if p.difference >= 0 else "below") in p.display


def test_llm_senior_premium_reads_as_a_floor():
    p = lookup(parse_query("ml-engineer senior us llm")).premium
    assert p.display == "$300K+: at least 5% ($15K) above the $285K midpoint of the US ML Engineer base"


def test_deep_learning_mid_is_marked_as_an_average():
    assert lookup(parse_query("mle mid dl")).premium.figure.display == "about $212K"


def test_junior_specialty_has_no_figure_and_says_so():
    a = lookup(parse_query("mle junior llm"))
    assert a.premium is None
    assert any("no junior figure for LLM/Generative AI" in n for n in a.notes)


def test_specialty_outside_us_is_labelled_as_a_us_figure():
    a = lookup(parse_query("ml-engineer senior western-europe llm"))
    assert a.base.currency == "EUR" and a.premium.figure.currency == "USD"
    assert any("US figures" in n for n in a.notes)


def test_total_comp_is_base_plus_bonus_and_benefits_with_equity_as_a_share():
    a = lookup(parse_query("mle mid us"))
    tc = a.total_comp
    assert (tc.bonus.low, tc.bonus.high, tc.bonus.cites[0].line) == (10, 20, 72)
    assert (tc.benefits.low, tc.benefits.high, tc.benefits.cites[0].line) == (15, 30, 74)
    assert (tc.equity.low, tc.equity.high, tc.equity.open_high, tc.equity.cites[0].line) == (
        Decimal("0.1"), 1, True, 73)
    assert tc.equity.display == "0.1–1%+"
    assert (tc.range.low, tc.range.high) == (200 * K, 330 * K)  # 160K x 1.25, 220K x 1.5
    assert "equity 0.1–1%+ at startups" in tc.display
    senior = lookup(parse_query("mle senior us")).total_comp.range
    assert (senior.low, senior.high, senior.open_high) == (275 * K, 525 * K, True)
    assert senior.display == "$275K–$525K+"


def test_latam_is_derived_from_us_minus_nearshore_savings_and_says_so():
    a = lookup(parse_query("mle mid latam"))
    assert (a.base.low, a.base.high) == (64 * K, 132 * K)  # 160K x 0.4, 220K x 0.6
    assert a.base.derived and "Derived" in a.base.derived and "40–60%" in a.base.derived
    assert {(c.source[:3], c.line) for c in a.base.cites} == {("003", 47), ("003", 51), ("003", 84)}
    assert any("no seed publishes a LatAm salary table" in n for n in a.notes)
    assert a.other_ranges[0].label == "US ML Engineer base"


def test_remote_means_the_us_facing_range():
    remote, us = lookup(parse_query("ai engineer senior remote")), lookup(parse_query("ai engineer senior us"))
    assert (remote.base.low, remote.base.high) == (us.base.low, us.base.high)
    assert remote.region_label == "Remote (US-facing)"
    assert any("US-facing" in n for n in remote.notes)


@pytest.mark.parametrize("region,low,high", [("eastern-europe", 50, 90), ("asia", 30, 70)])
def test_offshore_hourly_rates_from_seed_004(region, low, high):
    a = lookup(parse_query(f"mle {region}"))
    assert [(r.low, r.high, r.unit, r.cites[0].line) for r in a.hourly] == [(low, high, "hour", 71), (30, 90, "hour", 2)]
    assert a.hourly[0].display == f"${low}–${high}/hour"


def test_premium_over_software_engineering_shows_both_disagreeing_sources():
    swe = lookup(parse_query("mle")).swe_premium
    assert [(r.low, r.high) for r in swe] == [(20, 30), (67, 67)]
    assert [(c.source[:3], c.line) for c in swe[0].cites] == [("003", 59), ("002", 113)]
    assert [(c.source[:3], c.line) for c in swe[1].cites] == [("002", 52)]


def test_senior_us_context_has_packages_counter_offers_and_growth():
    market = {r.cites[0].quote: r for r in lookup(parse_query("mle senior us")).market}
    assert market["Year-over-year growth is currently at 38%"].low == 38
    packages = next(r for q, r in market.items() if "$300,000" in q)
    assert (packages.low, packages.high, packages.display) == (300 * K, None, "$300K+")
    assert next(r for q, r in market.items() if "$900,000" in q).low == 900 * K
    mid = {r.cites[0].quote for r in lookup(parse_query("mle mid us")).market}
    assert not any("$900,000" in q for q in mid)


def test_advice_is_quoted_from_the_seeds():
    a = lookup(parse_query("mle"))
    assert "Do not try to match every dollar." in a.advice.text
    assert "prepare for premiums of 20-30% over standard software engineering rates" in a.advice.text
    assert [(c.source[:3], c.line) for c in a.advice.cites] == [("002", 54), ("002", 113)]


def test_summary_is_a_sentence_with_the_numbers():
    a = lookup(parse_query("mle senior us"))
    assert a.summary == ("ML Engineer · Senior (6+ yrs) · US: base $220K–$350K+ a year, "
                         "estimated total comp $275K–$525K+ a year.")


# --- parsing -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,role", [
    ("mle", "ml-engineer"), ("ml engineer", "ml-engineer"), ("ml-engineer", "ml-engineer"),
    ("ML_Engineer", "ml-engineer"), ("machine learning engineer", "ml-engineer"),
    ("mlops", "mlops-engineer"), ("mlops engineer", "mlops-engineer"), ("ml ops", "mlops-engineer"),
    ("ds", "data-scientist"), ("data scientist", "data-scientist"), ("data-scientist", "data-scientist"),
    ("ai engineer", "ai-engineer"), ("ai-engineer", "ai-engineer"),
])
def test_role_aliases(text, role):
    q = parse_query(text)
    assert (q.role, q.level, q.region, q.specialty, q.title) == (role, "mid", "us", None, None)
    assert q.assumed == ("level", "region")


@pytest.mark.parametrize("text,role,specialty,title", [
    ("llm engineer", "ai-engineer", "llm", "llm-engineer"), ("llm-engineer", "ai-engineer", "llm", "llm-engineer"),
    ("genai engineer", "ai-engineer", "llm", "llm-engineer"),
    ("research-engineer", "ml-engineer", None, "research-engineer"),
    ("research engineer", "ml-engineer", None, "research-engineer"),
    ("applied-scientist", "ml-engineer", None, "applied-scientist"),
    ("applied scientist", "ml-engineer", None, "applied-scientist"),
    ("cv", "ml-engineer", "computer-vision", "cv-engineer"), ("nlp", "ml-engineer", "nlp", "nlp-engineer"),
    ("computer vision engineer", "ml-engineer", "computer-vision", "cv-engineer"),
    ("nlp engineer", "ml-engineer", "nlp", "nlp-engineer"),
])
def test_titles_without_a_row_map_to_the_closest_row_and_say_so(text, role, specialty, title):
    q = parse_query(text)
    assert (q.role, q.specialty, q.title) == (role, specialty, title)
    assert any("no row of its own" in n for n in q.notes)


@pytest.mark.parametrize("text,level", [
    ("mle junior", "junior"), ("mle jr", "junior"), ("mle entry level", "junior"), ("mle mid", "mid"),
    ("mle mid-level", "mid"), ("mle senior", "senior"), ("mle sr", "senior"), ("mle 0-2", "junior"),
    ("mle 3-5", "mid"), ("mle 6+", "senior"), ("mle 4y", "mid"), ("mle 7 years", "senior"), ("mle 7yrs", "senior"),
    ("mle 2 yrs", "junior"), ("mle 10+", "senior"), ("mle 5", "mid"), ("mle years:8", "senior"),
    ("mle level:jr", "junior"), ("mle staff", "senior"),
])
def test_levels_and_year_forms(text, level):
    assert parse_query(text).level == level


@pytest.mark.parametrize("text,region", [
    ("mle us", "us"), ("mle usa", "us"), ("mle western-europe", "western-europe"),
    ("mle western europe", "western-europe"), ("mle europe", "western-europe"), ("mle eu", "western-europe"),
    ("mle we", "western-europe"), ("mle germany", "western-europe"), ("mle uk", "western-europe"),
    ("mle eastern-europe", "eastern-europe"), ("mle eastern europe", "eastern-europe"), ("mle poland", "eastern-europe"),
    ("mle asia", "asia"), ("mle india", "asia"), ("mle latam", "latam"), ("mle latin america", "latam"),
    ("mle nearshore", "latam"), ("mle remote", "remote"), ("mle region:eu", "western-europe"),
])
def test_region_aliases(text, region):
    assert parse_query(text).region == region


def test_uk_is_counted_as_western_europe_in_eur_and_says_so():
    q = parse_query("mle senior uk")
    assert any("UK is counted as Western Europe" in n for n in q.notes)
    assert lookup(q).base.currency == "EUR"


@pytest.mark.parametrize("text,spec", [
    ("mle llm", "llm"), ("mle genai", "llm"), ("mle generative ai", "llm"), ("mle deep learning", "deep-learning"),
    ("mle deep-learning", "deep-learning"), ("mle dl", "deep-learning"), ("mle nlp", "nlp"), ("mle cv", "computer-vision"),
    ("mle computer vision", "computer-vision"),
])
def test_specialty_aliases(text, spec):
    q = parse_query(text)
    assert (q.role, q.specialty, q.title) == ("ml-engineer", spec, None)


def test_full_query_in_any_order_with_chart():
    q = parse_query("senior llm western europe ml engineer chart")
    assert (q.role, q.level, q.region, q.specialty, q.chart) == ("ml-engineer", "senior", "western-europe", "llm", True)
    assert q.ignored == () and q.assumed == ()


def test_extra_words_are_ignored_and_reported_not_fatal():
    q = parse_query("ml-engineer senior us llm asap pls budget=200k")
    assert (q.role, q.level, q.region, q.specialty) == ("ml-engineer", "senior", "us", "llm")
    assert q.ignored == ("asap", "pls", "budget=200k")
    assert "Ignored: asap, pls, budget=200k." in lookup(q).notes


def test_filler_words_are_dropped_silently():
    q = parse_query("senior ml engineer in the uk")
    assert (q.level, q.region, q.ignored) == ("senior", "western-europe", ())


def test_conflicting_words_keep_the_first_and_report_the_rest():
    q = parse_query("mle senior junior us asia")
    assert (q.level, q.region) == ("senior", "us")
    assert q.ignored == ("junior", "asia")
    assert any("level is already senior" in n for n in q.notes)


@pytest.mark.parametrize("text", [
    "ml-engineer senior us llm", "ml-engineer", "llm engineer 7 years eu", "research-engineer asia 4y",
    "cv senior latam", "ds remote 0-2 nlp", "applied scientist staff uk", "ai engineer mid eu deep learning chart",
    "llm-engineer cv",
])
def test_normalized_query_reads_back_the_same(text):
    q = parse_query(text)
    back = parse_query(q.normalized)
    assert (back.role, back.level, back.region, back.specialty, back.title) == (
        q.role, q.level, q.region, q.specialty, q.title)
    assert back.ignored == ()


def test_unknown_role_gets_options_closest_suggestion_and_example():
    with pytest.raises(BadInput) as e:
        parse_query("ml-enginer senior us")
    assert e.value.suggestions[0] == "ml-engineer"
    assert "Did you mean ml-engineer?" in e.value.message
    for role in ROLES:
        assert role in e.value.message
    assert e.value.example and e.value.example.startswith("/salary ")
    assert parse_query(e.value.example.removeprefix("/salary ")).ignored == ()


def test_unrelated_first_word_is_reported_as_an_unknown_role_with_all_options():
    with pytest.raises(BadInput) as e:
        parse_query("plumber")
    assert "No role called 'plumber'" in e.value.message
    assert set(e.value.suggestions) == set(ROLES)


@pytest.mark.parametrize("text,kind,closest", [
    ("mle seniro", "level", "senior"), ("mle junoir", "level", "junior"),
    ("mle westren-europe", "region", "western-europe"), ("mle eastern-eruope", "region", "eastern-europe"),
    ("mle latamm", "region", "latam"), ("mle region:mars", "region", None), ("mle level:guru", "level", None),
    ("mle computer-vison", "specialty", "computer-vision"),
])
def test_typos_of_levels_regions_and_specialties_are_bad_input_with_suggestion(text, kind, closest):
    with pytest.raises(BadInput) as e:
        parse_query(text)
    assert e.value.message.startswith(f"No {kind} called")
    assert e.value.example
    if closest:
        assert e.value.suggestions[0] == closest
    else:
        assert e.value.suggestions  # the valid options


@pytest.mark.parametrize("text", ["", "   ", "senior us"])
def test_missing_role_is_bad_input(text):
    with pytest.raises(BadInput) as e:
        parse_query(text)
    assert set(e.value.suggestions) == set(ROLES)


@pytest.mark.parametrize("text", ["mle 2-4", "mle 99y"])
def test_years_outside_the_bands_are_bad_input(text):
    with pytest.raises(BadInput) as e:
        parse_query(text)
    assert "0-2, 3-5" in e.value.message


def test_weird_input_never_crashes():
    for text in ["<@U123> mle", "mle \"senior\" (us)", "mle ;;; ,,,", "mle " + "x" * 5000, "mle 🚀 senior",
                 "mle level:", "role:mle", "mle 0", "mle u.s."]:
        q = parse_query(text)
        assert q.role == "ml-engineer"
        lookup(q)


@pytest.mark.parametrize("query", [SalaryQuery(role="plumber"), SalaryQuery(role="ml-engineer", level="guru"),
                                   SalaryQuery(role="ml-engineer", region="mars"),
                                   SalaryQuery(role="ml-engineer", specialty="quantum"),
                                   SalaryQuery(role="ml-engineer", title="wizard")])
def test_lookup_refuses_a_hand_built_query_with_unknown_values(query):
    with pytest.raises(BadInput):
        lookup(query)


# --- team offers ---------------------------------------------------------------------------

def test_team_percentiles_hidden_below_three():
    assert team_percentiles([]) is None
    assert team_percentiles([Decimal(100000), Decimal(120000)]) is None


def test_team_percentiles_interpolate_linearly():
    s = team_percentiles([Decimal(v) for v in (400, 100, 300, 200)])
    assert (s.n, s.p25, s.p50, s.p75) == (4, Decimal(175), Decimal(250), Decimal(325))
    three = team_percentiles([Decimal(150000), Decimal(160000), Decimal(170000)], "USD")
    assert (three.p25, three.p50, three.p75) == (155000, 160000, 165000)
    assert three.display == "p25 $155K · median $160K · p75 $165K (3 offers)"


CSV = """Role,LEVEL,Location,Base,Bonus,Equity,Date
ML Engineer,senior,"San Francisco, CA","$230,000",15%,0.5%,2026-10-01
mle,6+,New York,250k,30000,,2026-10-12
ml-engineer,Senior,Remote (US),"$240,000",,$40000,
research engineer,7 years,Austin,260000,10%,0.2%,2026-11-02
plumber,senior,Boston,200000,,,2026-10-01

ml-engineer,guru,Boston,200000,,,2026-10-01
ml-engineer,senior,Boston,lots,,,2026-10-01
ml-engineer,senior,Boston,210000,,,01/10/2026
data scientist,mid,Berlin DE,€80k,,,2026-09-01
"ml-engineer","senior","Seattle,
WA","270000","","",""
nlp engineer,mid,London,€90000,,,
,,,,,,
ds,,Berlin,70000,,,
"""


def test_offers_csv_keeps_good_lines_and_reports_bad_ones_with_line_numbers():
    rows, errors = parse_offers_csv(CSV)
    assert [(e.line, e.message.split(" ")[0]) for e in errors] == [
        (6, "role"), (8, "level"), (9, "'lots'"), (10, "date"), (16, "level")]
    assert str(errors[0]).startswith("line 6: role 'plumber' is not one of ml-engineer, data-scientist")
    assert "line 8: level 'guru'" in str(errors[1])
    assert [r.line for r in rows] == [2, 3, 4, 5, 11, 12, 14]
    first = rows[0]
    assert (first.role, first.level, first.base, first.currency, first.region) == (
        "ml-engineer", "senior", Decimal(230000), "USD", "us")
    assert (first.bonus_pct, first.bonus, first.equity_pct, first.date) == (
        Decimal(15), Decimal(34500), Decimal("0.5"), date(2026, 10, 1))
    assert (rows[1].base, rows[1].bonus, rows[1].level) == (Decimal(250000), Decimal(30000), "senior")
    assert (rows[2].region, rows[2].equity_value) == ("remote", Decimal(40000))
    assert (rows[3].role, rows[3].level) == ("ml-engineer", "senior")
    assert (rows[4].role, rows[4].level, rows[4].region, rows[4].currency, rows[4].base) == (
        "data-scientist", "mid", "western-europe", "EUR", Decimal(80000))
    assert (rows[5].line, rows[5].location, rows[5].region) == (12, "Seattle,\nWA", "us")
    assert (rows[6].role, rows[6].specialty) == ("ml-engineer", "nlp")


def test_offers_csv_team_stats_for_a_query():
    rows, _ = parse_offers_csv(CSV)
    stats = team_stats_for(rows, parse_query("mle senior us"))
    assert stats.n == 5  # lines 2, 3, 4 (remote counts as US), 5, 11
    assert (stats.p25, stats.p50, stats.p75) == (Decimal(240000), Decimal(250000), Decimal(260000))
    assert team_stats_for(rows, parse_query("ds mid western-europe")) is None  # one offer: hidden


def test_offers_csv_missing_columns_is_one_error_on_line_one():
    rows, errors = parse_offers_csv("name,base\nAda,100000\n")
    assert rows == () and [e.line for e in errors] == [1]
    assert "role" in errors[0].message and "level" in errors[0].message


def test_offers_csv_empty_file():
    rows, errors = parse_offers_csv("")
    assert rows == () and errors[0].line == 1


def test_offers_csv_header_aliases_and_bom():
    rows, errors = parse_offers_csv("\ufeffTITLE , Seniority, Base Salary\nMLOps Engineer,junior,120000\n")
    assert errors == ()
    assert (rows[0].role, rows[0].level, rows[0].base) == ("mlops-engineer", "junior", Decimal(120000))


# --- layering --------------------------------------------------------------------------------

def test_scoring_salary_imports_no_slack_db_http_or_templates():
    tree = ast.parse(Path(salary.__file__).read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert names.isdisjoint({"slack_sdk", "slack_bolt", "sqlalchemy", "httpx", "jinja2", "bot", "handlers"})
    code = ("import sys, scoring.salary as s; s.lookup(s.parse_query('mle')); "
            "print(sorted(m for m in ('slack_sdk','slack_bolt','sqlalchemy','httpx','jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_range_display_forms():
    assert Range(Decimal(95000), Decimal(140000), "EUR").display == "€95K–€140K"
    assert Range(Decimal(137500), Decimal(137500), "USD").display == "$137.5K"
    assert Range(Decimal(50), Decimal(90), "USD", unit="hour").display == "$50–$90/hour"
    assert Range(Decimal(10), Decimal(20), None, unit="percent").display == "10–20%"
