"""New work from known candidates: the weekly watch re-enriches someone the team passed on (from a fake GitHub over
HTTP), finds new merged PRs into pytorch/pytorch, and the owner gets one DM with the links and a Re-engage button;
the role's digest carries it; at most one alert a month; never for do-not-contact people; forget erases it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.core.models import Candidate, HeldNotification, NewWorkAlert
from bot.notify.newwork import find_new
from bot.privacy.export import export_data
from tests.conftest import Clock, app_settings
from tests.deadlines.test_e2e import _channel_posts
from tests.fakes.github import FakeGitHub, FakePR, FakeUser, require_schema
from tests.fakes.http import HandlerServer
from tests.outreach.test_e2e import Recruiter, as_message, blocks_of, buttons, utc
from tests.slackkit import validate_blocks


@pytest.fixture(scope="module")
def github():
    require_schema()
    fake = FakeGitHub()
    with HandlerServer(fake) as http:
        yield fake, http.url


@pytest.fixture(scope="module")
def watch_clock(github, sqlite_url, slack_server):
    """The clock on the served database, with GitHub at the fake."""
    found = Clock(app_settings(sqlite_url, slack_server.url, GITHUB_API_URL=github[1]))
    yield found
    found.stop()


def _pr(login: str, number: int, title: str) -> FakePR:
    # PyTorch lands PRs by closing them with the label "Merged"
    return FakePR("pytorch/pytorch", number, title, login, created_at="2027-02-01T10:00:00Z", merged_at=None,
                  closed_at="2027-02-20T10:00:00Z", labels=["Merged"])


def _known(r: Recruiter, services, github, name: str, number: int, *, dnc: bool = False) -> tuple[str, int]:
    """A candidate with one old merged PR, passed on by the team (a Slack command), last looked at long ago."""
    fake, _ = github
    login = f"{name.split()[0].lower()}-{r.team.lower()}"
    old = {"repo": "pytorch/pytorch", "merged_at": "2026-09-30", "title": "Old fix",
           "url": f"https://github.com/pytorch/pytorch/pull/{number}"}
    r.add(name, handle=login, merged_prs=[old])
    answer = r.sender.command("/candidate", f"stage {login} passed").json()
    assert "passed" in json.dumps(answer).lower(), answer
    with r.services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.team_id == r.team, Candidate.github == login))
        cand.enrichment_status, cand.enriched_at, cand.do_not_contact = "ok", utc("2020-01-01T00:00:00+00:00"), dnc
        cid = cand.id
    fake.users[login.lower()] = FakeUser(login, name=name)
    fake.pulls += [_pr(login, number, "Old fix"), _pr(login, number + 1, "Faster SDPA backward"),
                   _pr(login, number + 2, "Fix FSDP state dict for meta tensors")]
    return login, cid


def _alerts(services, team: str) -> list[NewWorkAlert]:
    with services.db.session() as s:
        rows = list(s.scalars(select(NewWorkAlert).where(NewWorkAlert.team_id == team)))
        s.expunge_all()
        return rows


def test_a_passed_candidates_new_merged_prs_reach_the_owner_once_with_links_and_re_engage(
        server, slack, services, team, github, watch_clock):
    fake, _ = github
    r = Recruiter(server, slack, services, team)
    private = "G" + team[1:]
    r.sender.channel_id = private
    assert "Subscribed" in r.sender.command("/hirebot", "digest here 09:00").json()["text"]
    login, cid = _known(r, services, github, "Ines Okafor", 7100)
    _known(r, services, github, "Dana Nocontact", 7200, dnc=True)

    watch_clock.tick("2027-03-08T08:30:00+00:00")  # Monday 09:30 CET: the watch looks, finds two new PRs
    alerts = _alerts(services, team)
    assert [(a.candidate_id, a.reason, len(a.items)) for a in alerts] == [(cid, "passed", 2)]  # none for do-not-contact
    watch_clock.tick("2027-03-08T08:31:00+00:00")  # the owner's DM goes out
    watch_clock.tick("2027-03-08T08:32:00+00:00")
    dms = r.dms()
    assert len(dms) == 1
    assert dms[0]["text"] == "Ines Okafor shipped 2 PRs into pytorch/pytorch since you last spoke."
    blocks = blocks_of(dms[0])
    validate_blocks(blocks)
    body = json.dumps(blocks, ensure_ascii=False)
    assert "https://github.com/pytorch/pytorch/pull/7101|Faster SDPA backward" in body
    assert "https://github.com/pytorch/pytorch/pull/7102" in body and "pull/7100" not in body
    button = buttons(blocks)["outreach_start"]
    assert button["text"]["text"] == "Re-engage" and button["value"].startswith(f"{cid}|")

    # The role's digest the next morning carries the news, with the same button (Monday's went out before it).
    before = len(_channel_posts(slack, private))
    watch_clock.tick("2027-03-09T08:00:00+00:00")  # Tuesday 09:00 CET
    posts = _channel_posts(slack, private)[before:]
    assert len(posts) == 1
    validate_blocks(blocks_of(posts[0]))
    digest = json.dumps(blocks_of(posts[0]), ensure_ascii=False)
    assert "shipped 2 PRs into pytorch/pytorch since you last spoke (you passed)" in digest
    assert posts[0]["text"] == "Ines Okafor shipped 2 PRs into pytorch/pytorch since you last spoke."
    assert any(b.get("accessory", {}).get("text", {}).get("text") == "Re-engage" for b in blocks_of(posts[0]))

    # A week later another PR: still at most one alert a month.
    fake.pulls.append(_pr(login, 7103, "Another one"))
    watch_clock.tick("2027-03-15T08:30:00+00:00")
    watch_clock.tick("2027-03-15T08:31:00+00:00")
    assert len(_alerts(services, team)) == 1 and len(r.dms()) == 1

    # Re-engage starts a new sequence from the DM.
    r.click("outreach_start", button["value"], message=as_message(dms[0]))
    started = r.wait_response()
    assert "Ines Okafor" in json.dumps(started, ensure_ascii=False)


def test_forget_erases_the_alert_and_anything_held_about_the_candidate(server, slack, services, team, github,
                                                                     watch_clock):
    r = Recruiter(server, slack, services, team)
    login, cid = _known(r, services, github, "Omar Forget", 7300)
    r.sender.command("/hirebot", "notify newwork summary 17:00")
    watch_clock.tick("2027-03-08T08:30:00+00:00")
    watch_clock.tick("2027-03-08T08:31:00+00:00")
    assert len(_alerts(services, team)) == 1
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(HeldNotification)
                        .where(HeldNotification.candidate_id == cid)) == 1  # waiting for the 17:00 summary
    with services.db.session() as s:  # `/candidate export` holds them too
        data = export_data(session=s, candidate=s.get(Candidate, cid))
    assert len(data["new_work_alerts"]) == 1 and len(data["held_notifications"]) == 1
    assert "Forgot" in r.sender.command("/candidate", f"forget {login}").json()["text"]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(NewWorkAlert).where(NewWorkAlert.candidate_id == cid)) == 0
        assert s.scalar(select(func.count()).select_from(HeldNotification)
                        .where(HeldNotification.candidate_id == cid)) == 0


def test_find_new_counts_only_tracked_libraries_real_downloads_and_kinds_seen_before():
    before = {"signals": {"merged_prs": [{"repo": "pytorch/pytorch", "url": "https://github.com/pytorch/pytorch/pull/1"}],
                          "hf_models": [{"id": "ines/old", "downloads": 5000}]}}
    after = {"signals": {
        "merged_prs": [{"repo": "pytorch/pytorch", "url": "https://github.com/pytorch/pytorch/pull/1"},
                       {"repo": "pytorch/pytorch", "url": "https://github.com/pytorch/pytorch/pull/2", "title": "New"},
                       {"repo": "someone/toy", "url": "https://github.com/someone/toy/pull/3", "title": "Toy"}],
        "hf_models": [{"id": "ines/old", "downloads": 9000}, {"id": "ines/new", "downloads": 12000},
                      {"id": "ines/hobby", "downloads": 3}],
        "papers": [{"id": "2703.00001", "title": "A paper"}]}}
    found = find_new(before, after)
    assert [(i["kind"], i["title"]) for i in found] == [("pr", "New"), ("model", "ines/new")]  # papers: first look
