"""`hirebot import`: a bad line (wrong types, blank name, over-long field, unsafe handle) is reported with its
line number and skipped; the rest of the file still imports. Also `/candidate add` refuses unsafe handles."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.candidates.importer import import_text
from bot.candidates.service import parse_intake
from bot.core.config import get_settings
from bot.core.errors import UserError
from bot.core.models import Candidate
from bot.runtime.app import build_services
from tests.slackkit import new_team

INJECTION = "x><!channel>"


@pytest.fixture
def db_services(any_db_url):
    """Services on SQLite and on PostgreSQL (which, unlike SQLite, refuses values longer than a column)."""
    svc = build_services(get_settings(DATABASE_URL=any_db_url, GITHUB_API_URL="http://127.0.0.1:9/github",
                                      HF_API_URL="http://127.0.0.1:9/hf", ARXIV_API_URL="http://127.0.0.1:9/arxiv"))
    yield svc
    svc.background.shutdown()


def _jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)


def _people(services, team: str) -> dict[str, Candidate]:
    with services.db.session() as s:
        return {c.github or c.name: c for c in s.scalars(select(Candidate).where(Candidate.team_id == team))}


def test_jsonl_bad_lines_are_reported_by_number_and_the_rest_imports(db_services):
    team = new_team()
    t = team.lower()
    good = {"name": "Ada Good", "github": f"ada-{t}", "roles": ["ml-engineer"],
            "signals": {"merged_prs": [{"repo": "pytorch/pytorch", "merged_at": "2026-10-01",
                                        "url": "https://github.com/pytorch/pytorch/pull/1"}]}}
    text = _jsonl(
        good,                                                                   # 1 ok
        {"name": "Num Handle", "github": 123},                                  # 2
        {"name": "Bad Signals", "github": f"sig-{t}", "signals": {"merged_prs": "x"}},  # 3
        {"name": "List Email", "email": ["a@example.com"]},                     # 4
        {"name": "   "},                                                        # 5 blank name, no handle
        '["not", "an", "object"]',                                              # 6
        {"name": "N" * 201, "github": f"long-{t}"},                             # 7
        {"name": "Hf Inject", "huggingface": INJECTION},                        # 8
        {"name": "Kg Inject", "kaggle": INJECTION},                             # 9
        {"name": "  Bob Spaces  ", "github": f"bob-{t}"},                       # 10 ok, name stripped
        "{not json",                                                            # 11
        {"name": "Nan Stars", "github": f"nan-{t}", "signals": {"repos": [{"name": "x/y", "stars": float("nan")}]}},  # 12
        {"name": "   ", "github": f"blank-{t}"},                                # 13 ok: the handle names them
        {"name": "Str Stars", "github": f"stars-{t}", "signals": {"repos": [{"name": "x/y", "stars": "many"}]}},  # 14
        {"name": "Dict Url", "github": f"url-{t}", "signals": {"merged_prs": [{"repo": "a/b", "url": {"x": 1}}]}},  # 15
        {"name": "Ctl\u0000Char", "github": f"ctl-{t}"},                        # 16
        '"just a string"',                                                      # 17
    )
    report = import_text(db_services, team_id=team, text=text, kind="jsonl", source="test")
    errors = dict(report.errors)
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17], report.summary()
    assert (report.added, report.updated) == (3, 0), report.summary()
    assert "github must be a string" in errors[2]
    assert "signals.merged_prs must be a list" in errors[3]
    assert "email must be a string" in errors[4]
    assert "no name and no handle" in errors[5]
    assert "must be a JSON object" in errors[6] and "must be a JSON object" in errors[17]
    assert errors[7].startswith("name is too long")
    assert "Hugging Face user name" in errors[8] and "<!channel>" not in errors[8]
    assert "Kaggle user name" in errors[9] and "<!channel>" not in errors[9]
    assert "not valid JSON" in errors[11] and "not valid JSON" in errors[12]
    assert "signals.repos[0].stars must be a number" in errors[14]
    assert "signals.merged_prs[0].url must be a string" in errors[15]
    assert "control character" in errors[16]
    people = _people(db_services, team)
    assert set(people) == {f"ada-{t}", f"bob-{t}", f"blank-{t}"}
    assert people[f"bob-{t}"].name == "Bob Spaces"
    assert people[f"blank-{t}"].name == f"blank-{t}"  # never a blank name
    assert "line 2: github must be a string" in report.summary()


@pytest.mark.parametrize("field,limit", [("name", 200), ("github", 100), ("huggingface", 100), ("kaggle", 100),
                                         ("email", 320), ("location", 200), ("arxiv_name", 200)])
def test_an_over_long_field_is_refused_by_name(db_services, field, limit):
    team = new_team()
    value = "a" * (limit - 10) + "@example.com" if field == "email" else "a" * (limit + 1)
    line = {"name": "Long Field", "github": "long-" + team.lower(), field: value}
    report = import_text(db_services, team_id=team, text=_jsonl(line, {"name": "Fine", "github": "fine-" + team.lower()}),
                         kind="jsonl", source="test")
    assert report.added == 1 and [n for n, _ in report.errors] == [1], report.summary()
    assert report.errors[0][1].startswith(f"{field} is too long"), report.summary()


def test_a_line_that_collides_with_two_candidates_is_skipped_not_fatal(db_services):
    team = new_team()
    t = team.lower()
    text = _jsonl({"name": "Ada", "github": f"ada-{t}", "huggingface": f"ada-hf-{t}"},
                  {"name": "Bob", "github": f"bob-{t}"},
                  {"name": "Bob Again", "github": f"bob-{t}", "huggingface": f"ada-hf-{t}"},  # Ada's HF handle
                  {"name": "Cyd", "github": f"cyd-{t}"})
    report = import_text(db_services, team_id=team, text=text, kind="jsonl", source="test")
    assert [n for n, _ in report.errors] == [3], report.summary()
    assert "already belongs to someone else" in report.errors[0][1]
    assert set(_people(db_services, team)) == {f"ada-{t}", f"bob-{t}", f"cyd-{t}"}


def test_csv_bad_rows_are_reported_by_number_and_the_rest_imports(services, team):
    t = team.lower()
    text = "\n".join([
        "name,email,github,huggingface,kaggle,location,links",
        f"Ada Csv,ada@example.com,ada-{t},,,Berlin,",                         # 2 ok
        f"Hf Inject,,,{INJECTION},,,",                                         # 3
        f"Kg Inject,,,,{INJECTION},,",                                         # 4
        f"Long Place,,long-{t},,,{'x' * 201},",                               # 5
        "   ,,,,,,",                                                           # 6 no name, no handle
        "No User,,https://github.com/?tab=repos,,,,",                         # 7 a link that names nobody
        f"Link Hf,,,,,,https://huggingface.co/{INJECTION}",                   # 8 the links cell: no usable handle
        f"  Bob Csv  ,,bob-{t},https://huggingface.co/bob-hf-{t},https://www.kaggle.com/bob{t},,",  # 9 ok
    ])
    report = import_text(services, team_id=team, text=text, kind="csv", source="test")
    errors = dict(report.errors)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8], report.summary()
    assert report.added == 2
    assert "Hugging Face user name" in errors[3] and "Kaggle user name" in errors[4]
    assert errors[5].startswith("location is too long")
    assert "does not name a user" in errors[7]
    people = _people(services, team)
    assert set(people) == {f"ada-{t}", f"bob-{t}"}
    bob = people[f"bob-{t}"]
    assert (bob.name, bob.huggingface, bob.kaggle) == ("Bob Csv", f"bob-hf-{t}", f"bob{t}")


def test_csv_an_unreadable_row_is_skipped_with_its_line_number(services, team):
    import csv

    t = team.lower()
    old = csv.field_size_limit()
    csv.field_size_limit(1000)
    try:
        text = f"name,github\nAda,ada-{t}\nHuge,{'x' * 2000}\nCyd,cyd-{t}\n"
        report = import_text(services, team_id=team, text=text, kind="csv", source="test")
    finally:
        csv.field_size_limit(old)
    assert [n for n, _ in report.errors] == [3] and "not valid CSV" in report.errors[0][1], report.summary()
    assert set(_people(services, team)) == {f"ada-{t}", f"cyd-{t}"}


@pytest.mark.parametrize("words", [["hf:" + INJECTION], ["huggingface:" + INJECTION], ["kaggle:" + INJECTION],
                                   ["https://huggingface.co/" + INJECTION], ["https://www.kaggle.com/" + INJECTION],
                                   ["github:ada-ex", "hf:-starts-with-dash"], ["kaggle:" + "k" * 65]])
def test_candidate_add_refuses_a_handle_that_could_be_a_mention(words):
    with pytest.raises(UserError) as err:
        parse_intake(words)
    text = err.value.as_text()
    assert "<!channel>" not in text and "Example:" in text
    assert "Hugging Face user name" in text or "Kaggle user name" in text


def test_candidate_add_strips_names_and_checks_lengths():
    assert parse_intake(["github:ada-ex", "hf:ada.ex_1", "kaggle:ada_ex-1", "name:  Ada Ex  "]).name == "Ada Ex"
    with pytest.raises(UserError, match="location is too long"):
        parse_intake(["github:ada-ex", "location:" + "x" * 201])
    with pytest.raises(UserError, match="arxiv_name is too long"):
        parse_intake(["arxiv:" + "x" * 201])
