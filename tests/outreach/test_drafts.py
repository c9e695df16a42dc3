"""Drafts, business days and the outreach templates, without Slack: pure rendering and date arithmetic."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest

from bot.core.errors import UserError
from bot.core.people import add_business_days, due_moment
from bot.core.render import render
from bot.outreach.drafts import pick_hooks, render_draft
from bot.outreach.messages import quote_mrkdwn
from bot.outreach.sequences import default_templates, parse_days
from tests.slackkit import validate_blocks

TODAY = date(2026, 11, 21)
QUESTIONS = ["How would you cut p99 latency of a 7B model on one GPU?", "What did you ship last quarter?"]
PITCH = {"pitch": {"company": "Acme", "problem": "serving 7B models at 20 ms p99", "people": "a team of five",
                   "purpose": "making speech tools affordable for schools", "product": "our inference platform"}}


def _snap(**signals) -> dict:
    return {"name": "Ada Example", "github": "ada-ex", "signals": signals}


def _drafts(snap: dict, settings: dict | None = PITCH) -> list[str]:
    return [render_draft(template=f"step_{i}", candidate_name="Ada Example", snapshot=snap, role_title="ML Engineer",
                         questions=QUESTIONS, step=i, total=5, team_settings=settings, sender="Sam", today=TODAY).text
            for i in range(1, 6)]


PR_SNAP = _snap(merged_prs=[{"repo": "pytorch/pytorch", "merged_at": "2026-10-01", "title": "Fix SDPA masks",
                             "url": "https://github.com/pytorch/pytorch/pull/1"}],
                hf_models=[{"id": "ada-ex/tiny-rag", "downloads": 12000, "has_card": True}])


def test_first_draft_names_the_specific_contribution_and_leads_with_the_problem():
    first = _drafts(PR_SNAP)[0]
    assert "your PR to pytorch/pytorch, “Fix SDPA masks” (https://github.com/pytorch/pytorch/pull/1)" in first
    assert first.index("serving 7B models") < first.index("our inference platform")
    assert not re.search(r"salary|compensation|\$\d|pay\b", first, re.IGNORECASE)  # the problem, not the pay
    assert len(first) < 900  # short


def test_every_follow_up_adds_something_new():
    drafts = _drafts(PR_SNAP)
    bodies = [d.split("\n", 2)[2] for d in drafts]  # without the subject line
    assert len(set(bodies)) == 5
    for d in drafts[1:]:
        assert not re.search(r"just (bumping|following up|checking in)|circling back", d, re.IGNORECASE)
        assert d.startswith("Subject: Re: About your pytorch/pytorch PR")
    assert "a team of five" in drafts[1] and "tiny-rag" in drafts[1]  # People, and their other work
    assert all(q in drafts[2] for q in QUESTIONS)  # Passion: the problem, with the screening questions
    assert "making speech tools affordable" in drafts[3] and "72 hours" in drafts[3]  # Purpose, the hiring clock
    assert "introduction" in drafts[4] and "stop here" in drafts[4]  # a graceful close


def test_no_evidence_means_an_honest_generic_draft():
    d = render_draft(template="step_1", candidate_name="Nobody Known", snapshot={"name": "Nobody Known"},
                     role_title="ML Engineer", questions=[], step=1, total=5, team_settings={}, sender=None, today=TODAY)
    assert d.generic and "No public work observed" in d.basis
    assert "I came across" not in d.text and "[Add one specific line about their work here.]" in d.text
    assert d.placeholders == ("company", "problem", "people", "purpose", "product")
    assert "[company]" in d.text


@pytest.mark.parametrize("signals,expected", [
    ({"hf_models": [{"id": "ada-ex/tiny-rag", "downloads": 12000, "has_card": True}]},
     "your Hugging Face model ada-ex/tiny-rag, with 12k downloads"),
    ({"repos": [{"name": "ada-ex/serve-kit", "stars": 340, "has_tests": True}]}, "your repo ada-ex/serve-kit, with 340★"),
    ({"papers": [{"id": "2604.01234", "title": "Sparse Serving", "categories": ["cs.LG"], "published": "2026-04-03"}]},
     "your paper “Sparse Serving”"),
])
def test_the_hook_is_their_strongest_public_work(signals, expected):
    assert expected in _drafts(_snap(**signals))[0]


def test_a_paper_found_only_by_name_is_never_named_to_the_candidate():
    snap = _snap(papers=[{"id": "2604.0001", "title": "Maybe Theirs", "categories": ["cs.LG"], "name_match": True}])
    assert pick_hooks(snap, today=TODAY) == ()


def test_role_weights_decide_which_work_leads():
    hooks = pick_hooks(PR_SNAP, today=TODAY, weights={"oss": 30, "hf": 1})
    assert hooks[0].kind == "pr"
    hooks = pick_hooks(PR_SNAP, today=TODAY, weights={"oss": 1, "hf": 30})
    assert hooks[0].kind == "hf"


def test_quote_escapes_every_line_and_stays_within_the_limit():
    q = quote_mrkdwn("a <b> & c\n\nsecond" + "x" * 5000)
    assert q.startswith("> a &lt;b&gt; &amp; c\n>\n> second") and len(q) == 3000


# -- business days -------------------------------------------------------------------------------------
@pytest.mark.parametrize("start,n,expected", [
    (date(2027, 3, 4), 0, date(2027, 3, 4)),   # Thu + 0 = Thu
    (date(2027, 3, 4), 3, date(2027, 3, 9)),   # Thu + 3 = Tue (Fri, Mon, Tue)
    (date(2027, 3, 5), 1, date(2027, 3, 8)),   # Fri + 1 = Mon
    (date(2027, 3, 6), 3, date(2027, 3, 10)),  # Sat + 3 = Wed
    (date(2027, 3, 4), 21, date(2027, 4, 2)),  # the fifth step of the default sequence
])
def test_business_days_skip_weekends(start, n, expected):
    assert add_business_days(start, n) == expected


def test_due_moment_is_nine_local_across_dst():
    assert due_moment(date(2027, 3, 26), "Europe/Berlin") == datetime(2027, 3, 26, 8, tzinfo=UTC)
    assert due_moment(date(2027, 3, 29), "Europe/Berlin") == datetime(2027, 3, 29, 7, tzinfo=UTC)
    assert due_moment(date(2027, 3, 29), "Not/AZone") == datetime(2027, 3, 29, 9, tzinfo=UTC)


def test_parse_days_accepts_increasing_offsets_from_zero():
    assert parse_days("0,3,7,14,21") == (0, 3, 7, 14, 21)
    for bad in ("", "a,b", "1,3", "0,3,3", "0,1,2,3,4,5,6,7,8", "0,200"):
        with pytest.raises(UserError):
            parse_days(bad)


def test_default_templates_open_follow_up_and_close():
    assert default_templates(5) == ["step_1", "step_2", "step_3", "step_4", "step_5"]
    assert default_templates(3) == ["step_1", "step_2", "step_5"]
    assert default_templates(7) == ["step_1", "step_2", "step_3", "step_4", "step_4", "step_4", "step_5"]


# -- templates with sample data ----------------------------------------------------------------------------
NASTY = "Zoë <script> & \"friends\""
AT = datetime(2027, 3, 4, 9, 0, tzinfo=UTC)


def test_nudge_template_renders_valid_blocks_with_and_without_an_outcome():
    ctx = dict(cand={"id": 12, "name": NASTY * 20, "profile_url": "https://github.com/zoe-ex"}, role_title=NASTY,
               step=2, total=5, started=False, due_since=AT, due_since_local=AT.date(),
               draft={"text": NASTY + "\n" * 3 + "x" * 4000, "basis": "Built on: merged PR", "generic": False,
                      "placeholders": True},
               question={"at": AT, "text": NASTY * 50}, email="z@example.com",
               value="12:2", block_prefix="nudge-12-2", first_name="Zoë" * 50, outcome=None, outcome_id=1)
    msg = render("outreach/nudge.json.j2", **ctx)
    validate_blocks(msg["blocks"])
    stop = next(e for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "nudge_stop")
    assert len(stop["confirm"]["title"]["text"]) <= 100 and len(stop["confirm"]["text"]["text"]) <= 300
    done = render("outreach/nudge.json.j2", **(ctx | {"outcome": "✅ Marked sent by <@U1>"}))
    validate_blocks(done["blocks"])
    assert not any(b["type"] == "actions" for b in done["blocks"])


def test_reply_modal_and_result_templates_render_valid_blocks():
    form = render("outreach/log_reply_modal.json.j2", name="Zoë &lt;x&gt;", metadata=json.dumps({"e": 1, "s": 2}), result_blocks=None)
    validate_blocks(form["blocks"], limit=100)
    assert form["callback_id"] == "log_reply" and len(form["title"]["text"]) <= 24
    reply = render("outreach/reply.json.j2", name=NASTY, label="not now", confidence=0.9,
                   matched=["ping me", "in March"], next_step="Stop", done=["Stopped the sequence."],
                   suggestion="Say thanks", questions=["Q1?"], logged_by="U1", extra_blocks=[])
    validate_blocks(reply["blocks"])
    result = render("outreach/log_reply_modal.json.j2", name="Zoë", metadata="{}", result_blocks=reply["blocks"])
    validate_blocks(result["blocks"], limit=100)
    assert "submit" not in result


@pytest.mark.parametrize("name,ctx", [
    ("outreach/reengage.json.j2", dict(cand={"id": 1, "name": NASTY, "profile_url": None, "github": None},
                                       role={"id": 2, "title": NASTY}, said={"at": AT, "text": NASTY}, block_prefix="re-1")),
    ("outreach/status.json.j2", dict(text="t", title="*Your active sequences* (2)", chunks=[["• a"], ["• b"]], footer="f")),
    ("outreach/stats.json.j2", dict(text="t", title="*Outreach stats*", overview="o", step_lines=[], intent_lines=[],
                                    footer="f")),
    *[("deadlines/deadline.json.j2", dict(kind=kind, public=public, block_prefix="deadline-1", role_title=NASTY,
                                          cand={"id": 1, "name": NASTY, "profile_url": None, "ref": "#1"},
                                          what="resume review", hours=72, next_stage="review", late=40, stage="shortlisted",
                                          entered_at=AT, due_at=AT, channel="C0HIRING", escalate_hours=108, owner="U1"))
      for kind, public in (("due", False), ("escalation", False), ("escalation", True))],
])
def test_other_outreach_templates_render_valid_blocks(name, ctx):
    msg = render(name, **ctx)
    assert msg["text"]
    validate_blocks(msg["blocks"])
