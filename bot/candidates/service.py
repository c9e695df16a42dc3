"""Candidate intake and enrichment: parse handles, add or update, enrich in the background, rescore."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.candidates import store
from bot.core.errors import UserError
from bot.core.httpcache import DatabaseResponseCache
from bot.core.models import Candidate, Note, PipelineEntry, Role, Score, candidate_snapshot, utcnow
from bot.core.render import escape_mrkdwn
from bot.core.services import Services
from bot.core.teams import ensure_team
from bot.roles.service import get_role, pick_role, rescore
from bot.sources.enrich import Enricher

log = logging.getLogger(__name__)

KAGGLE_TIERS = ("novice", "contributor", "expert", "master", "grandmaster")
GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
HF_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
KAGGLE_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
RETRY_DEFAULT = timedelta(minutes=15)
EXAMPLE = "/candidate add github:octocat role:ml-engineer"
HF_EXAMPLE = "/candidate add hf:ada-ex role:ml-engineer"
KAGGLE_EXAMPLE = "/candidate add kaggle:adaex tier:master"
# The candidates table's column sizes: a longer value is refused with the field's name, never cut
# (SQLite would keep it whole, PostgreSQL would refuse the whole row).
TEXT_FIELDS = ("name", "github", "huggingface", "kaggle", "arxiv_name", "email", "location")
FIELD_LIMITS: dict[str, int] = {f: Candidate.__table__.c[f].type.length for f in TEXT_FIELDS}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Intake:
    """What a person typed (or a file held) about a candidate, validated."""

    name: str | None = None
    github: str | None = None
    huggingface: str | None = None
    kaggle: str | None = None
    kaggle_tier: str | None = None
    arxiv_name: str | None = None
    email: str | None = None
    location: str | None = None
    roles: list[str] = field(default_factory=list)

    def has_handle(self) -> bool:
        """True when there is something to find the person by."""
        return bool(self.github or self.huggingface or self.arxiv_name or self.kaggle or self.email)


def _url_path(url: str, host: str) -> list[str]:
    rest = re.sub(r"^https?://(www\.)?", "", url, flags=re.I)
    if not rest.lower().startswith(host):
        return []
    return [p for p in rest[len(host):].split("?")[0].split("#")[0].split("/") if p]


def _shown(value: str) -> str:
    """A value quoted back in an error: shortened and escaped, so it can never be a mention or a link."""
    return escape_mrkdwn(repr(value if len(value) <= 60 else value[:60] + "…"))


def check_github(login: str) -> str:
    """A valid GitHub login, or a UserError saying what is wrong with it."""
    login = login.strip().removeprefix("@")
    if not GITHUB_LOGIN.match(login):
        raise UserError(f"{_shown(login)} is not a GitHub login (letters, digits and single hyphens, up to 39).",
                        example=EXAMPLE)
    return login


def check_huggingface(name: str) -> str:
    """A valid Hugging Face user or org name, or a UserError with an example."""
    name = name.strip().removeprefix("@")
    if not HF_USER.match(name):
        raise UserError(f"{_shown(name)} is not a Hugging Face user name (letters, digits, '.', '_' and '-', "
                        "starting with a letter or digit, up to 96).", example=HF_EXAMPLE)
    return name


def check_kaggle(name: str) -> str:
    """A valid Kaggle user name, or a UserError with an example."""
    name = name.strip().removeprefix("@")
    if not KAGGLE_USER.match(name):
        raise UserError(f"{_shown(name)} is not a Kaggle user name (letters, digits, '_' and '-', "
                        "starting with a letter or digit, up to 64).", example=KAGGLE_EXAMPLE)
    return name


def check_intake(intake: Intake) -> Intake:
    """Strip the text fields, check handles, tier and lengths; a UserError names the field at fault."""
    for key in ("name", "arxiv_name", "email", "location"):
        value = getattr(intake, key)
        value = value.strip() if value else None
        if value and _CONTROL.search(value):
            raise UserError(f"{key} contains a control character (a line break or tab, say).", example=EXAMPLE)
        setattr(intake, key, value or None)
    for key in TEXT_FIELDS:
        value = getattr(intake, key)
        if value and len(value) > FIELD_LIMITS[key]:
            raise UserError(f"{key} is too long: {len(value)} characters, at most {FIELD_LIMITS[key]}.", example=EXAMPLE)
    intake.github = check_github(intake.github) if intake.github else None
    intake.huggingface = check_huggingface(intake.huggingface) if intake.huggingface else None
    intake.kaggle = check_kaggle(intake.kaggle) if intake.kaggle else None
    if intake.kaggle_tier:
        intake.kaggle_tier = intake.kaggle_tier.strip().lower()
        if intake.kaggle_tier not in KAGGLE_TIERS:
            raise UserError(f"kaggle_tier {_shown(intake.kaggle_tier)} is not one of {', '.join(KAGGLE_TIERS)}.",
                            suggestions=KAGGLE_TIERS, example=KAGGLE_EXAMPLE)
    intake.roles = [r.strip() for r in intake.roles if r and r.strip()]
    return intake


def parse_intake(words: list[str]) -> Intake:
    """Read `github:x hf:y arxiv:"Full Name" kaggle:z tier:master role:r name:"..." location:"..."`, URLs too."""
    intake = Intake()
    unknown: list[str] = []
    for word in words:
        low = word.lower()
        key, sep, value = word.partition(":")
        key = key.lower()
        if low.startswith(("http://", "https://", "github.com/", "huggingface.co/", "www.", "kaggle.com/")):
            url = word if "://" in word else "https://" + word
            if (parts := _url_path(url, "github.com")):
                intake.github = check_github(parts[0])
            elif (parts := _url_path(url, "huggingface.co")):
                intake.huggingface = check_huggingface(parts[0])
            elif (parts := _url_path(url, "kaggle.com")):
                intake.kaggle = check_kaggle(parts[0])
            elif (parts := _url_path(url, "arxiv.org")):
                raise UserError("Add a paper's author with arxiv:\"Full Name\" rather than a paper link.",
                                example='/candidate add arxiv:"Ada Example" role:research-engineer')
            else:
                unknown.append(word)
        elif sep and key in ("github", "gh"):
            intake.github = check_github(value)
        elif sep and key in ("hf", "huggingface"):
            intake.huggingface = check_huggingface(value)
        elif sep and key == "arxiv":
            intake.arxiv_name = value.strip()
        elif sep and key == "kaggle":
            intake.kaggle = check_kaggle(value)
        elif sep and key == "tier":
            if value.lower() not in KAGGLE_TIERS:
                raise UserError(f"{_shown(value)} is not a Kaggle tier.", suggestions=KAGGLE_TIERS,
                                example=KAGGLE_EXAMPLE)
            intake.kaggle_tier = value.lower()
        elif sep and key == "role":
            intake.roles.append(value)
        elif sep and key == "name":
            intake.name = value.strip()
        elif sep and key in ("location", "loc"):
            intake.location = value.strip()
        elif sep and key == "email" or EMAIL.match(word):
            intake.email = (value if sep and key == "email" else word).strip()
        else:
            unknown.append(word)
    if unknown:
        shown = ", ".join(f"`{escape_mrkdwn(u[:60])}`" for u in unknown)
        raise UserError("I can't tell what " + shown + " is. Prefix each handle "
                        "with github:, hf:, arxiv:, kaggle: (or paste a profile link).", example=EXAMPLE)
    if intake.kaggle_tier and not intake.kaggle:
        raise UserError("A Kaggle tier needs the Kaggle user it belongs to.", example=KAGGLE_EXAMPLE)
    check_intake(intake)
    if not intake.has_handle():
        raise UserError("Give at least one handle: a GitHub login, a Hugging Face user, an arXiv author name or a Kaggle user.",
                        example=EXAMPLE)
    return intake


# A handle names one account, so two different logins are two people. An email does not: a shared inbox
# (jobs@, team@) or a recruiter's forwarding address can stand for several people.
STRONG_HANDLES = ("github", "huggingface", "kaggle")
_HANDLE_WORD = {"github": "github", "huggingface": "hf", "kaggle": "kaggle"}


@dataclass
class Added:
    """What `add_or_update` did: the candidate, whether it is new, and what the caller should be told."""

    candidate: Candidate
    created: bool
    notices: list[str] = field(default_factory=list)


def _who(cand: Candidate) -> str:
    return f"{escape_mrkdwn(cand.name)} (#{cand.id})"


def _conflicts(cand: Candidate, intake: Intake) -> list[str]:
    """The handles `intake` gives that differ from ones the candidate already has (never overwritten)."""
    return [key for key in STRONG_HANDLES
            if getattr(intake, key) and getattr(cand, key) and getattr(cand, key).lower() != getattr(intake, key).lower()]


def _refuse_conflict(cand: Candidate, intake: Intake, keys: list[str]) -> UserError:
    said = ", ".join(f"{_HANDLE_WORD[k]}:{_shown(getattr(intake, k))}" for k in keys)
    has = ", ".join(f"{_HANDLE_WORD[k]}:{_shown(getattr(cand, k))}" for k in keys)
    return UserError(f"{_who(cand)} already has {has}, not {said}: these look like two different people, "
                     "and Hirebot never replaces a handle. Add the other person without the shared handle.",
                     example=f"/candidate show #{cand.id}")


def _same_name(cand: Candidate, intake: Intake) -> bool:
    return not intake.name or cand.name.casefold() == intake.name.casefold()


def _existing(session: Session, team_id: str, intake: Intake) -> tuple[Candidate | None, list[str]]:
    """The one stored person this intake describes (None for a new one) and notices; UserError on a conflict."""
    base = select(Candidate).where(Candidate.team_id == team_id)
    by_handle: dict[int, Candidate] = {}
    for key in STRONG_HANDLES:
        value = getattr(intake, key)
        if value:
            column = getattr(Candidate, key)
            for cand in session.scalars(base.where(func.lower(column) == value.lower()).order_by(Candidate.id).limit(2)):
                by_handle.setdefault(cand.id, cand)
    if len(by_handle) > 1:
        first, second = sorted(by_handle.values(), key=lambda c: c.id)[:2]
        raise UserError(f"A handle here already belongs to someone else: {_who(first)} and {_who(second)} are two "
                        "different people; add or update one person at a time.", example=f"/candidate show #{first.id}")
    if by_handle:
        cand = next(iter(by_handle.values()))
        if (keys := _conflicts(cand, intake)):
            raise _refuse_conflict(cand, intake, keys)
        return cand, []
    if not intake.email:
        return None, []
    sharing = list(session.scalars(base.where(func.lower(Candidate.email) == intake.email.lower()).order_by(Candidate.id)))
    same = [c for c in sharing if not _conflicts(c, intake) and _same_name(c, intake)]
    if len(same) == 1:
        return same[0], []
    if len(same) > 1:
        raise UserError(f"{len(same)} candidates share the email {_shown(intake.email)} "
                        f"({', '.join(_who(c) for c in same[:3])}); give a GitHub or Hugging Face handle to say who.",
                        example=f"/candidate show #{same[0].id}")
    if sharing:
        return None, [f"The email {_shown(intake.email)} is shared with {', '.join(_who(c) for c in sharing[:3])}: "
                      "added as a separate person, since the handles or names differ."]
    return None, []


def add_or_update(*, session: Session, team_id: str, intake: Intake, user_id: str | None, source: str,
                  snapshot: dict[str, Any] | None = None) -> Added:
    """Add a candidate or update the one it names; a handle is never overwritten, a shared email never merges."""
    ensure_team(session=session, team_id=team_id)
    roles = [get_role(session=session, team_id=team_id, name=r, example="/candidate add github:octocat role:{role}")
             for r in intake.roles]
    cand, notices = _existing(session, team_id, intake)
    created = cand is None
    if cand is None:
        cand = Candidate(team_id=team_id, name=intake.name or intake.github or intake.huggingface or intake.arxiv_name
                         or intake.kaggle or (intake.email or "").split("@")[0], added_by=user_id, source=source,
                         snapshot={})
        session.add(cand)
    elif intake.email and cand.email and cand.email.lower() != intake.email.lower():
        notices.append(f"Email changed from {_shown(cand.email)} to {_shown(intake.email)}.")
    for key in ("github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "email", "location"):
        value = getattr(intake, key)
        if value:
            setattr(cand, key, value)
    if intake.name:
        cand.name = intake.name
    snap = dict(snapshot or cand.snapshot or {})
    if intake.roles or snap.get("roles"):
        snap["roles"] = sorted(set(snap.get("roles") or []) | {r.slug for r in roles})
    store.apply_snapshot(cand, snap)
    if snapshot is None and (cand.github or cand.huggingface or cand.arxiv_name):
        cand.enrichment_status, cand.enrich_after = "pending", utcnow()
    session.flush()
    for role in roles:
        if store.stage_for(session=session, candidate=cand, role=role) is None:
            store.set_stage(session=session, candidate=cand, role=role, stage="sourced", user_id=user_id)
    return Added(cand, created, notices)


def add_candidate(*, session: Session, team_id: str, intake: Intake, user_id: str | None, source: str,
                  snapshot: dict[str, Any] | None = None) -> tuple[Candidate, bool]:
    """Add a candidate (or update the one it names, see `add_or_update`); returns (candidate, created)."""
    added = add_or_update(session=session, team_id=team_id, intake=intake, user_id=user_id, source=source,
                          snapshot=snapshot)
    return added.candidate, added.created


# bot/outreach.py _add_referral writes "Referred by {name} (#{id}) in a reply to outreach: {reply}" on
# the referred person's record: the referrer's name and words, linked to them only by that id.
REFERRAL_NOTE = "Referred by %(#{id}) in a reply to outreach%"
REFERRAL_NOTE_FORGOTTEN = "Referred by a candidate who has since been forgotten (their name and reply were erased)."


def referral_notes_quoting(*, session: Session, candidate: Candidate) -> list[Note]:
    """Notes on other candidates of the team that quote this one as their referrer (name, id, reply)."""
    return list(session.scalars(select(Note).where(Note.team_id == candidate.team_id, Note.candidate_id != candidate.id,
                                                   Note.text.like(REFERRAL_NOTE.format(id=candidate.id)))
                                .order_by(Note.id)))


def candidate_of(*, session: Session, candidate_id: int, team_id: str | None = None) -> Candidate | None:
    """The candidate with this id (of `team_id` when given); None when forgotten or another team's."""
    if not 0 < candidate_id < 2**63:  # from a button value: out of the id column's range is simply not found
        return None
    cand = session.get(Candidate, candidate_id)
    return None if cand is None or (team_id is not None and cand.team_id != team_id) else cand


def add_note(*, session: Session, team_id: str, candidate: Candidate, user_id: str | None, text: str) -> Note:
    """Leave a note on a candidate (up to 4,000 characters are kept)."""
    note = Note(team_id=team_id, candidate_id=candidate.id, author_user_id=user_id or "unknown", text=text[:4000])
    session.add(note)
    return note


def pipeline_role(*, session: Session, team_id: str, candidate: Candidate, name: str | None, example: str) -> Role:
    """The role called `name`, else the one pipeline the candidate is in; UserError naming the choices otherwise."""
    if name is not None:
        return get_role(session=session, team_id=team_id, name=name)
    entries = list(session.execute(select(Role).join(PipelineEntry, PipelineEntry.role_id == Role.id)
                                   .where(PipelineEntry.candidate_id == candidate.id)).scalars())
    return pick_role(session=session, team_id=team_id, candidate=candidate, choices=entries, example=example)


def score_now(*, session: Session, candidate: Candidate, now: datetime) -> None:
    """Store fresh signals and scores for every role of the team; a candidate whose public data has not
    arrived yet (enrichment pending) gets no scores at all: pending is not a zero (issue 11), so shortlists
    and digests leave them out and the card says "enrichment pending" until the data is in."""
    store.replace_signals(session=session, candidate=candidate)
    if awaiting_enrichment(candidate):
        session.execute(delete(Score).where(Score.candidate_id == candidate.id))
        return
    roles = list(session.scalars(select(Role).where(Role.team_id == candidate.team_id)))
    rescore(session=session, candidates=[candidate], roles=roles, today=now.date())


def awaiting_enrichment(candidate: Candidate) -> bool:
    """True while the candidate's public data has never arrived (enrichment pending, never enriched)."""
    return candidate.enrichment_status == "pending"


def enricher_for(services: Services):
    """The Enricher built from settings, cached on the services (one httpx client per source)."""

    if "enricher" not in services.extras:
        s = services.settings
        services.extras["enricher"] = Enricher.from_settings(
            github_api_url=s.github_api_url, hf_api_url=s.hf_api_url, arxiv_api_url=s.arxiv_api_url,
            github_token=s.github_token, hf_token=s.hf_token, timeout=s.source_timeout, max_wait=s.source_max_wait,
            cache=DatabaseResponseCache(services.db))
    return services.extras["enricher"]


def enrich_candidate(services: Services, candidate_id: int) -> Candidate | None:
    """Background job: fetch public signals, store them, rescore; a failing source leaves it pending."""
    with services.db.session() as session:
        cand = session.get(Candidate, candidate_id)
        if cand is None:  # forgotten meanwhile
            return None
        snapshot = candidate_snapshot(cand)
    result = enricher_for(services).enrich(snapshot)  # network: outside any transaction
    now = services.now()
    with services.db.session() as session:
        cand = session.get(Candidate, candidate_id)
        if cand is None:
            return None
        store.apply_snapshot(cand, {k: v for k, v in result.snapshot.items()})
        if result.pending:
            cand.enrichment_status = "stale" if cand.enriched_at else "pending"
            cand.enrich_after = result.retry_at or now + RETRY_DEFAULT
            cand.enrichment_note = "waiting on " + ", ".join(result.pending)
        else:
            cand.enrichment_status, cand.enrich_after, cand.enrichment_note = "ok", None, None
            cand.enriched_at = now
        if result.not_found:
            cand.enrichment_note = ((cand.enrichment_note + "; ") if cand.enrichment_note else "") + \
                "not found on " + ", ".join(result.not_found)
        score_now(session=session, candidate=cand, now=now)
        return cand


def due_for_enrichment(*, session: Session, now: datetime, limit: int = 100) -> list[int]:
    """Ids of candidates whose enrichment is pending or stale and due (the clock retries them)."""
    q = (select(Candidate.id).where(Candidate.enrichment_status.in_(("pending", "stale")),
                                    Candidate.enrich_after <= now)
         .order_by(Candidate.enrich_after).limit(limit))
    return list(session.scalars(q))
