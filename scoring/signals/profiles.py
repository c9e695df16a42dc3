"""Other public profiles as strengths with evidence: Hugging Face models, Kaggle tier, arXiv papers."""

from __future__ import annotations

import math
from datetime import date

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
    PAPER_RATE,
)
from scoring.types import Profile


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
        ev.append(Evidence(_clip(text), m.url, (("hf", contrib[i]),)))
    rest = order[MAX_LINES:]
    if rest:
        dl = sum(models[i].downloads for i in rest)
        url = f"https://huggingface.co/{profile.huggingface}" if profile.huggingface else models[rest[0]].url
        ev.append(Evidence(f"{len(rest)} more HF model{_s(len(rest))}, {_num(dl)} downloads", url,
                           (("hf", sum(contrib[i] for i in rest)),)))
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
    url = f"https://www.kaggle.com/{profile.kaggle}" if profile.kaggle else None
    ev.append(Evidence(label, url, (("kaggle", strength),)))
    return strength


def _papers(profile: Profile, ck: _Clock, act: _Activity, ev: list[Evidence]) -> float:
    sure: list = []
    named: list = []
    for p in profile.papers:
        if ML_CATEGORIES.isdisjoint(p.categories):
            continue
        (named if p.name_match else sure).append(p)
        d = p.published
        if not p.name_match and d is not None and d <= ck.today:  # an unconfirmed paper isn't their activity
            if d >= ck.recent:
                act.recent += 1
            if act.latest is None or d > act.latest or (
                    d == act.latest and act.kind == "paper" and p.id < act.item.id):
                act.latest, act.kind, act.item = d, "paper", p
    if not sure and not named:
        return 0.0
    total_units = len(sure) + NAME_MATCH_UNIT * len(named)
    strength = 1.0 - math.exp(-PAPER_RATE * total_units)
    for group, unit, note in ((sure, 1.0, ""), (named, NAME_MATCH_UNIT, "name match")):
        if not group:
            continue
        counts: dict[str, int] = {}
        for p in group:
            for c in p.categories:
                if c in ML_CATEGORIES:
                    counts[c] = counts.get(c, 0) + 1
        cats = ", ".join(sorted(counts, key=lambda c: (-counts[c], c))[:3])
        latest = max(group, key=lambda p: (p.published or date.min, p.id))
        text = f"{len(group)} arXiv paper{_s(len(group))} in {cats}"
        when = f"latest: {_month(latest.published)}" if latest.published else ""
        if note or when:
            text += f" ({'; '.join(t for t in (note, when) if t)})"
        ev.append(Evidence(_clip(text), latest.url, (("papers", strength * unit * len(group) / total_units),)))
    return strength
