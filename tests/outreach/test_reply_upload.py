"""An .eml uploaded in the Log reply modal: a signed view_submission, files.info and the download through the local Slack."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk import WebClient
from sqlalchemy import select

from bot.core.errors import UserError
from bot.core.models import Candidate, Touch
from bot.outreach import uploads
from bot.outreach.uploads import fetch_eml, uploaded_file_id
from tests.outreach.test_e2e import Recruiter, blocks_of, buttons, as_message
from tests.slackkit import sign, validate_blocks

EML = Path(__file__).resolve().parents[1] / "data" / "replies_mail" / "eml"


def _open_modal(r: Recruiter, slack, clock, handle: str) -> dict:
    r.start(handle)
    r.rewind(handle, "2026-11-30T10:00:00+01:00")
    clock.tick("2026-12-01T08:30:00+00:00")
    dm = r.dms()[-1]
    r.click("nudge_log_reply", buttons(blocks_of(dm))["nudge_log_reply"]["value"], message=as_message(dm))
    opened = slack.wait_for("views.open")[-1].args
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    validate_blocks(view["blocks"], limit=100)
    return view


def _submit(r: Recruiter, team: str, view: dict, *, text: str | None = None, file_id: str | None = None) -> dict:
    values = {"input": {"reply_text": {"type": "plain_text_input", "value": text}},
              "eml": {"eml_file": {"type": "file_input", "files": [{"id": file_id, "name": "x.eml"}] if file_id else []}}}
    payload = {"type": "view_submission", "team": {"id": team}, "user": {"id": r.user, "team_id": team},
               "api_app_id": "A0HIREBOT", "view": view | {"id": "V0MODAL", "state": {"values": values}}}
    body = urlencode({"payload": json.dumps(payload)})
    answer = r.sender.post(body, "application/x-www-form-urlencoded", sign(body))
    assert answer.status_code == 200
    return answer.json() if answer.content else {}


def _final_view(slack, count: int = 1) -> dict:
    args = slack.wait_for("views.update", count)[-1].args
    assert args["view_id"] == "V0MODAL"
    view = json.loads(args["view"]) if isinstance(args["view"], str) else args["view"]
    validate_blocks(view["blocks"], limit=100)
    return view


def _replies(services) -> int:
    with services.db.session() as s:
        return len(s.scalars(select(Touch).where(Touch.kind == "reply")).all())


def test_the_modal_offers_an_eml_file_input(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    view = _open_modal(r, slack, clock, r.add("Fia Form"))
    eml = next(b for b in view["blocks"] if b["block_id"] == "eml")
    assert eml["optional"] and eml["element"] == {"type": "file_input", "action_id": "eml_file",
                                                   "filetypes": ["eml"], "max_files": 1}
    assert next(b for b in view["blocks"] if b["block_id"] == "input")["optional"] is True


def test_an_uploaded_auto_reply_eml_is_fetched_with_the_bot_token_and_read_as_out_of_office(server, slack, services,
                                                                                           team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Ola Upload")
    view = _open_modal(r, slack, clock, handle)
    fid = slack.add_file("Automatic reply.eml", (EML / "exchange_automatic_reply_en.eml").read_bytes(), "F0EMLUP")
    answer = _submit(r, team, view, file_id=fid)
    assert answer["response_action"] == "update" and answer["view"]["title"]["text"] == "Reading the email"
    blocks = json.dumps(_final_view(slack)["blocks"])
    assert "read as *out of office*" in blocks and "Auto-Submitted" in blocks
    assert [c.args["file"] for c in slack.calls_to("files.info")] == ["F0EMLUP"]
    assert [c.headers["has_auth"] for c in slack.calls_to("file_download")] == ["yes"]
    assert r.enrollment(handle).status == "active"  # an auto-reply waits, it does not stop the sequence
    with services.db.session() as s:
        touch = s.scalars(select(Touch).where(Touch.kind == "reply")).all()[-1]
        assert touch.intent == "out_of_office" and "From:" not in touch.text


def test_an_uploaded_unsubscribe_marks_do_not_contact_and_the_file_wins_over_pasted_text(server, slack, services,
                                                                                        team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Uma Unsub")
    view = _open_modal(r, slack, clock, handle)
    fid = slack.add_file("Re Senior ML Engineer.eml", (EML / "human_reply_unsubscribe_gmail.eml").read_bytes())
    _submit(r, team, view, text="(see the attached email)", file_id=fid)
    assert "read as *unsubscribe*" in json.dumps(_final_view(slack)["blocks"])
    with services.db.session() as s:
        assert s.scalar(select(Candidate.do_not_contact).where(Candidate.github == handle)) is True


def test_an_empty_form_names_both_ways_and_writes_nothing(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    view = _open_modal(r, slack, clock, r.add("Eve Empty"))
    before = _replies(services)
    answer = _submit(r, team, view, text="  ")
    assert answer == {"response_action": "errors",
                      "errors": {"input": "Paste their reply, or upload the email as an .eml file."}}
    assert _replies(services) == before


def test_a_file_slack_will_not_hand_over_is_a_clear_message_not_a_reply(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Gus Gone")
    view = _open_modal(r, slack, clock, handle)
    before = _replies(services)
    _submit(r, team, view, file_id="F0MISSING")
    assert "Slack would not show the uploaded file (file_not_found)" in json.dumps(_final_view(slack)["blocks"])
    slack.add_file("notes.txt", b"hello", "F0TXT")
    _submit(r, team, view, file_id="F0TXT")
    assert "*notes.txt* is not an .eml file" in json.dumps(_final_view(slack, 2)["blocks"])
    assert slack.calls_to("file_download") == []
    assert _replies(services) == before
    assert r.enrollment(handle).status == "active"


def test_a_failed_download_says_so_in_the_modal_and_logs_nothing(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Dot Down")
    view = _open_modal(r, slack, clock, handle)
    before = _replies(services)
    slack.add_file("reply.eml", (EML / "human_reply_outlook.eml").read_bytes(), "F0DOWN")
    slack.fail("file_download", 500)
    _submit(r, team, view, file_id="F0DOWN")
    assert "Could not download the uploaded file from Slack" in json.dumps(_final_view(slack)["blocks"])
    assert _replies(services) == before and r.enrollment(handle).status == "active"


def test_a_sign_in_page_instead_of_the_file_asks_for_files_read(slack):
    slack.add_file("a.eml", b"From: a@b.c\n\nhi", "F0A")
    client = WebClient(token="", base_url=slack.url)
    try:
        fetch_eml(client, "F0A")
    except UserError as exc:
        assert "files:read" in exc.message
    else:
        raise AssertionError("a sign-in page was read as an email")


def test_the_token_goes_only_to_slack_or_the_configured_api_host(slack):
    assert uploads._trusted("https://files.slack.com/files-pri/T-F/download/a.eml", "https://slack.com/api/")
    assert uploads._trusted(f"{slack.url}files-pri/T-F/a.eml", slack.url)
    assert not uploads._trusted("https://evil.example/files.slack.com/a.eml", "https://slack.com/api/")
    assert not uploads._trusted("https://files.slack.com.evil.example/a.eml", "https://slack.com/api/")
    assert not uploads._trusted("file:///etc/passwd", "https://slack.com/api/")
    client = WebClient(token="xoxb-1", base_url="https://slack.com/api/")
    client.files_info = lambda file: {"file": {"name": "a.eml", "size": 10, "url_private_download": "https://evil.example/a.eml"}}
    try:
        uploads.fetch_eml(client, "F0A")
    except UserError as exc:
        assert "unexpected address" in exc.message
    else:
        raise AssertionError("the token went to another host")


def test_uploaded_file_id_takes_only_a_plain_slack_id():
    assert uploaded_file_id({"eml": {"eml_file": {"files": [{"id": "F0ABC"}]}}}) == "F0ABC"
    for bad in ({}, None, [], {"eml": ["F0"]}, {"eml": {"eml_file": ["F0"]}}, {"eml": None}, {"eml": {"eml_file": {"files": "F0"}}}, {"eml": {"eml_file": {"files": [{"id": 5}]}}},
                {"eml": {"eml_file": {"files": [{"id": "../../x"}]}}}, {"eml": {"eml_file": {"files": [{"id": "F" * 41}]}}},
                {"eml": {"eml_file": {"files": [{"id": "Ｆ１"}]}}}):
        assert uploaded_file_id(bad) is None


def _as_slack_sends(text: str) -> str:
    """A slash command's text with should_escape: & < > escaped, email addresses as mailto links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"[\w.+-]+@[\w-]+\.[\w.]+", lambda m: f"<mailto:{m.group(0)}|{m.group(0)}>", text)


def test_a_raw_email_pasted_into_outreach_reply_is_read_from_its_headers_and_body(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Pia Paste")
    r.start(handle)
    raw = (EML / "exchange_abwesenheitsnotiz_de.eml").read_bytes().decode("utf-8").replace("\r\n", "\n")
    reply = r.cmd(f"reply {handle} {_as_slack_sends(raw)}")
    validate_blocks(reply["blocks"])
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *out of office*" in body and "11 Dec 2026" in body
    assert r.enrollment(handle).status == "active"
