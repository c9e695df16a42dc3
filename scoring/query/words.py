"""The words a plain-English shortlist is read with: levels, stages, counts, places, skills, filler (pure tables)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from scoring.geo import CITIES, COUNTRIES, REGION_ALIASES, REGIONS
from scoring.scorecard.roles import DEFAULT_ROLES
from scoring.scorecard.vocabulary import (
    OWNER_SKILLS,
    PAPER_CATEGORY_SKILLS,
    PIPELINE_SKILLS,
    REPO_SKILLS,
    SKILL_ALIASES,
    SKILL_IMPLIES,
)

LEVELS: Mapping[str, str] = MappingProxyType({
    "junior": "junior", "jr": "junior", "entry-level": "junior", "graduate": "junior", "grad": "junior",
    "mid": "mid", "mid-level": "mid", "midlevel": "mid", "intermediate": "mid",
    "senior": "senior", "sr": "senior", "snr": "senior", "staff": "staff", "principal": "principal",
    "lead": "lead", "tech-lead": "lead",
})

# Phrases (token tuples) naming a pipeline stage; `all` brings back passed, hired and do-not-contact people.
STAGE_PHRASES: Mapping[tuple[str, ...], str] = MappingProxyType({
    **{tuple(p.split()): "sourced" for p in (
        "not yet contacted", "not contacted yet", "not contacted", "uncontacted", "never contacted",
        "havent contacted", "havent contacted yet", "we havent contacted", "we havent contacted yet",
        "have not contacted", "have not contacted yet", "not reached out to", "new", "sourced", "fresh")},
    **{tuple(p.split()): "shortlisted" for p in ("shortlisted", "on the shortlist")},
    **{tuple(p.split()): "contacted" for p in ("contacted", "already contacted", "contacted already",
                                                "reached out to", "we contacted", "in outreach")},
    **{tuple(p.split()): "replied" for p in ("replied", "who replied", "who answered", "answered", "responded")},
    **{tuple(p.split()): "review" for p in ("in review", "under review", "review stage", "in resume review")},
    **{tuple(p.split()): "interview" for p in (
        "interview", "interviewing", "being interviewed", "in interviews", "interview stage", "at interview",
        "at the interview stage", "at interview stage", "in the interview stage", "interviewed")},
    **{tuple(p.split()): "offer" for p in ("with an offer", "with offers", "offer stage", "at offer",
                                            "at the offer stage", "offered")},
    **{tuple(p.split()): "hired" for p in ("hired", "we hired")},
    **{tuple(p.split()): "passed" for p in ("passed", "we passed on", "we passed", "rejected", "turned down")},
    **{tuple(p.split()): "all" for p in (
        "everyone", "including passed", "including passed and hired", "including hired",
        "including hired and passed", "incl passed", "even passed", "all stages", "any stage")},
})

NUMBER_WORDS: Mapping[str, int] = MappingProxyType({w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"twenty-five": 25, "dozen": 12, "a-dozen": 12, "couple": 2})

COUNT_LEADS = frozenset({"top", "best", "first", "show", "give", "list", "find", "get"})
SCORE_LEADS = frozenset({"scoring", "score", "scored", "scores", "min", "minimum", "min-score", "minscore"})
COMPARATORS: tuple[tuple[str, ...], ...] = (
    ("at", "least"), ("of", "at", "least"), ("above",), ("over",), ("more", "than"), ("greater", "than"),
    (">=",), (">",), ("min",), ("minimum",), ("min", "score"), ("minimum", "score"), ("of",))
SCORE_TAILS = frozenset({"points", "pts", "+", "or", "more", "and", "up", "or-more", "plus"})

UNIT_DAYS: Mapping[str, int] = MappingProxyType({
    "day": 1, "days": 1, "d": 1, "week": 7, "weeks": 7, "w": 7, "wk": 7, "wks": 7,
    "month": 30, "months": 30, "m": 30, "mo": 30, "year": 365, "years": 365, "y": 365})
LATELY_DAYS = 90  # "active lately": what a recruiter means by recent, a quarter
ACTIVE_WORDS = frozenset({"active", "recently-active", "activity", "committing", "shipping"})
RECENT_WORDS: Mapping[str, int] = MappingProxyType({
    "lately": LATELY_DAYS, "recently": LATELY_DAYS, "recent": LATELY_DAYS})
THIS_UNITS: Mapping[str, int] = MappingProxyType({"week": 7, "month": 30, "quarter": 90, "year": 365})

REMOTE_WORDS = frozenset({"remote", "remotely", "anywhere", "remote-first", "fully-remote", "wfh"})

# Words after which an unknown word is a skill ("who know mojo"); `with` alone is too loose ("with papers").
STRONG_CUES = frozenset({"know", "knows", "knowing", "using", "use", "uses", "skilled", "skill", "skills",
                         "experienced", "expert", "experts", "proficient", "fluent", "familiar", "does", "do",
                         "doing", "writes", "write", "writing", "built", "build", "builds", "contributed",
                         "contribute", "contributes", "contributing", "work", "works", "working", "worked"})
WEAK_CUES = frozenset({"with", "in", "on", "and", ",", "plus", "also"})
SKILL_TAILS = frozenset({"experience", "expertise", "skills", "skill", "background", "knowledge", "chops"})

ROLE_NOUNS = frozenset({"engineer", "engineers", "eng", "engs", "scientist", "scientists", "people", "folks",
                        "folk", "devs", "dev", "developers", "developer", "candidates", "candidate", "profiles",
                        "person", "persons", "talent", "hires", "researchers", "researcher", "specialists",
                        "specialist", "experts", "ones", "guys"})

# Words that carry no filter of their own; everything else that is not read is named back to the user.
FILLER = frozenset("""
a an the me us my our we you i show find get give list please some any all only just who whom that which
are is be been being was were have has had having with in at from based of for and or to on by into near
also plus who're whove thats theyre they them their someone anyone everybody people candidates folks
engineers engineer devs developers profiles experience experienced expertise know knows knowing skilled
skill skills using use uses top best good at least more than over above score scores scoring scored points
pts min minimum +  ,  yet already still currently now who've than lots bunch want need looking look
search for can could would should will do does doing did around located living lives live whos
""".split())

_AMBIGUOUS_SKILLS = frozenset({"go", "r", "ci", "api", "ray", "speech", "tabular", "statistics", "c", "rust",
                               "java", "scala", "julia", "swift", "spark", "dart"})
EXTRA_SKILLS = frozenset({
    "triton", "deepspeed", "megatron", "tensorrt", "cuda", "rust", "java", "scala", "spark", "dask",
    "polars", "numpy", "kafka", "snowflake", "dbt", "airflow", "terraform", "prometheus", "grafana", "sql",
    "bigquery", "databricks", "sagemaker", "vertex", "mojo", "julia", "swift", "kotlin", "c", "c#",
    "fsdp", "accelerate", "peft", "lora", "trl", "unsloth", "llama.cpp", "ollama", "openai", "anthropic",
    "dspy", "haystack", "elasticsearch", "opensearch", "redis", "mongodb", "graphql", "react", "flax",
    "xla", "mlx", "pyspark", "ray", "hadoop", "jupyter", "streamlit", "gradio", "bentoml", "kserve",
    "seldon", "feast", "great-expectations", "optuna", "hyperopt", "catboost", "lightgbm", "prophet",
    "statsmodels", "r", "matlab", "opencv", "yolo", "detectron2", "mmdetection", "timm", "whisper",
    "stable-diffusion", "diffusion", "reinforcement-learning", "rlhf", "distributed-training", "quantization",
    "inference", "serving", "recommender-systems", "recsys", "time-series", "forecasting", "experimentation",
    "ab-testing", "causal-inference", "bayesian", "mlops", "llmops", "embeddings", "fine-tuning", "finetuning",
    "agents", "evals", "tokenizers", "sentencepiece", "cuda-kernels", "gpu", "tpu", "hpc", "mpi", "nccl",
})


def _role_skills() -> set[str]:
    out: set[str] = set()
    for card in DEFAULT_ROLES.values():
        for token in (*card.must_have, *card.nice_to_have):
            out.update(token.split("|"))
    return out


def _known_skills() -> frozenset[str]:
    out: set[str] = set(EXTRA_SKILLS) | _role_skills()
    for table in (REPO_SKILLS, OWNER_SKILLS, PIPELINE_SKILLS, PAPER_CATEGORY_SKILLS):
        for skills in table.values():
            out.update(skills)
    out.update(SKILL_ALIASES.values())
    out.update(SKILL_IMPLIES)
    for implied in SKILL_IMPLIES.values():
        out.update(implied)
    return frozenset(out)


KNOWN_SKILLS = _known_skills()
BARE_SKILLS = KNOWN_SKILLS - _AMBIGUOUS_SKILLS  # skills read without a cue; the rest need "know x" or "x experience"


def _places() -> dict[tuple[str, ...], str]:
    """Place phrases -> the canonical filter word (region slug, country's first name, city), spaces as '-'."""
    out: dict[tuple[str, ...], str] = {}
    for code, (names, _region) in COUNTRIES.items():
        canonical = names[0].replace(" ", "-")
        for name in names:
            if len(name) > 2 or name in ("uk",):
                out[tuple(name.replace(".", "").split())] = canonical
    for city in CITIES:
        out[tuple(city.split())] = city.replace(" ", "-")
    for region in REGIONS:
        out[tuple(region.split("-"))] = region
        out[(region,)] = region
    for alias, region in REGION_ALIASES.items():
        if alias != "na":  # "na" is too often not North America
            out[tuple(alias.split("-"))] = region
            out[(alias,)] = region
    out[("eu",)] = "europe"
    out[("european",)] = "europe"
    out[("the", "us")] = out[("usa",)]
    out[("the", "uk")] = "united-kingdom"
    out[("the", "states")] = out[("usa",)]
    return out


PLACES: Mapping[tuple[str, ...], str] = MappingProxyType(_places())
UPPER_CODES = frozenset(code for code in COUNTRIES if code not in {"IT", "IN", "AT", "BE", "NO", "IS", "ME", "ID", "OR"})
