"""Bulk import: checked lines in batches, new people written with Core, one transaction per batch.

A batch looks up every handle and email it names in one indexed query per kind
(`ix_candidates_team_lower_*`), then: a new person is inserted with their signals, features,
pipeline entries and a score for every role (vectorised, bot.roles.bulk); a line identical to the
stored person is left alone, so importing the same file again changes nothing; anything else (an
update, a shared email, a conflict, a person named twice in one batch) goes through the per-line
path (`slow`), which says exactly what happened. If a batch fails to write, its lines take the
per-line path too, so a bad line costs only itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from bot.candidates.lookup import fold
from bot.core.errors import UserError
from bot.core.models import Candidate, PipelineEntry, Role, Score, Signal, candidate_snapshot
from bot.core.services import Services
from bot.core.teams import ensure_team
from bot.roles.bulk import Batch, bump_data_version, candidate_columns, totals
from bot.roles.service import card_of, get_role, store_top_breakdowns
from scoring.geo import parse_location
from scoring.signals import SCORER_VERSION

BATCH = 1000
HANDLES = ("github", "huggingface", "kaggle")
FIELDS = ("github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "email", "location")


@dataclass
class Line:
    """One checked input line: its number, the intake, the checked snapshot (JSONL) and whether it has signals."""

    n: int
    intake: Any  # bot.candidates.service.Intake
    snapshot: dict[str, Any] | None
    has_signals: bool


@dataclass
class Outcome:
    """What a batch did: new candidates (ids, of which pending), unchanged lines, lines for the per-line path."""

    added: list[tuple[int, int]]  # (line number, candidate id)
    pending: list[int]
    unchanged: int
    slow: list[Line]
    errors: list[tuple[int, str]]


def batches(lines: Iterable[Line], size: int = BATCH) -> Iterator[list[Line]]:
    """Lines in groups of `size`."""
    chunk: list[Line] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _keys(intake: Any) -> list[tuple[str, str]]:
    return [(k, getattr(intake, k).lower()) for k in (*HANDLES, "email") if getattr(intake, k)]


def _existing(conn: Connection, team_id: str, lines: list[Line]) -> dict[tuple[str, str], list[int]]:
    """(kind, lower value) -> ids of the team's candidates with it, one indexed query per kind and 500 values."""
    t = Candidate.__table__
    found: dict[tuple[str, str], list[int]] = {}
    for kind in (*HANDLES, "email"):
        values = sorted({v for line in lines for k, v in _keys(line.intake) if k == kind})
        column = func.lower(t.c[kind])
        for s in range(0, len(values), 500):
            for cid, value in conn.execute(select(t.c.id, column).where(t.c.team_id == team_id,
                                                                         column.in_(values[s:s + 500]))):
                found.setdefault((kind, value), []).append(cid)
    return found


def _stored_snapshot(line: Line, roles: list[Role], base: dict[str, Any] | None) -> dict[str, Any]:
    """The snapshot add_or_update would store for this line (its roles merged in as slugs)."""
    snap = dict(line.snapshot if line.snapshot is not None else base or {})
    if line.intake.roles or snap.get("roles"):
        snap["roles"] = sorted(set(snap.get("roles") or []) | {r.slug for r in roles})
    return snap


_COMPARED = ("name", *FIELDS, "features_version", "enrichment_status", "snapshot")


def _stored(conn: Connection, ids: set[int]) -> dict[int, dict[str, Any]]:
    """What `_unchanged` compares, for these candidates, with the roles they are staged for (one query each)."""
    t = Candidate.__table__
    found: dict[int, dict[str, Any]] = {}
    ordered = sorted(ids)
    for s in range(0, len(ordered), 500):
        chunk = ordered[s:s + 500]
        for row in conn.execute(select(t.c.id, *(t.c[k] for k in _COMPARED)).where(t.c.id.in_(chunk))).mappings():
            found[row["id"]] = dict(row) | {"staged": set()}
        for cid, role_id in conn.execute(select(PipelineEntry.candidate_id, PipelineEntry.role_id)
                                         .where(PipelineEntry.candidate_id.in_(chunk))):
            found[cid]["staged"].add(role_id)
    return found


def _unchanged(line: Line, row: dict[str, Any], roles: list[Role]) -> bool:
    """True when storing this line would change nothing about the stored person `row` (so it is left alone)."""
    intake = line.intake
    if any(getattr(intake, k) and getattr(intake, k) != row[k] for k in FIELDS):
        return False
    if (intake.name and intake.name != row["name"]) or row["features_version"] != SCORER_VERSION:
        return False
    if line.has_signals and row["enrichment_status"] != "ok":
        return False
    if _stored_snapshot(line, roles, row["snapshot"]) != (row["snapshot"] or {}):
        return False
    return all(r.id in row["staged"] for r in roles)


def _new_row(line: Line, roles: list[Role], *, team_id: str, source: str, now: datetime) -> dict[str, Any]:
    """The candidates row add_or_update and apply_snapshot would write for a new person."""
    i = line.intake
    row: dict[str, Any] = {k: getattr(i, k) for k in FIELDS}
    row["name"] = (i.name or i.github or i.huggingface or i.arxiv_name or i.kaggle or (i.email or "").split("@")[0])
    snap = _stored_snapshot(line, roles, None)
    for key in ("github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "email"):
        if snap.get(key) and not row[key]:
            row[key] = snap[key]
    if snap.get("name") and (not row["name"] or row["name"] in {row["github"], row["huggingface"], row["kaggle"]}):
        row["name"] = snap["name"]
    if snap.get("location") and not row["location"]:
        row["location"] = snap["location"]
    place = parse_location(row["location"])
    pending = line.snapshot is None and bool(row["github"] or row["huggingface"] or row["arxiv_name"])
    status = "pending" if pending else "ok" if line.has_signals else "none"
    return row | {"team_id": team_id, "snapshot": snap, "country": place.country, "region": place.region,
                  "enrichment_status": status, "enrich_after": now if pending else None,
                  "enriched_at": now if line.has_signals else None, "do_not_contact": False, "added_by": None,
                  "source": source, "created_at": now, "updated_at": now, "name_folded": fold(row["name"])[:200]}


def signal_rows(team_id: str, cid: int, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The signals rows bot.candidates.store.replace_signals writes, as dicts."""
    sig = (row["snapshot"] or {}).get("signals") or {}
    base = {"team_id": team_id, "candidate_id": cid}
    out = [base | {"kind": "merged_pr", "data": pr, "url": pr.get("url")} for pr in sig.get("merged_prs") or ()]
    out += [base | {"kind": "repo", "data": r, "url": f"https://github.com/{r.get('name')}"} for r in sig.get("repos") or ()]
    out += [base | {"kind": "hf_model", "data": m, "url": f"https://huggingface.co/{m.get('id')}"}
            for m in sig.get("hf_models") or ()]
    out += [base | {"kind": "paper", "data": p, "url": f"https://arxiv.org/abs/{p.get('id')}"} for p in sig.get("papers") or ()]
    if row["kaggle_tier"]:
        out.append(base | {"kind": "kaggle", "data": {"tier": row["kaggle_tier"], "user": row["kaggle"]},
                           "url": f"https://www.kaggle.com/{row['kaggle']}" if row["kaggle"] else None})
    return out


class Importer:
    """One bulk import into one team: roles resolved once, batches written one transaction each."""

    def __init__(self, services: Services, *, team_id: str, source: str):
        self.services, self.team_id, self.source = services, team_id, source
        with services.db.session() as session:
            ensure_team(session=session, team_id=team_id)
            self.roles = list(session.scalars(select(Role).where(Role.team_id == team_id).order_by(Role.id)))
            self.cards = [(r.id, card_of(r)) for r in self.roles]
        self._by_name: dict[str, Role | UserError] = {}

    def _role(self, name: str) -> Role:
        hit = self._by_name.get(name)
        if hit is None:
            with self.services.db.session() as session:
                try:
                    role = get_role(session=session, team_id=self.team_id, name=name,
                                    example="/candidate add github:octocat role:{role}")
                    session.expunge(role)
                    hit = role
                except UserError as exc:
                    hit = exc
            self._by_name[name] = hit
        if isinstance(hit, UserError):
            raise hit
        return hit

    def run(self, lines: list[Line], today: date, now: datetime) -> Outcome:
        """Write one batch; on a database error every line of it goes to the per-line path instead."""
        out = Outcome([], [], 0, [], [])
        fast: list[tuple[Line, list[Role]]] = []
        for line in lines:
            try:
                fast.append((line, [self._role(r) for r in line.intake.roles]))
            except UserError as exc:
                out.errors.append((line.n, exc.message))
        try:
            with self.services.db.engine.begin() as conn:
                self._write(conn, fast, out, today, now)
        except (IntegrityError, DataError, OperationalError):
            return Outcome([], [], 0, [line for line, _ in fast], out.errors)
        return out

    def _write(self, conn: Connection, lines: list[tuple[Line, list[Role]]], out: Outcome, today: date,
               now: datetime) -> None:
        found = _existing(conn, self.team_id, [line for line, _ in lines])
        seen: set[tuple[str, str]] = set()
        new: list[tuple[Line, list[Role]]] = []
        handles_of = [{cid for k, v in _keys(line.intake) if k != "email" for cid in found.get((k, v), ())}
                      for line, _ in lines]
        stored = _stored(conn, {next(iter(h)) for h in handles_of if len(h) == 1})
        for (line, roles), handles in zip(lines, handles_of):
            keys = _keys(line.intake)
            by_email = [cid for k, v in keys if k == "email" for cid in found.get((k, v), ())]
            if seen.intersection(keys):  # named twice in this batch: the second line updates the first
                out.slow.append(line)
            elif len(handles) == 1 and _unchanged(line, stored[next(iter(handles))], roles):
                out.unchanged += 1
            elif handles or by_email:
                out.slow.append(line)
            else:
                new.append((line, roles))
            seen.update(keys)
        if new:
            self._insert(conn, new, out, today, now)

    def _insert(self, conn: Connection, new: list[tuple[Line, list[Role]]], out: Outcome, today: date,
                now: datetime) -> None:
        rows = [_new_row(line, roles, team_id=self.team_id, source=self.source, now=now) for line, roles in new]
        extracted = [candidate_columns(candidate_snapshot(SimpleNamespace(**row)), today=today) for row in rows]
        for row, (_, cols) in zip(rows, extracted):
            row.update(cols)
        t = Candidate.__table__
        ids = [r[0] for r in conn.execute(insert(t).returning(t.c.id, sort_by_parameter_order=True), rows)]
        signals = [s for cid, row in zip(ids, rows) for s in signal_rows(self.team_id, cid, row)]
        if signals:
            conn.execute(insert(Signal.__table__), signals)
        entries = [{"team_id": self.team_id, "candidate_id": cid, "role_id": r.id, "stage": "sourced",
                    "stage_entered_at": now, "owner_user_id": None, "updated_by": None}
                   for cid, (_, roles) in zip(ids, new) for r in {r.id: r for r in roles}.values()]
        if entries:
            conn.execute(insert(PipelineEntry.__table__), entries)
        batch = Batch.build(ids, [c["score_vector"] for _, c in extracted], [c["skills_text"] for _, c in extracted],
                            lambda i: extracted[i][0])
        scores = []
        for role_id, card in self.cards:
            tot, qual, _ = totals(batch, card)
            scores += [{"team_id": self.team_id, "candidate_id": cid, "role_id": role_id, "total": total,
                        "qualifies": q, "breakdown": {}, "scorer_version": SCORER_VERSION, "computed_at": now}
                       for cid, total, q in zip(ids, tot.tolist(), qual.tolist())]
        if scores:
            conn.execute(insert(Score.__table__), scores)
        bump_data_version(conn, self.team_id)
        out.added += [(line.n, cid) for (line, _), cid in zip(new, ids)]
        out.pending += [cid for cid, row in zip(ids, rows) if row["enrichment_status"] == "pending"]


def import_lines(services: Services, *, team_id: str, lines: Iterable[Line], source: str,
                 slow: Callable[[Line], None], on_batch: Callable[[Outcome], None]) -> None:
    """Import checked lines in batches: new people in bulk, the rest one by one through `slow`."""
    importer = Importer(services, team_id=team_id, source=source)
    added = 0
    for chunk in batches(lines):
        now = services.now()
        outcome = importer.run(chunk, now.date(), now)
        for line in outcome.slow:
            slow(line)
        on_batch(outcome)
        added += len(outcome.added)
    if added:
        store_top_breakdowns(services, team_id, [r.id for r in importer.roles])
