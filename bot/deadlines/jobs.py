"""Clock work of the hiring clock: the owner's overdue DM, then the escalation, exactly once each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.core.fanout import Job, deliver_all
from bot.core.people import People, working_hours
from bot.core.services import Services
from bot.core.teamclient import client_for_team
from bot.deadlines.service import (
    KIND_DUE,
    KIND_ESCALATE,
    KIND_ESCALATE_DM,
    _due_build,
    _escalation_build,
    _overdue,
    channel_is_public,
)
from bot.notify.prefs import Kind
from bot.notify.route import Router, held_subjects


def deadline_jobs(services: Services, now: datetime) -> list[Any]:
    """Ledger jobs: an overdue DM per entry past its deadline, an escalation per entry past 1.5x;
    each only in working hours for the entry's owner (they come the next working morning otherwise).
    The owner's DMs follow their preferences (bot/notify); the channel escalation follows nobody's."""

    jobs = []
    people = People(services)
    router = Router(services, now)
    public: dict[tuple[str, str], bool] = {}
    copies = {(t, u) for t, u in router.users_wanting(Kind.ESCALATIONS)}
    held = held_subjects(services, (KIND_DUE, KIND_ESCALATE_DM))
    for o in _overdue(services, now, escalation_copies=copies, held=held):
        owner = people.get(o.team_id, o.owner) if o.owner else None
        if o.owner and owner is not None and working_hours(now, owner.tz):
            for pref, kind, suffix, build in (
                    (Kind.DEADLINES, KIND_DUE, "due", _due_build(services, o, now)),
                    (Kind.ESCALATIONS, KIND_ESCALATE_DM, "escalate",
                     _escalation_build(services, o, now, False) if now >= o.escalate_at else None)):
                job = router.job(team_id=o.team_id, owner=owner, pref=pref, kind=kind, subject=f"{o.key}:{suffix}",
                                 period=f"{o.key}:{suffix}", build=build, candidate_id=o.candidate_id) if build else None
                if job is not None:
                    jobs.append(job)
        tz = owner.tz if owner is not None else services.settings.default_timezone
        if now >= o.escalate_at and o.channel and working_hours(now, tz):
            where = (o.team_id, o.channel)
            if where not in public:
                client = client_for_team(services, o.team_id)
                if client is None:
                    continue
                public[where] = channel_is_public(client, o.channel)
            jobs.append(Job(o.team_id, o.channel, KIND_ESCALATE, f"{o.key}:escalate",
                            _escalation_build(services, o, now, public[where])))
    return jobs


def deadline_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: overdue-stage DMs and escalations, exactly once each."""

    jobs = deadline_jobs(services, now)
    return {"deadline_" + k: v for k, v in deliver_all(services, jobs, now, threads=services.settings.fanout_threads).items()}
