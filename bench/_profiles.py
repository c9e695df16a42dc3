"""Synthetic, FICTIONAL candidate snapshots in the JSONL snapshot shape, deterministic by seed.

The mix is meant to look like a real sourcing pipeline rather than a best case: most people
have a handful of repos and no merged PRs into a foundational library; a few are strong
open-source contributors, some publish Hugging Face models or arXiv papers, some profiles are
dominated by tutorial / bootcamp / clone repos, some are forks only or inactive for years.
Every handle and name is made up (`bench-` prefix).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

TODAY = date(2026, 11, 21)

FOUNDATIONAL = ["pytorch/pytorch", "huggingface/transformers", "scikit-learn/scikit-learn", "jax-ml/jax",
                "langchain-ai/langchain", "run-llama/llama_index", "tensorflow/tensorflow", "vllm-project/vllm",
                "ray-project/ray", "huggingface/diffusers", "keras-team/keras"]
OTHER_REPOS = ["numpy/numpy", "pandas-dev/pandas", "mlflow/mlflow", "kubeflow/kubeflow", "fastapi/fastapi",
               "pydantic/pydantic", "apache/airflow", "dask/dask", "optuna/optuna", "wandb/wandb",
               "iterative/dvc", "onnx/onnx", "open-mmlab/mmdetection", "explosion/spaCy", "qdrant/qdrant",
               "chroma-core/chroma", "BerriAI/litellm", "microsoft/DeepSpeed", "Lightning-AI/pytorch-lightning"]
TOPICS = ["pytorch", "tensorflow", "jax", "mlops", "kubernetes", "docker", "llm", "rag", "langchain",
          "llamaindex", "transformers", "huggingface", "computer-vision", "nlp", "deep-learning",
          "machine-learning", "scikit-learn", "xgboost", "mlflow", "fastapi", "serving", "vector-database",
          "cuda", "distributed-training", "opencv", "spacy", "sql", "aws", "gcp", "statistics", "pandas",
          "diffusion", "reinforcement-learning", "onnx", "triton", "ci", "airflow", "terraform"]
LANGS = ["Python"] * 8 + ["Jupyter Notebook"] * 3 + ["C++", "Go", "Rust", "TypeScript", "Cuda", "R", None]
WORDS = ["serve", "kit", "rag", "agent", "vision", "bench", "eval", "pipeline", "feature", "store", "train",
         "infer", "lora", "quant", "tokenizer", "retrieval", "embed", "graph", "forecast", "detect", "segment",
         "speech", "ranker", "search", "sched", "flow", "ops", "lab", "tools", "core"]
DERIVATIVE = ["pytorch-tutorial", "ml-course-follow-along", "100-days-of-ml", "titanic", "mnist-classifier",
              "udacity-nanodegree", "bootcamp-capstone", "netflix-clone", "spotify-clone", "learn-pytorch",
              "coursera-deep-learning", "iris-knn"]
DESCRIPTIONS = ["", "", "Fast inference server with batching", "Notebooks from an online course tutorial",
                "Retrieval-augmented generation demo", "Feature store for tabular models", "Training utilities",
                "REST API for model serving", "Experiments", "Kaggle competition solution", "A clone of Netflix UI"]
CITIES = ["Berlin, DE", "London, UK", "Paris, FR", "Amsterdam, NL", "Warsaw, PL", "Lisbon, PT", "Zurich, CH",
          "San Francisco, CA", "New York, NY", "Austin, TX", "Seattle, WA", "Toronto, ON", "Montreal, QC",
          "Bangalore, IN", "Singapore", "Tokyo, JP", "Seoul, KR", "Sydney, AU", "São Paulo, BR", "Remote",
          "Nairobi, KE", "Lagos, NG", "Tel Aviv, IL", "Dublin, IE", "Stockholm, SE", None]
FIRST = ["Ada", "Ines", "Mei", "Tom", "Ravi", "Lena", "Omar", "Sofia", "Kenji", "Amara", "Lukas", "Priya",
         "Diego", "Hana", "Noah", "Zara", "Ivan", "Yuki", "Chloe", "Kofi", "Elif", "Mateo", "Anya", "Jonas"]
LAST = ["Example", "Okafor", "Lin", "Tutorial", "Sample", "Fictional", "Demo", "Placeholder", "Testwell",
        "Madeup", "Notreal", "Sampleton", "Mockford", "Fakeley", "Standin"]
PAPER_CATS = [["cs.LG"], ["cs.LG", "stat.ML"], ["cs.CL"], ["cs.CV"], ["cs.AI", "cs.LG"], ["math.OC"], ["cs.DC"]]
HF_TAGS = ["text-generation", "text-classification", "image-classification", "feature-extraction",
           "automatic-speech-recognition", None]


def _day(rng: random.Random, max_days: int, recent_bias: float = 0.5) -> str:
    """A past date; `recent_bias` of them within the last 90 days."""
    days = rng.randint(0, 90) if rng.random() < recent_bias else rng.randint(0, max_days)
    return (TODAY - timedelta(days=days)).isoformat()


def _stars(rng: random.Random) -> int:
    return int(rng.lognormvariate(1.6, 1.9))  # median ~5, a long tail into the thousands


def make_snapshot(i: int, seed: int = 7) -> dict[str, Any]:
    """Candidate number `i`: a fictional profile snapshot (the shape bot.importer reads)."""
    rng = random.Random(seed * 1_000_003 + i)
    handle = f"bench-{i:06d}"
    archetype = rng.random()
    inactive = archetype < 0.06
    max_age = 2400 if inactive else 900
    recent_bias = 0.0 if inactive else 0.45
    repos: list[dict[str, Any]] = []
    n_repos = 0 if archetype < 0.03 else min(80, int(rng.lognormvariate(2.0, 0.8)))
    derivative_share = 0.7 if 0.06 <= archetype < 0.14 else 0.08
    for k in range(n_repos):
        if rng.random() < derivative_share:
            short = rng.choice(DERIVATIVE) + (f"-{k}" if rng.random() < 0.3 else "")
        else:
            short = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}{'' if rng.random() < 0.7 else k}"
        prod = rng.random()
        repos.append({
            "name": f"{handle}/{short}", "stars": _stars(rng), "forks": int(_stars(rng) / 6),
            "pushed_at": _day(rng, max_age, recent_bias), "language": rng.choice(LANGS),
            "topics": rng.sample(TOPICS, rng.randint(0, 5)), "description": rng.choice(DESCRIPTIONS),
            "has_dockerfile": prod < 0.25, "has_tests": prod < 0.35, "has_ci": prod < 0.3,
            "is_fork": rng.random() < 0.2,
        })
    if archetype < 0.03:  # forks only
        repos = [{"name": f"{handle}/{r.split('/')[1]}", "stars": 0, "forks": 0, "is_fork": True,
                  "pushed_at": _day(rng, max_age, recent_bias)} for r in rng.sample(FOUNDATIONAL, 3)]
    prs: list[dict[str, Any]] = []
    if archetype > 0.88:  # foundational contributors
        for n in range(rng.randint(1, 8)):
            repo = rng.choice(FOUNDATIONAL)
            prs.append({"repo": repo, "merged_at": _day(rng, 900, 0.5), "title": f"Fix {rng.choice(WORDS)} path",
                        "url": f"https://github.com/{repo}/pull/{9_000_000 + i * 10 + n}"})
    if rng.random() < 0.35:
        for n in range(rng.randint(1, 6)):
            repo = rng.choice(OTHER_REPOS)
            prs.append({"repo": repo, "merged_at": _day(rng, max_age, recent_bias), "title": "Docs and tests",
                        "url": f"https://github.com/{repo}/pull/{8_000_000 + i * 10 + n}"})
    hf = []
    if rng.random() < 0.15:
        for n in range(rng.randint(1, 8)):
            hf.append({"id": f"{handle}/{rng.choice(WORDS)}-{n}", "downloads": int(rng.lognormvariate(5, 2.5)),
                       "likes": rng.randint(0, 50), "has_card": rng.random() < 0.6,
                       "pipeline_tag": rng.choice(HF_TAGS)})
    papers = []
    if rng.random() < 0.10:
        for n in range(rng.randint(1, 6)):
            papers.append({"id": f"26{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}",
                           "title": f"On {rng.choice(WORDS)} for {rng.choice(WORDS)}",
                           "categories": rng.choice(PAPER_CATS), "published": _day(rng, 1500, 0.2),
                           "name_match": rng.random() < 0.3})
    skills = rng.sample(TOPICS, rng.randint(0, 8)) + (["python"] if rng.random() < 0.8 else [])
    if rng.random() < 0.5:
        skills.append("sql")
    snap: dict[str, Any] = {
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}", "github": handle,
        "email": f"{handle}@example.com", "location": rng.choice(CITIES),
        "roles": ["ml-engineer"],
        "signals": {"repos": repos, "merged_prs": prs, "hf_models": hf, "papers": papers, "skills": skills},
    }
    if hf:
        snap["huggingface"] = handle
    if papers:
        snap["arxiv_name"] = snap["name"]
    if rng.random() < 0.10:
        snap["kaggle"] = handle
        snap["kaggle_tier"] = rng.choice(["contributor", "expert", "expert", "master", "grandmaster"])
    return {k: v for k, v in snap.items() if v is not None}


def make_snapshots(n: int, seed: int = 7, start: int = 1) -> list[dict[str, Any]]:
    """`n` snapshots numbered from `start`."""
    return [make_snapshot(i, seed) for i in range(start, start + n)]
