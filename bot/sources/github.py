"""GitHub client: one GraphQL request per candidate with a token, a small REST path without one.

With a token, `fetch_profile` sends PROFILE_QUERY once: profile, owned non-fork repos, merged
PRs, a top-10 repo listing of HEAD trees (Dockerfile / tests / CI evidence), the PyTorch
"closed with label Merged" search and rateLimit, all in the same request (~1-2 points).
Without a token it uses REST: GET /users/{u}, GET /users/{u}/repos, one search/issues call,
each with ETag conditional requests (a 304 costs no budget).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from .base import HttpSource, NotFoundAtSource, SourceUnavailable, token_fingerprint

log = logging.getLogger("bot.sources.github")

DEFAULT_API_URL = "https://api.github.com"
SOURCE = "github"

# PyTorch lands PRs by closing them with the label "Merged"; `is:merged` misses them.
PYTORCH_REPO = "pytorch/pytorch"
PYTORCH_MERGED_QUERY = "repo:pytorch/pytorch is:pr is:closed label:Merged author:{login}"

# The GraphQL document lives beside this module so it can be read (and validated against GitHub's schema) as GraphQL.
PROFILE_QUERY = Path(__file__).with_name("github_profile.graphql").read_text()

_LOGIN_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")

# Merged PRs into these repositories say which library a person knows (seed 001 lists them).
REPO_SKILLS: dict[str, str] = {
    "pytorch/pytorch": "pytorch",
    "pytorch/vision": "pytorch",
    "pytorch/audio": "pytorch",
    "tensorflow/tensorflow": "tensorflow",
    "keras-team/keras": "keras",
    "jax-ml/jax": "jax",
    "google/jax": "jax",
    "google/flax": "jax",
    "huggingface/transformers": "transformers",
    "huggingface/diffusers": "diffusers",
    "huggingface/peft": "peft",
    "huggingface/trl": "transformers",
    "huggingface/datasets": "huggingface",
    "langchain-ai/langchain": "langchain",
    "run-llama/llama_index": "llamaindex",
    "scikit-learn/scikit-learn": "scikit-learn",
    "vllm-project/vllm": "vllm",
    "ray-project/ray": "ray",
    "kubernetes/kubernetes": "kubernetes",
    "kubeflow/kubeflow": "kubeflow",
    "mlflow/mlflow": "mlflow",
    "lightning-ai/pytorch-lightning": "pytorch",
    "onnx/onnx": "onnx",
    "triton-lang/triton": "triton",
}
# Topic spellings folded into one skill name.
TOPIC_ALIASES: dict[str, str] = {
    "large-language-models": "llm", "llms": "llm", "large-language-model": "llm",
    "retrieval-augmented-generation": "rag", "deeplearning": "deep-learning",
    "machinelearning": "machine-learning", "ml": "machine-learning", "python3": "python",
    "k8s": "kubernetes", "huggingface-transformers": "transformers", "torch": "pytorch",
    "sklearn": "scikit-learn", "computer-vision": "computer-vision", "cv": "computer-vision",
    "natural-language-processing": "nlp", "docker-compose": "docker",
}
LANGUAGE_ALIASES: dict[str, str] = {"jupyter notebook": "jupyter", "c#": "csharp", "f#": "fsharp"}
_NOISE_TOPICS = {"hacktoberfest", "awesome", "awesome-list", "tutorial", "homework", "course"}
_TEST_DIRS = {"tests", "test", "testing", "__tests__", "spec"}
_TEST_FILES = {"conftest.py", "pytest.ini", "tox.ini", "noxfile.py"}
_CI_FILES = {".travis.yml", ".gitlab-ci.yml", "azure-pipelines.yml", "jenkinsfile", ".circleci",
             "bitbucket-pipelines.yml", ".drone.yml", "buildkite.yml"}


def normalize_login(login: str) -> str:
    """A GitHub login from user input ('@ada', ' ada ', 'github.com/ada'); raise if impossible."""
    text = (login or "").strip().lstrip("@").rstrip("/")
    if "github.com/" in text:
        text = text.split("github.com/", 1)[1].split("/", 1)[0]
    if not _LOGIN_RE.match(text) or "--" in text or text.endswith("-"):
        raise NotFoundAtSource(SOURCE, login, "is not a valid GitHub login")
    return text


def _day(value: str | None) -> str | None:
    """'2026-09-30T12:00:00Z' -> '2026-09-30' (the snapshot keeps dates)."""
    return value[:10] if value else None


def _is_bot(login: str, user_type: str | None = None) -> bool:
    return login.lower().endswith("[bot]") or (user_type or "").lower() == "bot"


def _deploy_evidence(root: Iterable[Mapping[str, Any]], workflows: Iterable[Mapping[str, Any]]) -> dict[str, bool]:
    """has_dockerfile / has_tests / has_ci from a repo's top-level tree and .github/workflows."""
    names = {str(e.get("name", "")).lower(): str(e.get("type") or "") for e in root}
    dockerfile = any(n.startswith(("dockerfile", "containerfile")) or n.endswith(".dockerfile")
                     or n in {"docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml"}
                     for n in names)
    tests = any((n in _TEST_DIRS and t in ("tree", "")) or n in _TEST_FILES for n, t in names.items())
    ci = any(str(e.get("name", "")).endswith((".yml", ".yaml")) for e in workflows) or bool(names.keys() & _CI_FILES)
    return {"has_dockerfile": dockerfile, "has_tests": tests, "has_ci": ci}


def infer_skills(repos: list[dict], merged_prs: list[dict]) -> list[str]:
    """Skill names (lowercase) from PR target repos, repo topics and languages, most telling first."""
    counts: Counter[str] = Counter()
    for pr in merged_prs:
        skill = REPO_SKILLS.get(str(pr.get("repo", "")).lower())
        if skill:
            counts[skill] += 10
    for repo in repos:
        for topic in repo.get("topics") or ():
            t = TOPIC_ALIASES.get(topic.lower(), topic.lower())
            if t not in _NOISE_TOPICS:
                counts[t] += 2
        if repo.get("language"):
            lang = str(repo["language"]).lower()
            counts[LANGUAGE_ALIASES.get(lang, lang)] += 1
    return [s for s, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _graphql_url(base_url: str) -> str:
    """api.github.com -> /graphql; GitHub Enterprise Server's /api/v3 -> /api/graphql."""
    if base_url.endswith("/api/v3"):
        return base_url[: -len("v3")] + "graphql"
    return f"{base_url}/graphql"


class GitHubClient(HttpSource):
    """Fetches a candidate's GitHub profile snapshot and discovers recent contributors of a repo."""

    source = SOURCE

    def __init__(self, base_url: str = DEFAULT_API_URL, token: str | None = None, http=None, cache=None,
                 **kwargs: Any):
        super().__init__(base_url, token=token, http=http, cache=cache, **kwargs)
        self.graphql_url = _graphql_url(self.base_url)
        self.last_graphql_cost: int | None = None
        self._cache_prefix = f"github:{token_fingerprint(token)}:"

    def _default_headers(self) -> dict[str, str]:
        headers = super()._default_headers()
        headers.update({"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"})
        return headers

    # -- profile ------------------------------------------------------------------------------
    def fetch_profile(self, login: str) -> dict:
        """A DESIGN.md profile snapshot for `login`: GraphQL (1 request) with a token, REST without."""
        login = normalize_login(login)
        if self.has_token:
            return self._profile_graphql(login)
        return self._profile_rest(login)

    def _profile_graphql(self, login: str) -> dict:
        variables = {"login": login, "pytorchQuery": PYTORCH_MERGED_QUERY.format(login=login)}
        reply = self._send("POST", self.graphql_url, json={"query": PROFILE_QUERY, "variables": variables},
                           bucket="graphql")
        body = reply.body if isinstance(reply.body, Mapping) else {}
        errors = [e for e in body.get("errors") or () if isinstance(e, Mapping)]
        data = body.get("data") or {}
        self._record_graphql_budget(data.get("rateLimit"))
        kinds = {str(e.get("type") or (e.get("extensions") or {}).get("code") or "") for e in errors}
        if "RATE_LIMITED" in kinds:
            retry_at = self.limits.get("graphql").reset_at
            raise SourceUnavailable(SOURCE, "GraphQL rate limited", retry_at)
        user = data.get("user")
        if user is None:
            if not errors or "NOT_FOUND" in kinds:
                raise NotFoundAtSource(SOURCE, login)
            raise SourceUnavailable(SOURCE, "GraphQL errors: " + "; ".join(
                str(e.get("message", ""))[:120] for e in errors[:3]))
        if errors:
            # Partial data (e.g. one repo's tree unreadable) is still worth keeping.
            log.warning("github GraphQL partial errors for a profile: %s", sorted(kinds))
        return self._snapshot_from_graphql(login, user, data.get("pytorchMerged") or {})

    def _record_graphql_budget(self, rate: Any) -> None:
        if not isinstance(rate, Mapping):
            return
        self.last_graphql_cost = rate.get("cost")
        reset_at = None
        if rate.get("resetAt"):
            reset_at = datetime.fromisoformat(str(rate["resetAt"]).replace("Z", "+00:00"))
        self.limits.record("graphql", remaining=rate.get("remaining"), reset_at=reset_at)

    def _snapshot_from_graphql(self, login: str, user: Mapping[str, Any], pytorch: Mapping[str, Any]) -> dict:
        evidence: dict[str, dict[str, bool]] = {}
        for node in ((user.get("topRepos") or {}).get("nodes") or ()):
            if not node:
                continue
            root = ((node.get("root") or {}).get("entries")) or ()
            workflows = ((node.get("workflows") or {}).get("entries")) or ()
            evidence[node["nameWithOwner"].lower()] = _deploy_evidence(root, workflows)
        repos = []
        for node in ((user.get("repositories") or {}).get("nodes") or ()):
            if not node or node.get("isFork"):
                continue
            repo = {
                "name": node["nameWithOwner"],
                "description": node.get("description") or "",
                "stars": node.get("stargazerCount") or 0,
                "forks": node.get("forkCount") or 0,
                "pushed_at": _day(node.get("pushedAt")),
                "language": (node.get("primaryLanguage") or {}).get("name"),
                "topics": [t["topic"]["name"] for t in ((node.get("repositoryTopics") or {}).get("nodes") or ())
                           if t and t.get("topic")],
                "is_fork": False,
                "archived": bool(node.get("isArchived")),
            }
            repo.update(evidence.get(repo["name"].lower(), {}))
            repos.append(repo)
        prs = []
        for node in ((user.get("pullRequests") or {}).get("nodes") or ()):
            if not node or not node.get("repository"):
                continue
            repository = node["repository"]
            prs.append({"repo": repository["nameWithOwner"], "merged_at": _day(node.get("mergedAt")),
                        "title": node.get("title") or "", "url": node.get("url"),
                        "repo_stars": repository.get("stargazerCount")})
        for node in (pytorch.get("nodes") or ()):
            if not node or not node.get("url"):
                continue
            repository = node.get("repository") or {}
            prs.append({"repo": repository.get("nameWithOwner") or PYTORCH_REPO,
                        "merged_at": _day(node.get("mergedAt") or node.get("closedAt")),
                        "title": node.get("title") or "", "url": node["url"],
                        "repo_stars": repository.get("stargazerCount"), "merged_via": "label:Merged"})
        profile = {
            "company": user.get("company"), "bio": user.get("bio"), "website": user.get("websiteUrl"),
            "twitter": user.get("twitterUsername"),
            "followers": (user.get("followers") or {}).get("totalCount"),
        }
        return self._snapshot(login, user.get("name"), user.get("location"), repos, prs, profile)

    def _profile_rest(self, login: str) -> dict:
        # The search comes last but is the scarcer budget (10/min anonymous): when it is spent,
        # do not spend core requests on a profile that would end up pending anyway.
        spent = self.limits.spent_until("search", self._now())
        if spent is not None:
            raise SourceUnavailable(SOURCE, "search budget spent", spent)
        user = self._send("GET", f"/users/{login}", cache_key=self._key(f"/users/{login}")).body
        repos_params = {"type": "owner", "sort": "pushed", "per_page": "100"}
        repos_body = self._send("GET", f"/users/{login}/repos", params=repos_params,
                                cache_key=self._key(f"/users/{login}/repos", repos_params)).body
        # One search covers both merge styles: merged PRs, and PyTorch's closed-with-label-Merged.
        q = f"author:{login} is:pr is:closed"
        search_params = {"q": q, "sort": "created", "order": "desc", "per_page": "100"}
        search = self._send("GET", "/search/issues", params=search_params, bucket="search",
                            cache_key=self._key("/search/issues", search_params)).body
        repos = []
        for r in repos_body or ():
            if r.get("fork"):
                continue
            repos.append({
                "name": r["full_name"], "description": r.get("description") or "",
                "stars": r.get("stargazers_count") or 0, "forks": r.get("forks_count") or 0,
                "pushed_at": _day(r.get("pushed_at")), "language": r.get("language"),
                "topics": list(r.get("topics") or ()), "is_fork": False, "archived": bool(r.get("archived")),
            })
        repos.sort(key=lambda r: (-r["stars"], r["name"].lower()))
        prs = []
        for item in (search or {}).get("items") or ():
            pull = item.get("pull_request") or {}
            repo = "/".join(str(item.get("repository_url", "")).rstrip("/").split("/")[-2:])
            labels = {str(lbl.get("name", "")) for lbl in item.get("labels") or () if isinstance(lbl, Mapping)}
            if pull.get("merged_at"):
                merged_at, via = pull["merged_at"], None
            elif repo.lower() == PYTORCH_REPO and "Merged" in labels:
                merged_at, via = item.get("closed_at"), "label:Merged"
            else:
                continue
            pr = {"repo": repo, "merged_at": _day(merged_at), "title": item.get("title") or "",
                  "url": item.get("html_url") or pull.get("html_url")}
            if via:
                pr["merged_via"] = via
            prs.append(pr)
        profile = {"company": user.get("company"), "bio": user.get("bio"), "website": user.get("blog") or None,
                   "twitter": user.get("twitter_username"), "followers": user.get("followers")}
        return self._snapshot(user.get("login") or login, user.get("name"), user.get("location"), repos, prs, profile)

    def _snapshot(self, login: str, name: str | None, location: str | None, repos: list[dict],
                  prs: list[dict], profile: dict) -> dict:
        owner = login.lower()
        seen: set[str] = set()
        external = []
        for pr in prs:
            if pr["repo"].split("/", 1)[0].lower() == owner or not pr.get("url") or pr["url"] in seen:
                continue
            seen.add(pr["url"])
            external.append({k: v for k, v in pr.items() if v is not None or k == "merged_at"})
        external.sort(key=lambda p: p.get("merged_at") or "", reverse=True)
        snap: dict[str, Any] = {"github": login}
        if name:
            snap["name"] = name
        if location:
            snap["location"] = location
        snap["github_profile"] = {k: v for k, v in profile.items() if v not in (None, "")}
        snap["signals"] = {"repos": repos, "merged_prs": external, "skills": infer_skills(repos, external)}
        return snap

    def _key(self, path: str, params: Mapping[str, str] | None = None) -> str:
        query = "&".join(f"{k}={v}" for k, v in sorted((params or {}).items()))
        return f"{self._cache_prefix}{self.base_url}{path}?{query}"

    # -- discovery -----------------------------------------------------------------------------
    def discover_contributors(self, repo: str, since: date, limit: int = 50, *, max_pages: int = 5) -> list[str]:
        """Logins of people whose PRs into `repo` were merged on or after `since` (newest first, no bots)."""
        repo = repo.strip().strip("/")
        if not _REPO_RE.match(repo):
            raise NotFoundAtSource(SOURCE, repo, "is not an owner/name repository")
        since_day = since.date() if isinstance(since, datetime) else since
        params: dict[str, str] | None = {"state": "closed", "sort": "updated", "direction": "desc",
                                          "per_page": "100"}
        url = f"/repos/{repo}/pulls"
        logins: list[str] = []
        seen: set[str] = set()
        for _ in range(max_pages):
            reply = self._send("GET", url, params=params)
            oldest_update: str | None = None
            for pr in reply.body or ():
                oldest_update = pr.get("updated_at") or oldest_update
                merged_at = pr.get("merged_at")
                if not merged_at and any((lb or {}).get("name") == "Merged" for lb in pr.get("labels") or ()):
                    merged_at = pr.get("closed_at")  # PyTorch lands PRs by closing them with the label "Merged"
                user = pr.get("user") or {}
                login = str(user.get("login") or "")
                if not merged_at or not login or merged_at[:10] < since_day.isoformat():
                    continue
                if _is_bot(login, user.get("type")) or login.lower() in seen:
                    continue
                seen.add(login.lower())
                logins.append(login)
                if len(logins) >= limit:
                    return logins
            next_url = reply.links.get("next")
            # Sorted by update time: a PR updated before `since` cannot have merged after it.
            if not next_url or (oldest_update and oldest_update[:10] < since_day.isoformat()):
                break
            if urlsplit(next_url).netloc != urlsplit(self.base_url).netloc:
                break
            url, params = next_url, None
        return logins

