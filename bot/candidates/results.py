"""/candidate find and /candidate list replies (templates/candidates/find.json.j2, list.json.j2) and their CSV."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.candidates.find import FIND_EXAMPLE, FIND_KEYS, LIST_EXAMPLE, LIST_KEYS, Filters, Found, find, parse_filters, \
    pipeline_list, stage_counts
from bot.candidates.messages import profile_url
from bot.core.csvsafe import csv_text
from bot.core.errors import UserError
from bot.core.paging import EXPORT_MAX, paging
from bot.core.render import render
from bot.core.text import key_values, split_args

PAGE = 10
HANDLE_PREFIXES = ("github:", "gh:", "hf:", "huggingface:", "email:")
FIND_HEADER = ("rank", "id", "name", "github", "huggingface", "location", "profile", "matched")
LIST_HEADER = ("id", "name", "role", "stage", "since", "owner", "github", "huggingface", "location", "profile")


def _words(text: str, keys: tuple[str, ...], example: str) -> tuple[list[str], dict[str, list[str]]]:
    """Search words and `key:value` filters; a handle prefix (github:x) is a search word; another key is named."""
    terms: list[str] = []
    words, named = key_values(split_args(text), set(keys))
    for w in words:
        low = w.lower()
        prefix = next((p for p in HANDLE_PREFIXES if low.startswith(p)), None)
        key, sep, value = w.partition(":")
        if prefix:
            terms.append(w[len(prefix):])
        elif sep and key.isascii() and key.isalpha() and not value.startswith("//"):
            raise UserError(f"`{w}`: this command has no `{key}:` filter. It knows "
                            + ", ".join(f"`{k}:`" for k in keys) + ".", example=example)
        else:
            terms.append(w.removeprefix("https://github.com/").removeprefix("@"))
    return terms, named


def _row(f: Found, rank: int) -> dict[str, Any]:
    return {"rank": rank, "id": f.id, "name": f.name, "profile_url": profile_url(f), "handle": f.github or f.huggingface,
            "location": f.location, "why": f.why, "stage": f.stage, "role": f.role, "owner": f.owner, "since": f.since}


def _find_rows(session: Session, team_id: str, text: str, caller: str | None) -> tuple[list[Found], bool, list[str], Filters]:
    terms, named = _words(text, FIND_KEYS, FIND_EXAMPLE)
    filters = parse_filters(session=session, team_id=team_id, named=named, caller=caller, example=FIND_EXAMPLE)
    if not terms and filters == Filters():
        raise UserError("Say what to look for: part of a name, a handle, an email, a skill, a place or a repository.",
                        example=FIND_EXAMPLE)
    found, capped = find(session=session, team_id=team_id, terms=terms, filters=filters)
    return found, capped, terms, filters


def find_message(*, session: Session, team_id: str, text: str, caller: str | None, offset: int = 0) -> dict[str, Any]:
    """One page of `/candidate find <words>`: best matches first, with why each matched."""
    found, capped, terms, filters = _find_rows(session, team_id, text, caller)
    page = found[offset:offset + PAGE]
    return render("candidates/find.json.j2", terms=terms, filters=filters.words(), total=len(found), capped=capped,
                  rows=[_row(f, offset + i) for i, f in enumerate(page, 1)],
                  paging=paging("find", text, offset=offset, shown=len(page), more=len(found) > offset + PAGE, page=PAGE))


def list_message(*, session: Session, team_id: str, text: str, caller: str | None, offset: int = 0) -> dict[str, Any]:
    """One page of `/candidate list [stage:x] [role:y] [owner:@z] [since:30d]`, most recently moved first."""
    filters = _list_filters(session, team_id, text, caller)
    rows, more = pipeline_list(session=session, team_id=team_id, filters=filters, offset=offset, limit=PAGE)
    counts = stage_counts(session=session, team_id=team_id) if not rows and not offset else {}
    return render("candidates/list.json.j2", filters=filters.words(), hidden_note=not filters.stage,
                  rows=[_row(f, offset + i) for i, f in enumerate(rows, 1)], counts=counts,
                  paging=paging("list", text, offset=offset, shown=len(rows), more=more, page=PAGE))


def _list_filters(session: Session, team_id: str, text: str, caller: str | None) -> Filters:
    terms, named = _words(text, LIST_KEYS, LIST_EXAMPLE)
    if terms:
        raise UserError(f"`{terms[0]}`: list takes only filters (stage:, role:, owner:, since:); to search by words "
                        f"use `/candidate find {terms[0]}`.", example=LIST_EXAMPLE)
    return parse_filters(session=session, team_id=team_id, named=named, caller=caller, example=LIST_EXAMPLE)


def find_csv(*, session: Session, team_id: str, text: str, caller: str | None) -> tuple[str, str, int]:
    """Every match of a find (up to its cap) as safe CSV: (file name, content, rows)."""
    found, _capped, _terms, _filters = _find_rows(session, team_id, text, caller)
    lines = [(i, f.id, f.name, f.github, f.huggingface, f.location, profile_url(f), "; ".join(f.why))
             for i, f in enumerate(found, 1)]
    return "candidate-find.csv", csv_text(FIND_HEADER, lines), len(lines)


def list_csv(*, session: Session, team_id: str, text: str, caller: str | None) -> tuple[str, str, int]:
    """The whole list (up to EXPORT_MAX rows) as safe CSV: (file name, content, rows)."""
    filters = _list_filters(session, team_id, text, caller)
    rows, _more = pipeline_list(session=session, team_id=team_id, filters=filters, offset=0, limit=EXPORT_MAX)
    lines = [(f.id, f.name, f.role, f.stage, f.since.isoformat() if f.since else None, f.owner, f.github,
              f.huggingface, f.location, profile_url(f)) for f in rows]
    return "candidate-list.csv", csv_text(LIST_HEADER, lines), len(lines)
