"""/shortlist and /candidate end to end: signed HTTP in, the served app, real SQLite, fake Slack out."""

from __future__ import annotations

import json
import time

from sqlalchemy import func, inspect, select, text

from bot.core.models import Candidate, PipelineEntry
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import SlackSender, validate_blocks

RECENT, OLD = "2026-10-20", "2022-03-01"
PYTORCH_PR = {"repo": "pytorch/pytorch", "merged_at": RECENT, "title": "Fix FSDP state dict", "url": "https://github.com/pytorch/pytorch/pull/9100001"}
JAX_PR = {"repo": "jax-ml/jax", "merged_at": RECENT, "title": "Fix pjit donation", "url": "https://github.com/jax-ml/jax/pull/9100002"}


def _team_with_candidates(services, team):
    load_snapshots(services, team, [
        snapshot("Ines Okafor", "ines-demo", merged_prs=[PYTORCH_PR, PYTORCH_PR | {"url": "https://github.com/pytorch/pytorch/pull/9100002"}],
                 repos=[{"name": "ines-demo/fastserve", "stars": 420, "forks": 40, "pushed_at": RECENT, "language": "Python",
                         "topics": ["mlops", "serving"], "has_dockerfile": True, "has_tests": True, "has_ci": True}],
                 skills=["pytorch", "python", "docker", "sql"]),
        snapshot("Tom Tutorial", "tom-demo", location="Austin, TX",
                 repos=[{"name": "tom-demo/ml-course-follow-along", "stars": 2000, "forks": 300, "pushed_at": OLD,
                         "description": "Notebooks from an online course tutorial"}]),
        snapshot("Mei Lin", "mei-demo", location="Singapore",
                 repos=[{"name": "mei-demo/vision-kit", "stars": 150, "forks": 22, "pushed_at": RECENT, "language": "Python",
                         "has_dockerfile": True, "has_tests": True, "has_ci": False}], skills=["pytorch", "python"]),
    ])


def test_shortlist_ranks_recent_pytorch_prs_above_a_popular_tutorial_repo(services, sender, team, slack):
    _team_with_candidates(services, team)
    resp = sender.command("/shortlist", "ml-engineer 5 min:0")  # min:0: Tom's 0 is shown only when asked
    assert resp.status_code == 200
    reply = resp.json()
    assert reply["response_type"] == "ephemeral"
    validate_blocks(reply["blocks"])
    body = json.dumps(reply["blocks"])
    order = [body.index(n) for n in ("Ines Okafor", "Mei Lin", "Tom Tutorial")]
    assert order == sorted(order)
    assert "https://github.com/pytorch/pytorch/pull/9100001" in body  # evidence link
    assert "Ines Okafor" in reply["text"] and "best" in reply["text"]
    assert slack.calls_to("chat.postMessage") == []  # answered in the ack, nothing posted


def test_shortlist_filters_by_region_and_min_score(services, sender, team):
    _team_with_candidates(services, team)
    reply = sender.command("/shortlist", "ml-engineer location:asia").json()
    body = json.dumps(reply["blocks"])
    assert "Mei Lin" in body and "Ines Okafor" not in body
    reply = sender.command("/shortlist", "ml-engineer min:99").json()
    assert "No candidates match" in json.dumps(reply["blocks"])


def test_unknown_role_suggests_the_closest(sender):
    reply = sender.command("/shortlist", "ml-enginer 5").json()
    assert reply["response_type"] == "ephemeral"
    assert "ml-engineer" in reply["text"] and "Example:" in reply["text"]


def test_bad_n_is_explained(sender):
    reply = sender.command("/shortlist", "ml-engineer 99").json()
    assert "between 1 and 25" in reply["text"]


def test_one_team_never_sees_another_teams_candidates(services, sender, server, slack, team):
    _team_with_candidates(services, team)
    from tests.slackkit import new_team

    other = SlackSender(server, slack.response_url("o"), team_id=new_team())
    body = json.dumps(other.command("/shortlist", "ml-engineer 25").json())
    assert "Ines" not in body and "No candidates match" in body
    assert "No candidate" in other.command("/candidate", "show ines-demo").json()["text"]


def test_pass_removes_the_candidate_and_shows_who_acted(services, sender, team, slack):
    _team_with_candidates(services, team)
    reply = sender.command("/shortlist", "ml-engineer 5").json()
    pass_button = next(e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]
                       if e["action_id"] == "candidate_pass")
    assert pass_button["style"] == "danger" and "confirm" in pass_button
    resp = sender.action("candidate_pass", pass_button["value"])
    assert resp.status_code == 200
    posted = slack.wait_for("response_url")
    assert posted, "the click must update the message"
    update = posted[-1].args
    assert update["replace_original"] is True
    validate_blocks(update["blocks"])
    text_all = json.dumps(update["blocks"])
    assert "Passed on Ines Okafor by <@U0SAM>" in text_all
    assert "*1. <https://github.com/ines-demo|Ines Okafor>*" not in text_all
    with services.db.session() as s:
        stage = s.scalar(select(PipelineEntry.stage).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
                         .where(Candidate.team_id == team, Candidate.github == "ines-demo"))
    assert stage == "passed"


def test_candidate_add_acks_at_once_and_saves_pending_when_github_is_down(services, sender, team, slack):
    started = time.monotonic()
    reply = sender.command("/candidate", "add <https://github.com/new-person|github.com/new-person> role:mlops").json()
    assert time.monotonic() - started < 3
    assert "Added" in reply["text"]
    posted = slack.wait_for("response_url", timeout=15)
    assert posted and "unavailable" in json.dumps(posted[-1].args)
    with services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == "new-person"))
        assert cand is not None and cand.enrichment_status == "pending" and cand.enrich_after is not None


def test_candidate_add_bad_input_writes_nothing(services, sender, team):
    for text_ in ("add", "add octocat", "add github:-bad-", "add kaggle:x tier:wizard", "add github:ok role:astronaut"):
        reply = sender.command("/candidate", text_).json()
        assert reply["response_type"] == "ephemeral" and "Example" in reply["text"], (text_, reply)
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Candidate).where(Candidate.team_id == team)) == 0


def test_forget_leaves_no_row_that_mentions_the_person(services, sender, team):
    handle = "zed-" + team.lower()  # unique across the shared test database
    load_snapshots(services, team, [snapshot("Zed Unique " + team, handle, merged_prs=[PYTORCH_PR])])
    sender.command("/candidate", f'note {handle} "Great FSDP work {team}"')
    sender.command("/candidate", f"stage {handle} interview")
    sender.command("/candidate", f"show {handle}")
    with services.db.session() as s:
        cid = s.scalar(select(Candidate.id).where(Candidate.team_id == team, Candidate.github == handle))
    reply = sender.command("/candidate", f"forget {handle}").json()
    assert "Forgot" in reply["text"]
    needles = (handle, "Zed Unique " + team, f"{handle}@example.com", f"Great FSDP work {team}")
    with services.db.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            cols = [c["name"] for c in inspect(conn).get_columns(table)]
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                flat = json.dumps([str(v) for v in row])
                for needle in needles:
                    assert needle not in flat, f"{table} still mentions {needle}: {dict(zip(cols, row))}"
            if "candidate_id" in cols and table != "audit_events":
                assert conn.execute(text(f'SELECT count(*) FROM "{table}" WHERE candidate_id = :c'), {"c": cid}).scalar() == 0


def test_candidate_show_stage_and_note_round_trip(services, sender, team):
    _team_with_candidates(services, team)
    assert "interview" in sender.command("/candidate", "stage ines-demo interview").json()["text"]
    assert "not a stage" in sender.command("/candidate", "stage ines-demo interviw").json()["text"]
    sender.command("/candidate", 'note ines-demo "Ask about serving"')
    card = sender.command("/candidate", "show ines-demo").json()
    validate_blocks(card["blocks"])
    blob = json.dumps(card)
    assert "Ask about serving" in blob and "ml-engineer: interview" in blob and "Scores" in blob


def test_shortlist_filters_by_city_country_skill_and_remote(services, sender, team):
    load_snapshots(services, team, [
        # skill: filters read evidenced skills (issue 11): Rita's JAX PR shows jax, Cara only claims it
        snapshot("Rita Remote", "rita-" + team.lower(), location="Remote (EU)", merged_prs=[PYTORCH_PR, JAX_PR]),
        snapshot("Cara City", "cara-" + team.lower(), location="Kraków, Poland", merged_prs=[PYTORCH_PR],
                 skills=["pytorch", "jax"]),
    ])

    def names(text_):
        return json.dumps(sender.command("/shortlist", text_).json(), ensure_ascii=False)

    assert "Cara City" in names("ml-engineer location:kraków") and "Rita" not in names("ml-engineer location:kraków")
    assert "Cara City" in names("ml-engineer location:poland") and "Cara City" in names("ml-engineer location:pl")
    remote = names("ml-engineer remote")
    assert "Rita Remote" in remote and "Cara City" not in remote
    jax = names("ml-engineer skill:jax")
    assert "Rita Remote" in jax and "Cara City" not in jax
    assert "No candidates match" in names("ml-engineer location:antarctica")


def test_a_repeated_shortlist_reflects_every_change_since_the_last_one(services, sender, team):
    """Rendered shortlists are reused per team data version: each kind of change must show at once."""
    _team_with_candidates(services, team)

    def body():
        return json.dumps(sender.command("/shortlist", "ml-engineer 5 min:0").json(), ensure_ascii=False)

    assert "Mei Lin" in body() and "Mei Lin" in body()  # second answer from the cache
    sender.command("/candidate", "stage mei-demo passed")
    assert "Mei Lin" not in body()
    load_snapshots(services, team, [snapshot("Nora New", "nora-" + team.lower(), merged_prs=[PYTORCH_PR])])
    assert "Nora New" in body()
    with services.db.session() as s:
        s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == "tom-demo")).location = "Lima, Peru"
    assert "Lima, Peru" in body()
    sender.command("/candidate", "forget ines-demo")
    assert "Ines Okafor" not in body()
