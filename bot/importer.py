"""Import candidates: ATS CSV exports (headers matched by alias) and JSONL profile snapshots."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from bot.candidates import Intake, KAGGLE_TIERS, add_candidate, check_github, score_now
from bot.errors import UserError
from bot.services import Services

# Headers seen in ATS exports (REFERENCE.md "Candidate files from other tools"), lower-cased.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "full_name", "candidate name", "candidate_name"),
    "first_name": ("first name", "first_name", "candidate_first_name", "firstname"),
    "last_name": ("last name", "last_name", "candidate_last_name", "lastname"),
    "email": ("email", "emails", "e-mail", "candidate_email", "all_candidate_emails", "email address"),
    "github": ("github", "github handle", "github_username", "github login"),
    "huggingface": ("huggingface", "hugging face", "hf", "hf_username"),
    "kaggle": ("kaggle", "kaggle_username"),
    "kaggle_tier": ("kaggle_tier", "kaggle tier", "tier"),
    "arxiv_name": ("arxiv_name", "arxiv name", "arxiv", "arxiv author"),
    "location": ("location", "candidate_location", "city"),
    "role": ("role", "roles", "job", "position", "requisition"),
    "links": ("links", "website", "social media", "profile_url", "candidate_linkedin_url", "urls", "profiles"),
}
_SPLIT = re.compile(r"[;,\n]\s*")
_GH = re.compile(r"github\.com/([A-Za-z0-9-]{1,39})(?:[/?#]|$)", re.I)
_HF = re.compile(r"huggingface\.co/([A-Za-z0-9][A-Za-z0-9._-]*)(?:[/?#]|$)", re.I)
_KG = re.compile(r"kaggle\.com/([A-Za-z0-9_-]+)(?:[/?#]|$)", re.I)


@dataclass
class ImportReport:
    """What an import did: counts and each bad line with its number and reason."""

    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    enrich_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        """One line for people, then one line per bad input line."""
        lines = [f"{self.added} added, {self.updated} updated, {len(self.errors)} skipped"]
        lines += [f"  line {n}: {why}" for n, why in self.errors]
        return "\n".join(lines)


def _column_map(headers: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for header in headers:
        key = (header or "").strip().lower()
        for field_name, aliases in ALIASES.items():
            if key in aliases and field_name not in found:
                found[field_name] = header
    return found


def _first_email(value: str) -> str | None:
    value = value.strip()
    if value.startswith("["):  # Gem: a JSON list in all_candidate_emails
        try:
            items = json.loads(value)
            return next((str(i) for i in items if "@" in str(i)), None)
        except ValueError:
            pass
    return next((p.strip() for p in _SPLIT.split(value) if "@" in p), None)


def intake_from_row(row: dict[str, str], cols: dict[str, str]) -> Intake:
    """One CSV row into an Intake; UserError says what is wrong with it."""
    get = lambda f: (row.get(cols[f]) or "").strip() if f in cols else ""  # noqa: E731
    intake = Intake()
    intake.name = get("name") or " ".join(p for p in (get("first_name"), get("last_name")) if p) or None
    if get("email"):
        intake.email = _first_email(get("email"))
    links = get("links")
    gh = get("github") or (m.group(1) if (m := _GH.search(links)) else "")
    if gh:
        gh = _GH.search(gh).group(1) if "github.com" in gh.lower() else gh
        intake.github = check_github(gh)
    hf = get("huggingface") or (m.group(1) if (m := _HF.search(links)) else "")
    intake.huggingface = (_HF.search(hf).group(1) if "huggingface.co" in hf.lower() else hf) or None
    kg = get("kaggle") or (m.group(1) if (m := _KG.search(links)) else "")
    intake.kaggle = kg or None
    tier = get("kaggle_tier").lower()
    if tier:
        if tier not in KAGGLE_TIERS:
            raise UserError(f"kaggle_tier {tier!r} is not one of {', '.join(KAGGLE_TIERS)}")
        intake.kaggle_tier = tier
    intake.arxiv_name = get("arxiv_name") or None
    intake.location = get("location") or None
    intake.roles = [r for r in _SPLIT.split(get("role")) if r]
    if not intake.has_handle():
        raise UserError("no GitHub, Hugging Face, Kaggle, arXiv name or email to find this person by")
    return intake


def _intake_from_snapshot(snap: dict[str, Any]) -> Intake:
    if not isinstance(snap, dict):
        raise UserError("a line must be a JSON object")
    intake = Intake(name=snap.get("name"), github=check_github(snap["github"]) if snap.get("github") else None,
                    huggingface=snap.get("huggingface"), kaggle=snap.get("kaggle"),
                    kaggle_tier=(str(snap["kaggle_tier"]).lower() if snap.get("kaggle_tier") else None),
                    arxiv_name=snap.get("arxiv_name"), email=snap.get("email"), location=snap.get("location"),
                    roles=list(snap.get("roles") or []))
    if intake.kaggle_tier and intake.kaggle_tier not in KAGGLE_TIERS:
        raise UserError(f"kaggle_tier {intake.kaggle_tier!r} is not one of {', '.join(KAGGLE_TIERS)}")
    if not isinstance(snap.get("signals", {}), dict):
        raise UserError("signals must be an object")
    if not intake.has_handle() and not intake.name:
        raise UserError("no name or handle")
    return intake


def import_text(services: Services, *, team_id: str, text: str, kind: str, source: str) -> ImportReport:
    """Import CSV or JSONL text for a team; bad lines are reported and skipped, the rest is kept."""
    report = ImportReport()
    if kind == "jsonl":
        items: list[tuple[int, Any]] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((n, json.loads(line)))
            except ValueError as exc:
                report.errors.append((n, f"not valid JSON ({exc.msg})"))
        rows = items
    else:
        reader = csv.DictReader(io.StringIO(text))
        cols = _column_map(reader.fieldnames or [])
        if not cols:
            raise UserError("The CSV has no header row Hirebot recognises (e.g. name, email, github, location, role).")
        rows = [(reader.line_num, r) for r in reader]
        # DictReader.line_num after iteration is the last line; recompute: header is line 1.
        rows = [(i + 2, r) for i, (_, r) in enumerate(rows)]
    for n, item in rows:
        try:
            with services.db.session() as session:
                if kind == "jsonl":
                    intake = _intake_from_snapshot(item)
                    cand, created = add_candidate(session=session, team_id=team_id, intake=intake, user_id=None,
                                                  source=source, snapshot=item)
                    cand.enrichment_status = "ok" if item.get("signals") else cand.enrichment_status
                    cand.enriched_at = services.now() if item.get("signals") else cand.enriched_at
                else:
                    intake = intake_from_row(item, cols)
                    cand, created = add_candidate(session=session, team_id=team_id, intake=intake, user_id=None,
                                                  source=source)
                if cand.enrichment_status == "pending":
                    report.enrich_ids.append(cand.id)
                score_now(session=session, candidate=cand, now=services.now())
        except UserError as exc:
            report.errors.append((n, exc.message))
            continue
        if created:
            report.added += 1
        else:
            report.updated += 1
    return report


def import_file(services: Services, *, team_id: str, path: Path) -> ImportReport:
    """Import a .csv or .jsonl file (by extension; JSON lines are sniffed when unclear)."""
    text = path.read_text(encoding="utf-8-sig")
    kind = "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{") else "csv"
    return import_text(services, team_id=team_id, text=text, kind=kind, source=f"import:{path.name}")
