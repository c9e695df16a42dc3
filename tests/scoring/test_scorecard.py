"""Unit tests of scoring.scorecard: default roles, skill names, role names, role specs, 70-30 rule."""

from __future__ import annotations

from datetime import date

import pytest

from scoring.scorecard import (
    DEFAULT_ROLES,
    ECOSYSTEM_REPOS,
    MAX_QUESTIONS,
    REPO_SKILLS,
    SKILL_ALIASES,
    claimed_skills,
    ecosystem_of,
    infer_skills,
    normalize_skill,
    parse_role_spec,
    resolve_role,
    skill_evidence,
    skills_coverage,
)
from scoring.signals import CATEGORIES, FOUNDATIONAL_REPOS
from scoring.types import BadInput, HFModel, MergedPR, Paper, Profile, Repo, Scorecard

SLUGS = ("ml-engineer", "mlops-engineer", "research-engineer", "applied-scientist", "ai-engineer",
         "data-scientist", "computer-vision-engineer", "nlp-engineer")


# --------------------------------------------------------------------------------------------
# default roles
# --------------------------------------------------------------------------------------------

def test_default_roles_are_the_eight_ml_roles() -> None:
    assert tuple(DEFAULT_ROLES) == SLUGS
    for slug, card in DEFAULT_ROLES.items():
        assert card.slug == slug and card.title
        assert card.questions == ()
        assert card.must_have and card.nice_to_have
        assert set(card.weights) == set(CATEGORIES)
        assert sum(card.weights.values()) == pytest.approx(100)
        for token in card.must_have + card.nice_to_have:
            assert all(normalize_skill(t) == t for t in token.split("|")), token


def _w(slug: str, signal: str) -> float:
    return DEFAULT_ROLES[slug].weights[signal]


def test_role_weights_lean_the_way_the_hiring_guides_say() -> None:
    others = lambda s: [c for c in SLUGS if c != s]  # noqa: E731
    # 002: MLOps is production work
    assert all(_w("mlops-engineer", "production") > _w(s, "production") for s in others("mlops-engineer"))
    # 001: data scientists skew toward Kaggle
    assert all(_w("data-scientist", "kaggle") > _w(s, "kaggle") for s in others("data-scientist"))
    # 001: research roles read arXiv
    for research in ("research-engineer", "applied-scientist"):
        assert _w(research, "papers") > _w("ml-engineer", "papers")
    assert max(_w("applied-scientist", c) for c in CATEGORIES) == _w("applied-scientist", "papers")
    # 001: merged PRs into foundational libraries are the strongest signal for an ML engineer
    assert max(_w("ml-engineer", c) for c in CATEGORIES) == _w("ml-engineer", "oss")
    assert _w("ml-engineer", "production") > _w("research-engineer", "production")


# --------------------------------------------------------------------------------------------
# skills
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, skill", [
    ("torch", "pytorch"), ("PyTorch", "pytorch"), ("k8s", "kubernetes"), ("hf", "huggingface"),
    ("GenAI", "llm"), ("Large Language Models", "llm"), ("sklearn", "scikit-learn"),
    ("scikit_learn", "scikit-learn"), ("Computer Vision", "computer-vision"), ("CI/CD", "ci"),
    ("llama_index", "llamaindex"), ("  Docker ", "docker"), ("rust", "rust"),
])
def test_normalize_skill(raw: str, skill: str) -> None:
    assert normalize_skill(raw) == skill


def test_every_alias_points_at_a_canonical_name() -> None:
    for alias, target in SKILL_ALIASES.items():
        assert normalize_skill(target) == target, alias


def test_every_foundational_repo_shows_a_skill() -> None:
    assert FOUNDATIONAL_REPOS <= set(REPO_SKILLS)


def test_skills_are_inferred_from_public_work() -> None:
    p = Profile(
        name="Ines", skills=("SQL",),
        repos=(Repo("i/serve", language="Python", topics=("rag", "fastapi"), has_dockerfile=True, has_ci=True),
               Repo("i/forked", language="Rust", topics=("k8s",), is_fork=True)),
        merged_prs=(MergedPR("pytorch/pytorch", None), MergedPR("huggingface/transformers", None),
                    MergedPR("langchain-ai/langchain", None), MergedPR("huggingface/some-new-lib", None)),
        hf_models=(HFModel("i/det", downloads=500, pipeline_tag="object-detection"),
                   HFModel("i/hobby", downloads=12, pipeline_tag="automatic-speech-recognition")),
        papers=(Paper("2601.1", categories=("cs.CL",)),),
    )
    skills = infer_skills(p)
    assert {"python", "rag", "llm", "api", "docker", "ci", "pytorch", "transformers", "huggingface",
            "langchain", "computer-vision", "nlp", "deep-learning", "machine-learning"} <= skills
    assert "rust" not in skills and "kubernetes" not in skills  # a fork shows interest, not skill
    assert "speech" not in skills  # a 12-download upload is a hobby upload (001: "meaningful download counts")
    # issue 11: a self-declared skill is a weak hint, "claimed, not yet evidenced", never a skill
    assert "sql" not in skills and claimed_skills(p, skills) == {"sql"}
    proof = skill_evidence(p)
    assert proof["langchain"] == ("merged PR into langchain-ai/langchain", "https://github.com/langchain-ai/langchain")
    assert proof["docker"] == ("Dockerfile in i/serve", "https://github.com/i/serve")
    assert proof["computer-vision"][1] == "https://huggingface.co/i/det"


def test_derivative_repos_prove_no_skill_and_helm_charts_prove_kubernetes() -> None:
    p = Profile(name="T", repos=(Repo("t/pytorch-udemy-course", language="Python", topics=("pytorch",)),
                                 Repo("t/charts", language="Smarty", topics=("helm",), has_ci=True)))
    assert infer_skills(p) == {"kubernetes", "ci"}
    files = Profile.from_snapshot({"name": "F", "signals": {"repos": [
        {"name": "f/platform", "files": ["charts/", "Chart.yaml", "infra/main.tf", ".github/workflows/ci.yml"]}]}})
    proof = skill_evidence(files)
    assert {"kubernetes", "terraform", "ci"} <= set(proof)
    assert proof["kubernetes"] == ("Helm/Kubernetes manifests in f/platform", "https://github.com/f/platform")


def test_the_ecosystem_map_covers_the_ml_ecosystem() -> None:
    # issue 11: at least 60 repos, each with skills and an ecosystem, including those the issue names
    assert len(ECOSYSTEM_REPOS) >= 60
    named = ("pytorch/pytorch", "tensorflow/tensorflow", "jax-ml/jax", "google/flax", "huggingface/transformers",
             "huggingface/peft", "huggingface/trl", "huggingface/accelerate", "huggingface/diffusers",
             "vllm-project/vllm", "sgl-project/sglang", "ggml-org/llama.cpp", "langchain-ai/langchain",
             "run-llama/llama_index", "mlflow/mlflow", "kubeflow/pipelines", "ray-project/ray", "kserve/kserve",
             "bentoml/bentoml", "feast-dev/feast", "apache/airflow", "dagster-io/dagster",
             "triton-inference-server/server", "microsoft/onnxruntime", "scikit-learn/scikit-learn",
             "dmlc/xgboost", "microsoft/lightgbm", "statsmodels/statsmodels", "pytorch/vision",
             "facebookresearch/detectron2", "ultralytics/ultralytics", "explosion/spacy")
    for repo in named:
        assert ecosystem_of(repo) is not None, repo
    assert ecosystem_of("Microsoft/LightGBM").ecosystem == "classic"
    assert ecosystem_of("kubeflow/some-new-thing").ecosystem == "mlops"  # by owner
    assert ecosystem_of("facebook/react") is None


# --------------------------------------------------------------------------------------------
# 70-30 rule (000_43590e2982354659.txt)
# --------------------------------------------------------------------------------------------

TEN = Scorecard(slug="ten", title="Ten", must_have=tuple(f"skill-{i}" for i in range(10)))


@pytest.mark.parametrize("have, qualifies", [(10, True), (7, True), (6, False), (0, False)])
def test_seventy_thirty_rule_boundary(have: int, qualifies: bool) -> None:
    got_must, missing, _, ok = skills_coverage([f"skill-{i}" for i in range(have)], TEN)
    assert ok is qualifies
    assert len(got_must) == have and len(missing) == 10 - have


def test_coverage_understands_aliases_and_alternatives() -> None:
    card = Scorecard(slug="c", title="C", must_have=("python", "pytorch|tensorflow", "docker", "sql"),
                     nice_to_have=("kubernetes", "rag"))
    have, missing, nice, ok = skills_coverage(["Python", "torch", "k8s", "Dockerfile"], card)
    assert have == ("python", "pytorch|tensorflow", "docker")
    assert missing == ("sql",)
    assert nice == ("kubernetes",)
    assert ok  # 3 of 4 = 75%


def test_a_card_without_must_haves_qualifies_everyone() -> None:
    assert skills_coverage([], Scorecard(slug="x", title="X"))[3] is True


# --------------------------------------------------------------------------------------------
# role names
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, slug", [
    ("mle", "ml-engineer"), ("ml engineer", "ml-engineer"), ("ml-engineer", "ml-engineer"),
    ("ML Engineers", "ml-engineer"), ("MLOps", "mlops-engineer"), ("llm engineer", "ai-engineer"),
    ("GenAI", "ai-engineer"), ("ds", "data-scientist"), ("Data Scientist", "data-scientist"),
    ("cv", "computer-vision-engineer"), ("nlp", "nlp-engineer"), ("research", "research-engineer"),
    ("Applied Scientist", "applied-scientist"), ("  ai_engineer ", "ai-engineer"),
])
def test_resolve_role_accepts_aliases(typed: str, slug: str) -> None:
    assert resolve_role(typed, SLUGS) == slug


def test_resolve_role_knows_team_roles_and_skips_aliases_for_missing_roles() -> None:
    assert resolve_role("LLM-Platform", [*SLUGS, "llm-platform"]) == "llm-platform"
    with pytest.raises(BadInput):
        resolve_role("mle", ["data-scientist"])


def test_resolve_role_suggests_the_closest_role() -> None:
    with pytest.raises(BadInput) as err:
        resolve_role("ml-enginer", SLUGS)
    assert err.value.message == "No role called 'ml-enginer'."
    assert err.value.suggestions[0] == "ml-engineer"
    with pytest.raises(BadInput) as err:
        resolve_role("mlops-enginer", SLUGS)
    assert err.value.suggestions[0] == "mlops-engineer"


def test_resolve_role_lists_all_roles_when_nothing_is_close() -> None:
    with pytest.raises(BadInput) as err:
        resolve_role("zzzz", SLUGS)
    assert set(err.value.suggestions) == set(SLUGS)


# --------------------------------------------------------------------------------------------
# /hirebot role add
# --------------------------------------------------------------------------------------------

def test_parse_role_spec_reads_the_documented_example() -> None:
    card = parse_role_spec('/hirebot role add llm-platform must:Torch,python|go,k8s nice:kubernetes,rag,RAG '
                           'level:Senior location:o\u2019hare q:"Tell me about a model you shipped?" '
                           'q:\u201cHow do you evaluate a RAG system?\u201d')
    assert card.slug == "llm-platform"
    assert card.title == "LLM Platform"
    assert card.must_have == ("pytorch", "python|go", "kubernetes")
    assert card.nice_to_have == ("rag",)  # kubernetes is already a must-have; RAG is a duplicate
    assert (card.level, card.location) == ("senior", "o\u2019hare")
    assert card.questions == ("Tell me about a model you shipped?", "How do you evaluate a RAG system?")
    assert card.weights == DEFAULT_ROLES["ml-engineer"].weights


def test_parse_role_spec_takes_weights_from_a_base_or_matching_default_role() -> None:
    assert parse_role_spec('role add genai-team must:llm base:"llm engineer"').weights \
        == DEFAULT_ROLES["ai-engineer"].weights
    card = parse_role_spec("data-scientist must:python,sql")
    assert card.weights == DEFAULT_ROLES["data-scientist"].weights and card.title == "Data Scientist (ML focus)"


def test_parse_role_spec_allows_three_questions_and_rejects_four() -> None:
    three = " ".join(f'q:"Question {i}?"' for i in range(MAX_QUESTIONS))
    assert len(parse_role_spec(f"role add x-role {three}").questions) == 3
    with pytest.raises(BadInput) as err:
        parse_role_spec(f'role add x-role {three} q:"One too many?"')
    assert "at most 3 screening questions" in err.value.message
    assert err.value.example and err.value.example.startswith("/hirebot role add ")


@pytest.mark.parametrize("text, words", [
    ("role add", "name"),
    ("role add must:python", "name"),
    ("role add Bad_Slug!", "can't be a role name"),
    ("role add x-role colour:blue", "Unknown option"),
    ("role add x-role level:wizard", "Level"),
    ('role add x-role q:"unfinished', "not closed"),
    ("role add x-role must:", "key:value"),
    ("role add x-role must:python,$$$", "not a skill"),
    ("role add x-role base:astronaut", "No role called"),
])
def test_parse_role_spec_rejects_bad_input_with_an_example(text: str, words: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_role_spec(text)
    assert words in err.value.message
    if "No role called" not in err.value.message:
        assert err.value.example


def test_parsed_role_is_usable_for_scoring() -> None:
    from scoring.signals import score_profile

    card = parse_role_spec("role add vision-infra must:python,pytorch,computer-vision nice:docker")
    p = Profile(name="Yan", github="yan", repos=(Repo("yan/detector", stars=300, pushed_at=date(2026, 11, 1),
                                                      language="Python", topics=("pytorch", "computer-vision")),))
    s = score_profile(p, card, today=date(2026, 11, 21))
    assert s.qualifies and s.missing_must_haves == () and s.total > 0
