"""Catching replies and bounces in a real Dovecot mailbox: matched by thread headers or sender, classified on
their new text, never downloaded twice, nothing else read; disconnects and 10,000 unrelated messages."""

from __future__ import annotations

import re
import socket
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from bot.core.models import Candidate, InvalidAddress, Mailbox, MailEvent, SentMail, Touch
from bot.mail import sending
from bot.mail.jobs import catch_replies
from bot.privacy.forget import forget_candidate
from tests.mail.kit import (
    NOW,
    blocks_of,
    bounce_email,
    queue_first_step,
    reply_email,
    sent_row,
)

pytestmark = pytest.mark.usefixtures("dovecot")


def _sent(r, name: str = "Ada Lovelace") -> tuple[str, SentMail]:
    handle = r.add(name)
    r.start(handle)
    sid = queue_first_step(r, handle, subject="About your PR")
    assert sending.send_one(r.services, sid, NOW).status == "sent"
    return handle, sent_row(r.services, sid)


def _check(r, minutes: int) -> dict[str, int]:
    return catch_replies(r.services, NOW + timedelta(minutes=minutes))


def _dm_text(r) -> str:
    return str([blocks_of(d) for d in r.dms()])


def _fetched_bodies(dovecot, box: str) -> list[int]:
    """body_count of each IMAP session of this user, from Dovecot's own log (what was downloaded)."""
    return [int(n) for n in re.findall(rf"imap\({re.escape(box)}\).*?body_count=(\d+)", dovecot.log())]


def test_a_bounce_marks_the_address_invalid_stops_the_sequence_and_tells_the_owner(r, smtp, box, dovecot):
    handle, sent = _sent(r)
    dovecot.deliver(box, bounce_email(to=box, failed=sent.to_address, original_id=sent.message_id))
    counts = _check(r, 5)
    assert counts["mail_bounces"] == 1
    with r.services.db.session() as s:
        bad = s.scalar(select(InvalidAddress).where(InvalidAddress.team_id == r.team))
        assert bad.address == sent.to_address and "User unknown" in bad.reason
    enr = r.enrollment(handle)
    assert (enr.status, enr.stop_reason) == ("stopped", "bounced")
    dm = _dm_text(r)
    assert "bounced" in dm and sent.to_address in dm and "Marked" in dm


def test_an_out_of_office_keeps_the_sequence_and_waits_past_the_return_date(r, smtp, box, dovecot):
    handle, sent = _sent(r)
    before = r.enrollment(handle).next_due_at
    dovecot.deliver(box, reply_email(sender=sent.to_address, to=box, subject="Automatic reply: About your PR",
                                     in_reply_to=sent.message_id, headers={"Auto-Submitted": "auto-replied"},
                                     body="I am out of the office until 15 December 2026 with limited access to email."))
    assert _check(r, 5)["mail_replies"] == 1
    enr = r.enrollment(handle)
    assert enr.status == "active" and enr.next_due_at > before
    assert enr.next_due_at.date().isoformat() >= "2026-12-16"
    assert "out of office" in _dm_text(r)


def test_a_reply_without_thread_headers_is_matched_by_its_sender(r, smtp, box, dovecot):
    handle, sent = _sent(r)
    dovecot.deliver(box, reply_email(sender=f"Ada <{sent.to_address.upper()}>", to=box, subject="hello",
                                     body="Not interested, thanks. Please remove me from your list."))
    assert _check(r, 5)["mail_replies"] == 1
    enr = r.enrollment(handle)
    assert enr.status != "active"


def test_ten_thousand_unrelated_messages_are_never_downloaded_and_nothing_is_read_twice(r, smtp, box, dovecot):
    handle, sent = _sent(r)
    dovecot.deliver_many(box, [(f"From: news{i}@shop.example\r\nTo: {box}\r\nSubject: Deal {i}\r\n"
                                f"Message-ID: <{i}@shop.example>\r\n\r\n50% off\r\n").encode() for i in range(10_000)])
    dovecot.deliver(box, reply_email(sender=sent.to_address, to=box, subject="Re: About your PR",
                                     in_reply_to=sent.message_id, body="Sounds great, I'm interested."))
    assert _check(r, 5)["mail_replies"] == 1
    assert sum(_fetched_bodies(dovecot, box)) == 1  # only the reply's body, of 10,001 new messages
    assert _check(r, 10)["mail_replies"] == 0
    assert sum(_fetched_bodies(dovecot, box)) == 1
    # A rebuilt folder (new UIDVALIDITY) is searched again, but the reply is not counted twice.
    with r.services.db.session() as s:
        s.execute(update(Mailbox).where(Mailbox.address == box).values(imap_uidvalidity=1))
    assert _check(r, 15)["mail_replies"] == 0
    with r.services.db.session() as s:
        assert s.scalar(select(func.count(Touch.id)).where(Touch.enrollment_id == sent.enrollment_id,
                                                          Touch.kind == "reply")) == 1


def test_two_clocks_check_a_mailbox_once(r, smtp, box, dovecot):
    _handle, sent = _sent(r)
    dovecot.deliver(box, reply_email(sender=sent.to_address, to=box, subject="Re", in_reply_to=sent.message_id,
                                     body="Happy to talk next week."))
    results: list[dict] = []
    threads = [threading.Thread(target=lambda: results.append(_check(r, 5))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(c["mail_replies"] for c in results) == 1


def _dropping_server() -> tuple[socket.socket, int]:
    """A port that accepts IMAP connections and drops them at once."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def run() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.close()
    threading.Thread(target=run, daemon=True).start()
    return srv, srv.getsockname()[1]


def test_an_imap_disconnect_keeps_the_state_and_the_next_check_finds_the_reply(r, smtp, box, dovecot):
    handle, sent = _sent(r)
    dovecot.deliver(box, reply_email(sender=sent.to_address, to=box, subject="Re", in_reply_to=sent.message_id,
                                     body="Yes, interested!"))
    srv, port = _dropping_server()
    with r.services.db.session() as s:
        real = s.scalar(select(Mailbox.imap_port).where(Mailbox.address == box))
        s.execute(update(Mailbox).where(Mailbox.address == box).values(imap_port=port))
    try:
        assert _check(r, 5)["mail_replies"] == 0
    finally:
        srv.close()
    with r.services.db.session() as s:
        row = s.scalar(select(Mailbox).where(Mailbox.address == box))
        assert "closed the connection" in row.last_error or "failed" in row.last_error
        row.imap_port = real
    assert _check(r, 10)["mail_replies"] == 1
    assert r.enrollment(handle).status == "replied"


def test_forget_erases_the_emails_and_what_was_caught(r, smtp, box, dovecot):
    _handle, sent = _sent(r)
    dovecot.deliver(box, reply_email(sender=sent.to_address, to=box, subject="Re", in_reply_to=sent.message_id,
                                     body="Interested!"))
    _check(r, 5)
    with r.services.db.session() as s:
        s.add(InvalidAddress(team_id=r.team, candidate_id=sent.candidate_id, address="old@example.com"))
    with r.services.db.session() as s:
        forget_candidate(session=s, candidate=s.get(Candidate, sent.candidate_id), user_id=r.user)
    with r.services.db.session() as s:
        for model in (SentMail, MailEvent, InvalidAddress):
            assert s.scalar(select(func.count()).select_from(model).where(model.candidate_id == sent.candidate_id)) == 0


def test_the_list_unsubscribe_mailto_marks_them_do_not_contact(r, smtp, box, dovecot):
    handle, sent = _sent(r)
    dovecot.deliver(box, reply_email(sender=sent.to_address, to=box, subject="unsubscribe", body=""))
    assert _check(r, 5)["mail_replies"] == 1
    with r.services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.team_id == r.team, Candidate.github == handle))
        assert cand.do_not_contact
    assert r.enrollment(handle).status == "stopped"
    assert "unsubscribed" in _dm_text(r)
