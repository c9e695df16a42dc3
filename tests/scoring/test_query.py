"""The plain-English shortlist reader: each kind of word, the short form, and words it cannot use named back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.query import read_shortlist


def read(text: str, **kw):
    return read_shortlist(text.split(), **kw)


def test_a_recruiters_sentence_is_read_into_role_level_place_and_skill():
    q = read("senior ML engineers in Europe who know PyTorch")
    assert (q.role, q.level, q.location, q.skills, q.unread) == ("ml-engineer", "senior", "europe", ("pytorch",), ())


@pytest.mark.parametrize("words,role", [
    ("MLE", "ml-engineer"), ("MLEs", "ml-engineer"), ("LLM engineers", "ai-engineer"), ("ML infra", "mlops-engineer"),
    ("data scientists", "data-scientist"), ("machine learning engineers", "ml-engineer"), ("cv engineers", "computer-vision-engineer"),
    ("ml platform engineers", "mlops-engineer"), ("genai engineers", "ai-engineer"), ("research engineers", "research-engineer"),
])
def test_role_titles_synonyms_and_abbreviations(words, role):
    assert read(f"top 5 {words}").role == role


def test_a_teams_own_role_is_read_by_slug_and_title():
    roles = {"ml-engineer": "ML Engineer", "rust-infra": "Rust Infra Engineer"}
    assert read("rust infra engineers in berlin", roles=roles).role == "rust-infra"
    assert read("rust-infra 5", roles=roles).n == 5


@pytest.mark.parametrize("text,field,value", [
    ("top 5 mle", "n", 5), ("a dozen mle", "n", 12), ("three mle", "n", 3),
    ("mle scoring at least 70", "min_score", 70), ("mle score 80+", "min_score", 80), ("mle above 75", "min_score", 75),
    ("mle active lately", "active_days", 90), ("mle active in the last 2 weeks", "active_days", 14),
    ("mle in the last 6 months", "active_days", 180), ("mle not yet contacted", "stage", "sourced"),
    ("mle we haven't contacted yet", "stage", "sourced"), ("mle at the interview stage", "stage", "interview"),
    ("mle including passed and hired", "stage", "all"), ("remote mle", "remote", True),
    ("mle in the UK", "location", "united-kingdom"), ("mle in new york", "location", "new-york"),
    ("mle in emea", "location", "europe"), ("mle in the US", "location", "united-states"),
])
def test_each_kind_of_filter_word(text, field, value):
    assert getattr(read(text), field) == value


def test_skills_by_vocabulary_alias_or_after_a_cue():
    assert read("mle k8s").skills == ("kubernetes",)
    assert read("llm engineers with vLLM experience").skills == ("vllm",)
    assert read("research engineers with cuda and triton experience").skills == ("cuda", "triton")
    assert read("mle who know rust").skills == ("rust",)


def test_words_it_cannot_use_are_named_never_dropped():
    assert read("ML engineers from Google who love coffee").unread == ("Google", "love", "coffee")
    assert read("data scientists with 5 years experience").unread == ("5", "years")
    assert read("show us ml engineers").unread == ()  # "us" here is no country


def test_the_short_form_reads_the_same_filters():
    q = read("ml-engineer 10 location:europe min:60 skill:pytorch stage:interview level:senior active:30d remote")
    assert (q.role, q.n, q.location, q.min_score, q.skills, q.stage, q.level, q.active_days, q.remote) == \
        ("ml-engineer", 10, "europe", 60, ("pytorch",), "interview", "senior", 30, True)


def test_summary_and_command_teach_the_short_form():
    q = read("senior ml engineers in europe who know pytorch")
    assert q.summary(10) == "ml-engineer · senior · europe · skill pytorch · 10"
    assert q.command(10) == "/shortlist ml-engineer 10 location:europe skill:pytorch level:senior"
    again = read(q.command(10).removeprefix("/shortlist "))
    assert replace(again, n=None) == q and again.n == 10


def test_reading_is_deterministic_and_survives_hostile_words():
    text = "ＭＬ engineers ١٢ %%% <@U123> ' \" = +  " * 50
    assert read(text) == read(text)
