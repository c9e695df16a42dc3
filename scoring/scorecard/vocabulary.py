"""Skill vocabulary tables: aliases, implied skills, skills shown by repos, HF pipelines and arXiv categories."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from scoring.scorecard.ecosystems import ECOSYSTEM_REPOS, OWNER_ECOSYSTEMS

SKILL_ALIASES: Mapping[str, str] = MappingProxyType({
    "torch": "pytorch", "py-torch": "pytorch",
    "tf": "tensorflow", "tensorflow2": "tensorflow", "tensorflow-2": "tensorflow",
    "k8s": "kubernetes", "kube": "kubernetes",
    "hf": "huggingface", "hugging-face": "huggingface", "huggingface-hub": "huggingface",
    "hf-transformers": "transformers", "huggingface-transformers": "transformers",
    "genai": "llm", "gen-ai": "llm", "generative-ai": "llm", "llms": "llm",
    "large-language-model": "llm", "large-language-models": "llm",
    "sklearn": "scikit-learn", "scikit": "scikit-learn", "scikitlearn": "scikit-learn",
    "retrieval-augmented-generation": "rag",
    "natural-language-processing": "nlp",
    "cv": "computer-vision", "vision": "computer-vision", "image-processing": "computer-vision",
    "ml": "machine-learning", "dl": "deep-learning", "ml-ops": "mlops", "llm-ops": "llmops",
    "py": "python", "python3": "python", "jupyter-notebook": "jupyter",
    "postgres": "postgresql",
    "google-cloud": "gcp", "google-cloud-platform": "gcp", "amazon-web-services": "aws",
    "microsoft-azure": "azure",
    "ci-cd": "ci", "cicd": "ci", "ci/cd": "ci", "continuous-integration": "ci",
    "github-actions": "ci",
    "dockerfile": "docker", "containers": "docker",
    "llama-index": "llamaindex", "gpt-index": "llamaindex", "lang-chain": "langchain",
    "weights-and-biases": "wandb", "weights-&-biases": "wandb", "w&b": "wandb",
    "vector-db": "vector-database", "vectordb": "vector-database",
    "vector-databases": "vector-database", "vector-search": "vector-database",
    "vector-store": "vector-database",
    "stats": "statistics", "rl": "reinforcement-learning", "asr": "speech",
    "golang": "go", "js": "javascript", "ts": "typescript", "cpp": "c++",
})

# One skill implies others (closed transitively at import): "pytorch" shows "deep-learning" too.
_IMPLIES_DIRECT: dict[str, tuple[str, ...]] = {
    "pytorch": ("deep-learning",), "tensorflow": ("deep-learning",), "jax": ("deep-learning",),
    "keras": ("deep-learning",), "deep-learning": ("machine-learning",),
    "scikit-learn": ("machine-learning",), "xgboost": ("machine-learning",),
    "lightgbm": ("machine-learning",), "transformers": ("huggingface", "deep-learning"),
    "diffusers": ("huggingface", "diffusion", "deep-learning"),
    "langchain": ("llm",), "llamaindex": ("llm", "rag"), "rag": ("llm",), "vllm": ("llm", "llm-serving"),
    "pinecone": ("vector-database",), "milvus": ("vector-database",), "weaviate": ("vector-database",),
    "qdrant": ("vector-database",), "chroma": ("vector-database",), "faiss": ("vector-database",),
    "pgvector": ("vector-database",),
    "opencv": ("computer-vision",), "spacy": ("nlp",), "nltk": ("nlp",),
    "kubeflow": ("kubernetes", "mlops"), "mlflow": ("mlops",), "dvc": ("mlops",), "wandb": ("mlops",),
    "fastapi": ("api",), "flask": ("api",), "grpc": ("api",), "jupyter": ("python",),
    "huggingface": ("machine-learning",), "llm": ("machine-learning",), "nlp": ("machine-learning",),
    "computer-vision": ("machine-learning",),
    "helm": ("kubernetes",), "kserve": ("kubernetes", "mlops"), "bentoml": ("mlops", "api"),
    "feature-store": ("mlops",), "peft": ("fine-tuning", "llm"), "flax": ("jax",), "catboost": ("machine-learning",),
    "statsmodels": ("statistics",), "bayesian": ("statistics",), "forecasting": ("machine-learning",),
    "airflow": ("orchestration",), "dagster": ("orchestration",), "prefect": ("orchestration",),
    "argo": ("kubernetes", "orchestration"), "agents": ("llm",), "kaggle": ("machine-learning",),
    "embeddings": ("machine-learning",), "reinforcement-learning": ("machine-learning",),
    "fine-tuning": ("machine-learning",), "monitoring": (),
}


def _close(direct: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    closed: dict[str, frozenset[str]] = {}
    for start in direct:
        seen: set[str] = set()
        todo = list(direct[start])
        while todo:
            s = todo.pop()
            if s not in seen:
                seen.add(s)
                todo.extend(direct.get(s, ()))
        closed[start] = frozenset(seen)
    return closed


SKILL_IMPLIES: Mapping[str, frozenset[str]] = MappingProxyType(_close(_IMPLIES_DIRECT))

# A merged PR into one of these shows the skill (lowercase owner/name): read off the ecosystem map.
REPO_SKILLS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {name: entry.skills for name, entry in ECOSYSTEM_REPOS.items()})
# Fallback by owner when the exact repository is not listed above.
OWNER_SKILLS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {owner: entry.skills for owner, entry in OWNER_ECOSYSTEMS.items()})

PIPELINE_SKILLS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "text-generation": ("llm", "nlp"), "text2text-generation": ("llm", "nlp"),
    "conversational": ("llm", "nlp"),
    **{t: ("nlp",) for t in ("text-classification", "token-classification", "question-answering",
                             "summarization", "translation", "fill-mask", "zero-shot-classification",
                             "table-question-answering")},
    "sentence-similarity": ("nlp", "embeddings"), "feature-extraction": ("embeddings",),
    **{t: ("computer-vision",) for t in ("image-classification", "object-detection",
                                        "image-segmentation", "depth-estimation", "image-to-text",
                                        "zero-shot-image-classification", "keypoint-detection",
                                        "zero-shot-object-detection", "video-classification",
                                        "image-feature-extraction", "mask-generation")},
    "text-to-image": ("computer-vision", "diffusion"), "image-to-image": ("computer-vision", "diffusion"),
    "automatic-speech-recognition": ("speech",), "text-to-speech": ("speech",),
    "audio-classification": ("speech",),
    "tabular-classification": ("tabular",), "tabular-regression": ("tabular",),
    "reinforcement-learning": ("reinforcement-learning",),
})

PAPER_CATEGORY_SKILLS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "cs.LG": ("machine-learning",), "cs.AI": ("machine-learning",), "cs.CL": ("nlp",),
    "cs.CV": ("computer-vision",), "stat.ML": ("statistics", "machine-learning"),
})
