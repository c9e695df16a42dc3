"""GitHubClient against the fake GitHub: GraphQL and REST paths, rate limits, ETags, discovery."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone

import httpx
import pytest

from bot.sources import github as github_module
from bot.sources.base import MemoryResponseCache, NotFoundAtSource, SourceUnavailable
from bot.sources.github import PROFILE_QUERY, GitHubClient
from tests.fakes.github import (
    API,
    FakeGitHub,
    FakePR,
    FakeRepo,
    FakeUser,
    graphql_rate_limited,
    rate_limited,
    require_schema,
    secondary_limited,
    too_many,
    validate_query,
)

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
RESET = int((NOW + timedelta(minutes=40)).timestamp())
TOKEN = "ghp_secretTOKENvalue123"


def ada() -> FakeUser:
    return FakeUser(
        "ada-ex", name="Ada Example", company="@example", location="Berlin, DE", bio="ML infra",
        blog="https://ada.example", followers=120,
        repos=[
            FakeRepo("ada-ex/serve-kit", stars=340, forks=41, topics=["mlops", "pytorch", "kubernetes"],
                     description="Serving kit", files=["Dockerfile", "tests/", "src/", ".github/", "README.md"],
                     workflows=["ci.yml"], pushed_at="2026-11-02T10:00:00Z"),
            FakeRepo("ada-ex/tiny-rag", stars=95, forks=7, topics=["rag", "large-language-models"],
                     files=["pyproject.toml", "conftest.py", "README.md"], pushed_at="2026-10-01T10:00:00Z"),
            FakeRepo("ada-ex/forked-lib", stars=5000, fork=True),
            FakeRepo("ada-ex/notes", stars=1, language="Jupyter Notebook", files=[]),
        ])


def ada_prs() -> list[FakePR]:
    return [
        # PyTorch closes merged PRs with the label "Merged"; merged_at stays null.
        FakePR("pytorch/pytorch", 140001, "Fix CUDA graph capture in autograd", "ada-ex",
               created_at="2026-09-20T10:00:00Z", closed_at="2026-09-30T12:00:00Z",
               labels=["Merged", "open source", "release notes: cuda"], repo_stars=92000),
        FakePR("pytorch/pytorch", 140002, "Rejected idea", "ada-ex",
               created_at="2026-09-10T10:00:00Z", closed_at="2026-09-11T12:00:00Z", labels=["open source"]),
        FakePR("huggingface/transformers", 33001, "Add RoPE scaling to Llama", "ada-ex",
               created_at="2026-07-25T10:00:00Z", merged_at="2026-08-01T10:00:00Z", repo_stars=140000),
        FakePR("ada-ex/serve-kit", 12, "Own repo change", "ada-ex",
               created_at="2026-06-01T10:00:00Z", merged_at="2026-06-01T11:00:00Z", repo_stars=340),
        FakePR("numpy/numpy", 27001, "Open PR", "ada-ex", created_at="2026-11-01T10:00:00Z"),
    ]


@pytest.fixture
def fake() -> FakeGitHub:
    return FakeGitHub([ada()], ada_prs(), reset_epoch=RESET)


class Sleeper:
    """Records sleeps instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def client(fake: FakeGitHub, token: str | None = TOKEN, **kw) -> GitHubClient:
    kw.setdefault("max_wait", 0)
    kw.setdefault("sleep", Sleeper())
    kw.setdefault("now", lambda: NOW)
    return GitHubClient(API, token=token, http=fake.client(), **kw)


# -- GraphQL path ---------------------------------------------------------------------------
def test_profile_query_validates_against_githubs_schema():
    require_schema()
    assert validate_query(PROFILE_QUERY) == []


def test_fake_rejects_a_field_github_does_not_have_with_a_200_error_body():
    require_schema()
    fake = FakeGitHub([ada()])
    resp = fake.client().post(f"{API}/graphql", json={"query": '{ user(login: "ada-ex") { starCount } }'})
    assert resp.status_code == 200
    assert "starCount" in resp.json()["errors"][0]["message"]


def test_token_path_sends_one_graphql_request_and_no_rest_or_search_call(fake):
    require_schema()
    snap = client(fake).fetch_profile("ada-ex")
    assert fake.counts == {"graphql": 1}
    sent = fake.requests[0]
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert snap["github"] == "ada-ex" and snap["name"] == "Ada Example" and snap["location"] == "Berlin, DE"


def test_graphql_snapshot_has_owned_non_fork_repos_by_stars_with_deploy_evidence(fake):
    require_schema()
    repos = client(fake).fetch_profile("ada-ex")["signals"]["repos"]
    assert [r["name"] for r in repos] == ["ada-ex/serve-kit", "ada-ex/tiny-rag", "ada-ex/notes"]
    serve = repos[0]
    assert serve == {
        "name": "ada-ex/serve-kit", "description": "Serving kit", "stars": 340, "forks": 41,
        "pushed_at": "2026-11-02", "language": "Python", "topics": ["mlops", "pytorch", "kubernetes"],
        "is_fork": False, "archived": False, "has_dockerfile": True, "has_tests": True, "has_ci": True,
    }
    assert (repos[1]["has_dockerfile"], repos[1]["has_tests"], repos[1]["has_ci"]) == (False, True, False)


def test_graphql_merged_prs_include_pytorch_label_merges_and_skip_own_repos(fake):
    require_schema()
    prs = client(fake).fetch_profile("ada-ex")["signals"]["merged_prs"]
    assert [(p["repo"], p["merged_at"]) for p in prs] == [
        ("pytorch/pytorch", "2026-09-30"), ("huggingface/transformers", "2026-08-01")]
    assert prs[0]["merged_via"] == "label:Merged"
    assert prs[0]["url"] == "https://github.com/pytorch/pytorch/pull/140001"
    assert prs[1]["repo_stars"] == 140000


def test_graphql_skills_come_from_pr_targets_topics_and_languages(fake):
    require_schema()
    skills = client(fake).fetch_profile("ada-ex")["signals"]["skills"]
    assert skills[:2] == ["pytorch", "transformers"]
    assert {"mlops", "kubernetes", "rag", "llm", "python", "jupyter"} <= set(skills)


def test_graphql_unknown_user_is_not_found(fake):
    require_schema()
    with pytest.raises(NotFoundAtSource):
        client(fake).fetch_profile("nobody-here")
    assert fake.counts == {"graphql": 1}


def test_graphql_rate_limited_error_body_is_unavailable_until_reset(fake):
    fake.fail_next("graphql", graphql_rate_limited(RESET))
    c = client(fake)
    with pytest.raises(SourceUnavailable) as info:
        c.fetch_profile("ada-ex")
    assert info.value.retry_at == datetime.fromtimestamp(RESET, timezone.utc)
    # The budget is known to be spent: the next candidate costs no request.
    with pytest.raises(SourceUnavailable):
        c.fetch_profile("ada-ex")
    assert fake.counts == {"graphql": 1}


def test_graphql_errors_without_data_are_unavailable(fake, monkeypatch):
    require_schema()
    monkeypatch.setattr(github_module, "PROFILE_QUERY", "query($login: String!) { user(login: $login) { nope } }")
    with pytest.raises(SourceUnavailable, match="GraphQL errors"):
        client(fake).fetch_profile("ada-ex")


def test_graphql_partial_errors_keep_the_data(fake):
    body = {"data": {"user": {"login": "ada-ex", "name": "Ada", "location": None,
                              "followers": {"totalCount": 1},
                              "repositories": {"totalCount": 0, "nodes": []},
                              "topRepos": {"nodes": [None]},
                              "pullRequests": {"totalCount": 0, "nodes": []}},
                     "pytorchMerged": {"issueCount": 0, "nodes": []},
                     "rateLimit": {"cost": 1, "remaining": 4990, "resetAt": "2026-11-21T10:00:00Z"}},
            "errors": [{"type": "FORBIDDEN", "path": ["user", "topRepos", "nodes", 0],
                        "message": "Resource protected"}]}
    fake.fail_next("graphql", httpx.Response(200, json=body))
    snap = client(fake).fetch_profile("ada-ex")
    assert snap["name"] == "Ada" and snap["signals"]["repos"] == []


def test_graphql_endpoint_for_github_enterprise_server():
    assert GitHubClient("https://ghe.example.com/api/v3").graphql_url == "https://ghe.example.com/api/graphql"
    assert GitHubClient("https://api.github.com/").graphql_url == "https://api.github.com/graphql"


def test_invalid_login_is_not_found_without_a_request(fake):
    with pytest.raises(NotFoundAtSource):
        client(fake).fetch_profile("bad login!")
    assert fake.counts == {}


# -- REST path (no token) -------------------------------------------------------------------
def test_rest_path_without_token_uses_two_core_calls_and_one_search(fake):
    snap = client(fake, token=None).fetch_profile("ada-ex")
    assert fake.counts == {"rest": 2, "search": 1}
    assert all("authorization" not in r.headers for r in fake.requests)
    search = next(r for r in fake.requests if r.url.path == "/search/issues")
    assert search.url.params["q"] == "author:ada-ex is:pr is:closed"
    assert [r["name"] for r in snap["signals"]["repos"]] == ["ada-ex/serve-kit", "ada-ex/tiny-rag", "ada-ex/notes"]
    assert "has_dockerfile" not in snap["signals"]["repos"][0]  # not observed on this path
    assert [(p["repo"], p["merged_at"]) for p in snap["signals"]["merged_prs"]] == [
        ("pytorch/pytorch", "2026-09-30"), ("huggingface/transformers", "2026-08-01")]
    assert snap["github_profile"]["website"] == "https://ada.example"


def test_rest_second_fetch_is_served_from_cache_by_304(fake):
    cache = MemoryResponseCache()
    c = client(fake, token=None, cache=cache)
    first = c.fetch_profile("ada-ex")
    second = c.fetch_profile("ada-ex")
    assert first == second
    assert fake.counts["not_modified"] == 3
    assert [r.headers.get("if-none-match") is not None for r in fake.requests] == [False] * 3 + [True] * 3
    assert len(cache) == 3


def test_rest_unknown_user_is_not_found(fake):
    with pytest.raises(NotFoundAtSource):
        client(fake, token=None).fetch_profile("nobody-here")
    assert fake.counts == {"rest": 1}


# -- rate limits and failures ---------------------------------------------------------------
def test_403_with_remaining_zero_raises_with_reset_and_skips_the_next_call(fake):
    fake.fail_next("rest", rate_limited(403, reset_epoch=RESET))
    c = client(fake, token=None)
    with pytest.raises(SourceUnavailable) as info:
        c.fetch_profile("ada-ex")
    assert info.value.retry_at == datetime.fromtimestamp(RESET, timezone.utc)
    with pytest.raises(SourceUnavailable):
        c.fetch_profile("someone-else")
    assert fake.counts == {"rest": 1}


def test_429_with_short_retry_after_waits_and_retries(fake):
    fake.fail_next("rest", too_many(retry_after=3))
    sleeper = Sleeper()
    snap = client(fake, token=None, max_wait=10, sleep=sleeper).fetch_profile("ada-ex")
    assert snap["name"] == "Ada Example"
    assert sleeper.calls == [3.0]
    assert fake.counts == {"rest": 3, "search": 1}


def test_429_with_long_retry_after_raises_with_retry_at(fake):
    fake.fail_next("rest", too_many(retry_after=120))
    with pytest.raises(SourceUnavailable) as info:
        client(fake, token=None, max_wait=10).fetch_profile("ada-ex")
    assert info.value.retry_at == NOW + timedelta(seconds=120)


def test_secondary_limit_403_with_retry_after(fake):
    fake.fail_next("search", secondary_limited(retry_after=60))
    with pytest.raises(SourceUnavailable) as info:
        client(fake, token=None).fetch_profile("ada-ex")
    assert info.value.retry_at == NOW + timedelta(seconds=60)
    fake.fail_next("search", secondary_limited(retry_after=60))
    sleeper = Sleeper()
    client(fake, token=None, max_wait=60, sleep=sleeper).fetch_profile("ada-ex")
    assert sleeper.calls == [60.0]


def test_retries_stop_after_max_retries(fake):
    fake.fail_next("rest", too_many(retry_after=1), times=5)
    with pytest.raises(SourceUnavailable):
        client(fake, token=None, max_wait=10, max_retries=2).fetch_profile("ada-ex")
    assert fake.counts == {"rest": 3}


def test_plain_403_is_not_treated_as_a_rate_limit(fake):
    fake.fail_next("rest", httpx.Response(403, json={"message": "Repository access blocked"}))
    sleeper = Sleeper()
    with pytest.raises(SourceUnavailable, match="403"):
        client(fake, token=None, max_wait=100, sleep=sleeper).fetch_profile("ada-ex")
    assert sleeper.calls == []


def test_timeout_is_retried_once_then_unavailable(fake):
    fake.fail_next("graphql", error=httpx.ReadTimeout("timed out"), times=2)
    with pytest.raises(SourceUnavailable, match="timeout") as info:
        client(fake).fetch_profile("ada-ex")
    assert info.value.retry_at is None
    assert fake.counts == {"graphql": 2}


def test_network_error_is_unavailable(fake):
    fake.fail_next("rest", error=httpx.ConnectError("refused"), times=2)
    with pytest.raises(SourceUnavailable, match="network error"):
        client(fake, token=None).fetch_profile("ada-ex")


def test_5xx_is_retried_once(fake):
    require_schema()
    fake.fail_next("graphql", httpx.Response(502, text="Bad Gateway"))
    assert client(fake).fetch_profile("ada-ex")["name"] == "Ada Example"
    fake.fail_next("graphql", httpx.Response(503, text="Unavailable"), times=2)
    with pytest.raises(SourceUnavailable, match="HTTP 503"):
        client(fake).fetch_profile("ada-ex")


def test_token_never_appears_in_logs_errors_or_repr(fake, caplog):
    caplog.set_level(logging.DEBUG)
    fake.fail_next("graphql", httpx.Response(401, json={"message": "Bad credentials"}))
    c = client(fake)
    with pytest.raises(SourceUnavailable) as info:
        c.fetch_profile("ada-ex")
    assert TOKEN not in str(info.value) and TOKEN not in repr(c) and TOKEN not in caplog.text


# -- discovery --------------------------------------------------------------------------------
def repo_pulls() -> list[FakePR]:
    def pr(n, author, merged, updated=None, author_type="User", closed=None):
        return FakePR("huggingface/transformers", n, f"PR {n}", author, created_at="2026-10-01T00:00:00Z",
                      merged_at=merged, closed_at=closed, updated_at=updated or merged or closed,
                      author_type=author_type)

    return [
        pr(1, "alice", "2026-11-20T10:00:00Z"),
        pr(2, "dependabot[bot]", "2026-11-19T10:00:00Z"),
        pr(3, "bob", None, closed="2026-11-18T10:00:00Z"),  # closed, not merged
        pr(4, "alice", "2026-11-17T10:00:00Z"),
        pr(5, "release-robot", "2026-11-16T10:00:00Z", author_type="Bot"),
        pr(6, "carol", "2026-11-15T10:00:00Z"),
        pr(7, "dave", "2026-10-01T10:00:00Z", updated="2026-11-14T10:00:00Z"),  # merged before since
        pr(8, "erin", "2026-09-01T10:00:00Z"),
        pr(9, "frank", "2026-08-01T10:00:00Z"),
    ]


def test_discover_follows_link_pages_skips_bots_and_stops_at_since():
    fake = FakeGitHub([], repo_pulls(), page_size=2)
    logins = client(fake).discover_contributors("huggingface/transformers", since=date(2026, 11, 1))
    assert logins == ["alice", "carol"]
    pages = [r.url.params.get("page") for r in fake.requests]
    # Page 4 holds PRs updated before `since`; nothing after it can qualify.
    assert pages == [None, "2", "3", "4"]
    assert fake.requests[0].url.params["state"] == "closed"
    assert fake.requests[0].url.params["sort"] == "updated"


def test_discover_respects_limit_and_page_bound():
    fake = FakeGitHub([], repo_pulls(), page_size=2)
    assert client(fake).discover_contributors("huggingface/transformers", date(2026, 1, 1), limit=1) == ["alice"]
    fake2 = FakeGitHub([], repo_pulls(), page_size=1)
    got = client(fake2).discover_contributors("huggingface/transformers", date(2026, 1, 1), max_pages=3)
    assert got == ["alice"] and fake2.counts == {"rest": 3}


def test_discover_rejects_a_malformed_repo():
    with pytest.raises(NotFoundAtSource):
        client(FakeGitHub()).discover_contributors("not a repo", date(2026, 1, 1))
