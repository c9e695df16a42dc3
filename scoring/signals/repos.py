"""Owned GitHub repos: stars, production setup, and tutorial / bootcamp / website-clone red flags.

Each repo is read as ML work, infrastructure work or other work (a React library's stars show
nothing about ML): the kind goes into its evidence tag ("repos:ml", "production:infra", ...), and a
role's relevance table says how much each kind counts.
"""

from __future__ import annotations

import math
import re

from scoring.scorecard.derivative import repo_flag
from scoring.signals.activity import _Activity
from scoring.signals.features import Evidence
from scoring.signals.helpers import _age_factor, _clip, _Clock, _combine, _num, _s
from scoring.signals.tuning import (
    AGE_FLOOR,
    CODE_MIN_STARS,
    MAX_LINES,
    PENALTY_DOMINANT,
    PENALTY_FORK_ONLY,
    PENALTY_SOME,
    PROD_API,
    PROD_CI,
    PROD_DOCKERFILE,
    PROD_TESTS,
    REPO_MIN_FORKS,
    REPO_MIN_STARS,
)
from scoring.types import Profile, Reason, Repo

_API = re.compile(r"(?<![a-z0-9])(?:api|apis|fastapi|flask|rest|grpc|serving|endpoints?|microservices?|"
                  r"inference-server|bentoml|torchserve|triton|gradio|streamlit|deployed|deployment)(?![a-z0-9])")
_API_HINT = re.compile(r"api|flask|rest|grpc|serv|endpoint|micro|inference|bento|triton|gradio|streamlit|deploy")
_ML = re.compile(
    r"(?<![a-z0-9])(?:ml|mlops|ai|machine-learning|deep-learning|pytorch|torch|tensorflow|tf|keras|jax|flax|llms?|"
    r"llama|gpt|bert|transformers?|rag|diffusion|gan|nlp|ner|vision|computer-vision|cv|yolo|detection|"
    r"segmentation|seg|classifier|classification|inference|serving|embeddings?|vector|qdrant|faiss|"
    r"kaggle|xgboost|lightgbm|gbdt|scikit-learn|sklearn|forecast|forecasting|churn|recommender|recsys|rl|"
    r"reinforcement-learning|offline-rl|neural|cuda|kernels|moe|attention|sparse-attn|quantization|gguf|lora|"
    r"peft|sft|fine-tuning|agents?|agentic|bayes|bayesian|bayesflow|statistics|uncertainty|conformal|"
    r"data-science|notebooks|eda|ray|tabular|posterior|"
    r"eval|evaluation|llm-eval|speech|asr|ocr|muon|optimization|scoring|credit-scoring|train|training|"
    r"onnx|triton|gpu)(?![a-z0-9])")
_INFRA = re.compile(r"(?<![a-z0-9])(?:kubernetes|k8s|helm|terraform|operator|docker|devops|platform|"
                    r"infrastructure|infra|airflow|dagster|etl|dbt|pipelines?|scheduler|prometheus|grafana|"
                    r"argo|ci|drift|monitoring|model-registry|mlflow|kubeflow|feature-store|mlops)(?![a-z0-9])")
_CLUSTER = re.compile(r"(?<![a-z0-9])(?:kubernetes|k8s|helm|terraform|operator|drift|monitoring|"
                      r"model-registry|feature-store)(?![a-z0-9])")
_LLM = re.compile(r"(?<![a-z0-9])(?:llms?|llama|gpt|rag|agents?|agentic|langchain|llamaindex|qdrant|faiss|vector|"
                  r"embeddings?|chatbot|lora|peft|sft|fine-tuning|gguf|quantization|vllm|llm-eval|qwen|mistral)"
                  r"(?![a-z0-9])")
_ML_KINDS = ("ml", "llm", "mlops")
_INFRA_LANG = frozenset({"hcl", "smarty", "dockerfile"})
_ML_LANG = frozenset({"jupyter notebook", "cuda"})
_FLAG_LABEL = {"tutorial": "Tutorial follow-alongs", "bootcamp": "Bootcamp projects",
               "clone": "Website clones"}
_HALF_LABEL = {"tutorial": "tutorial-style", "bootcamp": "bootcamp project", "clone": "website clone"}


def repo_kind(r: Repo) -> str:
    """'mlops' (ML platform work), 'llm' (LLM apps, RAG, fine-tuning), 'ml', 'infra' (clusters, pipelines)
    or 'other', from the repo's name, description, topics and language."""
    short = r.name[r.name.rfind("/") + 1:].lower().replace("_", "-").replace(".", "-")
    text = " ".join((short, short.replace("-", " "), r.description.lower(), " ".join(r.topics)))
    lang = (r.language or "").lower()
    cluster = _CLUSTER.search(text) is not None or lang in _INFRA_LANG
    ml = lang in _ML_LANG or _ML.search(text) is not None
    if ml and (cluster or _INFRA.search(text) or "mlops" in r.topics):
        return "mlops"  # ML work that is also platform work: serving kits, ML pipelines
    if cluster:
        return "infra"
    if _LLM.search(text):
        return "llm"
    if ml:
        return "ml"
    return "infra" if _INFRA.search(text) else "other"


def _repos(profile: Profile, ck: _Clock, act: _Activity, ev: list[Evidence],
           flags: list[Reason]) -> tuple[float, float, dict[str, list], int, bool, list[Repo], float]:
    """(repos strength, production strength, derivative repos by kind, owned count, a starred original
    repo, the original ML repos that can be a paper's code, ML production strength)."""
    today = ck.today
    n_owned = n_forks = 0
    kinds: dict[str, list] = {}
    star_vals: list[float] = []
    star_repos: list = []
    prod_vals: list[float] = []
    prod_repos: list = []
    code: list[Repo] = []
    for r in profile.repos:
        if r.is_fork:  # pushing to a fork is not public work until a PR is merged (counted in oss)
            n_forks += 1
            continue
        n_owned += 1
        flag = repo_flag(r.name, r.description)
        if flag:
            kinds.setdefault(flag, []).append(r)
        kind = repo_kind(r)
        notable = r.stars >= 10 or r.has_tests or r.has_ci or r.has_dockerfile
        tag = f"repos:{kind}" if kind in _ML_KINDS and not flag and notable else None
        act.note(r.pushed_at, "repo", r, r.name, ml=tag, today=today)
        if kind in _ML_KINDS and not flag and (r.has_tests or r.stars >= CODE_MIN_STARS):
            code.append(r)
        if r.stars >= REPO_MIN_STARS or r.forks >= REPO_MIN_FORKS:
            v = min(1.0, math.log10(1 + r.stars + 5 * r.forks) / 4)  # 100★ .5, 1k★ .75, 10k★ 1
            # stars stay, but a repo nobody has pushed to in years is old glory: decays like PRs, floor .35
            v *= max(3.5 * AGE_FLOOR, _age_factor(r.pushed_at, ck)) if r.pushed_at else 0.7
            star_vals.append(v * 0.5 if flag else v)  # a follow-along's stars still show reach: half
            star_repos.append((r, flag, kind))
        if flag is None:
            text = f"{r.name.lower()} {r.description.lower()} {' '.join(r.topics)}"
            api = _API_HINT.search(text) is not None and _API.search(text.replace("_", "-")) is not None
            v = (PROD_DOCKERFILE * r.has_dockerfile + PROD_TESTS * r.has_tests + PROD_CI * r.has_ci
                 + PROD_API * api)
            if v > 0:
                prod_vals.append(v)
                prod_repos.append((r, api, kind))
    repos_strength, star_contrib = _combine(star_vals, [r.name for r, _, _ in star_repos], 0.35)
    prod_strength, prod_contrib = _combine(prod_vals, [r.name for r, _, _ in prod_repos], 0.3)
    prod_ml = sum(c for (_, _, k), c in zip(prod_repos, prod_contrib) if k in _ML_KINDS)

    # One line per notable repo (top MAX_LINES of each category), merging its stars and its
    # production evidence ("serve-kit: 340★, 41 forks, Dockerfile, tests, CI"); the rest in one line.
    top = {name for _, name in sorted((-c, r.name) for (r, _, _), c in zip(star_repos, star_contrib))[:MAX_LINES]}
    top |= {name for _, name in sorted((-c, r.name) for (r, _, _), c in zip(prod_repos, prod_contrib))[:MAX_LINES]}
    lines: dict[str, list] = {}  # name -> [repo, kind, repos share, production share, star text, prod text]
    tail: dict[str, float] = {}
    tail_names: set[str] = set()
    for (r, flag, kind), c in zip(star_repos, star_contrib):
        if r.name in top:
            star_text = f"{_num(r.stars)}★" + (f", {_num(r.forks)} forks" if r.forks >= 10 else "")
            lines[r.name] = [r, kind, c, 0.0, star_text + (f" ({_HALF_LABEL[flag]}: half credit)" if flag else ""), ""]
        else:
            tail[f"repos:{kind}"] = tail.get(f"repos:{kind}", 0.0) + c
            tail_names.add(r.name)
    for (r, api, kind), c in zip(prod_repos, prod_contrib):
        if r.name in top:
            line = lines.setdefault(r.name, [r, kind, 0.0, 0.0, "", ""])
            line[3] = c
            line[5] = ", ".join(label for label, on in (("Dockerfile", r.has_dockerfile), ("tests", r.has_tests),
                                                        ("CI", r.has_ci), ("API", api)) if on)
        else:
            tail[f"production:{kind}"] = tail.get(f"production:{kind}", 0.0) + c
            tail_names.add(r.name)
    for name, (r, kind, s_repos, s_prod, star_text, prod_text) in sorted(lines.items()):
        shares = tuple((k, v) for k, v in ((f"repos:{kind}", s_repos), (f"production:{kind}", s_prod)) if v > 0)
        ev.append(Evidence(_clip(f"{name}: {', '.join(t for t in (star_text, prod_text) if t)}"), r.url, shares))
    if tail_names:
        n = len(tail_names)
        shares = tuple((k, v) for k, v in sorted(tail.items()) if v > 0)
        url = f"https://github.com/{profile.github}?tab=repositories" if profile.github else \
            f"https://github.com/{sorted(tail_names)[0]}"
        ev.append(Evidence(f"{n} more repo{_s(n)} with stars, tests, CI or a Dockerfile", url, shares))

    if not n_owned and n_forks and not profile.merged_prs:
        url = f"https://github.com/{profile.github}" if profile.github else None
        flags.append(Reason("fork_only", PENALTY_FORK_ONLY,
                            f"Fork-only GitHub: {n_forks} fork{_s(n_forks)}, no original repos or merged PRs", url))
    original_star = any(flag is None and kind in _ML_KINDS for _, flag, kind in star_repos)
    code.sort(key=lambda r: (-r.stars, r.name))
    return repos_strength, prod_strength, kinds, n_owned, original_star, code, prod_ml


def _derivative_flags(kinds: dict[str, list], n_owned: int, other_work: bool, flags: list[Reason]) -> None:
    """Red flags for tutorial / bootcamp / website-clone repos, by how much of the profile they are.

    000_43590e2982354659.txt: "Be cautious of profiles dominated by tutorial follow-alongs, bootcamp
    projects, or replicas of major websites". Dominated (heavy flag): more than half of the owned
    repos and no original evidence elsewhere (a foundational PR, a starred original repo, production
    setup, an HF model, a paper). Otherwise a light flag when they are half the repos or 3+; one or
    two notes repos among mostly original work are normal and not flagged.
    """
    n_flagged = sum(len(v) for v in kinds.values())
    if not (2 * n_flagged >= n_owned or n_flagged >= 3):
        return
    dominated = 2 * n_flagged > n_owned and not other_work
    for kind, rs in kinds.items():
        rs = sorted(rs, key=lambda r: r.name)
        names = ", ".join(r.name.rpartition("/")[2] for r in rs[:3]) + (", …" if len(rs) > 3 else "")
        text = f"{_FLAG_LABEL[kind]}: {len(rs)} of {n_owned} repos ({names})"
        flags.append(Reason(kind, PENALTY_DOMINANT[kind] if dominated else PENALTY_SOME, _clip(text), rs[0].url))
