"""/hirebot settings: show the team's settings; admins change who may use the candidate and salary commands."""

from __future__ import annotations

from typing import Any

from bot.access import service as access
from bot.core.errors import NotPermitted, UserError
from bot.core.models import Team
from bot.core.slack import quick_client
from bot.digests.service import subscriptions
from handlers.common import services, team_of

SETTINGS_EXAMPLE = "/hirebot settings access channels:#hiring-ml users:@sam"


def _settings_text(hb: Any, team_id: str) -> str:
    with hb.db.session() as session:
        rules = access.rules_for(session=session, team_id=team_id)
        team = session.get(Team, team_id)
        digests = subscriptions(session=session, team_id=team_id)
    months = hb.settings.retention_months
    retention = (f"candidates nobody touched for {months} months are forgotten automatically" if months
                 else "candidates stay until someone runs `/candidate forget`")
    lines = [
        "*Hirebot settings for this workspace*",
        access.describe(rules),
        f"*Retention:* {retention}.",
        f"*Daily digests:* {len(digests)} (`/hirebot digest list`).",
        f"*Timezone:* {team.timezone if team else hb.settings.default_timezone}.",
        "_Workspace admins change access with `/hirebot settings access channels:#hiring users:@sam "
        "groups:@recruiters`, `access public:deny`, or `access off` for everyone._",
    ]
    return "\n".join(lines)


def cmd_settings(*, args: list[str], body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """Show the team's settings, or (admins) change access: `access channels:... users:... groups:...`."""
    hb = services(context)
    team_id = team_of(context, body)
    action = args[0].lower() if args else "show"
    if action in ("show", "list"):
        return {"text": _settings_text(hb, team_id)}
    if action != "access":
        raise UserError(f"`settings {action}` is not something I can change; `access` is.", example=SETTINGS_EXAMPLE)
    if len(args) == 1:
        return {"text": _settings_text(hb, team_id)}
    change = access.parse_access(args[1:])  # bad input is explained before anything is asked or written
    user_id = body.get("user_id")
    # Slack waits for this reply: the quick client, so a 429 costs a clear "try again", not a Retry-After sleep.
    if not user_id or not access.is_workspace_admin(quick_client(hb.settings, client), user_id):
        raise NotPermitted("Only workspace admins and owners can change who may use Hirebot. "
                           "`/hirebot settings` shows the current rules.")
    with hb.db.session() as session:
        rules = access.update_rules(session=session, team_id=team_id, change=change, user_id=user_id, now=hb.now())
    access.forget_group_cache()
    return {"text": ":white_check_mark: Access updated.\n" + access.describe(rules)}
