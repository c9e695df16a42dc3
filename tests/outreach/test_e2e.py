"""Outreach through signed requests and the clock: start, nudges on business days, buttons, the modal, intents."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from sqlalchemy import select

from bot.core.models import Candidate, Enrollment, PipelineEntry, Role, Touch
from bot.core.people import add_business_days, due_moment, known_people, zone
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import SlackSender, validate_blocks

PRIVATE = "G0HIRING"
BERLIN = "Europe/Berlin"
PR = {"repo": "pytorch/pytorch", "merged_at": "2026-10-01", "title": "Fix SDPA mask broadcasting",
      "url": "https://github.com/pytorch/pytorch/pull/4242"}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def blocks_of(args: dict) -> list[dict]:
    blocks = args.get("blocks")
    return json.loads(blocks) if isinstance(blocks, str) else blocks


class Recruiter:
    """One recruiter of a fresh team: a Slack user with a timezone, sending signed requests."""

    def __init__(self, server, slack, services, team: str, tz: str = BERLIN):
        self.slack, self.services, self.team = slack, services, team
        self.user = "U" + team[1:]
        self.dm = "D" + self.user[1:]
        slack.users[self.user] = {"tz": tz, "real_name": "Sam Sourcer"}
        self.key = "o" + team.lower()
        self.sender = SlackSender(server, slack.response_url(self.key), team_id=team, user_id=self.user,
                                  channel_id=PRIVATE)

    def add(self, name: str = "Ada Lovelace", handle: str | None = None, **signals) -> str:
        handle = handle or f"{name.split()[0].lower()}-{self.team.lower()}"
        if "merged_prs" not in signals and not signals.pop("no_evidence", False):
            signals["merged_prs"] = [PR]
        load_snapshots(self.services, self.team, [snapshot(name, handle, **signals)])
        return handle

    def cmd(self, text: str) -> dict:
        resp = self.sender.command("/outreach", text)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def start(self, handle: str, extra: str = "") -> dict:
        reply = self.cmd(f"start {handle} {extra}".strip())
        assert "blocks" in reply, reply
        validate_blocks(reply["blocks"])
        return reply

    def click(self, action_id: str, value: str, message: dict | None = None, block_id: str = "b1") -> None:
        resp = self.sender.action(action_id, value, message=message, block_id=block_id,
                                  channel_id=self.dm if message else PRIVATE)
        assert resp.status_code == 200, resp.text

    def responses(self) -> list[dict]:
        return [c.args for c in self.slack.calls_to("response_url") if c.args.get("_key") == self.key]

    def wait_response(self, count: int = 1) -> dict:
        self.slack.wait_for("response_url", count=count)
        found = self.responses()
        assert len(found) >= count, found
        return found[count - 1]

    def dms(self) -> list[dict]:
        return [c.args for c in self.slack.calls_to("chat.postMessage") if c.args.get("channel") == self.dm]

    def enrollment(self, handle: str) -> Enrollment:
        with self.services.db.session() as s:
            enr = s.scalar(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                           .where(Candidate.team_id == self.team, Candidate.github == handle)
                           .order_by(Enrollment.id.desc()).limit(1))
            s.expunge(enr)
            return enr

    def rewind(self, handle: str, started: str) -> int:
        """Pretend the sequence started at `started` (the served app runs on real time, 2026)."""

        with self.services.db.session() as s:
            enr = s.scalar(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                           .where(Candidate.team_id == self.team, Candidate.github == handle,
                                  Enrollment.status == "active"))
            enr.started_at = utc(started)
            enr.next_due_at = due_moment(add_business_days(enr.started_at.astimezone(
                zone(BERLIN)).date(), 1), BERLIN)
            return enr.id


def buttons(blocks: list[dict]) -> dict[str, dict]:
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


def act_block(blocks: list[dict]) -> dict:
    return next(b for b in blocks if b["type"] == "actions")


def as_message(args: dict) -> dict:
    return {"type": "message", "ts": "1.2", "text": args.get("text", ""), "blocks": blocks_of(args)}


# -- start -----------------------------------------------------------------------------------------
def test_start_answers_with_a_personal_first_draft_and_moves_the_stage_to_contacted(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add()
    reply = r.start(handle)
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "Ada Lovelace" in reply["text"]
    assert "I came across your PR to pytorch/pytorch, “Fix SDPA mask broadcasting”" in body
    assert "https://github.com/pytorch/pytorch/pull/4242" in body
    draft = next(b for b in reply["blocks"] if b["block_id"].endswith("-draft"))["text"]["text"]
    assert draft.startswith("> Subject: About your pytorch/pytorch PR\n>\n> Hi Ada,")  # the draft as a quote
    btn = buttons(reply["blocks"])
    assert list(btn) == ["nudge_sent", "nudge_review_send", "nudge_log_reply", "nudge_snooze", "nudge_stop"]
    assert btn["nudge_sent"]["style"] == "primary" and btn["nudge_stop"]["style"] == "danger"
    assert "confirm" in btn["nudge_stop"]
    assert "Sam Sourcer" in body  # signed with the owner's name from users.info
    enr = r.enrollment(handle)
    assert enr.status == "active" and enr.current_step == 1 and enr.owner_user_id == r.user
    with services.db.session() as s:
        stage = s.scalar(select(PipelineEntry.stage).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
                         .where(Candidate.github == handle, Candidate.team_id == team))
    assert stage == "contacted"


def _known_tz(services, team: str, user: str) -> str | None:

    with services.db.session() as s:
        found = known_people(session=s, team_id=team).get(user)
    return found.tz if found else None


def test_start_answers_within_3s_when_users_info_is_rate_limited(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle, second = r.add("Rita Ratelimit"), r.add("Rolf Ratelimit")
    slack.fail("users.info", 429, retry_after=5)
    began = time.monotonic()
    reply = r.start(handle)
    assert time.monotonic() - began < 3, "the ack waited for users.info's Retry-After"
    assert "Rita Ratelimit" in reply["text"]
    deadline = time.monotonic() + 5  # asked again in the background, and remembered
    while _known_tz(services, team, r.user) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _known_tz(services, team, r.user) == BERLIN
    asked = len(slack.calls_to("users.info"))
    r.start(second)
    assert len(slack.calls_to("users.info")) == asked  # a known owner costs no Slack call on the ack path


def test_start_answers_within_3s_when_slack_is_slow(server, slack, services, team, monkeypatch):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Sol Slow")
    monkeypatch.setattr(slack, "latency", 6.0)  # every Web API answer takes 6 s
    began = time.monotonic()
    reply = r.start(handle)
    assert time.monotonic() - began < 3
    assert "Sol Slow" in reply["text"]
    assert r.enrollment(handle).owner_user_id == r.user
    monkeypatch.setattr(slack, "latency", 0.0)
    # The timed-out call and the background retry both land (6 s on); wait, so no later test records them.
    assert len(slack.wait_for("users.info", count=2, timeout=15)) == 2
    deadline = time.monotonic() + 10
    while _known_tz(services, team, r.user) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _known_tz(services, team, r.user) == BERLIN


def test_a_candidate_without_public_work_gets_an_honest_generic_draft(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Nina Nowork", no_evidence=True)
    reply = r.start(handle)
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "No public work observed, so this draft is generic" in body
    assert "I came across" not in body
    assert "[Add one specific line about their work here.]" in body


def test_do_not_contact_candidates_are_refused(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Dora Donot")
    with services.db.session() as s:
        s.scalar(select(Candidate).where(Candidate.github == handle)).do_not_contact = True
    reply = r.cmd(f"start {handle}")
    assert "asked not to be contacted" in reply["text"]
    with services.db.session() as s:
        assert s.scalar(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                        .where(Candidate.github == handle)) is None


def test_a_second_start_while_active_is_refused(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add()
    r.start(handle)
    reply = r.cmd(f"start {handle}")
    assert "already in a sequence" in reply["text"]


def test_start_outreach_button_from_a_shortlist_sends_the_draft(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Bea Button")
    with services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.github == handle))
        role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
        value = f"{cand.id}|{role.id}|ml-engineer 10"
    r.click("outreach_start", value)
    reply = r.wait_response()
    assert reply["replace_original"] is False and reply["response_type"] == "ephemeral"
    validate_blocks(reply["blocks"])
    assert "Bea Button" in reply["text"]
    assert r.enrollment(handle).status == "active"


# -- nudges on business days --------------------------------------------------------------------------
def test_follow_up_is_due_on_its_business_day_across_a_weekend_and_once_a_day(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Mateo Lindqvist")
    reply = r.start(handle)
    enr_id = r.rewind(handle, "2027-03-04T10:00:00+01:00")  # Thursday
    r.click("nudge_sent", f"{enr_id}:1", block_id=act_block(reply["blocks"])["block_id"])
    r.wait_response()
    # Step 2 is 3 business days after Thursday: Fri, Mon, Tue -> Tuesday 09:00 Berlin (08:00 UTC).
    assert r.enrollment(handle).next_due_at == utc("2027-03-09T08:00:00+00:00")
    clock.tick("2027-03-06T10:00:00+00:00")  # Saturday
    clock.tick("2027-03-08T10:00:00+00:00")  # Monday
    clock.tick("2027-03-09T07:30:00+00:00")  # Tuesday 08:30 Berlin: not yet
    assert r.dms() == []
    clock.tick("2027-03-09T08:05:00+00:00")
    clock.tick("2027-03-09T08:06:00+00:00")
    clock.tick("2027-03-09T15:00:00+00:00")
    dms = r.dms()
    assert len(dms) == 1
    assert dms[0]["text"] == "Follow-up 2 of 5 to Mateo Lindqvist is due today."
    blocks = blocks_of(dms[0])
    validate_blocks(blocks)
    assert "Follow-up 2 of 5 to *<https://github.com/" in blocks[0]["text"]["text"]
    assert "who you'd work with" in json.dumps(blocks)  # the follow-up adds something new (People)
    assert list(buttons(blocks)) == ["nudge_sent", "nudge_review_send", "nudge_log_reply", "nudge_snooze", "nudge_stop"]
    # Ignored: it comes back the next working day, once.
    clock.tick("2027-03-10T08:30:00+00:00")
    clock.tick("2027-03-10T16:00:00+00:00")
    dms = r.dms()
    assert len(dms) == 2
    assert "has been due since" in dms[1]["text"]


def test_mark_sent_records_a_touch_schedules_the_next_step_and_replaces_the_buttons(server, slack, services, team,
                                                                                     clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Sara Sent")
    r.start(handle)
    enr_id = r.rewind(handle, "2027-03-04T10:00:00+01:00")
    r.click("nudge_sent", f"{enr_id}:1")
    first = r.wait_response()
    assert first["replace_original"] is True
    validate_blocks(first["blocks"])
    assert not any(b["type"] == "actions" for b in first["blocks"])
    assert f"Step 1 of 5 marked sent by <@{r.user}>" in json.dumps(first["blocks"])
    clock.tick("2027-03-09T08:30:00+00:00")
    dm = r.dms()[-1]
    blocks = blocks_of(dm)
    r.click("nudge_sent", buttons(blocks)["nudge_sent"]["value"], message=as_message(dm),
            block_id=act_block(blocks)["block_id"])
    update = r.wait_response(2)
    validate_blocks(update["blocks"])
    assert update["replace_original"] is True
    assert not any(b["type"] == "actions" for b in update["blocks"])
    assert blocks[0] == update["blocks"][0]  # the rest of the DM stays as it was
    done = json.dumps(update["blocks"])
    assert f"Step 2 of 5 marked sent by <@{r.user}>" in done and "<!date^" in done
    enr = r.enrollment(handle)
    assert enr.current_step == 3
    assert enr.next_due_at == utc("2027-03-15T08:00:00+00:00")  # Thu + 7 business days = Mon 15th, 09:00 Berlin
    with services.db.session() as s:
        sent = list(s.scalars(select(Touch.step).where(Touch.enrollment_id == enr_id, Touch.kind == "sent")))
    assert sorted(sent) == [1, 2]
    # Clicking the same button again changes nothing.
    r.click("nudge_sent", buttons(blocks)["nudge_sent"]["value"], message=as_message(dm),
            block_id=act_block(blocks)["block_id"])
    again = r.wait_response(3)
    assert "Already handled" in json.dumps(again["blocks"])
    assert r.enrollment(handle).current_step == 3


def test_snooze_moves_the_step_by_one_business_day(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Sven Snooze")
    r.start(handle)
    enr_id = r.rewind(handle, "2027-03-09T10:00:00+01:00")  # Tuesday: step 2 is due on Friday
    r.click("nudge_sent", f"{enr_id}:1")
    r.wait_response()
    clock.tick("2027-03-12T08:30:00+00:00")  # Friday
    assert len(r.dms()) == 1
    r.click("nudge_snooze", f"{enr_id}:2")
    update = r.wait_response(2)
    assert "Snoozed by" in json.dumps(update["blocks"])
    # From Friday, one business day later is Monday.
    assert r.enrollment(handle).next_due_at == utc("2027-03-15T08:00:00+00:00")
    with services.db.session() as s:
        assert s.scalar(select(Touch.kind).where(Touch.enrollment_id == enr_id, Touch.step == 2)) == "snooze"
    clock.tick("2027-03-12T15:00:00+00:00")
    clock.tick("2027-03-15T07:00:00+00:00")  # Monday 08:00 Berlin
    assert len(r.dms()) == 1
    clock.tick("2027-03-15T08:10:00+00:00")
    assert len(r.dms()) == 2


def test_stop_ends_the_sequence_and_no_nudge_follows(server, slack, services, team, clock):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Stan Stop")
    reply = r.start(handle)
    enr_id = r.rewind(handle, "2027-03-04T10:00:00+01:00")
    r.click("nudge_stop", buttons(reply["blocks"])["nudge_stop"]["value"])
    update = r.wait_response()
    validate_blocks(update["blocks"])
    assert f"Sequence stopped by <@{r.user}>" in json.dumps(update["blocks"])
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason, enr.next_due_at) == ("stopped", "manual", None)
    clock.tick("2027-03-08T09:00:00+00:00")
    assert r.dms() == []
    assert enr.id == enr_id


def test_stop_command_stops_the_active_sequence(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Cora Command")
    r.start(handle)
    reply = r.cmd(f"stop {handle}")
    assert "Stopped outreach to *Cora Command*" in reply["text"]
    assert r.enrollment(handle).status == "stopped"
    assert "no active sequence" in r.cmd(f"stop {handle}")["text"]


# -- status, stats, sequences, pitch ---------------------------------------------------------------------
def test_status_lists_my_active_sequences_with_reader_local_dates(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    a, b = r.add("Ann Status"), r.add("Bob Status")
    r.start(a)
    r.start(b)
    reply = r.cmd("status")
    validate_blocks(reply["blocks"])
    body = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "Your active sequences* (2)" in body
    assert "Ann Status" in body and "Bob Status" in body and "step 1 of 5" in body
    assert "<!date^" in body and "{date_short_pretty}" in body
    one = r.cmd(f"status {a}")
    validate_blocks(one["blocks"])
    assert "Ann Status" in json.dumps(one["blocks"]) and "Bob Status" not in json.dumps(one["blocks"])


def test_stats_report_reply_rate_per_step_and_intent(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    a, b = r.add("Ann Stats"), r.add("Bob Stats")
    r.start(a)
    r.start(b)
    r.click("nudge_sent", f"{r.enrollment(a).id}:1")
    r.click("nudge_sent", f"{r.enrollment(b).id}:1")
    r.wait_response(2)
    r.cmd(f"reply {a} Sounds great, happy to chat!")
    reply = r.cmd("stats ml-engineer")
    validate_blocks(reply["blocks"])
    body = json.dumps(reply["blocks"])
    assert "Step 1: 1 of 2 (50%)" in body
    assert "interested: 1 (100%)" in body
    assert "median time to reply" in body
    assert "2 contacted" in body and "*1 replied* (50% of those contacted)" in body


def test_sequences_can_be_listed_and_set_and_bad_days_are_explained(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    listed = r.cmd("sequence list")["text"]
    assert "`default`: 5 steps · day 0 (step_1), day 3 (step_2), day 7 (step_3), day 14 (step_4), day 21 (step_5)" in listed
    bad = r.cmd("sequence set quick days:3,1")["text"]
    assert "first step" in bad and "Example" in bad
    bad = r.cmd("sequence set quick days:0,5,2")["text"]
    assert "must increase" in bad
    ok = r.cmd("sequence set quick days:0,2,5")["text"]
    assert "`quick` now has 3 steps: day 0 (step_1), day 2 (step_2), day 5 (step_5)" in ok
    handle = r.add("Quick Quentin")
    typo = r.cmd(f"start {handle} quik")
    assert "No sequence called 'quik'" in typo["text"] and "`quick`" in typo["text"]
    reply = r.start(handle, "quick")
    assert "3 steps" in json.dumps(reply["blocks"])


def test_pitch_fills_the_drafts_brackets(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    reply = r.cmd('pitch company:"Acme Robotics" problem:"real-time grasp planning on tiny GPUs"')
    assert "Acme Robotics" in reply["text"] and "Still open: people, purpose, product" in reply["text"]
    handle = r.add("Pia Pitch")
    body = json.dumps(r.start(handle)["blocks"], ensure_ascii=False)
    assert "at Acme Robotics we're working on real-time grasp planning on tiny GPUs" in body
    assert "[what they would build]" in body and "/outreach pitch" in body


def test_outreach_help_and_unknown_subcommands(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    assert "/outreach" in r.cmd("help")["text"]
    bad = r.cmd("strat octocat")
    assert "no `strat` subcommand" in bad["text"] and "start" in bad["text"]
