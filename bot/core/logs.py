"""Logging setup: one format, and no Slack or API token ever reaches a log line."""

from __future__ import annotations

import logging
import re

_TOKEN = re.compile(r"\b(xox[abposer]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|gh[pousr]_[A-Za-z0-9]{10,}|hf_[A-Za-z0-9]{10,})")
_BEARER = re.compile(r"(Bearer\s+)[^\s'\"]+", re.IGNORECASE)


def redact(text: str) -> str:
    """Replace anything that looks like a token with a marker."""
    return _BEARER.sub(r"\1[redacted]", _TOKEN.sub("[redacted-token]", text))


_BODY_LOGGERS = ("slack_sdk", "slack_bolt", "httpx", "httpcore", "urllib3", "sqlalchemy.engine", "gunicorn.access")


class RedactTokens(logging.Filter):
    """A filter that rewrites each record's final message with tokens redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


class RedactingFormatter(logging.Formatter):
    """Also redacts tracebacks, which the filter never sees (they are formatted later)."""

    def formatException(self, ei) -> str:  # noqa: N802, ANN001 - logging's API
        return redact(super().formatException(ei))


def _quiet_body_loggers(level: int) -> None:
    # At DEBUG these print whole request and response bodies (a digest's candidates, a card, an export):
    # Hirebot's own DEBUG lines stay, theirs start at INFO.
    for name in _BODY_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, level))


def setup_logging(level: str = "INFO") -> None:
    """Configure the root logger once, with the redacting filter on its handler."""
    root = logging.getLogger()
    if any(isinstance(f, RedactTokens) for h in root.handlers for f in h.filters):
        root.setLevel(level.upper())
        _quiet_body_loggers(root.level)
        return
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root.addHandler(handler)
    root.setLevel(level.upper())
    logging.getLogger("alembic").setLevel(max(logging.WARNING, root.level))
    _quiet_body_loggers(root.level)
