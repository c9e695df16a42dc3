"""Enricher: merges every source into a snapshot, keeps what it does not own, survives failures."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest
from pydantic import SecretStr

from bot.sources import ArxivClient, Enricher, GitHubClient, HuggingFaceClient, Throttle
from bot.sources.github import DEFAULT_API_URL as GITHUB_DEFAULT
from scoring.types import Profile
from tests.fakes.github import API, FakeGitHub, rate_limited, require_schema
from tests.sources.test_arxiv import FEED
from tests.sources.test_github import RESET, ada, ada_prs
from tests.sources.test_hf import Hub

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
TOKEN = "ghp_enrichTOKEN"


def snapshot() -> dict:
    return {"name": "Ada (from the ATS)", "github": "ada-ex", "huggingface": "ada-ex", "kaggle": "adaex",
            "kaggle_tier": "master", "arxiv_name": "Ada Example", "email": "ada@example.com",
            "roles": ["ml-engineer"], "custom_field": {"kept": True},
            "signals": {"skills": ["kubernetes"], "papers": [{"id": "old"}], "hf_models": [{"id": "old/model"}]}}


class Counting:
    """Wraps a handler, counting requests."""

    def __init__(self, handler):
        self.handler = handler
        self.count = 0

    def __call__(self, request):
        self.count += 1
        return self.handler(request)


def build(fake: FakeGitHub, hub, arxiv_handler, *, token: str | None = TOKEN) -> Enricher:
    common = {"max_wait": 0, "sleep": lambda s: None, "now": lambda: NOW}
    gh = GitHubClient(API, token=token, http=fake.client(), **common)
    hf = HuggingFaceClient("https://hf.test", http=httpx.Client(transport=httpx.MockTransport(hub)), **common)
    ax = ArxivClient("http://arxiv.test", http=httpx.Client(transport=httpx.MockTransport(arxiv_handler)),
                     throttle=Throttle(0.0), **common)
    return Enricher(gh, hf, ax, now=lambda: NOW)


def arxiv_ok(request):
    return httpx.Response(200, text=FEED)


def test_one_candidate_costs_one_graphql_request_one_hub_call_one_arxiv_call():
    require_schema()
    fake, hub, arxiv = FakeGitHub([ada()], ada_prs(), reset_epoch=RESET), Hub(), Counting(arxiv_ok)
    result = build(fake, hub, arxiv).enrich(snapshot())
    assert result.pending == [] and result.retry_at is None
    assert fake.counts == {"graphql": 1}          # no REST, no search call
    assert fake.counts["search"] == 0 and fake.counts["rest"] == 0
    assert len(hub.requests) == 1 and arxiv.count == 1


def test_merge_keeps_unknown_keys_and_hand_entered_values():
    require_schema()
    original = snapshot()
    result = build(FakeGitHub([ada()], ada_prs(), reset_epoch=RESET), Hub(), arxiv_ok).enrich(original)
    snap = result.snapshot
    assert original == snapshot()  # the input is not mutated
    assert snap["kaggle_tier"] == "master" and snap["custom_field"] == {"kept": True}
    assert snap["email"] == "ada@example.com" and snap["roles"] == ["ml-engineer"]
    assert snap["name"] == "Ada (from the ATS)"          # typed name wins
    assert snap["location"] == "Berlin, DE"              # blank filled from GitHub
    sig = snap["signals"]
    assert [p["repo"] for p in sig["merged_prs"]] == ["pytorch/pytorch", "huggingface/transformers"]
    assert sig["hf_models"][0]["id"] == "ada-ex/tiny-rag"
    assert [p["id"] for p in sig["papers"]] == ["2604.01234", "2601.00002"]
    assert sig["skills"][0] == "kubernetes" and {"pytorch", "transformers", "peft"} <= set(sig["skills"])
    assert snap["enrichment"]["github"] == {"status": "ok", "fetched_at": "2026-11-21T09:00:00+00:00"}
    profile = Profile.from_snapshot(snap)
    assert profile.kaggle_tier == "master" and profile.papers[0].name_match is True
    assert profile.repos[0].has_dockerfile is True


def test_one_source_failing_keeps_the_others_and_its_own_old_data():
    fake = FakeGitHub([ada()], ada_prs(), reset_epoch=RESET)
    fake.fail_next("rest", rate_limited(403, reset_epoch=RESET))
    hub = Hub()
    hub.fail += [httpx.Response(503), httpx.Response(503)]
    result = build(fake, hub, arxiv_ok, token=None).enrich(snapshot())
    assert result.pending == ["github", "huggingface"]
    assert result.retry_at == datetime.fromtimestamp(RESET, timezone.utc)
    snap = result.snapshot
    assert snap["signals"]["hf_models"] == [{"id": "old/model"}]        # stale, not lost
    assert [p["id"] for p in snap["signals"]["papers"]] == ["2604.01234", "2601.00002"]
    gh_status = snap["enrichment"]["github"]
    assert gh_status["status"] == "pending" and gh_status["retry_at"] == "2026-11-21T09:40:00+00:00"
    assert snap["enrichment"]["arxiv"]["status"] == "ok"


def test_rest_path_without_token_costs_two_core_calls_and_one_search():
    fake = FakeGitHub([ada()], ada_prs(), reset_epoch=RESET)
    result = build(fake, Hub(), arxiv_ok, token=None).enrich(snapshot())
    assert result.pending == []
    assert fake.counts == {"rest": 2, "search": 1}


def test_unknown_handle_is_not_found_not_pending_and_clears_that_sources_signals():
    snap = snapshot() | {"github": "nobody-here"}
    snap["signals"]["repos"] = [{"name": "nobody-here/old"}]
    result = build(FakeGitHub([ada()], reset_epoch=RESET), Hub(), arxiv_ok, token=None).enrich(snap)
    assert result.pending == [] and result.not_found == ["github"]
    assert result.snapshot["signals"]["repos"] == []
    assert result.snapshot["enrichment"]["github"]["status"] == "not_found"


def test_sources_without_a_handle_or_client_are_skipped():
    fake = FakeGitHub([ada()], reset_epoch=RESET)
    enricher = Enricher(github=GitHubClient(API, http=fake.client()))
    result = enricher.enrich({"name": "No handles", "kaggle_tier": "expert"})
    assert fake.counts == {} and result.pending == []
    assert result.snapshot["kaggle_tier"] == "expert"


def test_from_settings_builds_clients_from_urls_and_tokens():
    enricher = Enricher.from_settings(github_api_url="http://127.0.0.1:9/gh", hf_api_url=None,
                                      arxiv_api_url="http://127.0.0.1:9/arxiv",
                                      github_token=SecretStr("ghp_x"), hf_token="")
    try:
        gh, hf, ax = (enricher.clients[k] for k in ("github", "huggingface", "arxiv"))
        assert gh.base_url == "http://127.0.0.1:9/gh" and gh.has_token
        assert hf.base_url == "https://huggingface.co" and not hf.has_token
        assert ax.base_url == "http://127.0.0.1:9/arxiv"
        assert "ghp_x" not in repr(gh)
    finally:
        enricher.close()
    assert Enricher.from_settings().clients["github"].base_url == GITHUB_DEFAULT


@pytest.mark.parametrize("retry_after", [30, 600])
def test_retry_at_is_the_earliest_failure(retry_after):
    fake = FakeGitHub([ada()], ada_prs(), reset_epoch=RESET)
    fake.fail_next("rest", rate_limited(403, reset_epoch=RESET))
    hub = Hub()
    hub.fail.append(httpx.Response(429, headers={"retry-after": str(retry_after)}))
    result = build(fake, hub, arxiv_ok, token=None).enrich(snapshot())
    expected = min(datetime.fromtimestamp(RESET, timezone.utc), NOW + timedelta(seconds=retry_after))
    assert result.retry_at == expected


def test_a_malformed_answer_from_one_source_is_pending_not_fatal():
    fake = FakeGitHub([ada()], ada_prs(), reset_epoch=RESET)
    fake.fail_next("rest", httpx.Response(200, json={"login": "ada-ex"}))  # user ok
    fake.fail_next("rest", httpx.Response(200, json=[{"fork": False}]))    # repo without full_name
    result = build(fake, Hub(), arxiv_ok, token=None).enrich(snapshot())
    assert result.pending == ["github"]
    assert result.snapshot["enrichment"]["github"]["reason"] == "unexpected error (KeyError)"
    assert result.snapshot["signals"]["hf_models"][0]["id"] == "ada-ex/tiny-rag"
