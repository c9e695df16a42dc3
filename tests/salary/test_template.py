"""templates/salary/salary.json.j2 renders valid Block Kit for every kind of salary answer."""

from __future__ import annotations

import itertools
import json
import re
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest
from slack_sdk.models.blocks import Block

from scoring.salary import LEVELS, REGIONS, ROLES, SPECIALTIES, TeamStats, lookup, parse_query

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined)
TEAM = TeamStats(5, Decimal("150000"), Decimal("160000"), Decimal("172500"), "USD")


def render(text: str, **ctx) -> dict:
    answer = lookup(parse_query(text))
    return json.loads(ENV.get_template("salary/salary.json.j2").render(answer=answer, **ctx))


def check_blocks(msg: dict) -> None:
    assert set(msg) == {"text", "blocks"}
    assert len(msg["blocks"]) <= 50
    for b in msg["blocks"]:
        parsed = Block.parse(b)
        parsed.validate_json()
        assert parsed.to_dict() == b
        if b["type"] == "section":
            assert len(b["text"]["text"]) <= 3000
        if b["type"] == "header":
            assert len(b["text"]["text"]) <= 150
    ids = [b["block_id"] for b in msg["blocks"]]
    assert len(ids) == len(set(ids))


CASES = [" ".join(filter(None, c)) for c in itertools.product(ROLES, LEVELS, REGIONS, (None, *SPECIALTIES))]


@pytest.mark.parametrize("text", CASES)
def test_every_answer_renders_valid_block_kit(text):
    check_blocks(render(text))


@pytest.mark.parametrize("ctx", [{}, {"team": None}, {"team": TEAM}, {"team": None, "team_count": 2}])
def test_team_stats_optional(ctx):
    msg = render("mle senior us llm", **ctx)
    check_blocks(msg)
    team = [b for b in msg["blocks"] if b["block_id"] == "salary-team"]
    if ctx.get("team"):
        assert "p25 $150K · median $160K · p75 $172.5K (5 offers)" in team[0]["text"]["text"]
    elif ctx.get("team_count"):
        assert "percentiles show from 3" in team[0]["elements"][0]["text"]
    else:
        assert team == []


def test_message_layout_and_content():
    msg = render("ml-engineer senior us llm")
    kinds = [(b["type"], b["block_id"]) for b in msg["blocks"]]
    assert kinds[0] == ("header", "salary-head")
    assert kinds[-1] == ("actions", "salary-actions")
    by_id = {b["block_id"]: b for b in msg["blocks"]}
    assert by_id["salary-head"]["text"]["text"] == "ML Engineer · Senior (6+ yrs) · LLM/Generative AI · US"
    assert "*Base salary:* $220K–$350K+ a year" in by_id["salary-base"]["text"]["text"]
    assert "$160K–$220K+" in by_id["salary-others"]["text"]["text"]
    assert "$300K+: at least 5%" in by_id["salary-premium"]["text"]["text"]
    assert "*Estimated total comp:* $275K–$525K+ a year" in by_id["salary-total"]["text"]["text"]
    assert "Do not try to match every dollar." in by_id["salary-advice"]["text"]["text"]
    sources = by_id["salary-sources"]["elements"][0]["text"]
    assert "003 l.47 “$220-350K+”" in sources and "003 l.55 “$300K+ (senior)”" in sources
    assert "003_0581c08f3eef227e.txt" in by_id["salary-sources"]["elements"][1]["text"]


def test_top_level_text_is_a_real_sentence():
    msg = render("ds junior latam")
    assert msg["text"] == ("Data Scientist · Junior (0-2 yrs) · Latin America (nearshore): base $40K–$84K a year, "
                           "estimated total comp $50K–$126K a year.")


@pytest.mark.parametrize("text", ["mle senior western-europe llm", "llm engineer 7y", "cv asia", "ds"])
def test_chart_button_carries_the_normalized_query(text):
    msg = render(text)
    button = msg["blocks"][-1]["elements"][0]
    assert (button["type"], button["action_id"], button["text"]["text"]) == ("button", "salary_chart", "Chart")
    q, back = parse_query(text), parse_query(button["value"])
    assert button["value"] == q.normalized
    assert (back.role, back.level, back.region, back.specialty) == (q.role, q.level, q.region, q.specialty)


def test_user_text_is_escaped_and_cannot_break_the_json():
    msg = render('mle senior <!channel> a&b "quoted" \\back </script>')
    check_blocks(msg)
    notes = next(b for b in msg["blocks"] if b["block_id"] == "salary-notes")["elements"][0]["text"]
    assert "&lt;!channel&gt;" in notes and "a&amp;b" in notes and "<!channel>" not in notes
    assert "&lt;/script&gt;" in notes


def test_long_input_stays_within_limits():
    check_blocks(render("mle " + " ".join(f"word{i}" for i in range(2000))))


def test_every_inserted_value_goes_through_tojson():
    source = (TEMPLATES / "salary/salary.json.j2").read_text(encoding="utf-8")
    expressions = re.findall(r"\{\{(.*?)\}\}", source, flags=re.S)
    inserted = [e for e in expressions if "|" in e or e.strip()]
    # the esc macro's body is the only {{ }} not emitted into the JSON directly; it feeds a tojson
    outside_macro = [e for e in inserted if "replace(\"&\"" not in e]
    assert outside_macro and all(e.strip().endswith("tojson") for e in outside_macro)


def test_renders_with_the_apps_shared_environment():
    render_mod = pytest.importorskip("bot.core.render")
    msg = render_mod.render("salary/salary.json.j2", answer=lookup(parse_query("mle senior eu nlp")), team=None)
    check_blocks(msg)
