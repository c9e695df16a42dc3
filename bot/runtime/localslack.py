"""A local stand-in for Slack's Web API: the console talks to it, and the tests record through it.

It answers the Web API methods Hirebot calls with the shapes Slack documents, remembers every
call, keeps posted messages (with their metadata) per channel so history can be read back, and
can be told to fail a method (429 with Retry-After, 500) a number of times.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlparse


@dataclass
class Call:
    """One request the app made: the Web API method (or 'response_url'), its arguments, when."""

    method: str
    args: dict[str, Any]
    at: float = field(default_factory=time.time)
    headers: dict[str, str] = field(default_factory=dict)
    answer: dict[str, Any] = field(default_factory=dict)  # what the stand-in replied (e.g. a posted message's ts)


@dataclass
class Failure:
    """A scripted failure: answer `method` with `status` (and Retry-After) `times` times."""

    method: str
    status: int
    times: int = 1
    retry_after: int | None = None
    error: str | None = None  # a Slack `ok: false` error instead of an HTTP failure


class LocalSlack:
    """Serve a Slack Web API stand-in on a loopback port, in a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, latency: float = 0.0,
                 users: dict[str, dict[str, Any]] | None = None, team_id: str = "T0LOCAL",
                 rate_limit_rate: float = 0.0, seed: int = 7, private_channels: set[str] | frozenset[str] = frozenset()):

        self.rate_limit_rate = rate_limit_rate  # share of chat.postMessage calls answered 429 (benchmarks)
        self._rng = random.Random(seed)
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self.latency = latency
        self.users = users or {}
        self.team_id = team_id
        self.private_channels = set(private_channels)  # beside G-prefixed ids: e.g. the console's channel
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.scopes = "commands,chat:write,im:write,users:read,files:write,files:read,channels:read"
        self.files: dict[str, tuple[str, bytes]] = {}  # file id -> (name, bytes): what files.info and downloads serve
        self._lock = threading.Lock()
        self._generation = 0  # bumped by reset(): a late post to an older response_url is kept apart
        self._ts = itertools.count(1)
        self._cond = threading.Condition(self._lock)
        handler = type("Handler", (_Handler,), {"slack": self})
        self.server = _QuietServer((host, port), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="localslack", daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> "LocalSlack":
        """Start serving; returns self."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "LocalSlack":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Base URL for SLACK_API_URL (ends with a slash, as WebClient needs)."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/api/"

    def response_url(self, key: str = "r1") -> str:
        """A response_url that records what the app posts to it."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/response/{self._generation}.{key}"

    # -- inspection --------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        """Every recorded call to one method (e.g. 'chat.postMessage' or 'response_url')."""
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until `count` calls to `method` arrived (or time out); returns them."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count or time.monotonic() >= deadline:
                    return found
                self._cond.wait(timeout=max(0.0, deadline - time.monotonic()))

    def reset(self) -> None:
        """Forget recorded calls, messages and scripted failures."""
        with self._lock:
            self.calls.clear()
            self.failures.clear()
            self.messages.clear()
            self._generation += 1

    def fail(self, method: str, status: int = 429, *, times: int = 1, retry_after: int | None = None,
             error: str | None = None) -> None:
        """Make the next `times` calls to `method` fail with `status` (or a Slack error)."""
        with self._lock:
            self.failures.append(Failure(method, status, times, retry_after, error))

    # -- behaviour ---------------------------------------------------------------------------
    def add_file(self, name: str, data: bytes, file_id: str = "F0EML1") -> str:
        """Hold a file a user uploaded (e.g. in a modal's file input); files.info and its download serve it."""
        with self._lock:
            self.files[file_id] = (name, data)
        return file_id

    def _take_failure(self, method: str) -> Failure | None:
        for f in self.failures:
            if f.method == method and f.times > 0:
                f.times -= 1
                return f
        return None

    def handle(self, method: str, args: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict[str, str], dict[str, Any]]:
        """Record a call and produce (status, headers, body)."""
        if self.latency:
            time.sleep(self.latency)
        with self._cond:
            call = Call(method, args, headers=headers)
            self.calls.append(call)
            self._cond.notify_all()
            failure = self._take_failure(method)
            if failure is None and self.rate_limit_rate and method == "chat.postMessage" \
                    and self._rng.random() < self.rate_limit_rate:
                failure = Failure(method, 429, 0, retry_after=1)
        if failure and failure.error:
            return 200, {}, {"ok": False, "error": failure.error}
        if failure:
            extra = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            return failure.status, extra, {"ok": False, "error": "ratelimited" if failure.status == 429 else "internal_error"}
        answer = self._answer(method, args)
        with self._lock:
            call.answer = answer
        return 200, {"X-OAuth-Scopes": self.scopes}, answer

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    def _answer(self, method: str, a: dict[str, Any]) -> dict[str, Any]:
        ok: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            return ok | {"url": "https://local.slack.test/", "team": "Local team", "user": "hirebot",
                         "team_id": self.team_id, "user_id": "U0HIREBOT", "bot_id": "B0HIREBOT"}
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            channel = a.get("channel", "")
            if method == "chat.postEphemeral":
                return ok | {"message_ts": self._next_ts()}
            ts = a.get("ts") or self._next_ts()
            msg = {"type": "message", "ts": ts, "text": a.get("text", ""), "bot_id": "B0HIREBOT"}
            for key in ("blocks", "metadata"):
                if key in a:
                    msg[key] = json.loads(a[key]) if isinstance(a[key], str) else a[key]
            with self._lock:
                chan = self.messages.setdefault(channel, [])
                if method == "chat.update":
                    chan[:] = [m for m in chan if m["ts"] != ts]
                chan.append(msg)
            if channel.startswith("U"):
                channel = "D" + channel[1:]
            return ok | {"channel": channel, "ts": ts, "message": msg}
        if method == "conversations.history":
            with self._lock:
                msgs = list(reversed(self.messages.get(a.get("channel", ""), [])))
            oldest = float(a.get("oldest") or 0)
            msgs = [m for m in msgs if float(m["ts"]) >= oldest]
            if str(a.get("include_all_metadata", "")).lower() not in ("true", "1"):
                msgs = [{k: v for k, v in m.items() if k != "metadata"} for m in msgs]
            return ok | {"messages": msgs, "has_more": False}
        if method == "conversations.open":
            users = str(a.get("users", "U0"))
            return ok | {"channel": {"id": "D" + users.split(",")[0][1:]}}
        if method == "conversations.info":
            cid = a.get("channel", "C0")
            return ok | {"channel": {"id": cid, "name": cid.lower(), "is_private": cid.startswith("G") or cid in self.private_channels,
                                     "is_im": cid.startswith("D")}}
        if method == "users.info":
            uid = a.get("user", "U0")
            user = self.users.get(uid, {})
            return ok | {"user": {"id": uid, "team_id": self.team_id, "name": user.get("name", uid.lower()),
                                  "real_name": user.get("real_name", "Local User"),
                                  "tz": user.get("tz", "America/New_York"),
                                  "tz_offset": user.get("tz_offset", -18000), "is_admin": user.get("is_admin", True)}}
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            view = a.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            return ok | {"view": (view or {}) | {"id": "V0LOCAL"}}
        if method == "files.getUploadURLExternal":
            host, port = self.server.server_address[:2]
            return ok | {"upload_url": f"http://{host}:{port}/upload/F0LOCAL", "file_id": "F0LOCAL"}
        if method == "files.completeUploadExternal":
            return ok | {"files": [{"id": "F0LOCAL", "title": "chart"}]}
        if method == "files.info":
            fid = str(a.get("file", ""))
            if fid not in self.files:
                return {"ok": False, "error": "file_not_found"}
            name, data = self.files[fid]
            host, port = self.server.server_address[:2]
            url = f"http://{host}:{port}/files-pri/{self.team_id}-{fid}/download/{quote(name)}"
            return ok | {"file": {"id": fid, "name": name, "title": name, "filetype": name.rsplit(".", 1)[-1].lower(),
                                  "mimetype": "message/rfc822", "size": len(data), "url_private": url,
                                  "url_private_download": url}}
        if method == "oauth.v2.access":
            return ok | {"access_token": "xoxb-installed-token", "token_type": "bot", "scope": self.scopes,
                         "bot_user_id": "U0HIREBOT", "app_id": "A0LOCAL",
                         "team": {"id": self.team_id, "name": "Local team"}, "enterprise": None,
                         "authed_user": {"id": "U0INSTALLER"}, "is_enterprise_install": False}
        return ok


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up (a killed process) is not an error worth a traceback."""

    # A tick fans out up to HIREBOT_FANOUT_THREADS posts at once; with the default backlog of 5 the
    # rest waited about a second each for the kernel to retry their connections.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    slack: LocalSlack
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = urlparse(self.path).path
        if path.startswith("/files-pri/"):
            self._download(path)
            return
        ctype = self.headers.get("Content-Type", "")
        if path.startswith("/upload/"):
            args = {"_bytes": len(raw), "_png": b"\x89PNG" in raw[:600]}
        elif "json" in ctype:
            try:
                args = json.loads(raw or b"{}")
            except ValueError:
                args = {}
        elif "form" in ctype:
            args = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
        else:
            args = {"_bytes": len(raw)}
        headers = {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
        headers["has_auth"] = "yes" if self.headers.get("Authorization") else "no"
        if path.startswith("/api/"):
            status, extra, body = self.slack.handle(path[len("/api/"):], args, headers)
        elif path.startswith("/response/"):
            gen, _, key = path.rsplit("/", 1)[-1].partition(".")
            # A background job of an earlier test answering late must not look like this test's reply.
            method = "response_url" if gen == str(self.slack._generation) else "response_url:earlier"
            status, extra, body = self.slack.handle(method, args | {"_key": key}, headers)
        elif path.startswith("/upload/"):
            status, extra, body = self.slack.handle("file_upload", args, headers)
        else:
            status, extra, body = 404, {}, {"ok": False, "error": "unknown_method"}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _download(self, path: str) -> None:
        """A file's url_private_download: its bytes with the bot token, Slack's sign-in page without."""
        fid = path.split("/")[2].rpartition("-")[2]
        authed = (self.headers.get("Authorization") or "").startswith("Bearer ")
        failed, _, _ = self.slack.handle("file_download", {"file": fid}, {"has_auth": "yes" if authed else "no"})
        name_data = self.slack.files.get(fid)
        status, ctype, data = 404, "text/plain", b"not found"
        if failed != 200:  # a scripted failure (fail("file_download", 500))
            status, data = failed, b"failed"
        elif name_data and authed:
            status, ctype, data = 200, "message/rfc822", name_data[1]
        elif name_data:
            status, ctype, data = 200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body>Sign in to Slack</body></html>"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST
