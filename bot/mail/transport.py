"""Talk to a mailbox: open SMTP and IMAP sessions, and say exactly what failed when a login check fails.

Security is STARTTLS (SMTP 587, IMAP 143), SSL/TLS from the first byte (SMTP 465, IMAP 993) or none;
none sends the password in clear and is refused unless the server is on this machine (tests, a
local relay). Certificates are verified with the system's CA store.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from bot.core.errors import UserError
from bot.mail.logins import Login, PasswordLogin

SECURITY = ("starttls", "ssl", "none")
TIMEOUT = 20.0
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
SMTP_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
IMAP_DEFAULT_PORTS = {"starttls": 143, "ssl": 993, "none": 143}


class MailLoginError(UserError):
    """A login check failed; the message says which server, what went wrong and what to try."""


@dataclass(frozen=True)
class MailboxConfig:
    """Everything needed to reach one mailbox (the login holds the secret; repr never shows it)."""

    address: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    imap_host: str
    imap_port: int
    imap_security: str
    login: Login


@dataclass(frozen=True)
class ProbeResult:
    """What a successful login check learnt: INBOX's UIDVALIDITY and the UID the next message gets."""

    uidvalidity: int
    uidnext: int


def check_security(host: str, security: str, what: str) -> None:
    """UserError for an unknown security mode, or for a clear-text login to another machine."""
    if security not in SECURITY:
        raise MailLoginError(f"{what} security must be starttls, ssl or none, not {security!r}.")
    if security == "none" and host.strip().lower() not in LOOPBACK:
        raise MailLoginError(f"{what} security `none` would send the password in clear to {host}: use STARTTLS or "
                             "SSL/TLS (none is only for a server on this machine).")


def _where(what: str, host: str, port: int) -> str:
    return f"the {what} server {host}:{port}"


def _network_error(exc: BaseException, what: str, host: str, port: int, security: str) -> MailLoginError:
    where = _where(what, host, port)
    if isinstance(exc, socket.gaierror):
        return MailLoginError(f"Host unreachable: no such host {host!r} ({what}). Check the {what} host name.")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailLoginError(f"TLS failed with {where}: its certificate is not trusted ({exc.verify_message}).")
    if isinstance(exc, ssl.SSLError):
        hint = ("port 465 wants SSL/TLS, 587 wants STARTTLS" if what == "SMTP" else "port 993 wants SSL/TLS, 143 STARTTLS")
        return MailLoginError(f"TLS failed with {where} ({exc.reason or exc}): is the security setting right? ({hint})")
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return MailLoginError(f"Host unreachable: {where} did not answer within {TIMEOUT:.0f} s.")
    if isinstance(exc, ConnectionRefusedError):
        return MailLoginError(f"Host unreachable: {where} refused the connection (is the port right?).")
    if isinstance(exc, (smtplib.SMTPServerDisconnected, ConnectionError, EOFError, IMAPClientAbortError)):
        return MailLoginError(f"{where} closed the connection before the login"
                              + (" (TLS expected on this port?)" if security != "ssl" else "") + ".")
    return MailLoginError(f"Could not talk to {where}: {type(exc).__name__}.")


def open_smtp(cfg: MailboxConfig) -> smtplib.SMTP:
    """A logged-in SMTP session; MailLoginError saying exactly what failed otherwise."""
    check_security(cfg.smtp_host, cfg.smtp_security, "SMTP")
    context = ssl.create_default_context()
    try:
        if cfg.smtp_security == "ssl":
            conn: smtplib.SMTP = smtplib.SMTP_SSL(cfg.smtp_host, cfg.smtp_port, timeout=TIMEOUT, context=context)
        else:
            conn = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=TIMEOUT)
        conn.ehlo()
        if cfg.smtp_security == "starttls":
            if not conn.has_extn("starttls"):
                conn.close()
                raise MailLoginError(f"TLS failed: {_where('SMTP', cfg.smtp_host, cfg.smtp_port)} does not offer "
                                     "STARTTLS (try SSL/TLS on port 465).")
            conn.starttls(context=context)
            conn.ehlo()
    except MailLoginError:
        raise
    except (OSError, smtplib.SMTPException, EOFError) as exc:
        raise _network_error(exc, "SMTP", cfg.smtp_host, cfg.smtp_port, cfg.smtp_security) from None
    try:
        cfg.login.smtp(conn)
    except smtplib.SMTPAuthenticationError as exc:
        conn.close()
        raise MailLoginError(f"Wrong password: the SMTP server refused the login for {cfg.login.username} "
                             f"({exc.smtp_code}). Gmail and Fastmail need an app password.") from None
    except smtplib.SMTPNotSupportedError:
        conn.close()
        raise MailLoginError(f"{_where('SMTP', cfg.smtp_host, cfg.smtp_port)} offers no login here "
                             "(many servers only allow it after STARTTLS).") from None
    except smtplib.SMTPException as exc:
        conn.close()
        raise MailLoginError(f"The SMTP login failed: {type(exc).__name__}.") from None
    return conn


def open_imap(cfg: MailboxConfig) -> IMAPClient:
    """A logged-in IMAP session; MailLoginError saying exactly what failed otherwise."""
    check_security(cfg.imap_host, cfg.imap_security, "IMAP")
    context = ssl.create_default_context()
    try:
        client = IMAPClient(cfg.imap_host, port=cfg.imap_port, ssl=cfg.imap_security == "ssl", ssl_context=context,
                            timeout=TIMEOUT)
        if cfg.imap_security == "starttls":
            client.starttls(context)
    except (OSError, IMAPClientError, EOFError) as exc:
        if isinstance(exc, IMAPClientError) and "STARTTLS" in str(exc).upper():
            raise MailLoginError(f"TLS failed: {_where('IMAP', cfg.imap_host, cfg.imap_port)} does not offer "
                                 "STARTTLS (try SSL/TLS on port 993).") from None
        raise _network_error(exc, "IMAP", cfg.imap_host, cfg.imap_port, cfg.imap_security) from None
    try:
        cfg.login.imap(client)
    except LoginError:
        _quietly_logout(client)
        raise MailLoginError(f"Wrong password: the IMAP server refused the login for {cfg.login.username}. "
                             "Gmail and Fastmail need an app password; Microsoft 365 needs OAuth (XOAUTH2).") from None
    except (OSError, IMAPClientError) as exc:
        _quietly_logout(client)
        raise _network_error(exc, "IMAP", cfg.imap_host, cfg.imap_port, cfg.imap_security) from None
    return client


def _quietly_logout(client: Any) -> None:
    try:
        client.logout()
    except (OSError, IMAPClientError, EOFError):
        pass


def probe(cfg: MailboxConfig) -> ProbeResult:
    """Log in to SMTP and IMAP (nothing is sent or read); INBOX's UID state on success, MailLoginError otherwise."""
    smtp = open_smtp(cfg)
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        pass
    client = open_imap(cfg)
    try:
        info = client.select_folder("INBOX", readonly=True)
        return ProbeResult(int(info.get(b"UIDVALIDITY", 0)), int(info.get(b"UIDNEXT", 1)))
    except (OSError, IMAPClientError) as exc:
        raise MailLoginError(f"Logged in to IMAP, but INBOX could not be opened ({type(exc).__name__}).") from None
    finally:
        _quietly_logout(client)


def config_from_urls(smtp_url: str, imap_url: str) -> MailboxConfig:
    """The default mailbox from HIREBOT_SMTP_URL / HIREBOT_IMAP_URL (smtp[s]://user:pass@host:port?from=addr)."""
    smtp, imap = urlsplit(smtp_url), urlsplit(imap_url)

    def security(parts: Any, plain: str, tls: str) -> str:
        given = (parse_qs(parts.query).get("security") or [""])[0].lower()
        if given:
            return given
        if parts.scheme.lower() == tls:
            return "ssl"
        if parts.scheme.lower() != plain:
            raise MailLoginError(f"{parts.scheme}:// is not a mail URL here: use {plain}:// or {tls}://.")
        return "starttls"

    s_sec, i_sec = security(smtp, "smtp", "smtps"), security(imap, "imap", "imaps")
    user = unquote(imap.username or smtp.username or "")
    password = unquote(imap.password or smtp.password or "")
    address = (parse_qs(smtp.query).get("from") or [""])[0] or (user if "@" in user else f"{user}@{smtp.hostname}")
    return MailboxConfig(address=address, smtp_host=smtp.hostname or "", smtp_port=smtp.port or SMTP_DEFAULT_PORTS[s_sec],
                         smtp_security=s_sec, imap_host=imap.hostname or "", imap_port=imap.port or IMAP_DEFAULT_PORTS[i_sec],
                         imap_security=i_sec, login=PasswordLogin(user, password))
