"""Paging and export buttons on a result (shortlist, /candidate find, /candidate list): what they carry.

A button's value is the result's short command text, its kind and the offset, as JSON within Slack's
2,000 characters; clicking re-runs the command for that page, so nothing is kept between clicks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.core.errors import UserError

KINDS = ("shortlist", "find", "list")
MAX_VALUE = 2000  # Block Kit button value limit
MAX_OFFSET = 100_000
EXPORT_MAX = 5000  # rows in one CSV export; past this the file says it stopped
OLDER = "That button is from an older Hirebot message; run the command again."


@dataclass(frozen=True)
class PageRef:
    """Which result (kind and command text) and from which row (offset)."""

    kind: str
    text: str
    offset: int


def page_value(kind: str, text: str, offset: int) -> str | None:
    """The button value for a page of a result; None when the text is too long to carry."""
    value = json.dumps({"k": kind, "q": text, "o": offset}, ensure_ascii=False, separators=(",", ":"))
    return value if len(value) <= MAX_VALUE else None


def read_page_value(value: str | None) -> PageRef:
    """A button value back into a PageRef; UserError for a value Hirebot did not write."""
    try:
        data = json.loads(value or "")
    except ValueError:
        raise UserError(OLDER) from None
    if not isinstance(data, dict):
        raise UserError(OLDER)
    kind, text, offset = data.get("k"), data.get("q"), data.get("o")
    if kind not in KINDS or not isinstance(text, str) or type(offset) is not int or not 0 <= offset <= MAX_OFFSET:
        raise UserError(OLDER)
    return PageRef(kind, text, offset)


def paging(kind: str, text: str, *, offset: int, shown: int, more: bool, page: int) -> dict[str, Any] | None:
    """What templates/shortlist/_paging.j2 shows: Previous / Next N / Export CSV values and the row range."""
    if not shown and not offset:
        return None
    prev_value = page_value(kind, text, max(0, offset - page)) if offset else None
    next_value = page_value(kind, text, offset + page) if more else None
    export_value = page_value(kind, text, 0)
    if export_value is None:
        return None
    return {"prev": prev_value, "next": next_value, "export": export_value, "page": page,
            "first": offset + 1, "last": offset + shown, "more": more, "gone": not shown}
