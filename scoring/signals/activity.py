"""Public activity: the latest dated item across sources, and the recency strength and inactive flag."""

from __future__ import annotations

from datetime import date

from scoring.signals.features import Evidence
from scoring.signals.helpers import _clip, _day, _month, _s
from scoring.signals.tuning import INACTIVE_DAYS, PENALTY_INACTIVE, RECENT_DAYS
from scoring.types import Reason


class _Activity:
    """Latest dated public activity (kind + the item, formatted only at the end) and the recent count."""

    __slots__ = ("latest", "kind", "item", "recent")

    def __init__(self) -> None:
        self.latest: date | None = None
        self.kind = ""
        self.item = None
        self.recent = 0

    def describe(self) -> tuple[str, str | None]:
        """What the latest activity was, and its link."""
        it = self.item
        if self.kind == "pr":
            return f"merged PR into {it.repo}", it.url
        if self.kind == "repo":
            return f"pushed {it.name}", it.url
        return f"arXiv paper {it.id}", it.url


def _recency(act: _Activity, today: date, ev: list[Evidence], flags: list[Reason]) -> float:
    if act.latest is None:
        return 0.0
    days = (today - act.latest).days
    what, url = act.describe()
    # "recent contributions ... surfaces candidates who are current and active in the field, not
    # engineers who were active several roles ago" (001_1d3b2ab28759786c.txt); the steps are ours.
    strength = 1.0 if days <= RECENT_DAYS else 0.7 if days <= 180 else 0.4 if days <= 365 else \
        0.15 if days <= INACTIVE_DAYS else 0.0
    when = _day(act.latest, today)
    if days <= RECENT_DAYS:
        text = f"{act.recent} public contribution{_s(act.recent)} in the last 90 days (latest: {what}, {when})"
    else:
        months = days // 30
        ago = f"{months} months ago" if months < 24 else f"{days // 365} years ago"
        text = f"Last public activity {ago}: {what} ({when})"
    if strength > 0:
        ev.append(Evidence(_clip(text), url, (("recency", strength),)))
    if days > INACTIVE_DAYS:
        flags.append(Reason("inactive", PENALTY_INACTIVE,
                            _clip(f"No public activity in {days // 365} years (last: {what}, {_month(act.latest)})"),
                            url))
    return strength
