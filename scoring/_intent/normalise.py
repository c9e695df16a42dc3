"""Reply text normalising: Slack escaping, quoted history, emoji as words, straight punctuation."""

from __future__ import annotations

import re
import unicodedata

_SLACK_TOKEN = re.compile(r"<([^<>]+)>")
_QUOTE_CUT = re.compile(
    r"^\s*(?:-{2,}\s*original message\s*-{2,}|on .{3,160}wrote:|am .{3,160}schrieb.{0,60}:"
    r"|el .{3,160}escribi[oó]:|le .{3,160}a [ée]crit\s?:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_THUMBS_UP = re.compile(r"\U0001F44D[\U0001F3FB-\U0001F3FF]?|:(?:\+1|thumbsup|thumbs_up)(?:::skin-tone-\d)?:")
_THUMBS_DOWN = re.compile(r"\U0001F44E[\U0001F3FB-\U0001F3FF]?|:(?:-1|thumbsdown|thumbs_down)(?:::skin-tone-\d)?:")
_SHORTCODE = re.compile(r":[a-z][a-z0-9_+-]*:")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                         "\u2014": " - ", "\u2013": " - ", "\u2026": "..."})


def _slack_token(m: re.Match[str]) -> str:
    body = m.group(1)
    target, _, label = body.partition("|")
    if target.startswith("mailto:"):
        return target[len("mailto:"):]
    if target.startswith("@"):
        return target  # user mention: keep the id, it is the handle we can act on
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        return ""  # <!here>, <!channel>
    if re.match(r"[a-z][a-z0-9+.-]*://", target):
        return target
    return m.group(0)


def _normalise(text: str) -> str:
    """Undo Slack escaping, drop quoted history, map emoji to words, straighten punctuation."""
    text = unicodedata.normalize("NFC", text or "")
    text = _SLACK_TOKEN.sub(_slack_token, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    cut = _QUOTE_CUT.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    text = _THUMBS_UP.sub(" thumbs-up ", text)
    text = _THUMBS_DOWN.sub(" thumbs-down ", text)
    text = _SHORTCODE.sub(" ", text)
    text = text.translate(_QUOTES)
    return re.sub(r"[ \t]+", " ", text).strip()


def _lower_same_length(text: str) -> str:
    # Spans found in the lowercase copy must index the original, so keep lengths equal.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
