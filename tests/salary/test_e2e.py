"""/salary end to end: the answer in the ack, the chart through the files v2 flow, team percentiles."""

from __future__ import annotations

import json

from tests.slackkit import validate_blocks


def test_salary_answers_in_the_ack_with_sources(sender, slack):
    reply = sender.command("/salary", "ml-engineer senior us llm").json()
    assert reply["response_type"] == "ephemeral"
    validate_blocks(reply["blocks"])
    blob = json.dumps(reply, ensure_ascii=False)
    assert "$220K" in blob and "$350K" in blob  # seed 003 line 47, senior ML engineer
    assert "$300K" in blob  # LLM senior premium, seed 003 line 55
    assert "003 l.47" in blob and "003 l.72" in blob  # sources shown
    assert slack.calls_to("files.completeUploadExternal") == []


def test_salary_aliases_and_defaults(sender):
    mid_us = json.dumps(sender.command("/salary", "mle").json(), ensure_ascii=False)
    assert "$160K" in mid_us and "$220K" in mid_us  # mid, us by default (seed 003 line 47)
    eu = json.dumps(sender.command("/salary", "mlops 7 years western-europe").json(), ensure_ascii=False)
    assert "€95K" in eu and "€140K" in eu  # senior Western Europe (seed 004 line 103)


def test_salary_bad_input_names_the_options(sender):
    reply = sender.command("/salary", "astronaut senior").json()
    assert reply["response_type"] == "ephemeral" and "Example" in reply["text"]
    assert "ml-engineer" in reply["text"]
    reply = sender.command("/salary", "ml-engineer seniro").json()
    assert "senior" in reply["text"]


def test_chart_keyword_uploads_a_png_with_files_v2(sender, slack):
    sender.command("/salary", "ml-engineer us chart")
    done = slack.wait_for("files.completeUploadExternal", timeout=15)
    assert done, "the chart must be uploaded"
    assert slack.calls_to("files.getUploadURLExternal")
    uploads = slack.calls_to("file_upload")
    assert uploads and uploads[0].args["_png"] is True
    assert done[0].args.get("channel_id") == "C0HIRING"


def test_chart_without_files_write_says_so_and_keeps_the_text(sender, slack):
    slack.fail("files.getUploadURLExternal", error="missing_scope")
    reply = sender.command("/salary", "data-scientist senior chart").json()
    assert "$190K" in json.dumps(reply, ensure_ascii=False)  # the text answer still came (seed 003 line 48)
    posted = slack.wait_for("response_url", timeout=15)
    assert posted and "files:write" in posted[-1].args["text"]


def test_team_percentiles_show_from_three_offers(sender):
    two = "role,level,location,base\nml-engineer,senior,New York,200000\nml-engineer,senior,Austin,210000"
    assert "Saved 2 offers" in sender.command("/salary", "import " + two).json()["text"]
    hidden = json.dumps(sender.command("/salary", "ml-engineer senior us").json(), ensure_ascii=False)
    assert "median" not in hidden and "from 3" in hidden
    sender.command("/salary", "import role,level,location,base\nml-engineer,senior,Seattle,240000\nbad,line")
    shown = json.dumps(sender.command("/salary", "ml-engineer senior us").json(), ensure_ascii=False)
    assert "median $210K" in shown and "3 offers" in shown
