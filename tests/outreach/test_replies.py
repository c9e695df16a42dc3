"""Replies: `/outreach reply` and the Log reply modal classify the answer, show label + next step, and act on it."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from sqlalchemy import select

from bot.core.models import Candidate, Enrollment, Note, PipelineEntry, Touch
from tests.outreach.test_e2e import Recruiter, as_message, blocks_of, buttons, utc
from tests.slackkit import sign, validate_blocks


def _reply(r: Recruiter, handle: str, text: str) -> dict:
    reply = r.cmd(f"reply {handle} {text}")
    assert "blocks" in reply, reply
    validate_blocks(reply["blocks"])
    return reply


def _stage(services, handle: str) -> str:
    with services.db.session() as s:
        return s.scalar(select(PipelineEntry.stage).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
                        .where(Candidate.github == handle))


def test_interested_stops_the_sequence_moves_to_replied_and_suggests_times(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Ines Okafor")
    r.start(handle)
    reply = _reply(r, handle, "Sounds great, happy to chat! When works for you next week?")
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *interested*" in body
    assert "Next step:* Stop the sequence, move to 'replied' and suggest times to talk." in body
    assert "two or three times to talk" in body
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason) == ("replied", "interested")
    assert _stage(services, handle) == "replied"
    with services.db.session() as s:
        touch = s.scalar(select(Touch).where(Touch.enrollment_id == enr.id, Touch.kind == "reply"))
    assert touch.intent == "interested" and touch.step == 1


def test_question_keeps_the_sequence_open_and_the_next_nudge_says_answer_first(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Quinn Query")
    r.start(handle)
    enr_id = r.rewind(handle, "2027-03-04T10:00:00+01:00")
    reply = _reply(r, handle, "Is the role remote? And what does the team use for serving?")
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *question*" in body and "remind the owner to answer" in body
    assert r.enrollment(handle).status == "active"
    clock.tick("2027-03-05T08:30:00+00:00")  # step 1 not marked sent: nudged the next morning
    dm = json.dumps(blocks_of(r.dms()[-1]), ensure_ascii=False)
    assert "They asked a question" in dm and "Is the role remote?" in dm
    assert enr_id


def test_compensation_stops_and_answers_with_the_salary_benchmark(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Carl Comp")
    r.start(handle)
    reply = _reply(r, handle, "What's the salary range for this role?")
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *compensation*" in body
    assert any(b.get("block_id") == "salary-base" for b in reply["blocks"])  # the /salary answer for the role
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason) == ("replied", "compensation")


def test_not_now_stops_and_the_clock_reminds_the_owner_on_the_day(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Nora Later")
    r.start(handle)
    reply = _reply(r, handle, "Not right now, ping me in April 2027 please.")
    assert "read as *not now*" in json.dumps(reply["blocks"])
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason) == ("replied", "not_now")
    assert enr.next_due_at == utc("2027-04-01T07:00:00+00:00")  # 09:00 Berlin (summer time)
    clock.tick("2027-03-31T09:00:00+00:00")
    assert r.dms() == []
    clock.tick("2027-04-01T07:05:00+00:00")
    clock.tick("2027-04-01T07:06:00+00:00")
    dms = r.dms()
    assert len(dms) == 1
    assert "Time to re-engage Nora Later" in dms[0]["text"]
    blocks = blocks_of(dms[0])
    validate_blocks(blocks)
    assert "ping me in April 2027" in json.dumps(blocks)
    assert "outreach_start" in buttons(blocks)
    assert r.enrollment(handle).next_due_at is None  # reminded once


def test_not_interested_stops_the_sequence(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Nils Nope")
    r.start(handle)
    reply = _reply(r, handle, "Thanks, but I'm not interested.")
    assert "read as *not interested*" in json.dumps(reply["blocks"])
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason, enr.next_due_at) == ("replied", "not_interested", None)


def test_referral_adds_the_referred_person_as_a_new_candidate(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Rita Refer")
    r.start(handle)
    reply = _reply(r, handle, "Not for me, but my colleague Jane Doe (github.com/janedoe) would be a great fit.")
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *referral*" in body and "Jane Doe" in body
    assert r.enrollment(handle).stop_reason == "referral"
    with services.db.session() as s:
        new = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == "janedoe"))
        assert new is not None and new.name == "Jane Doe" and new.source == "referral"
        assert s.scalar(select(PipelineEntry.stage).where(PipelineEntry.candidate_id == new.id)) == "sourced"
        assert "Referred by Rita Refer" in s.scalar(select(Note.text).where(Note.candidate_id == new.id))


def test_unsubscribe_stops_everything_and_refuses_future_starts(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Uma Unsub")
    r.start(handle)
    reply = _reply(r, handle, "Please remove me from your list and don't contact me again.")
    assert "read as *unsubscribe*" in json.dumps(reply["blocks"])
    assert r.enrollment(handle).status == "replied"
    with services.db.session() as s:
        assert s.scalar(select(Candidate.do_not_contact).where(Candidate.github == handle)) is True
    again = r.cmd(f"start {handle}")
    assert "asked not to be contacted" in again["text"]


def test_out_of_office_keeps_the_sequence_and_waits_past_the_return_date(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Otto Away")
    r.start(handle)
    r.rewind(handle, "2027-03-04T10:00:00+01:00")
    reply = _reply(r, handle, "Automatic reply: I'm out of office until 2027-03-22 with limited access to email.")
    assert "read as *out of office*" in json.dumps(reply["blocks"])
    enr = r.enrollment(handle)
    assert enr.status == "active"
    assert enr.next_due_at == utc("2027-03-23T08:00:00+00:00")  # the business day after Monday 22nd, 09:00 Berlin
    clock.tick("2027-03-22T10:00:00+00:00")
    assert r.dms() == []
    clock.tick("2027-03-23T08:05:00+00:00")
    assert len(r.dms()) == 1


def test_log_reply_button_opens_a_modal_and_its_submission_acts_on_the_intent(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Mona Modal")
    r.start(handle)
    enr_id = r.rewind(handle, "2027-03-04T10:00:00+01:00")
    clock.tick("2027-03-05T08:30:00+00:00")
    dm = r.dms()[-1]
    r.click("nudge_log_reply", buttons(blocks_of(dm))["nudge_log_reply"]["value"], message=as_message(dm))
    opened = slack.wait_for("views.open")[-1].args
    assert opened["trigger_id"] == "1337.42.abcdef"
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    assert view["callback_id"] == "log_reply" and view["title"]["text"] == "Log a reply"
    validate_blocks(view["blocks"], limit=100)
    assert "Mona Modal" in json.dumps(view["blocks"])

    payload = {
        "type": "view_submission", "team": {"id": team, "domain": "acme-ml"},
        "user": {"id": r.user, "username": "sam", "name": "sam", "team_id": team},
        "api_app_id": "A0HIREBOT", "token": "deprecated-verification-token", "trigger_id": "1337.43.abcdef",
        "view": view | {"id": "V0LOCAL", "team_id": team, "hash": "1.abc", "state": {"values": {
            "input": {"reply_text": {"type": "plain_text_input", "value": "Yes please! Happy to chat, when works?"}}}}},
        "response_urls": [], "is_enterprise_install": False, "enterprise": None,
    }
    body = urlencode({"payload": json.dumps(payload)})
    resp = r.sender.post(body, "application/x-www-form-urlencoded", sign(body))
    assert resp.status_code == 200, resp.text
    answer = resp.json()
    assert answer["response_action"] == "update"
    validate_blocks(answer["view"]["blocks"], limit=100)
    assert "read as *interested*" in json.dumps(answer["view"]["blocks"])
    enr = r.enrollment(handle)
    assert (enr.id, enr.status, enr.stop_reason) == (enr_id, "replied", "interested")
    # The DM's buttons give way to what happened.
    update = r.wait_response()
    assert update["replace_original"] is True
    validate_blocks(update["blocks"])
    assert not any(b["type"] == "actions" for b in update["blocks"])
    assert f"Reply logged by <@{r.user}>, read as *interested*" in json.dumps(update["blocks"])


def test_an_empty_modal_submission_is_refused_in_the_form(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Emil Empty")
    reply = r.start(handle)
    payload = {"type": "view_submission", "team": {"id": team}, "user": {"id": r.user, "team_id": team},
               "api_app_id": "A0HIREBOT", "view": {"id": "V1", "type": "modal", "callback_id": "log_reply",
                                                   "private_metadata": json.dumps({"e": r.enrollment(handle).id, "s": 1}),
                                                   "state": {"values": {"input": {"reply_text": {"value": "  "}}}}}}
    body = urlencode({"payload": json.dumps(payload)})
    answer = r.sender.post(body, "application/x-www-form-urlencoded", sign(body)).json()
    assert answer == {"response_action": "errors", "errors": {"input": "Paste their reply, or upload the email as an .eml file."}}
    assert reply


def test_a_reply_for_someone_never_contacted_is_explained(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Fay Fresh")
    reply = r.cmd(f"reply {handle} hi there")
    assert "not in a sequence" in reply["text"] and "Example" in reply["text"]
    with services.db.session() as s:
        assert s.scalar(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                        .where(Candidate.github == handle)) is None
