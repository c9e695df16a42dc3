"""The owner's one-click corrections to a logged reply: Change label, and confirming a do-not-contact Hirebot only suspected.

The pipeline follows a correction: the sequence is reopened when the old label had stopped it,
then the new label acts exactly as if it had been read that way (stop, stage, re-engage date,
referral, do-not-contact, wait for the return date). Each correction is audited (ids and labels only).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.core.audit import audit
from bot.core.errors import NotFound, UserError
from bot.core.models import Candidate, Enrollment, Role, Touch
from bot.core.people import add_business_days, due_moment, local_day
from bot.core.render import escape_mrkdwn
from bot.outreach.service import ReplyResult, act_on_reply, load_enrollment, mark_do_not_contact
from scoring.intent import Label, classify

# Short codes keep "relabel:<old>><new>" inside the audit log's 32-character action column.
_CODES = {Label.INTERESTED: "int", Label.QUESTION: "q", Label.COMPENSATION: "comp", Label.NOT_NOW: "later",
          Label.NOT_INTERESTED: "no", Label.REFERRAL: "ref", Label.UNSUBSCRIBE: "unsub", Label.OUT_OF_OFFICE: "ooo"}


def _reply_touch(session: Session, team_id: str, touch_id: int) -> tuple[Touch, Enrollment, Candidate]:
    touch = session.get(Touch, touch_id)
    if touch is None or touch.team_id != team_id or touch.kind != "reply":
        raise NotFound("That reply is gone (the candidate may have been forgotten).")
    enr, cand = load_enrollment(session=session, team_id=team_id, enrollment_id=touch.enrollment_id)
    return touch, enr, cand


def _result(session: Session, enr: Enrollment, cand: Candidate, touch: Touch, label: Label, today: date) -> ReplyResult:
    intent = classify(touch.text or "", today=today, label=label)
    role = session.get(Role, enr.role_id) if enr.role_id else None
    return ReplyResult(intent=intent, candidate_id=cand.id, candidate_name=cand.name,
                       role_slug=role.slug if role else None, role_title=role.title if role else None,
                       role_level=role.level if role else None, touch_id=touch.id)


def _reopen(enr: Enrollment, old: Label, tz: str, now: datetime) -> None:
    """Undo what the old label did to this sequence, so the new label starts from an open sequence."""
    stopped_by_old = enr.status == "replied" and enr.stop_reason == str(old)
    if stopped_by_old or (enr.status == "active" and old is Label.OUT_OF_OFFICE):
        enr.status, enr.stop_reason = "active", None
        enr.next_due_at = due_moment(add_business_days(local_day(now, tz), 1), tz)


def relabel_reply(*, session: Session, team_id: str, touch_id: int, label: str, user: str, tz: str,
                  now: datetime) -> ReplyResult:
    """Change a logged reply's label; the sequence, stage and do-not-contact follow; the change is audited."""
    touch, enr, cand = _reply_touch(session, team_id, touch_id)
    try:
        new = Label(label)
    except ValueError as exc:
        raise UserError(f"No reply label called '{label}'.") from exc
    old = Label(touch.intent) if touch.intent in set(Label) else Label.QUESTION
    if new is old:
        raise UserError(f"Already read as {str(new).replace('_', ' ')}.")
    today = local_day(now, tz)
    res = _result(session, enr, cand, touch, new, today)
    res.done.append(f"Changed from *{str(old).replace('_', ' ')}* to *{str(new).replace('_', ' ')}* by <@{user}>.")
    if old is Label.UNSUBSCRIBE and cand.do_not_contact:
        cand.do_not_contact = False
        res.done.append(f"{escape_mrkdwn(cand.name)} is no longer marked do-not-contact; other sequences the "
                        "unsubscribe stopped stay stopped.")
    _reopen(enr, old, tz, now)
    role = session.get(Role, enr.role_id) if enr.role_id else None
    act_on_reply(session=session, enr=enr, candidate=cand, role=role, intent=res.intent, user=user, tz=tz,
                 today=today, text=touch.text or "", res=res, confirmed=True)
    touch.intent = str(new)
    audit(session=session, team_id=team_id, user_id=user, action=f"relabel:{_CODES[old]}>{_CODES[new]}",
          candidate_id=cand.id)
    session.flush()
    return res


def confirm_do_not_contact(*, session: Session, team_id: str, touch_id: int, user: str, tz: str,
                           now: datetime) -> ReplyResult:
    """The owner confirms a suspected unsubscribe: every sequence stops and the candidate is do-not-contact."""
    touch, enr, cand = _reply_touch(session, team_id, touch_id)
    res = _result(session, enr, cand, touch, Label.UNSUBSCRIBE, local_day(now, tz))
    if cand.do_not_contact:
        raise UserError(f"{cand.name} is already marked do-not-contact.")
    if enr.status == "active":
        enr.status, enr.stop_reason, enr.next_due_at = "replied", str(Label.UNSUBSCRIBE), None
    mark_do_not_contact(session=session, candidate=cand)
    touch.intent = str(Label.UNSUBSCRIBE)
    audit(session=session, team_id=team_id, user_id=user, action="unsubscribe_confirmed", candidate_id=cand.id)
    res.done.append(f"Confirmed by <@{user}>: stopped every sequence for {escape_mrkdwn(cand.name)} and marked them "
                    "*do not contact*.")
    session.flush()
    return res


def reply_owner(*, session: Session, team_id: str, touch_id: int) -> str:
    """The Slack user who owns the sequence a logged reply belongs to (their timezone dates the correction)."""
    _touch, enr, _cand = _reply_touch(session, team_id, touch_id)
    return enr.owner_user_id
