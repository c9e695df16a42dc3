"""The ML ecosystem's repositories: which skills a merged PR there proves, and which ecosystem it is.

A merged PR into one of these was reviewed by the project's maintainers: "a stronger signal than any
resume keyword" (001_1d3b2ab28759786c.txt, which names PyTorch, TensorFlow, JAX, Hugging Face
Transformers, LangChain, LlamaIndex, scikit-learn; the rest are the same kind of "actively maintained
ML libraries, where code passes review by engineers who know the domain").

Ecosystems (what each role counts as core is in scoring/scorecard/relevance.py):
  training     deep-learning frameworks and training at scale
  llm-serving  LLM inference engines (vLLM, SGLang, llama.cpp, TGI, ...)
  serving      general model serving and runtimes (Triton, ONNX Runtime, TorchServe, ...)
  finetune     model hubs and fine-tuning (transformers, PEFT, TRL, diffusers, ...)
  llm-apps     RAG / agent frameworks and vector databases
  mlops        pipelines, registries, feature stores, orchestration, monitoring, Kubernetes
  classic      statistics, dataframes and classic ML
  vision       computer-vision libraries
  nlp          classic NLP libraries
`tier` is how far the project's review bar goes: 1.0 for the foundational libraries the seeds name
and their peers, 0.8 for smaller but established ones.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, NamedTuple

ECOSYSTEMS = ("training", "llm-serving", "serving", "finetune", "llm-apps", "mlops", "classic", "vision", "nlp")


class EcoRepo(NamedTuple):
    """What a merged PR into one repository shows."""

    ecosystem: str
    skills: tuple[str, ...]
    tier: float = 1.0


def _r(eco: str, *skills: str, tier: float = 1.0, py: bool = True) -> EcoRepo:
    return EcoRepo(eco, (*skills, "python") if py else tuple(skills), tier)


_TABLE: dict[str, EcoRepo] = {
    # training
    "pytorch/pytorch": _r("training", "pytorch"),
    "tensorflow/tensorflow": _r("training", "tensorflow"),
    "jax-ml/jax": _r("training", "jax"), "google/jax": _r("training", "jax"),
    "google/flax": _r("training", "jax", "flax"),
    "keras-team/keras": _r("training", "keras", "tensorflow"),
    "microsoft/deepspeed": _r("training", "pytorch", "distributed-training"),
    "huggingface/accelerate": _r("training", "pytorch", "distributed-training"),
    "lightning-ai/pytorch-lightning": _r("training", "pytorch"),
    "nvidia/megatron-lm": _r("training", "pytorch", "distributed-training", "cuda"),
    "triton-lang/triton": _r("training", "cuda", "pytorch"),
    "pytorch/torchtune": _r("training", "pytorch", "llm"),
    "google-deepmind/optax": _r("training", "jax", tier=0.8),
    "apache/tvm": _r("training", "c++", "compilers", tier=0.8, py=False),
    # LLM serving
    "vllm-project/vllm": _r("llm-serving", "vllm", "llm", "pytorch", "cuda"),
    "sgl-project/sglang": _r("llm-serving", "llm", "pytorch", "cuda"),
    "ggml-org/llama.cpp": _r("llm-serving", "llm", "c++", "quantization", py=False),
    "ggerganov/llama.cpp": _r("llm-serving", "llm", "c++", "quantization", py=False),
    "huggingface/text-generation-inference": _r("llm-serving", "llm", "transformers"),
    "nvidia/tensorrt-llm": _r("llm-serving", "llm", "cuda", "c++"),
    "ollama/ollama": _r("llm-serving", "llm", "go", py=False, tier=0.8),
    "mlc-ai/mlc-llm": _r("llm-serving", "llm", tier=0.8),
    # general serving
    "triton-inference-server/server": _r("serving", "triton", "api", "c++", py=False),
    "microsoft/onnxruntime": _r("serving", "onnx", "c++"),
    "onnx/onnx": _r("serving", "onnx"),
    "pytorch/serve": _r("serving", "pytorch", "api"),
    "tensorflow/serving": _r("serving", "tensorflow", "api", "c++", py=False),
    "openvinotoolkit/openvino": _r("serving", "onnx", "c++", tier=0.8, py=False),
    # model hubs and fine-tuning
    "huggingface/transformers": _r("finetune", "transformers", "pytorch", "nlp", "llm"),
    "huggingface/peft": _r("finetune", "peft", "llm", "fine-tuning", "transformers"),
    "huggingface/trl": _r("finetune", "llm", "fine-tuning", "transformers", "reinforcement-learning"),
    "huggingface/diffusers": _r("finetune", "diffusers", "pytorch"),
    "huggingface/datasets": _r("finetune", "huggingface", tier=0.8),
    "huggingface/huggingface_hub": _r("finetune", "huggingface", tier=0.8),
    "unslothai/unsloth": _r("finetune", "llm", "fine-tuning", "pytorch", tier=0.8),
    "axolotl-ai-cloud/axolotl": _r("finetune", "llm", "fine-tuning", tier=0.8),
    "ukplab/sentence-transformers": _r("finetune", "embeddings", "transformers", "nlp"),
    # RAG / agents / vector databases
    "langchain-ai/langchain": _r("llm-apps", "langchain", "llm", "rag"),
    "hwchase17/langchain": _r("llm-apps", "langchain", "llm", "rag"),
    "langchain-ai/langgraph": _r("llm-apps", "langchain", "llm", "agents"),
    "run-llama/llama_index": _r("llm-apps", "llamaindex", "llm", "rag"),
    "jerryjliu/llama_index": _r("llm-apps", "llamaindex", "llm", "rag"),
    "deepset-ai/haystack": _r("llm-apps", "llm", "rag"),
    "stanfordnlp/dspy": _r("llm-apps", "llm"),
    "microsoft/autogen": _r("llm-apps", "llm", "agents", tier=0.8),
    "crewaiinc/crewai": _r("llm-apps", "llm", "agents", tier=0.8),
    "microsoft/semantic-kernel": _r("llm-apps", "llm", "agents", tier=0.8, py=False),
    "chroma-core/chroma": _r("llm-apps", "vector-database", "rag", tier=0.8),
    "qdrant/qdrant": _r("llm-apps", "vector-database", "rust", tier=0.8, py=False),
    "milvus-io/milvus": _r("llm-apps", "vector-database", "go", tier=0.8, py=False),
    "weaviate/weaviate": _r("llm-apps", "vector-database", "go", tier=0.8, py=False),
    "facebookresearch/faiss": _r("llm-apps", "vector-database", "c++"),
    # MLOps: pipelines, registries, serving platforms, feature stores, orchestration, monitoring
    "mlflow/mlflow": _r("mlops", "mlflow", "mlops"),
    "kubeflow/pipelines": _r("mlops", "kubeflow", "kubernetes", "mlops"),
    "kubeflow/kubeflow": _r("mlops", "kubeflow", "kubernetes", "mlops", py=False),
    "kubeflow/katib": _r("mlops", "kubeflow", "kubernetes", tier=0.8),
    "kubeflow/training-operator": _r("mlops", "kubeflow", "kubernetes", "distributed-training", tier=0.8),
    "kserve/kserve": _r("mlops", "kserve", "kubernetes", "api", "mlops"),
    "bentoml/bentoml": _r("mlops", "bentoml", "api", "docker", "mlops"),
    "seldonio/seldon-core": _r("mlops", "kubernetes", "api", "mlops", tier=0.8),
    "feast-dev/feast": _r("mlops", "feature-store", "mlops"),
    "apache/airflow": _r("mlops", "airflow"),
    "dagster-io/dagster": _r("mlops", "dagster", "orchestration"),
    "prefecthq/prefect": _r("mlops", "prefect", "orchestration"),
    "argoproj/argo-workflows": _r("mlops", "argo", "kubernetes", "go", py=False),
    "ray-project/ray": _r("mlops", "ray", "distributed-training"),
    "iterative/dvc": _r("mlops", "dvc", "mlops"),
    "wandb/wandb": _r("mlops", "wandb", "mlops"),
    "evidentlyai/evidently": _r("mlops", "monitoring", "mlops", tier=0.8),
    "zenml-io/zenml": _r("mlops", "mlops", tier=0.8),
    "netflix/metaflow": _r("mlops", "mlops", tier=0.8),
    "kubernetes/kubernetes": _r("mlops", "kubernetes", "go", py=False, tier=0.8),
    # statistics, dataframes, classic ML
    "scikit-learn/scikit-learn": _r("classic", "scikit-learn"),
    "dmlc/xgboost": _r("classic", "xgboost"),
    "microsoft/lightgbm": _r("classic", "lightgbm"),
    "catboost/catboost": _r("classic", "catboost"),
    "statsmodels/statsmodels": _r("classic", "statistics", "statsmodels"),
    "pandas-dev/pandas": _r("classic", "pandas"),
    "pymc-devs/pymc": _r("classic", "statistics", "bayesian"),
    "facebook/prophet": _r("classic", "statistics", "forecasting", tier=0.8),
    "scipy/scipy": _r("classic", "statistics", tier=0.8),
    "numpy/numpy": _r("classic", "numpy", tier=0.8),
    "pola-rs/polars": _r("classic", "polars", tier=0.8, py=False),
    "optuna/optuna": _r("classic", "hyperparameter-tuning", tier=0.8),
    # computer vision
    "pytorch/vision": _r("vision", "pytorch", "computer-vision"),
    "facebookresearch/detectron2": _r("vision", "pytorch", "computer-vision"),
    "ultralytics/ultralytics": _r("vision", "pytorch", "computer-vision"),
    "opencv/opencv": _r("vision", "opencv", "computer-vision", "c++", py=False),
    "open-mmlab/mmdetection": _r("vision", "pytorch", "computer-vision"),
    "huggingface/pytorch-image-models": _r("vision", "pytorch", "computer-vision"),
    "facebookresearch/segment-anything": _r("vision", "pytorch", "computer-vision", tier=0.8),
    # NLP
    "explosion/spacy": _r("nlp", "spacy", "nlp"),
    "nltk/nltk": _r("nlp", "nltk", "nlp", tier=0.8),
    "flairnlp/flair": _r("nlp", "nlp", "pytorch", tier=0.8),
}
ECOSYSTEM_REPOS: Mapping[str, EcoRepo] = MappingProxyType(_TABLE)

# Fallback by owner when the exact repository is not listed (e.g. a new repo of a known org).
OWNER_ECOSYSTEMS: Mapping[str, EcoRepo] = MappingProxyType({
    "pytorch": _r("training", "pytorch", tier=0.8), "tensorflow": _r("training", "tensorflow", tier=0.8),
    "jax-ml": _r("training", "jax", tier=0.8), "keras-team": _r("training", "keras", tier=0.8),
    "huggingface": _r("finetune", "huggingface", tier=0.8),
    "langchain-ai": _r("llm-apps", "langchain", "llm", tier=0.8),
    "run-llama": _r("llm-apps", "llamaindex", "llm", tier=0.8),
    "vllm-project": _r("llm-serving", "vllm", "llm", tier=0.8),
    "kubeflow": _r("mlops", "kubeflow", "kubernetes", tier=0.8), "mlflow": _r("mlops", "mlflow", tier=0.8),
    "ray-project": _r("mlops", "ray", tier=0.8), "kserve": _r("mlops", "kserve", "kubernetes", tier=0.8),
    "scikit-learn": _r("classic", "scikit-learn", tier=0.8), "open-mmlab": _r("vision", "computer-vision", tier=0.8),
    "kubernetes": _r("mlops", "kubernetes", py=False, tier=0.6), "docker": _r("mlops", "docker", py=False, tier=0.6),
})


def ecosystem_of(repo: str) -> EcoRepo | None:
    """The ecosystem entry of a repository ("owner/name", any case), by name then by owner; None if not ML."""
    name = repo.lower()
    hit = ECOSYSTEM_REPOS.get(name)
    return hit if hit is not None else OWNER_ECOSYSTEMS.get(name.partition("/")[0])
