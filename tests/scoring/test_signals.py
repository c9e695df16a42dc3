"""Unit tests of scoring.signals: expert ranking pairs, explainability, red flags, determinism."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest

from scoring.scorecard import DEFAULT_ROLES, skills_coverage
from scoring.signals import (
    CATEGORIES,
    FOUNDATIONAL_REPOS,
    SCORER_VERSION,
    extract,
    score,
    score_profile,
    score_roles,
)
from scoring.types import HFModel, MergedPR, Paper, Profile, Repo, Scorecard

TODAY = date(2026, 11, 21)


# --------------------------------------------------------------------------------------------
# fictional profile builders
# --------------------------------------------------------------------------------------------

def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def prs(repo: str, *days_ago: int, author: str = "someone") -> tuple[MergedPR, ...]:
    return tuple(MergedPR(repo=repo, merged_at=ago(d), title=f"fix {i}",
                          url=f"https://github.com/{repo}/pull/{1000 + i + d}")
                 for i, d in enumerate(days_ago))


def repo(name: str, stars: int = 0, forks: int = 0, days: int = 10, *, docker: bool = False,
         tests: bool = False, ci: bool = False, fork: bool = False, desc: str = "",
         topics: tuple[str, ...] = (), language: str | None = "Python") -> Repo:
    return Repo(name=name, stars=stars, forks=forks, pushed_at=ago(days), language=language,
                topics=topics, description=desc, has_dockerfile=docker, has_tests=tests, has_ci=ci,
                is_fork=fork)


def person(handle: str, **kw) -> Profile:
    return Profile(name=handle.title(), github=handle, huggingface=handle, kaggle=handle, **kw)


def paper(pid: str, *cats: str, days: int = 200, name_match: bool = False) -> Paper:
    return Paper(id=pid, title="A fictional paper", categories=cats, published=ago(days), name_match=name_match)


def total(p: Profile, role: str) -> int:
    return score_profile(p, DEFAULT_ROLES[role], today=TODAY).total


def points(p: Profile, role: str, signal: str) -> float:
    s = score_profile(p, DEFAULT_ROLES[role], today=TODAY)
    return sum(r.points for r in s.reasons if r.signal == signal)


# --------------------------------------------------------------------------------------------
# expert pairs: who must outrank whom for a role, and why
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    id: str
    role: str
    winner: Profile
    loser: Profile
    why: str
    signal: str | None = None  # when set, that signal's points must rank the same way too


SERVE = dict(stars=40, days=20, topics=("mlops", "kubernetes"))
PAIRS = [
    Pair("two-recent-pytorch-prs-beat-2k-star-tutorial-repo", "ml-engineer",
         person("ada", merged_prs=prs("pytorch/pytorch", 12, 40)),
         person("bo", repos=(repo("bo/pytorch-tutorial", stars=2000, forks=300, days=5, topics=("pytorch",)),)),
         "a merged PR passed PyTorch maintainers' review (001); a follow-along's stars show reach, not "
         "original problem-solving (000)"),
    Pair("cs-lg-paper-author-beats-kaggle-expert", "research-engineer",
         person("cy", papers=(paper("2605.00001", "cs.LG"),)),
         person("dee", kaggle_tier="expert"),
         "research roles weigh arXiv cs.LG / cs.AI authorship (001)"),
    Pair("kaggle-grandmaster-beats-hf-hobbyist", "data-scientist",
         person("eli", kaggle_tier="grandmaster"),
         person("fay", hf_models=(HFModel("fay/tiny-clf", downloads=300, has_card=True,
                                          pipeline_tag="text-classification"),)),
         "data scientists skew to Kaggle; Grandmaster is verified on public leaderboards (001)"),
    Pair("production-setup-beats-same-repo-without", "mlops-engineer",
         person("gus", repos=(repo("gus/serve-kit", docker=True, tests=True, ci=True, **SERVE),)),
         person("hal", repos=(repo("hal/serve-kit", **SERVE),)),
         "Dockerfile, tests and CI are what production-ready looks like in a portfolio (002)",
         signal="production"),
    Pair("recent-prs-beat-identical-years-old-prs", "ml-engineer",
         person("ivy", merged_prs=prs("huggingface/transformers", 20, 50)),
         person("jo", merged_prs=prs("huggingface/transformers", 1100, 1130)),
         "recent contributions show someone current and active, not active several roles ago (001)",
         signal="oss"),
    Pair("fork-only-profile-below-same-profile-without-github-repos", "ml-engineer",
         person("kai", kaggle_tier="master", skills=("python", "sql")),
         person("lu", kaggle_tier="master", skills=("python", "sql"),
                repos=tuple(repo(f"lu/fork-{i}", fork=True, days=3) for i in range(5))),
         "forks alone show no original work; an honest empty GitHub is not a red flag"),
    Pair("confirmed-paper-beats-name-match-only-paper", "applied-scientist",
         person("mo", papers=(paper("2604.01234", "cs.LG"),)),
         person("ned", papers=(paper("2604.01234", "cs.LG", name_match=True),)),
         "author-name search collides; a name match needs a person to confirm it", signal="papers"),
    Pair("langchain-pr-beats-twenty-prs-into-small-repos", "ai-engineer",
         person("oli", merged_prs=prs("langchain-ai/langchain", 15)),
         person("pat", merged_prs=sum((prs(f"misc{i}/tool", 15) for i in range(20)), ())),
         "LLM talent shows in LangChain / LlamaIndex work (001); PRs into other repos count a little"),
    Pair("transformers-pr-beats-five-30-star-repos", "ml-engineer",
         person("quin", merged_prs=prs("huggingface/transformers", 30)),
         person("rae", repos=tuple(repo(f"rae/project-{i}", stars=30, days=5) for i in range(5))),
         "below 100 stars / 20 forks a repo has no peer validation yet (000)"),
    Pair("kaggle-master-with-production-github-beats-master-alone", "data-scientist",
         person("sam", kaggle_tier="master",
                repos=(repo("sam/churn-api", docker=True, tests=True, ci=True, days=400),)),
         person("tia", kaggle_tier="master"),
         "a Kaggle tier plus production GitHub work is a much stronger combined signal (001)",
         signal="kaggle"),
    Pair("hf-model-with-card-beats-same-model-without", "nlp-engineer",
         person("uma", hf_models=(HFModel("uma/ner-de", downloads=50_000, has_card=True,
                                          pipeline_tag="token-classification"),)),
         person("val", hf_models=(HFModel("val/ner-de", downloads=50_000, has_card=False,
                                          pipeline_tag="token-classification"),)),
         "a model card shows the author can explain the model (001)", signal="hf"),
    Pair("original-repo-beats-netflix-clone-with-same-stars", "ml-engineer",
         person("wes", repos=(repo("wes/stream-recsys", stars=150, forks=12),)),
         person("xia", repos=(repo("xia/netflix-clone", stars=150, forks=12),)),
         "replicas of major websites rarely show original problem-solving (000)"),
    Pair("vision-repo-author-beats-nlp-repo-author-for-cv", "computer-vision-engineer",
         person("yan", repos=(repo("yan/detector", stars=150, topics=("pytorch", "computer-vision", "opencv")),)),
         person("zed", repos=(repo("zed/tagger", stars=150, topics=("pytorch", "nlp", "transformers")),)),
         "the skills component follows the role's stack (003: images -> OpenCV, PyTorch)"),
    Pair("nlp-repo-author-beats-vision-repo-author-for-nlp", "nlp-engineer",
         person("zed", repos=(repo("zed/tagger", stars=150, topics=("pytorch", "nlp", "transformers")),)),
         person("yan", repos=(repo("yan/detector", stars=150, topics=("pytorch", "computer-vision", "opencv")),)),
         "the same two people rank the other way for the other role"),
    Pair("production-repo-beats-kaggle-grandmaster-for-mlops", "mlops-engineer",
         person("abe", repos=(repo("abe/model-gateway", stars=40, docker=True, tests=True, ci=True,
                                   topics=("kubernetes", "mlflow", "fastapi")),)),
         person("bea", kaggle_tier="grandmaster"),
         "Kaggle doesn't require deployment or scalability (001); MLOps is production work (002)"),
    Pair("cv-specialist-beats-stronger-llm-generalist-for-cv", "computer-vision-engineer",
         person("ines", repos=(repo("ines/defect-seg", stars=300, forks=40, docker=True, tests=True,
                                    topics=("pytorch", "computer-vision", "opencv")),),
                hf_models=(HFModel("ines/segformer-steel", downloads=5_000, has_card=True,
                                   pipeline_tag="image-segmentation"),)),
         person("jon", merged_prs=prs("vllm-project/vllm", 10, 30, 50),
                repos=(repo("jon/llm-gateway", stars=800, forks=60, docker=True, tests=True, ci=True,
                            topics=("llm", "pytorch", "fastapi")),),
                hf_models=(HFModel("jon/mistral-7b-awq", downloads=40_000, has_card=True,
                                   pipeline_tag="text-generation"),)),
         "70-30 rule: without the role's core skill the generalist is below the bar (000)"),
    Pair("active-repo-beats-same-repo-dormant-four-years", "ml-engineer",
         person("cal", repos=(repo("cal/feature-store", stars=400, forks=30, days=20),)),
         person("dot", repos=(repo("dot/feature-store", stars=400, forks=30, days=1500),)),
         "no public activity in 2+ years is a red flag"),
    Pair("jax-pr-beats-pr-into-small-repo", "research-engineer",
         person("eve", merged_prs=prs("google/jax", 60)),
         person("fin", merged_prs=prs("fin-friend/tiny-lib", 60)),
         "JAX maintainers' review is the signal (001)", signal="oss"),
    Pair("llm-builder-beats-kaggle-master-for-ai-engineer", "ai-engineer",
         person("gia", hf_models=(HFModel("gia/tiny-rag", downloads=12_000, has_card=True,
                                          pipeline_tag="text-generation"),),
                repos=(repo("gia/rag-service", stars=60, docker=True, tests=True,
                            topics=("rag", "llm", "fastapi")),)),
         person("hux", kaggle_tier="master", skills=("python",)),
         "AI-engineer work is LLM apps: RAG, models in use, an API in a container (000, 001)"),
]


@pytest.mark.parametrize("pair", PAIRS, ids=[p.id for p in PAIRS])
def test_expert_pair_ranks_as_experts_would(pair: Pair) -> None:
    win, lose = total(pair.winner, pair.role), total(pair.loser, pair.role)
    assert win > lose, f"{pair.id}: {win} <= {lose}; why it should win: {pair.why}"
    if pair.signal:
        assert points(pair.winner, pair.role, pair.signal) > points(pair.loser, pair.role, pair.signal)


def test_there_are_at_least_twelve_expert_pairs_over_most_roles() -> None:
    assert len(PAIRS) >= 12
    assert len({p.role for p in PAIRS}) >= 7


# --------------------------------------------------------------------------------------------
# explainability: every point has a reason; reasons carry links and short text
# --------------------------------------------------------------------------------------------

ADA = Profile.from_snapshot({
    "name": "Ada Example", "github": "ada-ex", "huggingface": "ada-ex", "kaggle": "adaex",
    "kaggle_tier": "master", "arxiv_name": "Ada Example", "location": "Berlin, DE",
    "signals": {
        "merged_prs": [{"repo": "pytorch/pytorch", "merged_at": "2026-11-03", "title": "a",
                        "url": "https://github.com/pytorch/pytorch/pull/3"},
                       {"repo": "pytorch/pytorch", "merged_at": "2026-10-12", "title": "b",
                        "url": "https://github.com/pytorch/pytorch/pull/2"},
                       {"repo": "pytorch/pytorch", "merged_at": "2026-09-30", "title": "c",
                        "url": "https://github.com/pytorch/pytorch/pull/1"}],
        "repos": [{"name": "ada-ex/serve-kit", "stars": 340, "forks": 41, "pushed_at": "2026-11-02",
                   "language": "Python", "topics": ["mlops"], "has_dockerfile": True,
                   "has_tests": True, "has_ci": True, "is_fork": False}],
        "hf_models": [{"id": "ada-ex/tiny-rag", "downloads": 12000, "likes": 35, "has_card": True,
                       "pipeline_tag": "text-generation"}],
        "papers": [{"id": "2604.01234", "title": "t", "categories": ["cs.LG"], "published": "2026-04-03",
                    "name_match": True},
                   {"id": "2601.04321", "title": "u", "categories": ["cs.LG", "cs.CL"],
                    "published": "2026-01-10", "name_match": True}],
        "skills": ["pytorch", "rag", "kubernetes"]}})


def _random_profile(rng: random.Random, i: int) -> Profile:
    libs = sorted(FOUNDATIONAL_REPOS) + ["acme/widgets", "foo/bar"]
    names = ["serve-kit", "udemy-ml", "netflix-clone", "titanic", "vision-lab", "notes", "bootcamp-capstone"]
    return person(
        f"user{i}",
        kaggle_tier=rng.choice([None, "expert", "master", "grandmaster", "novice"]),
        merged_prs=tuple(MergedPR(rng.choice(libs), ago(rng.randint(0, 1500)), "t",
                                  rng.choice([None, f"https://github.com/x/y/pull/{k}"]))
                         for k in range(rng.choice([0, 0, 1, 3, 12]))),
        repos=tuple(repo(f"user{i}/{rng.choice(names)}-{k}", stars=rng.choice([0, 5, 120, 3000]),
                         forks=rng.randint(0, 40), days=rng.randint(0, 1500), docker=rng.random() < .3,
                         tests=rng.random() < .4, ci=rng.random() < .3, fork=rng.random() < .3,
                         topics=tuple(rng.sample(["pytorch", "llm", "rag", "nlp", "mlops", "docker"], 2)))
                    for k in range(rng.randint(0, 12))),
        hf_models=tuple(HFModel(f"user{i}/m{k}", downloads=rng.choice([0, 150, 12_000, 2_000_000]),
                                has_card=rng.random() < .5, pipeline_tag="text-generation")
                        for k in range(rng.choice([0, 1, 5]))),
        papers=tuple(paper(f"2601.{i:03d}{k}", rng.choice(["cs.LG", "cs.CV", "math.OC"]),
                           days=rng.randint(0, 2000), name_match=rng.random() < .4)
                     for k in range(rng.choice([0, 0, 2]))),
        skills=tuple(rng.sample(["python", "sql", "torch", "k8s", "genai", "docker"], rng.randint(0, 4))),
    )


CORPUS = [ADA, *(pair.winner for pair in PAIRS), *(pair.loser for pair in PAIRS),
          *(_random_profile(random.Random(7), i) for i in range(150))]


def test_reason_points_sum_to_the_total_for_every_role() -> None:
    for p in CORPUS:
        for card in DEFAULT_ROLES.values():
            s = score_profile(p, card, today=TODAY)
            unclamped = sum(r.points for r in s.reasons) + sum(f.points for f in s.red_flags)
            assert 0 <= s.total <= 100
            assert s.total == max(0, min(100, unclamped)), (p.name, card.slug, s)
            assert all(r.points > 0 for r in s.reasons)
            assert all(f.points < 0 for f in s.red_flags)
            assert [r.points for r in s.reasons] == sorted((r.points for r in s.reasons), reverse=True)


def test_every_reason_with_evidence_has_a_link_and_short_text() -> None:
    for p in CORPUS:
        for card in DEFAULT_ROLES.values():
            s = score_profile(p, card, today=TODAY)
            for r in s.reasons + s.red_flags:
                assert len(r.text) <= 120, r.text
                # issue 11: every point has a reason and an evidence link, skills lines too
                assert r.url and r.url.startswith("https://"), r


def test_reason_text_reads_like_the_slack_examples() -> None:
    s = score_profile(ADA, DEFAULT_ROLES["ml-engineer"], today=TODAY)
    texts = {r.text: r for r in s.reasons}
    assert "3 merged PRs into pytorch/pytorch in the last 90 days (last: Nov 3)" in texts
    assert texts["3 merged PRs into pytorch/pytorch in the last 90 days (last: Nov 3)"].url == \
        "https://github.com/pytorch/pytorch/pull/3"
    assert "ada-ex/serve-kit: 340★, 41 forks, Dockerfile, tests, CI" in texts
    assert "HF model ada-ex/tiny-rag: 12k downloads, model card" in texts
    assert any(t.startswith("Kaggle Master") for t in texts)
    # papers found by name only count a little, and most for research (issue 11: role-specific weight)
    s = score_profile(ADA, DEFAULT_ROLES["research-engineer"], today=TODAY)
    paper_lines = [r.text for r in s.reasons if r.signal == "papers"]
    assert paper_lines and paper_lines[0].startswith("2 arXiv papers in cs.LG") and "name match" in paper_lines[0]


def test_score_carries_missing_must_haves_and_qualifies_from_skills_coverage() -> None:
    f = extract(ADA, today=TODAY)
    for slug, missing, shown, qualifies in (
            ("ml-engineer", (), (), True),
            ("mlops-engineer", ("kubernetes", "mlflow|kubeflow|dvc|wandb"),  # 3/5: kubernetes is only claimed
             ("kubernetes (claimed, not yet evidenced)", "mlflow|kubeflow|dvc|wandb"), False),
            # "rag" is only in the stated skills list: 2/3 evidenced, and the card says the rest is claimed
            ("rag-engineer", ("rag",), ("rag (claimed, not yet evidenced)",), False)):
        card = DEFAULT_ROLES.get(slug) or Scorecard(slug=slug, title="RAG", must_have=("python", "llm", "rag"),
                                                     weights=DEFAULT_ROLES["ai-engineer"].weights)
        s = score(f, card)
        assert skills_coverage(f.skills, card)[1:4:2] == (missing, qualifies)
        assert (s.missing_must_haves, s.qualifies, s.version) == (shown, qualifies, SCORER_VERSION)


def test_a_missing_must_have_costs_only_its_share_and_claims_do_not_count() -> None:
    # issue 11: the 70-30 bar reads evidenced must-haves; a missing one costs its own share of the
    # skills weight, never a fraction of everything else the person has proved.
    vllm = person("vi", merged_prs=prs("vllm-project/vllm", 5, 30, 60, 100))
    with_docker = replace(vllm, repos=(repo("vi/tool", docker=True, language="Shell"),))
    card = DEFAULT_ROLES["ml-engineer"]  # python, pytorch|tensorflow|jax, docker
    a, b = score_profile(vllm, card, today=TODAY), score_profile(with_docker, card, today=TODAY)
    assert a.missing_must_haves == ("docker",) and not a.qualifies and b.qualifies
    share = card.weights["skills"] * 0.75 / 3
    assert b.total - a.total == pytest.approx(share, abs=1)
    assert sum(r.points for r in a.reasons if r.signal == "oss") == \
        sum(r.points for r in b.reasons if r.signal == "oss")  # the evidence counts the same
    assert not [x for x in a.red_flags if x.signal == "must_haves"]
    # self-declared skills prove nothing: same score, and the card says "claimed, not yet evidenced"
    claims = replace(vllm, skills=("docker", "kubernetes"))
    c = score_profile(claims, card, today=TODAY)
    assert c.total == a.total
    assert c.missing_must_haves == ("docker (claimed, not yet evidenced)",)


def test_strong_evidence_with_no_skills_listed_ranks_above_claims_and_tutorials() -> None:
    # the issue's own cases: four recent vLLM PRs and an empty skills list against a tutorial-heavy
    # profile that lists every skill.
    vllm = person("vi", merged_prs=prs("vllm-project/vllm", 5, 30, 60, 100))
    claimer = person("kd", skills=("python", "pytorch", "docker", "kubernetes", "llm", "rag"),
                     repos=(repo("kd/titanic-survival"), repo("kd/pytorch-udemy-course", stars=3),
                            repo("kd/netflix-clone", language="JavaScript"), repo("kd/serve", docker=True)))
    for role in ("ml-engineer", "ai-engineer"):
        assert total(vllm, role) >= 40
        assert total(claimer, role) < 10


def test_features_strengths_are_in_0_1_and_their_reasons_add_up() -> None:
    for p in CORPUS[:60]:
        f = extract(p, today=TODAY)
        assert set(f.strengths) == set(CATEGORIES) - {"skills"}
        for cat, strength in f.strengths.items():
            assert 0.0 <= strength <= 1.0
            assert sum(r.points for r in f.reasons_for(cat)) == pytest.approx(strength)


# --------------------------------------------------------------------------------------------
# red flags
# --------------------------------------------------------------------------------------------

def _flags(p: Profile) -> dict[str, int]:
    return {f.signal: f.points for f in extract(p, today=TODAY).red_flags}


@pytest.mark.parametrize("repos, flag", [
    ((repo("q/udemy-ml-course"), repo("q/100-days-of-ml-code"), repo("q/titanic")), "tutorial"),
    ((repo("q/ml-follow-along"), repo("q/notes", desc="Code I wrote following the tutorial")), "tutorial"),
    ((repo("q/bootcamp-capstone"), repo("q/lewagon-project")), "bootcamp"),
    ((repo("q/netflix-clone"), repo("q/amazon_clone"), repo("q/ui", desc="A Spotify clone in React")), "clone"),
])
def test_derivative_only_profiles_get_a_heavy_red_flag(repos, flag) -> None:
    flags = _flags(person("q", repos=repos))
    assert flags[flag] <= -6
    s = score_profile(person("q", repos=repos), DEFAULT_ROLES["ml-engineer"], today=TODAY)
    assert any(f.signal == flag and f.url for f in s.red_flags)


def test_tutorials_next_to_real_work_cost_little_and_one_notes_repo_nothing() -> None:
    work = dict(merged_prs=prs("pytorch/pytorch", 10))
    one = person("r", repos=(repo("r/serve-kit", stars=200), repo("r/feature-store"), repo("r/udemy-ml-course")),
                 **work)
    assert _flags(one) == {}
    half = person("r", repos=(repo("r/serve-kit", stars=200), repo("r/udemy-ml-course")), **work)
    assert _flags(half) == {"tutorial": -2}
    many = person("r", repos=(repo("r/serve-kit", stars=200), repo("r/udemy-ml-course"),
                              repo("r/titanic"), repo("r/mnist-cnn")), **work)
    assert _flags(many) == {"tutorial": -2}


def test_plain_repo_names_are_not_red_flags() -> None:
    names = ("recourse", "discourse-bot", "iris-segmentation-3d", "clone-detector", "api-gateway", "serve-kit")
    flags = _flags(person("s", repos=tuple(repo(f"s/{n}") for n in names)))
    assert flags == {}


def test_fork_only_profile_is_flagged_but_a_contributor_with_forks_is_not() -> None:
    forks = tuple(repo(f"t/fork-{i}", fork=True) for i in range(3))
    assert _flags(person("t", repos=forks)) == {"fork_only": -8}
    assert "fork_only" not in _flags(person("t", repos=forks, merged_prs=prs("pytorch/pytorch", 30)))


def test_no_activity_in_two_years_is_flagged_but_no_data_is_not() -> None:
    assert _flags(person("u", repos=(repo("u/old-thing", stars=500, days=800),)))["inactive"] == -10
    assert _flags(person("u", repos=(repo("u/new-thing", stars=500, days=700),))) == {}
    assert _flags(person("u")) == {}


def test_penalties_are_capped_and_total_clamps_at_zero() -> None:
    p = person("v", repos=(repo("v/udemy-course", days=1000), repo("v/netflix-clone", days=1000),
                           repo("v/bootcamp-week1", days=1000)))
    f = extract(p, today=TODAY)
    assert sum(x.points for x in f.red_flags) == -20
    assert score(f, DEFAULT_ROLES["ml-engineer"]).total == 0


def test_empty_profile_scores_zero_without_reasons_or_flags() -> None:
    for card in DEFAULT_ROLES.values():
        s = score_profile(Profile(name="Nobody"), card, today=TODAY)
        assert (s.total, s.reasons, s.red_flags) == (0, (), ())


# --------------------------------------------------------------------------------------------
# signal details
# --------------------------------------------------------------------------------------------

def test_merged_prs_have_diminishing_returns() -> None:
    def oss(n: int) -> float:
        return extract(person("w", merged_prs=prs("pytorch/pytorch", *range(1, n + 1))), today=TODAY).strengths["oss"]
    assert oss(2) - oss(1) > oss(10) - oss(9) > 0
    assert oss(10) < 10 * oss(1)


def test_prs_into_own_repos_do_not_count_as_reviewed_contributions() -> None:
    f = extract(person("x", merged_prs=prs("x/my-lib", 5, 6, 7)), today=TODAY)
    assert f.strengths["oss"] == 0
    assert not f.red_flags  # it is activity (not inactive), though not ML work that recency credits


def test_many_prs_into_other_repos_count_a_little_only() -> None:
    many = extract(person("y", merged_prs=sum((prs(f"o{i}/lib", 5) for i in range(50)), ())), today=TODAY)
    one = extract(person("y", merged_prs=prs("scikit-learn/scikit-learn", 5)), today=TODAY)
    assert 0 < many.strengths["oss"] < one.strengths["oss"]


def test_paper_categories_outside_ml_do_not_count() -> None:
    f = extract(person("z", papers=(paper("2601.1", "math.OC"), paper("2601.2", "stat.ML"))), today=TODAY)
    assert [r.text for r in f.reasons_for("papers")] == ["1 arXiv paper in stat.ML (no code found; latest: May 2026)"]


def test_hf_downloads_are_log_scaled_and_tiny_models_do_not_count() -> None:
    def hf(n: int) -> float:
        f = extract(person("m", hf_models=(HFModel("m/x", downloads=n, has_card=True),)), today=TODAY)
        return f.strengths["hf"]
    assert hf(50) == 0
    assert 0 < hf(1_000) < hf(10_000) < hf(100_000) <= 1
    assert hf(100_000) - hf(10_000) < 10 * (hf(10_000) - hf(1_000))


def test_kaggle_tiers_are_ordered() -> None:
    def k(tier: str | None) -> int:
        return total(person("k", kaggle_tier=tier), "data-scientist")
    assert k("grandmaster") > k("master") > k("expert") > k(None) == 0


def test_scores_are_deterministic_and_independent_of_input_order() -> None:
    for p in CORPUS[:40]:
        shuffled = replace(p, repos=tuple(reversed(p.repos)), merged_prs=tuple(reversed(p.merged_prs)),
                           hf_models=tuple(reversed(p.hf_models)), papers=tuple(reversed(p.papers)))
        for card in DEFAULT_ROLES.values():
            a = score_profile(p, card, today=TODAY)
            assert a == score_profile(p, card, today=TODAY)
            assert a == score_profile(shuffled, card, today=TODAY)


def test_score_roles_matches_score_per_role() -> None:
    for p in CORPUS[:40]:
        f = extract(p, today=TODAY)
        together = score_roles(f, DEFAULT_ROLES.values())
        assert together == {slug: score(f, card) for slug, card in DEFAULT_ROLES.items()}


def test_role_weights_change_the_points_not_the_evidence() -> None:
    f = extract(ADA, today=TODAY)
    research = score(f, DEFAULT_ROLES["research-engineer"])
    mlops = score(f, DEFAULT_ROLES["mlops-engineer"])
    pts = lambda s, sig: sum(r.points for r in s.reasons if r.signal == sig)  # noqa: E731
    assert pts(research, "papers") > pts(mlops, "papers")
    assert pts(mlops, "repos") > pts(research, "repos")  # serve-kit's line carries its production evidence
    texts = {e.text for e in f.evidence}
    for s in (research, mlops):
        assert {r.text for r in s.reasons if r.signal != "skills"} <= texts


def test_bad_data_does_not_break_extraction() -> None:
    p = person("odd", repos=(repo("odd/same", stars=500), repo("odd/same", stars=500)),
               merged_prs=(MergedPR("pytorch/pytorch", None), MergedPR("pytorch/pytorch", TODAY + timedelta(days=3))),
               papers=(Paper("2601.9", categories=("cs.LG",), published=None),),
               hf_models=(HFModel("odd/m", downloads=10**9, has_card=True),), kaggle_tier="wizard")
    for card in DEFAULT_ROLES.values():
        s = score_profile(p, card, today=TODAY)
        assert 0 <= s.total <= 100
