"""Bulk rescoring: stored features round-trip, vectorised totals equal score(), Core writes move the data version."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from sqlalchemy import select

from bench._profiles import make_snapshot
from bot.core.db import Database
from bot.core.models import Candidate, Role, Score, Team
from bot.core.teams import ensure_team
from bot.roles.bulk import Batch, candidate_columns, totals, vector_of
from bot.roles.features import features_from_json, features_to_json, last_active, skills_text
from bot.roles.service import breakdown_of, card_of, explain, rescore, rescore_team
from bot.shortlist.service import shortlist, shortlist_count
from scoring.scorecard import DEFAULT_ROLES
from scoring.signals import extract, score
from scoring.types import Profile

TODAY = date(2026, 11, 21)


def _features(n: int, start: int = 1):
    return [extract(Profile.from_snapshot(make_snapshot(i)), today=TODAY) for i in range(start, start + n)]


def test_features_survive_a_round_trip_through_json():
    for f in _features(120):
        data = features_to_json(f)
        back = features_from_json(data)
        assert back == f
        assert features_to_json(back) == data
        assert all(score(back, card) == score(f, card) for card in DEFAULT_ROLES.values())


def test_a_field_missing_from_stored_json_takes_its_default():
    f = _features(1)[0]
    data = features_to_json(f)
    del data["version"]
    assert features_from_json(data).version == f.version


def test_vectorised_totals_equal_score_for_every_default_role():
    feats = _features(400)
    batch = Batch.build(list(range(len(feats))), [vector_of(f) for f in feats], [skills_text(f.skills) for f in feats],
                        lambda i: feats[i])
    for card in DEFAULT_ROLES.values():
        tot, qual, exact = totals(batch, card)
        want = [score(f, card) for f in feats]
        assert tot.tolist() == [w.total for w in want], card.slug
        assert qual.tolist() == [w.qualifies for w in want], card.slug
        assert exact < len(feats) // 10  # the vectors did the work, score() only the edges


def test_a_candidate_without_a_vector_is_scored_exactly():
    feats = _features(30)
    vectors = [vector_of(f) for f in feats]
    vectors[3] = None
    batch = Batch.build(list(range(30)), vectors, [skills_text(f.skills) for f in feats], lambda i: feats[i])
    card = DEFAULT_ROLES["ml-engineer"]
    tot, _, exact = totals(batch, card)
    assert tot[3] == score(feats[3], card).total and exact >= 1


def test_last_active_is_the_latest_dated_signal():
    snap = {"signals": {"repos": [{"pushed_at": "2025-01-02"}], "merged_prs": [{"merged_at": "2026-03-04T10:00:00Z"}],
                        "papers": [{"published": "not a date"}]}}
    assert last_active(snap) == date(2026, 3, 4)
    assert last_active({}) is None


def _team_of(url: str, n: int) -> tuple[Database, str]:
    db = Database(url)
    team = "TB" + uuid.uuid4().hex[:9].upper()
    with db.session() as s:
        ensure_team(session=s, team_id=team)
        for i in range(1, n + 1):
            snap = make_snapshot(i)
            snap["github"] = f"{snap['github']}-{team.lower()}"
            s.add(Candidate(team_id=team, name=snap["name"], github=snap["github"], location=snap.get("location"),
                            snapshot=snap, enrichment_status="ok"))
    return db, team


def test_bulk_rescore_writes_exact_totals_explains_them_and_moves_the_data_version(any_db_url):
    db, team = _team_of(any_db_url, 60)
    try:
        with db.session() as s:
            before = s.get(Team, team).data_version
            cands = list(s.scalars(select(Candidate).where(Candidate.team_id == team)))
            roles = list(s.scalars(select(Role).where(Role.team_id == team)))
            assert len(cands) * len(roles) > 200  # the bulk path
            assert rescore(session=s, candidates=cands, roles=roles, today=TODAY) == len(cands) * len(roles)
        with db.session() as s:
            assert s.get(Team, team).data_version > before
            role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
            card = card_of(role)
            rows = list(s.execute(select(Score, Candidate).join(Candidate, Candidate.id == Score.candidate_id)
                                  .where(Score.role_id == role.id)))
            for sc, cand in rows:
                want = score(features_from_json(cand.features), card)
                assert (sc.total, sc.qualifies, sc.breakdown) == (want.total, want.qualifies, {})
            top = shortlist(session=s, team_id=team, role=role, limit=5)
            shown = explain(session=s, role=role, scores=[r.score for r in top])
            for r, breakdown in zip(top, shown):
                snap = make_snapshot(int(r.candidate.github.split("-")[1]))
                f = candidate_columns(snap | {"github": r.candidate.github}, today=TODAY)[0]
                assert breakdown["reasons"] == breakdown_of(score(f, card))["reasons"]
            assert [r.score.total for r in top] == sorted((r.score.total for r in top), reverse=True)
    finally:
        db.dispose()


def test_rescore_team_after_a_scorecard_edit_moves_the_data_version(any_db_url, services):
    db, team = _team_of(any_db_url, 40)
    try:
        with db.session() as s:
            cands = list(s.scalars(select(Candidate).where(Candidate.team_id == team)))
            roles = list(s.scalars(select(Role).where(Role.team_id == team)))
            rescore(session=s, candidates=cands, roles=roles, today=TODAY)
            role = next(r for r in roles if r.slug == "ml-engineer")
            role.weights = {k: 0 for k in role.weights} | {"papers": 40}  # only papers count now
            role_id = role.id
        with db.session() as s:
            before = s.get(Team, team).data_version
        hb = dataclasses.replace(services, db=db)
        assert rescore_team(hb, team, [role_id]) > 0
        with db.session() as s:
            assert s.get(Team, team).data_version > before
            role = s.get(Role, role_id)
            card = card_of(role)
            for sc, cand in s.execute(select(Score, Candidate).join(Candidate, Candidate.id == Score.candidate_id)
                                      .where(Score.role_id == role_id)):
                assert sc.total == score(features_from_json(cand.features), card).total
            # Nobody without papers scores above 0 now, and a plain shortlist leaves zeros out.
            shown = shortlist(session=s, team_id=team, role=role, limit=25)
            # The best rows got their breakdown stored after the bulk write, as score() gives it for the new card.
            best = shown[0]
            want = score(features_from_json(s.get(Candidate, best.candidate.id).features), card)
            assert best.score.breakdown["reasons"] == breakdown_of(want)["reasons"]
            assert all(r.score.total > 0 for r in shown)
            assert shortlist_count(session=s, team_id=team, role=role) == len(
                [1 for r in shortlist(session=s, team_id=team, role=role, limit=1000)])
            assert shortlist_count(session=s, team_id=team, role=role, min_score=0) == 40
    finally:
        db.dispose()


def test_bulk_rescored_people_keep_their_reasons_on_the_card_and_in_the_digest(any_db_url):
    from datetime import datetime, timezone

    from bot.candidates.messages import card_message
    from bot.core.models import DigestSubscription
    from bot.digests.service import build_digest

    db, team = _team_of(any_db_url, 60)
    try:
        with db.session() as s:
            cands = list(s.scalars(select(Candidate).where(Candidate.team_id == team)))
            roles = list(s.scalars(select(Role).where(Role.team_id == team)))
            rescore(session=s, candidates=cands, roles=roles, today=TODAY)
            role = next(r for r in roles if r.slug == "ml-engineer")
            s.add(DigestSubscription(team_id=team, channel_id="C0BULK", role_slug="ml-engineer", max_items=25,
                                     created_at=datetime(2020, 1, 1, tzinfo=timezone.utc)))
        with db.session() as s:
            # Past each role's 200 best, a bulk write stores no breakdown: make every row look like that.
            s.execute(Score.__table__.update().where(Score.team_id == team).values(breakdown={}))
        with db.session() as s:
            bare = s.execute(select(Score, Candidate).join(Candidate, Candidate.id == Score.candidate_id)
                             .where(Score.team_id == team, Score.total > 0).order_by(Score.total.desc())).first()
            assert not bare[0].breakdown
            card = json_text(card_message(session=s, candidate=bare[1]))
            best = s.scalars(select(Score).where(Score.candidate_id == bare[1].id).order_by(Score.total.desc())).first()
            want = explain(session=s, role=s.get(Role, best.role_id), scores=[best])[0]["reasons"][0]["text"]
            assert want.split(" (")[0][:40] in card
            sub = s.scalar(select(DigestSubscription).where(DigestSubscription.team_id == team))
            digest = build_digest(session=s, subscription_id=sub.id, now=datetime(2030, 1, 1, tzinfo=timezone.utc))
            assert digest is not None
            for block in digest["blocks"]:
                if block.get("type") == "section" and "/100" in json_text(block):
                    assert "•" in json_text(block), block  # every entry shows its evidence lines
    finally:
        db.dispose()


def json_text(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
