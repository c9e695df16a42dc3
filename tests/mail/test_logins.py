"""Logins: the environment's default mailbox URLs, the clear-text rule, XOAUTH2 beside passwords, no secret in reprs."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pydantic import SecretStr

from bot.mail.logins import PasswordLogin, XOAuth2Login, encode_xoauth2, login_for
from bot.mail.transport import MailLoginError, check_security, config_from_urls, probe
from bot.mail import sending
from bot.mail.jobs import catch_replies
from tests.conftest import InProcessApp
from tests.mail.conftest import PASSWORD
from tests.mail.kit import NOW, Recruiter, queue_first_step, reply_email


def test_default_mailbox_urls_read_security_ports_and_address():
    cfg = config_from_urls("smtp://sam%40acme.com:s3cret@smtp.acme.com:587", "imaps://sam%40acme.com:s3cret@imap.acme.com")
    assert (cfg.smtp_host, cfg.smtp_port, cfg.smtp_security) == ("smtp.acme.com", 587, "starttls")
    assert (cfg.imap_host, cfg.imap_port, cfg.imap_security) == ("imap.acme.com", 993, "ssl")
    assert cfg.address == "sam@acme.com" and cfg.login.username == "sam@acme.com"
    assert "s3cret" not in repr(cfg)  # the password never shows in a repr (or a log line made from one)
    other = config_from_urls("smtps://u:p@mail.example.com?from=team@example.com", "imap://u:p@mail.example.com")
    assert (other.smtp_port, other.smtp_security, other.imap_security, other.address) == (465, "ssl", "starttls",
                                                                                          "team@example.com")
    with pytest.raises(MailLoginError, match="http:// is not a mail URL"):
        config_from_urls("http://u:p@x", "imap://u:p@x")


def test_clear_text_logins_only_reach_this_machine():
    check_security("127.0.0.1", "none", "SMTP")
    with pytest.raises(MailLoginError, match="send the password in clear to smtp.gmail.com"):
        check_security("smtp.gmail.com", "none", "SMTP")
    with pytest.raises(MailLoginError, match="starttls, ssl or none"):
        check_security("x", "tls1.0", "IMAP")


def test_xoauth2_sits_beside_passwords():
    oauth = login_for("xoauth2", "sam@contoso.com", "ya29.token")
    assert isinstance(oauth, XOAuth2Login) and oauth.kind == "xoauth2" and oauth.secret() == "ya29.token"
    assert "ya29" not in repr(oauth)
    assert encode_xoauth2("sam@contoso.com", "ya29.token") == \
        "dXNlcj1zYW1AY29udG9zby5jb20BYXV0aD1CZWFyZXIgeWEyOS50b2tlbgEB"
    assert isinstance(login_for("password", "u", "p"), PasswordLogin)


def test_the_environment_mailbox_logs_in_to_the_real_servers(smtp, dovecot):
    cfg = config_from_urls(f"smtp://sam%40example.com:{PASSWORD}@127.0.0.1:{smtp.port}?security=none",
                           f"imap://sam%40example.com:{PASSWORD}@127.0.0.1:{dovecot.port}?security=none")
    found = probe(cfg)
    assert found.uidvalidity > 0 and found.uidnext >= 1


def test_a_single_team_install_sends_and_catches_with_the_environment_mailbox(mail_settings, slack, smtp, dovecot, team):
    env = mail_settings.model_copy(update={
        "smtp_url": SecretStr(f"smtp://solo%40example.com:{PASSWORD}@127.0.0.1:{smtp.port}?security=none"),
        "imap_url": SecretStr(f"imap://solo%40example.com:{PASSWORD}@127.0.0.1:{dovecot.port}?security=none")})
    smtp.users["solo@example.com"] = PASSWORD
    app = InProcessApp(env, io.StringIO())
    try:
        app.services.now = lambda: NOW
        r = Recruiter(app, slack, app.services, team)
        handle = r.add("Ines Env")
        r.start(handle)
        sid = queue_first_step(r, handle)  # no mailbox connected: the environment's default is used
        assert sending.send_one(r.services, sid, NOW).status == "sent"
        [msg] = smtp.messages()
        assert msg["From"].endswith("<solo@example.com>")
        dovecot.deliver("solo@example.com", reply_email(sender=msg["To"], to="solo@example.com", subject="Re",
                                                        in_reply_to=msg["Message-ID"], body="Not interested, sorry."))
        assert catch_replies(r.services, NOW + timedelta(minutes=5))["mail_replies"] == 1
        assert r.enrollment(handle).stop_reason == "not_interested"
    finally:
        app.stop()
