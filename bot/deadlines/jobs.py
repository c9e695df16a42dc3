"""Clock work of the hiring clock: the owner's overdue DM, then the escalation, exactly once each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.core.fanout import Job, deliver_all
from bot.core.people import People, open_dm, working_hours
from bot.core.services import Services
from bot.core.teamclient import client_for_team
from bot.deadlines.service import KIND_DUE, KIND_ESCALATE, _due_build, _escalation_build, _overdue, channel_is_public


def deadline_jobs(services: Services, now: datetime) -> list[Any]:
    """Ledger jobs: an overdue DM per entry past its deadline, an escalation per entry past 1.5x;
    each only in working hours for the entry's owner (they come the next working morning otherwise)."""

    jobs = []
    people = People(services)
    public: dict[tuple[str, str], bool] = {}
    for o in _overdue(services, now):
        owner = people.get(o.team_id, o.owner) if o.owner else None
        if o.owner and owner is not None and working_hours(now, owner.tz):
            jobs.append(Job(o.team_id, o.owner, KIND_DUE, f"{o.key}:due", _due_build(services, o, now),
                            post_channel=open_dm(o.owner)))
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
