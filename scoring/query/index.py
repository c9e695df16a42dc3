"""Search columns derived from a profile snapshot (pure): the repositories a person has merged PRs into."""

from __future__ import annotations

from collections import Counter
from typing import Any

REPOS_TEXT_MAX = 1000  # characters kept in candidates.repos_text (most-merged repositories first)


def repos_text(snapshot: dict[str, Any] | None) -> str | None:
    """`|owner/name|owner/name|`, lower case, most merged PRs first, or None: what `LIKE '%vllm%'` searches."""
    signals = (snapshot or {}).get("signals") if isinstance(snapshot, dict) else None
    prs = (signals or {}).get("merged_prs") if isinstance(signals, dict) else None
    counts: Counter[str] = Counter()
    for pr in prs or ():
        repo = pr.get("repo") if isinstance(pr, dict) else None
        if isinstance(repo, str) and "/" in repo and "|" not in repo:
            counts[repo.strip().lower()] += 1
    if not counts:
        return None
    out = "|"
    for repo, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(out) + len(repo) + 1 > REPOS_TEXT_MAX:
            break
        out += repo + "|"
    return out
