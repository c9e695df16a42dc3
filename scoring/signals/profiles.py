"""Other public profiles as strengths with evidence: Hugging Face models, Kaggle tier, arXiv papers."""

from __future__ import annotations

import math
from datetime import date

from scoring.scorecard.vocabulary import PIPELINE_SKILLS
from scoring.signals.activity import _Activity
from scoring.signals.features import Evidence
from scoring.signals.helpers import _clip, _Clock, _combine, _month, _num, _s
from scoring.signals.tuning import (
    HF_MIN_DOWNLOADS,
    KAGGLE_COMBINED,
    KAGGLE_TIER,
    MAX_LINES,
    ML_CATEGORIES,
    NAME_MATCH_UNIT,
    PAPER_OLD_YEARS,
    PAPER_RATE,
)
from scoring.types import HFModel, Profile, Repo


def _hf_kind(m: HFModel) -> str:
    skills = PIPELINE_SKILLS.get(m.pipeline_tag or "", ())
    if "llm" in skills:
        return "llm"
    if "computer-vision" in skills:
        return "vision"
    if "nlp" in skills or "embeddings" in skills:
        return "nlp"
    return "other"


def _hf(profile: Profile, ev: list[Evidence]) -> float:
    models = [m for m in profile.hf_models if m.downloads >= HF_MIN_DOWNLOADS]
    if not models:
        return 0.0
    # log-scaled: 100 downloads .4, 1k .6, 12k .82, 100k+ 1; a model card is how people learn what it
    # does (001_1d3b2ab28759786c.txt on model cards): without one, half.
    vals = [min(1.0, math.log10(m.downloads) / 5) * (1.0 if m.has_card else 0.5) for m in models]
    strength, contrib = _combine(vals, [m.id for m in models], 0.35)
    order = sorted(range(len(models)), key=lambda i: (-contrib[i], models[i].id))
    for i in order[:MAX_LINES]:
        m = models[i]
        text = f"HF model {m.id}: {_num(m.downloads)} downloads, {'model card' if m.has_card else 'no model card'}"
        ev.append(Evidence(_clip(text), m.url, ((f"hf:{_hf_kind(m)}", contrib[i]),)))
    rest = order[MAX_LINES:]
    if rest:
        dl = sum(models[i].downloads for i in rest)
        url = f"https://huggingface.co/{profile.huggingface}" if profile.huggingface else models[rest[0]].url
        shares: dict[str, float] = {}
        for i in rest:
            tag = f"hf:{_hf_kind(models[i])}"
            shares[tag] = shares.get(tag, 0.0) + contrib[i]
        ev.append(Evidence(f"{len(rest)} more HF model{_s(len(rest))}, {_num(dl)} downloads", url,
                           tuple(sorted(shares.items()))))
    return strength


def _kaggle(profile: Profile, combined: bool, ev: list[Evidence]) -> float:
    tier = profile.kaggle_tier
    base = KAGGLE_TIER.get(tier or "", 0.0)
    if base <= 0:
        return 0.0
    label = "Kaggle " + ("Grandmaster" if tier == "grandmaster" else tier.capitalize())
    strength = base
    if combined:
        strength = min(1.0, base * KAGGLE_COMBINED)
        label += ", with production GitHub work"
    url = f"https://www.kaggle.com/{profile.kaggle}" if profile.kaggle else "https://www.kaggle.com/rankings"
    ev.append(Evidence(label, url, (("kaggle", strength),)))
    return strength


def _papers(profile: Profile, ck: _Clock, act: _Activity, ev: list[Evidence], code: list[Repo],
            implemented: bool) -> float:
    """Confirmed papers ("papers:code" when the candidate's own code stands next to them: a paper with
    its implementation counts as a paper and, through that code, as code), and name-match ones."""
    sure: list = []
    named: list = []
    for p in profile.papers:
        if ML_CATEGORIES.isdisjoint(p.categories):
            continue
        (named if p.name_match else sure).append(p)
        if not p.name_match:  # an unconfirmed paper isn't their activity
            act.note(p.published, "paper", p, p.id, ml="papers:code", today=ck.today)
    if not sure and not named:
        return 0.0
    old = date(ck.today.year - PAPER_OLD_YEARS, ck.today.month, 1)
    with_code = bool(code) or implemented
    total = 0.0
    for group, unit, note in ((sure, 1.0, ""), (named, NAME_MATCH_UNIT, "name match, to confirm")):
        if not group:
            continue
        counts: dict[str, int] = {}
        for p in group:
            for c in p.categories:
                if c in ML_CATEGORIES:
                    counts[c] = counts.get(c, 0) + 1
        cats = ", ".join(sorted(counts, key=lambda c: (-counts[c], c))[:3])
        latest = max(group, key=lambda p: (p.published or date.min, p.id))
        units = sum(unit * (0.5 if p.published and p.published < old else 1.0) for p in group)
        text = f"{len(group)} arXiv paper{_s(len(group))} in {cats}"
        if note:
            tag = "papers:unconfirmed"
        elif with_code:
            tag = "papers:code"
            text += f" with code: {code[0].name}" if code else " with code in reviewed PRs"
        else:
            tag = "papers:only"
            note = "no code found"
        when = f"latest: {_month(latest.published)}" if latest.published else ""
        if note or when:
            text += f" ({'; '.join(t for t in (note, when) if t)})"
        share = 1.0 - math.exp(-PAPER_RATE * units)  # each kind saturates on its own, as in oss
        ev.append(Evidence(_clip(text), latest.url, ((tag, share),)))
        total += share
    return min(1.0, total)
