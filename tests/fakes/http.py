"""Serve an httpx handler (request -> response, like the fakes here) over real HTTP on loopback."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import httpx


class HandlerServer:
    """Turn each HTTP request into an httpx.Request for `handler` and send back its httpx.Response."""

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response], upstream: str = "https://api.github.com"):
        fake = handler
        up = httpx.URL(upstream)

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                url = up.copy_with(raw_path=self.path.encode())
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                resp = fake(httpx.Request(self.command, url, headers=headers, content=body))
                data = resp.read()
                self.send_response(resp.status_code)
                for k, v in resp.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "content-encoding", "connection"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL to give the app (e.g. as GITHUB_API_URL)."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "HandlerServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
