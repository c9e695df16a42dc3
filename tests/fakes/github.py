"""A fake GitHub for tests: answers any valid GraphQL query and the REST calls Hirebot makes.

GraphQL: the query is validated against GitHub's published schema
(../shared/github-graphql-schema/schema.graphql, octokit/graphql-schema) and executed by
graphql-core with a field resolver over fixture data, so a query that works here asks for
fields GitHub really has. Invalid queries get GitHub's answer: 200 with an `errors` body.

REST: GET /users/{u}, /users/{u}/repos, /search/issues, /repos/{o}/{r}/pulls in the shapes
of GitHub's documented examples (github/rest-api-description), with ETag / 304,
x-ratelimit-* headers and Link pagination. Failures are injected per kind with `fail_next`.

Use it as an httpx transport: `httpx.Client(transport=fake.transport())`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode

import httpx

SCHEMA_PATH = Path(os.environ.get(
    "HIREBOT_GITHUB_SCHEMA",
    Path(__file__).resolve().parents[2].parent / "shared" / "github-graphql-schema" / "schema.graphql",
))
API = "https://api.github.test"

_schema = None
_schema_lock = threading.Lock()


def load_schema():
    """GitHub's GraphQL schema, built once per process (~1 s); None when ../shared is absent."""
    global _schema
    if not SCHEMA_PATH.exists():
        return None
    with _schema_lock:
        if _schema is None:
            from graphql import build_schema

            # As published the SDL has duplicate fields and deprecation mismatches that
            # graphql-core refuses; skip SDL validation, then clear the cached errors so
            # `validate` checks queries field by field.
            schema = build_schema(SCHEMA_PATH.read_text(encoding="utf-8"), assume_valid_sdl=True)
            schema._validation_errors = []
            _schema = schema
        return _schema


def require_schema():
    """The schema, or pytest.skip when ../shared/github-graphql-schema is not next to the repo."""
    import pytest

    schema = load_schema()
    if schema is None:
        pytest.skip(f"GitHub GraphQL schema not found at {SCHEMA_PATH}")
    return schema


def validate_query(query: str) -> list[str]:
    """Messages of the validation errors of `query` against GitHub's schema ([] when valid)."""
    from graphql import parse, validate

    return [e.message for e in validate(require_schema(), parse(query))]


# -- fixture data ---------------------------------------------------------------------------
@dataclass
class FakeRepo:
    """A repository: root file names (dirs end with '/') feed `object(expression: "HEAD:")`."""

    name: str
    stars: int = 0
    forks: int = 0
    pushed_at: str = "2026-11-02T10:00:00Z"
    language: str | None = "Python"
    topics: list[str] = field(default_factory=list)
    description: str = ""
    fork: bool = False
    archived: bool = False
    files: list[str] = field(default_factory=lambda: ["README.md"])
    workflows: list[str] = field(default_factory=list)

    @property
    def owner(self) -> str:
        return self.name.split("/", 1)[0]


@dataclass
class FakePR:
    """A pull request by `author` into `repo`; PyTorch-style merges have merged_at None + label Merged."""

    repo: str
    number: int
    title: str
    author: str
    created_at: str = "2026-09-01T10:00:00Z"
    merged_at: str | None = None
    closed_at: str | None = None
    updated_at: str | None = None
    labels: list[str] = field(default_factory=list)
    repo_stars: int = 0
    author_type: str = "User"

    @property
    def html_url(self) -> str:
        return f"https://github.com/{self.repo}/pull/{self.number}"


@dataclass
class FakeUser:
    """A GitHub user with the repos they own."""

    login: str
    name: str | None = None
    company: str | None = None
    location: str | None = None
    bio: str | None = None
    blog: str = ""
    twitter: str | None = None
    followers: int = 0
    repos: list[FakeRepo] = field(default_factory=list)


class FakeGraphQLError(Exception):
    """Raised by a resolver; `type` becomes the error's top-level `type`, as GitHub sends it."""

    def __init__(self, message: str, type_: str):
        super().__init__(message)
        self.type = type_


@dataclass
class Injected:
    """A canned answer for the next request of a kind: a Response, or an exception to raise."""

    response: httpx.Response | None = None
    error: Exception | None = None


class FakeGitHub:
    """The fake server. `counts` tallies requests by kind: graphql, rest, search, not_modified."""

    def __init__(self, users: list[FakeUser] | None = None, pulls: list[FakePR] | None = None,
                 *, base_url: str = API, remaining: int = 4999, reset_epoch: int | None = None,
                 page_size: int | None = None):
        self.users = {u.login.lower(): u for u in users or ()}
        self.pulls = list(pulls or ())
        self.base_url = base_url
        self.counts: Counter[str] = Counter()
        self.requests: list[httpx.Request] = []
        self.remaining = {"core": remaining, "search": min(remaining, 29), "graphql": remaining}
        self.reset_epoch = reset_epoch or int(time.time()) + 3600
        self.page_size = page_size
        self._injected: dict[str, list[Injected]] = {}
        self._lock = threading.Lock()

    # -- test controls ------------------------------------------------------------------------
    def transport(self) -> httpx.MockTransport:
        """An httpx transport that routes every request to this fake."""
        return httpx.MockTransport(self)

    def client(self) -> httpx.Client:
        """An httpx.Client wired to this fake."""
        return httpx.Client(transport=self.transport())

    def fail_next(self, kind: str, response: httpx.Response | None = None, *,
                  error: Exception | None = None, times: int = 1) -> None:
        """Answer the next `times` requests of `kind` (graphql, rest, search) with `response` or raise `error`."""
        for _ in range(times):
            self._injected.setdefault(kind, []).append(Injected(response, error))

    # -- dispatch -----------------------------------------------------------------------------
    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path.endswith("/graphql"):
            kind = "graphql"
        elif path.startswith("/search/"):
            kind = "search"
        else:
            kind = "rest"
        with self._lock:
            self.requests.append(request)
            self.counts[kind] += 1
            injected = self._injected.get(kind) or []
            canned = injected.pop(0) if injected else None
        if canned is not None:
            if canned.error is not None:
                raise canned.error
            return canned.response
        if kind == "graphql":
            return self._graphql(request)
        return self._rest(request, kind)

    def _limit_headers(self, resource: str, spend: bool) -> dict[str, str]:
        if spend:
            self.remaining[resource] = max(0, self.remaining[resource] - 1)
        limit = {"core": 5000, "search": 30, "graphql": 5000}[resource]
        return {"x-ratelimit-limit": str(limit), "x-ratelimit-remaining": str(self.remaining[resource]),
                "x-ratelimit-used": str(limit - self.remaining[resource]),
                "x-ratelimit-reset": str(self.reset_epoch), "x-ratelimit-resource": resource}

    # -- REST ---------------------------------------------------------------------------------
    def _rest(self, request: httpx.Request, kind: str) -> httpx.Response:
        path = request.url.path
        resource = "search" if kind == "search" else "core"
        routes: list[tuple[str, Callable[..., Any]]] = [
            (r"^/users/([^/]+)$", self._rest_user),
            (r"^/users/([^/]+)/repos$", self._rest_user_repos),
            (r"^/search/issues$", self._rest_search_issues),
            (r"^/repos/([^/]+/[^/]+)/pulls$", self._rest_pulls),
        ]
        for pattern, handler in routes:
            m = re.match(pattern, path)
            if m:
                result = handler(request, *m.groups())
                break
        else:
            result = None
        if result is None:
            return httpx.Response(404, headers=self._limit_headers(resource, True),
                                  json={"message": "Not Found",
                                        "documentation_url": "https://docs.github.com/rest",
                                        "status": "404"})
        body, extra = result if isinstance(result, tuple) else (result, {})
        raw = json.dumps(body, sort_keys=True).encode()
        etag = 'W/"' + hashlib.sha1(raw).hexdigest() + '"'
        if request.headers.get("if-none-match") == etag:
            self.counts["not_modified"] += 1
            # A 304 does not count against the rate limit.
            return httpx.Response(304, headers={"etag": etag, **self._limit_headers(resource, False)})
        headers = {"etag": etag, "content-type": "application/json; charset=utf-8",
                   **self._limit_headers(resource, True), **extra}
        return httpx.Response(200, headers=headers, content=raw)

    def _user_json(self, u: FakeUser) -> dict:
        return {
            "login": u.login, "id": _id(u.login), "node_id": "MDQ6VXNlcj" + str(_id(u.login)),
            "avatar_url": f"https://avatars.githubusercontent.com/u/{_id(u.login)}?v=4", "gravatar_id": "",
            "url": f"{self.base_url}/users/{u.login}", "html_url": f"https://github.com/{u.login}",
            "repos_url": f"{self.base_url}/users/{u.login}/repos", "type": "User", "site_admin": False,
            "name": u.name, "company": u.company, "blog": u.blog, "location": u.location, "email": None,
            "hireable": None, "bio": u.bio, "twitter_username": u.twitter,
            "public_repos": len(u.repos), "public_gists": 0, "followers": u.followers, "following": 3,
            "created_at": "2016-03-01T09:00:00Z", "updated_at": "2026-11-01T09:00:00Z",
        }

    def _repo_json(self, r: FakeRepo) -> dict:
        owner = self.users.get(r.owner.lower())
        return {
            "id": _id(r.name), "node_id": "R_kg" + str(_id(r.name)), "name": r.name.split("/", 1)[1],
            "full_name": r.name, "private": False,
            "owner": {"login": owner.login if owner else r.owner, "id": _id(r.owner), "type": "User",
                      "url": f"{self.base_url}/users/{r.owner}", "html_url": f"https://github.com/{r.owner}"},
            "html_url": f"https://github.com/{r.name}", "description": r.description or None, "fork": r.fork,
            "url": f"{self.base_url}/repos/{r.name}", "homepage": None, "language": r.language,
            "forks_count": r.forks, "stargazers_count": r.stars, "watchers_count": r.stars, "size": 1024,
            "default_branch": "main", "open_issues_count": 0, "is_template": False, "topics": list(r.topics),
            "has_issues": True, "archived": r.archived, "disabled": False, "visibility": "public",
            "pushed_at": r.pushed_at, "created_at": "2024-01-10T08:00:00Z", "updated_at": r.pushed_at,
            "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT"},
            "forks": r.forks, "open_issues": 0, "watchers": r.stars,
        }

    def _pr_user(self, pr: FakePR) -> dict:
        return {"login": pr.author, "id": _id(pr.author), "type": pr.author_type,
                "url": f"{self.base_url}/users/{pr.author}", "html_url": f"https://github.com/{pr.author}",
                "site_admin": False}

    def _rest_user(self, request: httpx.Request, login: str):
        u = self.users.get(login.lower())
        return self._user_json(u) if u else None

    def _rest_user_repos(self, request: httpx.Request, login: str):
        u = self.users.get(login.lower())
        if not u:
            return None
        repos = sorted(u.repos, key=lambda r: r.pushed_at, reverse=True)
        return [self._repo_json(r) for r in repos][: int(request.url.params.get("per_page", 30))]

    def _rest_search_issues(self, request: httpx.Request):
        q = request.url.params.get("q", "")
        items = [self._search_item(pr) for pr in _search(self.pulls, q)]
        return {"total_count": len(items), "incomplete_results": False,
                "items": items[: int(request.url.params.get("per_page", 30))]}

    def _search_item(self, pr: FakePR) -> dict:
        api = f"{self.base_url}/repos/{pr.repo}"
        return {
            "url": f"{api}/issues/{pr.number}", "repository_url": api,
            "labels_url": f"{api}/issues/{pr.number}/labels{{/name}}",
            "html_url": pr.html_url, "id": _id(pr.html_url), "node_id": "PR_kw" + str(pr.number),
            "number": pr.number, "title": pr.title, "user": self._pr_user(pr),
            "labels": [{"id": _id(n), "name": n, "color": "0e8a16", "default": False} for n in pr.labels],
            "state": "closed" if (pr.merged_at or pr.closed_at) else "open", "locked": False,
            "comments": 2, "created_at": pr.created_at, "updated_at": pr.updated_at or pr.closed_at or pr.created_at,
            "closed_at": pr.closed_at or pr.merged_at, "author_association": "CONTRIBUTOR",
            "pull_request": {"url": f"{api}/pulls/{pr.number}", "html_url": pr.html_url,
                             "diff_url": pr.html_url + ".diff", "patch_url": pr.html_url + ".patch",
                             "merged_at": pr.merged_at},
            "body": "", "score": 1.0,
        }

    def _rest_pulls(self, request: httpx.Request, repo: str):
        params = request.url.params
        prs = [p for p in self.pulls if p.repo.lower() == repo.lower()]
        if params.get("state", "open") == "closed":
            prs = [p for p in prs if p.merged_at or p.closed_at]
        prs.sort(key=lambda p: p.updated_at or p.closed_at or p.merged_at or p.created_at,
                 reverse=params.get("direction", "desc") == "desc")
        per_page = min(self.page_size or 100, int(params.get("per_page", 30)))
        page = int(params.get("page", 1))
        chunk = prs[(page - 1) * per_page: page * per_page]
        api = f"{self.base_url}/repos/{repo}"
        body = [{
            "url": f"{api}/pulls/{p.number}", "id": _id(p.html_url), "node_id": "PR_kw" + str(p.number),
            "html_url": p.html_url, "number": p.number, "state": "closed", "locked": False, "title": p.title,
            "user": self._pr_user(p), "body": "", "labels": [{"name": n} for n in p.labels],
            "created_at": p.created_at, "updated_at": p.updated_at or p.closed_at or p.merged_at,
            "closed_at": p.closed_at or p.merged_at, "merged_at": p.merged_at,
            "merge_commit_sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e" if p.merged_at else None,
            "draft": False, "author_association": "CONTRIBUTOR",
            "base": {"ref": "main", "repo": {"full_name": repo}},
        } for p in chunk]
        links = []
        last = max(1, -(-len(prs) // per_page))
        query = {k: v for k, v in params.items() if k != "page"}
        if page < last:
            links.append(f'<{api}/pulls?{urlencode({**query, "page": page + 1})}>; rel="next"')
            links.append(f'<{api}/pulls?{urlencode({**query, "page": last})}>; rel="last"')
        return body, ({"link": ", ".join(links)} if links else {})

    # -- GraphQL ------------------------------------------------------------------------------
    def _graphql(self, request: httpx.Request) -> httpx.Response:
        from graphql import GraphQLError, execute, parse, validate

        schema = load_schema()
        if schema is None:
            raise RuntimeError(f"GitHub GraphQL schema not found at {SCHEMA_PATH}")
        payload = json.loads(request.content or b"{}")
        headers = self._limit_headers("graphql", True)
        try:
            document = parse(payload.get("query") or "")
        except GraphQLError as exc:
            return httpx.Response(200, headers=headers, json={"errors": [exc.formatted]})
        errors = validate(schema, document)
        if errors:
            return httpx.Response(200, headers=headers, json={"errors": [e.formatted for e in errors]})
        result = execute(schema, document, root_value=self._gql_root(), field_resolver=_resolve,
                         variable_values=payload.get("variables") or {},
                         operation_name=payload.get("operationName"))
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            out = []
            for err in result.errors:
                item = dict(err.formatted)
                original = getattr(err, "original_error", None)
                if isinstance(original, FakeGraphQLError):
                    item["type"] = original.type
                out.append(item)
            body["errors"] = out
        return httpx.Response(200, headers=headers, json=body)

    def _gql_root(self) -> dict:
        def user(info, login):
            u = self.users.get(login.lower())
            if u is None:
                raise FakeGraphQLError(f"Could not resolve to a User with the login of '{login}'.", "NOT_FOUND")
            return self._gql_user(u)

        def search(info, query, type, first=None, **_):
            found = _search(self.pulls, query)
            return {"issueCount": len(found),
                    "nodes": [self._gql_pr(p) for p in found[: first or 10]],
                    "pageInfo": {"hasNextPage": len(found) > (first or 10), "endCursor": None}}

        return {"user": user, "search": search,
                "rateLimit": {"cost": 1, "limit": 5000, "remaining": self.remaining["graphql"],
                              "used": 5000 - self.remaining["graphql"], "nodeCount": 0,
                              "resetAt": _iso(self.reset_epoch)}}

    def _gql_repo(self, r: FakeRepo) -> dict:
        trees = {"HEAD:": [{"__typename": "TreeEntry", "name": f.rstrip("/"),
                             "type": "tree" if f.endswith("/") else "blob"} for f in r.files]}
        if r.workflows:
            trees["HEAD:.github/workflows"] = [{"name": w, "type": "blob"} for w in r.workflows]

        def obj(info, expression=None, oid=None):
            entries = trees.get(expression)
            return None if entries is None else {"__typename": "Tree", "entries": entries}

        def topics(info, first=None, **_):
            return {"totalCount": len(r.topics),
                    "nodes": [{"topic": {"name": t}} for t in r.topics[: first or len(r.topics)]]}

        owner = self.users.get(r.owner.lower())
        return {"__typename": "Repository", "nameWithOwner": r.name, "name": r.name.split("/", 1)[1],
                "description": r.description or None, "url": f"https://github.com/{r.name}",
                "stargazerCount": r.stars, "forkCount": r.forks, "pushedAt": r.pushed_at, "isFork": r.fork,
                "isArchived": r.archived,
                "primaryLanguage": {"name": r.language} if r.language else None,
                "repositoryTopics": topics, "object": obj,
                "owner": {"__typename": "User", "login": owner.login if owner else r.owner}}

    def _gql_pr(self, p: FakePR) -> dict:
        repo_owner = p.repo.split("/", 1)[0]
        return {"__typename": "PullRequest", "url": p.html_url, "title": p.title, "number": p.number,
                "createdAt": p.created_at, "mergedAt": p.merged_at, "closedAt": p.closed_at or p.merged_at,
                "merged": p.merged_at is not None,
                "repository": {"__typename": "Repository", "nameWithOwner": p.repo, "stargazerCount": p.repo_stars,
                               "owner": {"__typename": "Organization", "login": repo_owner}}}

    def _gql_user(self, u: FakeUser) -> dict:
        def repositories(info, first=None, isFork=None, ownerAffiliations=None, orderBy=None, **_):
            repos = [r for r in u.repos if r.owner.lower() == u.login.lower()]
            if isFork is not None:
                repos = [r for r in repos if r.fork == isFork]
            if orderBy and orderBy.get("field") == "STARGAZERS":
                repos.sort(key=lambda r: r.stars, reverse=orderBy.get("direction") == "DESC")
            return {"totalCount": len(repos), "nodes": [self._gql_repo(r) for r in repos[: first or 100]]}

        def pull_requests(info, first=None, states=None, orderBy=None, **_):
            prs = [p for p in self.pulls if p.author.lower() == u.login.lower()]
            if states and "MERGED" in states:
                prs = [p for p in prs if p.merged_at]
            prs.sort(key=lambda p: p.created_at, reverse=True)
            return {"totalCount": len(prs), "nodes": [self._gql_pr(p) for p in prs[: first or 100]]}

        return {"__typename": "User", "login": u.login, "name": u.name, "company": u.company,
                "location": u.location, "bio": u.bio or "", "websiteUrl": u.blog or None,
                "twitterUsername": u.twitter, "followers": {"totalCount": u.followers},
                "repositories": repositories, "pullRequests": pull_requests}


def _resolve(source: Any, info, **args: Any) -> Any:
    """Field resolver: dict value by field name (aliases share it); callables get the arguments."""
    if isinstance(source, dict):
        value = source.get(info.field_name)
    else:
        value = getattr(source, info.field_name, None)
    if callable(value):
        return value(info, **args)
    return value


def _search(pulls: list[FakePR], query: str) -> list[FakePR]:
    """GitHub issue-search qualifiers the fake understands: author, repo, is:pr/merged/closed, label."""
    found = list(pulls)
    for term in query.split():
        key, _, value = term.partition(":")
        if key == "author":
            found = [p for p in found if p.author.lower() == value.lower()]
        elif key == "repo":
            found = [p for p in found if p.repo.lower() == value.lower()]
        elif key == "label":
            found = [p for p in found if value in p.labels]
        elif term == "is:merged":
            found = [p for p in found if p.merged_at]
        elif term == "is:closed":
            found = [p for p in found if p.merged_at or p.closed_at]
    return sorted(found, key=lambda p: p.created_at, reverse=True)


def _id(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:7], 16)


def _iso(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def rate_limited(status: int = 403, *, reset_epoch: int, resource: str = "core") -> httpx.Response:
    """GitHub's primary rate-limit answer: 403/429 with x-ratelimit-remaining 0 and the reset epoch."""
    return httpx.Response(status, headers={
        "x-ratelimit-limit": "60", "x-ratelimit-remaining": "0", "x-ratelimit-used": "60",
        "x-ratelimit-reset": str(reset_epoch), "x-ratelimit-resource": resource,
        "content-type": "application/json"},
        json={"message": "API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated "
                         "requests get a higher rate limit. Check out the documentation for more details.)",
              "documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"})


def secondary_limited(retry_after: int = 60) -> httpx.Response:
    """GitHub's secondary rate-limit answer: 403 with retry-after and budget left."""
    return httpx.Response(403, headers={"retry-after": str(retry_after), "x-ratelimit-remaining": "4000",
                                        "x-ratelimit-reset": str(int(time.time()) + 3000),
                                        "content-type": "application/json"},
                          json={"message": "You have exceeded a secondary rate limit. Please wait a few minutes "
                                           "before you try again.",
                                "documentation_url":
                                    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"})


def too_many(retry_after: int = 30) -> httpx.Response:
    """A 429 with retry-after."""
    return httpx.Response(429, headers={"retry-after": str(retry_after), "content-type": "application/json"},
                          json={"message": "Too Many Requests"})


def graphql_rate_limited(reset_epoch: int) -> httpx.Response:
    """GraphQL's rate-limit answer: 200 with a RATE_LIMITED error and remaining 0."""
    return httpx.Response(200, headers={"x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(reset_epoch), "x-ratelimit-resource": "graphql"},
                          json={"errors": [{"type": "RATE_LIMITED", "code": "graphql_rate_limit",
                                            "message": "API rate limit already exceeded for user ID 1234."}]})
