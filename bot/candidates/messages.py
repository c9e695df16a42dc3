"""What Slack shows about candidates: shortlist/digest entries and the full card, as data for templates.

Nothing here escapes or links mrkdwn: the templates do (templates/_macros.j2).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.errors import UserError
from bot.core.models import Candidate, Note, PipelineEntry, Role, Score
from bot.core.render import render, truncate
from bot.roles.service import explain

REASON_LINES = 3
_SUMMARY_SIGNALS = ("recency", "skills")  # lines about the rest of the evidence, shown after it
CARD_REASON_LINES = 6


def profile_url(c: Candidate) -> str | None:
    """The candidate's GitHub profile, else their Hugging Face one."""
    return (f"https://github.com/{c.github}" if c.github else
            f"https://huggingface.co/{c.huggingface}" if c.huggingface else None)


def first_name(c: Candidate) -> str:
    """What to call the person in a short dialog."""
    parts = (c.name or "").split()
    return parts[0] if parts else "this candidate"


def person(c: Candidate) -> dict[str, Any]:
    """The fields the `m.person` macro links: name and profile URL."""
    return {"id": c.id, "name": c.name, "profile_url": profile_url(c)}


def evidence(breakdown: dict[str, Any], limit: int = REASON_LINES) -> dict[str, Any]:
    """The strongest reasons (of the first `limit`, those that scored), every red flag, missing must-haves."""
    # concrete work first (merged PRs, repos, models, papers, Kaggle), then recency and skills lines
    ordered = sorted((r for r in breakdown.get("reasons") or [] if r.get("points", 0) > 0),
                     key=lambda r: r.get("signal") in _SUMMARY_SIGNALS)
    reasons = [{"text": r["text"], "url": r.get("url")} for r in ordered[:limit]]
    flags = [{"text": f["text"], "url": f.get("url"), "points": f["points"]} for f in breakdown.get("red_flags") or []]
    return {"reasons": reasons, "red_flags": flags, "missing": list(breakdown.get("missing") or [])}


def candidate_item(rank: int | None, c: Candidate, sc: Score, *, stage: str | None, role_id: int,
                   context: str = "", show_shortlist: bool = False,
                   breakdown: dict[str, Any] | None = None) -> dict[str, Any]:
    """One shortlist or digest entry (templates/candidates/_item.j2); `breakdown` overrides the stored one."""
    return person(c) | {
        "role_id": role_id, "rank": rank, "score": sc.total, "location": c.location, "stage": stage,
        "enrichment": c.enrichment_status, "do_not_contact": c.do_not_contact, "evidence": evidence(sc.breakdown or {} if breakdown is None else breakdown),
        "value": f"{c.id}|{role_id}|{context}"[:2000], "first_name": truncate(first_name(c), 60),
        "show_shortlist": show_shortlist}


def parse_value(value: str) -> tuple[int, int, str]:
    """A button value is `candidate_id|role_id|context` (context: the shortlist query to refresh)."""
    cid, rid, ctx = (value.split("|", 2) + ["", ""])[:3]
    # Ids Hirebot wrote: ASCII digits within the id column (int() would also take "١٢" or 10**30).
    if not all(part.isascii() and part.isdigit() and len(part) <= 18 for part in (cid, rid)):
        raise UserError("That button is from an older Hirebot message; run the command again.")
    return int(cid), int(rid), ctx


def card_message(*, session: Session, candidate: Candidate, notice: str | None = None) -> dict[str, Any]:
    """The full candidate card: handles, stage, scores per role, evidence, notes, enrichment status."""
    c = candidate
    # enrichment pending: no score and no "missing must-haves" until the public data is in (issue 11)
    scores = [] if c.enrichment_status == "pending" else list(session.execute(
        select(Score, Role).join(Role, Role.id == Score.role_id).where(Score.candidate_id == c.id)
        .order_by(Score.total.desc())))
    stages = list(session.execute(select(PipelineEntry, Role).join(Role, Role.id == PipelineEntry.role_id)
                                  .where(PipelineEntry.candidate_id == c.id)))
    notes = list(session.scalars(select(Note).where(Note.candidate_id == c.id).order_by(Note.created_at.desc()).limit(3)))
    best = scores[0] if scores else None
    return render("candidates/card.json.j2", notice=notice, c=person(c) | {
        "github": c.github, "huggingface": c.huggingface, "arxiv_name": c.arxiv_name, "kaggle": c.kaggle,
        "kaggle_tier": c.kaggle_tier, "location": c.location, "enrichment": c.enrichment_status,
        "enrichment_note": c.enrichment_note, "do_not_contact": c.do_not_contact,
        "stages": [{"role": r.slug, "stage": e.stage} for e, r in stages],
        "scores": [{"role": r.title, "total": s.total, "qualifies": s.qualifies} for s, r in scores[:8]],
        "best": {"role": best[1].title, "total": best[0].total,
                 "evidence": evidence(explain(session=session, role=best[1], scores=[best[0]])[0],
                                      CARD_REASON_LINES)} if best else None,
        "notes": [{"author": n.author_user_id, "text": n.text} for n in notes]})
