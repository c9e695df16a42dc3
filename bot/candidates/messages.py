"""Turn stored rows into the plain values templates render (no Slack calls, no queries)."""

from __future__ import annotations

from typing import Any

from bot.core.errors import UserError
from bot.core.models import Candidate, Score
from bot.core.render import escape_mrkdwn, truncate

REASON_LINES = 3


def safe_url(url: str | None) -> str | None:
    """An http(s) URL that cannot break out of Slack's <url|text> form (else None)."""
    if not url or not url.startswith(("https://", "http://")) or any(ch in url for ch in "<>| \n\t"):
        return None
    return url


def link(url: str | None, text: str) -> str:
    """A mrkdwn link with escaped text (or just the escaped text without a safe URL)."""
    label = escape_mrkdwn(text).replace("|", "¦")
    url = safe_url(url)
    return f"<{url}|{label}>" if url else label


def candidate_title(c: Candidate) -> str:
    """The candidate's name, linked to their GitHub or Hugging Face profile when known."""
    url = (f"https://github.com/{c.github}" if c.github else
           f"https://huggingface.co/{c.huggingface}" if c.huggingface else None)
    return link(url, c.name)


def first_name(c: Candidate) -> str:
    """What to call the person in a short dialog."""
    parts = (c.name or "").split()
    return parts[0] if parts else "this candidate"


def evidence_lines(breakdown: dict[str, Any], limit: int = REASON_LINES) -> list[str]:
    """Bullets for the strongest reasons, red flags and missing must-haves."""
    lines = [f"• {link(r.get('url'), r['text'])}" for r in (breakdown.get("reasons") or [])[:limit] if r.get("points", 0) > 0]
    for flag in breakdown.get("red_flags") or []:
        lines.append(f"⚠️ {link(flag.get('url'), flag['text'])} ({flag['points']:+.0f})")
    if breakdown.get("missing"):
        lines.append("Missing must-haves: " + ", ".join(escape_mrkdwn(m.replace("|", " or ")) for m in breakdown["missing"]))
    return lines


def candidate_item(rank: int | None, c: Candidate, sc: Score, *, stage: str | None, role_id: int,
                   context: str = "", show_shortlist: bool = False) -> dict[str, Any]:
    """One shortlist or digest entry."""
    head = f"*{rank}. {candidate_title(c)}*" if rank else f"*{candidate_title(c)}*"
    bits = [head, f"*{sc.total}*/100"]
    if c.location:
        bits.append(escape_mrkdwn(c.location))
    if stage and stage != "sourced":
        bits.append(f"_{stage}_")
    if c.enrichment_status in ("pending", "stale"):
        bits.append("⏳ enrichment pending" if c.enrichment_status == "pending" else "⏳ data may be stale")
    if c.do_not_contact:
        bits.append("🚫 do not contact")
    lines = [" · ".join(bits)] + evidence_lines(sc.breakdown or {})
    return {"id": c.id, "role_id": role_id, "text": truncate("\n".join(lines), 3000),
            "value": f"{c.id}|{role_id}|{context}"[:2000], "first_name": truncate(first_name(c), 60),
            "show_shortlist": show_shortlist}


def parse_value(value: str) -> tuple[int, int, str]:
    """A button value is `candidate_id|role_id|context` (context: the shortlist query to refresh)."""
    try:
        cid, rid, ctx = (value.split("|", 2) + ["", ""])[:3]
        return int(cid), int(rid), ctx
    except ValueError as exc:
        raise UserError("That button is from an older Hirebot message; run the command again.") from exc
