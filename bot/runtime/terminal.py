"""Slack mrkdwn as rich Text for a terminal: bold, italic, code, whole links, emoji, dates in your timezone."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from rich.emoji import Emoji
from rich.style import Style
from rich.text import Text

# One pass over the markup; bold/italic/strike recurse so a link inside *bold* still renders as a link.
_TOKEN = re.compile(
    r"```(?P<pre>.+?)```"
    r"|`(?P<code>[^`\n]+)`"
    r"|<(?P<angle>[^<>\n]+)>"
    r"|(?<![\w*])\*(?P<bold>[^*\n]+?)\*(?![\w*])"
    r"|(?<![\w_])_(?P<ital>[^_\n]+?)_(?![\w_])"
    r"|(?<![\w~])~(?P<strike>[^~\n]+?)~(?![\w~])",
    re.S,
)
_DATE = re.compile(r"^!date\^(\d+)\^[^|]*(?:\|(.*))?$")
_SHORTCODE = re.compile(r":([a-z0-9_+\-]+):")
# Slack spells a few shortcodes differently from the table rich ships.
_ALIASES = {"thumbsup": "thumbs_up", "thumbsdown": "thumbs_down", "email": "envelope", "+1": "thumbs_up",
            "-1": "thumbs_down", "hourglass": "hourglass_done", "speech_balloon": "speech_balloon"}

LINK = Style(color="cyan", underline=True)
URL = Style(dim=True)
CODE = Style(color="magenta")


def unescape(text: str) -> str:
    """Slack's three escapes back to characters."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def emojize(text: str) -> str:
    """`:warning:` -> ⚠ (unknown shortcodes stay as typed)."""
    def one(m: re.Match[str]) -> str:
        name = _ALIASES.get(m.group(1), m.group(1))
        replaced = Emoji.replace(f":{name}:")
        return m.group(0) if replaced == f":{name}:" else replaced
    return _SHORTCODE.sub(one, text)


def _angle(inner: str, style: Style, tz: ZoneInfo, channels: dict[str, str]) -> Text:
    target, _, label = inner.partition("|")
    if target.startswith(("http://", "https://", "mailto:")):
        url = target
        shown = unescape(label) if label else ""
        out = Text()
        if shown and shown != url and shown != url.split("://", 1)[-1]:
            out.append(emojize(shown), style + LINK + Style(link=url))
            out.append(" ")
        # The URL is one word (spaces cannot occur in it), so wrapping never splits it at a hyphen.
        out.append(url, style + URL + Style(link=url))
        return out
    if target.startswith("@"):
        return Text("@" + (label or channels.get(target[1:], target[1:])), style + Style(bold=True))
    if target.startswith("#"):
        return Text("#" + (label or channels.get(target[1:], target[1:].lower())), style + Style(bold=True))
    date = _DATE.match(inner)
    if date:
        moment = datetime.fromtimestamp(int(date.group(1)), timezone.utc).astimezone(tz)
        return Text(moment.strftime("%a %d %b %Y %H:%M %Z"), style)
    if target.startswith("!"):
        return Text("@" + (label or target[1:]), style)
    return Text(unescape(inner), style)


def mrkdwn(text: str, style: Style | str = "", *, tz: str = "UTC", channels: dict[str, str] | None = None) -> Text:
    """Render Slack mrkdwn (https://docs.slack.dev/messaging/formatting-message-text) as a rich Text."""
    base = Style.parse(style) if isinstance(style, str) else style
    zone = ZoneInfo(tz)
    out = Text()
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(emojize(unescape(text[pos:m.start()])), base)
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind or "")
        if kind in ("pre", "code"):
            out.append(unescape(value.strip("\n")), base + CODE)
        elif kind == "angle":
            out.append_text(_angle(value, base, zone, channels or {}))
        else:
            extra = {"bold": Style(bold=True), "ital": Style(italic=True), "strike": Style(strike=True)}[kind or "bold"]
            out.append_text(mrkdwn(value, base + extra, tz=tz, channels=channels))
    out.append(emojize(unescape(text[pos:])), base)
    return out


def plain(obj: dict | None, style: Style | str = "", *, tz: str = "UTC") -> Text:
    """A Block Kit text object (plain_text or mrkdwn) as rich Text."""
    if not obj:
        return Text()
    if obj.get("type") == "mrkdwn":
        return mrkdwn(obj.get("text", ""), style, tz=tz)
    return Text(emojize(obj.get("text", "")), Style.parse(style) if isinstance(style, str) else style)
