"""Mail fixtures: a real SMTP server (aiosmtpd) and a real IMAP server (Dovecot) on 127.0.0.1, and the app
in this process with an encryption key (mailbox passwords are stored encrypted)."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet

from tests.conftest import Clock, InProcessApp, app_settings
from tests.mail.kit import NOW, Recruiter, connect_directly
from tests.mail.servers import REQUIRE, Dovecot, SmtpServer, dovecot_missing

KEY = Fernet.generate_key().decode()
MAILBOX = "sam@example.com"
PASSWORD = "app-password"


def require_dovecot() -> None:
    """Skip with the reason when Dovecot is absent; CI sets HIREBOT_REQUIRE_DOVECOT=1 to fail instead."""
    missing = dovecot_missing()
    if missing:
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(missing + f" ({REQUIRE}=1)")
        pytest.skip(missing)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """Dovecot for the run: any address is a mailbox, with PASSWORD."""
    require_dovecot()
    server = Dovecot(PASSWORD).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    """aiosmtpd for the run, with Sam's login."""
    server = SmtpServer({MAILBOX: PASSWORD}).start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server: SmtpServer) -> SmtpServer:
    """The SMTP server with its record and scripted faults cleared."""
    smtp_server.received.clear()
    smtp_server.faults.clear()
    smtp_server.rcpt_faults.clear()
    smtp_server.fail_rate = 0.0
    return smtp_server


@pytest.fixture(scope="session")
def mail_settings(tmp_path_factory: pytest.TempPathFactory, slack_server):
    """Settings of a Hirebot with an encryption key, on its own SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('maildb') / 'hirebot.db'}"
    return app_settings(url, slack_server.url, HIREBOT_ENCRYPTION_KEY=KEY)


@pytest.fixture(scope="session")
def mail_app(mail_settings) -> Iterator[InProcessApp]:
    """The app in this process, with the encryption key."""
    app = InProcessApp(mail_settings, io.StringIO())
    yield app
    app.stop()


@pytest.fixture(scope="session")
def mail_clock(mail_settings) -> Iterator[Clock]:
    """`hirebot tick --now` on the mail app's database."""
    found = Clock(mail_settings)
    yield found
    found.stop()


@pytest.fixture
def r(mail_app, slack, team):
    """A recruiter on the mail app, its clock fixed on a Wednesday morning in Berlin."""
    mail_app.services.now = lambda: NOW
    return Recruiter(mail_app, slack, mail_app.services, team)


@pytest.fixture
def box(r, smtp, dovecot) -> str:
    """The recruiter's own mailbox (a fresh Dovecot user), connected after a real login check."""
    address = f"sam-{uuid.uuid4().hex[:8]}@example.com"
    connect_directly(r.services, r.team, r.user, address, smtp, dovecot)
    return address
