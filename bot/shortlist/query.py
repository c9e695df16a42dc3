"""Reading `/shortlist <role> [N] [location:x] [min:S] [skill:x] [remote]` into a query."""

from __future__ import annotations

import re
from typing import Any

from bot.core.errors import UserError
from bot.core.text import key_values, split_args

DEFAULT_N = 10


MAX_N = 25


EXAMPLE = "/shortlist ml-engineer 10 location:europe min:60"


FILTERS = {"location", "loc", "min", "skill"}


def parse_shortlist(text: str) -> dict[str, Any]:
    """Read `<role> [N] [location:x] [min:S] [skill:x] [remote]` into a query; UserError on bad input."""
    words = split_args(text)
    positional, named = key_values(words, FILTERS)
    remote = any(w.lower() == "remote" for w in positional)
    positional = [w for w in positional if w.lower() != "remote"]
    if not positional:
        raise UserError("Say which role to shortlist.", example=EXAMPLE)
    n = DEFAULT_N
    role_words = []
    for w in positional:
        if re.fullmatch(r"\d+", w):
            n = int(w)
        else:
            role_words.append(w)
    if not 1 <= n <= MAX_N:
        raise UserError(f"N must be between 1 and {MAX_N}; you asked for {n}.", example=EXAMPLE)
    min_score = 0
    if "min" in named:
        raw = named["min"][-1]
        if not raw.isdigit() or not 0 <= int(raw) <= 100:
            raise UserError(f"min: takes a score from 0 to 100, not {raw!r}.", example=EXAMPLE)
        min_score = int(raw)
    location = (named.get("location") or named.get("loc") or [None])[-1]
    return {"role": " ".join(role_words), "n": n, "min_score": min_score, "location": location,
            "skill": (named.get("skill") or [None])[-1], "remote": remote}
