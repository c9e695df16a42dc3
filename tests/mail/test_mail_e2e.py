"""From Slack, against real servers: connect a mailbox, send step 1 from the nudge, and the candidate's reply
(delivered to that mailbox) stops the sequence and reaches the owner's DM with its label; nobody pastes it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core.models import Enrollment, Mailbox, SentMail, Touch
from tests.mail.conftest import KEY, MAILBOX, PASSWORD
from tests.mail.kit import (
    NOW,
    Recruiter,
    blocks_of,
    buttons,
    connect_values,
    opened_view,
    reply_email,
    submit_view,
    text_values,
    updated_views,
)

pytestmark = pytest.mark.usefixtures("dovecot")


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _connect(r, slack, smtp, dovecot, **overrides) -> dict:
    r.cmd("mailbox connect")
    view = opened_view(slack)
    assert view["callback_id"] == "mailbox_connect"
    before = len(slack.calls_to("views.update"))
    ack = submit_view(r, view, connect_values(smtp.port, dovecot.port, **overrides))
    assert ack["response_action"] == "update"
    assert "Logging in to SMTP and IMAP" in dump(ack["view"])
    return updated_views(slack, before + 1)[-1]


def _mailbox(r) -> Mailbox | None:
    with r.services.db.session() as s:
        row = s.scalar(select(Mailbox).where(Mailbox.team_id == r.team))
        if row is not None:
            s.expunge(row)
        return row


def test_connect_logs_in_to_both_servers_then_stores_the_password_encrypted(r, slack, smtp, dovecot, mail_app):
    done = _connect(r, slack, smtp, dovecot)
    assert "✅ Connected *sam@example.com*" in dump(done)
    row = _mailbox(r)
    assert row is not None and row.owner_user_id == r.user
    assert PASSWORD not in row.secret and row.secret.startswith("gAAAA")  # Fernet
    assert row.imap_uidvalidity and row.imap_last_uid is not None
    assert PASSWORD not in mail_app.log()
    status = r.cmd("mailbox status")
    assert "sam@example.com" in dump(status) and "0 of 50" in dump(status)
    gone = r.cmd("mailbox disconnect")
    assert "Disconnected sam@example.com" in gone["text"]
    assert _mailbox(r) is None
    assert KEY not in mail_app.log()


@pytest.mark.parametrize("overrides,expected", [
    ({"password": "wrong"}, "Wrong password: the SMTP server refused the login for sam@example.com"),
    ({"smtp_security": "ssl"}, "TLS failed with the SMTP server 127.0.0.1:"),
    ({"imap_security": "ssl"}, "TLS failed with the IMAP server 127.0.0.1:"),
    ({"imap_host": "no-such-host.invalid", "imap_security": "ssl"}, "Host unreachable: no such host 'no-such-host.invalid' (IMAP)"),
])
def test_a_failed_login_check_says_exactly_what_and_stores_nothing(r, slack, smtp, dovecot, overrides, expected):
    view = _connect(r, slack, smtp, dovecot, **overrides)
    text = dump(view)
    assert expected in text, text
    assert "Nothing was saved." in text
    assert view.get("submit")  # the form is back, filled in (but the password), to try again
    assert '"app-password"' not in text and '"wrong"' not in text
    assert _mailbox(r) is None


def test_a_wrong_imap_password_is_caught_after_smtp_worked(r, slack, smtp, dovecot):
    smtp.users["imap-only@example.com"] = "right"  # Dovecot takes only PASSWORD
    view = _connect(r, slack, smtp, dovecot, address="imap-only@example.com", password="right")
    assert "Wrong password: the IMAP server refused the login for imap-only@example.com" in dump(view)
    assert _mailbox(r) is None


def test_an_unreachable_port_and_bad_fields_are_named(r, slack, smtp, dovecot):
    view = _connect(r, slack, smtp, dovecot, smtp_host="127.0.0.1")
    assert "Connected" in dump(view)
    r.cmd("mailbox connect")
    form = opened_view(slack)
    before = len(slack.calls_to("views.update"))
    ack = submit_view(r, form, connect_values(1, dovecot.port))
    assert ack["response_action"] == "update"
    text = dump(updated_views(slack, before + 1)[-1])
    assert "Host unreachable: the SMTP server 127.0.0.1:1 refused the connection" in text
    ack = submit_view(r, form, connect_values(0, dovecot.port, smtp_host="smtp.example.com"))
    assert ack["response_action"] == "errors"
    assert "smtp_port" in ack["errors"] and "clear" in ack["errors"]["smtp_host"]


def test_review_and_send_then_the_reply_stops_the_sequence_and_reaches_the_dm(r, slack, smtp, dovecot, mail_clock):
    assert "Connected" in dump(_connect(r, slack, smtp, dovecot))
    handle = r.add("Ada Lovelace")
    reply = r.start(handle)
    value = buttons(reply["blocks"])["nudge_review_send"]["value"]
    r.click("nudge_review_send", value, message={"type": "message", "ts": "1.2", "text": reply["text"],
                                                  "blocks": reply["blocks"]})
    view = opened_view(slack)
    assert view["callback_id"] == "mail_review_send"
    inputs = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"] if b["type"] == "input"}
    assert inputs["subject"] == "About your pytorch/pytorch PR"
    assert inputs["body"].startswith("Hi Ada,")
    before = len(slack.calls_to("views.update"))
    ack = submit_view(r, view, text_values(subject=inputs["subject"], body=inputs["body"] + "\nP.S. edited by hand"))
    assert "Sending from your mailbox" in dump(ack)
    result = dump(updated_views(slack, before + 1)[-1])
    assert "📤 Sent to ada-" in result
    # Exactly one email, as reviewed, threaded and unsubscribable.
    [msg] = smtp.messages()
    assert msg["Subject"] == "About your pytorch/pytorch PR"
    assert msg["From"].endswith("<sam@example.com>") and msg["To"].endswith(f"<{handle}@example.com>")
    assert msg["Message-ID"].startswith("<hirebot-") and msg["In-Reply-To"] is None
    assert msg["List-Unsubscribe"] == "<mailto:sam@example.com?subject=unsubscribe>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "P.S. edited by hand" in msg.get_payload(decode=True).decode()
    enr = r.enrollment(handle)
    assert (enr.status, enr.current_step) == ("active", 2)  # marked sent, step 2 scheduled
    with r.services.db.session() as s:
        sent = s.scalar(select(SentMail).where(SentMail.enrollment_id == enr.id))
        assert (sent.status, sent.message_id) == ("sent", msg["Message-ID"])
    # The DM says what was sent.
    dms = r.dms()
    assert any("Sent 1 step" in dump(blocks_of(d)) for d in dms), dump([blocks_of(d) for d in dms])[:3000]
    assert any("📤 Step 1 of 5 to *Ada Lovelace (" in dump(blocks_of(d)) and "Sent 1 step from sam@example.com" in dump(blocks_of(d)) for d in dms)
    # A second click on the stale button can't send it again.
    r.click("nudge_review_send", value, message={"type": "message", "ts": "1.2", "text": "", "blocks": reply["blocks"]})
    again = opened_view(slack)
    ack = submit_view(r, again, text_values(subject="x", body="y"))
    assert "Already handled" in dump(ack)
    assert len(smtp.messages()) == 1

    # The candidate answers in their mail client; it lands in Sam's mailbox.
    dovecot.deliver(MAILBOX, reply_email(sender=f"Ada <{handle}@example.com>", to=MAILBOX,
                                         subject="Re: About your pytorch/pytorch PR", in_reply_to=msg["Message-ID"],
                                         body="Yes, I'm interested! Happy to chat on Thursday.\n\n"
                                              "On Wed, Sam wrote:\n> Hi Ada,\n> Would you be open to a call?"))
    counts = mail_clock.tick((NOW + timedelta(minutes=5)).isoformat())
    assert counts.get("mail_replies") == 1, counts
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason) == ("replied", "interested")
    with r.services.db.session() as s:
        touch = s.scalar(select(Touch).where(Touch.enrollment_id == enr.id, Touch.kind == "reply"))
        assert touch.intent == "interested" and "Would you be open" not in touch.text  # only the new text
    dm = dump([blocks_of(d) for d in r.dms()])
    assert "📬 *Ada Lovelace* replied to step 1" in dm and "*interested*" in dm
    assert "Yes, I'm interested!" in dm and "*Next step:*" in dm
    # The clock looking again finds nothing new and downloads nothing twice.
    counts = mail_clock.tick((NOW + timedelta(minutes=10)).isoformat())
    assert counts.get("mail_replies") == 0 and counts.get("mail_checked") >= 1  # other tests' mailboxes share the db
    with r.services.db.session() as s:
        assert s.scalar(select(Enrollment.status).where(Enrollment.id == enr.id)) == "replied"


def test_connect_without_an_encryption_key_and_a_wrong_word_say_what_to_do(server, slack, team):
    r = Recruiter(server, slack, server.services, team)  # the plain app: no HIREBOT_ENCRYPTION_KEY
    answer = r.cmd("mailbox connect")
    assert "HIREBOT_ENCRYPTION_KEY" in answer["text"] and not slack.calls_to("views.open")
    wrong = r.cmd("mailbox conect")
    assert "`/outreach mailbox` has no `conect`" in wrong["text"] and "/outreach mailbox connect" in wrong["text"]
    assert "No mailbox connected yet" in dump(r.cmd("mailbox status"))
    assert "nothing to disconnect" in r.cmd("mailbox disconnect")["text"]
