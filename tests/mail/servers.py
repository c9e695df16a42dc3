"""Real mail servers on 127.0.0.1 for the tests and benches: aiosmtpd (SMTP with AUTH and scripted faults)
and Dovecot (Debian's dovecot-imapd, unprivileged, any user with one password, Maildirs in a temp folder)."""

from __future__ import annotations

import asyncio
import grp
import logging
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
import warnings
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# The test server takes AUTH without TLS on loopback on purpose; aiosmtpd warns about it on every session.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
logging.getLogger("mail.log").setLevel(logging.ERROR)

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
REQUIRE = "HIREBOT_REQUIRE_DOVECOT"  # CI sets it to 1: a missing Dovecot fails the tests instead of skipping them


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """aiosmtpd with AUTH (PLAIN/LOGIN without TLS, loopback only); records what it accepted.

    `faults` is a list of replies ("451 4.3.0 try later") handed out one per DATA, before accepting;
    `rcpt_faults` likewise for RCPT TO.
    """

    def __init__(self, users: dict[str, str] | None = None):
        self.users = dict(users or {"sam@example.com": "app-password"})
        self.received: list[tuple[str, list[str], bytes]] = []
        self.faults: list[str] = []
        self.rcpt_faults: list[str] = []
        self.fail_rate = 0.0  # a share of DATA commands answered 451 (the bench's transient failures)
        self.latency = 0.0  # seconds the server takes to accept a message (a real provider: tens of ms)
        self.on_accept = None  # called with (mail_from, raw) before the 250: e.g. file a copy in Sent
        self._count = 0
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, auth_require_tls=False,
                                     authenticator=self._auth, auth_required=False)

    def _auth(self, server, session, envelope, mechanism, auth_data) -> AuthResult:  # noqa: ANN001
        if isinstance(auth_data, LoginPassword):
            user, password = auth_data.login.decode(), auth_data.password.decode()
            if self.users.get(user) == password:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, N802
        with self._lock:
            if self.rcpt_faults:
                return self.rcpt_faults.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, N802
        if self.latency:
            await asyncio.sleep(self.latency)
        with self._lock:
            self._count += 1
            if self.faults:
                return self.faults.pop(0)
            if self.fail_rate and (self._count * 7919) % 100 < self.fail_rate * 100:
                return "451 4.3.0 Temporary failure, try again"
            raw = envelope.original_content or envelope.content
            if self.on_accept is not None:
                self.on_accept(envelope.mail_from, raw)
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), raw))
        return "250 Message accepted"

    def messages(self) -> list:
        """The accepted messages, parsed."""
        with self._lock:
            return [message_from_bytes(raw) for _, _, raw in self.received]

    def start(self) -> "SmtpServer":
        """Start listening."""
        self.controller.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        self.controller.stop()


DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
first_valid_uid = 0
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"""


class Dovecot:
    """An unprivileged Dovecot on a free high port, Maildirs in a temp folder.

    Every user name is a mailbox of its own and logs in with the one password (a static passdb: Dovecot
    re-reads a passwd-file only when its mtime moves, so users added within a second were refused).
    """

    def __init__(self, password: str):
        self.root = Path(tempfile.mkdtemp(prefix="hirebot-dovecot-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
        os.chmod(self.root, 0o755)  # Dovecot's own users must reach the Maildirs when the tests run as root
        self.port = free_port()
        self.password = password
        if os.getuid() == 0:  # Dovecot's login processes refuse to run as root: use the package's users
            internal, login = pwd.getpwnam("dovecot"), pwd.getpwnam("dovenull")
            self.uid, self.gid = internal.pw_uid, internal.pw_gid
            names = ("dovecot", "dovecot", login.pw_name)
        else:
            me = pwd.getpwuid(os.getuid())
            self.uid, self.gid = me.pw_uid, me.pw_gid
            names = (me.pw_name, grp.getgrgid(me.pw_gid).gr_name, me.pw_name)
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir()
        self._own(self.root / "mail")
        self._own(self.root / "home")
        (self.root / "dovecot.conf").write_text(DOVECOT_CONF.format(
            root=self.root, internal=names[0], internal_group=names[1], login=names[2], uid=self.uid, gid=self.gid,
            port=self.port, password=password))
        self.proc: subprocess.Popen | None = None

    def _maildir(self, user: str) -> Path:
        folder = self.root / "mail" / user
        if not (folder / "new").exists():
            for sub in ("cur", "new", "tmp"):
                (folder / sub).mkdir(parents=True, exist_ok=True)
            self._own(folder)
        return folder

    def _own(self, path: Path) -> None:
        if os.getuid() == 0:
            for dirpath, _dirs, files in os.walk(path):
                os.chown(dirpath, self.uid, self.gid)
                for f in files:
                    os.chown(os.path.join(dirpath, f), self.uid, self.gid)

    def deliver(self, user: str, raw: bytes) -> None:
        """Put a message in the user's INBOX the way a delivery agent does (Maildir new/)."""
        folder = self._maildir(user)
        name = f"{time.time():.6f}.{uuid.uuid4().hex}.hirebot-test"
        tmp = folder / "tmp" / name
        tmp.write_bytes(raw)
        if os.getuid() == 0:
            os.chown(tmp, self.uid, self.gid)
        os.rename(tmp, folder / "new" / name)

    def file_sent(self, user: str, raw: bytes) -> None:
        """Put a copy in the user's Sent folder, as Gmail and Fastmail do with what SMTP accepted."""
        folder = self._maildir(user) / ".Sent"
        if not (folder / "new").exists():
            for sub in ("cur", "new", "tmp"):
                (folder / sub).mkdir(parents=True, exist_ok=True)
            self._own(folder)
        path = folder / "new" / f"{time.time():.6f}.{uuid.uuid4().hex}.hirebot-sent"
        path.write_bytes(raw)
        if os.getuid() == 0:
            os.chown(path, self.uid, self.gid)

    def deliver_many(self, user: str, raws: list[bytes]) -> None:
        """Many messages at once, straight into cur/ (as if read long ago)."""
        folder = self._maildir(user) / "cur"
        for i, raw in enumerate(raws):
            path = folder / f"{1700000000 + i}.M{i}P1.{uuid.uuid4().hex[:12]}.hirebot-bulk:2,S"
            path.write_bytes(raw)
            if os.getuid() == 0:
                os.chown(path, self.uid, self.gid)

    def start(self) -> "Dovecot":
        """Start Dovecot in the foreground (a child process) and wait for its port."""
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.log()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"dovecot did not listen: {self.log()[-2000:]}")

    def log(self) -> str:
        """Dovecot's log so far."""
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop it and remove its folder."""
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def dovecot_missing() -> str | None:
    """Why Dovecot can't run here (None when it can)."""
    if DOVECOT is None:
        return "Dovecot is not installed (Debian: apt-get install dovecot-imapd)"
    return None
