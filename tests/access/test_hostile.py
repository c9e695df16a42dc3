"""Hostile use of buttons: access is about the person, not the channel type (a DM is not exempt)."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlencode

from sqlalchemy import select

from bot.core.models import AuditEvent, Candidate, PipelineEntry, Role
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import SlackSender, sign

HIRING, OUTSIDER_DM = "C0HIRING", "D0OUTSIDER"


def _ids(services, team: str, github: str) -> tuple[int, int]:
    with services.db.session() as s:
        cid = s.scalar(select(Candidate.id).where(Candidate.team_id == team, Candidate.github == github))
        rid = s.scalar(select(Role.id).where(Role.team_id == team, Role.slug == "ml-engineer"))
        return cid, rid


def _menu_click(sender: SlackSender, value: str, channel_id: str) -> str:
    """The body of a click on the overflow menu (Details, Salary, Start outreach) of a digest entry."""
    body = sender.action_body("candidate_more", "", channel_id=channel_id)
    raw = json.loads(parse_qs(body)["payload"][0])
    action = raw["actions"][0]
    action.pop("value")
    action |= {"type": "overflow", "selected_option": {"text": {"type": "plain_text", "text": "Details"}, "value": value}}
    return urlencode({"payload": json.dumps(raw)})


def test_an_outsider_clicking_digest_buttons_in_their_dm_is_refused_and_nothing_is_written(server, slack, team, services):
    load_snapshots(services, team, [snapshot("Ada Example", "ada-dm")])
    cid, rid = _ids(services, team, "ada-dm")
    admin = SlackSender(server, slack.response_url("adm"), team_id=team, user_id="U0SAM", channel_id=HIRING)
    admin.command("/hirebot", f"settings access channels:<#{HIRING}|hiring>")
    slack.reset()  # a new generation of response URLs: make the outsider's after it
    outsider = SlackSender(server, slack.response_url("out"), team_id=team, user_id="U0OUT", channel_id=OUTSIDER_DM)

    assert outsider.action("candidate_pass", f"{cid}|{rid}|", channel_id=OUTSIDER_DM).status_code == 200
    body = _menu_click(outsider, f"details:{cid}|{rid}|", OUTSIDER_DM)
    assert outsider.post(body, "application/x-www-form-urlencoded", sign(body)).status_code == 200
    told = slack.wait_for("response_url", count=2)
    assert len(told) == 2 and all("hiring channels and people" in c.args["text"] for c in told)
    assert "Ada" not in json.dumps([c.args for c in slack.calls])
    with services.db.session() as s:
        assert s.scalar(select(PipelineEntry.stage).where(PipelineEntry.candidate_id == cid)) == "sourced"
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.team_id == team, AuditEvent.action == "view")) is None


def test_an_allowed_person_may_still_click_in_a_dm(server, slack, team, services):
    load_snapshots(services, team, [snapshot("Ada Example", "ada-dm2")])
    cid, rid = _ids(services, team, "ada-dm2")
    admin = SlackSender(server, slack.response_url("adm"), team_id=team, user_id="U0SAM", channel_id=HIRING)
    admin.command("/hirebot", "settings access users:<@U0SAM|sam>")
    admin.action("candidate_pass", f"{cid}|{rid}|", channel_id="D0SAM")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with services.db.session() as s:
            if s.scalar(select(PipelineEntry.stage).where(PipelineEntry.candidate_id == cid)) == "passed":
                break
        time.sleep(0.05)
    else:
        raise AssertionError("the allowed person's Pass in a DM was not recorded")
