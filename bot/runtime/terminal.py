"""Render a Slack message (text + Block Kit) for a terminal: sections, fields, buttons as labels."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime, timezone
from typing import Any

_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BARE = re.compile(r"<(https?://[^>|]+)>")
_DATE = re.compile(r"<!date\^(\d+)\^[^|]*\|([^>]*)>")
_USER = re.compile(r"<@([A-Z0-9]+)>")
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]*))?>")


def mrkdwn_to_text(text: str) -> str:
    """Turn Slack mrkdwn into readable plain text (links become `text (url)`)."""
    text = _DATE.sub(lambda m: datetime.fromtimestamp(int(m.group(1)), timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), text)
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    text = _BARE.sub(r"\1", text)
    text = _USER.sub(r"@\1", text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text


def _text(obj: dict[str, Any] | None) -> str:
    if not obj:
        return ""
    return mrkdwn_to_text(obj.get("text", "")) if obj.get("type") == "mrkdwn" else obj.get("text", "")


def _element(el: dict[str, Any]) -> str:
    kind = el.get("type")
    if kind == "button":
        style = {"primary": "*", "danger": "!"}.get(el.get("style", ""), "")
        return f"[{style}{_text(el.get('text'))}]"
    if kind == "overflow":
        return "[⋯ " + " | ".join(_text(o.get("text")) for o in el.get("options", [])) + "]"
    if kind in ("static_select", "users_select", "channels_select", "conversations_select"):
        return f"[{_text(el.get('placeholder')) or 'select'} ▾]"
    if kind == "image":
        return f"(image: {el.get('alt_text', '')})"
    if kind in ("mrkdwn", "plain_text"):
        return _text(el)
    return f"({kind})"


def render_blocks(blocks: list[dict[str, Any]], width: int = 100) -> str:
    """Lay out blocks as plain text lines."""
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text(block.get("text"))
            out += [title.upper(), "=" * min(width, len(title))]
        elif kind == "section":
            if block.get("text"):
                out += [textwrap.fill(line, width, subsequent_indent="  ") if line else "" for line in _text(block["text"]).split("\n")]
            for f in block.get("fields", []):
                out.append("  " + _text(f).replace("\n", " "))
            if block.get("accessory"):
                out.append("  " + _element(block["accessory"]))
        elif kind == "divider":
            out.append("-" * min(width, 60))
        elif kind == "context":
            out.append("  " + "  ".join(_element(e) for e in block.get("elements", [])))
        elif kind == "actions":
            out.append("  " + " ".join(_element(e) for e in block.get("elements", [])))
        elif kind == "image":
            out.append(f"(image: {block.get('alt_text', '')})")
        elif kind == "rich_text":
            out.append("(rich text)")
        elif kind == "input":
            out.append(f"{_text(block.get('label'))}: {_element(block.get('element', {}))}")
    return "\n".join(out)


def render_message(message: dict[str, Any], width: int = 100) -> str:
    """A whole message: its blocks when it has them, else its text."""
    blocks = message.get("blocks")
    if isinstance(blocks, list) and blocks:
        return render_blocks(blocks, width)
    return mrkdwn_to_text(str(message.get("text", "")))
