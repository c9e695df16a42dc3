"""On PostgreSQL: the outreach services, and two clocks ticking at once deliver each nudge and deadline message once."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from bot.core.config import get_settings
from bot.core.models import Candidate, Enrollment, PipelineEntry
from bot.core.people import Person, known_people, remember_person
from bot.core.teams import team_settings, update_team_settings
from bot.outreach import service as outreach
from bot.outreach.sequences import ensure_default_sequence
from bot.roles.service import get_role
from bot.runtime.app import build_services
from tests.conftest import app_env, concurrent_ticks, load_snapshots, snapshot
from tests.outreach.test_e2e import PR, utc
from tests.slackkit import new_team


@pytest.mark.postgres
def test_two_clocks_on_postgresql_send_each_nudge_and_deadline_message_once(postgres_url, slack):
    services = build_services(get_settings(DATABASE_URL=postgres_url))
    team = new_team()
    owner = "U" + team[1:]
    channel = "G" + team[1:]
    load_snapshots(services, team, [snapshot("Pia Postgres", "pia-" + team.lower(), merged_prs=[PR]),
                                    snapshot("Dan Deadline", "dan-" + team.lower(), merged_prs=[PR])])
    berlin = Person(owner, "Europe/Berlin", "Sam Sourcer")
    with services.db.session() as s:
        role = get_role(session=s, team_id=team, name="ml-engineer")
        pia = s.scalar(select(Candidate).where(Candidate.github == "pia-" + team.lower()))
        remember_person(session=s, team_id=team, who=berlin)
        update_team_settings(session=s, team_id=team, hiring_channel=channel)
        seq = ensure_default_sequence(session=s, team_id=team)
        enr = outreach.start_enrollment(session=s, team_id=team, candidate=pia, role=role, sequence=seq, owner=berlin,
                                        now=utc("2027-03-04T09:00:00+00:00"))  # Thursday
        outreach.mark_sent(session=s, enr=enr, step=1, user=owner, tz=berlin.tz, now=utc("2027-03-04T10:00:00+00:00"))
        assert enr.next_due_at == utc("2027-03-09T08:00:00+00:00")
        dan = s.scalar(select(PipelineEntry).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
                       .where(Candidate.github == "dan-" + team.lower()))
        dan.stage, dan.stage_entered_at, dan.owner_user_id = "shortlisted", utc("2027-03-04T20:00:00+00:00"), owner
        assert known_people(session=s, team_id=team)[owner].tz == "Europe/Berlin"
        assert team_settings(session=s, team_id=team)["hiring_channel"] == channel
    env = app_env(postgres_url, slack.url)
    now = "2027-03-09T09:00:00+00:00"  # Tuesday 10:00 Berlin: step 2 is due; Dan is 109 h into a 72 h review
    for code, log in concurrent_ticks(env, now, clocks=2):
        assert code == 0, log[-2000:]
    posts = [c.args for c in slack.calls_to("chat.postMessage")]
    dms = Counter(a["text"].split(" is ")[0] for a in posts if a.get("channel") == "D" + owner[1:])
    assert dms == Counter({"Follow-up 2 of 5 to Pia Postgres": 1, "Résumé review for Dan Deadline (ML Engineer)": 1})
    escalations = [a for a in posts if a.get("channel") == channel]
    assert len(escalations) == 1 and "Dan Deadline for ML Engineer is 37 h past résumé review" in escalations[0]["text"]
    assert not slack.calls_to("users.info")  # the owner's timezone was remembered
    with services.db.session() as s:
        reply = outreach.log_reply(session=s, enr=s.get(Enrollment, enr.id), candidate=s.get(Candidate, pia.id),
                                   text="Please unsubscribe me.", user=owner, tz=berlin.tz,
                                   now=utc("2027-03-09T10:00:00+00:00"))
        assert reply.intent.label == "unsubscribe"
        assert s.get(Candidate, pia.id).do_not_contact is True
    services.db.dispose()
