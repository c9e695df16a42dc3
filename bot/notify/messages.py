"""What Slack shows for notifications: the new-work DM, the summary DM, the Home section, the quiet-hours modal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.candidates.messages import person
from bot.core.models import Candidate, NewWorkAlert, Role
from bot.core.render import render
from bot.notify.newwork import MAX_ITEMS, REASONS, headline
from bot.notify.prefs import DAYS, LABELS, Kind, Mode, Prefs, days_text

MODE_TEXT = {Mode.NOW: "DM now", Mode.SUMMARY: "Daily summary", Mode.OFF: "Off"}
SNOOZE_CHOICES = (("1", "1 day"), ("3", "3 days"), ("7", "1 week"), ("14", "2 weeks"), ("0", "Resume now"))
SUMMARY_LINES = 40


def newwork_data(*, session: Session, alert: NewWorkAlert) -> dict[str, Any] | None:
    """The alert as template data (also one digest line); None when the candidate is gone or do-not-contact."""
    cand = session.get(Candidate, alert.candidate_id)
    if cand is None or cand.do_not_contact:
        return None
    role = session.get(Role, alert.role_id) if alert.role_id else None
    items = [i for i in (alert.items or []) if isinstance(i, dict)][:MAX_ITEMS]
    return {"cand": person(cand), "what": headline(items), "reason": REASONS.get(alert.reason, alert.reason),
            "items": [{"kind": i.get("kind"), "title": str(i.get("title") or ""), "url": i.get("url")} for i in items],
            "role": {"id": role.id, "title": role.title} if role else None,
            "value": f"{cand.id}|{role.id if role else 0}|"}


def newwork_message(*, session: Session, alert_id: int) -> dict[str, Any] | None:
    """The owner's DM about a known candidate's new work, with the links and a Re-engage button."""
    alert = session.get(NewWorkAlert, alert_id)
    data = newwork_data(session=session, alert=alert) if alert is not None else None
    if data is None:
        return None
    return render("notify/newwork.json.j2", block_prefix=f"newwork-{alert_id}", **data)


def summary_message(items: list[dict[str, Any]]) -> dict[str, Any]:
    """One DM for what would have been several: lines grouped by kind, at most SUMMARY_LINES."""
    shown = items[:SUMMARY_LINES]
    groups: list[dict[str, Any]] = []
    for kind in Kind:
        lines = [i["line"] for i in shown if i.get("pref") == kind.value and i.get("line")]
        if lines:
            groups.append({"label": LABELS[kind], "lines": lines})
    other = [i["line"] for i in shown if i.get("pref") not in set(Kind) and i.get("line")]
    if other:
        groups.append({"label": "Other", "lines": other})
    return render("notify/summary.json.j2", groups=groups, count=len(items), more=len(items) - len(shown))


def quiet_text(p: Prefs) -> str:
    """'20:00–08:00 · quiet days Sat, Sun' or 'none'."""
    parts = []
    if p.quiet_start and p.quiet_end and p.quiet_start != p.quiet_end:
        parts.append(f"{p.quiet_start}–{p.quiet_end}")
    if p.quiet_days:
        parts.append("quiet days " + days_text(p.quiet_days))
    return " · ".join(parts) or "none"


def home_section(p: Prefs, *, tz: str, now: datetime) -> dict[str, Any]:
    """Data for the Home tab's Notifications section (templates/home/_notify.j2)."""
    return {"tz": tz, "summary_time": p.summary_time, "quiet": quiet_text(p),
            "snoozed_until": p.snooze_until if p.snooze_until and p.snooze_until > now else None,
            "kinds": [{"kind": k.value, "label": LABELS[k], "mode": p.mode(k).value} for k in Kind],
            "modes": [{"value": m.value, "text": MODE_TEXT[m]} for m in Mode],
            "snooze": [{"value": v, "text": t} for v, t in SNOOZE_CHOICES]}


def status_text(p: Prefs, *, tz: str, now: datetime) -> str:
    """`/hirebot notify`: every choice on a few lines."""
    lines = [f"*Your notifications* (times in {tz})"]
    lines += [f"• {LABELS[k]}: {MODE_TEXT[p.mode(k)]}" for k in Kind]
    lines.append(f"• Summary at {p.summary_time} · quiet hours: {quiet_text(p)}")
    if p.snooze_until and p.snooze_until > now:
        lines.append(f"• Snoozed until <!date^{int(p.snooze_until.timestamp())}^{{date_short_pretty}} at {{time}}|"
                     f"{p.snooze_until:%Y-%m-%d %H:%M} UTC>")
    lines.append("Escalations always reach the hiring channel; yours is a DM copy. Change: "
                 "`/hirebot notify nudges summary`, `/hirebot notify quiet 20:00-08:00`, `/hirebot notify snooze 7`.")
    return "\n".join(lines)


def quiet_modal(p: Prefs, *, tz: str) -> dict[str, Any]:
    """The quiet-hours modal: start, end, quiet days, summary time."""
    return render("notify/quiet_modal.json.j2", tz=tz, start=p.quiet_start, end=p.quiet_end,
                  days=[{"value": str(i), "text": d.capitalize(), "on": i in p.quiet_days} for i, d in enumerate(DAYS)],
                  summary_time=p.summary_time)


NEWS_IN_DIGEST = 3


def digest_news(*, session: Session, team_id: str, role_ids: list[int], every_role: bool, since: datetime,
                now: datetime) -> list[dict[str, Any]]:
    """New-work alerts for a digest: created since its last post, for its roles (or any, for an every-role digest)."""
    q = (select(NewWorkAlert).where(NewWorkAlert.team_id == team_id, NewWorkAlert.created_at >= since,
                                    NewWorkAlert.created_at <= now)
         .order_by(NewWorkAlert.created_at, NewWorkAlert.id))
    if not every_role:
        q = q.where(NewWorkAlert.role_id.in_(role_ids))
    out = []
    for alert in session.scalars(q):
        data = newwork_data(session=session, alert=alert)
        if data is not None:
            out.append(data | {"alert_id": alert.id})
    return out[:NEWS_IN_DIGEST]
