"""Clock work of outreach: follow-up nudges and re-engage reminders, DMed to owners exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, cast, exists, literal, or_, select

from bot.candidates.messages import person
from bot.core.delivery import MAX_ATTEMPTS
from bot.core.fanout import deliver_all
from bot.core.models import Candidate, Delivery, Enrollment, Role, Touch
from bot.core.people import People, Person, working_hours, zone
from bot.core.render import render
from bot.core.services import Services
from bot.notify.prefs import Kind
from bot.notify.route import Router
from bot.outreach.messages import nudge_message
from bot.outreach.service import active_enrollment
from scoring.intent import Label

REPEAT_GAP = timedelta(hours=12)  # an ignored nudge returns the next working day, never twice a day


REENGAGE_WINDOW = timedelta(days=30)  # a re-engage reminder missed by longer than this is dropped


MAX_NUDGES_PER_TICK = 2000


KIND_NUDGE = "nudge"


KIND_REENGAGE = "reengage"


@dataclass(frozen=True)
class _Due:
    enrollment_id: int
    team_id: str
    owner: str
    step: int
    next_due_at: datetime
    candidate_id: int | None = None


def _nudged_lately(now: datetime):
    """SQL, per enrollment row: a nudge for its current step went out (or was found unneeded, or gave up
    after every attempt) within REPEAT_GAP. Such a step waits for tomorrow, so it must not hold a place
    in the tick's window; otherwise stale sequences fill the window for good and newer ones starve."""

    # The ledger period is "<owner-local date>:<enrollment>:<step>". Within REPEAT_GAP the owner's local date
    # (UTC-12 to UTC+14) is one of a few calendar dates, so the lookup is exact keys on the ledger's index.
    first, last = (now - REPEAT_GAP - timedelta(hours=14)).date(), (now + timedelta(hours=14)).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    suffix = literal(":") + cast(Enrollment.id, String) + ":" + cast(Enrollment.current_step, String)
    return exists().where(
        Delivery.team_id == Enrollment.team_id, Delivery.channel_id == Enrollment.owner_user_id,
        Delivery.kind == KIND_NUDGE, Delivery.period.in_([literal(d.isoformat()) + suffix for d in days]),
        Delivery.claimed_at > now - REPEAT_GAP,
        or_(Delivery.status.in_(("sent", "skipped")), Delivery.attempts >= MAX_ATTEMPTS))


def _due_page(services: Services, now: datetime, after: tuple[datetime, int] | None,
              limit: int) -> tuple[list[_Due], tuple[datetime, int] | None]:
    """Up to `limit` due steps not nudged lately, oldest first, after the keyset `after`; and the next keyset."""
    with services.db.session() as session:
        q = (select(Enrollment, Candidate.do_not_contact).join(Candidate, Candidate.id == Enrollment.candidate_id)
             .where(Enrollment.status == "active", Enrollment.next_due_at <= now, ~_nudged_lately(now))
             .order_by(Enrollment.next_due_at, Enrollment.id).limit(limit))
        if after is not None:
            q = q.where(or_(Enrollment.next_due_at > after[0],
                            and_(Enrollment.next_due_at == after[0], Enrollment.id > after[1])))
        rows = session.execute(q).all()
        cursor = (rows[-1][0].next_due_at, rows[-1][0].id) if len(rows) == limit else None
        due = []
        for enr, dnc in rows:
            if dnc:  # marked do-not-contact elsewhere (e.g. /candidate): the sequence ends here
                enr.status, enr.stop_reason, enr.next_due_at = "stopped", "do_not_contact", None
                continue
            due.append(_Due(enr.id, enr.team_id, enr.owner_user_id, enr.current_step, enr.next_due_at, enr.candidate_id))
    return due, cursor


def _nudge_build(services: Services, enrollment_id: int, step: int, owner: Person, now: datetime):
    def build() -> dict[str, Any] | None:
        with services.db.session() as session:
            enr = session.get(Enrollment, enrollment_id)
            if enr is None or enr.status != "active" or enr.current_step != step or enr.next_due_at is None \
                    or enr.next_due_at > now:
                return None  # acted on (sent, snoozed, stopped) since the tick looked
            cand = session.get(Candidate, enr.candidate_id)
            if cand is None or cand.do_not_contact:
                return None
            return nudge_message(session=session, enr=enr, step=step, owner=owner, now=now)
    return build


def nudge_jobs(services: Services, now: datetime, router: Router | None = None) -> list[Any]:
    """Ledger jobs for due steps whose owner is in working hours now (one per owner-local day), at most
    MAX_NUDGES_PER_TICK; the window pages past steps that must wait, so every due step gets its turn.
    Each goes through the owner's preferences (bot/notify): now, into their summary, off, or held."""

    people = People(services)
    router = router or Router(services, now)
    jobs: list[Any] = []
    cursor: tuple[datetime, int] | None = None
    while len(jobs) < MAX_NUDGES_PER_TICK:
        due, cursor = _due_page(services, now, cursor, MAX_NUDGES_PER_TICK)
        for d in due:
            if len(jobs) >= MAX_NUDGES_PER_TICK:
                break  # the rest waits for the next tick, which starts from the oldest again
            owner = people.get(d.team_id, d.owner)
            if owner is None:
                continue  # no timezone, no local date for the ledger key: try again next tick
            if not working_hours(now, owner.tz):
                continue  # waits for the owner's next working morning
            local = now.astimezone(zone(owner.tz))
            job = router.job(team_id=d.team_id, owner=owner, pref=Kind.NUDGES, kind=KIND_NUDGE,
                             subject=f"{d.enrollment_id}:{d.step}",
                             period=f"{local.date().isoformat()}:{d.enrollment_id}:{d.step}",
                             build=_nudge_build(services, d.enrollment_id, d.step, owner, now), candidate_id=d.candidate_id)
            if job is not None:
                jobs.append(job)
        if cursor is None:
            break
    return jobs


def _reengage_build(services: Services, enrollment_id: int, now: datetime):
    def build() -> dict[str, Any] | None:
        with services.db.session() as session:
            enr = session.get(Enrollment, enrollment_id)
            if enr is None or enr.stop_reason != str(Label.NOT_NOW) or enr.next_due_at is None:
                return None
            cand = session.get(Candidate, enr.candidate_id)
            if cand is None or cand.do_not_contact or active_enrollment(session=session, candidate_id=cand.id):
                return None
            role = session.get(Role, enr.role_id) if enr.role_id else None
            said = session.scalar(select(Touch).where(Touch.enrollment_id == enr.id, Touch.kind == "reply")
                                  .order_by(Touch.at.desc(), Touch.id.desc()).limit(1))
            return render("outreach/reengage.json.j2", cand=person(cand) | {"github": cand.github},
                          role={"id": role.id, "title": role.title} if role else None,
                          said={"at": said.at, "text": said.text or ""} if said else None, block_prefix=f"reengage-{enr.id}")
    return build


def _clear_reengage(services: Services, enrollment_id: int) -> None:
    with services.db.session() as session:
        enr = session.get(Enrollment, enrollment_id)
        if enr is not None and enr.stop_reason == str(Label.NOT_NOW):
            enr.next_due_at = None


def reengage_jobs(services: Services, now: datetime, router: Router | None = None) -> list[Any]:
    """Ledger jobs for not-now replies whose re-engage day has come, through the owner's preferences."""

    router = router or Router(services, now)
    with services.db.session() as session:
        rows = list(session.execute(select(Enrollment.id, Enrollment.team_id, Enrollment.owner_user_id,
                                           Enrollment.next_due_at, Enrollment.candidate_id)
                                    .where(Enrollment.stop_reason == str(Label.NOT_NOW), Enrollment.status != "active",
                                           Enrollment.next_due_at <= now,
                                           Enrollment.next_due_at > now - REENGAGE_WINDOW)).all())
    jobs = []
    for eid, team, owner, due, cid in rows:
        # Quiet hours are read in the timezone saved with the owner's preferences (users.info, when they set them).
        who = Person(owner, services.settings.default_timezone)
        job = router.job(team_id=team, owner=who, pref=Kind.REENGAGE, kind=KIND_REENGAGE, subject=str(eid),
                         period=f"{eid}:{due.date().isoformat()}", build=_reengage_build(services, eid, now),
                         candidate_id=cid, after=lambda status, eid=eid: _clear_reengage(services, eid))
        if job is not None:
            jobs.append(job)
    return jobs


def outreach_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: DM owners their due steps and their re-engage reminders, exactly once each."""

    router = Router(services, now)
    jobs = nudge_jobs(services, now, router)
    counts = {"nudge_" + k: v for k, v in deliver_all(services, jobs, now, threads=services.settings.fanout_threads).items()}
    rjobs = reengage_jobs(services, now, router)
    counts |= {"reengage_" + k: v for k, v in deliver_all(services, rjobs, now, threads=services.settings.fanout_threads).items()}
    return counts
