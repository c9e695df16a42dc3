"""/shortlist in plain English: the first line says how it was read, the short form and the unused words;
Next / Previous replace the same ephemeral message; Export CSV sends the whole result to the caller's DM."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from bot.core.models import PipelineEntry
from bot.core.paging import page_value
from bot.shortlist.messages import shortlist_csv
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import validate_blocks

PR = {"repo": "pytorch/pytorch", "merged_at": "2026-10-20", "title": "Fix FSDP", "url": "https://github.com/pytorch/pytorch/pull/9100001"}


def _team(services, team, n=14):
    load_snapshots(services, team, [
        snapshot(f"Person {i:02d}", f"person-{i:02d}-ex", merged_prs=[PR | {"url": PR["url"] + str(i)}] * (1 + i % 3),
                 skills=["pytorch", "python", "docker"], location="Berlin, DE" if i % 2 else "Austin, TX")
        for i in range(n)] + [snapshot("=Evil Formula", "evil-ex", merged_prs=[PR], skills=["pytorch", "python", "docker"])])


def _first_line(reply):
    return reply["blocks"][0]["elements"][0]["text"]


def test_plain_english_is_read_and_the_reply_says_how(services, sender, team):
    _team(services, team)
    reply = sender.command("/shortlist", "top 3 senior ML engineers in Germany who know pytorch and love coffee").json()
    validate_blocks(reply["blocks"])
    line = _first_line(reply)
    assert line.startswith("Read as: ml-engineer · senior · germany · skill pytorch · 3"), line
    assert "`/shortlist ml-engineer 3 location:germany skill:pytorch level:senior`" in line
    assert "could not use: `love`, `coffee`" in line
    assert "Level senior" in line
    body = json.dumps(reply["blocks"])
    assert "Person" in body and "Austin" not in body


def test_the_short_form_has_no_reading_line_and_still_works(services, sender, team):
    _team(services, team)
    reply = sender.command("/shortlist", "ml-engineer 5 location:berlin").json()
    assert reply["blocks"][0]["type"] == "header"
    assert reply["text"].startswith("5 ML Engineer")


def test_no_role_in_the_sentence_asks_for_one_and_writes_nothing(services, sender, team):
    _team(services, team)
    with services.db.session() as s:
        before = s.scalar(select(func.count()).select_from(PipelineEntry))
    reply = sender.command("/shortlist", "people in europe who know pytorch").json()
    assert "Say which role" in reply["text"] and "Example:" in reply["text"]
    reply = sender.command("/shortlist", "ml-enginer 5").json()
    assert "No role called" in reply["text"] and "ml-engineer" in reply["text"]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PipelineEntry)) == before


def _button(reply, action_id):
    for block in reply["blocks"]:
        for el in block.get("elements", []):
            if el.get("action_id") == action_id:
                return el
    return None


def test_next_and_previous_replace_the_same_message(services, sender, slack, team):
    _team(services, team)
    first = sender.command("/shortlist", "ml engineers 5").json()
    nxt = _button(first, "results_page")
    assert nxt and nxt["text"]["text"] == "Next 5" and _button(first, "results_prev") is None
    names_1 = [n for n in json.dumps(first["blocks"]).split("Person ")[1:]]
    assert sender.action("results_page", nxt["value"]).status_code == 200
    second = slack.wait_for("response_url", timeout=10)[-1].args
    assert second["replace_original"] is True
    validate_blocks(second["blocks"])
    body = json.dumps(second["blocks"], ensure_ascii=False)
    assert "*6. <" in body and "*1. <" not in body and "Showing 6–10" in body
    assert body.split("Person ")[1:] != names_1
    back = _button(second, "results_prev")
    sender.action("results_prev", back["value"])
    third = slack.wait_for("response_url", count=2, timeout=10)[-1].args
    assert "*1. <" in json.dumps(third["blocks"]) and third["replace_original"] is True


def test_the_last_page_has_no_next_button(services, sender, team):
    _team(services, team, n=3)
    reply = sender.command("/shortlist", "ml-engineer 10").json()
    assert _button(reply, "results_page") is None and _button(reply, "results_export")


def test_export_sends_the_whole_shortlist_as_a_safe_csv_to_the_dm(services, sender, slack, team):
    _team(services, team)
    reply = sender.command("/shortlist", "ml engineers who know pytorch 5").json()
    export = _button(reply, "results_export")
    sender.action("results_export", export["value"])
    slack.wait_for("files.completeUploadExternal", timeout=10)
    assert slack.calls_to("conversations.open")[-1].args["users"] == sender.user_id
    assert slack.calls_to("file_upload")[-1].args["_bytes"] > 500
    done = slack.wait_for("response_url", timeout=10)[-1].args
    assert "to your DM" in done["text"] and "15 rows" in done["text"]
    with services.db.session() as s:
        name, content, n = shortlist_csv(session=s, team_id=team, text=json.loads(export["value"])["q"])
    rows = list(csv.reader(io.StringIO(content)))
    assert name == "shortlist-ml-engineer.csv" and n == 15 and len(rows) == 16
    assert rows[0][:3] == ["rank", "name", "score"]
    assert any(r[1] == "'=Evil Formula" for r in rows[1:])


@pytest.mark.parametrize("value", ["", "not json", json.dumps({"k": "shortlist", "q": "x", "o": -1}),
                                   json.dumps({"k": "nope", "q": "x", "o": 0}), json.dumps([1, 2])])
def test_a_forged_page_button_is_an_older_message(services, sender, slack, team, value):
    _team(services, team, n=1)
    sender.action("results_page", value)
    reply = slack.wait_for("response_url", timeout=10)[-1].args
    assert "older Hirebot message" in reply["text"]


def test_page_values_fit_slack(services):
    assert page_value("shortlist", "x" * 3000, 0) is None
    assert len(page_value("shortlist", "ml-engineer 10 location:europe", 10)) < 200
