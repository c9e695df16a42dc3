"""templates/salary/answer.json.j2: the short answer renders valid Block Kit for every kind of query."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from bot.core.ids import ActionId
from bot.core.render import render
from scoring.salary import LEVELS, ROLES, TeamStats, parse_query
from scoring.salary.brief import brief
from scoring.salary.market_table import CREDIT, CREDIT_URL
from tests.salary.test_template import TEAM, check_blocks

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "salary" / "answer.json.j2"
PLACES = ("us", "remote", "western-europe", "eastern-europe", "asia", "latam", "de", "uk", "india", "canada",
          "new zealand", "brazil")
CASES = [" ".join(c) for c in itertools.product(ROLES, (*LEVELS, "staff"), PLACES)] + [
    "llm engineer senior us", "cv staff germany eur", "research engineer senior uk gbp", "nlp mid india",
    "applied scientist senior us chart", "ds senior france currency:eur"]


def answer(text: str, team: TeamStats | None = None, team_count: int | None = None) -> dict:
    return render("salary/answer.json.j2", brief=brief(parse_query(text)), credit=CREDIT, credit_url=CREDIT_URL,
                  details_action=ActionId.SALARY_DETAILS, team=team, team_count=team_count)


@pytest.mark.parametrize("text", CASES)
def test_every_answer_is_valid_block_kit_and_short(text):
    msg = answer(text, TEAM)
    check_blocks(msg)
    assert len(json.dumps(msg, ensure_ascii=False)) < 2000
    section = next(b for b in msg["blocks"] if b["block_id"] == "salary-base")["text"]["text"]
    assert len(section.splitlines()) <= 6


def test_team_line_shows_from_three_offers_and_the_count_below():
    shown = json.dumps(answer("mle senior us", TEAM), ensure_ascii=False)
    assert "*Your team:* p25 $150K · median $160K · p75 $172.5K (5 offers)" in shown
    hidden = json.dumps(answer("mle senior us", None, 2), ensure_ascii=False)
    assert "Your team has 2 matching offers; percentiles show from 3." in hidden and "Your team:" not in hidden


def test_typed_words_are_escaped():
    msg = answer('mle senior <!channel> a&b "quoted" </script>')
    check_blocks(msg)
    notes = msg["blocks"][2]["elements"][0]["text"]
    assert "&lt;!channel&gt;" in notes and "a&amp;b" in notes and "<!channel>" not in notes


def test_buttons_carry_the_normalized_query_and_read_back():
    for text in ("ml-engineer staff germany eur", "ds mid india", "cv senior new zealand", "mle it"):
        q = parse_query(text)
        buttons = answer(text)["blocks"][-1]["elements"]
        assert [b["action_id"] for b in buttons] == ["salary_details", "salary_chart"]
        back = parse_query(buttons[0]["value"])
        assert (back.role, back.level, back.region, back.country, back.currency, back.staff, back.ignored) == (
            q.role, q.level, q.region, q.country, q.currency, q.staff, ())


def test_every_inserted_value_goes_through_tojson():
    expressions = re.findall(r"\{\{(.*?)\}\}", TEMPLATE.read_text(encoding="utf-8"), flags=re.S)
    assert expressions and all(e.strip().endswith("tojson") for e in expressions)
