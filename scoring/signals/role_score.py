"""Per-role scoring: weighted strengths, skills match, must-have gap and red flags, 0..100."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from scoring.scorecard import coverage, prepared
from scoring.signals.extraction import extract
from scoring.signals.features import Evidence, Features
from scoring.signals.helpers import _clip
from scoring.signals.tuning import GAP_RATE, GAP_STEP
from scoring.types import Profile, Reason, Score, Scorecard


def _alts(tokens: tuple[str, ...]) -> str:
    return ", ".join(t.replace("|", " or ") for t in tokens)


def _skills_reason(have: int, n_must: int, nice: tuple[str, ...], n_nice: int,
                   missing: tuple[str, ...]) -> tuple[float, str]:
    parts = []
    if n_must:
        parts.append(f"{have}/{n_must} must-have skills" + (f" (missing {_alts(missing)})" if missing else ""))
    if n_nice:
        parts.append(f"{len(nice)}/{n_nice} nice-to-haves" + (f": {_alts(nice)}" if nice else ""))
    must_frac = have / n_must if n_must else None
    nice_frac = len(nice) / n_nice if n_nice else None
    if must_frac is not None and nice_frac is not None:
        strength = 0.75 * must_frac + 0.25 * nice_frac  # must-haves decide (70-30 rule, 000_43590e2982354659.txt)
    else:
        strength = must_frac if must_frac is not None else (nice_frac or 0.0)
    return strength, _clip("; ".join(parts))


def _skills_part(skills: frozenset[str], prep) -> tuple:
    """Coverage, skills reason and must-have gap for one card, memoized per card on the relevant skills."""
    key = skills & prep.vocabulary
    hit = prep.memo.get(key)
    if hit is None:
        have, missing, nice, qualifies = coverage(key, prep)
        points, ev = 0.0, None
        ws = prep.weights.get("skills")
        if ws and (prep.must or prep.nice):
            strength, text = _skills_reason(len(have), len(prep.must), nice, len(prep.nice), missing)
            points, ev = ws * strength, Evidence(text, None, (("skills", strength),))
        gap_share, gap_text = 0.0, ""
        if not qualifies:
            gap_share = GAP_STEP + GAP_RATE * len(missing) / len(prep.must)
            gap_text = _clip(f"Under the 70% must-have bar ({len(have)}/{len(prep.must)}; missing {_alts(missing)}): "
                             f"evidence counts {round(100 * gap_share)}% less")
        if len(prep.memo) > 4096:
            prep.memo.clear()
        hit = prep.memo[key] = (missing, qualifies, points, ev, gap_share, gap_text)
    return hit


def score(features: Features, card: Scorecard) -> Score:
    """Score one candidate's features for one role: weighted strengths + skills - red flags, 0..100."""
    return _score(features, card, {})


def score_roles(features: Features, cards: Iterable[Scorecard]) -> dict[str, Score]:
    """Score one candidate for several roles at once (slug -> Score); same results as score(), faster."""
    memo: dict = {}  # roles with equal weights award equal points: reuse those Reason objects
    return {card.slug: _score(features, card, memo) for card in cards}


def _score(features: Features, card: Scorecard, memo: dict) -> Score:
    prep = prepared(card)
    w = prep.weights
    missing, qualifies, skill_points, skill_ev, gap_share, gap_text = _skills_part(features.skills, prep)
    rows = []
    evidence_points = 0.0
    for i, e in enumerate(features.evidence):
        p = 0.0
        for c, s in e.shares:
            wc = w.get(c)
            if wc:
                p += wc * s
        if p > 0:
            rows.append((-p, e.text, i))
            evidence_points += p
    if skill_points > 0:
        rows.append((-skill_points, skill_ev.text, -1))
    rows.sort()

    # Whole points that add up exactly to the rounded sum: round the running total and give each
    # reason the step (so every reason is within 1 point of its exact share).
    reasons = []
    cum = 0.0
    done = 0
    for neg, text, i in rows:
        cum -= neg
        upto = int(cum + 0.5)
        pts = upto - done
        done = upto
        if pts > 0:
            if i < 0:  # the skills line differs per role: never shared
                reasons.append(Reason("skills", pts, text, None))
                continue
            r = memo.get((i, pts))
            if r is None:
                e = features.evidence[i]
                r = memo[(i, pts)] = Reason(e.shares[0][0], pts, text, e.url)
            reasons.append(r)
    if len(reasons) > 1 and any(a.points < b.points for a, b in zip(reasons, reasons[1:])):
        reasons.sort(key=lambda r: -r.points)  # stable: equal points keep the exact-share order
    flags = features.red_flags
    gap = int(gap_share * evidence_points + 0.5)
    if gap > 0:  # role-specific, so it joins the profile's own red flags here
        flags = tuple(sorted((*flags, Reason("must_haves", -gap, gap_text, None)), key=lambda f: (f.points, f.text)))
    total = done
    for f in flags:
        total += f.points
    return Score(total=0 if total < 0 else 100 if total > 100 else total, reasons=tuple(reasons),
                 red_flags=flags, missing_must_haves=missing, qualifies=qualifies, version=features.version)


def score_profile(profile: Profile, card: Scorecard, *, today: date) -> Score:
    """Convenience: score(extract(profile, today=today), card)."""
    return score(extract(profile, today=today), card)
