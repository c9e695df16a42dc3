"""Role scorecards: default roles, skill vocabulary, role names, `/hirebot role add` specs, 70-30 rule."""

from __future__ import annotations

import difflib
import re
import shlex
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Mapping

from scoring.types import BadInput, Profile, Scorecard

# --------------------------------------------------------------------------------------------
# Skill vocabulary
# --------------------------------------------------------------------------------------------

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
    "langchain": ("llm",), "llamaindex": ("llm", "rag"), "rag": ("llm",), "vllm": ("llm",),
    "pinecone": ("vector-database",), "milvus": ("vector-database",), "weaviate": ("vector-database",),
    "qdrant": ("vector-database",), "chroma": ("vector-database",), "faiss": ("vector-database",),
    "pgvector": ("vector-database",),
    "opencv": ("computer-vision",), "spacy": ("nlp",), "nltk": ("nlp",),
    "kubeflow": ("kubernetes", "mlops"), "mlflow": ("mlops",), "dvc": ("mlops",), "wandb": ("mlops",),
    "fastapi": ("api",), "flask": ("api",), "grpc": ("api",), "jupyter": ("python",),
    "huggingface": ("machine-learning",), "llm": ("machine-learning",), "nlp": ("machine-learning",),
    "computer-vision": ("machine-learning",),
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

# A merged PR into one of these shows the skill (lowercase owner/name). Python-first libraries
# also show Python: a maintainer-reviewed PR there is stronger proof than a stated skill.


def _py(*skills: str) -> tuple[str, ...]:
    return (*skills, "python")


REPO_SKILLS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "pytorch/pytorch": _py("pytorch"), "tensorflow/tensorflow": _py("tensorflow"),
    "jax-ml/jax": _py("jax"), "google/jax": _py("jax"),
    "huggingface/transformers": _py("transformers"), "huggingface/diffusers": _py("diffusers"),
    "langchain-ai/langchain": _py("langchain"), "hwchase17/langchain": _py("langchain"),
    "run-llama/llama_index": _py("llamaindex"), "jerryjliu/llama_index": _py("llamaindex"),
    "scikit-learn/scikit-learn": _py("scikit-learn"), "keras-team/keras": _py("keras"),
    "vllm-project/vllm": _py("vllm"), "ray-project/ray": _py("ray", "distributed-training"),
    "mlflow/mlflow": _py("mlflow"), "opencv/opencv": ("opencv",), "dmlc/xgboost": ("xgboost",),
    "microsoft/lightgbm": ("lightgbm",), "explosion/spacy": _py("spacy"),
    "pandas-dev/pandas": _py("pandas"), "iterative/dvc": _py("dvc"), "wandb/wandb": _py("wandb"),
    "pytorch/vision": _py("pytorch", "computer-vision"),
    "ultralytics/ultralytics": _py("computer-vision", "pytorch"),
    "microsoft/onnxruntime": ("onnx",), "onnx/onnx": ("onnx",),
    "kubeflow/kubeflow": ("kubeflow",), "kubernetes/kubernetes": ("kubernetes",),
    "huggingface/peft": _py("llm", "huggingface"), "huggingface/trl": _py("llm", "huggingface"),
})
# Fallback by owner when the exact repository is not listed above.
OWNER_SKILLS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "pytorch": ("pytorch",), "tensorflow": ("tensorflow",), "huggingface": ("huggingface",),
    "langchain-ai": ("langchain",), "run-llama": ("llamaindex",), "keras-team": ("keras",),
    "kubeflow": ("kubeflow",), "kubernetes": ("kubernetes",), "ray-project": ("ray",),
    "vllm-project": ("vllm",), "mlflow": ("mlflow",), "docker": ("docker",),
})

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

_SPACES = re.compile(r"[\s_]+")


@lru_cache(maxsize=16384)
def normalize_skill(s: str) -> str:
    """Lowercase a skill, join words with '-', and map aliases ('torch' -> 'pytorch')."""
    t = _SPACES.sub("-", s.strip().lower()).strip("-,;:")
    return SKILL_ALIASES.get(t, t)


def normalize_requirement(token: str) -> str:
    """Normalize a scorecard skill, where 'pytorch|tensorflow' means either one."""
    parts = [normalize_skill(p) for p in token.split("|")]
    return "|".join(dict.fromkeys(p for p in parts if p))


def expand_skills(skills: Iterable[str]) -> frozenset[str]:
    """Normalize skills and add the ones they imply ('transformers' -> 'huggingface', ...)."""
    out: set[str] = set()
    for s in set(skills):  # repeated topics ("python" on every repo) are normalized once
        n = normalize_skill(s)
        if n:
            out.add(n)
            implied = SKILL_IMPLIES.get(n)
            if implied:
                out |= implied
    return frozenset(out)


def infer_skills(profile: Profile) -> frozenset[str]:
    """A candidate's skills: stated ones plus those shown by repos, PRs, HF models, papers, Kaggle."""
    raw: set[str] = set(profile.skills)
    for r in profile.repos:
        if r.is_fork:  # forking shows interest, not skill
            continue
        if r.language:
            raw.add(r.language)
        raw.update(r.topics)
        if r.has_dockerfile:
            raw.add("docker")
        if r.has_ci:
            raw.add("ci")
        if r.has_tests:
            raw.add("testing")
    for pr in profile.merged_prs:
        name = pr.repo.lower()
        skills = REPO_SKILLS.get(name)
        if skills is None:
            skills = OWNER_SKILLS.get(name.partition("/")[0], ())
        raw.update(skills)
    for m in profile.hf_models:
        raw.add("huggingface")
        if m.pipeline_tag:
            raw.update(PIPELINE_SKILLS.get(m.pipeline_tag, ()))
    for p in profile.papers:
        for c in p.categories:
            raw.update(PAPER_CATEGORY_SKILLS.get(c, ()))
    if profile.kaggle_tier in ("expert", "master", "grandmaster"):
        raw.add("machine-learning")
    return expand_skills(raw)


# --------------------------------------------------------------------------------------------
# Default roles
# --------------------------------------------------------------------------------------------
# Signal weights sum to 100 per role. Categories: see scoring/signals.py.
# Why each role leans where it does:
#  - merged PRs into foundational ML libraries are the strongest single signal
#    (001_1d3b2ab28759786c.txt: "vetted by the project's core maintainers");
#  - ML/MLOps roles weigh deployment evidence: Dockerfiles, API endpoints, tests, CI
#    (002_defa2bda725a640c.txt "Technical Portfolio Screening"; 000_43590e2982354659.txt
#    "shifted from academic credentials to production experience");
#  - research roles weigh arXiv cs.LG / cs.AI papers (001_1d3b2ab28759786c.txt);
#  - data scientists "skew toward Kaggle and notebooks" (001_1d3b2ab28759786c.txt FAQ);
#  - LLM roles: LangChain / LlamaIndex work and HF models (001_1d3b2ab28759786c.txt), RAG
#    (000_43590e2982354659.txt);
#  - skills: the scorecard's must-have / nice-to-have match, 70-30 rule (000_43590e2982354659.txt).


def _w(oss: float, repos: float, production: float, hf: float, kaggle: float, papers: float,
       recency: float, skills: float) -> Mapping[str, float]:
    w = {"oss": oss, "repos": repos, "production": production, "hf": hf, "kaggle": kaggle,
         "papers": papers, "recency": recency, "skills": skills}
    assert abs(sum(w.values()) - 100) < 1e-9, w
    return MappingProxyType(w)


def _card(slug: str, title: str, must: tuple[str, ...], nice: tuple[str, ...],
          weights: Mapping[str, float]) -> Scorecard:
    return Scorecard(slug=slug, title=title, must_have=must, nice_to_have=nice, weights=weights)


DEFAULT_ROLES: Mapping[str, Scorecard] = MappingProxyType({
    # 002_defa2bda725a640c.txt: Python + PyTorch/TensorFlow, containerized deployment, cloud, MLflow;
    # 000_43590e2982354659.txt: "Python, PyTorch or TensorFlow, SQL ... MLflow". SQL is a nice-to-have
    # here only because public work rarely shows it; the 70-30 bar should read what can be verified.
    "ml-engineer": _card(
        "ml-engineer", "ML Engineer",
        ("python", "pytorch|tensorflow|jax", "docker"),
        ("sql", "kubernetes", "mlflow", "aws|gcp|azure", "scikit-learn", "ci", "api"),
        #   oss repos prod  hf kaggle papers recency skills
        _w(28, 12, 18, 10, 6, 6, 8, 12)),  # 001 (PRs strongest), 002 (production)
    # 002_defa2bda725a640c.txt: containerization, CI/CD, Kubernetes, MLflow / W&B / DVC, monitoring.
    "mlops-engineer": _card(
        "mlops-engineer", "MLOps Engineer",
        ("python", "docker", "kubernetes", "ci", "mlflow|kubeflow|dvc|wandb"),
        ("terraform", "aws|gcp|azure", "prometheus|grafana", "airflow", "pytorch|tensorflow"),
        _w(20, 12, 30, 6, 2, 2, 10, 18)),  # 002 (production evidence first)
    # 002_defa2bda725a640c.txt: Research Engineers "focus on implementation rather than pure theory";
    # 000_43590e2982354659.txt: infrastructure layer "PyTorch, JAX, Ray".
    "research-engineer": _card(
        "research-engineer", "Research Engineer",
        ("python", "pytorch|jax|tensorflow", "deep-learning"),
        ("jax", "cuda", "distributed-training", "transformers", "c++"),
        _w(24, 8, 8, 10, 4, 26, 8, 12)),  # 001 (PRs, arXiv cs.LG/cs.AI)
    # 002_defa2bda725a640c.txt: "Applied Scientist (common at Amazon/Microsoft)".
    "applied-scientist": _card(
        "applied-scientist", "Applied Scientist",
        ("python", "machine-learning", "pytorch|tensorflow|scikit-learn"),
        ("statistics", "sql", "deep-learning", "nlp|computer-vision", "experimentation"),
        _w(14, 8, 8, 10, 10, 30, 8, 12)),  # 001 (arXiv papers)
    # 000_43590e2982354659.txt: RAG, vector databases, LLMOps; 001_1d3b2ab28759786c.txt: LangChain,
    # LlamaIndex, LLM expertise demand +340% since 2023.
    "ai-engineer": _card(
        "ai-engineer", "AI Engineer (LLM / GenAI)",
        ("python", "llm", "rag|langchain|llamaindex"),
        ("langchain", "llamaindex", "vector-database", "transformers", "docker", "api"),
        _w(24, 12, 16, 14, 2, 4, 12, 16)),  # 001 (LangChain/LlamaIndex PRs, HF models)
    # 001_1d3b2ab28759786c.txt FAQ: data scientists focus on analysis and modelling and "skew toward
    # Kaggle and notebooks"; 003_0581c08f3eef227e.txt stack for business data: Python, SQL,
    # scikit-learn, XGBoost.
    "data-scientist": _card(
        "data-scientist", "Data Scientist (ML focus)",
        ("python", "sql", "machine-learning", "pandas|scikit-learn"),
        ("scikit-learn", "xgboost", "statistics", "r", "pytorch|tensorflow", "jupyter"),
        _w(10, 10, 6, 8, 32, 10, 8, 16)),  # 001 (Kaggle Master/Grandmaster)
    # 003_0581c08f3eef227e.txt stack for images: Python, OpenCV, TensorFlow / PyTorch;
    # 002_defa2bda725a640c.txt: CNNs, OpenCV.
    "computer-vision-engineer": _card(
        "computer-vision-engineer", "Computer Vision Engineer",
        ("python", "pytorch|tensorflow", "computer-vision"),
        ("opencv", "c++", "cuda", "onnx", "docker"),
        _w(22, 12, 14, 12, 10, 10, 8, 12)),  # 001, 000 (CVPR papers, Kaggle vision comps)
    # 003_0581c08f3eef227e.txt stack for text: Python, spaCy, NLTK, HuggingFace.
    "nlp-engineer": _card(
        "nlp-engineer", "NLP Engineer",
        ("python", "nlp", "transformers|huggingface"),
        ("pytorch", "spacy", "llm", "rag", "docker"),
        _w(22, 10, 12, 16, 6, 14, 8, 12)),  # 001 (HF models, cs.CL papers)
})

# --------------------------------------------------------------------------------------------
# Role names
# --------------------------------------------------------------------------------------------

ROLE_ALIASES: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(("mle", "ml", "ml-eng", "mleng", "ml-engineer", "mlengineer",
                     "machine-learning-engineer", "machine-learning"), "ml-engineer"),
    **dict.fromkeys(("mlops", "ml-ops", "mlops-eng", "ml-ops-engineer", "ml-platform",
                     "ml-platform-engineer", "ml-infra", "ml-infrastructure-engineer", "llmops"),
                    "mlops-engineer"),
    **dict.fromkeys(("research", "re", "research-eng", "ml-research-engineer"), "research-engineer"),
    **dict.fromkeys(("applied-science", "as", "scientist", "applied-ml-scientist",
                     "applied-research-scientist"), "applied-scientist"),
    **dict.fromkeys(("ai", "ai-eng", "llm", "llm-engineer", "llm-eng", "genai", "gen-ai",
                     "genai-engineer", "gen-ai-engineer", "generative-ai-engineer", "ai-engineer-llm",
                     "llm-genai", "agent-engineer"), "ai-engineer"),
    **dict.fromkeys(("ds", "data-science", "data-scientist-ml", "data-scientist-ml-focus"),
                    "data-scientist"),
    **dict.fromkeys(("cv", "cv-engineer", "cv-eng", "vision", "vision-engineer", "computer-vision"),
                    "computer-vision-engineer"),
    **dict.fromkeys(("nlp", "nlp-eng", "natural-language-processing-engineer", "nlp-scientist"),
                    "nlp-engineer"),
})

_ROLE_PUNCT = re.compile(r"[^a-z0-9]+")


def _role_key(name: str) -> str:
    return _ROLE_PUNCT.sub("-", name.strip().lower()).strip("-")


def resolve_role(name: str, known_slugs: Iterable[str]) -> str:
    """Turn what a person typed ('MLOps', 'ml engineer', 'ds') into a known role slug, or raise BadInput."""
    known = list(dict.fromkeys(known_slugs))
    known_set = set(known)
    key = _role_key(name)
    candidates = [key]
    if key.endswith("s"):  # "ml-engineers"
        candidates.append(key[:-1])
    for k in candidates:
        if k in known_set:
            return k
    for k in candidates:
        target = ROLE_ALIASES.get(k)
        if target in known_set:
            return target
    pool = known + [a for a, t in ROLE_ALIASES.items() if t in known_set]
    close = difflib.get_close_matches(key, pool, n=5, cutoff=0.6)
    suggestions = tuple(dict.fromkeys(c if c in known_set else ROLE_ALIASES[c] for c in close))[:3]
    raise BadInput(f"No role called '{name.strip()}'.", suggestions=suggestions or tuple(sorted(known)))


# --------------------------------------------------------------------------------------------
# `/hirebot role add ...`
# --------------------------------------------------------------------------------------------

MAX_QUESTIONS = 3  # 000_43590e2982354659.txt: "up to three custom screening questions"
LEVELS = ("junior", "mid", "senior", "staff", "principal", "lead")
ROLE_SPEC_EXAMPLE = ('/hirebot role add llm-platform-engineer must:python,pytorch|jax,docker '
                     'nice:kubernetes,rag level:senior location:europe '
                     'q:"Tell me about a model you shipped."')
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
_SKILL = re.compile(r"^[a-z0-9][a-z0-9+#./&-]{0,39}$")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})  # Slack/macOS smart double quotes; ’ stays text
_ACRONYMS = {"ml": "ML", "mlops": "MLOps", "llm": "LLM", "ai": "AI", "nlp": "NLP", "cv": "CV",
             "genai": "GenAI", "llmops": "LLMOps", "rag": "RAG"}


def _title_from_slug(slug: str) -> str:
    words = [_ACRONYMS.get(w, w) for w in slug.split("-")]
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _skill_list(value: str, key: str) -> list[str]:
    out: list[str] = []
    for item in value.split(","):
        if not item.strip():
            continue
        req = normalize_requirement(item)
        if not req or not all(_SKILL.match(p) for p in req.split("|")):
            raise BadInput(f"'{item.strip()}' in {key}: is not a skill name.", example=ROLE_SPEC_EXAMPLE)
        out.append(req)
    return out


def parse_role_spec(text: str) -> Scorecard:
    """Parse `role add <slug> must:a,b nice:c level:senior location:x q:"..."` into a Scorecard."""
    try:
        tokens = shlex.split(text.translate(_QUOTES))
    except ValueError:
        raise BadInput("A quote is not closed: wrap each screening question in double quotes.",
                       example=ROLE_SPEC_EXAMPLE)
    if tokens and tokens[0].lower() in ("/hirebot", "hirebot"):
        tokens = tokens[1:]
    if tokens and tokens[0].lower() == "role":
        tokens = tokens[1:]
    if tokens and tokens[0].lower() in ("add", "set", "edit", "update"):
        tokens = tokens[1:]
    if not tokens or ":" in tokens[0]:
        raise BadInput("Give the role a name first (lowercase, words joined by '-').",
                       example=ROLE_SPEC_EXAMPLE)
    slug = tokens[0].lower()
    if not _SLUG.match(slug):
        raise BadInput(f"'{tokens[0]}' can't be a role name: use 2-40 lowercase letters, digits and '-'.",
                       example=ROLE_SPEC_EXAMPLE)
    must: list[str] = []
    nice: list[str] = []
    questions: list[str] = []
    level = location = title = base = None
    for tok in tokens[1:]:
        key, sep, value = tok.partition(":")
        key = key.lower()
        value = value.strip()
        if not sep or not value:
            raise BadInput(f"'{tok}' is not an option; options look like key:value.", example=ROLE_SPEC_EXAMPLE)
        if key in ("must", "must-have", "must_have"):
            must += _skill_list(value, "must")
        elif key in ("nice", "nice-to-have", "nice_to_have"):
            nice += _skill_list(value, "nice")
        elif key in ("q", "question"):
            if len(value) > 300:
                raise BadInput("A screening question can be at most 300 characters.", example=ROLE_SPEC_EXAMPLE)
            questions.append(value)
        elif key == "level":
            level = value.lower()
            if level not in LEVELS:
                raise BadInput(f"Level '{value}' is not one of {', '.join(LEVELS)}.", suggestions=LEVELS,
                               example=ROLE_SPEC_EXAMPLE)
        elif key in ("location", "loc"):
            location = value
        elif key == "title":
            title = value[:80]
        elif key in ("base", "like"):
            base = resolve_role(value, DEFAULT_ROLES)
        else:
            raise BadInput(f"Unknown option '{key}:'. Options: must, nice, level, location, q, title, base.",
                           example=ROLE_SPEC_EXAMPLE)
    if len(questions) > MAX_QUESTIONS:
        raise BadInput(f"A role can have at most {MAX_QUESTIONS} screening questions; you gave {len(questions)}.",
                       example=ROLE_SPEC_EXAMPLE)
    must = list(dict.fromkeys(must))
    nice = [s for s in dict.fromkeys(nice) if s not in must]
    template = DEFAULT_ROLES.get(base or slug) or DEFAULT_ROLES["ml-engineer"]
    if title is None:
        title = DEFAULT_ROLES[slug].title if slug in DEFAULT_ROLES else _title_from_slug(slug)
    return Scorecard(slug=slug, title=title, must_have=tuple(must), nice_to_have=tuple(nice),
                     weights=template.weights, level=level, location=location, questions=tuple(questions))


# --------------------------------------------------------------------------------------------
# 70-30 rule
# --------------------------------------------------------------------------------------------

# 000_43590e2982354659.txt: "hire for 70% of the required skills and train for the remaining 30%".
QUALIFY_NUM, QUALIFY_DEN = 7, 10


class _Prepared:
    """A scorecard's requirements pre-split into alternative sets, so per-candidate checks are cheap."""

    __slots__ = ("card", "must", "nice", "vocabulary", "weights", "memo")

    def __init__(self, card: Scorecard):
        self.card = card
        self.must = tuple((t, frozenset(t.split("|"))) for t in map(normalize_requirement, card.must_have) if t)
        self.nice = tuple((t, frozenset(t.split("|"))) for t in map(normalize_requirement, card.nice_to_have) if t)
        # Only these skills matter to this card: results keyed on `skills & vocabulary` repeat a lot.
        self.vocabulary = frozenset().union(*(alts for _, alts in self.must + self.nice))
        self.weights = {k: float(v) for k, v in card.weights.items() if v}
        self.memo: dict = {}  # relevant skills -> coverage and skills reason (see signals.score)


_PREPARED: dict[int, _Prepared] = {}


def prepared(card: Scorecard) -> _Prepared:
    """The card's requirements pre-split (cached by identity: scorecards are frozen)."""
    p = _PREPARED.get(id(card))
    if p is None or p.card is not card:
        if len(_PREPARED) > 512:
            _PREPARED.clear()
        p = _PREPARED[id(card)] = _Prepared(card)
    return p


def coverage(skills: frozenset[str] | set[str], prep: _Prepared) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """skills_coverage on already-normalized, expanded skills (the hot path used by score())."""
    have_must: list[str] = []
    missing: list[str] = []
    for token, alts in prep.must:
        (missing if alts.isdisjoint(skills) else have_must).append(token)
    have_nice = tuple(t for t, alts in prep.nice if not alts.isdisjoint(skills))
    n = len(prep.must)
    qualifies = n == 0 or len(have_must) * QUALIFY_DEN >= n * QUALIFY_NUM
    return tuple(have_must), tuple(missing), have_nice, qualifies


def skills_coverage(profile_skills: Iterable[str], card: Scorecard) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """(have_must, missing_must, have_nice, qualifies): qualifies with >= 70% of must-haves (70-30 rule)."""
    return coverage(expand_skills(profile_skills), prepared(card))
