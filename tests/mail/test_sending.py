"""Sending a reviewed step through real SMTP: exactly once across faults, retries, crashes and two clocks;
working hours, the daily cap, do-not-contact and bounced addresses."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from imapclient import IMAPClient
from sqlalchemy import select, update

from bot.core import delivery
from bot.core.errors import NotPermitted, UserError
from bot.core.models import Candidate, Delivery, Enrollment, InvalidAddress, Mailbox
from bot.mail import sending
from bot.mail.compose import build_email
from bot.mail.jobs import send_steps
from tests.mail.kit import NOW, queue_first_step, sent_row

pytestmark = pytest.mark.usefixtures("dovecot")


def _enrolled(r, name: str = "Ada Lovelace") -> str:
    handle = r.add(name)
    r.start(handle)
    return handle


def test_a_4xx_is_retried_after_the_ledger_pause_and_the_step_goes_out_once(r, smtp, box):
    handle = _enrolled(r)
    sid = queue_first_step(r, handle)
    smtp.faults.append("451 4.3.0 Mailbox busy, try later")
    first = sending.send_one(r.services, sid, NOW)
    assert first.status == "retry" and "451" in first.detail
    assert sent_row(r.services, sid).status == "queued" and smtp.received == []
    assert sending.send_one(r.services, sid, NOW + timedelta(minutes=1)).status == "busy"  # the ledger waits
    later = sending.send_one(r.services, sid, NOW + timedelta(minutes=6))
    assert later.status == "sent"
    assert len(smtp.received) == 1 and sent_row(r.services, sid).status == "sent"
    assert sending.send_one(r.services, sid, NOW + timedelta(minutes=20)).status == "sent"  # nothing more happens
    assert len(smtp.received) == 1
    assert r.enrollment(handle).current_step == 2


def test_a_5xx_fails_for_good_and_the_owner_is_told(r, smtp, box, slack):
    handle = _enrolled(r)
    sid = queue_first_step(r, handle)
    smtp.faults.append("554 5.7.1 Message rejected as spam")
    counts = send_steps(r.services, [sid], NOW)
    assert counts["mail_failed"] == 1 and smtp.received == []
    row = sent_row(r.services, sid)
    assert row.status == "failed" and "554" in row.error
    assert r.enrollment(handle).current_step == 1  # not marked sent
    dm = str(r.dms()[-1])
    assert "was not sent" in dm and "554" in dm


def test_a_refused_recipient_is_a_definite_failure_before_any_data(r, smtp, box):
    sid = queue_first_step(r, _enrolled(r))
    smtp.rcpt_faults.append("550 5.1.1 No such user")
    assert sending.send_one(r.services, sid, NOW).status == "failed"
    assert smtp.received == []


def test_a_wrong_password_later_is_retried_not_lost(r, smtp, box):
    sid = queue_first_step(r, _enrolled(r))
    smtp.users[box] = "changed"
    outcome = sending.send_one(r.services, sid, NOW)
    assert outcome.status == "retry" and "Wrong password" in outcome.detail
    assert sent_row(r.services, sid).status == "queued"


def _crash_after_data(r, sid: int) -> None:
    """What a clock killed between the server's 250 and its own commit leaves behind."""
    with r.services.db.session() as s:
        row = s.get(sending.SentMail, sid)
        row.status = "sending"
        mailbox_id, team = row.mailbox_id, row.team_id
    claim = delivery.claim(r.services.db, team_id=team, channel_id=f"mailbox:{mailbox_id}", kind=sending.KIND,
                           period=str(sid), now=NOW)
    assert claim is not None
    with r.services.db.session() as s:
        s.execute(update(Delivery).where(Delivery.id == claim.id).values(claimed_at=NOW - timedelta(minutes=10)))


def test_a_crash_after_data_is_confirmed_from_the_sent_folder_not_sent_again(r, smtp, box, dovecot):
    handle = _enrolled(r)
    sid = queue_first_step(r, handle)
    _crash_after_data(r, sid)
    row = sent_row(r.services, sid)
    # The provider filed the message in Sent (as Gmail and Fastmail do for SMTP submissions).
    msg = build_email(from_address=box, from_name=None, to_address=row.to_address, to_name=None, subject=row.subject,
                      body=row.body, message_id=row.message_id, thread_root=None, sent_at=NOW)
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False)
    client.login(box, dovecot.password)
    client.append("Sent", msg.as_bytes())
    client.logout()
    outcome = sending.send_one(r.services, sid, NOW + timedelta(minutes=1))
    assert outcome.status == "sent" and outcome.detail == "found in the Sent folder"
    assert smtp.received == [] and r.enrollment(handle).current_step == 2


def test_a_crash_after_data_not_in_the_sent_folder_is_uncertain_and_never_resent(r, smtp, box):
    sid = queue_first_step(r, _enrolled(r))
    _crash_after_data(r, sid)
    counts = send_steps(r.services, [sid], NOW + timedelta(minutes=1))
    assert counts["mail_uncertain"] == 1 and smtp.received == []
    assert sent_row(r.services, sid).status == "uncertain"
    assert "may or may not have gone out" in str(r.dms()[-1])
    assert sending.send_one(r.services, sid, NOW + timedelta(hours=1)).status == "uncertain"
    assert smtp.received == []


def test_two_clocks_at_once_send_it_once(r, smtp, box):
    sid = queue_first_step(r, _enrolled(r))
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(sending.send_one(r.services, sid, NOW).status))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count("sent") >= 1 and len(smtp.received) == 1


def test_outside_working_hours_it_waits_for_the_morning(r, smtp, box):
    sid = queue_first_step(r, _enrolled(r))
    night = NOW.replace(hour=22)
    assert sending.send_one(r.services, sid, night).status == "waiting"
    assert smtp.received == []
    assert sending.send_one(r.services, sid, night + timedelta(hours=11)).status == "sent"


def test_the_daily_cap_holds_per_mailbox(r, smtp, box):
    with r.services.db.session() as s:
        s.execute(update(Mailbox).where(Mailbox.team_id == r.team).values(daily_cap=2))
    ids = [queue_first_step(r, _enrolled(r, name)) for name in ("Ann One", "Ben Two", "Cat Three")]
    counts = send_steps(r.services, ids, NOW)
    assert counts["mail_sent"] == 2 and counts["mail_capped"] == 1 and len(smtp.received) == 2
    assert sending.send_one(r.services, ids[2], NOW + timedelta(days=1)).status == "sent"


def test_do_not_contact_and_bounced_addresses_are_never_mailed(r, smtp, box):
    handle = _enrolled(r)
    sid = queue_first_step(r, handle)
    with r.services.db.session() as s:
        s.execute(update(Candidate).where(Candidate.team_id == r.team, Candidate.github == handle)
                  .values(do_not_contact=True))
    assert sending.send_one(r.services, sid, NOW).status == "cancelled"
    assert smtp.received == []
    other = _enrolled(r, "Bo Bounced")
    with r.services.db.session() as s:
        s.add(InvalidAddress(team_id=r.team, address=f"{other}@example.com", reason="550 user unknown"))
    with pytest.raises(UserError, match="bounced earlier"):
        queue_first_step(r, other)


def test_only_the_owner_sends_and_a_missing_mailbox_is_named(r, smtp, mail_app, slack, team):
    handle = _enrolled(r)
    with pytest.raises(UserError, match="Connect your mailbox first"):
        queue_first_step(r, handle)
    with r.services.db.session() as s:
        enr = s.scalar(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                       .where(Candidate.github == handle, Candidate.team_id == r.team))
        enr.owner_user_id = "U0SOMEONEELSE"
    with pytest.raises(NotPermitted, match="Only the sequence's owner"):
        queue_first_step(r, handle)


def test_a_follow_up_threads_under_the_first_email(r, smtp, box):
    handle = _enrolled(r)
    first = queue_first_step(r, handle, subject="About your PR")
    assert sending.send_one(r.services, first, NOW).status == "sent"
    with r.services.db.session() as s:
        enr = s.scalar(select(Enrollment).join(Candidate, Candidate.id == Enrollment.candidate_id)
                       .where(Candidate.team_id == r.team, Candidate.github == handle))
        assert sending.default_subject(s, enr, "Something new") == "Re: About your PR"
    second = queue_first_step(r, handle, subject="Re: About your PR", body="A second thought")
    assert sending.send_one(r.services, second, NOW + timedelta(days=5)).status == "sent"  # Monday
    one, two = smtp.messages()
    assert two["In-Reply-To"] == one["Message-ID"] and two["References"] == one["Message-ID"]
    assert two["Subject"] == "Re: About your PR" and two["Message-ID"] != one["Message-ID"]
