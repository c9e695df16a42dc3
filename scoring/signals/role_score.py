"""Per-role scoring: evidence weighted by the role's relevance, evidenced skills (70-30), red flags, 0..100."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from scoring.scorecard import coverage, prepared
from scoring.signals.extraction import extract
from scoring.signals.features import Features
from scoring.signals.helpers import MAX_CATEGORIES, _clip, base_of
from scoring.signals.tuning import MUST_SHARE
from scoring.types import Profile, Reason, Score, Scorecard


def _rel(prep, tag: str) -> float:
    r = prep.memo.get(tag)
    if r is None:
        if tag.startswith("recency:"):  # recent work counts as far as that kind of work is the role's
            r = prep.relevance.get(tag[8:], 1.0)
        else:
            r = prep.relevance.get(tag, 1.0) if ":" in tag else 1.0
        prep.memo[tag] = r
    return r


def _alt_proof(alts: frozenset[str], features: Features) -> tuple[str, tuple[str, str | None]] | None:
    """The evidenced alternative of a requirement ('pytorch|jax') and its proof, strongest alphabetically first."""
    for a in sorted(alts):
        proof = features.skill_evidence.get(a)
        if proof is not None:
            return a, proof
    return None


def _skill_rows(features: Features, prep) -> tuple[list, tuple[str, ...], bool]:
    """Points for evidenced must-haves (each its share) and nice-to-haves, the missing must-haves
    (those only claimed say so), and whether the 70% bar is met on evidence."""
    ws = prep.weights.get("skills", 0.0)
    skills = features.skills
    have, missing, nice, qualifies = coverage(skills, prep)
    rows = []
    n_must, n_nice = len(prep.must), len(prep.nice)
    if ws and (n_must or n_nice):
        must_part = (MUST_SHARE if n_nice else 1.0) if n_must else 0.0
        nice_part = 1.0 - must_part
        for token, alts in prep.must:
            hit = _alt_proof(alts, features) if alts & skills else None
            if hit:
                skill, (text, url) = hit
                rows.append((ws * must_part / n_must, _clip(f"Must-have {skill}: {text}"), url))
        got = [(token, _alt_proof(alts, features)) for token, alts in prep.nice if alts & skills]
        if got:
            names = ", ".join(hit[0] for _, hit in got if hit)
            url = next((hit[1][1] for _, hit in got if hit and hit[1][1]), None)
            rows.append((ws * nice_part * len(got) / n_nice, _clip(f"Nice-to-have {names} (evidenced)"), url))
    claimed = features.claimed
    shown = tuple(f"{t} (claimed, not yet evidenced)"
                  if claimed and not claimed.isdisjoint(t.split("|")) else t for t in missing)
    return rows, shown, qualifies


def relevance(card: Scorecard, tag: str) -> float:
    """How much evidence filed under `tag` counts for this role (0..1); a category's points are
    weight[category] x min(1, sum of relevance x share) (recency: the max instead of the sum)."""
    return _rel(prepared(card), tag)


def skill_points(features: Features, card: Scorecard) -> tuple[float, bool]:
    """The skills part of a role's score (before rounding) and whether the 70% bar is met; it depends
    only on the evidenced skills, so callers scoring many candidates may cache it per skill set."""
    rows, _, qualifies = _skill_rows(features, prepared(card))
    return sum(p for p, _, _ in rows), qualifies


def score(features: Features, card: Scorecard) -> Score:
    """Score one candidate's features for one role: relevance-weighted evidence + evidenced skills - red flags."""
    return _score(features, card)


def score_roles(features: Features, cards: Iterable[Scorecard]) -> dict[str, Score]:
    """Score one candidate for several roles at once (slug -> Score); same results as score()."""
    return {card.slug: _score(features, card) for card in cards}


def _score(features: Features, card: Scorecard) -> Score:
    prep = prepared(card)
    w = prep.weights
    raw: dict[str, float] = {}
    lines: list[dict[str, float]] = []  # per evidence line: category -> relevance-weighted share
    for e in features.evidence:
        line: dict[str, float] = {}
        for tag, v in e.shares:
            b = base_of(tag)
            if w.get(b) and v > 0:
                x = _rel(prep, tag) * v
                line[b] = max(line.get(b, 0.0), x) if b in MAX_CATEGORIES else line.get(b, 0.0) + x
        for b, x in line.items():
            raw[b] = max(raw.get(b, 0.0), x) if b in MAX_CATEGORIES else raw.get(b, 0.0) + x
        lines.append(line)
    # a category gives at most its weight: relevance-weighted strengths above 1 are scaled down
    per_unit = {b: w[b] / (r if r > 1.0 else 1.0) for b, r in raw.items() if r > 0}
    rows = []
    for i, e in enumerate(features.evidence):
        p = 0.0
        for b, x in lines[i].items():
            k = per_unit.get(b)
            if k:
                p += k * x
        if p > 0:
            rows.append((-p, e.text, i, e.shares[0][0], e.url))
    skill_rows, missing, qualifies = _skill_rows(features, prep)
    for j, (p, text, url) in enumerate(skill_rows):
        if p > 0:
            rows.append((-p, text, len(features.evidence) + j, "skills", url))
    rows.sort(key=lambda r: (r[0], r[2]))

    # Whole points that add up exactly to the rounded sum: round the running total and give each
    # reason the step (so every reason is within 1 point of its exact share).
    reasons = []
    cum = 0.0
    done = 0
    for neg, text, _, tag, url in rows:
        cum -= neg
        upto = int(cum + 0.5)
        pts = upto - done
        done = upto
        if pts > 0:
            reasons.append(Reason(base_of(tag), pts, text, url))
    if len(reasons) > 1 and any(a.points < b.points for a, b in zip(reasons, reasons[1:])):
        reasons.sort(key=lambda r: -r.points)  # stable: equal points keep the exact-share order
    flags = features.red_flags
    total = done + sum(f.points for f in flags)
    return Score(total=0 if total < 0 else 100 if total > 100 else int(total), reasons=tuple(reasons),
                 red_flags=flags, missing_must_haves=missing, qualifies=qualifies, version=features.version)


def score_profile(profile: Profile, card: Scorecard, *, today: date) -> Score:
    """Convenience: score(extract(profile, today=today), card)."""
    return score(extract(profile, today=today), card)
