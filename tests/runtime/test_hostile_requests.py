"""Unverified and malformed requests: 401 before any parsing side effect, 400 for a signed body that cannot be
read, 413 over the size cap; never a 500, a logged traceback, or a call out (findings 3, 4 and 11)."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from bot.runtime.gate import answer
from tests.slackkit import SIGNING_SECRET, SlackSender, sign

MALFORMED_TIMESTAMPS = ["abc", "", "1e9", "1700000000.5", "+1700000000", "١٧٠٠٠٠٠٠٠٠", "9" * 5000, "-1", "0x10"]


class Gated:
    """The app in this process behind the same door `hirebot serve` uses (raw bytes in, gate.answer)."""

    def __init__(self, server):
        self.server = server

    def post(self, body: str | bytes, headers: dict[str, str]) -> httpx.Response:
        raw = body.encode() if isinstance(body, str) else body
        reply = answer(self.server.app, raw, query="", headers={k.lower(): v for k, v in headers.items()},
                       max_bytes=self.server.services.settings.max_body_bytes, secret=SIGNING_SECRET)
        text = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
        return httpx.Response(reply.status, content=text.encode())


@pytest.fixture(params=["in-process", "gate", "over-http"])
def door(request):
    """Bolt's dispatch in this process, the WSGI gate in this process, and `hirebot serve` over HTTP."""
    if request.param == "over-http":
        return request.getfixturevalue("http_server")
    server = request.getfixturevalue("server")
    return server if request.param == "in-process" else Gated(server)


@pytest.fixture
def raw_door(request):
    """Doors that take any bytes (Bolt's own BoltRequest would refuse junk before the app sees it)."""
    return request.getfixturevalue("http_server")


def _raw_post(door, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return door.http.post("/slack/events", content=body, headers=headers)


def _no_side_effects(slack, log: str) -> None:
    assert slack.calls == [], [c.method for c in slack.calls]
    assert "Traceback" not in log and "unexpected error" not in log


@pytest.mark.parametrize("timestamp", MALFORMED_TIMESTAMPS)
def test_a_malformed_timestamp_is_401_with_no_call_out(door, slack, team, timestamp):
    sender = SlackSender(door, slack.response_url("t"), team_id=team)
    before = len(door.log()) if hasattr(door, "log") else 0
    body = sender.command_body("/candidate", "add github:mallory")
    # over HTTP a header is bytes; httpx sends a str header only when it is ASCII
    stamp: str | bytes = timestamp.encode() if hasattr(door, "http") else timestamp
    headers = sign(body) | {"X-Slack-Request-Timestamp": stamp}
    assert sender.post(body, "application/x-www-form-urlencoded", headers).status_code == 401
    action = sender.action_body("candidate_pass", "1|1|")
    headers = sign(action) | {"X-Slack-Request-Timestamp": stamp}
    assert sender.post(action, "application/x-www-form-urlencoded", headers).status_code == 401
    time.sleep(0.2)  # an error reply would be posted to response_url from the request thread or the pool
    _no_side_effects(slack, door.log()[before:] if hasattr(door, "log") else "")


JUNK = [
    ("application/json", b"not json"),
    ("application/x-www-form-urlencoded", b"payload=%7Bnot"),
    ("application/x-www-form-urlencoded", b"payload=[]"),
    ("application/x-www-form-urlencoded", b"payload=null"),
    ("application/json", b"null"),
    ("application/json", b"[]"),
    ("application/json", b"\"text\""),
    ("application/json", b"\xff\xfe\x00bad utf-8"),
    ("application/x-www-form-urlencoded", b"command=%2Fcandidate&text=\xff\xfe"),
    ("application/json", b"[" * 100_000 + b"]" * 100_000),
    ("application/json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
    ("text/plain", b""),
]


@pytest.mark.parametrize("content_type,body", JUNK, ids=range(len(JUNK)))
def test_unsigned_junk_is_401_and_signed_junk_is_400_never_500(raw_door, slack, content_type, body):
    before = len(raw_door.log())
    unsigned = _raw_post(raw_door, body, {"Content-Type": content_type})
    assert unsigned.status_code == 401
    try:
        text = body.decode()
    except UnicodeDecodeError:
        text = None
    if text is not None:  # only UTF-8 can carry Slack's signature; anything else stays 401 (tested above)
        signed = _raw_post(raw_door, body, {"Content-Type": content_type} | sign(text))
        assert signed.status_code == 400, (signed.status_code, signed.text[:200])
    _no_side_effects(slack, raw_door.log()[before:])


def test_a_body_over_the_cap_is_413_before_it_is_read(raw_door, slack, team):
    sender = SlackSender(raw_door, slack.response_url("t"), team_id=team)
    body = sender.command_body("/candidate", "add github:" + "a" * 2_000_000)
    started = time.monotonic()
    assert sender.command("/candidate", "add github:" + "a" * 2_000_000).status_code == 413
    assert raw_door.post(body, {"Content-Type": "application/x-www-form-urlencoded"}).status_code == 413
    assert time.monotonic() - started < 3
    _no_side_effects(slack, "")
    assert raw_door.http.get("/healthz").status_code == 200  # the worker is free again
