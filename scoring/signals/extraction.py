"""extract(): one candidate's role-independent Features, with red flags capped at PENALTY_CAP."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from scoring.scorecard import claimed_skills, skill_evidence
from scoring.signals.activity import _Activity, _recency
from scoring.signals.features import Evidence, Features
from scoring.signals.helpers import _clock
from scoring.signals.oss import _oss
from scoring.signals.profiles import _hf, _kaggle, _papers
from scoring.signals.repos import _derivative_flags, _repos
from scoring.signals.tuning import PENALTY_CAP
from scoring.types import Profile, Reason

# Merged work in these ecosystems is a research implementation too (a paper's code may live upstream).
# Merged work in these is "GitHub contributions to production ML infrastructure" (001, next to Kaggle).
_PRODUCTION = frozenset({"training", "serving", "llm-serving", "mlops"})
_IMPLEMENTATION = frozenset({"training", "finetune", "vision", "nlp", "classic", "llm-serving"})


def extract(profile: Profile, *, today: date) -> Features:
    """Role-independent features of one candidate: done once, then score() per role is cheap."""
    gh = (profile.github or "").lower()
    ck = _clock(today)
    act = _Activity(cut=ck.recent)
    ev: list[Evidence] = []
    flags: list[Reason] = []
    oss, ecosystems = _oss(profile, ck, gh, act, ev)
    repos, production, kinds, n_owned, original_star, code, prod_ml = _repos(profile, ck, act, ev, flags)
    hf = _hf(profile, ev)
    kaggle = _kaggle(profile, prod_ml >= 0.5 or bool(ecosystems & _PRODUCTION), ev)
    papers = _papers(profile, ck, act, ev, code, bool(ecosystems & _IMPLEMENTATION))
    if kinds:
        _derivative_flags(kinds, n_owned, bool(ecosystems) or original_star or production > 0 or hf > 0 or papers > 0,
                          flags)
    recency = _recency(act, today, ev, flags)
    if sum(f.points for f in flags) < PENALTY_CAP:  # no profile loses more than PENALTY_CAP to red flags
        flags = _cap_flags(flags)
    flags.sort(key=lambda f: (f.points, f.text))
    strengths = MappingProxyType({"oss": oss, "repos": repos, "production": production, "hf": hf,
                                  "kaggle": kaggle, "papers": papers, "recency": recency})
    proof = skill_evidence(profile)
    skills = frozenset(proof)
    return Features(strengths=strengths, evidence=tuple(ev), red_flags=tuple(flags), skills=skills, as_of=today,
                    skill_evidence=MappingProxyType(proof), claimed=claimed_skills(profile, skills))


def _cap_flags(flags: list[Reason]) -> list[Reason]:
    """Keep the heaviest flags whole, trim the next to reach PENALTY_CAP, leave out any past it."""
    out: list[Reason] = []
    room = -PENALTY_CAP
    for f in sorted(flags, key=lambda f: f.points):
        pts = max(f.points, -room)
        room += pts
        if pts < 0:
            out.append(Reason(f.signal, pts, f.text, f.url))
    return out
