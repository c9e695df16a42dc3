"""/outreach sequence|channel|pitch: the team-level outreach settings (steps, escalation channel, pitch)."""

from __future__ import annotations

from typing import Any

from bot.core.errors import UserError
from bot.core.render import escape_mrkdwn
from bot.core.slack import quick_client
from bot.core.teams import team_settings, update_team_settings
from bot.core.text import key_values
from bot.deadlines.service import SETTING_CHANNEL, channel_is_public
from bot.outreach.drafts import PITCH_FIELDS, pitch_of
from bot.outreach.sequences import get_sequence, list_sequences, parse_days, set_sequence, steps_text
from handlers.common import services, team_of


def cmd_sequence(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """List, show or set sequences: `/outreach sequence set <name> days:0,3,7,14,21 [templates:...]`."""
    hb = services(context)
    team_id = team_of(context, body)
    action = args[0].lower() if args else "list"
    rest = args[1:]
    with hb.db.session() as session:
        if action == "list":
            seqs = list_sequences(session=session, team_id=team_id)
            lines = [f"• `{s.name}`: {len(s.steps)} steps · {steps_text(s)}" for s in seqs]
            return {"text": "*Sequences* (business days after the start)\n" + "\n".join(lines)
                            + "\n_`/outreach sequence set <name> days:0,3,7,14,21` to add or change one._"}
        if action == "show":
            if not rest:
                raise UserError("Say which sequence.", example="/outreach sequence show default")
            s = get_sequence(session=session, team_id=team_id, name=rest[0])
            lines = [f"{st.position}. day {st.day_offset} · draft `{st.template}`" for st in s.steps]
            return {"text": f"*Sequence `{s.name}`* (business days after the start, in the owner's timezone)\n"
                            + "\n".join(lines)}
        if action == "set":
            positional, named = key_values(rest, {"days", "templates"})
            if len(positional) != 1 or "days" not in named:
                raise UserError("Say the sequence name and its days.", example="/outreach sequence set default days:0,3,7,14,21")
            offsets = parse_days(named["days"][-1])
            templates = [t.strip() for t in named["templates"][-1].split(",") if t.strip()] if "templates" in named else None
            s = set_sequence(session=session, team_id=team_id, name=positional[0], offsets=offsets,
                                      templates=templates)
            return {"text": f"Sequence `{s.name}` now has {len(s.steps)} steps: {steps_text(s)}. "
                            "Active sequences follow it from their next step."}
    raise UserError(f"`sequence {action}` is not something I can do: list, show or set.", example="/outreach sequence list")


def cmd_channel(*, args: list[str], body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """Where stage-deadline escalations go: `/outreach channel here|off`."""

    hb = services(context)
    team_id = team_of(context, body)
    action = args[0].lower() if args else "show"
    channel = body.get("channel_id") or ""
    # Slack waits for this reply: the quick client (no Retry-After sleeps), asked before any write is open.
    public = action == "here" and channel_is_public(quick_client(hb.settings, client), channel)
    with hb.db.session() as session:
        if action == "here":
            update_team_settings(session=session, team_id=team_id, **{SETTING_CHANNEL: channel})
            note = (" It is public, so escalations here say how many candidates are late and whose they are, "
                    "never who." if public else "")
            return {"text": f"Stage-deadline escalations go to <#{channel}> now.{note}"}
        if action == "off":
            update_team_settings(session=session, team_id=team_id, **{SETTING_CHANNEL: None})
            return {"text": "Escalations are off; owners still get their overdue DMs."}
        if action == "show":
            current = team_settings(session=session, team_id=team_id).get(SETTING_CHANNEL)
            return {"text": (f"Escalations go to <#{current}>." if current else "No hiring channel yet.")
                            + " `/outreach channel here` sets it; `off` stops escalations."}
    raise UserError(f"`channel {action}` is not something I can do: here, off or show.", example="/outreach channel here")


def cmd_pitch(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """The team's pitch that drafts use: company, problem, people, purpose, product."""
    hb = services(context)
    team_id = team_of(context, body)
    example = '/outreach pitch company:"Acme" problem:"cutting LLM inference cost for 40M users"'
    with hb.db.session() as session:
        if args and args[0].lower() == "clear":
            update_team_settings(session=session, team_id=team_id, pitch=None)
            return {"text": "Cleared the pitch; drafts show [brackets] to fill in."}
        if args:
            positional, named = key_values(args, set(PITCH_FIELDS))
            if positional:
                raise UserError("I can't tell what " + ", ".join(f"`{p}`" for p in positional) + " is. Use "
                                + ", ".join(f"{f}:\"...\"" for f in PITCH_FIELDS) + ".", example=example)
            given = {k: v[-1][:300] for k, v in named.items()}
            # Merged into the locked, fresh pitch: fields a teammate set meanwhile are kept.
            pitch = update_team_settings(session=session, team_id=team_id,
                                                  pitch=lambda current: dict(current or {}) | given)["pitch"]
        else:
            settings = team_settings(session=session, team_id=team_id)
            pitch = settings.get("pitch") or {}
    filled, missing = pitch_of({"pitch": pitch})
    lines = [f"• *{k}*: {escape_mrkdwn(filled[k])}" for k in PITCH_FIELDS]
    tail = (f"\nStill open: {', '.join(missing)}. Example: `{example}`" if missing else "")
    return {"text": "*The team's pitch* (the 4 P's the drafts use: people, passion, purpose, products)\n"
                    + "\n".join(lines) + tail}
