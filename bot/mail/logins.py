"""How Hirebot proves who it is to a mailbox: a password (or app password) today, SASL XOAUTH2 beside it.

Both SMTP and IMAP take the same `Login`; a server session calls `login.smtp(conn)` or `login.imap(client)`.
Microsoft 365 turned password logins off for IMAP, so an OAuth 2.0 access token goes through XOAUTH2
(RFC 7628 framing: "user=<u>\\x01auth=Bearer <token>\\x01\\x01"); getting and refreshing that token is
the part not built yet (README: what works today).
"""

from __future__ import annotations

import base64
import smtplib
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

PASSWORD = "password"
XOAUTH2 = "xoauth2"


class Login(Protocol):
    """A way to log in to SMTP and IMAP as one user."""

    kind: str
    username: str

    def smtp(self, conn: smtplib.SMTP) -> None:
        """Authenticate an SMTP connection (after EHLO and STARTTLS)."""

    def imap(self, client: Any) -> None:
        """Authenticate an IMAPClient connection."""

    def secret(self) -> str:
        """What is stored (encrypted) to log in again."""


@dataclass(frozen=True)
class PasswordLogin:
    """A username and a password or app password (Gmail, Fastmail, a self-hosted server)."""

    username: str
    password: str = field(repr=False)
    kind: str = PASSWORD

    def smtp(self, conn: smtplib.SMTP) -> None:
        """AUTH PLAIN/LOGIN with the password."""
        conn.login(self.username, self.password)

    def imap(self, client: Any) -> None:
        """IMAP LOGIN with the password."""
        client.login(self.username, self.password)

    def secret(self) -> str:
        """The password."""
        return self.password


@dataclass(frozen=True)
class XOAuth2Login:
    """SASL XOAUTH2 with an OAuth 2.0 access token (Microsoft 365, Google Workspace without app passwords)."""

    username: str
    token: Callable[[], str] = field(repr=False)  # returns a fresh access token
    kind: str = XOAUTH2

    def _initial(self) -> str:
        return f"user={self.username}\x01auth=Bearer {self.token()}\x01\x01"

    def smtp(self, conn: smtplib.SMTP) -> None:
        """AUTH XOAUTH2 with the access token."""
        raw = self._initial()
        conn.auth("XOAUTH2", lambda challenge=None: raw, initial_response_ok=True)

    def imap(self, client: Any) -> None:
        """AUTHENTICATE XOAUTH2 with the access token."""
        client.oauth2_login(self.username, self.token())

    def secret(self) -> str:
        """The current access token (a refresh-token flow would store the refresh token instead)."""
        return self.token()


def encode_xoauth2(username: str, token: str) -> str:
    """The base64 SASL XOAUTH2 initial response (what a server log shows, for debugging a setup)."""
    return base64.b64encode(f"user={username}\x01auth=Bearer {token}\x01\x01".encode()).decode()


def login_for(kind: str, username: str, secret: str) -> Login:
    """The Login for a stored mailbox: its kind, user and decrypted secret."""
    if kind == XOAUTH2:
        return XOAuth2Login(username, lambda: secret)
    return PasswordLogin(username, secret)
