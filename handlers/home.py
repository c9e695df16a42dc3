"""App Home: the reader's due follow-ups and overdue stages first, then pipeline counts per role."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_bolt import App
from sqlalchemy import func, select

from bot.access.service import allowed, rules_for
from bot.candidates import store
from bot.core.ids import ActionId
from bot.core.models import Candidate, Enrollment, PipelineEntry, Role
from bot.core.render import escape_mrkdwn, render, slack_date
from bot.core.teams import ensure_team
from bot.digests.service import subscriptions
from bot.roles.service import list_roles
from handlers.access import anyone
from handlers.common import services, team_of

# Résumé review 72 h, first interview 1 week, decision 48 h (003_0581c08f3eef227e.txt, the hiring clock).
STAGE_LIMITS = {"shortlisted": timedelta(hours=72), "review": timedelta(days=7), "interview": timedelta(hours=48)}


def home_view(*, session: Any, team_id: str, user_id: str, now: Any, team_wide: bool = True) -> dict[str, Any]:
    """The Home tab for one user of one team; `team_wide` False shows only the user's own follow-ups."""
    ensure_team(session=session, team_id=team_id)
    due_rows = session.execute(
        select(Enrollment, Candidate).join(Candidate, Candidate.id == Enrollment.candidate_id)
        .where(Enrollment.team_id == team_id, Enrollment.owner_user_id == user_id, Enrollment.status == "active",
               Enrollment.next_due_at <= now + timedelta(days=1))
        .order_by(Enrollment.next_due_at).limit(15)).all()
    due = [f"• Step {e.current_step} to *{escape_mrkdwn(c.name)}*: {slack_date(e.next_due_at.timestamp(), '{date_short_pretty}')}"
           for e, c in due_rows]
    overdue: list[str] = []
    if not team_wide:
        return render("home/home.json.j2", due=due[:15], overdue=[], pipeline=[],
                      digests_text="This workspace keeps candidates to its hiring channels and people; "
                                   "ask a workspace admin (`/hirebot settings`) to add you.")
    for entry, cand, role in session.execute(
            select(PipelineEntry, Candidate, Role).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
            .join(Role, Role.id == PipelineEntry.role_id)
            .where(PipelineEntry.team_id == team_id, PipelineEntry.stage.in_(list(STAGE_LIMITS)))
            .order_by(PipelineEntry.stage_entered_at).limit(200)):
        limit = STAGE_LIMITS[entry.stage]
        if now - entry.stage_entered_at > limit:
            hours = int((now - entry.stage_entered_at - limit).total_seconds() // 3600)
            overdue.append(f"• *{escape_mrkdwn(cand.name)}* ({escape_mrkdwn(role.slug)}): {entry.stage}, {hours} h past the deadline")
    counts: dict[int, dict[str, int]] = {}
    for role_id, stage, n in session.execute(
            select(PipelineEntry.role_id, PipelineEntry.stage, func.count()).where(PipelineEntry.team_id == team_id)
            .group_by(PipelineEntry.role_id, PipelineEntry.stage)):
        counts.setdefault(role_id, {})[stage] = n
    pipeline = []
    for role in list_roles(session=session, team_id=team_id):
        if role.id in counts:
            c = counts[role.id]
            pipeline.append({"title": escape_mrkdwn(role.title),
                             "counts_text": " · ".join(f"{s} {c[s]}" for s in store.STAGES if c.get(s))})
    subs = subscriptions(session=session, team_id=team_id)
    digests = ("Digests: " + ", ".join(f"<#{s.channel_id}> {s.local_time} {s.timezone}" for s in subs)) if subs else \
        "No daily digest yet: `/hirebot digest here 09:00` in a private hiring channel."
    return render("home/home.json.j2", due=due[:15], overdue=overdue[:15], pipeline=pipeline, digests_text=digests)


def publish_home(client: Any, context: Any, user_id: str, body: dict[str, Any]) -> None:
    """Render and publish the Home tab."""
    hb = services(context)
    team_id = team_of(context, body)

    with hb.db.session() as session:
        rules = rules_for(session=session, team_id=team_id)
        team_wide = allowed(rules, team_id=team_id, user_id=user_id, channel_id=None, client=client)
        view = home_view(session=session, team_id=team_id, user_id=user_id, now=hb.now(), team_wide=team_wide)
    client.views_publish(user_id=user_id, view=view)


def handle_home_opened(event: dict[str, Any], client: Any, context: Any, body: dict[str, Any]) -> None:
    """app_home_opened: publish the Home tab (only the Home tab, not the Messages tab)."""
    if event.get("tab", "home") == "home":
        publish_home(client, context, event["user"], body)


def handle_refresh(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    """The Refresh button."""
    ack()
    publish_home(client, context, body["user"]["id"], body)


def register(app: App) -> None:
    """Register the Home tab listeners."""
    app.event("app_home_opened", middleware=[anyone])(handle_home_opened)
    app.action(ActionId.HOME_REFRESH, middleware=[anyone])(handle_refresh)
