"""Render jinja2 templates: Block Kit JSON for messages and views, plain text for drafts."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def escape_mrkdwn(value: Any) -> str:
    """Escape text for Slack mrkdwn: only &, < and > are special."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_date(ts: float | int | datetime, fmt: str = "{date_short_pretty} at {time}", fallback: str | None = None) -> str:
    """A date token Slack shows in the reader's own timezone (from a UNIX time or an aware datetime)."""
    if isinstance(ts, datetime):
        ts = ts.timestamp()
    fb = fallback or datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(ts)}^{fmt}|{fb}>"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL that cannot break out of Slack's <url|text> form (else None)."""
    if not url or not url.startswith(("https://", "http://")) or any(ch in url for ch in "<>| \n\t"):
        return None
    return url


def quote_lines(text: str | None, limit: int = 3000) -> str:
    """Text as a mrkdwn block quote: every line escaped and prefixed with `>`, within `limit` characters."""
    lines = [("> " + escape_mrkdwn(line)) if line.strip() else ">" for line in (text or "").splitlines()]
    out = "\n".join(lines)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def slack_id(value: Any) -> str:
    """A Slack user/channel id for `<@...>`/`<#...>`: letters and digits only, so nothing can be injected."""
    return "".join(ch for ch in str(value or "") if ch.isalnum())


def truncate(value: Any, limit: int) -> str:
    """Cut text to Slack's limits, ending with an ellipsis when cut."""
    text = str(value)
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared jinja2 environment (strict: a missing value is an error, not an empty string)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["mrkdwn"] = escape_mrkdwn
    env.filters["truncate_to"] = truncate
    env.filters["slack_date"] = slack_date
    env.filters["safe_url"] = safe_url
    env.filters["quote_lines"] = quote_lines
    env.filters["slack_id"] = slack_id
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return env


def render(template_name: str, **ctx: Any) -> dict[str, Any]:
    """Render a `.json.j2` template to a dict (a message or a view)."""
    return json.loads(environment().get_template(template_name).render(**ctx))


def render_text(template_name: str, **ctx: Any) -> str:
    """Render a text template (an outreach draft) to a string."""
    return environment().get_template(template_name).render(**ctx).strip()
