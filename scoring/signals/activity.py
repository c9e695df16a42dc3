"""Public activity: the latest dated item, the recency strength (ML work only) and the inactive flag."""

from __future__ import annotations

from datetime import date

from scoring.signals.features import Evidence
from scoring.signals.helpers import _clip, _day, _month, _s
from scoring.signals.tuning import INACTIVE_DAYS, PENALTY_INACTIVE, RECENT_DAYS
from scoring.types import Reason


class _Activity:
    """Latest dated public activity, of any kind and of ML work (kind + item, formatted at the end)."""

    __slots__ = ("latest", "kind", "item", "recent", "ml_latest", "ml_kind", "ml_item", "ml_recent", "cut",
                 "ml_tags")

    def __init__(self, today: date | None = None, cut: date | None = None) -> None:
        self.latest: date | None = None
        self.kind = ""
        self.item = None
        self.recent = 0
        self.ml_latest: date | None = None
        self.ml_kind = ""
        self.ml_item = None
        self.ml_recent = 0
        self.cut = cut
        self.ml_tags: dict[str, date] = {}  # kind of ML work (evidence tag) -> its latest date

    def note(self, d: date | None, kind: str, item, key: str, *, ml: str | None, today: date) -> None:
        """Record one dated item (`ml`: its evidence tag when it is ML work); equal dates keep the smallest
        key, so input order never matters."""
        if d is None or d > today:
            return
        recent = self.cut is not None and d >= self.cut
        if recent:
            self.recent += 1
        if self.latest is None or d > self.latest or (d == self.latest and key < _key(self.kind, self.item)):
            self.latest, self.kind, self.item = d, kind, item
        if ml:
            if self.ml_tags.get(ml, date.min) < d:
                self.ml_tags[ml] = d
            if recent:
                self.ml_recent += 1
            if self.ml_latest is None or d > self.ml_latest or (
                    d == self.ml_latest and key < _key(self.ml_kind, self.ml_item)):
                self.ml_latest, self.ml_kind, self.ml_item = d, kind, item

    def describe(self, ml: bool = False) -> tuple[str, str | None]:
        """What the latest (ML) activity was, and its link."""
        kind, it = (self.ml_kind, self.ml_item) if ml else (self.kind, self.item)
        if kind == "pr":
            return f"merged PR into {it.repo}", it.url or f"https://github.com/{it.repo}"
        if kind == "repo":
            return f"pushed {it.name}", it.url
        return f"arXiv paper {it.id}", it.url


def _key(kind: str, item) -> str:
    if item is None:
        return "~"
    if kind == "pr":
        return item.url or item.repo
    if kind == "repo":
        return item.name
    return item.id


def _recency(act: _Activity, today: date, ev: list[Evidence], flags: list[Reason]) -> float:
    """Recency of ML work (what a role can use): 1 within 90 days, stepping down to 0 after two years;
    "recent contributions ... surfaces candidates who are current and active in the field, not
    engineers who were active several roles ago" (001_1d3b2ab28759786c.txt); the steps are ours.
    The inactive flag reads any public activity."""
    strength = 0.0
    if act.ml_latest is not None:
        days = (today - act.ml_latest).days
        what, url = act.describe(ml=True)
        strength = 1.0 if days <= RECENT_DAYS else 0.7 if days <= 180 else 0.4 if days <= 365 else \
            0.15 if days <= INACTIVE_DAYS else 0.0
        when = _day(act.ml_latest, today)
        if days <= RECENT_DAYS:
            n = act.ml_recent
            text = f"{n} public ML contribution{_s(n)} in the last 90 days (latest: {what}, {when})"
        else:
            months = days // 30
            ago = f"{months} months ago" if months < 24 else f"{days // 365} years ago"
            text = f"Last public ML work {ago}: {what} ({when})"
        if strength > 0:
            # filed under the kinds of work done lately, so a role counts it as far as that work is its own
            since = min(act.ml_latest, act.cut) if act.cut else act.ml_latest
            tags = sorted(t for t, d in act.ml_tags.items() if d >= since)
            ev.append(Evidence(_clip(text), url, tuple((f"recency:{t}", strength) for t in tags)))
    if act.latest is not None:
        days = (today - act.latest).days
        if days > INACTIVE_DAYS:
            what, url = act.describe()
            text = f"No public activity in {days // 365} years (last: {what}, {_month(act.latest)})"
            flags.append(Reason("inactive", PENALTY_INACTIVE, _clip(text), url))
    return strength
