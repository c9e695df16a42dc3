"""From `/candidate add github:x` to a scored shortlist entry, the app talking to a fake GitHub over HTTP."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Clock, InProcessApp, app_settings
from tests.fakes.github import FakeGitHub, FakePR, FakeRepo, FakeUser, require_schema
from tests.fakes.http import HandlerServer
from tests.slackkit import SlackSender, new_team


@pytest.fixture(scope="module")
def github():
    require_schema()
    fake = FakeGitHub(
        users=[FakeUser("kai-demo", name="Kai Demo", location="Zürich, Switzerland",
                        repos=[FakeRepo("kai-demo/infer-kit", stars=380, forks=45, topics=["mlops", "inference"],
                                        files=["Dockerfile", "tests/", "README.md", ".github/"], workflows=["ci.yml"])])],
        pulls=[FakePR("pytorch/pytorch", 9100042, "Speed up FSDP sharded state dict", "kai-demo",
                      created_at="2026-10-01T10:00:00Z", merged_at=None, closed_at="2026-10-05T10:00:00Z", labels=["Merged"]),
               FakePR("huggingface/transformers", 9100043, "Fix generation cache for long prompts", "kai-demo",
                      created_at="2026-09-20T10:00:00Z", merged_at="2026-09-25T10:00:00Z")])
    with HandlerServer(fake) as http:
        yield fake, http.url


@pytest.fixture(scope="module")
def enriching_settings(github, sqlite_url, slack_server):
    """The served settings, with GitHub at the fake and a token that must never reach a log line."""
    _, url = github
    return app_settings(sqlite_url, slack_server.url, GITHUB_API_URL=url, GITHUB_TOKEN="ghp_testtoken1234567890")


@pytest.fixture(scope="module")
def enriching_server(enriching_settings, app_log):
    app = InProcessApp(enriching_settings, app_log)
    yield app
    app.stop()


@pytest.fixture(scope="module")
def enriching_clock(enriching_settings):
    found = Clock(enriching_settings)
    yield found
    found.stop()


def test_added_candidate_is_enriched_scored_and_shortlisted(enriching_server, github, slack):
    fake, _ = github
    sender = SlackSender(enriching_server, slack.response_url("e"), team_id=new_team())
    before = dict(fake.counts)
    reply = sender.command("/candidate", "add github:kai-demo role:ml-engineer").json()
    assert "Looking up their public work" in reply["text"]
    card = slack.wait_for("response_url", timeout=20)
    assert card, "the card follows once enrichment finishes"
    blob = json.dumps(card[-1].args, ensure_ascii=False)
    assert "Enriched from public sources" in blob and "Kai Demo" in blob
    # One GraphQL request per candidate; PyTorch's label-merged PR came in the same request.
    assert fake.counts["graphql"] - before.get("graphql", 0) == 1
    assert fake.counts["search"] - before.get("search", 0) == 0
    shortlist = json.dumps(sender.command("/shortlist", "ml-engineer 5").json(), ensure_ascii=False)
    assert "Kai Demo" in shortlist
    assert "pytorch/pytorch" in shortlist and "infer-kit" in shortlist
    assert "Zürich" in shortlist
    assert "ghp_testtoken" not in enriching_server.log()  # tokens never reach the logs


def test_a_github_outage_leaves_the_candidate_pending_then_the_clock_retries(enriching_server, github, slack, services,
                                                                            enriching_clock):
    import httpx
    from sqlalchemy import select

    from bot.core.models import Candidate

    fake, _ = github
    team = new_team()
    sender = SlackSender(enriching_server, slack.response_url("o"), team_id=team)
    fake.fail_next("graphql", httpx.Response(502, json={"message": "Server Error"}), times=10)
    reply = sender.command("/candidate", "add github:kai-demo")
    assert reply.status_code == 200
    notice = slack.wait_for("response_url", timeout=20)
    assert notice and "unavailable right now" in json.dumps(notice[-1].args)
    with services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.team_id == team))
        assert cand.enrichment_status == "pending" and cand.enrich_after is not None
        cid = cand.id
    fake._injected.clear()  # GitHub is back
    totals = enriching_clock.tick("2027-06-01T12:00:00+00:00")
    assert "enrichment_retried" in totals
    with services.db.session() as s:
        cand = s.get(Candidate, cid)
        assert cand.enrichment_status == "ok" and cand.name == "Kai Demo"


def test_discover_adds_recent_contributors_including_label_merged_pytorch_prs(enriching_server, github, slack, services):
    from sqlalchemy import select

    from bot.core.models import Candidate
    from tests.fakes.github import FakePR

    fake, _ = github
    fake.pulls += [
        FakePR("pytorch/pytorch", 9100050, "Fix autograd edge case", "lena-demo", created_at="2026-11-01T10:00:00Z",
               closed_at="2026-11-10T10:00:00Z", updated_at="2026-11-10T10:00:00Z", labels=["Merged"]),
        FakePR("pytorch/pytorch", 9100051, "Bump deps", "dependabot[bot]", created_at="2026-11-02T10:00:00Z",
               merged_at="2026-11-03T10:00:00Z", author_type="Bot"),
        FakePR("pytorch/pytorch", 9100052, "Old work", "old-demo", created_at="2025-01-01T10:00:00Z",
               merged_at="2025-01-05T10:00:00Z"),
    ]
    team = new_team()
    sender = SlackSender(enriching_server, slack.response_url("disc"), team_id=team)
    reply = sender.command("/candidate", "discover repo:pytorch/pytorch since:90d role:ml-engineer").json()
    assert "Looking for people" in reply["text"]
    done = [c for c in slack.wait_for("response_url", timeout=20) if "recent contributors" in json.dumps(c.args)]
    assert done, "discover reports what it found"
    with services.db.session() as s:
        logins = set(s.scalars(select(Candidate.github).where(Candidate.team_id == team)))
    assert "lena-demo" in logins and "kai-demo" in logins  # label-merged and merged PRs, last 90 days
    assert not any("bot" in login for login in logins) and "old-demo" not in logins
    bad = sender.command("/candidate", "discover repo:not a repo").json()
    assert "owner/name" in bad["text"]


def test_export_sends_everything_stored_as_json_to_the_callers_dm(services, sender, slack, team):
    from tests.conftest import load_snapshots, snapshot

    load_snapshots(services, team, [snapshot("Xia Export", "xia-" + team.lower())])
    reply = sender.command("/candidate", f"export xia-{team.lower()}").json()
    assert "DM" in reply["text"]
    done = slack.wait_for("files.completeUploadExternal", timeout=15)
    assert done and done[-1].args.get("channel_id", "").startswith("D")
    assert slack.calls_to("conversations.open")[-1].args["users"] == "U0SAM"
