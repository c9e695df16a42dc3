"""The Home tab view, as data for templates/home/home.json.j2 (which escapes, links and dates)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.core.people import known_people
from bot.core.render import render
from bot.home.service import SHOWN, home_data
from bot.notify.messages import home_section
from bot.notify.prefs import get_prefs


def home_view(*, session: Session, team_id: str, user_id: str, now: datetime, team_wide: bool = True,
              tz: str | None = None) -> dict[str, Any]:
    """The Home tab for one user of one team; `team_wide` False shows only the user's own follow-ups.
    `tz`: the reader's Slack timezone, when the caller just asked (else the one remembered)."""
    prefs = get_prefs(session=session, team_id=team_id, user_id=user_id)
    known = known_people(session=session, team_id=team_id).get(user_id)
    tz = tz or prefs.tz or (known.tz if known else "UTC")
    home = home_data(session=session, team_id=team_id, user_id=user_id, now=now, team_wide=team_wide)
    return render("home/home.json.j2", team_wide=home.team_wide,
                  due=[{"step": d.step, "name": d.name, "due_at": d.due_at} for d in home.due[:SHOWN]],
                  overdue=[{"name": o.name, "role": o.role_slug, "stage": o.stage, "hours": o.hours_late}
                           for o in home.overdue[:SHOWN]],
                  pipeline=[{"title": p.title, "counts": [{"stage": s, "n": n} for s, n in p.counts]} for p in home.pipeline],
                  digests=[{"channel_id": s.channel_id, "local_time": s.local_time, "timezone": s.timezone}
                           for s in home.digests],
                  notify=home_section(prefs, tz=tz, now=now))
