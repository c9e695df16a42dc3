"""The door of /slack/events: size cap, then Slack's signature, then a well-formed body, then Bolt.

Nothing from an unverified request is parsed, logged or acted on: it gets 401 before Bolt sees it.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Callable, Mapping

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware.request_verification import RequestVerification
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

# Unix seconds as Slack sends them: ASCII digits only. int() would also take "١٢", " 12", "1_2" and
# raise on "1e9" or "abc"; a value outside this shape is a failed verification, never an exception.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_JSON_TYPES = ("application/json",)


def _text(value: bytes | str) -> str | None:
    if isinstance(value, str):
        return value
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


def signature_ok(verifier: SignatureVerifier, body: bytes | str, timestamp: Any, signature: Any) -> bool:
    """True only for a well-formed, fresh, matching Slack signature; any malformed part is simply False."""
    if not isinstance(timestamp, str) or not isinstance(signature, str) or not _TIMESTAMP.fullmatch(timestamp):
        return False
    text = _text(body)
    if text is None:  # invalid UTF-8 cannot be what Slack signed
        return False
    try:
        return verifier.is_valid(text, timestamp, signature)
    except (ValueError, TypeError, OverflowError):  # a future slack_sdk stricter than the shape above
        return False


def _first(headers: Mapping[str, Any], name: str) -> Any:
    value = headers.get(name)
    return value[0] if isinstance(value, (list, tuple)) and value else value


class SignedOnly(RequestVerification):
    """Bolt's request verification, with 401 (and no log of the body) for malformed headers instead of an error."""

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:  # noqa: A002
        """Continue only for a verified request (Socket Mode is verified by its connection)."""
        if self._can_skip(req.mode, req.body):
            return next()
        if signature_ok(self.verifier, req.raw_body, _first(req.headers, "x-slack-request-timestamp"),
                        _first(req.headers, "x-slack-signature")):
            return next()
        log.info("refused a request that failed Slack signature verification")
        return self._build_error_response()


def use_safe_verification(app: App, signing_secret: str) -> None:
    """Swap Bolt's verifier for `SignedOnly` in place, so it still runs before authorization (auth.test)."""
    for i, middleware in enumerate(app._middleware_list):  # Bolt builds the list in __init__; no public hook
        if type(middleware) is RequestVerification:
            app._middleware_list[i] = SignedOnly(signing_secret)


def _plain(status: int, text: str) -> BoltResponse:
    return BoltResponse(status=status, body=text, headers={"content-type": "text/plain;charset=utf-8"})


def too_large() -> BoltResponse:
    """413: refused before reading or parsing the body."""
    return _plain(413, "Request body too large")


def _well_formed(body: Any) -> bool:
    """A body Bolt can route: a non-empty object (a form's fields, or the payload/event JSON)."""
    return isinstance(body, dict) and bool(body) and all(isinstance(k, str) for k in body)


def answer(app: App, raw: bytes, *, query: str, headers: Mapping[str, str], max_bytes: int,
           secret: str | None) -> BoltResponse:
    """What POST /slack/events answers for these raw bytes: 413, 401, 400, or Bolt's response."""
    if len(raw) > max_bytes:
        return too_large()
    if secret is not None and not signature_ok(SignatureVerifier(secret), raw,
                                               headers.get("x-slack-request-timestamp"),
                                               headers.get("x-slack-signature")):
        return BoltResponse(status=401, body=json.dumps({"error": "invalid request"}),
                            headers={"content-type": "application/json"})
    text = _text(raw)
    if text is None:
        return _plain(400, "Body is not UTF-8")
    try:
        request = BoltRequest(body=text, query=query, headers=dict(headers))
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
        log.warning("refused a signed request whose body cannot be read")
        return _plain(400, "Body cannot be read")
    if not _well_formed(request.body):
        log.warning("refused a signed request whose body is not an object")
        return _plain(400, "Body is not an object")
    return app.dispatch(request)
