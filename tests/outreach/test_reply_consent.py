"""Replies through the paths users take: pasted email layouts, raw auto-replies, the one-click confirm and Change label."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlencode

from sqlalchemy import select

from bot.core.models import AuditEvent, Candidate, PipelineEntry, Touch
from bot.core.render import render
from tests.outreach.test_e2e import Recruiter, as_message, blocks_of, buttons, utc
from tests.slackkit import sign, validate_blocks

GMAIL = ("{reply}\n\nBest,\nAna\n\nOn Mon, Nov 30, 2026 at 10:14 AM Maria Schmidt <maria@nimbus.example> wrote:\n"
         "> Hi Ana, would you be open to a chat? If you're not interested, just say so. Reply STOP to unsubscribe\n"
         "> and we'll remove you from our list and delete your data.\n")
AUTO_REPLY = ("Return-Path: <>\nFrom: Ana Souza <ana@example.org>\nTo: Maria Schmidt <maria@nimbus.example>\n"
              "Subject: Automatic reply: Senior ML Engineer\nAuto-Submitted: auto-replied\n"
              "Content-Type: text/plain; charset=utf-8\n\nThanks for your email. I'm travelling and will answer "
              "when I'm back on 22 March 2027.\n")


def _reply(r: Recruiter, handle: str, text: str) -> dict:
    reply = r.cmd(f"reply {handle} {text}")
    assert "blocks" in reply, reply
    validate_blocks(reply["blocks"])
    return reply


def _candidate(services, handle: str) -> Candidate:
    with services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.github == handle))
        s.expunge(cand)
        return cand


def _audit(services, cand_id: int) -> list[str]:
    with services.db.session() as s:
        return list(s.scalars(select(AuditEvent.action).where(AuditEvent.candidate_id == cand_id)
                              .order_by(AuditEvent.id)))


def _select(r: Recruiter, value: str, *, view: dict | None = None) -> None:
    """Pick an option in the Change label menu, as Slack sends a static_select (in a message or in a modal)."""
    form = parse_qs(r.sender.action_body("reply_relabel", value))
    payload = json.loads(form["payload"][0])
    payload["actions"] = [{"action_id": "reply_relabel", "block_id": "reply-act", "type": "static_select",
                           "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": value},
                           "action_ts": "1.2"}]
    if view is not None:
        payload.pop("message")
        payload.pop("response_url")
        payload["container"] = {"type": "view", "view_id": view["id"]}
        payload["view"] = view
    body = urlencode({"payload": json.dumps(payload)})
    assert r.sender.post(body, "application/x-www-form-urlencoded", sign(body)).status_code == 200


def _options(blocks: list[dict]) -> dict[str, str]:
    menu = buttons(blocks)["reply_relabel"]
    return {o["text"]["text"]: o["value"] for o in menu["options"]}


def test_a_gmail_reply_is_read_from_its_new_text_not_the_quoted_stop_words(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Ana Layout")
    r.start(handle)
    reply = _reply(r, handle, GMAIL.format(reply="Sounds great, happy to chat next week!"))
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *interested*" in body
    assert "only their new text, not the quoted history or the signature and footer" in body
    assert _candidate(services, handle).do_not_contact is False
    assert r.enrollment(handle).stop_reason == "interested"
    with services.db.session() as s:
        text = s.scalar(select(Touch.text).where(Touch.kind == "reply", Touch.enrollment_id == r.enrollment(handle).id))
    assert text == "Sounds great, happy to chat next week!"


def test_a_pasted_raw_auto_reply_keeps_the_sequence_waiting_past_its_return_date(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Otto Header")
    r.start(handle)
    r.rewind(handle, "2027-03-04T10:00:00+01:00")
    reply = _reply(r, handle, AUTO_REPLY)
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *out of office*" in body and "Auto-Submitted: auto-replied" in body
    enr = r.enrollment(handle)
    assert enr.status == "active"
    assert enr.next_due_at == utc("2027-03-23T08:00:00+00:00")


def test_a_german_stop_request_under_an_outlook_block_marks_do_not_contact(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Jonas Stopp")
    r.start(handle)
    text = ("Bitte kontaktieren Sie mich nicht mehr.\n\nVon: Maria Schmidt <maria@nimbus.example>\n"
            "Gesendet: Montag, 30. November 2026 10:14\nAn: Jonas <j@example.de>\nBetreff: Senior ML Engineer\n\n"
            "Hallo Jonas, hätten Sie Lust auf ein Gespräch?")
    reply = _reply(r, handle, text)
    assert "read as *unsubscribe*" in json.dumps(reply["blocks"], ensure_ascii=False)
    assert _candidate(services, handle).do_not_contact is True


def test_a_stop_cue_only_below_the_message_asks_for_one_click_and_the_click_is_audited(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Sia Suspect")
    r.start(handle)
    reply = _reply(r, handle, "Happy to hear more about the role.\n\n--\nSia\nPS: please remove me from your mailing list")
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "read as *interested*" in body and "did *not* mark" in body
    cand = _candidate(services, handle)
    assert cand.do_not_contact is False
    confirm = buttons(reply["blocks"])["reply_confirm_unsubscribe"]
    assert confirm["style"] == "danger"
    r.click("reply_confirm_unsubscribe", confirm["value"])
    update = r.wait_response()
    assert update["replace_original"] is True
    validate_blocks(update["blocks"])
    assert "marked them *do not contact*" in json.dumps(update["blocks"], ensure_ascii=False)
    assert _candidate(services, handle).do_not_contact is True
    assert _audit(services, cand.id) == ["unsubscribe_confirmed"]
    assert "asked not to be contacted" in r.cmd(f"start {handle}")["text"]


def test_change_label_moves_the_pipeline_and_is_audited(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Nia Later")
    r.start(handle)
    reply = _reply(r, handle, "Not right now, ping me in March.")
    assert "read as *not now*" in json.dumps(reply["blocks"])
    options = _options(reply["blocks"])
    assert "not now" not in options and len(options) == 7
    _select(r, options["interested"])
    update = r.wait_response()
    validate_blocks(update["blocks"])
    body = json.dumps(update["blocks"], ensure_ascii=False)
    assert "read as *interested*" in body and "Changed from *not now* to *interested*" in body
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason) == ("replied", "interested")
    with services.db.session() as s:
        stage = s.scalar(select(PipelineEntry.stage).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
                         .where(Candidate.github == handle))
        intent = s.scalar(select(Touch.intent).where(Touch.kind == "reply", Touch.enrollment_id == enr.id))
    assert stage == "replied" and intent == "interested"
    assert _audit(services, _candidate(services, handle).id) == ["relabel:later>int"]


def test_changing_an_unsubscribe_to_a_question_reopens_the_sequence_and_lifts_do_not_contact(server, slack, services,
                                                                                             team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Una Mistake")
    r.start(handle)
    reply = _reply(r, handle, "Please remove me from your list and don't contact me again.")
    assert _candidate(services, handle).do_not_contact is True
    _select(r, _options(reply["blocks"])["question"])
    update = r.wait_response()
    assert "Changed from *unsubscribe* to *question*" in json.dumps(update["blocks"])
    assert "no longer marked do-not-contact" in json.dumps(update["blocks"])
    assert _candidate(services, handle).do_not_contact is False
    assert r.enrollment(handle).status == "active"
    assert _audit(services, _candidate(services, handle).id) == ["relabel:unsub>q"]


def test_the_log_reply_modal_reads_an_outlook_reply_and_changes_its_label_in_place(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Mo Outlook")
    r.start(handle)
    r.rewind(handle, "2027-03-04T10:00:00+01:00")
    clock.tick("2027-03-05T08:30:00+00:00")
    dm = r.dms()[-1]
    r.click("nudge_log_reply", buttons(blocks_of(dm))["nudge_log_reply"]["value"], message=as_message(dm))
    opened = slack.wait_for("views.open")[-1].args
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    text = ("Thanks, but I'm not interested.\n\nGet Outlook for iOS\n________________________________\n"
            "From: Sam <sam@acme.example>\nSent: Monday, March 1, 2027 10:14 AM\nTo: Mo <mo@example.org>\n"
            "Subject: Role\n\nNot interested? Reply STOP to unsubscribe; we'll delete your data.")
    payload = {"type": "view_submission", "team": {"id": team}, "user": {"id": r.user, "team_id": team},
               "api_app_id": "A0HIREBOT", "view": view | {"id": "V0MODAL", "state": {"values": {
                   "input": {"reply_text": {"type": "plain_text_input", "value": text}}}}}}
    body = urlencode({"payload": json.dumps(payload)})
    answer = r.sender.post(body, "application/x-www-form-urlencoded", sign(body)).json()
    blocks = answer["view"]["blocks"]
    validate_blocks(blocks, limit=100)
    assert "read as *not interested*" in json.dumps(blocks)
    assert _candidate(services, handle).do_not_contact is False
    _select(r, _options(blocks)["not now"], view=answer["view"] | {"id": "V0MODAL"})
    updated = slack.wait_for("views.update")[-1].args
    assert updated["view_id"] == "V0MODAL"
    new_view = json.loads(updated["view"]) if isinstance(updated["view"], str) else updated["view"]
    validate_blocks(new_view["blocks"], limit=100)
    assert "Changed from *not interested* to *not now*" in json.dumps(new_view["blocks"])
    assert r.enrollment(handle).stop_reason == "not_now"


def test_the_reply_template_escapes_the_read_note_and_the_confirm_reason():
    reply = render("outreach/reply.json.j2", name="Zoë <@U1> & co", label="interested", confidence=0.9,
                   matched=["happy"], next_step="Stop", done=[], suggestion=None, questions=[], logged_by="U1",
                   extra_blocks=[], read_note="Read as an automatic reply (Subject: <!channel> & out).",
                   confirm="“remove me <http://x|y>” sits below their message, not in it", touch_id=7,
                   relabel=[{"value": "7:question", "text": "question"}])
    validate_blocks(reply["blocks"])
    text = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text and "&lt;http://x|y&gt;" in text
    assert buttons(reply["blocks"])["reply_confirm_unsubscribe"]["value"] == "7"


def test_a_raw_email_with_a_long_header_block_is_still_read_from_its_body(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Hal Headers")
    r.start(handle)
    received = "".join(f"Received: from relay{i}.example.org (relay{i}.example.org [203.0.113.{i}])\n\tby mx.example; "
                       f"Wed, 02 Dec 2026 08:01:{i:02d} +0000\n" for i in range(40))
    raw = received + AUTO_REPLY
    assert len(raw) > 4000
    reply = _reply(r, handle, raw)
    assert "read as *out of office*" in json.dumps(reply["blocks"])
