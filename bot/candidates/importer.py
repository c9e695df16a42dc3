"""Import candidates: ATS CSV exports (headers matched by alias) and JSONL profile snapshots."""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain, islice
from typing import Any, Iterable, Iterator

from sqlalchemy.exc import DataError, IntegrityError

from bot.candidates.bulk import Line, Outcome, import_lines
from bot.candidates.bulk_file import Timer, check_utf8, decode_file, progress_bar, utf8_lines, wide_encoding
from bot.candidates.service import Intake, add_or_update, check_intake, score_now
from bot.core.errors import UserError
from bot.core.services import Services

log = logging.getLogger(__name__)
SMALL_FILE = 200  # lines up to which every line goes the per-line way (whole breakdowns stored, every notice)

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
    unchanged: int = 0  # lines identical to the stored person: left alone
    lines: int = 0
    seconds: float = 0.0
    errors: list[tuple[int, str]] = field(default_factory=list)
    notices: list[tuple[int, str]] = field(default_factory=list)  # imported, with something to know (a shared email)
    enrich_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        """One line for people, then one line per bad input line."""
        lines = [f"{self.added} added, {self.updated} updated, " + (f"{self.unchanged} unchanged, " if self.unchanged else "")
                 + f"{len(self.errors)} skipped" + (f" in {self.seconds:.1f} s ({self.lines / self.seconds:,.0f} lines a second)"
                                                    if self.lines > SMALL_FILE and self.seconds > 0 else "")]
        lines += [f"  line {n}: {why}" for n, why in self.errors]
        lines += [f"  line {n} (imported): {what}" for n, what in self.notices]
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
        except (ValueError, TypeError, RecursionError):
            pass
    return next((p.strip() for p in _SPLIT.split(value) if "@" in p), None)


def _handle_in(value: str, pattern: re.Pattern[str], host: str, what: str) -> str:
    """A handle from a cell that holds either the handle or a profile link."""
    if host not in value.lower():
        return value
    m = pattern.search(value)
    if m is None:
        raise UserError(f"{what} link {value[:80]!r} does not name a user")
    return m.group(1)


def intake_from_row(row: dict[str, str], cols: dict[str, str]) -> Intake:
    """One CSV row into a checked Intake; UserError says what is wrong with it."""
    get = lambda f: (row.get(cols[f]) or "").strip() if f in cols else ""  # noqa: E731
    intake = Intake()
    intake.name = get("name") or " ".join(p for p in (get("first_name"), get("last_name")) if p) or None
    if get("email"):
        intake.email = _first_email(get("email"))
    links = get("links")
    gh = get("github") or (m.group(1) if (m := _GH.search(links)) else "")
    intake.github = _handle_in(gh, _GH, "github.com", "GitHub") or None
    hf = get("huggingface") or (m.group(1) if (m := _HF.search(links)) else "")
    intake.huggingface = _handle_in(hf, _HF, "huggingface.co", "Hugging Face") or None
    kg = get("kaggle") or (m.group(1) if (m := _KG.search(links)) else "")
    intake.kaggle = _handle_in(kg, _KG, "kaggle.com", "Kaggle") or None
    intake.kaggle_tier = get("kaggle_tier") or None
    intake.arxiv_name = get("arxiv_name") or None
    intake.location = get("location") or None
    intake.roles = [r for r in _SPLIT.split(get("role")) if r]
    check_intake(intake)
    if not intake.has_handle():
        raise UserError("no GitHub, Hugging Face, Kaggle, arXiv name or email to find this person by")
    return intake


# The snapshot's identity fields: each must be a string (or absent / null).
_IDENTITY = ("name", "github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "email", "location")
# signals lists the scorer and the signal rows read: each item an object; these fields strings or numbers.
_SIGNAL_LISTS = ("merged_prs", "repos", "hf_models", "papers")
_SIGNAL_STRINGS = ("repo", "name", "id", "url", "title", "description", "merged_at", "pushed_at", "published",
                   "language", "pipeline_tag")
_SIGNAL_NUMBERS = ("stars", "forks", "downloads", "likes")
_SIGNAL_STRING_LISTS = ("topics", "categories")


def _json_type(value: Any) -> str:
    """What a JSON value is, in the words of the format (for error messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_signals(signals: Any) -> None:
    """Refuse signals whose shape would break the signal rows or the scorer; unknown keys pass."""
    if signals is None:
        return
    if not isinstance(signals, dict):
        raise UserError(f"signals must be an object, not {_json_type(signals)}")
    for key in _SIGNAL_LISTS:
        items = signals.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            raise UserError(f"signals.{key} must be a list of objects, not {_json_type(items)}")
        for i, item in enumerate(items):
            where = f"signals.{key}[{i}]"
            if not isinstance(item, dict):
                raise UserError(f"{where} must be an object, not {_json_type(item)}")
            for name in _SIGNAL_STRINGS:
                if item.get(name) is not None and not isinstance(item[name], str):
                    raise UserError(f"{where}.{name} must be a string, not {_json_type(item[name])}")
            for name in _SIGNAL_NUMBERS:
                value = item.get(name)
                if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                    raise UserError(f"{where}.{name} must be a number, not {_json_type(value)}")
            for name in _SIGNAL_STRING_LISTS:
                if item.get(name) is not None and not _strings(item[name]):
                    raise UserError(f"{where}.{name} must be a list of strings")
    if signals.get("skills") is not None and not _strings(signals["skills"]):
        raise UserError("signals.skills must be a list of strings")


def _intake_from_snapshot(snap: Any) -> Intake:
    """One JSONL profile snapshot into a checked Intake; UserError says what is wrong with the line."""
    if not isinstance(snap, dict):
        raise UserError(f"a line must be a JSON object, not {_json_type(snap)}")
    fields: dict[str, str | None] = {}
    for key in _IDENTITY:
        value = snap.get(key)
        if value is not None and not isinstance(value, str):
            raise UserError(f"{key} must be a string, not {_json_type(value)}")
        fields[key] = value
    roles = snap.get("roles")
    roles = [] if roles is None else [roles] if isinstance(roles, str) else roles
    if not _strings(roles):
        raise UserError("roles must be a list of role names")
    _check_signals(snap.get("signals"))
    intake = check_intake(Intake(**fields, roles=list(roles)))
    if not intake.has_handle() and not intake.name:
        raise UserError("no name and no handle (github, huggingface, kaggle, arxiv_name or email)")
    return intake


def _checked_snapshot(snap: dict[str, Any], intake: Intake) -> dict[str, Any]:
    """The snapshot to store: identity fields as checked (stripped, blanks dropped), the rest kept whole."""
    clean = {k: v for k, v in snap.items() if k not in _IDENTITY}
    for key in _IDENTITY:
        if getattr(intake, key):
            clean[key] = getattr(intake, key)
    return clean


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _bounded_int(text: str) -> int:
    # A 401-digit count overflowed later (float(), the database) and aborted the whole file.
    if len(text.lstrip("-")) > 15:
        raise ValueError(f"number out of range: {text[:20]}…")
    return int(text)


def _parse_line(line: str) -> Any:
    """One JSON value; NaN, infinities and integers past 15 digits refused (they break scoring and storage)."""
    return json.loads(line, parse_float=_finite, parse_int=_bounded_int, parse_constant=_no_constant)


# What one bad line can raise on its way in: it is reported and skipped, the next line goes on.
_LINE_ERRORS = (UserError, TypeError, ValueError, AttributeError, KeyError, OverflowError, RecursionError, DataError,
                IntegrityError)


def _why(exc: Exception) -> str:
    """The reason a line was skipped, for the report (never the SQL or its parameters)."""
    if isinstance(exc, UserError):
        return exc.message
    if isinstance(exc, IntegrityError):
        return "conflicts with a stored candidate (a handle on this line already belongs to someone else)"
    if isinstance(exc, DataError):
        return "a value does not fit the database (too long, or not valid there)"
    log.warning("import: a line failed unexpectedly", exc_info=exc)
    return f"could not be read ({type(exc).__name__}: {str(exc)[:120]})"


def _csv_items(lines: Iterable[str], report: ImportReport) -> tuple[dict[str, str], Iterator[tuple[int, dict[str, str]]]]:
    """The column map and (line number, row) pairs, read as they come; an unreadable row is reported and skipped."""
    reader = csv.DictReader(lines)
    try:
        headers = reader.fieldnames or []
    except csv.Error as exc:
        raise UserError(f"The CSV header row cannot be read ({exc}).") from None
    cols = _column_map(headers)
    if not cols:
        raise UserError("The CSV has no header row Hirebot recognises (e.g. name, email, github, location, role).")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                report.errors.append((start, f"not valid CSV ({exc})"))
                continue
            yield reader.line_num, row

    return cols, rows()


def _jsonl_items(lines: Iterable[str], report: ImportReport) -> Iterator[tuple[int, Any]]:
    """(line number, parsed value) per non-blank line (numbered as str.splitlines counts); bad JSON is reported."""
    n = 0
    for chunk in lines:
        for line in chunk.splitlines():
            n += 1
            if not line.strip():
                continue
            try:
                yield n, _parse_line(line)
            except (ValueError, RecursionError) as exc:
                report.errors.append((n, f"not valid JSON ({getattr(exc, 'msg', None) or exc})"))


def _checked(kind: str, n: int, item: Any, cols: dict[str, str]) -> Line:
    if kind == "jsonl":
        intake = _intake_from_snapshot(item)
        return Line(n, intake, _checked_snapshot(item, intake), bool(item.get("signals")))
    return Line(n, intake_from_row(item, cols), None, False)


def _one(services: Services, *, team_id: str, line: Line, source: str, report: ImportReport) -> None:
    """The per-line path: add or update one person through the ORM, with every notice."""
    try:
        with services.db.session() as session:
            added = add_or_update(session=session, team_id=team_id, intake=line.intake, user_id=None, source=source,
                                  snapshot=line.snapshot)
            cand = added.candidate
            if line.snapshot is not None and line.has_signals:
                cand.enrichment_status, cand.enriched_at = "ok", services.now()
            score_now(session=session, candidate=cand, now=services.now())
            pending_id = cand.id if cand.enrichment_status == "pending" else None
    except _LINE_ERRORS as exc:
        report.errors.append((line.n, _why(exc)))
        return
    if pending_id is not None:
        report.enrich_ids.append(pending_id)
    report.notices += [(line.n, notice) for notice in added.notices]
    if added.created:
        report.added += 1
    else:
        report.updated += 1


def _record(report: ImportReport, outcome: Outcome) -> None:
    report.added += len(outcome.added)
    report.unchanged += outcome.unchanged
    report.enrich_ids += outcome.pending
    report.errors += outcome.errors


def import_items(services: Services, *, team_id: str, items: Iterable[tuple[int, Any]], kind: str,
                 cols: dict[str, str], source: str, report: ImportReport, bulk: bool) -> ImportReport:
    """Check each (line number, item) and store it: in batches (`bulk`) or one by one."""
    timer = Timer()

    def checked() -> Iterator[Line]:
        for n, item in items:
            report.lines += 1
            try:
                yield _checked(kind, n, item, cols)
            except _LINE_ERRORS as exc:
                report.errors.append((n, _why(exc)))

    if bulk:
        import_lines(services, team_id=team_id, lines=checked(), source=source, on_batch=lambda o: _record(report, o),
                     slow=lambda line: _one(services, team_id=team_id, line=line, source=source, report=report))
    else:
        for line in checked():
            _one(services, team_id=team_id, line=line, source=source, report=report)
    report.errors.sort(key=lambda e: e[0])
    report.seconds = timer.elapsed()
    return report


def _items(lines: Iterable[str], kind: str, report: ImportReport) -> tuple[dict[str, str], Iterator[tuple[int, Any]]]:
    return _csv_items(lines, report) if kind == "csv" else ({}, _jsonl_items(lines, report))


def import_text(services: Services, *, team_id: str, text: str, kind: str, source: str,
                bulk: bool | None = None) -> ImportReport:
    """Import CSV or JSONL text for a team; bad lines are reported and skipped, the rest is kept. Past
    SMALL_FILE lines (or with `bulk=True`) new people are written in batches."""
    report = ImportReport()
    if bulk is None:
        bulk = text.count("\n") > SMALL_FILE
    cols, items = _items(io.StringIO(text) if kind == "csv" else [text], kind, report)
    return import_items(services, team_id=team_id, items=items, kind=kind, cols=cols, source=source, report=report,
                        bulk=bulk)


def import_file(services: Services, *, team_id: str, path: Path, progress: bool | None = None) -> ImportReport:
    """Import a .csv or .jsonl file (by extension; JSON lines are sniffed when unclear), streamed line by
    line, with a progress bar when stderr is a terminal (or `progress=True`)."""
    jsonl_name = path.suffix.lower() in (".jsonl", ".ndjson", ".json")
    if wide_encoding(path):
        text = decode_file(path.read_bytes())
        kind = "jsonl" if jsonl_name or text.lstrip().startswith("{") else "csv"
        return import_text(services, team_id=team_id, text=text, kind=kind, source=f"import:{path.name}")
    check_utf8(path)
    head = next((line for line in utf8_lines(path) if line.strip()), "")
    kind = "jsonl" if jsonl_name or head.lstrip().startswith("{") else "csv"
    with progress_bar(path, progress) as advance:
        lines = utf8_lines(path, advance)
        first = list(islice(lines, SMALL_FILE + 1))
        report = ImportReport()
        cols, items = _items(chain(first, lines), kind, report)
        return import_items(services, team_id=team_id, items=items, kind=kind, cols=cols,
                            source=f"import:{path.name}", report=report, bulk=len(first) > SMALL_FILE)
