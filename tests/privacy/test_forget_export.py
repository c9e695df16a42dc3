"""`/candidate forget` leaves nothing about the person (cached public-API responses and referral notes on
other candidates too), and `/candidate export` holds everything stored about them (outreach, replies, audit)."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import inspect, select, text

from bot.core.httpcache import DatabaseResponseCache, forget_handles
from bot.core.models import Candidate, HttpCacheEntry, Note
from bot.privacy.export import export_data
from bot.privacy.forget import forget_candidate
from bot.sources.github import GitHubClient
from bot.sources.huggingface import HuggingFaceClient
from tests.conftest import load_snapshots, snapshot
from tests.outreach.test_e2e import PR, Recruiter
from tests.slackkit import new_team


def _public_apis(people: dict[str, str]) -> httpx.MockTransport:
    """GitHub REST and the Hub, answering with ETags for each GitHub login / HF user in `people`."""

    def answer(request: httpx.Request) -> httpx.Response:
        path, etag = request.url.path, {"ETag": '"v1"'}
        for login in people:
            if path == f"/users/{login}":
                return httpx.Response(200, json={"login": login, "name": "Public Name", "location": "Berlin"}, headers=etag)
            if path == f"/users/{login}/repos":
                return httpx.Response(200, json=[{"full_name": f"{login}/kit", "stargazers_count": 3}], headers=etag)
        if path == "/search/issues":
            login = request.url.params["q"].split()[0].removeprefix("author:")
            return httpx.Response(200, json={"items": [{"title": f"PR by {login}"}]}, headers=etag)
        if path == "/api/models":
            return httpx.Response(200, json=[{"id": request.url.params["author"] + "/tiny-rag"}], headers=etag)
        return httpx.Response(404, json={"message": "Not Found"})

    return httpx.MockTransport(answer)


def _enrich_through_the_cache(services, people: dict[str, str]) -> None:
    """Fetch each person's profile with the real clients, so the cache keys are the ones production writes."""
    cache = DatabaseResponseCache(services.db)
    with httpx.Client(transport=_public_apis(people)) as http:
        github = GitHubClient("https://api.github.com", http=http, cache=cache)
        hub = HuggingFaceClient("https://huggingface.co", http=http, cache=cache)
        for login, hf in people.items():
            github.fetch_profile(login)
            hub.fetch_profile(hf)


def _cache_keys(services) -> list[str]:
    with services.db.session() as s:
        return list(s.scalars(select(HttpCacheEntry.key)))


def test_forget_erases_cached_responses_referral_notes_and_replies(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    t = team.lower()
    handle, hf, name = f"zed-{t}", f"zedhf-{t}", f"Zed Forgotten {team}"
    secret = f"Sunflower{team}"
    load_snapshots(services, team, [snapshot(name, handle, merged_prs=[PR]) | {"huggingface": hf}])
    other_login, other_hf = f"kim-{t}", f"kimhf-{t}"
    _enrich_through_the_cache(services, {handle: hf, other_login: other_hf})
    # Fetched with a token, and the login typed in capitals: still the same person.
    DatabaseResponseCache(services.db).put(f"github:0123456789ab:https://api.github.com/users/{handle.upper()}?", '"v2"',
                                           {"login": handle})
    assert sum(handle in k.lower() or hf in k for k in _cache_keys(services)) == 5
    r.start(handle)
    reply = r.cmd(f"reply {handle} Not for me, but my colleague Jane Roe (github.com/jroe-{t}) would be a great fit. "
                  f"Mention {secret} to her.")
    assert "read as *referral*" in json.dumps(reply["blocks"]), reply
    r.sender.command("/candidate", f"show {handle}")

    with services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == handle))
        cid = cand.id
        data = json.loads(json.dumps(export_data(session=s, candidate=cand), default=str))
    assert data["enrollments"] and all(e["candidate_id"] == cid for e in data["enrollments"])
    assert any(tc["kind"] == "reply" and secret in tc["text"] for tc in data["touches"])
    assert {"view"} <= {a["action"] for a in data["audit"]} and all(a["candidate_id"] == cid for a in data["audit"])
    assert len(data["quoted_in_notes"]) == 1 and secret in data["quoted_in_notes"][0]["text"]

    answer = r.sender.command("/candidate", f"forget {handle}").json()
    assert "Forgot" in answer["text"], answer

    needles = (handle, hf, name, f"{handle}@example.com", secret)
    with services.db.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            cols = [c["name"] for c in inspect(conn).get_columns(table)]
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                flat = json.dumps([str(v) for v in row]).lower()
                for needle in needles:
                    assert needle.lower() not in flat, f"{table} still mentions {needle}: {dict(zip(cols, row))}"
            if "candidate_id" in cols and table != "audit_events":
                assert conn.execute(text(f'SELECT count(*) FROM "{table}" WHERE candidate_id = :c'), {"c": cid}).scalar() == 0
    keys = _cache_keys(services)
    assert sum(other_login in k for k in keys) == 3 and sum(other_hf in k for k in keys) == 1  # a bystander keeps theirs
    with services.db.session() as s:
        jane = s.scalar(select(Candidate).where(Candidate.team_id == team, Candidate.github == f"jroe-{t}"))
        note = s.scalar(select(Note.text).where(Note.candidate_id == jane.id))
    assert jane is not None and note.startswith("Referred by a candidate who has since been forgotten")


def test_forget_handles_matches_the_person_not_a_longer_handle_and_ignores_other_teams(services):
    t = new_team().lower()
    ada, ada_hf = f"ada-{t}", f"ada.hf_{t}"
    cache = DatabaseResponseCache(services.db)
    _enrich_through_the_cache(services, {ada: ada_hf, f"{ada}-ex": f"{ada_hf}.lab"})
    cache.put(f"github:anon:https://ghe.example.com/api/v3/users/{ada}/repos?per_page=100", '"e"', [])
    team_a, team_b = new_team(), new_team()
    load_snapshots(services, team_a, [snapshot("Ada A", ada) | {"huggingface": ada_hf}])
    load_snapshots(services, team_b, [snapshot("Ada B", ada) | {"huggingface": ada_hf}])
    before = _cache_keys(services)
    assert sum(f"/users/{ada}/" in k or f"/users/{ada}?" in k or f"author:{ada} " in k or f"author={ada_hf}&" in k
               for k in before) == 5

    with services.db.session() as s:
        forget_candidate(session=s, candidate=s.scalar(select(Candidate).where(Candidate.team_id == team_a)), user_id="U1")
    after = _cache_keys(services)
    # Erased although team B still has a candidate with these handles (forget_handles says why) ...
    assert [k for k in after if f"/users/{ada}/" in k or f"/users/{ada}?" in k or f"author:{ada} " in k
            or f"author={ada_hf}&" in k] == []
    # ... while the people whose handles merely start with the same letters keep theirs.
    assert sum(f"{ada}-ex" in k for k in after) == 3 and sum(f"{ada_hf}.lab" in k for k in after) == 1
    with services.db.session() as s:
        assert s.scalar(select(Candidate.name).where(Candidate.team_id == team_b)) == "Ada B"
        assert forget_handles(s, [None, "", "  "]) == 0
