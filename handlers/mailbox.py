"""`/outreach mailbox connect|status|disconnect`, the connect modal, and Review & send… on the nudge DM.

Logins and sends are slow (seconds): the modal's submit acks with a "checking…" or "sending…" view and
the background pool updates it with the outcome.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import App
from slack_sdk.webhook import WebhookClient

from bot.core.config import SettingError
from bot.core.crypto import cipher_from_settings
from bot.core.errors import UserError
from bot.core.ids import ActionId, CallbackId
from bot.core.models import Enrollment, SentMail
from bot.core.people import Person, known_people, lookup_person, remember_person
from bot.core.render import escape_mrkdwn, slack_date
from bot.core.services import Services
from bot.mail import messages as mail_messages
from bot.mail import service as mailboxes
from bot.mail.jobs import send_steps
from bot.mail.logins import PasswordLogin
from bot.mail.sending import queue_step
from bot.mail.transport import MailboxConfig, MailLoginError, check_security, probe
from bot.outreach import service as outreach
from bot.outreach.messages import nudge_message
from handlers.access import anyone
from handlers.common import nudge_value, services, team_of

log = logging.getLogger(__name__)

EXAMPLE = "/outreach mailbox connect"
FIELDS = ("address", "smtp_host", "smtp_port", "smtp_security", "imap_host", "imap_port", "imap_security", "username",
          "password")


def _user(body: dict[str, Any]) -> str:
    return body.get("user_id") or (body.get("user") or {}).get("id") or "unknown"


def _person(hb: Services, client: Any, team_id: str, user_id: str) -> Person:
    with hb.db.session() as session:
        known = known_people(session=session, team_id=team_id).get(user_id)
        if known is not None:
            return known
        found = lookup_person(client, user_id, hb.settings.default_timezone) if client is not None else None
        if found is not None:
            remember_person(session=session, team_id=team_id, who=found)
        return found or Person(user_id, hb.settings.default_timezone)


# -- /outreach mailbox ----------------------------------------------------------------------------
def cmd_mailbox(*, args: list[str], body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """`/outreach mailbox connect|status|disconnect`."""
    hb = services(context)
    team_id, user = team_of(context, body), _user(body)
    verb = args[0].lower() if args else "status"
    if verb == "connect":
        try:
            cipher_from_settings(hb.settings, why=mailboxes.WHY)
        except SettingError as exc:
            raise UserError(f"Hirebot can't store a mailbox password yet: {exc} Ask whoever runs Hirebot.") from None
        client.views_open(trigger_id=body["trigger_id"], view=mail_messages.connect_modal())
        return {"text": "Fill in the form that just opened; Hirebot logs in before saving anything."}
    if verb == "status":
        now = hb.now()
        owner = _person(hb, client, team_id, user)
        with hb.db.session() as session:
            status = mailboxes.mailbox_status(session=session, settings=hb.settings, team_id=team_id, owner=user,
                                              day_start=mailboxes.day_start(now, owner.tz))
            return mail_messages.status_message(status)
    if verb == "disconnect":
        with hb.db.session() as session:
            address = mailboxes.disconnect(session=session, team_id=team_id, owner=user)
        if address is None:
            return {"text": "You have no mailbox connected, so there is nothing to disconnect."}
        return {"text": f"Disconnected {escape_mrkdwn(address)}: its password is deleted and steps waiting to go out "
                        "from it are cancelled. Steps are back to sending by hand (Mark sent)."}
    raise UserError(f"`/outreach mailbox` has no `{args[0]}`: it takes connect, status or disconnect.", example=EXAMPLE)


def _values(view: dict[str, Any]) -> dict[str, str]:
    state = (view.get("state") or {}).get("values") or {}
    out = {}
    for name in FIELDS:
        element = (state.get(name) or {}).get("value") or {}
        out[name] = str((element.get("selected_option") or {}).get("value") or element.get("value") or "").strip()
    return out


def _config(values: dict[str, str]) -> tuple[MailboxConfig | None, dict[str, str]]:
    """The config the form describes, or the errors to show beside its fields."""
    errors: dict[str, str] = {}
    if "@" not in values["address"]:
        errors["address"] = "An email address, like sam@example.com."
    ports = {}
    for name in ("smtp_port", "imap_port"):
        raw = values[name]
        if not raw.isdigit() or not 0 < int(raw) < 65536:
            errors[name] = f"A port number such as {'587' if name == 'smtp_port' else '993'}, not {raw!r}."
        else:
            ports[name] = int(raw)
    for name in ("smtp_host", "imap_host", "username", "password"):
        if not values[name]:
            errors[name] = "Needed to log in."
    for host, sec, what in (("smtp_host", "smtp_security", "SMTP"), ("imap_host", "imap_security", "IMAP")):
        try:
            check_security(values[host], values[sec] or "starttls", what)
        except MailLoginError as exc:
            errors.setdefault(host, exc.message[:150])
    if errors:
        return None, errors
    return MailboxConfig(address=values["address"], smtp_host=values["smtp_host"], smtp_port=ports["smtp_port"],
                         smtp_security=values["smtp_security"] or "starttls", imap_host=values["imap_host"],
                         imap_port=ports["imap_port"], imap_security=values["imap_security"] or "ssl",
                         login=PasswordLogin(values["username"], values["password"])), {}


def _check_and_save(hb: Services, client: Any, team_id: str, user: str, view_id: str, cfg: MailboxConfig,
                    values: dict[str, str]) -> None:
    """Background: log in to both servers; save only when both work; show the outcome in the modal."""
    try:
        found = probe(cfg)
        with hb.db.session() as session:
            mailboxes.save_mailbox(session=session, settings=hb.settings, team_id=team_id, owner=user, cfg=cfg, probe=found)
        done = (f"✅ Connected *{escape_mrkdwn(cfg.address)}*: both logins worked. Review & send… on your next "
                "nudge sends it from this address, and replies to it are caught by themselves.")
        view = mail_messages.connect_modal(done=done)
    except MailLoginError as exc:
        view = mail_messages.connect_modal(values={k: v for k, v in values.items() if k != "password"}, error=exc.message)
    client.views_update(view_id=view_id, view=view)


def handle_connect_submit(ack: Any, body: dict[str, Any], context: Any, client: Any) -> None:
    """The connect modal's submit: check the fields, ack 'checking…', log in from the background pool."""
    hb = services(context)
    team_id, user = team_of(context, body), _user(body)
    values = _values(body["view"])
    cfg, errors = _config(values)
    if cfg is None:
        ack(response_action="errors", errors=errors)
        return
    ack(response_action="update", view=mail_messages.connect_modal(checking=True))
    hb.background.submit(_check_and_save, hb, client, team_id, user, body["view"]["id"], cfg, values)


# -- Review & send… --------------------------------------------------------------------------------
def handle_review_click(ack: Any, body: dict[str, Any], context: Any, client: Any) -> None:
    """Review & send…: open the step's final email in a modal, editable."""
    ack()
    hb = services(context)
    team_id, user = team_of(context, body), _user(body)
    enr_id, step = nudge_value(body["actions"][0].get("value") or "")
    owner = _person(hb, client, team_id, user)
    now = hb.now()
    with hb.db.session() as session:
        enr, _cand = outreach.load_enrollment(session=session, team_id=team_id, enrollment_id=enr_id)
        mbox = mailboxes.sending_mailbox(session=session, settings=hb.settings, team_id=team_id, owner=user)
        if mbox is None:
            view = mail_messages.review_result("Connect your mailbox first (`/outreach mailbox connect`), so the email "
                                               "goes out from your own address.")
        else:
            meta = {"e": enr_id, "s": step, "r": body.get("response_url")}
            if len(json.dumps(meta)) > 3000:
                meta.pop("r")
            view = mail_messages.review_modal(session=session, enr=enr, step=step, owner=owner, sender=mbox.address,
                                              now=now, metadata=json.dumps(meta))
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _meta(view: dict[str, Any]) -> dict[str, Any]:
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, RecursionError):
        meta = None
    if not (isinstance(meta, dict) and all(type(meta.get(k)) is int and 0 <= meta[k] < 2**63 for k in ("e", "s"))
            and isinstance(meta.get("r", ""), str)):
        raise UserError("This form is from an older Hirebot message; click *Review & send…* on the nudge again.")
    return meta


def _send_in_background(hb: Services, client: Any, team_id: str, user: str, view_id: str, sent_id: int,
                        meta: dict[str, Any]) -> None:
    now = hb.now()
    send_steps(hb, [sent_id], now)
    owner = _person(hb, client, team_id, user)
    with hb.db.session() as session:
        sent = session.get(SentMail, sent_id)
        status, error = sent.status, sent.error
        if status == "sent":
            result = (f"📤 Sent to {escape_mrkdwn(sent.to_address)} from {escape_mrkdwn(sent.from_address)}, "
                      f"{slack_date(now.timestamp())}. Replies are caught by themselves.")
        elif status in ("queued", "sending"):
            result = ("🕘 Queued: it goes out in your working hours (09:00–20:00 on weekdays, your time), or after "
                      f"a short retry{': ' + escape_mrkdwn(error) if error else ''}.")
        else:
            result = f"❌ Not sent ({status}): {escape_mrkdwn(error or 'see your DM')}."
        update = None
        if meta.get("r") and status in ("sent", "queued"):
            enr = session.get(Enrollment, meta["e"])
            if enr is not None:
                update = nudge_message(session=session, enr=enr, step=meta["s"], owner=owner, now=now, outcome=result)
    client.views_update(view_id=view_id, view=mail_messages.review_result(result))
    if update is not None:
        WebhookClient(meta["r"]).send(replace_original=True, text=update["text"], blocks=update["blocks"])


def handle_review_submit(ack: Any, body: dict[str, Any], context: Any, client: Any) -> None:
    """Send: queue the reviewed email (exactly what the modal shows) and deliver it from the background pool."""
    hb = services(context)
    team_id, user = team_of(context, body), _user(body)
    view = body["view"]
    meta = _meta(view)
    state = (view.get("state") or {}).get("values") or {}
    subject = str(((state.get("subject") or {}).get("value") or {}).get("value") or "").strip()
    text = str(((state.get("body") or {}).get("value") or {}).get("value") or "").strip()
    if not subject or not text:
        ack(response_action="errors", errors={"subject" if not subject else "body": "The email needs this."})
        return
    now = hb.now()
    try:
        with hb.db.session() as session:
            enr, cand = outreach.load_enrollment(session=session, team_id=team_id, enrollment_id=meta["e"])
            sent = queue_step(session=session, services=hb, enr=enr, cand=cand, step=meta["s"], subject=subject,
                              body=text, user=user, now=now)
            sent_id = sent.id
    except UserError as exc:
        ack(response_action="update", view=mail_messages.review_result("⚠️ " + escape_mrkdwn(exc.message)))
        return
    ack(response_action="update", view=mail_messages.review_result("⏳ Sending from your mailbox…"))
    hb.background.submit(_send_in_background, hb, client, team_id, user, view["id"], sent_id, meta)


def register(app: App) -> None:
    """Register the connect modal and Review & send (the /outreach mailbox command routes through handlers.outreach)."""
    # Both modals open only from the user's own command or own nudge DM, and act on their own mailbox.
    app.view(CallbackId.MAILBOX_CONNECT, middleware=[anyone])(handle_connect_submit)
    app.action(ActionId.NUDGE_REVIEW_SEND, middleware=[anyone])(handle_review_click)
    app.view(CallbackId.MAIL_REVIEW_SEND, middleware=[anyone])(handle_review_submit)
