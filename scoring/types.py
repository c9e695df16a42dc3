"""Frozen value types shared by the scoring modules and the bot layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping


class BadInput(ValueError):
    """Input a person typed that the domain cannot use; `suggestions` lists valid options."""

    def __init__(self, message: str, *, suggestions: tuple[str, ...] = (), example: str | None = None):
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions
        self.example = example


def _parse_date(value: Any) -> date | None:
    """Read an ISO date or datetime string (or a date) into a date; anything else is None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        text = str(value).replace("Z", "+00:00")
        if "T" in text or " " in text.strip():
            return datetime.fromisoformat(text).date()
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class MergedPR:
    """A pull request merged into someone else's repository."""

    repo: str
    merged_at: date | None
    title: str = ""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Repo:
    """A repository the candidate owns (snapshot `repos` entry)."""

    name: str
    stars: int = 0
    forks: int = 0
    pushed_at: date | None = None
    language: str | None = None
    topics: tuple[str, ...] = ()
    description: str = ""
    has_dockerfile: bool = False
    has_tests: bool = False
    has_ci: bool = False
    is_fork: bool = False
    files: tuple[str, ...] = ()  # top-level paths when a source lists them ("Chart.yaml", "k8s/", ...)

    @property
    def url(self) -> str:
        """The repository's GitHub page."""
        return f"https://github.com/{self.name}"


@dataclass(frozen=True, slots=True)
class HFModel:
    """A model the candidate published on the Hugging Face Hub."""

    id: str
    downloads: int = 0
    likes: int = 0
    has_card: bool = False
    pipeline_tag: str | None = None

    @property
    def url(self) -> str:
        """The model's Hub page."""
        return f"https://huggingface.co/{self.id}"


@dataclass(frozen=True, slots=True)
class Paper:
    """An arXiv paper; `name_match` is True when it was found by author-name search only."""

    id: str
    title: str = ""
    categories: tuple[str, ...] = ()
    published: date | None = None
    name_match: bool = False

    @property
    def url(self) -> str:
        """The paper's abstract page."""
        return f"https://arxiv.org/abs/{self.id}"


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything observed about one candidate, in the shape of a DESIGN.md profile snapshot."""

    name: str
    github: str | None = None
    huggingface: str | None = None
    kaggle: str | None = None
    kaggle_tier: str | None = None
    arxiv_name: str | None = None
    location: str | None = None
    merged_prs: tuple[MergedPR, ...] = ()
    repos: tuple[Repo, ...] = ()
    hf_models: tuple[HFModel, ...] = ()
    papers: tuple[Paper, ...] = ()
    skills: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_snapshot(cls, snap: Mapping[str, Any]) -> "Profile":
        """Build a Profile from a JSONL snapshot dict; missing keys mean 'not observed'."""
        sig = snap.get("signals") or {}
        prs = tuple(
            MergedPR(repo=str(p.get("repo", "")), merged_at=_parse_date(p.get("merged_at")),
                     title=str(p.get("title") or ""), url=p.get("url"))
            for p in sig.get("merged_prs") or () if isinstance(p, Mapping) and p.get("repo")
        )
        repos = tuple(
            Repo(name=str(r["name"]), stars=int(r.get("stars") or 0), forks=int(r.get("forks") or 0),
                 pushed_at=_parse_date(r.get("pushed_at")), language=r.get("language"),
                 topics=tuple(str(t).lower() for t in r.get("topics") or ()),
                 description=str(r.get("description") or ""),
                 has_dockerfile=bool(r.get("has_dockerfile")), has_tests=bool(r.get("has_tests")),
                 has_ci=bool(r.get("has_ci")), is_fork=bool(r.get("is_fork")),
                 files=tuple(str(f) for f in r.get("files") or () if isinstance(f, str))[:200])
            for r in sig.get("repos") or () if isinstance(r, Mapping) and r.get("name")
        )
        models = tuple(
            HFModel(id=str(m["id"]), downloads=int(m.get("downloads") or 0), likes=int(m.get("likes") or 0),
                    has_card=bool(m.get("has_card")), pipeline_tag=m.get("pipeline_tag"))
            for m in sig.get("hf_models") or () if isinstance(m, Mapping) and m.get("id")
        )
        papers = tuple(
            Paper(id=str(p["id"]), title=str(p.get("title") or ""),
                  categories=tuple(p.get("categories") or ()), published=_parse_date(p.get("published")),
                  name_match=bool(p.get("name_match", False)))
            for p in sig.get("papers") or () if isinstance(p, Mapping) and p.get("id")
        )
        known = {"name", "github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "location", "signals"}
        return cls(
            name=str(snap.get("name") or snap.get("github") or "Unnamed"),
            github=snap.get("github"), huggingface=snap.get("huggingface"), kaggle=snap.get("kaggle"),
            kaggle_tier=(str(snap["kaggle_tier"]).lower() if snap.get("kaggle_tier") else None),
            arxiv_name=snap.get("arxiv_name"), location=snap.get("location"),
            merged_prs=prs, repos=repos, hf_models=models, papers=papers,
            skills=tuple(str(s).lower() for s in sig.get("skills") or ()),
            extra={k: v for k, v in snap.items() if k not in known},
        )


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of a score's explanation: points (negative for a red flag), text, evidence link."""

    signal: str
    points: float
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A role's scorecard: skills (70-30 rule on must-haves), signal weights, screening questions."""

    slug: str
    title: str
    must_have: tuple[str, ...] = ()
    nice_to_have: tuple[str, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    level: str | None = None
    location: str | None = None
    questions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Score:
    """A candidate's 0-100 score for one role, with every point explained."""

    total: int
    reasons: tuple[Reason, ...]
    red_flags: tuple[Reason, ...]
    missing_must_haves: tuple[str, ...]
    qualifies: bool
    version: str
