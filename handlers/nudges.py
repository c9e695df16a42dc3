"""The owner's nudge DM: Mark sent, Snooze, Stop, the Log reply modal, and a logged reply's Change label / confirm."""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any

from slack_bolt import App
from slack_sdk.webhook import WebhookClient

from bot.core.errors import UserError
from bot.core.ids import ActionId, CallbackId
from bot.core.render import escape_mrkdwn, render, slack_date
from bot.outreach import corrections, uploads
from bot.outreach import service as outreach
from bot.outreach.messages import nudge_message, reply_message
from handlers.access import anyone
from handlers.common import nudge_value, services, team_of
from handlers.outreach import after_reply, owner_of, salary_blocks, user_of

log = logging.getLogger(__name__)


# -- the nudge buttons ----------------------------------------------------------------------------
def _outcome_blocks(body: dict[str, Any], prefix: str, outcome: str) -> list[dict[str, Any]] | None:
    """The clicked message's blocks with its buttons replaced by the outcome (None for an ephemeral message)."""
    blocks = (body.get("message") or {}).get("blocks") or []
    if not any(b.get("block_id") == prefix + "-act" for b in blocks):
        return None
    done = {"type": "context", "block_id": f"{prefix}-done-{int(time.time())}",
            "elements": [{"type": "mrkdwn", "text": outcome}]}
    return [done if b.get("block_id") == prefix + "-act" else b for b in blocks]


def _nudge_click(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any, action: str) -> None:
    ack()
    hb = services(context)
    team_id = team_of(context, body)
    user = user_of(body)
    enr_id, step = nudge_value(body["actions"][0].get("value") or "")
    now = hb.now()
    with hb.db.session() as session:
        enr, _cand = outreach.load_enrollment(session=session, team_id=team_id, enrollment_id=enr_id)
        owner = owner_of(hb, client, enr.owner_user_id, session=session, team_id=team_id)
        try:
            if action == "sent":
                outcome = outreach.mark_sent(session=session, enr=enr, step=step, user=user, tz=owner.tz, now=now)
            elif action == "snooze":
                outcome = outreach.snooze(session=session, enr=enr, step=step, user=user, tz=owner.tz, now=now)
            else:
                outcome = outreach.stop(session=session, enr=enr, user=user, now=now)
        except outreach.StaleClick as exc:
            outcome = "ℹ️ " + exc.message
        blocks = _outcome_blocks(body, f"nudge-{enr_id}-{step}", outcome)
        if blocks is not None:
            message = {"text": (body.get("message") or {}).get("text") or outcome, "blocks": blocks}
        else:
            message = nudge_message(session=session, enr=enr, step=step, owner=owner, now=now, outcome=outcome)
    respond(replace_original=True, **message)


def handle_sent(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """Mark sent: record the touch, schedule the next step."""
    _nudge_click(ack, body, context, client, respond, "sent")


def handle_snooze(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """Snooze 1 day: the step comes back the next business day."""
    _nudge_click(ack, body, context, client, respond, "snooze")


def handle_stop(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """Stop (after Slack's confirm dialog): no more follow-ups."""
    _nudge_click(ack, body, context, client, respond, "stop")


def handle_log_reply_click(ack: Any, body: dict[str, Any], context: Any, client: Any) -> None:
    """Log reply…: open the modal with the click's trigger_id."""
    ack()
    hb = services(context)
    team_id = team_of(context, body)
    enr_id, step = nudge_value(body["actions"][0].get("value") or "")
    with hb.db.session() as session:
        _enr, cand = outreach.load_enrollment(session=session, team_id=team_id, enrollment_id=enr_id)
        name = escape_mrkdwn(cand.name)
    meta = {"e": enr_id, "s": step, "r": body.get("response_url")}
    if len(json.dumps(meta)) > 3000:
        meta.pop("r")
    client.views_open(trigger_id=body["trigger_id"],
                      view=render("outreach/log_reply_modal.json.j2", name=name, metadata=json.dumps(meta), result_blocks=None))


def _form_metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The log-reply modal's private_metadata ({"e": enrollment, "s": step, "r": response_url}), checked."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, RecursionError):
        meta = None
    if not (isinstance(meta, dict) and all(type(meta.get(k, 0)) is int and 0 <= meta.get(k, 0) < 2**63
                                           for k in ("e", "s")) and isinstance(meta.get("r", ""), str)):
        log.warning("malformed private_metadata on a log-reply form")
        raise UserError("This form is from an older Hirebot message; click *Log reply* on the nudge again.")
    return meta


def _log(hb: Any, client: Any, team_id: str, user: str, meta: dict[str, Any], text: str,
         eml: bytes | None = None) -> tuple[dict[str, Any], dict[str, Any] | None, outreach.ReplyResult]:
    """Read and act on a reply (pasted text or .eml bytes): the result modal, the nudge's new buttons, the result."""
    now = hb.now()
    with hb.db.session() as session:
        enr, cand = outreach.load_enrollment(session=session, team_id=team_id, enrollment_id=int(meta.get("e", 0)))
        owner = owner_of(hb, client, enr.owner_user_id, session=session, team_id=team_id)
        res = outreach.log_reply(session=session, enr=enr, candidate=cand, text=text, user=user, tz=owner.tz, now=now,
                                 eml=eml)
        extra = salary_blocks(session, team_id, res, in_modal=True) if res.intent.label == "compensation" else []
        result = reply_message(res, logged_by=user, extra_blocks=extra)
        update = None
        if meta.get("r"):
            outcome = (f"💬 Reply logged by <@{user}>, read as *{str(res.intent.label).replace('_', ' ')}*, "
                       f"{slack_date(now.timestamp())}: {escape_mrkdwn(res.intent.next_step)}")
            update = nudge_message(session=session, enr=enr, step=int(meta.get("s", enr.current_step)),
                                            owner=owner, now=now, outcome=outcome)
    view = render("outreach/log_reply_modal.json.j2", name=escape_mrkdwn(cand.name), metadata="{}",
                  result_blocks=result["blocks"])
    return view, update, res


def _log_uploaded(hb: Any, client: Any, team_id: str, user: str, meta: dict[str, Any], view_id: str, file_id: str) -> None:
    """Background: fetch the uploaded .eml from Slack, read it, and show the result in the modal."""
    try:
        view, update, res = _log(hb, client, team_id, user, meta, "", eml=uploads.fetch_eml(client, file_id))
    except Exception as exc:  # the modal must not stay on "Reading…": say what happened, log the rest
        if not isinstance(exc, UserError):
            log.exception("reading an uploaded reply failed")
        why = exc.message if isinstance(exc, UserError) else (
            "Could not read the uploaded email; nothing was logged. Try again, or paste it with `/outreach reply`.")
        note = [{"type": "section", "text": {"type": "mrkdwn", "text": why[:3000]}}]
        client.views_update(view_id=view_id, view=render("outreach/log_reply_modal.json.j2", name="", metadata="{}",
                                                         result_blocks=note))
        return
    client.views_update(view_id=view_id, view=view)
    if update is not None:
        _replace_original(meta["r"], update)
    after_reply(hb, res)


def handle_log_reply_submit(ack: Any, body: dict[str, Any], context: Any, client: Any) -> None:
    """The modal's submit: classify and act, show the result in the modal, replace the nudge's buttons."""
    hb = services(context)
    team_id = team_of(context, body)
    user = user_of(body)
    view = body["view"]
    meta = _form_metadata(view)
    values = (view.get("state") or {}).get("values") or {}
    value = (values.get("input") or {}).get("reply_text") or {}
    text = (value.get("value") or "").strip()
    file_id = uploads.uploaded_file_id(values)
    if not text and not file_id:
        ack(response_action="errors", errors={"input": "Paste their reply, or upload the email as an .eml file."})
        return
    if file_id:  # fetching the file is network work: answer now with a "reading" view, finish after the ack
        reading = [{"type": "section", "text": {"type": "mrkdwn", "text": "Reading the email you uploaded…"}}]
        ack(response_action="update", view=render("outreach/log_reply_modal.json.j2", name="", metadata="{}",
                                                  result_blocks=reading, reading=True))
        hb.background.submit(_log_uploaded, hb, client, team_id, user, meta, str(view.get("id") or ""), file_id)
        return
    result_view, update, res = _log(hb, client, team_id, user, meta, text)
    ack(response_action="update", view=result_view)
    if update is not None:
        hb.background.submit(_replace_original, meta["r"], update)
    after_reply(hb, res)


def _reply_click(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any, action: str) -> None:
    ack()
    hb = services(context)
    team_id = team_of(context, body)
    user = user_of(body)
    clicked = body["actions"][0]
    value = clicked.get("value") or (clicked.get("selected_option") or {}).get("value") or ""
    head, _, label = value.partition(":")
    if not re.fullmatch(r"[0-9]{1,12}", head):  # ASCII digits within a database id's range
        raise UserError("That button is from an older Hirebot message; run `/outreach status`.")
    now = hb.now()
    with hb.db.session() as session:
        owner_id = corrections.reply_owner(session=session, team_id=team_id, touch_id=int(head))
        owner = owner_of(hb, client, owner_id, session=session, team_id=team_id)
        if action == "relabel":
            res = corrections.relabel_reply(session=session, team_id=team_id, touch_id=int(head), label=label,
                                            user=user, tz=owner.tz, now=now)
        else:
            res = corrections.confirm_do_not_contact(session=session, team_id=team_id, touch_id=int(head), user=user,
                                                     tz=owner.tz, now=now)
        in_modal = bool(body.get("view"))
        extra = salary_blocks(session, team_id, res, in_modal=in_modal) if res.intent.label == "compensation" else []
        message = reply_message(res, logged_by=user, extra_blocks=extra)
    if in_modal:
        # The Log reply modal shows the corrected reading in place.
        client.views_update(view_id=body["view"]["id"],
                            view=render("outreach/log_reply_modal.json.j2", name=escape_mrkdwn(res.candidate_name),
                                        metadata="{}", result_blocks=message["blocks"]))
    else:
        respond(replace_original=True, **message)
    after_reply(hb, res)


def handle_relabel(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """Change label: the owner's reading replaces Hirebot's; the sequence and pipeline follow; audited."""
    _reply_click(ack, body, context, client, respond, "relabel")


def handle_confirm_unsubscribe(ack: Any, body: dict[str, Any], context: Any, client: Any, respond: Any) -> None:
    """Mark do not contact: the owner confirms a stop request Hirebot only suspected."""
    _reply_click(ack, body, context, client, respond, "confirm")


def _replace_original(response_url: str, message: dict[str, Any]) -> None:

    WebhookClient(response_url).send(replace_original=True, text=message["text"], blocks=message["blocks"])


def register(app: App) -> None:
    """Register the nudge buttons and the Log reply modal."""
    # Nudge buttons and the Log reply modal live in the owner's own DM: the work is already theirs.
    app.action(ActionId.NUDGE_SENT, middleware=[anyone])(handle_sent)
    app.action(ActionId.NUDGE_SNOOZE, middleware=[anyone])(handle_snooze)
    app.action(ActionId.NUDGE_STOP, middleware=[anyone])(handle_stop)
    app.action(ActionId.NUDGE_LOG_REPLY, middleware=[anyone])(handle_log_reply_click)
    app.view(CallbackId.LOG_REPLY, middleware=[anyone])(handle_log_reply_submit)
    # The logged reply's buttons appear only to whoever logged it: in the owner's DM modal or in the
    # ephemeral answer to their own /outreach reply (itself hiring-team only).
    app.action(ActionId.REPLY_RELABEL, middleware=[anyone])(handle_relabel)
    app.action(ActionId.REPLY_CONFIRM_UNSUBSCRIBE, middleware=[anyone])(handle_confirm_unsubscribe)
