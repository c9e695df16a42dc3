"""Reading `/shortlist <role> [N] [location:x] [min:S] [skill:x] [remote]` into a query."""

from __future__ import annotations

import re
from typing import Any

from bot.core.errors import UserError
from bot.core.text import key_values, split_args

DEFAULT_N = 10
MAX_N = 25
EXAMPLE = "/shortlist ml-engineer 10 location:europe min:60"
FILTERS = {"location", "loc", "min", "skill", "stage"}
KEY_EXAMPLES = {"location": "location:europe", "loc": "loc:berlin", "min": "min:60", "skill": "skill:pytorch",
                "stage": "stage:interview"}
STAGES = ("sourced", "shortlisted", "contacted", "replied", "review", "interview", "offer", "hired", "passed")
ALL_STAGES = "all"  # stage:all shows passed, hired and do-not-contact people too
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"twenty-five": 25, "top": -1}
_NUMBERISH = re.compile(r"^[+-]?\d[\d.,]*$")


def _count(word: str) -> int | None:
    """N from `10`, `ten` or `top` (-1: the word is `top`, as in "top 5"); None for a word that is no number."""
    low = word.lower()
    if low in _NUMBER_WORDS:
        return _NUMBER_WORDS[low]
    if low.isascii() and low.isdigit() and len(low) <= 4:
        return int(low)
    if _NUMBERISH.match(low) or (low.isdigit() and not low.isascii()):
        raise UserError(f"`{word}` is not a number of candidates: give a whole number from 1 to {MAX_N}.",
                        example=EXAMPLE)
    return None


def parse_shortlist(text: str) -> dict[str, Any]:
    """Read `<role> [N] [location:x] [min:S] [skill:x] [stage:s] [remote]` into a query; UserError naming the
    word that could not be read."""
    words = split_args(text)
    for w in words:
        key, sep, value = w.partition(":")
        if sep and key and not key.lower() in FILTERS and not w.lower().startswith(("http:", "https:")):
            raise UserError(f"`{w}`: /shortlist has no `{key}:` filter. It knows "
                            + ", ".join(f"`{k}`" for k in KEY_EXAMPLES.values()) + " and `remote`.", example=EXAMPLE)
        if sep and key.lower() in FILTERS and not value:
            raise UserError(f"`{w}` needs a value after the colon, e.g. `{KEY_EXAMPLES[key.lower()]}`.",
                            example=EXAMPLE)
    positional, named = key_values(words, FILTERS)
    remote = any(w.lower() == "remote" for w in positional)
    positional = [w for w in positional if w.lower() != "remote"]
    n = DEFAULT_N
    role_words = []
    for w in positional:
        count = _count(w)
        if count is None:
            role_words.append(w)
        elif count >= 0:
            n = count
    if not role_words:
        raise UserError("Say which role to shortlist.", example=EXAMPLE)
    if not 1 <= n <= MAX_N:
        raise UserError(f"N must be between 1 and {MAX_N}; you asked for {n}.", example=EXAMPLE)
    min_score = 0
    if "min" in named:
        raw = named["min"][-1]
        if not (raw.isascii() and raw.isdigit()) or not 0 <= int(raw) <= 100:
            raise UserError(f"`min:{raw}`: min takes a score from 0 to 100.", example=EXAMPLE)
        min_score = int(raw)
    stage = (named.get("stage") or [None])[-1]
    if stage is not None:
        stage = stage.lower()
        if stage not in (*STAGES, ALL_STAGES):
            raise UserError(f"`stage:{stage}` is not a stage: " + ", ".join(STAGES) + f", or `{ALL_STAGES}`.",
                            example="/shortlist ml-engineer stage:hired")
    location = (named.get("location") or named.get("loc") or [None])[-1]
    return {"role": " ".join(role_words), "n": n, "min_score": min_score, "location": location,
            "skill": (named.get("skill") or [None])[-1], "remote": remote, "stage": stage}
